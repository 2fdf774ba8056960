// The doctrine responder: an automatic player that follows standard
// procedure for every seat the drill leaves empty. It is the baseline players
// are compared with, and what headless what-if runs use. Every decision is an
// ordinary command through the same gate (so it can be refused like anyone
// else's) and is logged with by: 'doctrine'. It reads ground truth, as a
// well-informed duty officer would; ties are broken by id, and its only
// random draws come from its own `doctrine` stream, so turning it on or off
// for a seat never changes hazard or damage draws.
//
// Procedure, every DOCTRINE_TICK_SEC:
//   emhq      — at once: call up every team not yet active (first wave and
//               cross-regional reinforcement); warn the affected townships;
//               send UAVs, largest first, over the cut-off township with the
//               most people not yet covered.
//   fire      — satellite phones / BeiDou to cut-off townships, largest first.
//   operators — generators to sites that have lost mains and serve the most
//               people; repairs of damaged sites; fibre repairs and satellite
//               backhaul for sites cut off from transport; portable stations
//               and vehicles to cut-off townships.
//   power     — mobile substations / temporary supply to substations out and
//               repairs of tripped feeders, most customers first (with
//               priority supply: most phone users first); then generators to
//               communication sites.
//   transport — clear blocked road segments that cut off the most people.
//
// Across departments (the 2027 Opinions' supply–demand mechanism, 工信部联信管
// 〔2024〕256号, 三、（五）: departments state their needs, the others answer):
// an operator asks for priority power while its sites are dark for want of
// mains, for road clearance where a cut fibre lies under a blocked road, and
// for a UAV over a township that has lost most of its service while the
// headquarters has one ready; the headquarters flies its UAVs to requested
// townships first, the power company answers a request for priority power by
// switching it on. Requests are ordinary requestSupport commands, answered
// by the commands that meet them (requests.ts).
import type { Ctx } from '../model/context.ts';
import { scheduleEvent } from '../model/context.ts';
import { OUT_CAUSE, POWER_SOURCE, ROAD_STATUS, SITE_DESTROYED_DAMAGE_STATE, TEAM_STATUS, UAV_STATUS } from '../model/state.ts';
import { hasCommandLink, isolatedTownships } from '../infra/townships.ts';
import { generatorFuelLeftSec, pathCanReturn } from '../infra/sites.ts';
import { DOCTRINE_WARNINGS } from '../model/warning-texts.ts';
import { OPERATORS } from '../model/world.ts';
import type { UavPayload } from '../model/scenario-format.ts';
import { gateAndLog } from './commands.ts';
import { type Command } from '../model/commands.ts';
import { clearingLeftSec, feederWorkPoint, resolveTarget, taskBlocker, taskSpec, teamDoesTask, type TaskType } from './tasks.ts';
import { maybeReachable, modesWithLoad } from './reachability.ts';
import { approachTarget } from './teams.ts';
import { UAV_PAYLOADS } from './uavs.ts';
import { footprintRadiusM } from './uav.ts';

export const DOCTRINE_TICK_SEC = { value: 900, source: 'assumption: a duty officer reviews the picture every 15 minutes' } as const;
/**
 * Emergency cells go to the hardest-hit townships first: people without service in a township that felt
 * `fromIntensity` or more count `factor` times, so the epicentral town gets its emergency link early
 * rather than last (its own sites are the most damaged and come back last).
 */
export const DOCTRINE_EPICENTRAL_PRIORITY = {
  fromIntensity: 8,
  factor: 3,
  source: 'assumption: standard procedure brings emergency communication to the epicentral area first',
} as const;
/**
 * A generator on a site off mains is refuelled before its tank runs dry: a crew is sent when less than this
 * is left (a site already dark for want of fuel counts double). Without it every portable generator ran
 * 8 h and the site went dark again for good.
 */
export const DOCTRINE_REFUEL_AHEAD_SEC = {
  value: 3 * 3600,
  source: 'assumption: about the time to reach a site and refuel it (tanker rounds every few hours are standard practice for generators on off-grid sites)',
} as const;
/**
 * A failed site with damage this bad gets an emergency cell set up at it to stand in (a portable station, or a
 * comms vehicle): a site short of complete damage takes 10 h to repair, a destroyed one cannot be repaired in a
 * drill's time, and setting up a cell takes an hour. Valued above the repair, so a crew carrying both sets up
 * the cell first.
 */
export const DOCTRINE_STAND_IN = {
  fromDamageState: 3,
  source: 'assumption: operators replace a destroyed or badly damaged station with a portable station or a vehicle (以应急代替) and count it as restored',
} as const;
/** How many of the best candidates an idle team considers (nearest of them wins). */
const CANDIDATES_PER_TEAM = 4;

/** How far from home the doctrine sends a team, by level (straight line, km). */
export const DOCTRINE_RADIUS_KM = {
  byLevel: { county: 60, city: 150, provincial: Infinity, regional: Infinity, national: Infinity } as Record<string, number>,
  source: 'assumption: county crews work their own county and neighbours, city crews their prefecture; provincial and national teams go anywhere',
} as const;

export function scheduleDoctrine(ctx: Ctx): void {
  if (ctx.state.doctrineSeats.length > 0) scheduleEvent(ctx, 60, 'doctrineTick', {}, 10);
}

/** After a seat is handed to the doctrine: its review cycle starts now if it was not running. */
export function keepDoctrineTicking(ctx: Ctx): void {
  if (ctx.state.queue.heap.some((e) => e.kind === 'doctrineTick')) return;
  scheduleEvent(ctx, ctx.state.clockSec, 'doctrineTick', {}, 10);
}

