// The simulation state: everything that changes during a run, as plain data
// and typed arrays, so that it can be hashed, snapshotted and restored
// exactly. Everything else (the World, indexes built from it) is derived.
import type { QueueState } from '../core/queue.ts';
import type { RngStates } from '../core/rng.ts';
import type { TravelOk } from './travel.ts';
import type { Command, GateResult } from './commands.ts';
import type { DrillControlState } from './msel.ts';

/** Why a site is off air (FCC DIRS categories); NONE = on air. */
export const OUT_CAUSE = { NONE: 0, POWER: 1, TRANSPORT: 2, DAMAGE: 3 } as const;

/** HAZUS complete damage (DS4): a site no repair brings back within a drill (repairs, generators and the doctrine read it). */
export const SITE_DESTROYED_DAMAGE_STATE = 4;

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
  /** Someone has been to look since the outage cause last changed: players now see the cause. */
  inspected: Uint8Array;
  /** A satellite portable station (VSAT) now carries the backhaul. */
  satelliteBackhaul: Uint8Array;
  /** Has been off air at some point since T0. */
  everOut: Uint8Array;
  /**
   * An emergency cell (portable station, comms vehicle, tethered UAV) was set up at the site to stand in for it.
   * Operators count such a station as restored (恢复) while it is off air itself: a failed site counts as
   * restored when it is on air again or stood in for.
   */
  standIn: Uint8Array;
}

export interface AppliedCommand extends Command {
  result: GateResult;
  /** Set when the doctrine responder issued it (a replay regenerates these). */
  by?: 'doctrine';
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
    /** Switched to another source after losing its upstream supply. */
    transferred: Uint8Array;
    /** When that switch happens, or NEVER. */
    transferAtSec: Float64Array;
  };
  feeders: {
    tripped: Uint8Array;
    energised: Uint8Array;
    /** Drawn repair duration once a crew is on site, seconds. */
    repairSec: Float64Array;
  };
  roads: {
    status: Uint8Array;
    /** Cut by a landslide, a collapsed bridge or ground failure; stays until cleared. */
    blocked: Uint8Array;
    /** Slide debris on the segment, m³ (what a road crew must move; 0 when none). */
    debrisM3: Float64Array;
    /** Highest bridge damage state (0 for ordinary segments). */
    bridgeDamage: Uint8Array;
    fibreCut: Uint8Array;
    /**
     * Length of cable along the segment destroyed, m, while its fibre is cut: what a repair must replace with
     * new cable between two splices (0 for a cut at a point, a splice alone).
     */
    fibreDamagedM: Float64Array;
    /** 1 once a crew has opened the segment by a detour round its blockage (ROAD_DETOUR): passable, slowly. */
    detour: Uint8Array;
    /** When the clearing under way on the segment will open it, s (NEVER when none is): crews joining it share the rest. */
    clearDueSec: Float64Array;
    waterDepthM: Float64Array;
    /**
     * What the players know of each segment: 0 unknown, else ROAD_STATUS + 1
     * as last seen by a team or a UAV, or reported by a road crew. Shared
     * through the headquarters; it may be out of date.
     */
    known: Uint8Array;
  };
  /** Settings that commands may change during the drill. */
  flags: { emergencyRoaming: boolean; prioritySupplyForComms: boolean };
  warnings: WarningRecord[];
  /** Water over each population point, metres (floods). */
  populationWaterDepthM: Float64Array;
  /**
   * What this run drew for its floods at T0 (model/params/flood.ts), in the
   * order of world.floods: each zone's rise factor, and for each exposure
   * the depth at which it fails (sites, substations) or washes out (roads).
   * Present only when the scenario has a flood, so other scenarios' states
   * and hashes are as they were.
   */
  floodDraws?: { stageFactor: Float64Array; thresholdM: Float64Array };
  townships: {
    affected: Uint8Array;
    affectedAtSec: Float64Array;
    /** Satellite phones and BeiDou terminals delivered. */
    terminals: Int32Array;
  };
  /** Temporary coverage brought by the response, in the order it was opened. */
  cells: EmergencyCell[];
  teams: TeamState;
  /** Per team: its current journey, or null. */
  journeys: (Journey | null)[];
  tasks: TaskRecord[];
  uavs: UavState;
  /** Support requests raised by departments, in order. */
  requests: { tSec: number; seat: string; kind: string; township: string | null; note: string; actionedAtSec: number; actionedBy: string }[];
  /** People at each population point reached by a warning so far (the most any warning reached there). */
  warnedPeople: Float64Array;
  uavSortiesOrdered: number;
  uavSortiesOnStation: number;
  /** Bumped whenever a road's status changes; journeys planned before a road on their path got worse are re-planned. */
  roadsVersion: number;
  /** When each helicopter is free again. */
  helicopterBusyUntilSec: Float64Array;
  roadWorsenedAtVersion: Int32Array;
  /** The drawn stochastic aftershocks, in time order (for reports and the view). */
  aftershocks: { quake: number; tSec: number; ms: number; xM: number; yM: number; inject?: string }[];
  coverage: CoverageState;
  /** Sites out, by OUT_CAUSE index (index 0 counts sites on air). */
  sitesByCause: Int32Array;
  /** Sites that have failed since T0, and those of them back on air now. */
  sitesEverOut: number;
  sitesRestored: number;
  /** False while T0 set-up brings every site up (those transitions are not outages). */
  sitesInitialised: boolean;
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
  /** Water levels set by the control cell (a floodStage inject), replacing a zone's hydrograph from then on. */
  floodOverrides: { flood: number; zone: number; levelM: number }[];
  /** The exercise script as played: inject states, expected actions, stop time, evaluators' notes (model/msel.ts). */
  drill: DrillControlState;
  /** Seats the doctrine responder plays in this run, sorted. */
  doctrineSeats: string[];
  commandLog: AppliedCommand[];
}

