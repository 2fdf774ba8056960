// Benchmarks: figures, not pass/fail. Each is the median of --runs runs
// (default 5); these machines are noisy. Targets and the figures measured
// are written in the README.
//   jishishan: the shipped county scenario, load + 72 h run.
//   province:  the generated province (20,000 sites, 2,000 substations,
//              60,000 road edges, 1,500 townships): load, then the mainshock's
//              damage, cascade and coverage (engine time), then a 72 h run.
import { parseArgs } from 'node:util';
import { median } from 'simple-statistics';
import { runScenario } from '../src/engine/run.ts';
import { Sim, buildWorldIndex } from '../src/engine/sim.ts';
import { generateProvince } from '../tools/generate-province.ts';
import { formatProblems, loadScenario, type ScenarioFiles } from '../src/scenario/load.ts';
import { memoryScenarioFiles } from '../src/scenario/memory-files.ts';
import { diskScenarioFiles } from './files.ts';
import { benchRouteQueries } from '../src/response/routing.ts';
import { parseIntOption } from './args.ts';
import { wallClockMs } from './main.ts';

type Out = { log(s: string): void; err(s: string): void };

function timeIt<T>(fn: () => T): { ms: number; value: T } {
  const start = wallClockMs();
  const value = fn();
  return { ms: wallClockMs() - start, value };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function heapMb(): number {
  return process.memoryUsage().heapUsed / 2 ** 20;
}

function benchScenario(name: string, files: () => ScenarioFiles, runs: number, out: Out) {
  const load: number[] = [], index: number[] = [], mainshock: number[] = [], run: number[] = [];
  let peakHeapMb = 0;
  let simulatedSec = 0;
  let events = 0;
  for (let i = 0; i < runs; i++) {
    out.err(`  ${name}: run ${i + 1} of ${runs}`);
    const loaded = timeIt(() => loadScenario(files()));
    if (!loaded.value.ok) throw new Error(`${name} does not load:\n${formatProblems(loaded.value.problems)}`);
    const world = loaded.value.world;
    load.push(loaded.ms);
    const built = timeIt(() => buildWorldIndex(world));
    index.push(built.ms);
    const sim = Sim.create(world, world.defaultSeed, built.value);
    const firstShock = world.earthquakes[0]?.tSec ?? 0;
    if (firstShock > 0) sim.advanceTo(firstShock - 1);
    mainshock.push(timeIt(() => sim.advanceTo(firstShock)).ms);
    peakHeapMb = Math.max(peakHeapMb, heapMb());
    const full = timeIt(() => runScenario(world, { seed: world.defaultSeed, untilSec: world.durationSec, index: built.value }));
    run.push(full.ms);
    events = full.value.report.eventsProcessed;
    simulatedSec = world.durationSec;
    peakHeapMb = Math.max(peakHeapMb, heapMb());
  }
  const runMs = median(run);
  return {
    runs,
    loadMs: round1(median(load)),
    indexMs: round1(median(index)),
    mainshockMs: round1(median(mainshock)),
    runMs: round1(runMs),
    simulatedHours: simulatedSec / 3600,
    eventsProcessed: events,
    simSpeedRatio: Math.round((simulatedSec * 1000) / runMs),
    peakHeapMb: round1(peakHeapMb),
  };
}

export async function runBench(argv: string[], out: Out): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { json: { type: 'boolean' }, runs: { type: 'string' }, only: { type: 'string' } },
  });
  const runs = values.runs ? parseIntOption('--runs', values.runs, 1, 50) : 5;
  const result: Record<string, unknown> = { node: process.version, runsPerFigure: runs };
  if (values.only !== 'province') {
    result.jishishan = benchScenario('jishishan-2023', () => diskScenarioFiles('scenarios/jishishan-2023/scenario.json'), runs, out);
  }
  if (values.only !== 'jishishan') {
    out.err('  generating the province scenario (seed 2027)…');
    const texts = generateProvince();
    const province = benchScenario('generated-province', () => memoryScenarioFiles('generated-province', texts), runs, out);
    // Route queries on the undamaged province network, 1,000 random pairs by road vehicle.
    const loaded = loadScenario(memoryScenarioFiles('generated-province', texts));
    if (!loaded.ok) throw new Error('province does not load');
    const routes = benchRouteQueries(loaded.world, 1000, 2027, wallClockMs);
    result.province = { ...province, teams: loaded.world.teams.length, uavs: loaded.world.uavs.length, doctrineSeats: loaded.world.settings.doctrineSeats.length, routeQueries: routes };
    // The headline figures are the province's (the targets are set at province scale).
    Object.assign(result, {
      loadMs: province.loadMs,
      mainshockMs: province.mainshockMs,
      simSpeedRatio: province.simSpeedRatio,
      routeQueryMedianMs: Math.round(routes.medianMs * 100) / 100,
      peakHeapMb: province.peakHeapMb,
    });
  }
  if (values.json) out.log(JSON.stringify(result, null, 2));
  else out.log(JSON.stringify(result, null, 2).replace(/[{}",]/g, '').replace(/\n\s*\n/g, '\n'));
  return 0;
}
