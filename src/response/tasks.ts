// Response tasks, one spec each: what a task targets, which kinds of team do
// it, what stops it being given, how long the work takes once the team is on
// site, what it changes when done, and which support requests it answers.
// A new task is one entry here, its parameter row (model/params/tasks.ts,
// read through ctx.world.params.tasks so a --params file can change it) and
// its names (scoring/i18n.ts TASK_NAMES); the gate, the teams, the doctrine's
// checks, the request matching and the console all read this table.
import { scheduleEvent, type Ctx } from '../model/context.ts';
import type { ReasonCode } from '../model/reasons.ts';
import type { TeamKind } from '../model/scenario-format.ts';
import { NEVER, SITE_DESTROYED_DAMAGE_STATE } from '../model/state.ts';
import { NONE, OPERATORS, ROAD_CLASSES, type World } from '../model/world.ts';
import type { ModelParams } from '../model/params/index.ts';
import { openCell } from '../infra/cells.ts';
import { repairFeeder, setSubstationInService } from '../infra/power.ts';
import { observeRoad, refreshRoad } from '../infra/roads.ts';
import { addGeneratorFuel, refreshSite, refreshSitesOnRoad, standInForSite } from '../infra/sites.ts';
import { deliverTerminals } from '../infra/townships.ts';
import { generatorBlocker } from './cmd-generator.ts';
import { binarySearch } from './lookup.ts';

export type TargetKind = 'site' | 'road' | 'township' | 'substation' | 'feeder';

export interface ResolvedTarget {
  kind: TargetKind;
  index: number;
  xM: number;
  yM: number;
  /** Road segments: the other end, also a place to work from. */
  altXM?: number;
  altYM?: number;
  /** Ground elevation where the work happens (WORK_AT_ALTITUDE); NaN where the scenario does not say. */
  groundM: number;
}

/**
 * How many times longer work takes at `groundM` metres than the model's work times say (WORK_AT_ALTITUDE): the
 * factor of the highest band the place lies above, over the baseline's; never below 1, and 1 where the height
 * is unknown.
 */
export function altitudeWorkFactor(world: World, groundM: number, work: 'labour' | 'machine'): number {
  const table = world.params.tasks.WORK_AT_ALTITUDE;
  const bandFactor = (m: number) => {
    let factor = 1;
    for (const [fromM, f] of table[work]) if (m > fromM) factor = f;
    return factor;
  };
  const factor = bandFactor(groundM) / bandFactor(table.baselineM);
  return factor > 1 ? factor : 1;
}

/** Seconds of hand work at the target, at its altitude; 0 and the "cannot" −1 pass through. */
function labourSec(ctx: Ctx, target: ResolvedTarget, sec: number): number {
  return sec > 0 ? Math.round(sec * altitudeWorkFactor(ctx.world, target.groundM, 'labour')) : sec;
}

type FixedTask = Exclude<keyof ModelParams['tasks']['TASK_DURATION_SEC'], 'repairSiteByDamageState'>;

/** A task's time on site: its row of TASK_DURATION_SEC, as hand work at the target's altitude. */
const fixedLabour = (task: FixedTask) => (ctx: Ctx, target: ResolvedTarget) => labourSec(ctx, target, ctx.world.params.tasks.TASK_DURATION_SEC[task].value);