/** Issues one command as the doctrine for `seat`; returns whether it was accepted. */
function issue(ctx: Ctx, seat: string, type: string, args: Record<string, unknown>): boolean {
  const cmd: Command = { tSec: ctx.state.clockSec, seat, type, args };
  return 'ok' in gateAndLog(ctx, cmd, 'doctrine');
}

/**
 * People who depend on a site, counting each operator on it (static: from the world index): its own and
 * those of the sites whose only backhaul runs through it, so an aggregation site is restored before the
 * sites behind it, as transmission nodes are in practice (restore the trunk before the branches).
 */
function sitePeople(ctx: Ctx, s: number): number {
  return ctx.index.sitePeopleCarried[s];
}

/**
 * Targets some team is already on its way to or working at, so two teams do
 * not converge on one. Built once per event and extended as the doctrine's
 * own orders add tasks: within one doctrine tick the only changes to the task
 * list are those orders (each adds a task at the end, travelling or failed at
 * once; only idle teams are ordered, so no earlier task is cancelled).
 */
const takenCache = new WeakMap<object, { event: number; scanned: number; taken: TakenTargets }>();

/** Target ids taken, by task type: how many teams are on their way to each or at work on it. */
type TakenTargets = Map<string, Map<string, number>>;

function takenTargets(ctx: Ctx): TakenTargets {
  const tasks = ctx.state.tasks;
  let cached = takenCache.get(ctx.state);
  if (!cached || cached.event !== ctx.state.eventsProcessed) {
    cached = { event: ctx.state.eventsProcessed, scanned: 0, taken: new Map() };
    takenCache.set(ctx.state, cached);
  }
  for (; cached.scanned < tasks.length; cached.scanned++) {
    const task = tasks[cached.scanned];
    if (task.status !== 'travelling' && task.status !== 'working') continue;
    let ids = cached.taken.get(task.type);
    if (!ids) cached.taken.set(task.type, (ids = new Map()));
    ids.set(task.target, (ids.get(task.target) ?? 0) + 1);
  }
  return cached.taken;
}

export interface Candidate {
  task: TaskType;
  targetId: string;
  value: number;
  xM: number;
  yM: number;
  /** Alternatives for one need (a portable station or a vehicle to stand in for one site): once one is ordered, the others are off. */
  oneOf?: string;
  /** How many teams may take it at once (1 unless said: two road crews on a long blockage, one from each end). */
  crews?: number;
  /** Candidates of a later tier come after every candidate of an earlier one, whatever their value (0 unless said). */
  tier?: number;
}

/** Best first; ties by target id, then by place in the list, so the order never depends on the engine's sort. */
function better(a: Candidate, b: Candidate): boolean {
  return beats(a.tier ?? 0, a.value, a.targetId, b);
}

/** `better`, for a candidate not built yet: one of this tier, value and target would come before b. */
function beats(tier: number, value: number, targetId: string, b: Candidate): boolean {
  const tb = b.tier ?? 0;
  if (tier !== tb) return tier < tb;
  return value > b.value || (value === b.value && targetId < b.targetId);
}

/**
 * The best `size` candidates not already taken, best first, kept as they are
 * offered: what sorting them all and taking the first untaken ones gives,
 * without sorting hundreds of candidates to keep a handful (kept by
 * insertion; a candidate equal to one kept goes after it, as a stable sort
 * would put it). One job asked for many times (one cut cable fifty sites wait
 * on) is kept once, at its best: copies would fill the list and keep other
 * work from idle crews. A builder asks `wants` first, so a candidate that
 * would not get in is never built (a province's operators weigh some 1,300 a tick).
 */
class Shortlist {
  readonly best: Candidate[] = [];
  /** Kept single-crew candidates by task, then target. */
  private readonly kept = new Map<TaskType, Map<string, Candidate>>();

  constructor(
    private readonly taken: TakenTargets,
    private readonly size: number,
  ) {}

  /** Could a candidate of this value and target (tier 0) get in: the list is not full, or it beats the last? */
  wants(value: number, targetId: string): boolean {
    return this.best.length !== this.size || beats(0, value, targetId, this.best[this.size - 1]);
  }

  offer(c: Candidate): void {
    const { best, kept, size } = this;
    if (best.length === size && !better(c, best[size - 1])) return;
    if ((this.taken.get(c.task)?.get(c.targetId) ?? 0) >= (c.crews ?? 1)) return;
    const single = (c.crews ?? 1) === 1;
    if (single) {
      const twin = kept.get(c.task)?.get(c.targetId);
      if (twin) {
        if (!better(c, twin)) return;
        best.splice(best.indexOf(twin), 1);
      }
    }
    let at = best.length;
    while (at > 0 && better(c, best[at - 1])) at--;
    best.splice(at, 0, c);
    if (single) {
      let byTarget = kept.get(c.task);
      if (!byTarget) kept.set(c.task, (byTarget = new Map()));
      byTarget.set(c.targetId, c);
    }
    if (best.length > size) {
      const dropped = best.pop()!;
      const byTarget = kept.get(dropped.task);
      if (byTarget?.get(dropped.targetId) === dropped) byTarget.delete(dropped.targetId);
    }
  }
}

/** The best `size` candidates not already taken, best first (Shortlist's rule, over a list). */
export function bestUntaken(candidates: readonly Candidate[], taken: TakenTargets, size: number): Candidate[] {
  const list = new Shortlist(taken, size);
  for (const c of candidates) list.offer(c);
  return list.best;
}

