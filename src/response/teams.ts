// Response teams: activation, travel on the damaged road network, tasks and
// their effects on the twin. A team is activated (county and city teams at
// T0, others when the headquarters activates them), assembles, makes any long
// haul from another province, then takes tasks one at a time: it travels to
// the target by the first of its modes that can get there, works for the
// task's duration, and the effect lands when the work is done. Journeys are
// re-planned from the next road node when a road on the remaining path
// changes; a journey that becomes impossible fails the task with a reason.
import { scheduleEvent, type Ctx } from '../model/context.ts';
import { NEVER, ROAD_STATUS, TEAM_STATUS, type Journey, type TaskRecord } from '../model/state.ts';
import { observeRoad, roadStateOf } from '../infra/roads.ts';
import { NONE } from '../model/world.ts';
import type { MovementMode } from '../model/params/movement.ts';
import type { TravelOk, TravelResult } from '../model/travel.ts';
import { positionAt, remainingAfter } from './routing.ts';
import { clearingCrews, resolveTarget, taskSpec, type ResolvedTarget, type TaskType } from './tasks.ts';
import { planAirlift, type AirliftRefusal } from './airlift.ts';
import { componentsFor, landModes, launchNodes } from './reachability.ts';

// ---- activation -----------------------------------------------------------

export function initialiseTeams(ctx: Ctx): void {
  const { teams, bases } = ctx.world;
  const st = ctx.state.teams;
  teams.forEach((team, i) => {
    st.xM[i] = bases.xM[team.base];
    st.yM[i] = bases.yM[team.base];
    st.task[i] = NONE;
    st.readyAtSec[i] = NEVER;
    st.firstDispatchSec[i] = NEVER;
    st.generators[i] = team.loadout.generators;
    st.portableBaseStations[i] = team.loadout.portableBaseStations;
    st.commsVehicles[i] = team.loadout.commsVehicles;
    st.vsat[i] = team.loadout.vsat;
    st.terminals[i] = team.loadout.satPhones + team.loadout.beidou;
    st.spares[i] = team.loadout.spares;
    st.tetheredUavs[i] = team.loadout.tetheredUavs;
    st.status[i] = TEAM_STATUS.INACTIVE;
    if (team.activeAtStart) activateTeam(ctx, i);
  });
}

export function activateTeam(ctx: Ctx, team: number): void {
  const spec = ctx.world.teams[team];
  const st = ctx.state.teams;
  st.status[team] = TEAM_STATUS.ACTIVATING;
  st.readyAtSec[team] = ctx.state.clockSec + spec.activationDelaySec + spec.longHaulSec;
  scheduleEvent(ctx, st.readyAtSec[team], 'teamReady', { team, epoch: ++st.epoch[team] });
}

export function onTeamReady(ctx: Ctx, data: { team: number; epoch: number }): void {
  const st = ctx.state.teams;
  if (st.epoch[data.team] !== data.epoch) return;
  st.status[data.team] = TEAM_STATUS.IDLE;
  // A task given while it was assembling starts now.
  const task = st.task[data.team];
  if (task !== NONE) startJourney(ctx, data.team, task);
}

// ---- journeys --------------------------------------------------------------


/** Where a team is now: interpolated along its journey, or where it stopped. */
export function teamPosition(ctx: Ctx, team: number, tSec: number): { xM: number; yM: number } {
  const journey = ctx.state.journeys[team];
  if (!journey || ctx.state.teams.status[team] !== TEAM_STATUS.TRAVELLING) return { xM: ctx.state.teams.xM[team], yM: ctx.state.teams.yM[team] };
  if (tSec < journey.startSec && journey.before) return positionAt(journey.before.trip, journey.before.startSec, tSec, ctx.world);
  return positionAt(journey.trip, journey.startSec, tSec, ctx.world);
}

export type PlannedTravel = (Extract<TravelResult, { ok: true }> & { helicopter?: number; helicopterBusyUntilSec?: number }) | { ok: false; reason: TravelResult extends infer R ? (R extends { ok: false; reason: infer X } ? X : never) | AirliftRefusal | 'farEndUnreachable' : never };