/** Kinds of support a department may ask the headquarters for (requestSupport). */
export const REQUEST_KINDS = ['uav', 'reinforcement', 'generators', 'roadClearance', 'power', 'terminals', 'other'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export interface TaskSpec {
  /** What the target id names; 'siteOrTownship' tries a site first. */
  target: TargetKind | 'siteOrTownship';
  /** Kinds of team that do it (an organisational assumption). */
  teamKinds: readonly TeamKind[];
  /** Why it cannot be given now (nothing to do, missing equipment), or null. Ownership of sites is checked for every task. */
  blocker(ctx: Ctx, team: number, target: ResolvedTarget): ReasonCode | null;
  /** Seconds of work once on site; negative when it cannot be done (the task fails as cannotRepair). */
  durationSec(ctx: Ctx, target: ResolvedTarget): number;
  /** What the finished work changes. */
  effect(ctx: Ctx, team: number, target: ResolvedTarget): void;
  /** Support requests this task answers when a department is asked for help. */
  answers: readonly RequestKind[];
  /**
   * The work needs only what a crew carries on foot (tools, spare boards, fuel cans, a cable drum), so a crew
   * whose vehicle is stopped by a blocked road may walk the rest. False for a generator, an emergency cell or
   * a satellite station: those go by road or helicopter, and wait for the road.
   */
  walkIn: boolean;
  /** When work that takes `durationSec` alone will be done, for work crews share (clearing a road); else now + durationSec. */
  dueSec?(ctx: Ctx, team: number, target: ResolvedTarget, durationSec: number): number;
}

const COMMS: readonly TeamKind[] = ['commsTeam', 'operatorCrew'];

/** Operators a team's cell carries: its own operator's, or all three for headquarters and tower teams. */
function cellOperatorMask(org: string): number {
  const o = OPERATORS.indexOf(org as never);
  return o >= 0 ? 1 << o : 0b111;
}

type CellKindOfTask = 'portableStation' | 'commsVehicle' | 'tetheredUav';
type LoadoutCount = 'portableBaseStations' | 'commsVehicles' | 'tetheredUavs';

/** Emergency cells brought by a team: a portable station, a vehicle or a tethered UAV. */
function deployCell(kind: CellKindOfTask, loadout: LoadoutCount, teamKinds: readonly TeamKind[], answers: readonly RequestKind[]): TaskSpec {
  return {
    target: 'siteOrTownship',
    teamKinds,
    blocker: (ctx, team) => (ctx.state.teams[loadout][team] > 0 ? null : 'noEquipment'),
    durationSec: fixedLabour(kindTask[kind]),
    effect(ctx, team, target) {
      ctx.state.teams[loadout][team]--;
      const spec = ctx.world.teams[team];
      openCell(ctx, {
        id: `${kind}-${ctx.state.cells.length + 1}`,
        kind,
        xM: target.xM,
        yM: target.yM,
        radiusM: ctx.world.params.tasks.EMERGENCY_CELL_RADIUS_M[kind].value,
        operatorMask: cellOperatorMask(spec.org),
        by: spec.id,
      });
      // Set up at a failed site, the cell stands in for it.
      if (target.kind === 'site') standInForSite(ctx, target.index);
    },
    answers,
    walkIn: false,
  };
}
const kindTask = { portableStation: 'deployPortableStation', commsVehicle: 'deployCommsVehicle', tetheredUav: 'deployTetheredUav' } as const;

/**
 * Work to reopen a blocked segment: a temporary crossing beside a collapsed bridge, and one lane opened through
 * the slide debris on it (its firstLaneShare) at the rate machines of the road's class manage (ROAD_CLEARING),
 * after setting up — or, on a trunk road, a detour round the debris when that is quicker (ROAD_DETOUR).
 */
export function clearRoadSec(ctx: Ctx, r: number): number {
  const bridgeSec = ctx.state.roads.bridgeDamage[r] >= 3 ? ctx.world.params.tasks.TASK_DURATION_SEC.clearRoadBridge.value : 0;
  return Math.round((bridgeSec + Math.min(laneSec(ctx, r), detourSec(ctx, r))) * roadMachineFactor(ctx, r));
}

/** Machine work on segment r takes this many times longer at its altitude (WORK_AT_ALTITUDE). */
function roadMachineFactor(ctx: Ctx, r: number): number {
  return altitudeWorkFactor(ctx.world, ctx.world.roads.groundM[r], 'machine');
}

/** Setting up and opening one lane through the segment's debris. */
function laneSec(ctx: Ctx, r: number): number {
  const { ROAD_CLEARING } = ctx.world.params.infra;
  const rate = ROAD_CLEARING.m3PerHourByClass[ROAD_CLASSES[ctx.world.roads.roadClass[r]]];
  return Math.round((ROAD_CLEARING.setupHours + (ROAD_CLEARING.firstLaneShare * ctx.state.roads.debrisM3[r]) / rate) * 3600);
}

/** Building a detour round the segment's debris: only on the trunk road classes, else never (Infinity). */
function detourSec(ctx: Ctx, r: number): number {
  const { ROAD_DETOUR } = ctx.world.params.infra;
  const roadClass = ROAD_CLASSES[ctx.world.roads.roadClass[r]];
  return (ROAD_DETOUR.classes as readonly string[]).includes(roadClass) ? Math.round(ROAD_DETOUR.buildHours * 3600) : Infinity;
}

/** Whether a crew opens the segment by a detour rather than a lane through its debris (the quicker; a tie digs). */
export function opensByDetour(ctx: Ctx, r: number): boolean {
  return ctx.state.roads.debrisM3[r] > 0 && detourSec(ctx, r) < laneSec(ctx, r);
}

/** Work left to open segment r: what the clearing under way has left, or what one crew would take from the start. */
export function clearingLeftSec(ctx: Ctx, r: number): number {
  const dueSec = ctx.state.roads.clearDueSec[r];
  return dueSec !== NEVER && dueSec > ctx.state.clockSec ? dueSec - ctx.state.clockSec : clearRoadSec(ctx, r);
}

/** The teams other than `team` with a clearRoad task on segment r, on their way or at work (only those at work, when `working`). */
export function clearingCrews(ctx: Ctx, r: number, team: number, working: boolean): number[] {
  const st = ctx.state.teams;
  const id = ctx.world.roads.ids[r];
  const crews: number[] = [];
  for (let other = 0; other < st.task.length; other++) {
    if (other === team || st.task[other] === NONE) continue;
    const task = ctx.state.tasks[st.task[other]];
    if (task.type !== 'clearRoad' || task.target !== id) continue;
    if (task.status === 'working' || (!working && task.status === 'travelling')) crews.push(other);
  }
  return crews;
}

/**
 * When a crew starting to clear segment r will have it open, given `durationSec` of work on its own. A crew
 * joining one already at work from the other end sets up, then the two share what is left: both finish at
 * the new time. At the same end the working face is one lane wide, so it only helps finish. Returns the time;
 * moves the other crew's finish.
 */
export function joinClearing(ctx: Ctx, team: number, r: number, durationSec: number): number {
  const roads = ctx.state.roads;
  const nowSec = ctx.state.clockSec;
  // Opened while the crew was on its way (by the crew at the other end): nothing left to do.
  if (!roads.blocked[r]) return nowSec;
  const dueSec = roads.clearDueSec[r];
  if (dueSec === NEVER || dueSec <= nowSec) return (roads.clearDueSec[r] = nowSec + durationSec);
  const setupSec = Math.round(ctx.world.params.infra.ROAD_CLEARING.setupHours * 3600 * roadMachineFactor(ctx, r));
  const leftSec = dueSec - nowSec;
  const st = ctx.state.teams;
  const others = clearingCrews(ctx, r, team, true);
  const sameEnd = others.some((o) => st.xM[o] === st.xM[team] && st.yM[o] === st.yM[team]);
  // At the same face, or too little left to be worth setting up for: the crew helps finish it.
  if (sameEnd || leftSec <= setupSec) return dueSec;
  const sharedDueSec = nowSec + setupSec + Math.round((leftSec - setupSec) / 2);
  roads.clearDueSec[r] = sharedDueSec;
  for (const other of others) scheduleEvent(ctx, sharedDueSec, 'taskDone', { team: other, epoch: ++st.epoch[other] });
  return sharedDueSec;
}

/**
 * An emergency repair of a cut cable: the splices (repairFibre's set time), and new cable laid along the
 * destroyed stretch at the temporary line's pace, so a cut at a point takes the splices alone and each
 * kilometre of pole line swept away by slides about 50 min more (at 1.2 km/h).
 */
export function repairFibreSec(ctx: Ctx, r: number): number {
  const { TASK_DURATION_SEC, TEMPORARY_FIBRE } = ctx.world.params.tasks;
  const sec = TASK_DURATION_SEC.repairFibre.value + Math.ceil((ctx.state.roads.fibreDamagedM[r] / 1000 / TEMPORARY_FIBRE.layKmh.value) * 3600);
  return Math.round(sec * altitudeWorkFactor(ctx.world, ctx.world.roads.groundM[r], 'labour'));
}

/** Restores a cut fibre segment's transport (a splice or a temporary line). */
function restoreFibre(ctx: Ctx, road: number): void {
  if (!ctx.state.roads.fibreCut[road]) return;
  ctx.state.roads.fibreCut[road] = 0;
  ctx.state.roads.fibreDamagedM[road] = 0;
  ctx.state.counts.fibreCuts--;
  refreshSitesOnRoad(ctx, road);
}

export const TASKS = {
  inspectSite: {
    target: 'site',
    teamKinds: ['commsTeam', 'operatorCrew', 'fireSquad'],
    blocker: () => null,
    durationSec: fixedLabour('inspectSite'),
    effect(ctx, _team, target) {
      ctx.state.sites.inspected[target.index] = 1;
    },
    answers: [],
    walkIn: true,
  },
  repairSite: {
    target: 'site',
    teamKinds: COMMS,
    blocker(ctx, team, target) {
      const ds = ctx.state.sites.damageState[target.index];
      if (ds === 0) return 'nothingToDo';
      if (ds >= SITE_DESTROYED_DAMAGE_STATE) return 'siteDestroyed';
      if (ds >= 2 && ctx.state.teams.spares[team] <= 0) return 'noEquipment';
      return null;
    },
    durationSec(ctx, target) {
      const ds = ctx.state.sites.damageState[target.index];
      return ds === 0 ? 0 : labourSec(ctx, target, ctx.world.params.tasks.TASK_DURATION_SEC.repairSiteByDamageState.value[ds - 1]);
    },
    effect(ctx, team, target) {
      const sites = ctx.state.sites;
      if (sites.damageState[target.index] >= 2) ctx.state.teams.spares[team]--;
      sites.damageState[target.index] = 0;
      refreshSite(ctx, target.index);
      // The crew on site knows why it is still down, if it is.
      sites.inspected[target.index] = 1;
    },
    answers: [],
    walkIn: true,
  },
  hookGenerator: {
    target: 'site',
    teamKinds: ['commsTeam', 'operatorCrew', 'powerCrew'],
    blocker(ctx, team, target) {
      if (ctx.state.sites.damageState[target.index] >= SITE_DESTROYED_DAMAGE_STATE) return 'siteDestroyed';
      return generatorBlocker(ctx, target.index) ?? (ctx.state.teams.generators[team] > 0 ? null : 'noEquipment');
    },
    durationSec: fixedLabour('hookGenerator'),
    effect(ctx, team, target) {
      ctx.state.teams.generators[team]--;
      addGeneratorFuel(ctx, target.index, Math.round(ctx.world.teams[team].loadout.fuelHours * 3600));
    },
    answers: ['generators'],
    walkIn: false,
  },
  refuelSite: {
    target: 'site',
    teamKinds: ['commsTeam', 'operatorCrew', 'powerCrew'],
    blocker: (ctx, _team, target) => (ctx.state.sites.hasGenerator[target.index] ? null : 'nothingToDo'),
    durationSec: fixedLabour('refuelSite'),
    effect(ctx, team, target) {
      addGeneratorFuel(ctx, target.index, Math.round(ctx.world.teams[team].loadout.fuelHours * 3600));
    },
    answers: ['generators'],
    walkIn: true,
  },
  deployPortableStation: deployCell('portableStation', 'portableBaseStations', COMMS, []),
  deployCommsVehicle: deployCell('commsVehicle', 'commsVehicles', ['commsTeam'], []),
  deployTetheredUav: deployCell('tetheredUav', 'tetheredUavs', ['commsTeam', 'fireSquad'], ['uav']),
  deploySatelliteBackhaul: {
    target: 'site',
    teamKinds: COMMS,
    blocker(ctx, team, target) {
      if (ctx.state.sites.satelliteBackhaul[target.index]) return 'nothingToDo';
      return ctx.state.teams.vsat[team] > 0 ? null : 'noEquipment';
    },
    durationSec: fixedLabour('deploySatelliteBackhaul'),
    effect(ctx, team, target) {
      ctx.state.teams.vsat[team]--;
      ctx.state.sites.satelliteBackhaul[target.index] = 1;
      refreshSite(ctx, target.index);
    },
    answers: [],
    walkIn: false,
  },
  repairFibre: {
    target: 'road',
    teamKinds: COMMS,
    blocker: (ctx, _team, target) => (ctx.state.roads.fibreCut[target.index] ? null : 'nothingToDo'),
    durationSec: (ctx, target) => repairFibreSec(ctx, target.index),
    effect: (ctx, _team, target) => restoreFibre(ctx, target.index),
    answers: [],
    walkIn: true,
  },
  clearRoad: {
    target: 'road',
    teamKinds: ['roadCrew'],
    // At most two crews, one from each end.
    blocker: (ctx, team, target) => (ctx.state.roads.blocked[target.index] && clearingCrews(ctx, target.index, team, false).length < 2 ? null : 'nothingToDo'),
    durationSec: (ctx, target) => clearRoadSec(ctx, target.index),
    dueSec: (ctx, team, target, durationSec) => joinClearing(ctx, team, target.index, durationSec),
    effect(ctx, _team, target) {
      // Lane or detour is read from the debris now: an aftershock's slide added during the work can tip it.
      if (opensByDetour(ctx, target.index)) ctx.state.roads.detour[target.index] = 1;
      ctx.state.roads.clearDueSec[target.index] = NEVER;
      ctx.state.roads.blocked[target.index] = 0;
      ctx.state.roads.debrisM3[target.index] = 0;
      if (ctx.state.roads.bridgeDamage[target.index] >= 3) ctx.state.roads.bridgeDamage[target.index] = 2; // a temporary crossing: passable, slow
      refreshRoad(ctx, target.index);
      observeRoad(ctx, target.index);
    },
    answers: ['roadClearance'],
    walkIn: true,
  },
  deliverTerminals: {
    target: 'township',
    teamKinds: ['commsTeam', 'fireSquad'],
    blocker: (ctx, team) => (ctx.state.teams.terminals[team] > 0 ? null : 'noEquipment'),
    durationSec: fixedLabour('deliverTerminals'),
    effect(ctx, team, target) {
      const st = ctx.state.teams;
      const count = Math.min(st.terminals[team], ctx.world.params.tasks.TERMINALS_PER_DELIVERY.value);
      st.terminals[team] -= count;
      deliverTerminals(ctx, target.index, count);
    },
    answers: ['terminals'],
    walkIn: true,
  },
  restoreSubstation: {
    target: 'substation',
    teamKinds: ['powerCrew'],
    blocker: (ctx, _team, target) => (ctx.state.substations.inService[target.index] ? 'nothingToDo' : null),
    // Switching round the damage or temporary supply, whatever the damage state (TASK_DURATION_SEC.restoreSubstation).
    durationSec: fixedLabour('restoreSubstation'),
    effect(ctx, _team, target) {
      const ss = ctx.state.substations;
      ss.damageState[target.index] = 0;
      ss.restoreAtSec[target.index] = NEVER;
      setSubstationInService(ctx, target.index, ss.flooded[target.index] === 0);
    },
    answers: ['power'],
    // Linemen repair in place with what they carry (the Jiuzhaigou 2017 crew walked to its 110 kV substation).
    walkIn: true,
  },
  // A tripped 10 kV feeder: the crew goes to the feeder's breaker at its substation, where a patrol out along the
  // line starts (an assumption: fault handling begins with the tripped breaker), driving or walking in, and works
  // the drawn repair time (FEEDER_REPAIR: patrol, fault location, repair or isolation, re-energising) once there.
  repairFeeder: {
    target: 'feeder',
    teamKinds: ['powerCrew'],
    blocker: (ctx, _team, target) => (ctx.state.feeders.tripped[target.index] ? null : 'nothingToDo'),
    durationSec: (ctx, target) => labourSec(ctx, target, Math.round(ctx.state.feeders.repairSec[target.index])),
    effect: (ctx, _team, target) => repairFeeder(ctx, target.index),
    answers: ['power'],
    walkIn: true,
  },
  layTemporaryFibre: {
    target: 'road',
    teamKinds: COMMS,
    blocker: (ctx, _team, target) => (ctx.state.roads.fibreCut[target.index] ? null : 'nothingToDo'),
    // A field cable laid along the whole segment on temporary poles or the ground: the time grows with its length.
    durationSec(ctx, target) {
      const { setupSec, layKmh } = ctx.world.params.tasks.TEMPORARY_FIBRE;
      return labourSec(ctx, target, setupSec.value + Math.ceil((ctx.world.roads.lengthM[target.index] / 1000 / layKmh.value) * 3600));
    },
    effect: (ctx, _team, target) => restoreFibre(ctx, target.index),
    answers: [],
    walkIn: true,
  },
} as const satisfies Record<string, TaskSpec>;

export type TaskType = keyof typeof TASKS;
/** Every task type, in the registry's order. */
export const TASK_TYPES = Object.keys(TASKS) as TaskType[];

export function isTaskType(value: unknown): value is TaskType {
  return typeof value === 'string' && Object.hasOwn(TASKS, value);
}

export function taskSpec(type: string): TaskSpec {
  return (TASKS as Record<string, TaskSpec>)[type];
}

/** Which kinds of team do which tasks, in registry order (derived: for the console's forms). */
export function tasksByTeamKind(): Record<string, TaskType[]> {
  const out: Record<string, TaskType[]> = {};
  for (const type of TASK_TYPES) for (const kind of taskSpec(type).teamKinds) (out[kind] ??= []).push(type);
  return out;
}

export function teamDoesTask(kind: string, type: string): boolean {
  return isTaskType(type) && (taskSpec(type).teamKinds as readonly string[]).includes(kind);
}

/** Where a crew goes for a tripped feeder: its breaker, at its substation, where a patrol out along the line starts (repairFeeder). */
export function feederWorkPoint(world: World, f: number): { xM: number; yM: number } {
  const ss = world.feeders.substation[f];
  return { xM: world.substations.xM[ss], yM: world.substations.yM[ss] };
}

/** Finds a task's target; roads are worked from either end. */
export function resolveTarget(world: World, task: string, targetId: string): ResolvedTarget | null {
  const want = taskSpec(task).target;
  const tryKind = (kind: TargetKind): ResolvedTarget | null => {
    switch (kind) {
      case 'site': {
        const i = binarySearch(world.sites.ids, targetId);
        return i < 0 ? null : { kind, index: i, xM: world.sites.xM[i], yM: world.sites.yM[i], groundM: world.sites.groundM[i] };
      }
      case 'township': {
        const i = binarySearch(world.townships.ids, targetId);
        return i < 0 ? null : { kind, index: i, xM: world.townships.xM[i], yM: world.townships.yM[i], groundM: world.townships.groundM[i] };
      }
      case 'substation': {
        const i = binarySearch(world.substations.ids, targetId);
        return i < 0 ? null : { kind, index: i, xM: world.substations.xM[i], yM: world.substations.yM[i], groundM: world.substations.groundM[i] };
      }
      case 'feeder': {
        const i = binarySearch(world.feeders.ids, targetId);
        return i < 0 ? null : { kind, index: i, ...feederWorkPoint(world, i), groundM: world.substations.groundM[world.feeders.substation[i]] };
      }
      case 'road': {
        const i = binarySearch(world.roads.ids, targetId);
        if (i < 0) return null;
        // A crew works a segment from whichever end it can reach (the near side of a slide).
        const a = world.roads.fromNode[i], b = world.roads.toNode[i];
        return { kind, index: i, xM: world.roads.nodeXM[a], yM: world.roads.nodeYM[a], altXM: world.roads.nodeXM[b], altYM: world.roads.nodeYM[b], groundM: world.roads.groundM[i] };
      }
    }
  };
  if (want === 'siteOrTownship') return tryKind('site') ?? tryKind('township');
  return tryKind(want);
}

/** Why the task cannot be given to this team now, or null: an operator's crew works only on its own operator's sites. */
export function taskBlocker(ctx: Ctx, team: number, type: string, target: ResolvedTarget): ReasonCode | null {
  if (target.kind === 'site') {
    const o = OPERATORS.indexOf(ctx.world.teams[team].org as never);
    if (o >= 0 && !(ctx.world.sites.operatorMask[target.index] & (1 << o))) return 'siteNotYours';
  }
  return taskSpec(type).blocker(ctx, team, target);
}