/** Is team i of the seat's organisation and these kinds idle, with no task, and able to work in the disaster area? */
function idleFor(ctx: Ctx, seat: string, kinds: readonly string[], i: number): boolean {
  const team = ctx.world.teams[i];
  return team.org === seat && kinds.includes(team.kind) && ctx.state.teams.status[i] === TEAM_STATUS.IDLE && ctx.state.teams.task[i] === -1 && inReachOfDisaster(ctx, i);
}

/** The seat's idle teams of these kinds (idleFor), in team order. */
function idleTeams(ctx: Ctx, seat: string, kinds: readonly string[]): number[] {
  const idle: number[] = [];
  for (let i = 0; i < ctx.world.teams.length; i++) if (idleFor(ctx, seat, kinds, i)) idle.push(i);
  return idle;
}

/** A few candidates per idle team, and a few more. */
const shortlistSize = (idleCount: number) => idleCount * CANDIDATES_PER_TEAM + CANDIDATES_PER_TEAM;

/**
 * Gives idle teams of the seat's organisation good nearby work: the best
 * candidates not already taken are shortlisted once (a few per idle team),
 * and each team takes the nearest of the first few still free, falling back
 * down the shortlist when the gate refuses.
 */
function assignIdleTeams(ctx: Ctx, seat: string, kinds: readonly string[], candidates: Candidate[]): void {
  if (candidates.length === 0) return;
  const idle = idleTeams(ctx, seat, kinds);
  if (idle.length === 0) return;
  assignShortlist(ctx, seat, idle, bestUntaken(candidates, takenTargets(ctx), shortlistSize(idle.length)));
}

/** Each idle team takes the nearest of the first few shortlisted targets still free that suits it (assignIdleTeams). */
function assignShortlist(ctx: Ctx, seat: string, idle: readonly number[], shortlist: readonly Candidate[]): void {
  if (shortlist.length === 0) return;
  const claimed = new Uint8Array(shortlist.length);
  // Targets resolved once per call, not once per idle team that looks at them.
  const resolved: (ReturnType<typeof resolveTarget> | undefined)[] = new Array(shortlist.length);
  // The candidates that suit a team apart from where it stands (its home radius, its kind, its equipment, the
  // target's state), in shortlist order, found once per kind of team and load: with many idle teams, most
  // of them alike and few candidates suiting them, checking every candidate for every team was most of the
  // doctrine's time. Found again after each order, since an order can change what suits.
  const suitingByLoad = new Map<string, number[]>();
  const st = ctx.state.teams;
  const nearest: number[] = [];
  for (const i of idle) {
    const spec = ctx.world.teams[i];
    const load = `${spec.kind}|${spec.base}|${spec.level}|${st.generators[i]}|${st.spares[i]}|${st.vsat[i]}|${st.terminals[i]}|${st.portableBaseStations[i]}|${st.commsVehicles[i]}|${st.tetheredUavs[i]}`;
    let suiting = suitingByLoad.get(load);
    if (!suiting) {
      suiting = [];
      const homeX = ctx.world.bases.xM[spec.base], homeY = ctx.world.bases.yM[spec.base];
      const radiusM = DOCTRINE_RADIUS_KM.byLevel[spec.level] * 1000;
      for (let k = 0; k < shortlist.length; k++) {
        const c = shortlist[k];
        if (distance2(c, homeX, homeY) > radiusM * radiusM || !teamDoesTask(spec.kind, c.task)) continue;
        const target = resolved[k] === undefined ? (resolved[k] = resolveTarget(ctx.world, c.task, c.targetId)) : resolved[k];
        if (target && !taskBlocker(ctx, i, c.task, target)) suiting.push(k);
      }
      suitingByLoad.set(load, suiting);
    }
    if (suiting.length === 0) continue;
    const x = st.xM[i], y = st.yM[i];
    nearest.length = 0;
    let k0 = 0;
    for (; k0 < shortlist.length && nearest.length < CANDIDATES_PER_TEAM; k0++) if (!claimed[k0]) nearest.push(k0);
    nearest.sort((a, b) => distance2(shortlist[a], x, y) - distance2(shortlist[b], x, y) || a - b);
    // The nearest of the best few first, then the rest of the shortlist in order of value; only what suits,
    // and only what the team can likely reach (a cheap check), so the gate — which checks again, properly —
    // sees only likely orders; at most two tries a tick.
    let tries = 0;
    let m = 0;
    while (m < suiting.length && suiting[m] < k0) m++;
    for (let n = 0; tries < 2; n++) {
      let k: number;
      if (n < nearest.length) {
        k = nearest[n];
        if (!isSuiting(suiting, k)) continue;
      } else if (m < suiting.length) k = suiting[m++];
      else break;
      if (claimed[k]) continue;
      const c = shortlist[k];
      // A second road crew must get to the other end of the blockage (teams.planApproach).
      const target = c.task === 'clearRoad' ? approachTarget(ctx, i, c.task, c.targetId) : resolved[k]!;
      const modes = taskSpec(c.task).walkIn ? spec.modes : modesWithLoad(spec.modes);
      const reachable =
        maybeReachable(ctx, modes, x, y, target.xM, target.yM, spec.crew) ||
        (target.altXM !== undefined && maybeReachable(ctx, modes, x, y, target.altXM, target.altYM!, spec.crew));
      if (!reachable) continue;
      tries++;
      if (issue(ctx, seat, 'assignTask', { teamId: spec.id, task: c.task, targetId: c.targetId })) {
        claimed[k] = 1;
        // Several sites can ask for the same job (one cut cable behind them all): each is one candidate, and
        // once a team is ordered to it the others are off, unless it takes more crews (then next tick).
        for (let j = 0; j < shortlist.length; j++) {
          const o = shortlist[j];
          if ((c.oneOf !== undefined && o.oneOf === c.oneOf) || (o.task === c.task && o.targetId === c.targetId && (o.crews ?? 1) === 1)) claimed[j] = 1;
        }
        suitingByLoad.clear();
        break;
      }
    }
  }
}

