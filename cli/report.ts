// `drilltwin report REPORT.json [--html OUT.html] [--csv DIR] [--cap DIR]
//  [--lang zh|en] [--targets PROFILE.json] [--observations OBS.json] [--json OUT.json]`:
// scores a run report against a capability-target profile (the one its
// scenario names, else the shipped 2027 profile) and writes the after-action
// report, CSV tables, CAP files of the warnings sent, and the evaluation as
// JSON. The file I/O lives here; scoring itself is pure.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { WarningRecord } from '../src/model/state.ts';
import { renderAarHtml } from '../src/scoring/aar-html.ts';
import { nameBook, type NameBook } from '../src/scoring/names.ts';
import { loadScenario } from '../src/scenario/load.ts';
import { diskScenarioFiles } from './files.ts';
import { warningToCap } from '../src/scoring/cap.ts';
import { seriesToCsv } from '../src/scoring/csv.ts';
import { evaluateTargets, type Evaluation, type ScoredReport } from '../src/scoring/evaluate.ts';
import { formatValue, label, RATING_NAMES, type Lang } from '../src/scoring/i18n.ts';
import { loadObservations, loadProfile, type Observation, type TargetProfile } from '../src/scoring/profile.ts';
import { formatProblem } from '../src/scenario/problems.ts';
import { UsageError } from './args.ts';
import { reportFromText } from './saved-inputs.ts';
import { looksLikeDrill, replayDrillText } from './drill-input.ts';
import { LIMITS } from '../src/scenario/load.ts';
import { readUserFile, showPath, USER_FILE_LIMITS, type UserFileSpec } from '../workers/user-file.ts';
import { checkOutputFile, checkOutputFolder, writeOutputsAtomically, type Output } from './output-files.ts';

type Out = { log(s: string): void; err(s: string): void };

// main.ts's EXIT.OK; not imported, so main.ts can import this file without a cycle.
// Bad input throws UsageError, which main() turns into exit code 2.
const OK = 0;

export const REPORT_USAGE = `drilltwin report REPORT.json|DRILL.json [--html OUT.html] [--csv DIR] [--cap DIR] [--lang zh|en]
                 [--targets PROFILE.json] [--observations OBS.json] [--json OUT.json] [--scenario FOLDER (a drill's)]`;

/** The profile shipped with drilltwin, used when neither --targets nor the scenario names one. */
export const DEFAULT_PROFILE = 'scenarios/targets/2027-emergency-comms.json';

function packagePath(rel: string): string {
  return fileURLToPath(new URL(`../../${rel}`, import.meta.url));
}

/** Shipped scenarios: under ./scenarios, or the package's own scenarios folder. */
function findScenario(id: string): string | null {
  if (!/^[A-Za-z0-9_.-]+$/.test(id)) return null;
  return [`scenarios/${id}/scenario.json`, packagePath(`scenarios/${id}/scenario.json`)].find((c) => existsSync(c)) ?? null;
}

/** The profile the report's scenario names (its `targets` field), when the scenario is found: read as `run` reads it. */
function scenarioTargets(report: ScoredReport, out: Out): { path: string; spec: UserFileSpec } | null {
  const id = report.scenario?.id;
  const path = typeof id === 'string' ? findScenario(id) : null;
  if (!path) return null;
  let doc: { targets?: unknown };
  try {
    doc = JSON.parse(readUserFile(path, { label: '', maxBytes: LIMITS.scenarioBytes }));
  } catch {
    out.err(`note: ${path} could not be read as JSON; using the default target profile`);
    return null;
  }
  if (typeof doc?.targets !== 'string') return null;
  const folder = dirname(resolve(path));
  return {
    path: doc.targets,
    spec: {
      label: `${showPath(path)}#/targets`,
      maxBytes: USER_FILE_LIMITS.targetsBytes,
      within: { root: dirname(folder), base: folder, name: 'the scenario folder or the folder that holds it', allowParent: true },
    },
  };
}

/** Names of the report's scenario's things, so the after-action report says names, not ids; none when the scenario is not at hand. */
function scenarioNames(report: ScoredReport): NameBook | undefined {
  const id = report.scenario?.id;
  const path = typeof id === 'string' ? findScenario(id) : null;
  if (!path) return undefined;
  try {
    const result = loadScenario(diskScenarioFiles(path));
    return result.ok ? nameBook(result.world) : undefined;
  } catch {
    return undefined;
  }
}

