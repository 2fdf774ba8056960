// Route checks shared by the router's own tests (src/response/routing.test.ts)
// and the routing test on the generated province (test/province-routing.test.ts).
import { expect } from 'vitest';
import { mulberry32 } from '../src/core/mulberry32.ts';
import { ROAD_STATUS } from '../src/model/state.ts';
import type { RoadConditions, RoadWorld, RouteOk, RouteResult } from '../src/model/travel.ts';
import { openRoadConditions } from '../src/response/routing.ts';

/** Everything a returned route promises about itself. */
export function expectValidRoute(world: RoadWorld, r: RouteOk, from: number, to: number) {
  const { roads } = world;
  expect(r.nodes[0]).toBe(from);
  expect(r.nodes[r.nodes.length - 1]).toBe(to);
  expect(r.edges.length).toBe(r.nodes.length - 1);
  expect(r.legSec.length).toBe(r.edges.length);
  let sum = 0, dist = 0;
  for (let i = 0; i < r.edges.length; i++) {
    const e = r.edges[i];
    const ends = [roads.fromNode[e], roads.toNode[e]].sort((a, b) => a - b);
    expect([r.nodes[i], r.nodes[i + 1]].sort((a, b) => a - b)).toEqual(ends);
    expect(Number.isInteger(r.legSec[i]) && r.legSec[i] >= 1).toBe(true);
    sum += r.legSec[i];
    dist += roads.lengthM[e];
    expect(r.reachSec[i + 1]).toBe(sum);
  }
  expect(r.totalSec).toBe(sum);
  expect(r.distM).toBeCloseTo(dist, 6);
}

export function sameRoute(a: RouteResult, b: RouteResult) {
  expect(a.ok).toBe(b.ok);
  if (a.ok && b.ok) {
    expect(Array.from(a.nodes)).toEqual(Array.from(b.nodes));
    expect(Array.from(a.edges)).toEqual(Array.from(b.edges));
    expect(a.totalSec).toBe(b.totalSec);
  }
}

/** A random damaged network state: blocked (some collapsed bridges), flooded at various depths, damaged. */
export function randomConditions(world: RoadWorld, seed: number): RoadConditions {
  const random = mulberry32(seed);
  const state = openRoadConditions(world);
  for (let e = 0; e < world.roads.ids.length; e++) {
    const u = random();
    if (u < 0.04) {
      state.status[e] = ROAD_STATUS.BLOCKED;
      if (random() < 0.3) state.bridgeDamage[e] = 3;
    } else if (u < 0.08) {
      state.status[e] = ROAD_STATUS.FLOODED;
      state.waterDepthM[e] = 0.31 + random() * 1.2;
    } else if (u < 0.11) {
      state.status[e] = ROAD_STATUS.DAMAGED;
      state.bridgeDamage[e] = 2;
    }
  }
  return state;
}
