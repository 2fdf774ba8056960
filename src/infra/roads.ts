// Road segments: open, damaged (passable, slower), flooded (water over the
// road) or blocked (landslide, collapsed bridge, ground failure). The most
// severe reason wins. Blocked segments stay blocked until cleared (by road
// crews, in the response layer); flooded ones reopen when the water falls.
// The network's state over time is what routing works on.
import { ROAD_STATUS } from '../model/state.ts';
import type { Ctx } from '../model/context.ts';
import type { RoadConditions } from '../model/travel.ts';
import { refreshSitesOnRoad } from './sites.ts';

/** Status from the segment's separate conditions. */
function statusOf(ctx: Ctx, r: number): number {
  const roads = ctx.state.roads;
  const { params } = ctx.world;
  if (roads.blocked[r]) return ROAD_STATUS.BLOCKED;
  if (roads.waterDepthM[r] > params.infra.AT_GRADE_FAILURE_DEPTH_M.value) return ROAD_STATUS.FLOODED;
  if (roads.bridgeDamage[r] >= params.movement.DAMAGED_FROM_BRIDGE_DAMAGE.value || roads.detour[r]) return ROAD_STATUS.DAMAGED;
  return ROAD_STATUS.OPEN;
}

export function refreshRoad(ctx: Ctx, r: number): void {
  const status = statusOf(ctx, r);
  const before = ctx.state.roads.status[r];
  if (status === before) return;
  ctx.state.counts.roadsByStatus[before]--;
  ctx.state.counts.roadsByStatus[status]++;
  ctx.state.roads.status[r] = status;
  ctx.state.roadsVersion++;
  // Statuses are in order of severity: only a worse road can break a planned journey.
  if (status > before) ctx.state.roadWorsenedAtVersion[r] = ctx.state.roadsVersion;
}

/** The road conditions routes are planned against now. */
export function roadStateOf(ctx: Ctx): RoadConditions {
  const r = ctx.state.roads;
  return { status: r.status, bridgeDamage: r.bridgeDamage, detour: r.detour, waterDepthM: r.waterDepthM };
}

/** Someone has seen the segment as it is now. */
export function observeRoad(ctx: Ctx, r: number): void {
  ctx.state.roads.known[r] = ctx.state.roads.status[r] + 1;
}

/** After a shock or at a flood's onset nobody knows the state of a segment in the area until it is seen. */
export function forgetRoad(ctx: Ctx, r: number): void {
  ctx.state.roads.known[r] = 0;
}

export function blockRoad(ctx: Ctx, r: number): void {
  ctx.state.roads.blocked[r] = 1;
  refreshRoad(ctx, r);
}

/** Cuts the fibre along a segment, `lostM` of cable destroyed (0: cut at a point); a second cut adds its length. */
export function cutFibre(ctx: Ctx, r: number, lostM = 0): void {
  const roads = ctx.state.roads;
  roads.fibreDamagedM[r] = Math.min(ctx.world.roads.lengthM[r], roads.fibreDamagedM[r] + lostM);
  if (roads.fibreCut[r]) return;
  roads.fibreCut[r] = 1;
  ctx.state.counts.fibreCuts++;
  refreshSitesOnRoad(ctx, r);
}

/**
 * How many times the water on the roads has changed, per state: derived data for caches that depend on the
 * depths (which change without a change of road status), never part of the state or its hash. A restored
 * state is a new object and starts again from 0.
 */
const waterChanges = new WeakMap<object, number>();
export const waterVersion = (ctx: Ctx): number => waterChanges.get(ctx.state) ?? 0;

export function setWaterDepth(ctx: Ctx, r: number, depthM: number): void {
  const depth = depthM > 0 ? depthM : 0;
  if (ctx.state.roads.waterDepthM[r] !== depth) waterChanges.set(ctx.state, waterVersion(ctx) + 1);
  ctx.state.roads.waterDepthM[r] = depth;
  refreshRoad(ctx, r);
}