/** Sentinel for "no time scheduled" (state never holds Infinity). */
export const NEVER = -1;

export const TEAM_STATUS = { INACTIVE: 0, ACTIVATING: 1, IDLE: 2, TRAVELLING: 3, WORKING: 4, RESTING: 5 } as const;
export const TEAM_STATUS_NAMES = ['inactive', 'activating', 'idle', 'travelling', 'working', 'resting'] as const;

export interface TeamState {
  status: Uint8Array;
  /** Where the team is, or was when it set off. */
  xM: Float64Array;
  yM: Float64Array;
  /** When activation (and any long haul) completes. */
  readyAtSec: Float64Array;
  /** Index into tasks of what it is doing, or -1. */
  task: Int32Array;
  /** Bumped on every change of plan; stale events carry an old value. */
  epoch: Int32Array;
  /** Travel and work since the shift began, seconds. */
  shiftSec: Float64Array;
  generators: Int32Array;
  portableBaseStations: Int32Array;
  commsVehicles: Int32Array;
  vsat: Int32Array;
  terminals: Int32Array;
  spares: Int32Array;
  tetheredUavs: Int32Array;
  /** First time the team set off on a task (for dispatch latency), -1 before. */
  firstDispatchSec: Float64Array;
}

/** A team's current trip as the router planned it, and when it set off. */
export interface Journey {
  trip: TravelOk;
  startSec: number;
  arriveSec: number;
  plannedAtVersion: number;
  /** After a re-plan the new trip starts at the next node; until then the team is still on the old one (for display). */
  before?: { trip: TravelOk; startSec: number };
}

export interface TaskRecord {
  id: string;
  team: number;
  type: string;
  target: string;
  status: 'travelling' | 'working' | 'done' | 'failed' | 'cancelled';
  assignedAtSec: number;
  arrivedAtSec: number;
  doneAtSec: number;
  reason: string;
}

export const UAV_STATUS = { READY: 0, AWAITING_APPROVAL: 1, TRANSIT: 2, ON_STATION: 3, RETURNING: 4, DONE: 5 } as const;
export const UAV_STATUS_NAMES = ['ready', 'awaitingApproval', 'transit', 'onStation', 'returning', 'done'] as const;

export interface UavState {
  status: Uint8Array;
  requestedAtSec: Float64Array;
  onStationAtSec: Float64Array;
  leaveAtSec: Float64Array;
  /** Index of its emergency cell while on station, or -1. */
  cell: Int32Array;
  epoch: Int32Array;
  targetXM: Float64Array;
  targetYM: Float64Array;
}

/** A road segment's state; the most severe reason wins. */
export const ROAD_STATUS = { OPEN: 0, DAMAGED: 1, FLOODED: 2, BLOCKED: 3 } as const;

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

export interface CoverageState {
  /** On-air covering sites per (point, operator): onAirCount[p * 3 + o]. */
  onAirCount: Int32Array;
  /** On-air covering sites per point, any operator (for emergency roaming). */
  onAirAny: Int32Array;
  /** Subscribers of each operator served by their own operator. */
  servedOwn: Float64Array;
  /** Subscribers of each operator at points any site covers (served under roaming). */
  servedAny: Float64Array;
}

/** Temporary coverage brought in by the response (see infra/cells). */
export type CellKind = 'portableStation' | 'commsVehicle' | 'tetheredUav' | 'uav';

export interface EmergencyCell {
  id: string;
  kind: CellKind;
  xM: number;
  yM: number;
  radiusM: number;
  operatorMask: number;
  /** Population points covered, ascending. */
  points: number[];
  on: boolean;
  onSinceSec: number;
  /** Who brought it (team or UAV id). */
  by: string;
}
