// Headless runs: drive a drill from T0 (or a snapshot) to the end through the
// one drill driver, with the whole command log known in advance, and write the
// report. Wall time comes from the caller (`clockMs`), because src/ never
// reads a clock itself.
import type { Command } from '../model/commands.ts';
import type { World } from '../model/world.ts';
import { summariseKpis, type KpiSeries } from '../scoring/kpis.ts';
import { HAZARDS, type ReportedHazard } from '../hazards/registry.ts';
import type { WarningRecord } from '../model/state.ts';
import { ENGINE_VERSION, type SimSnapshot } from './sim.ts';
import { DrillDriver, type Observations } from './driver.ts';
import type { Ctx, WorldIndex } from '../model/context.ts';
import { evaluateTargets, targetsForReport, type TargetsSummary } from '../scoring/evaluate.ts';
import type { TargetProfile } from '../scoring/profile.ts';
import type { AppliedCommand, SimState } from '../model/state.ts';
import type { ReportExercise } from '../model/msel.ts';

export const REPORT_FORMAT = 'drilltwin/report@1';

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
  /**
   * False when only the final state hash is wanted (a sweep's rows): the
   * report's stateHashes then holds the final one alone, and the run cannot
   * be checked hour by hour by a replay. Default true.
   */
  hourlyHashes?: boolean;
  /**
   * Called now and then (about hourly, or every progressEverySec) with the simulated time reached and the
   * running simulation's context, for observers that only read it (a sweep
   * row's per-site outage hours); it must not change the state.
   */
  onProgress?: (tSec: number, untilSec: number, ctx: Ctx) => void;
  /** How often onProgress is called, in simulated seconds (at the next stop of the driver at or after); 3600 by default. */
  progressEverySec?: number;
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
  /** What each hazard amounted to (each hazard module's summary). */
  hazards: ReportedHazard[];
  /** Stochastic aftershocks drawn for this seed. */
  aftershocks: { quake: string; tSec: number; ms: number }[];
  warnings: WarningRecord[];
  msel: World['msel'];
  targets?: TargetsSummary;
  /** Inject states, expected actions, the evaluators' observations and ratings (docs/exercise-control.md). */
  exercise?: ReportExercise;
}

export function exerciseForReport(world: World, state: SimState): ReportExercise {
  const d = state.drill;
  return {
    injects: d.injects.map((s) => ({ id: s.id, status: s.status, dueSec: s.dueSec, deliveredAtSec: s.deliveredAtSec, ...(s.adhoc ? { adhoc: s.adhoc } : {}) })),
    expectations: d.expectations.map((e) => {
      const want = world.msel[e.inject].expect!;
      return { id: e.id, inject: d.injects[e.inject].id, seat: want.seat, command: want.command, status: e.status, deadlineSec: e.deadlineSec, metAtSec: e.metAtSec, ...(want.contingency ? { contingency: want.contingency } : {}) };
    }),
    observations: d.observations,
    ratings: d.ratings,
    stopAtSec: d.stopAtSec,
    noNotice: d.noNotice,
  };
}

export interface RunResult {
  report: Report;
  snapshotFile?: SnapshotFile;
}

export function runScenario(world: World, options: RunOptions): RunResult {
  const clockMs = options.clockMs ?? (() => 0);
  const startedMs = clockMs();
  const untilSec = options.untilSec;
  const driver = options.from
    ? DrillDriver.resume(world, options.from.snapshot, options.from.observations, options.index)
    : DrillDriver.start(world, options.seed, { index: options.index, doctrineSeats: options.doctrineSeats ?? world.settings.doctrineSeats, hourlyHashes: options.hourlyHashes });
  const sim = driver.sim;
  const observations = driver.observations;
  const startSec = driver.reachedSec; // -1 for a fresh run
  // Who the doctrine played when the run began: seats change hands during a
  // drill (assignSeat), and a replay must start from these, not the last ones.
  const doctrineSeatsAtStart = [...sim.state.doctrineSeats];
  const commands = (options.commands ?? []).filter((c) => c.tSec > startSec).sort((a, b) => a.tSec - b.tSec);
  commands.forEach((cmd, i) => {
    const result = driver.submit(cmd);
    if ('error' in result) throw new Error(`command ${i + 1}: ${result.error}`);
  });
  let snapshotFile: SnapshotFile | undefined;
  let progressAt = 0;
  driver.advanceTo(
    untilSec,
    (t) => {
      if (t === options.snapshotAtSec) snapshotFile = { snapshot: sim.snapshot(), observations: structuredClone(observations) };
      // Whole hours always come (hourly observers read them) even when the interval is not a divisor of 3600.
      if (options.onProgress && (t >= progressAt || t % 3600 === 0)) {
        options.onProgress(t, untilSec, sim.ctx);
        progressAt = t + (options.progressEverySec ?? 3600);
      }
    },
    options.snapshotAtSec,
  );
  // The director may have stopped the drill before untilSec (setStopTime): the run ends where it stopped.
  const endSec = driver.stopped ? driver.reachedSec : untilSec;
  const finalStateHash = sim.hash();
  const last = observations.stateHashes[observations.stateHashes.length - 1];
  if (!last || last.tSec !== endSec) observations.stateHashes.push({ tSec: endSec, hash: finalStateHash });

  const commandLog = sim.state.commandLog;
  const report: Report = {
    format: REPORT_FORMAT,
    engineVersion: ENGINE_VERSION,
    scenario: { id: world.scenarioId, name: world.name, sha256: world.sha256 },
    seed: sim.seed,
    start: world.start,
    timeZone: world.timeZone,
    untilSec: endSec,
    doctrineSeats: doctrineSeatsAtStart,
    commands: commandLog,
    rejections: commandLog.filter((c) => 'rejected' in c.result).length,
    simulatedSeconds: endSec,
    eventsProcessed: sim.state.eventsProcessed,
    wallMs: Math.round(clockMs() - startedMs),
    stateHashes: observations.stateHashes,
    finalStateHash,
    kpis: { intervalSec: world.kpiIntervalSec, series: observations.series, summary: summariseKpis(observations.series) },
    hazards: HAZARDS.flatMap((h) => h.summarise(sim.ctx)),
    // Drawn for this seed; the director's ad-hoc aftershocks are listed with the injects.
    aftershocks: sim.state.aftershocks.filter((a) => a.inject === undefined).map((a) => ({ quake: world.earthquakes[a.quake].id, tSec: a.tSec, ms: Math.round(a.ms * 100) / 100 })),
    warnings: sim.state.warnings,
    msel: world.msel,
    exercise: exerciseForReport(world, sim.state),
  };
  if (options.targets) report.targets = targetsForReport(evaluateTargets(report, options.targets));
  return { report, snapshotFile };
}