/**
 * The gate plans a route to check a task is possible and the team sets off on
 * the same route a moment later: the last plan is kept so it is not searched
 * twice. The key covers everything the plan depends on, so reuse can never
 * change a result.
 */
let lastPlan: { key: string; state: object; result: PlannedTravel } | null = null;

/** Plans travel to a target: to either end of a road segment, whichever is quicker to reach. */
export function planTravelTo(ctx: Ctx, team: number, fromXM: number, fromYM: number, target: ResolvedTarget, walkIn: boolean): PlannedTravel {
  const key = `${team}|${fromXM}|${fromYM}|${target.kind}|${target.index}|${target.xM}|${target.yM}|${target.altXM}|${walkIn}|${ctx.state.clockSec}|${ctx.state.roadsVersion}|${ctx.state.helicopterBusyUntilSec.join(',')}`;
  if (lastPlan && lastPlan.state === ctx.state && lastPlan.key === key) return lastPlan.result;
  const result = planTravelToUncached(ctx, team, fromXM, fromYM, target, walkIn);
  lastPlan = { key, state: ctx.state, result };
  return result;
}

/**
 * Plans a team's way to a task's target. A crew joining another's clearing of a segment works it from the
 * other end, so it must get to that end (a second crew at the same face would add little: see joinClearing).
 */
export function planApproach(ctx: Ctx, team: number, fromXM: number, fromYM: number, type: TaskType, targetId: string): PlannedTravel {
  const target = resolveTarget(ctx.world, type, targetId)!;
  const walkIn = taskSpec(type).walkIn;
  const far = type === 'clearRoad' ? farEndOf(ctx, team, targetId, target) : null;
  if (!far) return planTravelTo(ctx, team, fromXM, fromYM, target, walkIn);
  // The second crew brings its machines: it goes by vehicle (or helicopter), not on foot over the slide.
  const result = planTravelTo(ctx, team, fromXM, fromYM, far, false);
  return result.ok ? result : { ok: false, reason: 'farEndUnreachable' };
}

/** Where a team should head for a task: the target, or for a segment another crew is clearing, the end it is not at. */
export function approachTarget(ctx: Ctx, team: number, type: TaskType, targetId: string): ResolvedTarget {
  const target = resolveTarget(ctx.world, type, targetId)!;
  return (type === 'clearRoad' && farEndOf(ctx, team, targetId, target)) || target;
}

/** The end of a road segment no other crew clearing it is at or heading for, or null (no other crew, or both ends taken). */
function farEndOf(ctx: Ctx, team: number, targetId: string, target: ResolvedTarget): ResolvedTarget | null {
  if (target.altXM === undefined) return null;
  const st = ctx.state.teams;
  // Only crews ordered before this one's own order on the segment count: the first crew keeps its choice of end.
  const mine = st.task[team] !== NONE && ctx.state.tasks[st.task[team]].type === 'clearRoad' && ctx.state.tasks[st.task[team]].target === targetId ? st.task[team] : Infinity;
  let atMain = false, atAlt = false;
  for (const other of clearingCrews(ctx, target.index, team, false)) {
    if (st.task[other] > mine) continue;
    const task = ctx.state.tasks[st.task[other]];
    const journey = ctx.state.journeys[other];
    const x = task.status === 'travelling' && journey ? journey.trip.toXM : st.xM[other];
    const y = task.status === 'travelling' && journey ? journey.trip.toYM : st.yM[other];
    if (x === target.xM && y === target.yM) atMain = true;
    else if (x === target.altXM && y === target.altYM) atAlt = true;
  }
  if (atMain === atAlt) return null;
  return atMain ? { kind: target.kind, index: target.index, xM: target.altXM, yM: target.altYM!, groundM: target.groundM } : { kind: target.kind, index: target.index, xM: target.xM, yM: target.yM, groundM: target.groundM };
}

