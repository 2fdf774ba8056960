// drilltwin bench --sweep: what the what-if planner sustains on this machine.
// Figures, not pass/fail; each is the median of --runs repetitions (default 3).
//   runs, wallSec, runsPerSec: a sweep of --sweep-runs Jishishan runs (72 h,
//     doctrine on, scored against the scenario's targets) on 2 worker threads,
//     timed like `drilltwin sweep`: from starting the pool (each thread loads
//     the engine and the world) to the last row.
//   speedup1to2: steady-state throughput of 2 workers over 1 on the same
//     seeds, each pool warmed up first (every thread ready, then two runs per
//     thread), so the engine's start-up, paid once per sweep, neither hides
//     nor inflates the scaling.
//   peakRssMb: the process's peak resident set (main thread and workers).
//   cpuSecPerRun: CPU seconds the process spent per run in the big sweep
//     (start-up included), and loadAverage1m before each repetition: on a
//     machine shared with other work the wall time says less than these.
// Rows are counted, not kept: memory stays flat however many runs.
import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Piscina } from 'piscina';
import { median } from 'simple-statistics';
import type { TargetProfile } from '../src/scoring/profile.ts';
import { variantsWithBase } from '../src/sweep/index.ts';
import type { SweepTask } from '../workers/sweep-worker.ts';
import { parseIntOption } from './args.ts';
import { loadScenarioTargets, loadWorldOrReport, wallClockMs } from './main.ts';

type Out = { log(s: string): void; err(s: string): void };

const SCENARIO = fileURLToPath(new URL('../scenarios/jishishan-2023/scenario.json', import.meta.url));
const WORKER = new URL('../workers/sweep-worker.mjs', import.meta.url).href;

function tasksFor(seeds: number[], untilSec: number, profile: TargetProfile | null): SweepTask[] {
  const base = variantsWithBase({ format: 'drilltwin/variants@1', variants: [] })[0];
  return seeds.map((seed) => ({ scenarioPath: resolve(SCENARIO), variantsFile: '', variant: base, seed, untilSec, profile }));
}

/** Runs the tasks on a fresh pool of `workers` threads; seconds from pool start (or, warmed, from after one run per thread) to the last row. */
async function timedSweep(tasks: SweepTask[], workers: number, warm: boolean): Promise<number> {
  const pool = new Piscina({ filename: WORKER, minThreads: workers, maxThreads: workers, idleTimeout: 60_000 });
  try {
    let startedMs = wallClockMs();
    if (warm) {
      // Every thread must have loaded the engine before the clock starts: a thread still starting up would
      // hand its share to the others and time its own start-up. Piscina counts a thread idle once it is ready,
      // so wait for all of them, then give each two runs (its world is loaded and its code warmed).
      const readyByMs = wallClockMs() + 120_000;
      while (pool.idleThreads < workers) {
        if (wallClockMs() > readyByMs) throw new Error(`bench sweep: ${pool.idleThreads} of ${workers} worker threads ready after 120 s`);
        await new Promise((done) => setTimeout(done, 50));
      }
      for (let round = 0; round < 2; round++) await Promise.all(Array.from({ length: workers }, (_, i) => pool.run({ ...tasks[0], seed: 1_000_000 + round * workers + i })));
      startedMs = wallClockMs();
    }
    let rows = 0;
    await Promise.all(tasks.map(async (task) => void ((await pool.run(task)) && rows++)));
    if (rows !== tasks.length) throw new Error(`bench sweep: ${rows} rows for ${tasks.length} runs`);
    return (wallClockMs() - startedMs) / 1000;
  } finally {
    await pool.destroy();
  }
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export async function runSweepBench(argv: string[], out: Out): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { json: { type: 'boolean' }, runs: { type: 'string' }, 'sweep-runs': { type: 'string' }, 'scaling-runs': { type: 'string' } },
  });
  const repeats = values.runs ? parseIntOption('--runs', values.runs, 1, 20) : 3;
  const sweepRuns = values['sweep-runs'] ? parseIntOption('--sweep-runs', values['sweep-runs'], 2, 100_000) : 1000;
  const scalingRuns = values['scaling-runs'] ? parseIntOption('--scaling-runs', values['scaling-runs'], 2, 100_000) : 100;
  const world = loadWorldOrReport(SCENARIO, out);
  if (!world) return 1;
  const profile = loadScenarioTargets(SCENARIO, world, out);
  if (profile === 'invalid') return 1;
  const untilSec = world.durationSec;

  const wall: number[] = [], speedups: number[] = [], one: number[] = [], two: number[] = [], cpuPerRun: number[] = [], load: number[] = [];
  for (let r = 0; r < repeats; r++) {
    out.err(`  sweep bench ${r + 1} of ${repeats}: ${sweepRuns} runs on 2 workers…`);
    load.push(round(loadavg()[0], 1));
    const cpuBefore = process.cpuUsage();
    wall.push(await timedSweep(tasksFor(Array.from({ length: sweepRuns }, (_, i) => i + 1), untilSec, profile), 2, false));
    const cpu = process.cpuUsage(cpuBefore);
    cpuPerRun.push((cpu.user + cpu.system) / 1e6 / sweepRuns);
    out.err(`    ${wall[r].toFixed(1)} s; scaling: ${scalingRuns} runs on 1, then on 2 workers…`);
    const scalingTasks = tasksFor(Array.from({ length: scalingRuns }, (_, i) => i + 1), untilSec, profile);
    one.push(await timedSweep(scalingTasks, 1, true));
    two.push(await timedSweep(scalingTasks, 2, true));
    speedups.push(one[r] / two[r]);
    out.err(`    1 worker ${one[r].toFixed(1)} s, 2 workers ${two[r].toFixed(1)} s: ×${speedups[r].toFixed(2)}`);
  }
  const wallSec = median(wall);
  const result = {
    node: process.version,
    repetitions: repeats,
    sweep: {
      scenario: world.scenarioId,
      simulatedHours: untilSec / 3600,
      doctrineSeats: world.settings.doctrineSeats.length,
      workers: 2,
      runs: sweepRuns,
      wallSec: round(wallSec, 1),
      runsPerSec: round(sweepRuns / wallSec, 1),
      wallSecEach: wall.map((w) => round(w, 1)),
      scalingRuns,
      oneWorkerSec: round(median(one), 1),
      twoWorkersSec: round(median(two), 1),
      speedup1to2: round(median(speedups), 2),
      peakRssMb: round(process.resourceUsage().maxRSS / 1024, 1),
      cpuSecPerRun: round(median(cpuPerRun), 3),
      loadAverage1m: load,
      cores: availableParallelism(),
    },
    target: { runs: 1000, wallSecAtMost: 60, speedup1to2AtLeast: 1.8 },
  };
  if (values.json) out.log(JSON.stringify(result, null, 2));
  else out.log(JSON.stringify(result, null, 2).replace(/[{}",]/g, '').replace(/\n\s*\n/g, '\n'));
  return 0;
}