/**
 * What a stand-in cell at a failed site is worth to the doctrine. It brings its own cell, not the site's
 * transmission: it serves the site's own people, not those of the sites behind it (they wait for the site's repair
 * or their own satellite link). More at a destroyed site (DS4), which no repair brings back in a drill.
 */
export function standInValue(ctx: Ctx, s: number, task: 'deployPortableStation' | 'deployCommsVehicle'): number {
  const destroyed = ctx.state.sites.damageState[s] >= SITE_DESTROYED_DAMAGE_STATE;
  const weight = task === 'deployPortableStation' ? (destroyed ? 2 : 1.6) : destroyed ? 1.8 : 1.55;
  return ctx.index.sitePeople[s] * weight;
}

/** The first road of a fibre route (roads[from..to)) whose cable is cut, or -1. */
/** The cut segments of roads[from..to), in path order. */
function cutsOn(fibreCut: Uint8Array, roads: Int32Array, from: number, to: number): number[] {
  const cuts: number[] = [];
  for (let k = from; k < to; k++) if (fibreCut[roads[k]]) cuts.push(roads[k]);
  return cuts;
}

/** Whether the sorted index list holds k. */
function isSuiting(sorted: readonly number[], k: number): boolean {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < k) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo] === k;
}

function distance2(c: Candidate, x: number, y: number): number {
  return (c.xM - x) ** 2 + (c.yM - y) ** 2;
}

/**
 * Which teams can work in the disaster area at all: an affected township lies
 * within their radius. Derived from the state; recomputed only when another
 * township becomes affected (the set only grows).
 */
const reachCache = new WeakMap<object, { atSec: number; affected: number; inReach: Uint8Array }>();

function inReachOfDisaster(ctx: Ctx, team: number): boolean {
  let cached = reachCache.get(ctx.state);
  if (cached && cached.atSec === ctx.state.clockSec) return cached.inReach[team] === 1;
  const affectedNow = ctx.state.townships.affected.reduce((n, a) => n + a, 0);
  if (cached && cached.affected === affectedNow) cached.atSec = ctx.state.clockSec;
  else {
    const { townships, teams, bases } = ctx.world;
    const inReach = new Uint8Array(teams.length);
    teams.forEach((spec, i) => {
      const radiusM = DOCTRINE_RADIUS_KM.byLevel[spec.level] * 1000;
      if (radiusM === Infinity) return void (inReach[i] = 1);
      const homeX = bases.xM[spec.base], homeY = bases.yM[spec.base];
      for (let t = 0; t < townships.ids.length && !inReach[i]; t++) {
        if (ctx.state.townships.affected[t] && (townships.xM[t] - homeX) ** 2 + (townships.yM[t] - homeY) ** 2 <= radiusM * radiusM) inReach[i] = 1;
      }
    });
    cached = { atSec: ctx.state.clockSec, affected: affectedNow, inReach };
    reachCache.set(ctx.state, cached);
  }
  return cached.inReach[team] === 1;
}

/** Is any team of this seat and kinds idle and within reach of the disaster? The doctrine builds no candidates otherwise. */
function anyIdle(ctx: Ctx, seat: string, kinds: readonly string[]): boolean {
  for (let i = 0; i < ctx.world.teams.length; i++) if (idleFor(ctx, seat, kinds, i)) return true;
  return false;
}

function isolatedByPeople(ctx: Ctx): number[] {
  return isolatedTownships(ctx).sort((a, b) => ctx.world.townships.population[b] - ctx.world.townships.population[a] || a - b);
}

function playEmhq(ctx: Ctx): void {
  const { world, state } = ctx;
  world.teams.forEach((team, i) => {
    if (state.teams.status[i] === TEAM_STATUS.INACTIVE) issue(ctx, 'emhq', 'activateTeam', { teamId: team.id });
  });
  const affected = world.townships.ids.filter((_, t) => state.townships.affected[t]);
  const warned = new Set(state.warnings.flatMap((w) => w.townships));
  const unwarned = affected.filter((id) => !warned.has(id));
  if (unwarned.length) {
    const flood = world.floods.length > 0 && world.earthquakes.length === 0;
    issue(ctx, 'emhq', 'sendWarning', {
      townships: unwarned,
      severity: 'Severe',
      event: DOCTRINE_WARNINGS[flood ? 'flood' : 'quake'].event.zh,
      headline: DOCTRINE_WARNINGS[flood ? 'flood' : 'quake'].headline.zh,
    });
  }
  for (const payload of Object.keys(UAV_PAYLOADS) as UavPayload[]) sendUavs(ctx, payload);
  coverageToTownships(ctx, 'emhq', ['commsTeam']);
}

/**
 * The ready UAVs of one payload, the biggest platforms first, each over a township not yet under one of that
 * payload, chosen by what it carries (UAV_PAYLOADS): with coverage, the townships a
 * department asked a UAV for, in the order asked, then affected townships with no command link, then by
 * people without service; for reconnaissance only, the hardest-hit affected township with road segments near
 * its seat that nobody has seen (unknownRoadTargets).
 */
