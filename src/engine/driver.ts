// The one drill loop. Every host — the headless runner, the browser's solo
// session, the drill server — advances a drill through this driver, so KPIs
// are sampled and the state hashed on the same grid everywhere, and a live
// drill and a replay of its log agree hash for hash. The host owns the clock:
// it says how far to go; the driver never reads a clock itself.
import type { Command } from '../model/commands.ts';
import type { WorldIndex } from '../model/context.ts';
import type { World } from '../model/world.ts';
import { emptySeries, repeatKpis, sampleKpis, type KpiSeries } from '../scoring/kpis.ts';
import { Sim, type SimSnapshot } from './sim.ts';
import { problemLines, snapshotProblemsForWorld } from './formats/index.ts';

/** State hashes are recorded every simulated hour. */
export const HASH_INTERVAL_SEC = 3600;

/** What the observers recorded: the KPI series on the grid and the hourly state hashes. */
export interface Observations {
  series: KpiSeries;
  stateHashes: { tSec: number; hash: string }[];
}

function nextMultiple(after: number, step: number): number {
  return (Math.floor(after / step) + 1) * step;
}

export class DrillDriver {
  private constructor(
    readonly sim: Sim,
    readonly observations: Observations,
    /** False for a sweep's runs, which keep only the final hash: hashing the whole state every hour is a fifth of a short run. */
    private readonly hourlyHashes = true,
  ) {}

  /** Events and commands processed at the last KPI sample (-1: none taken by this driver yet). */
  private sampledAt = { events: -1, commands: -1 };

  /** A new drill at T0 (nothing processed yet). */
  static start(world: World, seed: number, options: { index?: WorldIndex; doctrineSeats?: readonly string[]; hourlyHashes?: boolean } = {}): DrillDriver {
    const sim = Sim.create(world, seed, options.index, [...(options.doctrineSeats ?? world.settings.doctrineSeats)]);
    return new DrillDriver(sim, { series: emptySeries(), stateHashes: [] }, options.hourlyHashes ?? true);
  }

  /** A drill resumed from a snapshot and what had been observed by then. */
  static resume(world: World, snapshot: SimSnapshot, observations: Observations, index?: WorldIndex): DrillDriver {
    // The one gate of every restore: another engine version, another scenario or a malformed state is refused, naming the field.
    const problems = snapshotProblemsForWorld({ snapshot, observations }, world, '');
    if (problems.length) throw new Error(problemLines(problems));
    return new DrillDriver(Sim.restore(world, snapshot, index), structuredClone(observations));
  }

  get world(): World {
    return this.sim.world;
  }

  /** Every command and event up to this second has been processed (-1 before T0). */
  get reachedSec(): number {
    return this.sim.state.processedThroughSec;
  }

  /** Queues a command (its shape is checked now, permission and legality when it comes due). */
  submit(cmd: Command): { ok: true } | { error: string } {
    return this.sim.submit(cmd);
  }

  /**
   * Runs to targetSec, stopping at every KPI sample time and every hour to
   * sample and hash, and at `extraStopSec` when given. `onStop` is called
   * after each stop with the time reached (for snapshots, commands learnt
   * on the way, progress).
   */
  advanceTo(targetSec: number, onStop?: (tSec: number) => void, extraStopSec?: number): void {
    const interval = this.world.kpiIntervalSec;
    let t = this.reachedSec;
    while (t < targetSec) {
      const stop = Math.min(
        t < 0 ? 0 : nextMultiple(t, interval),
        t < 0 ? 0 : nextMultiple(t, HASH_INTERVAL_SEC),
        targetSec,
        extraStopSec !== undefined && extraStopSec > t ? extraStopSec : Infinity,
      );
      const before = t;
      this.sim.advanceTo(stop);
      t = this.reachedSec;
      if (t === before) break; // at the director's stop time already
      if (t % interval === 0) {
        const st = this.sim.state;
        const quiet = st.eventsProcessed === this.sampledAt.events && st.commandLog.length === this.sampledAt.commands;
        (quiet ? repeatKpis : sampleKpis)(this.sim.ctx, this.observations.series);
        this.sampledAt = { events: st.eventsProcessed, commands: st.commandLog.length };
      }
      if (this.hourlyHashes && t % HASH_INTERVAL_SEC === 0) this.observations.stateHashes.push({ tSec: t, hash: this.sim.hash() });
      onStop?.(t);
      if (this.sim.stopped) break;
    }
  }

  /** The director's stop time has been reached (setStopTime): advancing does nothing more. */
  get stopped(): boolean {
    return this.sim.stopped;
  }

  hash(): string {
    return this.sim.hash();
  }
}