function planTravelToUncached(ctx: Ctx, team: number, fromXM: number, fromYM: number, target: ResolvedTarget, walkIn: boolean): PlannedTravel {
  const first = planTravel(ctx, team, fromXM, fromYM, target.xM, target.yM, walkIn);
  if (target.altXM === undefined) return first;
  const second = planTravel(ctx, team, fromXM, fromYM, target.altXM, target.altYM!, walkIn);
  if (!first.ok) return second.ok ? second : first;
  return second.ok && second.totalSec < first.totalSec ? second : first;
}

/**
 * The router's trip by one mode under the roads as they are now. It is given the mode's connected parts of
 * the network, so a trip between parts that do not connect is refused without a search (the same answer).
 */
function travelBy(ctx: Ctx, mode: MovementMode, fromXM: number, fromYM: number, toXM: number, toYM: number): TravelResult {
  return ctx.index.router.travel({ fromXM, fromYM, toXM, toYM, mode, roadState: roadStateOf(ctx), components: componentsFor(ctx, mode) });
}

/**
 * Plans travel from (x, y) to the target by the first of the team's modes that works. `walkIn` says whether
 * the work can be carried in on foot (TaskSpec.walkIn): when not, a crew with vehicles does not leave them.
 */
export function planTravel(ctx: Ctx, team: number, fromXM: number, fromYM: number, toXM: number, toYM: number, walkIn: boolean): PlannedTravel {
  let last: PlannedTravel = { ok: false, reason: 'noRoute' };
  let vehicle: MovementMode | null = null;
  for (const mode of ctx.world.teams[team].modes) {
    if (mode === 'foot' && vehicle !== null && !walkIn) continue;
    if (mode === 'foot' && vehicle !== null) {
      // A crew with vehicles that cannot drive all the way drives to the first obstacle and walks on from there.
      const walk = travelBy(ctx, 'foot', fromXM, fromYM, toXM, toYM);
      if (walk.ok) return driveThenWalk(ctx, vehicle, walk);
      last = walk;
      continue;
    }
    if (vehicle === null && (mode === 'road' || mode === 'highClearance')) vehicle = mode;
    if (mode === 'helicopter') {
      const lift = planAirlift(ctx, ctx.world.teams[team].crew, fromXM, fromYM, toXM, toYM);
      if (lift.ok) return { ...lift.trip, helicopter: lift.helicopter, helicopterBusyUntilSec: lift.busyUntilSec };
      last = lift;
      continue;
    }
    if (mode === 'boat') {
      const byWater = travelBy(ctx, 'boat', fromXM, fromYM, toXM, toYM);
      if (byWater.ok) return byWater;
      const launched = carryThenBoat(ctx, team, fromXM, fromYM, toXM, toYM, walkIn);
      if (launched) return launched;
      last = byWater;
      continue;
    }
    const result = travelBy(ctx, mode as MovementMode, fromXM, fromYM, toXM, toYM);
    if (result.ok) return result;
    last = result;
  }
  return last;
}

/** Places to put a boat in that are tried: the nearest few in a straight line (each costs two route searches). */
const LAUNCH_CANDIDATES = 3;

/**
 * A boat squad away from the water carries its boat by land (its first land mode that gets there: a vehicle,
 * else on foot) to a place on the target's flood water, puts in and goes on by boat: the quickest over the
 * nearest few places to put in. Null when none works. The two legs become one trip (mode boat), as
 * driveThenWalk joins its legs.
 */
function carryThenBoat(ctx: Ctx, team: number, fromXM: number, fromYM: number, toXM: number, toYM: number, walkIn: boolean): TravelOk | null {
  const roads = ctx.world.roads;
  // A load that cannot be walked in stays with the vehicles (as in planTravel).
  const all = landModes(ctx.world.teams[team].modes);
  const lands = walkIn || !all.some((m) => m !== 'foot') ? all : all.filter((m) => m !== 'foot');
  let best: TravelOk | null = null;
  for (const node of launchNodes(ctx, ctx.world.teams[team].modes, fromXM, fromYM, toXM, toYM, LAUNCH_CANDIDATES)) {
    const at = { toXM: roads.nodeXM[node], toYM: roads.nodeYM[node] };
    const carry = lands.map((mode) => travelBy(ctx, mode, fromXM, fromYM, at.toXM, at.toYM)).find((t): t is TravelOk => t.ok);
    if (!carry) continue;
    const boat = travelBy(ctx, 'boat', at.toXM, at.toYM, toXM, toYM);
    if (!boat.ok) continue;
    const trip = joinAtNode(carry, boat, node, 'boat');
    if (trip && (!best || trip.totalSec < best.totalSec)) best = trip;
  }
  return best;
}

