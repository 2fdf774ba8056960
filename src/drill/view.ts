// What one seat sees: a pure function of the world, the state and the seat,
// computed where the engine runs (the worker, or the authority process of a
// joint drill), so a seat never receives ground truth it should not have.
//
// Who sees what (the reported picture; directors and evaluators see truth):
// - every player seat sees the shared up/down picture of the cell sites: a
//   network alarm says a site is off air, not why, until someone has been to
//   look (a team inspected or repaired it, state.sites.inspected): from then
//   on every player seat sees why it is off air (the inspection report is
//   shared through the headquarters);
// - a telecom operator (cmcc, cucc, ctcc) also sees the mains-failure alarms
//   of the sites carrying its own equipment; China Tower (tower) sees them for
//   every site, since it monitors power at all towers;
// - the power company and the headquarters (emhq, which receives its reports)
//   see the grid: feeders energised, substations energised;
// - every player sees the roads as they have been seen or reported: after a
//   shock (or at a flood's onset) segments in the area are unknown until a
//   team drives them, runs into them, a road crew works them or a UAV on
//   station looks down on them;
// - the water of a flood: directors and evaluators see each zone's level as
//   it is; a player sees water in a zone only where someone has seen a road
//   in it under water (state.roads.known), and only as high as that shows:
//   the ground of the highest road seen flooded plus the depth that closes a
//   road (a lower bound, which may be stale like the roads themselves);
// - a player sees its own commands and the injects addressed to it; KPIs that
//   would reveal outage causes are hidden (NaN);
// - the headquarters sees every response team; a department sees its own
//   organisation's teams and the emergency cells they opened; aircraft are
//   seen by everyone, so every seat sees the UAVs on station and their
//   footprints.
import type { InjectDoc, LocalizedText } from '../model/scenario-format.ts';
import type { ExpectationState, InjectStatus } from '../model/msel.ts';
import { injectDoc } from '../response/injects.ts';
import { OPERATORS, type World } from '../model/world.ts';
import type { Ctx, WorldIndex } from '../model/context.ts';
import { OUT_CAUSE, POWER_SOURCE, TEAM_STATUS_NAMES, UAV_STATUS, UAV_STATUS_NAMES, type AppliedCommand, type SimState } from '../model/state.ts';
import type { CellKind } from '../model/state.ts';
import { teamPosition } from '../response/teams.ts';
import { scaledLevelM } from '../hazards/flood-effects.ts';
import { KPI_REPORTERS } from '../scoring/kpis.ts';
import { seatSpec, seesAllTeams, seesGrid, seesGroundTruth, seesRoads, type Seat } from '../model/seats.ts';

/** Site status as a seat sees it. Codes 4–5 appear only in ground-truth views, 6–8 also for sites a team has inspected. */
export const SITE_VIEW = {
  /** The seat has no information about the site. */
  UNKNOWN: 0,
  /** On air (in a ground-truth view: on mains). */
  UP: 1,
  /** On air with a mains-failure alarm (battery or generator; which is not reported). */
  UP_MAINS_ALARM: 2,
  /** Off air, cause not known to the seat. */
  DOWN: 3,
  UP_BATTERY: 4,
  UP_GENERATOR: 5,
  DOWN_POWER: 6,
  DOWN_TRANSPORT: 7,
  DOWN_DAMAGE: 8,
} as const;
export const SITE_VIEW_NAMES = ['unknown', 'up', 'upMainsAlarm', 'down', 'upBattery', 'upGenerator', 'downPower', 'downTransport', 'downDamage'] as const;

/** Feeder or substation status as a seat sees it. */
export const GRID_VIEW = { UNKNOWN: 0, UP: 1, DOWN: 2 } as const;
export const GRID_VIEW_NAMES = ['unknown', 'up', 'down'] as const;

