// Benchmarks. Each figure is the median of --runs runs (default 5); these
// machines are noisy, so single runs mean little. Targets live in the
// README, next to what was measured.
import { parseArgs } from 'node:util';
import { median } from 'simple-statistics';
import { runScenario } from '../engine/run.ts';
import { Sim, buildWorldIndex } from '../engine/sim.ts';
import { loadScenario } from '../scenario/load.ts';
import { diskScenarioFiles } from './files.ts';
import { parseIntOption } from './args.ts';
import { wallClockMs } from './main.ts';

type Out = { log(s: string): void; err(s: string): void };

function timeIt<T>(fn: () => T): { ms: number; value: T } {
  const start = wallClockMs();
  const value = fn();
  return { ms: wallClockMs() - start, value };
}

function benchScenario(path: string, runs: number) {
  const load: number[] = [], mainshock: number[] = [], run: number[] = [];
  let simulatedSec = 0;
  let peakHeapMb = 0;
  for (let i = 0; i < runs; i++) {
    const loaded = timeIt(() => loadScenario(diskScenarioFiles(path)));
    if (!loaded.value.ok) throw new Error(`${path} does not load`);
    const world = loaded.value.world;
    load.push(loaded.ms);
    // Mainshock: damage, cascade and coverage for the first shock, engine time only.
    const index = buildWorldIndex(world);
    const sim = Sim.create(world, world.defaultSeed, index);
    mainshock.push(timeIt(() => sim.advanceTo(world.earthquakes[0].tSec)).ms);
    const full = timeIt(() => runScenario(world, { seed: world.defaultSeed, untilSec: world.durationSec }));
    run.push(full.ms);
    simulatedSec = world.durationSec;
    peakHeapMb = Math.max(peakHeapMb, process.memoryUsage().heapUsed / 2 ** 20);
  }
  const runMs = median(run);
  return {
    scenario: path,
    runs,
    loadMs: round(median(load)),
    mainshockMs: round(median(mainshock)),
    runMs: round(runMs),
    simulatedHours: simulatedSec / 3600,
    simSpeedRatio: Math.round((simulatedSec * 1000) / runMs),
    peakHeapMb: round(peakHeapMb),
  };
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

export async function runBench(argv: string[], out: Out): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean' }, runs: { type: 'string' }, scenario: { type: 'string' } } });
  const runs = values.runs ? parseIntOption('--runs', values.runs, 1, 50) : 5;
  const path = values.scenario ?? 'scenarios/jishishan-2023/scenario.json';
  const result = benchScenario(path, runs);
  if (values.json) out.log(JSON.stringify(result, null, 2));
  else for (const [k, v] of Object.entries(result)) out.log(`${k.padEnd(16)} ${v}`);
  return 0;
}
