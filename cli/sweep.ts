// drilltwin sweep: every variant of a variants file on the same seeds, in a
// pool of worker threads, one JSON line per run appended to DIR/runs.jsonl;
// a stopped sweep resumes and skips the (variant, seed) rows it has. The
// summary, its CSV and an offline HTML report are written at the end.
//
// Why piscina: it is the maintained worker_threads pool of the Node project's
// own contributors (used by Fastify and Vite's ecosystem), with a task queue,
// one-thread-per-core sizing, ESM task modules and clean shutdown; writing
// that by hand over worker_threads would be a second, less tested copy.
import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Piscina } from 'piscina';
import { describeJsonSyntax } from '../src/core/json-syntax.ts';
import { formatProblems, loadScenario } from '../src/scenario/load.ts';
import { parseVary, rangeVariants, type ParamSweep } from '../src/sweep/ranges.ts';
import { loadProfile, type TargetProfile } from '../src/scoring/profile.ts';
import {
  checkVariantIds,
  parseRows,
  rowKey,
  summariseSweep,
  summaryCsv,
  chartsCsv,
  sharePercent,
  summaryHtml,
  validateVariants,
  variantFiles,
  variantParams,
  variantsWithBase,
  type SweepRow,
  type Variant,
} from '../src/sweep/index.ts';
import { diskScenarioFiles } from '../workers/disk-files.ts';
import { loadVariantWorld, type SweepTask } from '../workers/sweep-worker.ts';
import { checkQueueUrl, redisProblem, DEFAULT_QUEUE_NAME, DEFAULT_SHARD_SEEDS, produceOnQueue, recordingFiles, startSweepWorker, type SweepSpec } from '../workers/sweep-queue.ts';
import { readUserFile, showPath, USER_FILE_LIMITS } from '../workers/user-file.ts';
import { formatHms, parseDurationSec, parseIntOption, UsageError } from './args.ts';
import { EXIT, loadScenarioTargets, loadWorldOrReport, wallClockMs } from './main.ts';
import { checkOutputFolder, writeOutputsAtomically } from './output-files.ts';

export const SWEEP_USAGE = `drilltwin sweep SCENARIO --variants FILE --seeds 1..N [--workers K] [--out DIR]
                         [--targets FILE] [--until 72h] [--quiet] [--vary POINTER=LO..HI ...]
                         [--queue redis://HOST:PORT [--queue-name NAME] [--shard-seeds 10]]
       drilltwin sweep-worker --queue redis://HOST:PORT [--queue-name NAME] [--lock-sec 30]`;

type Out = { log(s: string): void; err(s: string): void };

/** The sweep's thread pool: one run (SweepTask → SweepRow) per task, on workers/sweep-worker.ts; `drilltwin optimise` runs on the same. */
export function sweepPool(workers: number): Piscina {
  return new Piscina({ filename: new URL('../workers/sweep-worker.mjs', import.meta.url).href, minThreads: workers, maxThreads: workers, idleTimeout: 1000 });
}

const MAX_SEEDS = 100_000;

/** "1..200", "1,7,42" or a mix ("1..5,42"). */
export function parseSeeds(text: string): number[] {
  const seeds = new Set<number>();
  for (const part of text.split(',').map((p) => p.trim())) {
    const range = /^(\d+)\.\.(\d+)$/.exec(part);
    if (range) {
      const a = parseIntOption('--seeds', range[1], 0, 4_294_967_295), b = parseIntOption('--seeds', range[2], 0, 4_294_967_295);
      if (b < a) throw new UsageError(`--seeds: "${part}" runs backwards, expected FIRST..LAST with FIRST ≤ LAST`);
      if (b - a + 1 + seeds.size > MAX_SEEDS) throw new UsageError(`--seeds: more than ${MAX_SEEDS} seeds`);
      for (let s = a; s <= b; s++) seeds.add(s);
    } else seeds.add(parseIntOption('--seeds', part, 0, 4_294_967_295));
  }
  return [...seeds].sort((x, y) => x - y);
}