/** Road segment status as a seat sees it: UNKNOWN, ROAD_STATUS + 1, or DETOUR for a damaged segment passed by a detour round its blockage. */
export const ROAD_VIEW = { UNKNOWN: 0, OPEN: 1, DAMAGED: 2, FLOODED: 3, BLOCKED: 4, DETOUR: 5 } as const;
export const ROAD_VIEW_NAMES = ['unknown', 'open', 'damaged', 'flooded', 'blocked', 'detour'] as const;

export const KPI_IDS: readonly string[] = KPI_REPORTERS.map((k) => k.id);

/** Team status as a seat sees it: a TEAM_STATUS code, or HIDDEN for a team the seat does not see. */
export const TEAM_VIEW_HIDDEN = 255;
export const TEAM_VIEW_NAMES: readonly string[] = TEAM_STATUS_NAMES;

/** UAV_STATUS codes by name, in code order. */
export const UAV_VIEW_NAMES: readonly string[] = UAV_STATUS_NAMES;

/** Kinds of emergency cell, in the order of their codes in a view. */
export const CELL_KINDS: readonly CellKind[] = ['portableStation', 'commsVehicle', 'tetheredUav', 'uav'];

/** A team's current task, or its last one when it has none now. */
export interface TeamTaskView {
  team: number;
  /** Index into the state's task list (stable). */
  index: number;
  type: string;
  target: string;
  status: 'travelling' | 'working' | 'done' | 'failed' | 'cancelled';
  /** Why it failed, or ''. */
  reason: string;
  assignedAtSec: number;
}

/** Emergency cells that are on, as a seat sees them. */
export interface CellView {
  /** x, y, radius in metres, per cell. */
  xyr: Float64Array;
  /** Index into CELL_KINDS, per cell. */
  kind: Uint8Array;
}


export interface VisibleCommand extends AppliedCommand {
  /** Position in the full command log (stable, so views can be merged incrementally). */
  index: number;
}

export interface SeatView {
  seat: Seat;
  tSec: number;
  /** SITE_VIEW code per site, in world id order. */
  sites: Uint8Array;
  /** GRID_VIEW code per feeder: UP = energised. */
  feeders: Uint8Array;
  /** GRID_VIEW code per substation: UP = in service and energised. */
  substations: Uint8Array;
  /** ROAD_VIEW code per road segment. */
  roads: Uint8Array;
  /** Values in KPI_IDS order; NaN where hidden from the seat. */
  kpis: Float64Array;
  /** Generator pools left, in world order; -1 where the pool is not the seat's to know. */
  poolsLeft: Int32Array;
  log: VisibleCommand[];
  /** Injects delivered so far to this seat (tSec: when delivered), in delivery order. */
  injects: InjectDoc[];
  /** The script as this seat may know it (inject states, expected actions, stop time). */
  script: ScriptView;
  /** Per team, in world order: position now (NaN when hidden) and TEAM_STATUS (TEAM_VIEW_HIDDEN when hidden). */
  teamXM: Float64Array;
  teamYM: Float64Array;
  teamStatus: Uint8Array;
  /** Per team: its current or last task, null when it has had none or is hidden. */
  teamTasks: (TeamTaskView | null)[];
  /** Per UAV: x, y of its station and its footprint radius (0 unless on station); NaN x, y when on the ground. */
  uavs: Float64Array;
  uavStatus: Uint8Array;
  cells: CellView;
  /** Per flood zone (floods in world order, their zones in order): the water level the seat knows, m a.s.l.; NaN where it knows of none. */
  floodLevelsM: Float64Array;
}

/** Flood zones, floods in world order and their zones in order: the length of a flood view. */
export function floodZoneCount(world: World): number {
  let n = 0;
  for (const f of world.floods) n += f.zones.length;
  return n;
}

/**
 * Writes the water level each flood zone has as the seat knows it (see the
 * header): the level now for seats that see truth; for players, the ground
 * of the highest road in the zone known to be flooded plus the depth that
 * closes a road, NaN where no road in the zone is known to be under water.
 */