/**
 * Two trips as one, the first ending and the second starting at road node `node` (a trip across country,
 * `direct`, counts as its off-road leg). Null when they do not meet there, or neither uses the network.
 */
function joinAtNode(first: TravelOk, second: TravelOk, node: number, mode: MovementMode): TravelOk | null {
  const a = first.direct ? null : first.route;
  const b = second.direct ? null : second.route;
  if (!a && !b) return null;
  if (a && (first.egressM > 0 || a.nodes[a.nodes.length - 1] !== node)) return null;
  if (b && (second.accessM > 0 || b.nodes[0] !== node)) return null;
  const legSec = Float64Array.from([...(a?.legSec ?? []), ...(b?.legSec ?? [])]);
  const reachSec = new Float64Array(legSec.length + 1);
  for (let i = 0; i < legSec.length; i++) reachSec[i + 1] = reachSec[i] + legSec[i];
  const nodes = a && b ? Int32Array.from([...a.nodes, ...b.nodes.subarray(1)]) : (a ?? b)!.nodes;
  const edges = Int32Array.from([...(a?.edges ?? []), ...(b?.edges ?? [])]);
  return {
    ok: true,
    mode,
    fromXM: first.fromXM,
    fromYM: first.fromYM,
    toXM: second.toXM,
    toYM: second.toYM,
    direct: false,
    accessM: first.accessM,
    accessSec: first.accessSec,
    route: { ok: true, mode, nodes, edges, legSec, reachSec, totalSec: (a?.totalSec ?? 0) + (b?.totalSec ?? 0), distM: (a?.distM ?? 0) + (b?.distM ?? 0) },
    egressM: second.direct ? second.accessM : second.egressM,
    egressSec: second.direct ? second.accessSec : second.egressSec,
    totalSec: first.totalSec + second.totalSec,
    distM: first.distM + second.distM,
  };
}

/**
 * A walk made shorter by driving its first part: the vehicle takes the walk's route as far as the first
 * segment that is not open, by its own best way there, and the crew walks the rest. Kept only when quicker.
 * The two legs become one trip (mode foot) so positions, re-planning and snapshots need nothing new.
 */
function driveThenWalk(ctx: Ctx, vehicle: MovementMode, walk: TravelOk): TravelOk {
  const { edges, nodes } = walk.route;
  const status = ctx.state.roads.status;
  let k = 0;
  while (k < edges.length && status[edges[k]] !== ROAD_STATUS.BLOCKED) k++;
  if (k === 0) return walk;
  const roads = ctx.world.roads;
  const node = nodes[k];
  const drive = travelBy(ctx, vehicle, walk.fromXM, walk.fromYM, roads.nodeXM[node], roads.nodeYM[node]);
  if (!drive.ok || drive.direct || drive.egressM > 0) return walk;
  const rest = travelBy(ctx, 'foot', roads.nodeXM[node], roads.nodeYM[node], walk.toXM, walk.toYM);
  if (!rest.ok) return walk;
  const totalSec = drive.totalSec + rest.totalSec;
  if (totalSec >= walk.totalSec) return walk;
  // The walk on is across country (direct: its only leg is the access leg) or along the network from `node`.
  return joinAtNode(drive, rest, node, 'foot') ?? walk;
}

function journeyFrom(ctx: Ctx, trip: TravelOk, startSec: number): Journey {
  return { trip, startSec, arriveSec: startSec + trip.totalSec, plannedAtVersion: ctx.state.roadsVersion };
}

