// Headless runs: drive a Sim from T0 (or a snapshot) to the end, feeding the
// command log as time reaches it, sampling KPIs on the fixed grid and
// recording the state hash every simulated hour. Wall time comes from the
// caller (`clockMs`), because src/ never reads a clock itself.
import type { Command } from '../model/commands.ts';
import type { World } from '../model/world.ts';
import { emptySeries, sampleKpis, summariseKpis, type KpiSeries } from '../scoring/kpis.ts';
import { summariseEarthquake, summariseFlood, type EarthquakeSummary, type FloodSummary } from '../hazards/summary.ts';
import type { WarningRecord } from '../model/state.ts';
import { ENGINE_VERSION, Sim, type SimSnapshot } from './sim.ts';
import type { WorldIndex } from '../model/context.ts';
import { evaluateTargets, targetsForReport, type TargetsSummary } from '../scoring/evaluate.ts';
import type { TargetProfile } from '../scoring/profile.ts';
import type { AppliedCommand } from '../model/state.ts';

export const REPORT_FORMAT = 'drilltwin/report@1';
export const HASH_INTERVAL_SEC = 3600;

export interface Observations {
  series: KpiSeries;
  stateHashes: { tSec: number; hash: string }[];
}

export interface SnapshotFile {
  snapshot: SimSnapshot;
  observations: Observations;
}

export interface RunOptions {
  seed: number;
  untilSec: number;
  commands?: Command[];
  snapshotAtSec?: number;
  from?: SnapshotFile;
  clockMs?: () => number;
  /** Seats the doctrine responder plays; the scenario's setting when absent. */
  doctrineSeats?: string[];
  /** The capability-target profile to score against; the report gets `targets` when given. */
  targets?: TargetProfile;
  /** The world's index, when the caller already built it (it is derived, so any copy will do). */
  index?: WorldIndex;
  /** Called now and then with the simulated time reached. */
  onProgress?: (tSec: number, untilSec: number) => void;
}

export interface Report {
  format: typeof REPORT_FORMAT;
  engineVersion: string;
  scenario: { id: string; name: { zh: string; en?: string }; sha256: string };
  seed: number;
  start: string;
  timeZone: string;
  untilSec: number;
  /** Seats the doctrine responder played; a replay plays them again. */
  doctrineSeats: string[];
  /** As applied, players' and the doctrine's (by: 'doctrine'), each with its result. */
  commands: AppliedCommand[];
  rejections: number;
  simulatedSeconds: number;
  eventsProcessed: number;
  wallMs: number;
  stateHashes: { tSec: number; hash: string }[];
  finalStateHash: string;
  kpis: { intervalSec: number; series: KpiSeries; summary: Record<string, number | null> };
  hazards: (EarthquakeSummary | FloodSummary)[];
  /** Stochastic aftershocks drawn for this seed. */
  aftershocks: { quake: string; tSec: number; ms: number }[];
  warnings: WarningRecord[];
  msel: World['msel'];
  targets?: TargetsSummary;
}

export interface RunResult {
  report: Report;
  snapshotFile?: SnapshotFile;
}

function nextMultiple(after: number, step: number): number {
  return (Math.floor(after / step) + 1) * step;
}

export function runScenario(world: World, options: RunOptions): RunResult {
  const clockMs = options.clockMs ?? (() => 0);
  const startedMs = clockMs();
  const interval = world.kpiIntervalSec;
  const untilSec = options.untilSec;
  const sim = options.from
    ? Sim.restore(world, options.from.snapshot, options.index)
    : Sim.create(world, options.seed, options.index, options.doctrineSeats ?? world.settings.doctrineSeats);
  const observations: Observations = options.from
    ? structuredClone(options.from.observations)
    : { series: emptySeries(), stateHashes: [] };
  const startSec = sim.state.processedThroughSec; // -1 for a fresh run
  const commands = (options.commands ?? []).filter((c) => c.tSec > startSec).sort((a, b) => a.tSec - b.tSec);
  let nextCommand = 0;
  let snapshotFile: SnapshotFile | undefined;

  let t = startSec;
  let progressAt = 0;
  while (t < untilSec) {
    const stop = Math.min(
      t < 0 ? 0 : nextMultiple(t, interval),
      t < 0 ? 0 : nextMultiple(t, HASH_INTERVAL_SEC),
      untilSec,
      options.snapshotAtSec !== undefined && options.snapshotAtSec > t ? options.snapshotAtSec : Infinity,
    );
    while (nextCommand < commands.length && commands[nextCommand].tSec <= stop) {
      const result = sim.submit(commands[nextCommand++]);
      if ('error' in result) throw new Error(`command ${nextCommand}: ${result.error}`);
    }
    sim.advanceTo(stop);
    t = stop;
    if (t % interval === 0) sampleKpis(sim.ctx, observations.series);
    if (t % HASH_INTERVAL_SEC === 0) observations.stateHashes.push({ tSec: t, hash: sim.hash() });
    if (t === options.snapshotAtSec) snapshotFile = { snapshot: sim.snapshot(), observations: structuredClone(observations) };
    if (options.onProgress && t >= progressAt) {
      options.onProgress(t, untilSec);
      progressAt = t + 3600;
    }
  }
  const finalStateHash = sim.hash();
  const last = observations.stateHashes[observations.stateHashes.length - 1];
  if (!last || last.tSec !== untilSec) observations.stateHashes.push({ tSec: untilSec, hash: finalStateHash });

  const commandLog = sim.state.commandLog;
  const report: Report = {
    format: REPORT_FORMAT,
    engineVersion: ENGINE_VERSION,
    scenario: { id: world.scenarioId, name: world.name, sha256: world.sha256 },
    seed: sim.seed,
    start: world.start,
    timeZone: world.timeZone,
    untilSec,
    doctrineSeats: sim.state.doctrineSeats,
    commands: commandLog,
    rejections: commandLog.filter((c) => 'rejected' in c.result).length,
    simulatedSeconds: untilSec,
    eventsProcessed: sim.state.eventsProcessed,
    wallMs: Math.round(clockMs() - startedMs),
    stateHashes: observations.stateHashes,
    finalStateHash,
    kpis: { intervalSec: interval, series: observations.series, summary: summariseKpis(observations.series) },
    hazards: [...world.earthquakes.map(summariseEarthquake), ...world.floods.map(summariseFlood)],
    aftershocks: sim.state.aftershocks.map((a) => ({ quake: world.earthquakes[a.quake].id, tSec: a.tSec, ms: Math.round(a.ms * 100) / 100 })),
    warnings: sim.state.warnings,
    msel: world.msel,
  };
  if (options.targets) report.targets = targetsForReport(evaluateTargets(report, options.targets));
  return { report, snapshotFile };
}