export function writeFloodView(world: World, state: SimState, seat: Seat, tSec: number, out: Float64Array): Float64Array {
  let k = 0;
  if (seesGroundTruth(seat)) {
    world.floods.forEach((f, fi) =>
      f.zones.forEach((z, zi) => {
        // A level the control cell set (a floodStage inject) stands until it sets another.
        const set = state.floodOverrides.find((o) => o.flood === fi && o.zone === zi);
        // This run's water: the hydrograph's rise scaled by the zone's drawn factor (floodDraws, in the same zone order).
        const factor = state.floodDraws?.stageFactor[k] ?? 1;
        out[k++] = set ? set.levelM : tSec >= f.tSec ? scaledLevelM(z.timesSec, z.levelsM, factor, tSec) : z.levelsM[0];
      }),
    );
    return out;
  }
  const closesRoadM = world.params.infra.AT_GRADE_FAILURE_DEPTH_M.value;
  const knownFlooded = ROAD_VIEW.FLOODED;
  for (const f of world.floods) {
    const base = k;
    for (let z = 0; z < f.zones.length; z++) out[base + z] = NaN;
    for (const e of f.exposures) {
      if (e.kind !== 'road' || state.roads.known[e.index] !== knownFlooded) continue;
      const seen = e.groundM + closesRoadM;
      if (!(out[base + e.zone] >= seen)) out[base + e.zone] = seen;
    }
    k += f.zones.length;
  }
  return out;
}

/** Bit mask of OPERATORS whose sites' alarms the seat sees in detail (0 = none, 7 = all). */
function alarmDetailMask(seat: Seat): number {
  const alarms = seatSpec(seat).siteAlarms;
  if (alarms === 'all') return (1 << OPERATORS.length) - 1;
  const op = OPERATORS.indexOf(seat as never);
  return alarms === 'own' && op >= 0 ? 1 << op : 0;
}

function truthSiteCode(state: SimState, s: number): number {
  switch (state.sites.outCause[s]) {
    case OUT_CAUSE.POWER:
      return SITE_VIEW.DOWN_POWER;
    case OUT_CAUSE.TRANSPORT:
      return SITE_VIEW.DOWN_TRANSPORT;
    case OUT_CAUSE.DAMAGE:
      return SITE_VIEW.DOWN_DAMAGE;
  }
  const source = state.sites.powerSource[s];
  if (source === POWER_SOURCE.BATTERY) return SITE_VIEW.UP_BATTERY;
  if (source === POWER_SOURCE.GENERATOR) return SITE_VIEW.UP_GENERATOR;
  return SITE_VIEW.UP;
}

/** Writes the seat's SITE_VIEW code for every site into `out` (length = number of sites). */
export function writeSiteView(world: World, state: SimState, seat: Seat, out: Uint8Array): Uint8Array {
  const n = world.sites.ids.length;
  if (seesGroundTruth(seat)) {
    for (let s = 0; s < n; s++) out[s] = truthSiteCode(state, s);
    return out;
  }
  const detail = alarmDetailMask(seat);
  const { outCause, powerSource, inspected } = state.sites;
  const { operatorMask } = world.sites;
  for (let s = 0; s < n; s++) {
    if (outCause[s] !== OUT_CAUSE.NONE) out[s] = inspected[s] ? truthSiteCode(state, s) : SITE_VIEW.DOWN;
    else if (operatorMask[s] & detail && powerSource[s] !== POWER_SOURCE.MAINS) out[s] = SITE_VIEW.UP_MAINS_ALARM;
    else out[s] = SITE_VIEW.UP;
  }
  return out;
}

