// drilltwin optimise: where to put a limited budget (sites to harden, UAVs to
// station, terminal kits to pre-position) by greedy forward selection on
// common random numbers (src/sweep/optimise.ts). Every evaluation is a sweep
// run on the sweep's own thread pool and worker (cli/sweep.ts sweepPool,
// workers/sweep-worker.ts); each row is appended to DIR/runs.jsonl, keyed by
// the variant's fingerprint (its name) and the seed, so an optimisation
// stopped and started again runs only what it has not.
import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Piscina } from 'piscina';
import { hashValue } from '../src/core/hash.ts';
import { describeJsonSyntax } from '../src/core/json-syntax.ts';
import { formatProblems } from '../src/scenario/load.ts';
import { parseRows, rowKey, type SweepRow, type Variant } from '../src/sweep/index.ts';
import {
  DEFAULT_SHORTLIST,
  budgetCounts,
  budgetOptions,
  budgetScenario,
  checkBudgetIds,
  greedySearch,
  objectiveOf,
  selectionVariant,
  shortlistSites,
  validateBudget,
  type Budget,
  type BudgetOption,
  type Evaluation,
} from '../src/sweep/optimise.ts';
import { optimiseCsv, optimiseHtml, optimiseReport } from '../src/sweep/optimise-report.ts';
import { diskScenarioFiles } from '../workers/disk-files.ts';
import { loadVariantWorld, type SweepTask } from '../workers/sweep-worker.ts';
import { readUserFile, showPath, USER_FILE_LIMITS } from '../workers/user-file.ts';
import { formatHms, parseDurationSec, parseIntOption, UsageError } from './args.ts';
import { EXIT, loadScenarioTargets, loadWorldOrReport, wallClockMs } from './main.ts';
import { checkOutputFolder, writeOutputsAtomically } from './output-files.ts';
import { parseSeeds, sweepPool } from './sweep.ts';

export const OPTIMISE_USAGE = `drilltwin optimise SCENARIO --budget FILE [--seeds 1..N] [--workers K] [--out DIR] [--until 72h] [--json] [--quiet]`;

type Out = { log(s: string): void; err(s: string): void };

function readBudget(path: string, scenarioPath: string, out: Out): Budget | null {
  const text = readUserFile(path, { label: '--budget', maxBytes: USER_FILE_LIMITS.variantsBytes });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    out.err(`${showPath(path)}: ${describeJsonSyntax(text)}`);
    return null;
  }
  const name = basename(path);
  const checked = validateBudget(value, name);
  const problems = checked.ok ? checkBudgetIds(checked.budget, budgetScenario(diskScenarioFiles(scenarioPath)), name) : checked.problems;
  if (!checked.ok || problems.length) {
    out.err(`${showPath(path)}: the budget file is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):`);
    out.err(formatProblems(problems));
    return null;
  }
  return checked.budget;
}

/** Most runs the search can ask for: the base, then at each step every option not yet chosen (UAVs already stationed only lower it). */
function maxRuns(options: readonly BudgetOption[], counts: ReturnType<typeof budgetCounts>, seeds: number): number {
  const perKind = { harden: 0, uav: 0, kit: 0 };
  for (const o of options) perKind[o.kind]++;
  const steps = Math.min(counts.harden, perKind.harden) + Math.min(counts.uav, perKind.uav) + Math.min(counts.kit, perKind.kit);
  let variants = 1;
  for (let i = 0; i < steps; i++) variants += options.length - i;
  return variants * seeds;
}

