// The simulation state: everything that changes during a run, as plain data
// and typed arrays, so that it can be hashed, snapshotted and restored
// exactly. Everything else (the World, indexes built from it) is derived.
import type { QueueState } from '../core/queue.ts';
import type { RngStates } from '../core/rng.ts';
import type { CoverageState } from '../infra/coverage.ts';
import type { Command, GateResult } from '../response/commands.ts';

/** Why a site is off air (FCC DIRS categories); NONE = on air. */
export const OUT_CAUSE = { NONE: 0, POWER: 1, TRANSPORT: 2, DAMAGE: 3 } as const;
export const OUT_CAUSE_NAMES = ['none', 'power', 'transport', 'damage'] as const;

/** What is powering a site right now. */
export const POWER_SOURCE = { MAINS: 0, GENERATOR: 1, BATTERY: 2, NONE: 3 } as const;

export interface SiteState {
  damageState: Uint8Array;
  /** Highest intensity the site has felt, for the report and the view. */
  maxIntensity: Float64Array;
  powerSource: Uint8Array;
  batteryKwh: Float64Array;
  /** Fuel left in the site's generator (on-site or portable), in seconds of running. */
  fuelSec: Float64Array;
  hasGenerator: Uint8Array;
  /** A portable generator is on its way. */
  generatorInbound: Uint8Array;
  /** When battery and fuel were last settled. */
  settledAtSec: Float64Array;
  /** Bumped on every power change; stale power events carry an old value and are ignored. */
  powerEpoch: Int32Array;
  outCause: Uint8Array;
}

export interface AppliedCommand extends Command {
  result: GateResult;
}

export interface SimState {
  /** Simulated now: the time of the event being processed, or the time last advanced to. */
  clockSec: number;
  /** Every event and command with tSec ≤ this has been processed. -1 before the first. */
  processedThroughSec: number;
  eventsProcessed: number;
  queue: QueueState;
  rng: RngStates;
  sites: SiteState;
  substations: {
    damageState: Uint8Array;
    /** Its own equipment works (not damaged beyond service, not flooded). */
    inService: Uint8Array;
    /** In service and fed from upstream. */
    energised: Uint8Array;
    restoreAtSec: Float64Array;
    flooded: Uint8Array;
  };
  feeders: {
    tripped: Uint8Array;
    energised: Uint8Array;
    /** Waiting for a power crew. */
    queued: Uint8Array;
    /** Drawn repair duration, seconds. */
    repairSec: Float64Array;
    /** When the crew working on it finishes, or NEVER. */
    repairDoneAtSec: Float64Array;
  };
  powerCrewsFree: number;
  roads: {
    status: Uint8Array;
    /** Cut by a landslide, a collapsed bridge or ground failure; stays until cleared. */
    blocked: Uint8Array;
    /** Highest bridge damage state (0 for ordinary segments). */
    bridgeDamage: Uint8Array;
    fibreCut: Uint8Array;
    waterDepthM: Float64Array;
  };
  /** Settings that commands may change during the drill. */
  flags: { emergencyRoaming: boolean; prioritySupplyForComms: boolean };
  warnings: WarningRecord[];
  /** Water over each population point, metres (floods). */
  populationWaterDepthM: Float64Array;
  /** The drawn stochastic aftershocks, in time order (for reports and the view). */
  aftershocks: { quake: number; tSec: number; ms: number; xM: number; yM: number }[];
  coverage: CoverageState;
  /** Sites out, by OUT_CAUSE index (index 0 counts sites on air). */
  sitesByCause: Int32Array;
  /** Running totals kept as things change, so KPIs never scan whole tables. */
  counts: {
    sitesByPowerSource: Int32Array;
    roadsByStatus: Int32Array;
    fibreCuts: number;
    substationsOut: number;
    feedersDown: number;
    powerCustomersOut: number;
  };
  generatorPoolsLeft: Int32Array;
  /** Commands submitted but not yet due, in (tSec, submission) order. Not hashed: see hashState. */
  pendingCommands: Command[];
  commandLog: AppliedCommand[];
}

/** Sentinel for "no time scheduled" (state never holds Infinity). */
export const NEVER = -1;

/** A road segment's state; the most severe reason wins. */
export const ROAD_STATUS = { OPEN: 0, DAMAGED: 1, FLOODED: 2, BLOCKED: 3 } as const;
export const ROAD_STATUS_NAMES = ['open', 'damaged', 'flooded', 'blocked'] as const;

export interface WarningRecord {
  id: string;
  sentAtSec: number;
  deliveredAtSec: number;
  seat: string;
  severity: 'Extreme' | 'Severe' | 'Moderate' | 'Minor';
  event: string;
  headline: string;
  /** Townships in the area (ids), with their names and GB/T 2260 codes where known. */
  townships: string[];
  areaNames: string[];
  areaCodes: string[];
  /** Polygon in [lon, lat] as sent, when given as a polygon. */
  polygon: [number, number][] | null;
  targetPeople: number;
  reachedPeople: number;
}