/** Writes GRID_VIEW codes for feeders and substations. */
export function writeGridView(state: SimState, seat: Seat, feeders: Uint8Array, substations: Uint8Array): void {
  if (!seesGrid(seat)) {
    feeders.fill(GRID_VIEW.UNKNOWN);
    substations.fill(GRID_VIEW.UNKNOWN);
    return;
  }
  const feederEnergised = state.feeders.energised;
  for (let f = 0; f < feeders.length; f++) feeders[f] = feederEnergised[f] ? GRID_VIEW.UP : GRID_VIEW.DOWN;
  const energised = state.substations.energised;
  for (let ss = 0; ss < substations.length; ss++) substations[ss] = energised[ss] ? GRID_VIEW.UP : GRID_VIEW.DOWN;
}

/**
 * Writes ROAD_VIEW codes for every road segment: ground truth for the
 * director and evaluators; for players, what has been seen or reported
 * (state.roads.known, shared through the headquarters), which may be stale.
 */
export function writeRoadView(state: SimState, seat: Seat, out: Uint8Array): Uint8Array {
  if (seesGroundTruth(seat)) {
    const status = state.roads.status;
    for (let r = 0; r < out.length; r++) out[r] = status[r] + 1;
  } else {
    // ROAD_VIEW codes are ROAD_STATUS + 1, with 0 for unknown: the same encoding as `known`.
    out.set(state.roads.known);
  }
  // A segment seen as damaged that a crew opened by a detour: the crew reported it when it opened the detour.
  const detour = state.roads.detour;
  for (let r = 0; r < out.length; r++) if (out[r] === ROAD_VIEW.DAMAGED && detour[r]) out[r] = ROAD_VIEW.DETOUR;
  return out;
}

const KPI_BY_ID = new Map(KPI_REPORTERS.map((k) => [k.id, k]));

/** Whether the seat may read a KPI: the reporter says who sees it. */
export function kpiVisibleTo(seat: Seat, kpiId: string): boolean {
  if (seesGroundTruth(seat)) return true;
  const k = KPI_BY_ID.get(kpiId);
  switch (k?.seenBy) {
    case 'everyone':
      return true;
    case 'grid':
      return seesGrid(seat);
    case 'roads':
      return seesRoads(seat);
    case 'ownOperator':
      return k.operator === seat;
    default:
      return false;
  }
}

/** Writes KPI values in KPI_IDS order (NaN where hidden). Reporters only read. */
export function writeKpis(world: World, index: WorldIndex, state: SimState, seat: Seat, out: Float64Array): Float64Array {
  const ctx = { world, index, state } as Ctx;
  KPI_REPORTERS.forEach((k, i) => {
    out[i] = kpiVisibleTo(seat, k.id) ? k.read(ctx) : NaN;
  });
  return out;
}

export function poolVisibleTo(seat: Seat, org: string): boolean {
  return seesAllTeams(seat) || seat === org;
}

export function logVisibleTo(seat: Seat, entry: { seat: string }): boolean {
  return seesGroundTruth(seat) || entry.seat === seat;
}

export function injectVisibleTo(seat: Seat, inject: InjectDoc): boolean {
  return seesGroundTruth(seat) || inject.to === seat;
}

/** One inject as the script panel lists it. */
export interface ScriptInjectView {
  id: string;
  status: InjectStatus;
  dueSec: number;
  deliveredAtSec: number;
  to: string;
  synopsis: LocalizedText;
  /** The ad-hoc inject's kind, or null for an MSEL row. */
  adhocKind: string | null;
}

export interface ScriptView {
  /**
   * The director and evaluators: every inject. A player: its own injects not
   * yet delivered (their time and synopsis), unless the drill is no-notice
   * (双盲), when it learns of an inject only on delivery.
   */
  injects: ScriptInjectView[];
  /** Expected actions and how they stand (the director and evaluators only). */
  expectations: ExpectationState[];
  stopAtSec: number;
  noNotice: boolean;
}