export async function optimiseCommand(argv: string[], out: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      budget: { type: 'string' },
      seeds: { type: 'string' },
      workers: { type: 'string' },
      out: { type: 'string' },
      until: { type: 'string' },
      json: { type: 'boolean' },
      quiet: { type: 'boolean' },
    },
  });
  if (positionals.length !== 1) throw new UsageError('expected exactly one SCENARIO path');
  if (!values.budget) throw new UsageError('--budget is required, e.g. --budget scenarios/jishishan-2023/budget.example.json');
  const scenarioPath = positionals[0];
  const world = loadWorldOrReport(scenarioPath, out);
  if (!world) return EXIT.INVALID;
  const budget = readBudget(values.budget, scenarioPath, out);
  if (!budget) return EXIT.INVALID;
  const budgetFile = basename(values.budget);
  const seedsText = values.seeds ?? budget.seeds;
  if (!seedsText) throw new UsageError('--seeds is required when the budget file gives no seeds, e.g. --seeds 1..40');
  const seeds = parseSeeds(seedsText);
  const untilSec = values.until ? parseDurationSec('--until', values.until) : world.durationSec;
  if (untilSec <= 0 || untilSec > world.durationSec) throw new UsageError(`--until: ${untilSec} s is outside the scenario, expected 1 s to ${world.durationSec / 3600} h`);
  const profileOrInvalid = loadScenarioTargets(scenarioPath, world, out);
  if (profileOrInvalid === 'invalid') return EXIT.INVALID;
  const profile = profileOrInvalid;
  const objectiveResult = objectiveOf(budget.objective, profile);
  if (!objectiveResult.ok) {
    out.err(`${showPath(values.budget)}: the budget file is invalid (1 problem):\n${budgetFile}#/objective: ${objectiveResult.message}`);
    return EXIT.INVALID;
  }
  const objective = objectiveResult.objective;
  const outDir = values.out ?? `optimise-${world.scenarioId}`;
  checkOutputFolder('--out', outDir);
  const scenario = budgetScenario(diskScenarioFiles(scenarioPath));
  // A variant's fingerprint covers the base scenario, the run length and the profile: rows of another setup never match.
  const context = `${world.sha256}|${untilSec}|${profile ? hashValue(profile) : 'no-profile'}`;

  // Every option at once (the first airfield per UAV) is loaded here: a budget whose edits make the scenario invalid stops before any run.
  const everything = budgetOptions(budget, scenario, scenario.sites.filter((s) => s.siteClass !== 'super').map((s) => s.id)).filter(
    (o, i, all) => o.kind !== 'uav' || all.findIndex((x) => x.uav === o.uav) === i,
  );
  const probe = loadVariantWorld(scenarioPath, selectionVariant(budget, everything, context), budgetFile);
  if (!probe.ok) {
    out.err(`${showPath(values.budget)}: ${probe.message}`);
    return EXIT.INVALID;
  }

  mkdirSync(outDir, { recursive: true });
  const runsPath = join(outDir, 'runs.jsonl');
  const have = new Map<string, SweepRow>();
  if (existsSync(runsPath)) {
    const text = readUserFile(runsPath, { label: '--out', maxBytes: USER_FILE_LIMITS.sweepRunsBytes });
    const parsed = parseRows(text);
    if (parsed.badLine !== null) throw new UsageError(`${showPath(runsPath)}:${parsed.badLine}: not a sweep row; use another --out or remove the file`);
    for (const row of parsed.rows) have.set(rowKey(row.variant, row.seed), row);
    if (parsed.complete.length !== text.length) writeFileSync(runsPath, parsed.complete);
  }
  const fromFile = have.size;

  const workers = values.workers !== undefined ? parseIntOption('--workers', values.workers, 1, 256) : Math.max(1, Math.min(availableParallelism(), 8));
  let pool: Piscina | null = null;
  // Runs counted once per (variant, seed) asked for: the base is asked twice (for the shortlist, then by the search).
  const askedKeys = new Set<string>();
  const inFile = new Set(have.keys());
  let ran = 0;
  let done = 0; // runs asked for that have their row
  let ceiling: number | null = null; // known once the options are
  const asked = () => askedKeys.size;
  const cached = () => [...askedKeys].filter((k) => inFile.has(k)).length;
  const startedMs = wallClockMs();
  let lastShownMs = 0;
  const show = (force = false) => {
    if (values.quiet) return;
    const now = wallClockMs();
    if (!force && now - lastShownMs < (process.stderr.isTTY ? 500 : 5000)) return;
    lastShownMs = now;
    const elapsedSec = (now - startedMs) / 1000;
    if (ceiling === null) {
      out.err(`  base: ${done} of ${seeds.length} runs done, ${elapsedSec.toFixed(0)} s`);
      return;
    }
    const left = Math.max(0, ceiling - done);
    const leftSec = ran ? (elapsedSec / ran) * left : NaN;
    out.err(`  ${done} of at most ${ceiling} runs done (${ran} run now, ${cached()} from an earlier runs.jsonl), ${elapsedSec.toFixed(0)} s${ran && left ? `, at most about ${leftSec < 3600 ? `${Math.round(leftSec)} s` : formatHms(Math.round(leftSec))} left` : ''}`);
  };

  const evaluate = async (variants: Variant[], evalSeeds: number[]): Promise<Evaluation> => {
    const tasks: SweepTask[] = [];
    for (const v of variants) {
      for (const seed of evalSeeds) {
        const key = rowKey(v.name, seed);
        if (!askedKeys.has(key) && have.has(key)) done++;
        askedKeys.add(key);
        if (!have.has(key)) tasks.push({ scenarioPath: resolve(scenarioPath), variantsFile: budgetFile, variant: v, seed, untilSec, profile });
      }
    }
    if (tasks.length) {
      pool ??= sweepPool(workers);
      const p = pool;
      await Promise.all(
        tasks.map(async (task) => {
          const row = (await p.run(task)) as SweepRow;
          appendFileSync(runsPath, JSON.stringify(row) + '\n');
          have.set(rowKey(row.variant, row.seed), row);
          ran++;
          done++;
          show();
        }),
      );
    }
    const result: Evaluation = new Map();
    for (const v of variants) {
      const bySeed = new Map<number, number>();
      for (const seed of evalSeeds) {
        const x = objective.value(have.get(rowKey(v.name, seed))!);
        if (x !== null && Number.isFinite(x)) bySeed.set(seed, x);
      }
      result.set(v.name, bySeed);
    }
    return result;
  };

  const notes: string[] = [];
  let report;
  try {
    // The base first: "auto" shortlists sites from its rows (the search then finds them in the cache).
    const base = selectionVariant(budget, [], context);
    if (!values.quiet) out.err(`optimise ${world.scenarioId}: objective ${objective.name} (${objective.metric}, ${objective.higherIsBetter ? 'higher' : 'lower'} is better), ${seeds.length} seeds, ${fromFile ? `${fromFile} rows already in ${showPath(runsPath)}, ` : ''}${workers} worker${workers === 1 ? '' : 's'}`);
    const baseValues = await evaluate([base], seeds);
    if (baseValues.get(base.name)!.size === 0) {
      // e.g. "pass": a run is judged only when every indicator is measured, and a headless run raises no support requests (README, What-if sweeps).
      out.err(`${showPath(values.budget)}: the budget file is invalid (1 problem):\n${budgetFile}#/objective: ${JSON.stringify(objective.name)} was not measured in any of the ${seeds.length} base runs, expected an objective the runs measure, such as "serviceLoss"`);
      return EXIT.INVALID;
    }
    let shortlist: { id: string; populationHours: number }[] | null = null;
    if (budget.hardenSites?.candidates === 'auto') {
      const n = budget.hardenSites.shortlist ?? DEFAULT_SHORTLIST;
      shortlist = shortlistSites(scenario, seeds.map((s) => have.get(rowKey(base.name, s))!), n);
      if (!shortlist) {
        out.err(`${showPath(runsPath)}: the base rows carry no per-site outage hours (rows of an older drilltwin); use another --out or remove the file`);
        return EXIT.INVALID;
      }
      if (shortlist.every((x) => x.populationHours === 0)) notes.push('No site went off air in the base runs: the "auto" shortlist is the first sites in scenario order, and hardening them can gain nothing on these seeds.');
    }
    const options = budgetOptions(budget, scenario, shortlist?.map((x) => x.id) ?? []);
    const counts = budgetCounts(budget);
    ceiling = maxRuns(options, counts, seeds.length);
    if (!values.quiet) out.err(`  ${options.length} options (budget: ${counts.harden} site${counts.harden === 1 ? '' : 's'} to harden, ${counts.uav} UAV${counts.uav === 1 ? '' : 's'} to station, ${counts.kit} kit${counts.kit === 1 ? '' : 's'}); base mean ${objective.metric} ${fmt(mean(baseValues.get(base.name)!))}`);
    const result = await greedySearch({
      budget,
      options,
      counts,
      higherIsBetter: objective.higherIsBetter,
      seeds,
      context,
      evaluate,
      onStep: (s) => {
        if (values.quiet) return;
        show(true);
        const d = s.marginal;
        out.err(`  step ${s.step}: ${s.chosen.id}, marginal ${fmtSigned(d.mean)} ${objective.unit} (95 % ${d.ci95.lo === null ? d.ci95.why : `${fmt(d.ci95.lo)} … ${fmt(d.ci95.hi)}`})`);
      },
    });
    const wallSec = (wallClockMs() - startedMs) / 1000;
    report = optimiseReport({ scenario: world.scenarioId, budgetFile, budget, objective, seeds, untilSec, profile: profile?.id ?? null, shortlist, options, result, runs: { asked: asked(), ran, fromCache: cached() }, wallSec, notes });
  } catch (err) {
    out.err(`drilltwin optimise: a run failed: ${err instanceof Error ? err.message : String(err)}`);
    return EXIT.FAILED;
  } finally {
    if (pool) await (pool as Piscina).destroy();
  }
  writeOutputsAtomically([
    { label: '--out', path: join(outDir, 'optimise.json'), text: JSON.stringify(report, null, 1) + '\n' },
    { label: '--out', path: join(outDir, 'optimise.csv'), text: optimiseCsv(report) },
    { label: '--out', path: join(outDir, 'report.html'), text: optimiseHtml(report) },
  ]);
  if (values.json) {
    out.log(JSON.stringify(report, null, 1));
    return EXIT.OK;
  }
  if (!values.quiet) {
    out.log(`${report.runs.asked} runs (${report.runs.ran} run now, ${report.runs.fromCache} from an earlier runs.jsonl) in ${report.wallSec.toFixed(1)} s; written to ${showPath(outDir)}/ (runs.jsonl, optimise.json, optimise.csv, report.html)`);
    out.log(`  base: ${objective.metric} ${fmt(report.base.mean)} ${objective.unit}`);
    for (const s of report.steps) {
      const d = s.marginal;
      out.log(`  ${s.step}. ${s.chosen.id}: ${objective.metric} ${fmt(s.mean)}, marginal ${fmtSigned(d.mean)} (95 % ${d.ci95.lo === null ? d.ci95.why : `${fmt(d.ci95.lo)} … ${fmt(d.ci95.hi)}`}), wins ${d.winShare === null ? '—' : `${Math.round(d.winShare * d.n)}/${d.n}`}`);
    }
    out.log(`  stopped: ${report.stop.message}`);
    for (const n of report.notes) out.log(`  note: ${n}`);
  }
  return EXIT.OK;
}

const mean = (m: Map<number, number>) => (m.size ? [...m.values()].reduce((a, b) => a + b, 0) / m.size : null);
const fmt = (x: number | null | undefined) => (x === null || x === undefined ? '—' : String(Number(x.toPrecision(4))));
const fmtSigned = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${x >= 0 ? '+' : ''}${fmt(x)}`);
