// `drilltwin report REPORT.json [--html OUT.html] [--csv DIR] [--cap DIR]
//  [--lang zh|en] [--targets PROFILE.json] [--observations OBS.json] [--json OUT.json]`:
// scores a run report against a capability-target profile (the one its
// scenario names, else the shipped 2027 profile) and writes the after-action
// report, CSV tables, CAP files of the warnings sent, and the evaluation as
// JSON. The file I/O lives here; scoring itself is pure.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { WarningRecord } from '../src/model/state.ts';
import { renderAarHtml } from '../src/scoring/aar-html.ts';
import { warningToCap } from '../src/scoring/cap.ts';
import { seriesToCsv } from '../src/scoring/csv.ts';
import { evaluateTargets, type Evaluation, type ScoredReport } from '../src/scoring/evaluate.ts';
import { formatValue, label, RATING_NAMES, type Lang } from '../src/scoring/i18n.ts';
import { loadObservations, loadProfile, type Observation, type TargetProfile } from '../src/scoring/profile.ts';
import { formatProblem } from '../src/scenario/problems.ts';
import { UsageError } from './args.ts';
import { reportFromText } from './saved-inputs.ts';

type Out = { log(s: string): void; err(s: string): void };

// main.ts's EXIT.OK; not imported, so main.ts can import this file without a cycle.
// Bad input throws UsageError, which main() turns into exit code 2.
const OK = 0;

export const REPORT_USAGE = `drilltwin report REPORT.json [--html OUT.html] [--csv DIR] [--cap DIR] [--lang zh|en]
                 [--targets PROFILE.json] [--observations OBS.json] [--json OUT.json]`;

/** The profile shipped with drilltwin, used when neither --targets nor the scenario names one. */
export const DEFAULT_PROFILE = 'scenarios/targets/2027-emergency-comms.json';

function packagePath(rel: string): string {
  return fileURLToPath(new URL(`../../${rel}`, import.meta.url));
}

function readTextFile(path: string): string {
  if (!existsSync(path)) throw new UsageError(`${path}: file not found`);
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`${path}: could not be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** Shipped scenarios: under ./scenarios, or the package's own scenarios folder. */
function findScenario(id: string): string | null {
  if (!/^[A-Za-z0-9_.-]+$/.test(id)) return null;
  return [`scenarios/${id}/scenario.json`, packagePath(`scenarios/${id}/scenario.json`)].find((c) => existsSync(c)) ?? null;
}

/** The profile the report's scenario names (its `targets` field), when the scenario is found. */
function scenarioTargets(report: ScoredReport, out: Out): string | null {
  const path = findScenario(report.scenario.id);
  if (!path) return null;
  let doc: { targets?: unknown };
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    out.err(`note: ${path} is not valid JSON; using the default target profile`);
    return null;
  }
  return typeof doc?.targets === 'string' ? resolve(dirname(path), doc.targets) : null;
}

function readProfile(path: string): TargetProfile {
  if (!existsSync(path)) throw new UsageError(`--targets: ${path}: file not found`);
  const result = loadProfile(readFileSync(path, 'utf8'), path);
  if (!result.ok) {
    throw new UsageError(`the target profile is invalid (${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}):\n${result.problems.map(formatProblem).join('\n')}`);
  }
  return result.profile;
}

function readObservations(path: string): Observation[] {
  if (!existsSync(path)) throw new UsageError(`--observations: ${path}: file not found`);
  const result = loadObservations(readFileSync(path, 'utf8'), path);
  if (!result.ok) throw new UsageError(`the observations are invalid:\n${result.problems.map(formatProblem).join('\n')}`);
  return result.observations;
}

export function evaluationSummary(ev: Evaluation, lang: Lang): string {
  const lines = [
    `${ev.profile.id}: score ${ev.overall.score ?? '—'} (${label(RATING_NAMES, ev.overall.rating, lang)})${ev.overall.pass === null ? '' : ev.overall.pass ? ', pass' : ', not passed'}; ${ev.overall.ratedIndicators} of ${ev.overall.totalIndicators} indicators rated (${ev.overall.measuredIndicators} measured from the run)`,
  ];
  for (const r of ev.indicators) {
    const name = lang === 'zh' ? r.nameZh : r.nameEn;
    lines.push(`  ${r.rating === 'notMeasured' ? '—' : r.rating} ${r.id.padEnd(28)} ${formatValue(r.value, r.unit, lang).padStart(14)}  ${name}`);
  }
  return lines.join('\n');
}

export function reportCommand(argv: string[], out: Out): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      html: { type: 'string' },
      csv: { type: 'string' },
      cap: { type: 'string' },
      lang: { type: 'string' },
      targets: { type: 'string' },
      observations: { type: 'string' },
      json: { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new UsageError('expected exactly one REPORT.json path');
  const lang = (values.lang ?? 'zh') as Lang;
  if (lang !== 'zh' && lang !== 'en') throw new UsageError(`--lang: "${values.lang}" is not a language, expected zh or en`);

  const path = positionals[0];
  // Checked whole (format, schema, pointers) before anything is read from it.
  const report: ScoredReport = reportFromText(readTextFile(path), path);

  const profilePath = values.targets ?? scenarioTargets(report, out) ?? (existsSync(DEFAULT_PROFILE) ? DEFAULT_PROFILE : packagePath(DEFAULT_PROFILE));
  const profile = readProfile(profilePath);
  const observations = values.observations ? readObservations(values.observations) : [];
  const evaluation = evaluateTargets(report, profile, observations);
  for (const o of evaluation.unmatchedObservations) out.err(`note: observation at tSec ${o.tSec} by ${o.by} names indicator "${o.indicatorId}", which ${profile.id} does not have`);

  if (values.cap) {
    const warnings = (report.warnings ?? []) as WarningRecord[];
    mkdirSync(values.cap, { recursive: true });
    for (const w of warnings) {
      writeFileSync(join(values.cap, `${w.id.replace(/[^A-Za-z0-9_.-]/g, '_')}.xml`), warningToCap(w, { scenarioId: report.scenario.id, seed: report.seed, start: report.start }));
    }
    if (!warnings.length) out.err('note: --cap: the run sent no warnings; nothing written');
  }
  if (values.html) writeFileSync(values.html, renderAarHtml(report, evaluation, { lang }));
  if (values.csv) {
    mkdirSync(values.csv, { recursive: true });
    for (const [name, text] of Object.entries(seriesToCsv(report, evaluation))) writeFileSync(join(values.csv, name), text);
  }
  if (values.json) writeFileSync(values.json, JSON.stringify(evaluation, null, 1) + '\n');
  out.log(evaluationSummary(evaluation, lang));
  return OK;
}