/** A synopsis: the MSEL's, else the start of the text. */
function synopsisOf(doc: InjectDoc): LocalizedText {
  if (doc.synopsis) return doc.synopsis;
  const cut = (t: string) => (t.length > 60 ? `${t.slice(0, 59)}…` : t);
  return doc.text.en !== undefined ? { zh: cut(doc.text.zh), en: cut(doc.text.en) } : { zh: cut(doc.text.zh) };
}

export function scriptView(world: World, state: SimState, seat: Seat): ScriptView {
  const truth = seesGroundTruth(seat);
  const d = state.drill;
  const injects: ScriptInjectView[] = [];
  d.injects.forEach((s, i) => {
    const doc = injectDoc(world, state, i);
    const upcoming = !d.noNotice && doc.to === seat && (s.status === 'scheduled' || (s.status === 'held' && s.dueSec >= 0));
    if (!truth && !upcoming) return;
    injects.push({ id: s.id, status: s.status, dueSec: s.dueSec, deliveredAtSec: s.deliveredAtSec, to: doc.to, synopsis: synopsisOf(doc), adhocKind: s.adhoc ? s.adhoc.kind : null });
  });
  return { injects, expectations: truth ? d.expectations.map((e) => ({ ...e })) : [], stopAtSec: d.stopAtSec, noNotice: d.noNotice };
}

/** Injects delivered to the seat, from the `from`-th delivery on. */
export function deliveredInjects(world: World, state: SimState, seat: Seat, from = 0): InjectDoc[] {
  const out: InjectDoc[] = [];
  for (let k = from; k < state.drill.delivered.length; k++) {
    const doc = injectDoc(world, state, state.drill.delivered[k]);
    if (injectVisibleTo(seat, doc)) out.push(doc);
  }
  return out;
}

export function teamVisibleTo(seat: Seat, org: string): boolean {
  return seesAllTeams(seat) || seat === org;
}

/**
 * Writes each team's position at tSec (interpolated along its journey) and
 * status, in world order; NaN and TEAM_VIEW_HIDDEN for teams the seat does
 * not see.
 */
export function writeTeamView(world: World, index: WorldIndex, state: SimState, seat: Seat, tSec: number, xM: Float64Array, yM: Float64Array, status: Uint8Array): void {
  const ctx = { world, index, state } as Ctx;
  const teams = world.teams;
  for (let i = 0; i < teams.length; i++) {
    if (!teamVisibleTo(seat, teams[i].org)) {
      xM[i] = NaN;
      yM[i] = NaN;
      status[i] = TEAM_VIEW_HIDDEN;
      continue;
    }
    const at = teamPosition(ctx, i, tSec);
    xM[i] = at.xM;
    yM[i] = at.yM;
    status[i] = state.teams.status[i];
  }
}

/**
 * Brings `lastTask` (per team: index of its latest task, or -1) up to date
 * with the tasks added since `from`; returns the new task count. Tasks are
 * only ever appended, so a caller can keep `lastTask` and pass the count back.
 */
export function updateLastTasks(state: SimState, from: number, lastTask: Int32Array): number {
  const tasks = state.tasks;
  for (let k = from; k < tasks.length; k++) lastTask[tasks[k].team] = k;
  return tasks.length;
}

/** What a seat sees of a team's latest task (null: none, or the team is hidden). */
export function teamTaskView(world: World, state: SimState, seat: Seat, team: number, taskIndex: number): TeamTaskView | null {
  if (taskIndex < 0 || !teamVisibleTo(seat, world.teams[team].org)) return null;
  const task = state.tasks[taskIndex];
  return { team, index: taskIndex, type: task.type, target: task.target, status: task.status, reason: task.reason, assignedAtSec: task.assignedAtSec };
}