function sendUavs(ctx: Ctx, payload: UavPayload): void {
  const { world, state } = ctx;
  const order = { largeFixedWing: 0, mediumHelicopter: 1, tethered: 2 };
  const uavs = world.uavs
    .map((u, i) => ({ u, i }))
    .filter(({ u }) => u.payload === payload)
    .sort((a, b) => order[a.u.class] - order[b.u.class] || (a.u.id < b.u.id ? -1 : 1));
  const ready = uavs.find(({ u, i }) => state.uavs.status[i] === UAV_STATUS.READY && u.class !== 'tethered');
  if (!ready) return;
  const covered = new Set<number>();
  world.uavs.forEach((spec, u) => {
    if (state.uavs.status[u] === UAV_STATUS.READY || spec.payload !== payload) return;
    world.townships.ids.forEach((__, t) => {
      const dx = world.townships.xM[t] - state.uavs.targetXM[u], dy = world.townships.yM[t] - state.uavs.targetYM[u];
      if (dx * dx + dy * dy < 1e6) covered.add(t);
    });
  });
  const targets = UAV_PAYLOADS[payload].coverage ? coverageTargets(ctx, covered) : unknownRoadTargets(ctx, covered, footprintRadiusM(ready.u.class, {}, world.params.uav));
  for (const { u, i } of uavs) {
    if (state.uavs.status[i] !== UAV_STATUS.READY || u.class === 'tethered') continue;
    const t = targets.shift();
    if (t === undefined) break;
    if (!issue(ctx, 'emhq', 'deployUav', { uavId: u.id, townshipId: world.townships.ids[t] })) targets.unshift(t);
  }
}

function coverageTargets(ctx: Ctx, covered: Set<number>): number[] {
  const { world, state } = ctx;
  const isolated = new Set(isolatedTownships(ctx));
  const unserved = (t: number) => world.townships.population[t] * (1 - townshipServedFrac(ctx, t));
  const asked = state.requests.filter((r) => r.kind === 'uav' && r.actionedAtSec < 0 && r.township !== null).map((r) => world.townships.ids.indexOf(r.township!));
  const rest = world.townships.ids
    .map((_, t) => t)
    .filter((t) => state.townships.affected[t] && !covered.has(t) && !asked.includes(t) && (isolated.has(t) || unserved(t) >= 500))
    .sort((a, b) => Number(isolated.has(b)) - Number(isolated.has(a)) || unserved(b) - unserved(a) || a - b);
  return [...asked.filter((t) => t >= 0 && !covered.has(t)), ...rest];
}

/**
 * Affected townships with road segments within `radiusM` of the seat that nobody has seen (none: not a
 * target): the hardest hit first (the degree of intensity its sites felt), then the most unseen segments.
 */
function unknownRoadTargets(ctx: Ctx, covered: Set<number>, radiusM: number): number[] {
  const { world, state } = ctx;
  const candidates = world.townships.ids.map((_, t) => t).filter((t) => state.townships.affected[t] && !covered.has(t));
  const unseen = new Map<number, number>();
  const { midXM, midYM } = world.roads;
  for (let r = 0; r < state.roads.known.length; r++) {
    if (state.roads.known[r] !== 0) continue;
    for (const t of candidates) {
      const dx = midXM[r] - world.townships.xM[t], dy = midYM[r] - world.townships.yM[t];
      if (dx * dx + dy * dy <= radiusM * radiusM) unseen.set(t, (unseen.get(t) ?? 0) + 1);
    }
  }
  const degree = Array.from(townshipFeltIntensity(ctx), (i) => Math.floor(i + 1e-9));
  return candidates.filter((t) => unseen.has(t)).sort((a, b) => degree[b] - degree[a] || unseen.get(b)! - unseen.get(a)! || a - b);
}

/** Served share of a township's people now (any operator). */
function townshipServedFrac(ctx: Ctx, t: number): number {
  const { pointOffsets, points } = ctx.index.townshipPoints;
  let people = 0, served = 0;
  for (let k = pointOffsets[t]; k < pointOffsets[t + 1]; k++) {
    const p = points[k];
    people += ctx.world.population.population[p];
    if (ctx.state.coverage.onAirAny[p] > 0) served += ctx.world.population.population[p];
  }
  return people > 0 ? served / people : 1;
}

/**
 * Emergency coverage where it is missing: terminals to cut-off townships,
 * then vehicles, portable stations and tethered UAVs to affected townships by
 * the number of people without service.
 */
function coverageToTownships(ctx: Ctx, seat: string, kinds: readonly string[]): void {
  if (!anyIdle(ctx, seat, kinds)) return;
  const { world, state } = ctx;
  const candidates: Candidate[] = [];
  for (const t of isolatedByPeople(ctx)) {
    if (state.townships.terminals[t] > 0) continue;
    candidates.push({ task: 'deliverTerminals', targetId: world.townships.ids[t], value: world.townships.population[t] * 2, xM: world.townships.xM[t], yM: world.townships.yM[t] });
  }
  const felt = townshipFeltIntensity(ctx);
  const { fromIntensity, factor } = DOCTRINE_EPICENTRAL_PRIORITY;
  for (let t = 0; t < world.townships.ids.length; t++) {
    if (!state.townships.affected[t]) continue;
    const unserved = world.townships.population[t] * (1 - townshipServedFrac(ctx, t)) * (felt[t] >= fromIntensity ? factor : 1);
    if (unserved < 1) continue;
    const at = { targetId: world.townships.ids[t], xM: world.townships.xM[t], yM: world.townships.yM[t] };
    candidates.push(
      { task: 'deployCommsVehicle', value: unserved, ...at },
      { task: 'deployTetheredUav', value: unserved * 0.9, ...at },
      { task: 'deployPortableStation', value: unserved * 0.8, ...at },
    );
  }
  assignIdleTeams(ctx, seat, kinds, candidates);
}

/** Felt intensities by township, per event: only an earthquake (another event) raises a site's, and every seat's coverage pass reads them. */
const feltCache = new WeakMap<object, { event: number; felt: Float64Array }>();