function readVariants(path: string, scenarioPath: string, out: Out): Variant[] | null {
  const text = readUserFile(path, { label: '--variants', maxBytes: USER_FILE_LIMITS.variantsBytes });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    out.err(`${showPath(path)}: ${describeJsonSyntax(text)}`);
    return null;
  }
  const name = basename(path);
  const checked = validateVariants(value, name);
  const problems = checked.ok ? checkVariantIds(checked.doc, diskScenarioFiles(scenarioPath), name) : checked.problems;
  if (!checked.ok || problems.length) {
    out.err(`${showPath(path)}: the variants file is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):`);
    out.err(formatProblems(problems));
    return null;
  }
  return variantsWithBase(checked.doc);
}

function readTargets(path: string, out: Out): TargetProfile | null {
  const loaded = loadProfile(readUserFile(path, { label: '--targets', maxBytes: USER_FILE_LIMITS.targetsBytes }), basename(path));
  if (loaded.ok) return loaded.profile;
  out.err(`${showPath(path)}: the target profile is invalid:\n${formatProblems(loaded.problems)}`);
  return null;
}

function progress(out: Out, total: number, quiet: boolean): (done: number) => void {
  const startedMs = wallClockMs();
  const tty = process.stderr.isTTY;
  let lastShownMs = 0;
  return (done) => {
    if (quiet || total === 0) return;
    const now = wallClockMs();
    if (done < total && now - lastShownMs < (tty ? 200 : 5000)) return;
    lastShownMs = now;
    const elapsedSec = (now - startedMs) / 1000;
    const leftSec = done ? (elapsedSec / done) * (total - done) : NaN;
    const width = 30, filled = Math.round((width * done) / total);
    const line = `  [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} runs, ${elapsedSec.toFixed(0)} s${done < total && done ? `, about ${leftSec < 3600 ? `${Math.round(leftSec)} s` : formatHms(Math.round(leftSec))} left` : ''}`;
    if (tty) process.stderr.write(`\r${line}   ${done === total ? '\n' : ''}`);
    else out.err(line);
  };
}