/** Per UAV: x, y, footprint radius (0 unless on station; x, y NaN while on the ground), and its status. Aircraft are seen by every seat. */
export function writeUavView(state: SimState, xyr: Float64Array, status: Uint8Array): void {
  const uavs = state.uavs;
  for (let u = 0; u < uavs.status.length; u++) {
    const st = uavs.status[u];
    const flying = st !== UAV_STATUS.READY && st !== UAV_STATUS.DONE;
    const cell = uavs.cell[u];
    xyr[3 * u] = flying ? uavs.targetXM[u] : NaN;
    xyr[3 * u + 1] = flying ? uavs.targetYM[u] : NaN;
    xyr[3 * u + 2] = st === UAV_STATUS.ON_STATION && cell >= 0 ? state.cells[cell].radiusM : 0;
    status[u] = st;
  }
}

const orgCache = new WeakMap<World, Map<string, string>>();
/** Organisation of each team and UAV, by id. */
function orgsOf(world: World): Map<string, string> {
  let orgs = orgCache.get(world);
  if (!orgs) {
    orgs = new Map();
    for (const t of world.teams) orgs.set(t.id, t.org);
    for (const u of world.uavs) orgs.set(u.id, u.org);
    orgCache.set(world, orgs);
  }
  return orgs;
}

/** Emergency cells that are on and that the seat sees: airborne ones always, others when its own teams opened them (the headquarters sees all). */
export function cellView(world: World, state: SimState, seat: Seat): CellView {
  const orgs = orgsOf(world);
  const visible = state.cells.filter((c) => c.on && (c.kind === 'uav' || seesAllTeams(seat) || orgs.get(c.by) === seat));
  const xyr = new Float64Array(visible.length * 3);
  const kind = new Uint8Array(visible.length);
  visible.forEach((c, i) => {
    xyr[3 * i] = c.xM;
    xyr[3 * i + 1] = c.yM;
    xyr[3 * i + 2] = c.radiusM;
    kind[i] = CELL_KINDS.indexOf(c.kind);
  });
  return { xyr, kind };
}

/** The whole view of one seat at the state's current time. */
export function viewFor(world: World, state: SimState, seat: Seat, index: WorldIndex): SeatView {
  const sites = writeSiteView(world, state, seat, new Uint8Array(world.sites.ids.length));
  const feeders = new Uint8Array(world.feeders.ids.length);
  const substations = new Uint8Array(world.substations.ids.length);
  writeGridView(state, seat, feeders, substations);
  const roads = writeRoadView(state, seat, new Uint8Array(world.roads.ids.length));
  const kpis = writeKpis(world, index, state, seat, new Float64Array(KPI_IDS.length));
  const poolsLeft = Int32Array.from(world.generatorPools, (p, i) => (poolVisibleTo(seat, p.org) ? state.generatorPoolsLeft[i] : -1));
  const log: VisibleCommand[] = [];
  state.commandLog.forEach((entry, i) => {
    if (logVisibleTo(seat, entry)) log.push({ ...entry, args: { ...entry.args }, index: i });
  });
  const now = Math.max(0, state.processedThroughSec);
  const injects = deliveredInjects(world, state, seat);
  const nTeams = world.teams.length;
  const teamXM = new Float64Array(nTeams), teamYM = new Float64Array(nTeams), teamStatus = new Uint8Array(nTeams);
  writeTeamView(world, index, state, seat, now, teamXM, teamYM, teamStatus);
  const lastTask = new Int32Array(nTeams).fill(-1);
  updateLastTasks(state, 0, lastTask);
  const teamTasks = Array.from(lastTask, (k, team) => teamTaskView(world, state, seat, team, k));
  const uavs = new Float64Array(world.uavs.length * 3), uavStatus = new Uint8Array(world.uavs.length);
  writeUavView(state, uavs, uavStatus);
  const cells = cellView(world, state, seat);
  const floodLevelsM = writeFloodView(world, state, seat, now, new Float64Array(floodZoneCount(world)));
  return { seat, tSec: state.clockSec, sites, feeders, substations, roads, kpis, poolsLeft, log, injects, script: scriptView(world, state, seat), teamXM, teamYM, teamStatus, teamTasks, uavs, uavStatus, cells, floodLevelsM };
}