/** The highest intensity any site of each township has felt (0 where it has no site). Read only: shared within the event. */
function townshipFeltIntensity(ctx: Ctx): Float64Array {
  const cached = feltCache.get(ctx.state);
  if (cached && cached.event === ctx.state.eventsProcessed) return cached.felt;
  const felt = new Float64Array(ctx.world.townships.ids.length);
  const { township } = ctx.world.sites;
  const { maxIntensity } = ctx.state.sites;
  for (let s = 0; s < township.length; s++) if (maxIntensity[s] > felt[township[s]]) felt[township[s]] = maxIntensity[s];
  feltCache.set(ctx.state, { event: ctx.state.eventsProcessed, felt });
  return felt;
}

function terminalsToIsolated(ctx: Ctx, seat: string, kinds: readonly string[]): void {
  if (!anyIdle(ctx, seat, kinds)) return;
  const candidates = isolatedByPeople(ctx)
    .filter((t) => ctx.state.townships.terminals[t] === 0)
    .map((t) => ({
      task: 'deliverTerminals' as TaskType,
      targetId: ctx.world.townships.ids[t],
      value: ctx.world.townships.population[t],
      xM: ctx.world.townships.xM[t],
      yM: ctx.world.townships.yM[t],
    }));
  assignIdleTeams(ctx, seat, kinds, candidates);
}

export const DOCTRINE_REQUESTS = {
  /** An operator asks for a UAV over a township where less than this share of people has service. */
  uavBelowServedShare: 0.5,
  /** ...and at least this many people are without it. */
  uavMinPeopleUnserved: 500,
  source: 'assumption: one open request per kind across departments (the communications authority pools them), road clearance and UAVs asked once per township',
} as const;

/** Some department's request of this kind is still waiting for an answer. */
function requestOpen(ctx: Ctx, kind: string): boolean {
  return ctx.state.requests.some((r) => r.kind === kind && r.actionedAtSec < 0);
}

/** An operator states what it needs from the other departments (see the procedure above). */
function operatorRequests(ctx: Ctx, seat: string): void {
  const { world, state } = ctx;
  const o = OPERATORS.indexOf(seat as never);
  const mine = (s: number) => o < 0 || (world.sites.operatorMask[s] & (1 << o)) !== 0;
  // Priority power: its sites are dark for want of mains and the power company has not switched priority supply on.
  if (!state.flags.prioritySupplyForComms && !requestOpen(ctx, 'power')) {
    let dark = -1;
    for (let s = 0; s < world.sites.ids.length && dark < 0; s++) if (mine(s) && state.sites.outCause[s] === OUT_CAUSE.POWER) dark = s;
    if (dark >= 0) issue(ctx, seat, 'requestSupport', { kind: 'power', townshipId: world.townships.ids[world.sites.township[dark]] });
  }
  // Road clearance: a cut fibre of its own under a blocked road, which its crews cannot reach to mend.
  if (!requestOpen(ctx, 'roadClearance')) {
    let site = -1;
    // Townships asked for before (requestedFor, read once rather than once per site).
    const asked = new Set(state.requests.flatMap((r) => (r.kind === 'roadClearance' ? [r.township] : [])));
    for (let s = 0; s < world.sites.ids.length && site < 0; s++) {
      if (state.sites.outCause[s] !== OUT_CAUSE.TRANSPORT || !mine(s) || asked.has(world.townships.ids[world.sites.township[s]])) continue;
      for (let k = world.sites.fibreOffsets[s]; k < world.sites.fibreOffsets[s + 1]; k++) {
        const r = world.sites.fibreRoads[k];
        if (state.roads.fibreCut[r] && state.roads.status[r] === ROAD_STATUS.BLOCKED) site = s;
      }
    }
    if (site >= 0) issue(ctx, seat, 'requestSupport', { kind: 'roadClearance', townshipId: world.townships.ids[world.sites.township[site]] });
  }
  // A UAV over the township that has lost most service, while the headquarters has one ready.
  const uavReady = world.uavs.some((u, i) => u.class !== 'tethered' && UAV_PAYLOADS[u.payload].coverage && state.uavs.status[i] === UAV_STATUS.READY);
  if (uavReady && !requestOpen(ctx, 'uav')) {
    let best = -1, bestUnserved = 0;
    for (let t = 0; t < world.townships.ids.length; t++) {
      if (!state.townships.affected[t]) continue;
      const served = townshipServedFrac(ctx, t);
      const unserved = world.townships.population[t] * (1 - served);
      if (served < DOCTRINE_REQUESTS.uavBelowServedShare && unserved >= DOCTRINE_REQUESTS.uavMinPeopleUnserved && unserved > bestUnserved && !requestedFor(ctx, 'uav', t)) {
        best = t;
        bestUnserved = unserved;
      }
    }
    if (best >= 0) issue(ctx, seat, 'requestSupport', { kind: 'uav', townshipId: world.townships.ids[best] });
  }
}

/** This kind of help has been asked for in this township before (answered or not): not asked again. */
function requestedFor(ctx: Ctx, kind: string, t: number): boolean {
  const id = ctx.world.townships.ids[t];
  return ctx.state.requests.some((r) => r.kind === kind && r.township === id);
}

/**
 * Dark sites that no crew is bringing a generator to get one trucked from the seat's generator pools (the
 * depot stock the crews' own loads do not cover; it arrives after the pool's lead time), most people first.
 * Sites with a standby generator of their own are refuelled instead.
 */
