// drilltwin hindcast: the model against what was observed. Every seed runs
// twice, with the doctrine playing every seat and with no responder at all,
// in the sweep's piscina pool (workers/sweep-worker.mjs, task
// runHindcastTask); each run is read at the times of the scenario's
// metadata.observed points (src/sweep/hindcast.ts), and the median and
// P10–P90 over seeds are printed and written as hindcast.json, hindcast.md (a
// README-ready table) and hindcast.svg (the chart).
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Piscina } from 'piscina';
import { observedOf } from '../src/model/scenario-format.ts';
import { DEPARTMENTS } from '../src/model/seats.ts';
import { DOCTRINE_CASES, HINDCAST_HEADER, hindcastMarkdown, hindcastRows, hindcastSvg, paramsLine, summariseHindcast, TOWNSHIP_HEADER, townshipRows, townshipVerdict, type HindcastRunValues } from '../src/sweep/hindcast.ts';
import { showPath } from '../workers/user-file.ts';
import type { HindcastTask } from '../workers/hindcast-task.ts';
import { parseDurationSec, parseIntOption, UsageError } from './args.ts';
import { EXIT, loadWorldOrReport, wallClockMs } from './main.ts';
import { checkOutputFolder, writeOutputsAtomically } from './output-files.ts';
import { readParamsFile } from './params.ts';
import { parseSeeds } from './sweep.ts';

export const HINDCAST_USAGE = 'drilltwin hindcast SCENARIO [--seeds 1..20] [--workers K] [--out DIR] [--until 72h] [--params PARAMS.json] [--json] [--quiet]';

type Out = { log(s: string): void; err(s: string): void };

/** Columns padded to their widest cell. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export async function hindcastCommand(argv: string[], out: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { seeds: { type: 'string' }, workers: { type: 'string' }, out: { type: 'string' }, until: { type: 'string' }, params: { type: 'string' }, json: { type: 'boolean' }, quiet: { type: 'boolean' } },
  });
  if (positionals.length !== 1) throw new UsageError(`expected exactly one SCENARIO path\n${HINDCAST_USAGE}`);
  const scenarioPath = positionals[0];
  const seeds = parseSeeds(values.seeds ?? '1..20');
  // Overridden parameters (a sensitivity check, say): checked here, the body handed to every run.
  const paramsInput = values.params !== undefined ? readParamsFile(values.params, out) : undefined;
  if (paramsInput === null) return EXIT.INVALID;
  const params = paramsInput ? { file: paramsInput.record.file, body: paramsInput.document } : undefined;
  const world = loadWorldOrReport(scenarioPath, out, paramsInput?.params);
  if (!world) return EXIT.INVALID;
  const observed = observedOf(world.metadata);
  if (!observed) {
    out.err(`${showPath(scenarioPath)}: has no metadata.observed, so there is nothing to compare the model with; add the public figures as metadata.observed (README, "Model against observed")`);
    return EXIT.FAILED;
  }
  const untilSec = values.until ? parseDurationSec('--until', values.until) : world.durationSec;
  if (untilSec <= 0 || untilSec > world.durationSec) throw new UsageError(`--until: ${untilSec} s is outside the scenario, expected 1 s to ${world.durationSec / 3600} h`);
  const late = observed.points.find((p) => p.tHours * 3600 > untilSec);
  if (late) throw new UsageError(`--until: observed point "${late.id}" is at T+${late.tHours} h, after the end of the runs`);
  const outDir = values.out ?? `hindcast-${world.scenarioId}`;
  checkOutputFolder('--out', outDir);

  const doctrineSeatsOn = [...DEPARTMENTS];
  const tasks: HindcastTask[] = seeds.flatMap((seed) => DOCTRINE_CASES.map((doctrine) => ({ scenarioPath: resolve(scenarioPath), seed, doctrine, doctrineSeatsOn, untilSec, ...(params ? { params } : {}) })));
  const workers = values.workers !== undefined ? parseIntOption('--workers', values.workers, 1, 256) : Math.max(1, Math.min(availableParallelism(), tasks.length));
  const quiet = !!values.quiet;
  if (!quiet) out.err(`hindcast ${world.scenarioId}: ${seeds.length} seeds × doctrine on and off = ${tasks.length} runs of ${(untilSec / 3600).toFixed(0)} h on ${workers} worker${workers === 1 ? '' : 's'}, ${observed.points.length} observed points`);

  const startedMs = wallClockMs();
  const tty = process.stderr.isTTY;
  let done = 0, shownMs = 0;
  const show = () => {
    if (quiet) return;
    const now = wallClockMs();
    if (done < tasks.length && now - shownMs < (tty ? 200 : 5000)) return;
    shownMs = now;
    const line = `  ${done}/${tasks.length} runs, ${((now - startedMs) / 1000).toFixed(0)} s`;
    if (tty) process.stderr.write(`\r${line}   ${done === tasks.length ? '\n' : ''}`);
    else out.err(line);
  };
  const pool = new Piscina({ filename: new URL('../workers/sweep-worker.mjs', import.meta.url).href, minThreads: workers, maxThreads: workers, idleTimeout: 1000 });
  let runs: HindcastRunValues[];
  try {
    runs = await Promise.all(
      tasks.map(async (task) => {
        const r = (await pool.run(task, { name: 'runHindcastTask' })) as HindcastRunValues;
        done++;
        show();
        return r;
      }),
    );
  } finally {
    await pool.destroy();
  }
  const wallSec = (wallClockMs() - startedMs) / 1000;

  const summary = summariseHindcast({ scenarioId: world.scenarioId, scenarioSha256: world.sha256, observed, seeds, untilSec, doctrineSeatsOn, runs, world, ...(paramsInput ? { params: paramsInput.record } : {}) });
  const name = world.name.en ?? world.name.zh;
  mkdirSync(outDir, { recursive: true });
  writeOutputsAtomically([
    { label: '--out', path: join(outDir, 'hindcast.json'), text: JSON.stringify(summary, null, 1) + '\n' },
    { label: '--out', path: join(outDir, 'hindcast.md'), text: hindcastMarkdown(summary) },
    { label: '--out', path: join(outDir, 'hindcast.svg'), text: hindcastSvg(summary, `${name}: model against observed, ${seeds.length} seeds / 模型与实测对比`) },
  ]);
  if (values.json) out.log(JSON.stringify(summary, null, 1));
  else {
    out.log(textTable(HINDCAST_HEADER, hindcastRows(summary)));
    if (summary.townships) {
      // The five last restored: the rest are in hindcast.md.
      out.log(`\nTownships, last restored first (doctrine on; the five last, all in hindcast.md):\n${textTable(TOWNSHIP_HEADER, townshipRows(summary.townships).slice(0, 5))}\n${townshipVerdict(summary.townships)}`);
    }
    if (summary.params) out.log(`\n${paramsLine(summary.params)}`);
    const inBand = summary.points.filter((p) => p.inOnBand).length;
    out.log(`\n${inBand} of ${summary.points.length} observed values lie in the doctrine-on P10–P90 band. ${tasks.length} runs in ${wallSec.toFixed(1)} s; written ${showPath(outDir)}/ (hindcast.json, hindcast.md, hindcast.svg)`);
  }
  return EXIT.OK;
}
