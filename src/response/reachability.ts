// Which parts of the road network are connected for a mode right now: a
// union-find over the segments the mode can pass, rebuilt only when the roads
// change (keyed by the state's roads version and the water version, how often
// the water on them changed: depth decides whether a high-clearance vehicle
// fords or a boat floats, and it changes without a change of road status). The doctrine uses it to skip
// targets a team could not reach anyway, instead of asking the router (a
// refused route search explores the whole component). Derived data: it is
// recomputed identically from the state, never stored in it.
import type { Ctx } from '../model/context.ts';
import { roadStateOf, waterVersion } from '../infra/roads.ts';
import type { MovementMode } from '../model/params/movement.ts';
import { planAirlift } from './airlift.ts';

interface Components {
  version: number;
  water: number;
  label: Int32Array;
}

const cache = new WeakMap<object, Map<string, Components>>();

function find(parent: Int32Array, n: number): number {
  while (parent[n] !== n) {
    parent[n] = parent[parent[n]];
    n = parent[n];
  }
  return n;
}

/** Component label of every road node for the mode, under the current road state. */
export function componentsFor(ctx: Ctx, mode: MovementMode): Int32Array {
  let byMode = cache.get(ctx.state);
  if (!byMode) cache.set(ctx.state, (byMode = new Map()));
  const hit = byMode.get(mode);
  // Comparing the depths themselves cost a pass over every segment per call (14 % of a province run).
  if (hit && hit.version === ctx.state.roadsVersion && hit.water === waterVersion(ctx)) return hit.label;
  const roads = ctx.world.roads;
  const parent = new Int32Array(roads.nodeXM.length);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  const roadState = roadStateOf(ctx);
  for (let e = 0; e < roads.ids.length; e++) {
    if (ctx.index.router.segmentSec(e, mode, roadState) < 0) continue;
    const a = find(parent, roads.fromNode[e]), b = find(parent, roads.toNode[e]);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  const label = new Int32Array(parent.length);
  for (let i = 0; i < parent.length; i++) label[i] = find(parent, i);
  byMode.set(mode, { version: ctx.state.roadsVersion, water: waterVersion(ctx), label });
  return label;
}

/**
 * The modes a team can use when it carries something it cannot walk in with (TaskSpec.walkIn false): a crew
 * with vehicles keeps to them once it has them (planTravel does the same), a crew on foot alone carries what it carries.
 */
export function modesWithLoad(modes: readonly string[]): readonly string[] {
  const firstVehicle = modes.findIndex((m) => m === 'road' || m === 'highClearance');
  return firstVehicle < 0 ? modes : modes.filter((m, i) => m !== 'foot' || i < firstVehicle);
}

/**
 * Could a team with these modes plausibly get from (x0, y0) to (x1, y1)? The router's own rules, without a
 * search: each end no farther from the road than the mode's OFF_ROAD limit (or the whole trip
 * straight across within it), and both nearest nodes in one component (for a boat, of flooded road); for a
 * helicopter, an airlift of `crew` people that can be planned now.
 */
export function maybeReachable(ctx: Ctx, modes: readonly string[], x0: number, y0: number, x1: number, y1: number, crew: number): boolean {
  const router = ctx.index.router;
  const from = router.nearestNode(x0, y0);
  const to = router.nearestNode(x1, y1);
  const directM = Math.sqrt((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0));
  const offRoadM = Math.max(router.roadDistanceM(x0, y0), router.roadDistanceM(x1, y1));
  for (const mode of modes) {
    // An airlift needs a free helicopter, landing zones near both ends and flying weather now: as cheap to
    // plan as to guess, and guessing sent orders the gate refused every tick while every helicopter was away.
    if (mode === 'helicopter') {
      if (planAirlift(ctx, crew, x0, y0, x1, y1).ok) return true;
      continue;
    }
    // A boat goes by water if it is on the target's water already, else it is carried by land to the nearest
    // place on that water (teams.planTravel does the same, properly).
    if (mode === 'boat') {
      const [launch] = launchNodes(ctx, modes, x0, y0, x1, y1, 1);
      if (launch === undefined) continue;
      const boatLabel = componentsFor(ctx, 'boat');
      if (from.node >= 0 && boatLabel[from.node] === boatLabel[launch]) return true;
      const lx = ctx.world.roads.nodeXM[launch], ly = ctx.world.roads.nodeYM[launch];
      if (landModes(modes).some((land) => maybeReachable(ctx, [land], x0, y0, lx, ly, crew))) return true;
      continue;
    }
    const maxM = ctx.world.params.movement.OFF_ROAD[mode as MovementMode].maxM;
    if (directM <= maxM) return true;
    if (offRoadM > maxM) continue;
    const label = componentsFor(ctx, mode as MovementMode);
    if (label[from.node] === label[to.node]) return true;
  }
  return false;
}

/** Land modes a team with a boat can use to carry it to the water, in the team's order. */
export const landModes = (modes: readonly string[]): MovementMode[] => modes.filter((m) => m !== 'boat' && m !== 'helicopter') as MovementMode[];

/**
 * Where a boat can be put in to reach (toXM, toYM): up to `k` road nodes on the same stretch of flood water as
 * the road node nearest the target (joined to it by segments a boat can pass) that the team can reach by one of
 * its land modes (in that mode's connected part of the network with the node nearest (fromXM, fromYM)), nearest
 * first in a straight line, ties by node. None when the target is not on water a boat can use. A boat squad
 * carries its boat to the nearest of them by land, then goes on by water.
 */
export function launchNodes(ctx: Ctx, modes: readonly string[], fromXM: number, fromYM: number, toXM: number, toYM: number, k: number): number[] {
  const roads = ctx.world.roads;
  const end = ctx.index.router.nearestNode(toXM, toYM);
  const start = ctx.index.router.nearestNode(fromXM, fromYM);
  if (end.node < 0 || start.node < 0) return [];
  const label = componentsFor(ctx, 'boat');
  const water = label[end.node];
  const lands = landModes(modes).map((m) => componentsFor(ctx, m));
  const on: number[] = [];
  let size = 0;
  for (let v = 0; v < label.length; v++) {
    if (label[v] !== water) continue;
    size++;
    if (lands.some((land) => land[v] === land[start.node])) on.push(v);
  }
  // A node alone in its component has no segment a boat can pass: dry ground.
  if (size < 2) return [];
  const d2 = (v: number) => (roads.nodeXM[v] - fromXM) ** 2 + (roads.nodeYM[v] - fromYM) ** 2;
  return on.sort((a, b) => d2(a) - d2(b) || a - b).slice(0, k);
}