function generatorsFromPools(ctx: Ctx, seat: string): void {
  const { world, state } = ctx;
  const pools = world.generatorPools.flatMap((p, i) => (p.org === seat && state.generatorPoolsLeft[i] > 0 ? [i] : []));
  if (pools.length === 0) return;
  const taken = takenTargets(ctx).get('hookGenerator');
  const o = OPERATORS.indexOf(seat as never);
  const dark: number[] = [];
  for (let s = 0; s < world.sites.ids.length; s++) {
    if (state.sites.outCause[s] !== OUT_CAUSE.POWER || state.sites.damageState[s] >= SITE_DESTROYED_DAMAGE_STATE) continue;
    if (state.sites.hasGenerator[s] || state.sites.generatorInbound[s] || world.sites.generatorFuelHours[s] > 0) continue;
    if (o >= 0 && !(world.sites.operatorMask[s] & (1 << o))) continue;
    if (taken?.has(world.sites.ids[s])) continue;
    dark.push(s);
  }
  dark.sort((a, b) => sitePeople(ctx, b) - sitePeople(ctx, a) || a - b);
  for (const s of dark) {
    const p = pools.find((i) => state.generatorPoolsLeft[i] > 0);
    if (p === undefined) return;
    issue(ctx, seat, 'hookGenerator', { siteId: world.sites.ids[s], poolId: world.generatorPools[p].id });
  }
}

/** A candidate at site s (one object shape for every site candidate). */
function atSite(ctx: Ctx, task: TaskType, value: number, s: number, oneOf?: string): Candidate {
  const sites = ctx.world.sites;
  return { task, targetId: sites.ids[s], value, xM: sites.xM[s], yM: sites.yM[s], oneOf };
}

function playOperator(ctx: Ctx, seat: string): void {
  operatorRequests(ctx, seat);
  generatorsFromPools(ctx, seat);
  const idle = idleTeams(ctx, seat, ['operatorCrew', 'commsTeam']);
  if (idle.length === 0) return;
  const { world, state } = ctx;
  const o = OPERATORS.indexOf(seat as never);
  const taken = takenTargets(ctx);
  const list = new Shortlist(taken, shortlistSize(idle.length));
  const offer = (task: TaskType, value: number, s: number, oneOf?: string) => {
    if (list.wants(value, world.sites.ids[s])) list.offer(atSite(ctx, task, value, s, oneOf));
  };
  const cellTaken = (id: string) => taken.get('deployPortableStation')?.has(id) === true || taken.get('deployCommsVehicle')?.has(id) === true;
  for (let s = 0; s < world.sites.ids.length; s++) {
    if (o >= 0 && !(world.sites.operatorMask[s] & (1 << o))) continue;
    const cause = state.sites.outCause[s];
    const ds = state.sites.damageState[s];
    const onMains = state.sites.powerSource[s] === POWER_SOURCE.MAINS;
    // Undamaged, on air and on mains: nothing below applies (most sites of a province, every tick).
    if (ds === 0 && cause === OUT_CAUSE.NONE && onMains) continue;
    const people = sitePeople(ctx, s);
    if (ds >= 1 && ds <= 3) offer('repairSite', people * 1.5, s);
    // One stand-in per site: a station or a vehicle, not both, and none while one is on its way.
    if (ds >= DOCTRINE_STAND_IN.fromDamageState && cause !== OUT_CAUSE.NONE && !state.sites.standIn[s] && !cellTaken(world.sites.ids[s])) {
      const oneOf = `standIn:${world.sites.ids[s]}`;
      offer('deployPortableStation', standInValue(ctx, s, 'deployPortableStation'), s, oneOf);
      offer('deployCommsVehicle', standInValue(ctx, s, 'deployCommsVehicle'), s, oneOf);
    }
    if (!onMains && ds < 4 && !state.sites.hasGenerator[s]) {
      // Already dark sites first, then those whose batteries run out soonest.
      const urgency = cause === OUT_CAUSE.POWER ? 2 : 1;
      offer('hookGenerator', people * urgency, s);
    }
    if (!onMains && ds < 4 && state.sites.hasGenerator[s]) {
      if (generatorFuelLeftSec(ctx, s) < DOCTRINE_REFUEL_AHEAD_SEC.value) offer('refuelSite', people * (cause === OUT_CAUSE.POWER ? 2 : 1), s);
    }
    if (cause === OUT_CAUSE.TRANSPORT) {
      // Mending a cut helps only on a path that can carry traffic again beyond it: the main path first, then the
      // ring (or second homing); behind a destroyed aggregation site on both, only a satellite link brings it back.
      const { fibreOffsets, fibreRoads, ringFibreOffsets, ringFibreRoads } = world.sites;
      // Every cut on the path is offered at once: mending one brings nothing back while another is still cut,
      // so a crew each works them side by side (until 0.3.0 only the first was offered until it was mended).
      let cuts = pathCanReturn(ctx, s, false) ? cutsOn(state.roads.fibreCut, fibreRoads, fibreOffsets[s], fibreOffsets[s + 1]) : [];
      if (cuts.length === 0 && pathCanReturn(ctx, s, true)) cuts = cutsOn(state.roads.fibreCut, ringFibreRoads, ringFibreOffsets[s], ringFibreOffsets[s + 1]);
      for (const r of cuts) if (list.wants(people, world.roads.ids[r])) list.offer({ task: 'repairFibre', value: people, targetId: world.roads.ids[r], xM: world.roads.midXM[r], yM: world.roads.midYM[r] });
      if (cuts.length === 0) offer('deploySatelliteBackhaul', people * 0.8, s);
    }
  }
  assignShortlist(ctx, seat, idle, list.best);
  coverageToTownships(ctx, seat, ['commsTeam', 'operatorCrew']);
}