export async function sweepCommand(argv: string[], out: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      variants: { type: 'string' },
      seeds: { type: 'string' },
      workers: { type: 'string' },
      out: { type: 'string' },
      targets: { type: 'string' },
      until: { type: 'string' },
      quiet: { type: 'boolean' },
      queue: { type: 'string' },
      'queue-name': { type: 'string' },
      'shard-seeds': { type: 'string' },
      vary: { type: 'string', multiple: true },
    },
  });
  if (positionals.length !== 1) throw new UsageError('expected exactly one SCENARIO path');
  if (!values.seeds) throw new UsageError('--seeds is required, e.g. --seeds 1..100');
  const scenarioPath = positionals[0];
  const seeds = parseSeeds(values.seeds);
  const world = loadWorldOrReport(scenarioPath, out);
  if (!world) return EXIT.INVALID;
  const outDir = values.out ?? `sweep-${world.scenarioId}`;
  checkOutputFolder('--out', outDir);
  const fileVariants = values.variants ? readVariants(values.variants, scenarioPath, out) : variantsWithBase({ format: 'drilltwin/variants@1', variants: [] });
  if (!fileVariants) return EXIT.INVALID;
  // Parameter ranges: two more variants each, the parameter at either end.
  const ranges: ParamSweep[] = [];
  for (const text of values.vary ?? []) {
    const parsed = parseVary(text);
    if (!parsed.ok) throw new UsageError(parsed.message);
    ranges.push(parsed.sweep);
  }
  const variants = [...fileVariants, ...rangeVariants(ranges)];
  const twice = variants.map((v) => v.name).find((n, i, all) => all.indexOf(n) !== i);
  if (twice) throw new UsageError(`--vary: two variants would be called "${twice}"; vary each parameter once, and rename a file variant of that name`);
  const variantsFile = values.variants ? basename(values.variants) : '';
  const untilSec = values.until ? parseDurationSec('--until', values.until) : world.durationSec;
  if (untilSec <= 0 || untilSec > world.durationSec) throw new UsageError(`--until: ${untilSec} s is outside the scenario, expected 1 s to ${world.durationSec / 3600} h`);
  const profileOrInvalid = values.targets ? readTargets(values.targets, out) ?? 'invalid' : loadScenarioTargets(scenarioPath, world, out);
  if (profileOrInvalid === 'invalid') return EXIT.INVALID;
  const profile = profileOrInvalid;

  // Every variant is loaded here first: an invalid one stops the sweep before any run, and its hash tags its rows.
  const shaOf = new Map<string, string>();
  for (const v of variants) {
    const r = loadVariantWorld(scenarioPath, v, variantsFile);
    if (!r.ok) {
      out.err(`${showPath(values.variants ?? "")}: ${r.message}`);
      return EXIT.INVALID;
    }
    shaOf.set(v.name, r.world.sha256);
  }

  mkdirSync(outDir, { recursive: true });
  const runsPath = join(outDir, 'runs.jsonl');
  const have = new Map<string, SweepRow>();
  if (existsSync(runsPath)) {
    // Through the one reader: a runs.jsonl that is a FIFO, a device, a directory or past its size limit is refused by name.
    const text = readUserFile(runsPath, { label: '--out', maxBytes: USER_FILE_LIMITS.sweepRunsBytes });
    const parsed = parseRows(text);
    if (parsed.badLine !== null) throw new UsageError(`${showPath(runsPath)}:${parsed.badLine}: not a sweep row; use another --out or remove the file`);
    for (const row of parsed.rows) {
      const sha = shaOf.get(row.variant);
      if (sha === undefined) continue; // a variant no longer in the file: kept, not summarised
      if (row.scenarioSha256 !== sha || row.untilSec !== untilSec) {
        throw new UsageError(
          `${showPath(runsPath)}: holds runs of variant "${row.variant}" made from a different scenario, variant or --until; use another --out, or remove the file to start again`,
        );
      }
      have.set(rowKey(row.variant, row.seed), row);
    }
    // A line cut off when the sweep was stopped is dropped and run again.
    if (parsed.complete.length !== text.length) writeFileSync(runsPath, parsed.complete);
  }

  const tasks: SweepTask[] = [];
  for (const v of variants) {
    for (const seed of seeds) if (!have.has(rowKey(v.name, seed))) tasks.push({ scenarioPath: resolve(scenarioPath), variantsFile, variant: v, seed, untilSec, profile });
  }
  const workers = values.workers !== undefined ? parseIntOption('--workers', values.workers, 1, 256) : Math.max(1, Math.min(availableParallelism(), tasks.length));
  if (!values.quiet) {
    out.err(`sweep ${world.scenarioId}: ${variants.length} variants × ${seeds.length} seeds = ${variants.length * seeds.length} runs; ${have.size ? `${variants.length * seeds.length - tasks.length} already in ${showPath(runsPath)}, ` : ''}${tasks.length} to run ${values.queue !== undefined ? "through the queue" : `on ${workers} worker${workers === 1 ? "" : "s"}`}`);
  }

  const startedMs = wallClockMs();
  if (values.queue !== undefined) {
    const bad = checkQueueUrl(values.queue);
    if (bad) throw new UsageError(bad);
    const queueName = values['queue-name'] ?? DEFAULT_QUEUE_NAME;
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(queueName)) throw new UsageError(`--queue-name: "${queueName}" is not a name, expected letters, digits, '_', '.', '-'`);
    const shardSeeds = values['shard-seeds'] ? parseIntOption('--shard-seeds', values['shard-seeds'], 1, 10_000) : DEFAULT_SHARD_SEEDS;
    const unreachable = await redisProblem(values.queue);
    if (unreachable) {
      out.err(unreachable);
      return EXIT.FAILED;
    }
    // Every file the variants read goes into the spec, so workers need no copy of the scenario.
    const rec = recordingFiles(diskScenarioFiles(scenarioPath));
    for (const v of variants) loadScenario(variantFiles(rec.files, v), variantParams(v, variantsFile));
    const spec: SweepSpec = { scenarioId: world.scenarioId, mainName: rec.files.mainName, texts: rec.texts, variantsFile, variants, untilSec, profile };
    const show = progress(out, tasks.length, !!values.quiet);
    let done = 0;
    if (tasks.length) {
      await produceOnQueue({
        url: values.queue,
        queueName,
        spec,
        tasks: tasks.map((t) => ({ variant: t.variant.name, seed: t.seed })),
        shardSeeds,
        idleTimeoutMs: 120_000,
        wallClockMs,
        log: (s) => (values.quiet ? undefined : out.err(s)),
        onRow: (row) => {
          appendFileSync(runsPath, JSON.stringify(row) + '\n');
          have.set(rowKey(row.variant, row.seed), row);
          show(++done);
        },
      });
    }
  } else if (tasks.length) {
    const pool = sweepPool(workers);
    const show = progress(out, tasks.length, !!values.quiet);
    let done = 0;
    try {
      // Rows are appended whole, one line each, from this thread only, as runs finish.
      await Promise.all(
        tasks.map(async (task) => {
          const row = (await pool.run(task)) as SweepRow;
          appendFileSync(runsPath, JSON.stringify(row) + '\n');
          have.set(rowKey(row.variant, row.seed), row);
          show(++done);
        }),
      );
    } finally {
      await pool.destroy();
    }
  }
  const wallSec = (wallClockMs() - startedMs) / 1000;

  const wanted = new Set(variants.flatMap((v) => seeds.map((s) => rowKey(v.name, s))));
  const rows = [...have.entries()].filter(([k]) => wanted.has(k)).map(([, r]) => r);
  const summary = summariseSweep(world.scenarioId, variants, rows, profile);
  writeOutputsAtomically([
    { label: '--out', path: join(outDir, 'summary.json'), text: JSON.stringify(summary, null, 1) + '\n' },
    { label: '--out', path: join(outDir, 'summary.csv'), text: summaryCsv(summary) },
    { label: '--out', path: join(outDir, 'charts.csv'), text: chartsCsv(summary) },
    { label: '--out', path: join(outDir, 'report.html'), text: summaryHtml(summary) },
  ]);
  if (!values.quiet) {
    out.log(`${tasks.length} runs in ${wallSec.toFixed(1)} s${tasks.length ? ` (${(tasks.length / Math.max(wallSec, 1e-9)).toFixed(1)} runs/s ${values.queue !== undefined ? 'through the queue' : `on ${workers} workers`})` : ''}; ${rows.length} rows summarised in ${showPath(outDir)}/ (runs.jsonl, summary.json, summary.csv, charts.csv, report.html)`);
    for (const v of summary.variants) {
      const score = v.metrics.find((m) => m.id === 'score');
      const d = score?.vsBase;
      const ci = (i: { lo: number | null; hi: number | null }) => (i.lo === null ? 'no interval' : `${i.lo.toFixed(2)} … ${i.hi!.toFixed(2)}`);
      out.log(
        `  ${v.name}: ${v.runs} runs` +
          (v.pass?.p != null ? `, pass ${sharePercent(v.pass.p)} % (95 % ${ci({ lo: v.pass.ci95.lo === null ? null : v.pass.ci95.lo * 100, hi: v.pass.ci95.hi === null ? null : v.pass.ci95.hi * 100 })} %)` : '') +
          (score?.mean != null ? `, score ${score.mean.toFixed(2)} (95 % ${ci(score.ci95)})` : '') +
          (d?.mean != null ? `, vs base ${d.mean >= 0 ? '+' : ''}${d.mean.toFixed(2)} (95 % ${ci(d.ci95)})` : ''),
      );
    }
    for (const n of summary.notes) out.log(`  note: ${n}`);
  }
  return EXIT.OK;
}