function startJourney(ctx: Ctx, team: number, taskIndex: number): void {
  const task = ctx.state.tasks[taskIndex];
  const st = ctx.state.teams;
  const result = planApproach(ctx, team, st.xM[team], st.yM[team], task.type as TaskType, task.target);
  if (!result.ok) return failTask(ctx, team, taskIndex, result.reason);
  if (result.helicopter !== undefined) ctx.state.helicopterBusyUntilSec[result.helicopter] = result.helicopterBusyUntilSec!;
  const { helicopter: _h, helicopterBusyUntilSec: _b, ...trip } = result;
  const journey = journeyFrom(ctx, trip, ctx.state.clockSec);
  ctx.state.journeys[team] = journey;
  st.status[team] = TEAM_STATUS.TRAVELLING;
  if (st.firstDispatchSec[team] === NEVER) st.firstDispatchSec[team] = ctx.state.clockSec;
  task.status = 'travelling';
  scheduleEvent(ctx, journey.arriveSec, 'teamArrives', { team, epoch: ++st.epoch[team] });
}

function failTask(ctx: Ctx, team: number, taskIndex: number, reason: string): void {
  const task = ctx.state.tasks[taskIndex];
  task.status = 'failed';
  task.reason = reason;
  task.doneAtSec = ctx.state.clockSec;
  ctx.state.teams.task[team] = NONE;
  ctx.state.teams.status[team] = TEAM_STATUS.IDLE;
  ctx.state.journeys[team] = null;
}

/**
 * After roads changed: re-plan journeys whose remaining path crosses a road
 * that got worse (a road that reopens does not stop anyone; teams learn of
 * better ways when they next plan). The team finishes the segment it is on, then goes on from that node by
 * whatever route is possible now; if none is, the task fails there.
 */
export function replanJourneys(ctx: Ctx): void {
  const st = ctx.state.teams;
  const worsenedAt = ctx.state.roadWorsenedAtVersion;
  for (let team = 0; team < st.status.length; team++) {
    const journey = ctx.state.journeys[team];
    if (!journey || st.status[team] !== TEAM_STATUS.TRAVELLING) continue;
    const next = remainingAfter(journey.trip, journey.startSec, ctx.state.clockSec);
    if (next.node === NONE) continue; // already off the network, on the last leg
    const edges = journey.trip.route.edges;
    let affected = false;
    for (let k = next.index; k < edges.length; k++) {
      if (worsenedAt[edges[k]] <= journey.plannedAtVersion) continue;
      affected = true;
      // The team runs into it (or hears it on the radio ahead): now it is known.
      observeRoad(ctx, edges[k]);
    }
    if (!affected) continue;
    const taskIndex = st.task[team];
    const task = ctx.state.tasks[taskIndex];
    const nodeX = ctx.world.roads.nodeXM[next.node], nodeY = ctx.world.roads.nodeYM[next.node];
    const result = planApproach(ctx, team, nodeX, nodeY, task.type as TaskType, task.target);
    st.epoch[team]++;
    if (!result.ok) {
      st.shiftSec[team] += next.atSec - journey.startSec;
      st.xM[team] = nodeX;
      st.yM[team] = nodeY;
      failTask(ctx, team, taskIndex, result.reason);
      continue;
    }
    st.shiftSec[team] += next.atSec - journey.startSec;
    if (result.helicopter !== undefined) ctx.state.helicopterBusyUntilSec[result.helicopter] = result.helicopterBusyUntilSec!;
    const { helicopter: _h, helicopterBusyUntilSec: _b, ...trip } = result;
    const replanned = journeyFrom(ctx, trip, next.atSec);
    replanned.before = { trip: journey.trip, startSec: journey.startSec };
    ctx.state.journeys[team] = replanned;
    scheduleEvent(ctx, replanned.arriveSec, 'teamArrives', { team, epoch: st.epoch[team] });
  }
}