function playPower(ctx: Ctx): void {
  // Asked for priority supply for communication sites (三、（六）): switched on.
  if (!ctx.state.flags.prioritySupplyForComms && requestOpen(ctx, 'power')) issue(ctx, 'power', 'setPrioritySupply', { enabled: true });
  if (!anyIdle(ctx, 'power', ['powerCrew'])) return;
  const { world, state } = ctx;
  const candidates: Candidate[] = [];
  const { substationFeederOffsets, feedersOfSubstation, feederCustomers, feederSitePeople } = ctx.index;
  for (let ss = 0; ss < world.substations.ids.length; ss++) {
    if (state.substations.inService[ss]) continue;
    let customers = world.substations.customers[ss];
    for (let k = substationFeederOffsets[ss]; k < substationFeederOffsets[ss + 1]; k++) customers += feederCustomers[feedersOfSubstation[k]];
    candidates.push({ task: 'restoreSubstation', targetId: world.substations.ids[ss], value: customers + 1, xM: world.substations.xM[ss], yM: world.substations.yM[ss] });
  }
  // Tripped feeders whose substation is live (one under a dead substation cannot be re-energised yet):
  // most customers first, or — with priority supply for communication sites — most phone users first.
  const byComms = state.flags.prioritySupplyForComms;
  for (let f = 0; f < world.feeders.ids.length; f++) {
    if (!state.feeders.tripped[f] || !state.substations.energised[world.feeders.substation[f]]) continue;
    const value = byComms ? feederSitePeople[f] * 10 + feederCustomers[f] : feederCustomers[f] + feederSitePeople[f] * 1e-3;
    candidates.push({ task: 'repairFeeder', targetId: world.feeders.ids[f], value: value + 1, ...feederWorkPoint(world, f) });
  }
  for (let s = 0; s < world.sites.ids.length; s++) {
    if (state.sites.outCause[s] !== OUT_CAUSE.POWER || state.sites.hasGenerator[s] || state.sites.damageState[s] >= SITE_DESTROYED_DAMAGE_STATE) continue;
    candidates.push({ task: 'hookGenerator', targetId: world.sites.ids[s], value: sitePeople(ctx, s) * 1e-3, xM: world.sites.xM[s], yM: world.sites.yM[s] });
  }
  assignIdleTeams(ctx, 'power', ['powerCrew'], candidates);
}

function playTransport(ctx: Ctx): void {
  if (!anyIdle(ctx, 'transport', ['roadCrew'])) return;
  const { world, state } = ctx;
  // Value of clearing a segment: people in cut-off or affected townships near it, more on bigger roads.
  const classWeight = [5, 4, 3, 2, 1];
  const secondCrewFromSec = world.params.infra.ROAD_CLEARING.secondCrewFromHours * 3600;
  const taken = takenTargets(ctx).get('clearRoad');
  const candidates: Candidate[] = [];
  const affected = world.townships.ids.flatMap((_, t) => (state.townships.affected[t] ? [t] : []));
  for (let r = 0; r < world.roads.ids.length; r++) {
    if (state.roads.status[r] !== ROAD_STATUS.BLOCKED) continue;
    let people = 0;
    for (const t of affected) {
      const dx = world.townships.xM[t] - world.roads.midXM[r], dy = world.townships.yM[t] - world.roads.midYM[r];
      const d2 = dx * dx + dy * dy;
      if (d2 < 15_000 * 15_000) people += world.townships.population[t] * (hasCommandLink(ctx, t) ? 1 : 3);
    }
    // A second crew goes to the far end of a blockage that will keep one crew long (ROAD_CLEARING.secondCrewFromHours).
    // It only brings an opening forward, where a first crew opens a road that would stay shut: so a crew doubles
    // up only when no blockage without a crew suits it (a later tier).
    const crews = clearingLeftSec(ctx, r) > secondCrewFromSec ? 2 : 1;
    const tier = taken?.has(world.roads.ids[r]) ? 1 : 0;
    const value = (people + 1) * classWeight[world.roads.roadClass[r]] + ctx.rng.uniform('doctrine') * 1e-6;
    candidates.push({ task: 'clearRoad', targetId: world.roads.ids[r], value, xM: world.roads.midXM[r], yM: world.roads.midYM[r], crews, tier });
  }
  assignIdleTeams(ctx, 'transport', ['roadCrew'], candidates);
}

const PLAYERS: Record<string, (ctx: Ctx) => void> = {
  emhq: playEmhq,
  fire: (ctx) => {
    terminalsToIsolated(ctx, 'fire', ['fireSquad']);
    coverageToTownships(ctx, 'fire', ['fireSquad']);
  },
  cmcc: (ctx) => playOperator(ctx, 'cmcc'),
  cucc: (ctx) => playOperator(ctx, 'cucc'),
  ctcc: (ctx) => playOperator(ctx, 'ctcc'),
  tower: (ctx) => playOperator(ctx, 'tower'),
  power: playPower,
  transport: playTransport,
};

/** A department with no procedure of its own: terminals to cut-off townships, then coverage, with whatever teams it has. */
function playDepartment(ctx: Ctx, seat: string): void {
  terminalsToIsolated(ctx, seat, ['commsTeam', 'fireSquad']);
  coverageToTownships(ctx, seat, ['commsTeam', 'fireSquad']);
}

export function onDoctrineTick(ctx: Ctx): void {
  for (const seat of ctx.state.doctrineSeats) (PLAYERS[seat] ?? ((c: Ctx) => playDepartment(c, seat)))(ctx);
  scheduleEvent(ctx, ctx.state.clockSec + DOCTRINE_TICK_SEC.value, 'doctrineTick', {}, 10);
}