/** drilltwin sweep-worker: runs shards of queued sweeps until stopped (SIGINT or SIGTERM finish the current shard's run, then stop). */
export async function sweepWorkerCommand(argv: string[], out: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { queue: { type: 'string' }, 'queue-name': { type: 'string' }, 'lock-sec': { type: 'string' }, quiet: { type: 'boolean' } },
  });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (values.queue === undefined) throw new UsageError('--queue is required, e.g. --queue redis://127.0.0.1:6379');
  const bad = checkQueueUrl(values.queue);
  if (bad) throw new UsageError(bad);
  const queueName = values['queue-name'] ?? DEFAULT_QUEUE_NAME;
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(queueName)) throw new UsageError(`--queue-name: "${queueName}" is not a name, expected letters, digits, '_', '.', '-'`);
  const lockSec = values['lock-sec'] ? parseIntOption('--lock-sec', values['lock-sec'], 2, 3600) : 30;
  const unreachable = await redisProblem(values.queue);
  if (unreachable) {
    out.err(unreachable);
    return EXIT.FAILED;
  }
  const worker = startSweepWorker({ url: values.queue, queueName, lockMs: lockSec * 1000, clockMs: wallClockMs, log: (s) => (values.quiet ? undefined : out.err(s)) });
  const stop = () => void worker.close();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  out.err(`sweep-worker: waiting for shards on ${queueName} at ${values.queue}`);
  await worker.done;
  return EXIT.OK;
}