export function onTeamArrives(ctx: Ctx, data: { team: number; epoch: number }): void {
  const st = ctx.state.teams;
  const team = data.team;
  if (st.epoch[team] !== data.epoch) return;
  const journey = ctx.state.journeys[team]!;
  // The team has driven these segments: it reports them as it found them.
  for (const edge of journey.trip.route.edges) observeRoad(ctx, edge);
  st.shiftSec[team] += ctx.state.clockSec - journey.startSec;
  st.xM[team] = journey.trip.toXM;
  st.yM[team] = journey.trip.toYM;
  ctx.state.journeys[team] = null;
  const taskIndex = st.task[team];
  const task = ctx.state.tasks[taskIndex];
  task.arrivedAtSec = ctx.state.clockSec;
  const durationSec = taskDurationSec(ctx, task);
  if (durationSec < 0) return failTask(ctx, team, taskIndex, 'cannotRepair');
  task.status = 'working';
  st.status[team] = TEAM_STATUS.WORKING;
  const spec = taskSpec(task.type);
  const dueSec = spec.dueSec ? spec.dueSec(ctx, team, resolveTarget(ctx.world, task.type, task.target)!, durationSec) : ctx.state.clockSec + durationSec;
  scheduleEvent(ctx, dueSec, 'taskDone', { team, epoch: ++st.epoch[team] });
}

// ---- tasks -------------------------------------------------------------------

export function taskDurationSec(ctx: Ctx, task: TaskRecord): number {
  return taskSpec(task.type).durationSec(ctx, resolveTarget(ctx.world, task.type, task.target)!);
}

function applyTaskEffect(ctx: Ctx, team: number, task: TaskRecord): void {
  taskSpec(task.type).effect(ctx, team, resolveTarget(ctx.world, task.type, task.target)!);
}

export function onTaskDone(ctx: Ctx, data: { team: number; epoch: number }): void {
  const st = ctx.state.teams;
  const team = data.team;
  if (st.epoch[team] !== data.epoch) return;
  const taskIndex = st.task[team];
  const task = ctx.state.tasks[taskIndex];
  st.shiftSec[team] += ctx.state.clockSec - task.arrivedAtSec;
  applyTaskEffect(ctx, team, task);
  task.status = 'done';
  task.doneAtSec = ctx.state.clockSec;
  st.task[team] = NONE;
  if (st.shiftSec[team] >= ctx.world.teams[team].shiftHours * 3600) {
    st.status[team] = TEAM_STATUS.RESTING;
    scheduleEvent(ctx, ctx.state.clockSec + ctx.world.params.tasks.REST_AFTER_SHIFT_SEC.value, 'teamRested', { team, epoch: ++st.epoch[team] });
  } else st.status[team] = TEAM_STATUS.IDLE;
}

export function onTeamRested(ctx: Ctx, data: { team: number; epoch: number }): void {
  const st = ctx.state.teams;
  if (st.epoch[data.team] !== data.epoch) return;
  st.shiftSec[data.team] = 0;
  st.status[data.team] = TEAM_STATUS.IDLE;
  const task = st.task[data.team];
  if (task !== NONE) startJourney(ctx, data.team, task);
}

/** Gives a team a task: it sets off now, or when it is ready or rested. */
export function giveTask(ctx: Ctx, team: number, type: TaskType, targetId: string): void {
  const st = ctx.state.teams;
  // A team on its way somewhere drops that journey and sets off from where it is.
  if (st.status[team] === TEAM_STATUS.TRAVELLING) {
    const here = teamPosition(ctx, team, ctx.state.clockSec);
    const old = ctx.state.tasks[st.task[team]];
    old.status = 'cancelled';
    old.doneAtSec = ctx.state.clockSec;
    st.shiftSec[team] += ctx.state.clockSec - ctx.state.journeys[team]!.startSec;
    st.xM[team] = here.xM;
    st.yM[team] = here.yM;
    st.status[team] = TEAM_STATUS.IDLE;
    st.epoch[team]++;
  }
  const record: TaskRecord = {
    id: `task-${ctx.state.tasks.length + 1}`,
    team,
    type,
    target: targetId,
    status: 'travelling',
    assignedAtSec: ctx.state.clockSec,
    arrivedAtSec: NEVER,
    doneAtSec: NEVER,
    reason: '',
  };
  ctx.state.tasks.push(record);
  st.task[team] = ctx.state.tasks.length - 1;
  if (st.status[team] === TEAM_STATUS.IDLE) startJourney(ctx, team, st.task[team]);
}