function readProfile(path: string, spec: UserFileSpec = { label: '--targets', maxBytes: USER_FILE_LIMITS.targetsBytes }): TargetProfile {
  const result = loadProfile(readUserFile(path, spec), path);
  if (!result.ok) {
    throw new UsageError(`the target profile is invalid (${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}):\n${result.problems.map(formatProblem).join('\n')}`);
  }
  return result.profile;
}

function readObservations(path: string): Observation[] {
  const result = loadObservations(readUserFile(path, { label: '--observations', maxBytes: USER_FILE_LIMITS.observationsBytes }), path);
  if (!result.ok) throw new UsageError(`the observations are invalid:\n${result.problems.map(formatProblem).join('\n')}`);
  return result.observations;
}

export function evaluationSummary(ev: Evaluation, lang: Lang): string {
  const lines = [
    ev.overall.complete
      ? `${ev.profile.id}: score ${ev.overall.score ?? '—'} (${label(RATING_NAMES, ev.overall.rating, lang)})${ev.overall.pass === null ? '' : ev.overall.pass ? ', pass' : ', not passed'}; ${ev.overall.ratedIndicators} of ${ev.overall.totalIndicators} indicators rated (${ev.overall.measuredIndicators} measured from the run)`
      : // Rated only on all the evidence: with indicators unrated the score is provisional and there is no rating or pass.
        `${ev.profile.id}: provisional score ${ev.overall.score ?? '—'}, not rated: ${ev.overall.ratedIndicators} of ${ev.overall.totalIndicators} indicators rated (${ev.overall.measuredIndicators} measured from the run)`,
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
      scenario: { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new UsageError('expected exactly one REPORT.json path');
  const lang = (values.lang ?? 'zh') as Lang;
  if (lang !== 'zh' && lang !== 'en') throw new UsageError(`--lang: "${values.lang}" is not a language, expected zh or en`);
  // Every output is checked before anything is read or scored, and written only when all are ready.
  if (values.html !== undefined) checkOutputFile('--html', values.html);
  if (values.json !== undefined) checkOutputFile('--json', values.json);
  if (values.csv !== undefined) checkOutputFolder('--csv', values.csv);
  if (values.cap !== undefined) checkOutputFolder('--cap', values.cap);

  const path = positionals[0];
  // Checked whole (format, schema, pointers) before anything is read from it.
  const text = readUserFile(path, { label: '', maxBytes: USER_FILE_LIMITS.reportBytes });
  // A console drill is replayed to the report it amounts to.
  const report: ScoredReport = looksLikeDrill(text) ? replayDrillText(text, path, { scenarioPath: values.scenario }).report : reportFromText(text, path);

  const named = values.targets === undefined ? scenarioTargets(report, out) : null;
  const profile = values.targets !== undefined ? readProfile(values.targets) : named ? readProfile(named.path, named.spec) : readProfile(existsSync(DEFAULT_PROFILE) ? DEFAULT_PROFILE : packagePath(DEFAULT_PROFILE));
  const observations = values.observations ? readObservations(values.observations) : [];
  const evaluation = evaluateTargets(report, profile, observations);
  for (const o of evaluation.unmatchedObservations) out.err(`note: observation at tSec ${o.tSec} by ${o.by} names indicator "${o.indicatorId}", which ${profile.id} does not have`);

  // Everything is rendered first; a failure here leaves no file behind.
  const outputs: Output[] = [];
  if (values.cap) {
    const warnings = (report.warnings ?? []) as WarningRecord[];
    const files: Record<string, string> = {};
    for (const w of warnings) {
      const stem = String(w.id).replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 100);
      let name = `${stem}.xml`;
      for (let k = 2; Object.hasOwn(files, name); k++) name = `${stem}-${k}.xml`;
      files[name] = warningToCap(w, { scenarioId: report.scenario.id, seed: report.seed, start: report.start });
    }
    if (warnings.length) outputs.push({ label: '--cap', path: values.cap, files });
    else out.err('note: --cap: the run sent no warnings; nothing written');
  }
  if (values.html) outputs.push({ label: '--html', path: values.html, text: renderAarHtml(report, evaluation, { lang, names: scenarioNames(report) }) });
  if (values.csv) outputs.push({ label: '--csv', path: values.csv, files: seriesToCsv(report, evaluation) });
  if (values.json) outputs.push({ label: '--json', path: values.json, text: JSON.stringify(evaluation, null, 1) + '\n' });
  writeOutputsAtomically(outputs);
  out.log(evaluationSummary(evaluation, lang));
  return OK;
}
