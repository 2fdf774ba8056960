import { describe, expect, it } from 'vitest';
import { JISHISHAN, loadWorld } from '../../test/helpers.ts';
import { expectValidRoute, randomConditions, sameRoute } from '../../test/routing-checks.ts';
import { pathLengthM } from '../core/geo.ts';
import { Sim } from '../engine/sim.ts';
import { ROAD_STATUS } from '../model/state.ts';
import { NONE, ROAD_CLASSES, TERRAINS, type RoadTable } from '../model/world.ts';
import * as P from '../model/params/movement.ts';
import {
  benchRouteQueries,
  createRouter,
  MOVEMENT_MODES,
  openRoadConditions,
  positionAt,
  remainingAfter,
  type MovementMode,
} from './routing.ts';
import type { RoadConditions, RoadWorld, RouteOk, RouteResult } from '../model/travel.ts';
import { mulberry32 } from '../core/mulberry32.ts';

// ---- Hand-built networks ----------------------------------------------------

interface Seg {
  from: number;
  to: number;
  roadClass?: (typeof ROAD_CLASSES)[number];
  terrain?: (typeof TERRAINS)[number];
  bridge?: boolean;
  /** Intermediate vertices, metres. */
  via?: [number, number][];
}

function network(nodes: [number, number][], segs: Seg[]): RoadWorld {
  const pathM = segs.map((s) => Float64Array.from([...nodes[s.from], ...(s.via ?? []).flat(), ...nodes[s.to]]));
  const roads: RoadTable = {
    ids: segs.map((_, i) => `r-${String(i).padStart(3, '0')}`),
    roadClass: Uint8Array.from(segs, (s) => ROAD_CLASSES.indexOf(s.roadClass ?? 'county')),
    bridge: Uint8Array.from(segs, (s) => (s.bridge ? 1 : 0)),
    bridgeClass: new Uint8Array(segs.length),
    terrain: Uint8Array.from(segs, (s) => TERRAINS.indexOf(s.terrain ?? 'flat')),
    pathM,
    lengthM: Float64Array.from(pathM, pathLengthM),
    midXM: Float64Array.from(pathM, (p) => p[0]),
    midYM: Float64Array.from(pathM, (p) => p[1]),
    fromNode: Int32Array.from(segs, (s) => s.from),
    toNode: Int32Array.from(segs, (s) => s.to),
    nodeXM: Float64Array.from(nodes, (n) => n[0]),
    nodeYM: Float64Array.from(nodes, (n) => n[1]),
    elevationM: new Float64Array(segs.length).fill(NaN),
    groundM: new Float64Array(segs.length).fill(NaN),
  };
  return { roads };
}

interface Condition {
  status?: number;
  bridgeDamage?: number;
  waterDepthM?: number;
}

function conditions(world: RoadWorld, changes: Record<number, Condition> = {}): RoadConditions {
  const state = openRoadConditions(world);
  for (const [e, c] of Object.entries(changes)) {
    if (c.status !== undefined) state.status[Number(e)] = c.status;
    if (c.bridgeDamage !== undefined) state.bridgeDamage[Number(e)] = c.bridgeDamage;
    if (c.waterDepthM !== undefined) state.waterDepthM[Number(e)] = c.waterDepthM;
  }
  return state;
}

const collapsedBridge: Condition = { status: ROAD_STATUS.BLOCKED, bridgeDamage: 3 };
const landslide: Condition = { status: ROAD_STATUS.BLOCKED };
const flooded = (waterDepthM: number): Condition => ({ status: ROAD_STATUS.FLOODED, waterDepthM });

function ok(result: RouteResult): RouteOk {
  if (!result.ok) throw new Error(`expected a route, got ${result.reason}`);
  return result;
}

/** A square lattice of side n with 1 km streets, all alike: ties everywhere. */
function lattice(n: number, roadClass: Seg['roadClass'] = 'county'): RoadWorld {
  const nodes: [number, number][] = [];
  const segs: Seg[] = [];
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) nodes.push([i * 1000, j * 1000]);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      if (i + 1 < n) segs.push({ from: j * n + i, to: j * n + i + 1, roadClass });
      if (j + 1 < n) segs.push({ from: j * n + i, to: (j + 1) * n + i, roadClass });
    }
  }
  return network(nodes, segs);
}

// ---- The parameter tables ---------------------------------------------------

describe('movement parameters', () => {
  it('give every mode a row with a source in every table, and positive speeds', () => {
    for (const table of [P.ROAD_SPEED_KMH, P.TERRAIN_FACTOR, P.DAMAGED_PASSAGE, P.FLOOD_PASSAGE, P.BLOCKED_PASSAGE, P.OFF_ROAD]) {
      expect(Object.keys(table).sort()).toEqual([...MOVEMENT_MODES].sort());
      for (const row of Object.values(table)) expect(row.source.length).toBeGreaterThan(10);
    }
    for (const mode of MOVEMENT_MODES) {
      for (const c of ROAD_CLASSES) expect(P.ROAD_SPEED_KMH[mode].kmh[c]).toBeGreaterThan(0);
      for (const t of TERRAINS) expect(P.TERRAIN_FACTOR[mode].factor[t]).toBeGreaterThan(0);
    }
    for (const single of [P.FLOODED_ABOVE_M, P.DAMAGED_FROM_BRIDGE_DAMAGE, P.COLLAPSED_FROM_BRIDGE_DAMAGE, P.MIN_SEGMENT_SEC]) {
      expect(single.source.length).toBeGreaterThan(5);
    }
  });

  it('uses the speeds of the brief: national 60 and rural ~25 km/h in mountains, foot 4 / 2.5 km/h', () => {
    const mountain = (mode: MovementMode, c: (typeof ROAD_CLASSES)[number]) => P.ROAD_SPEED_KMH[mode].kmh[c] * P.TERRAIN_FACTOR[mode].factor.mountain;
    expect(mountain('road', 'national')).toBe(60);
    expect(mountain('road', 'rural')).toBeGreaterThanOrEqual(20);
    expect(mountain('road', 'rural')).toBeLessThanOrEqual(25);
    expect(P.ROAD_SPEED_KMH.foot.kmh.rural).toBe(4);
    expect(P.OFF_ROAD.foot.kmh).toBe(2.5);
    expect(P.ROAD_SPEED_KMH.motorcycle.kmh.rural).toBe(P.ROAD_SPEED_KMH.road.kmh.rural);
  });
});

// ---- Routing on hand-built networks -------------------------------------------

describe('route: least time', () => {
  // 0 ── 1: a 10 km rural road; 0 ── 2 ── 1: two 6 km national roads.
  const world = network(
    [[0, 0], [10_000, 0], [5000, 3317]],
    [
      { from: 0, to: 1, roadClass: 'rural' },
      { from: 0, to: 2, roadClass: 'national' },
      { from: 2, to: 1, roadClass: 'national' },
    ],
  );
  const router = createRouter(world);
  const open = conditions(world);

  it('picks the faster road for a vehicle and the shorter one on foot', () => {
    const car = ok(router.route({ fromNode: 0, toNode: 1, mode: 'road', roadState: open }));
    expect(Array.from(car.nodes)).toEqual([0, 2, 1]);
    expectValidRoute(world, car, 0, 1);
    const foot = ok(router.route({ fromNode: 0, toNode: 1, mode: 'foot', roadState: open }));
    expect(Array.from(foot.edges)).toEqual([0]);
    expect(foot.totalSec).toBe(9000); // 10 km at 4 km/h
  });

  it('counts whole seconds per segment, rounded up', () => {
    const r = ok(router.route({ fromNode: 0, toNode: 1, mode: 'road', roadState: open }));
    for (let i = 0; i < r.edges.length; i++) expect(r.legSec[i]).toBe(Math.ceil((world.roads.lengthM[r.edges[i]] * 3.6) / 80));
  });

  it('returns a one-node route from a node to itself', () => {
    const r = ok(router.route({ fromNode: 2, toNode: 2, mode: 'road', roadState: open }));
    expect(Array.from(r.nodes)).toEqual([2]);
    expect(r.totalSec).toBe(0);
    expect(r.distM).toBe(0);
  });

  it('halves vehicle speed on a damaged bridge but not walking speed', () => {
    const damaged = conditions(world, { 1: { status: ROAD_STATUS.DAMAGED, bridgeDamage: 2 } });
    const base = router.segmentSec(1, 'road', open);
    expect(router.segmentSec(1, 'road', damaged)).toBe(Math.ceil((world.roads.lengthM[1] * 3.6) / 40));
    expect(router.segmentSec(1, 'road', damaged)).toBeGreaterThanOrEqual(2 * base - 1);
    expect(router.segmentSec(1, 'foot', damaged)).toBe(router.segmentSec(1, 'foot', open));
  });

  it('refuses bad input as a bug, not a reason code', () => {
    expect(() => router.route({ fromNode: 0, toNode: 9, mode: 'road', roadState: open })).toThrow(RangeError);
    expect(() => router.route({ fromNode: 0, toNode: 1, mode: 'hovercraft' as MovementMode, roadState: open })).toThrow(RangeError);
    expect(() => router.route({ fromNode: 0, toNode: 1, mode: 'road', roadState: openRoadConditions(lattice(2)) })).toThrow(RangeError);
  });
});

describe('route: blocked roads and bridges', () => {
  // A 1 km square 0-1-2-3 whose side 0-1 is a bridge, and a spur 1-4 that is a bridge too.
  const world = network(
    [[0, 0], [1000, 0], [1000, 1000], [0, 1000], [2000, 0]],
    [
      { from: 0, to: 1, bridge: true, roadClass: 'national' },
      { from: 1, to: 2 },
      { from: 2, to: 3 },
      { from: 3, to: 0 },
      { from: 1, to: 4, bridge: true, terrain: 'hilly' },
    ],
  );
  const router = createRouter(world);

  it('takes the detour round a collapsed bridge', () => {
    const open = ok(router.route({ fromNode: 0, toNode: 1, mode: 'road', roadState: conditions(world) }));
    expect(Array.from(open.nodes)).toEqual([0, 1]);
    const state = conditions(world, { 0: collapsedBridge });
    const detour = ok(router.route({ fromNode: 0, toNode: 1, mode: 'road', roadState: state }));
    expect(Array.from(detour.nodes)).toEqual([0, 3, 2, 1]);
    expectValidRoute(world, detour, 0, 1);
  });

  it('finds no route for any mode when the collapsed bridge is the only link, even with water under it', () => {
    const state = conditions(world, { 4: { ...collapsedBridge, waterDepthM: 2 } });
    for (const mode of MOVEMENT_MODES) {
      expect(router.route({ fromNode: 0, toNode: 4, mode, roadState: state })).toEqual({ ok: false, reason: 'noRoute' });
    }
  });

  it('lets walkers over a landslide (at off-road speed) and motorcycles only off the mountains', () => {
    const state = conditions(world, { 4: landslide });
    for (const mode of ['road', 'highClearance', 'boat'] as const) {
      expect(router.route({ fromNode: 1, toNode: 4, mode, roadState: state }).ok).toBe(false);
    }
    const foot = ok(router.route({ fromNode: 1, toNode: 4, mode: 'foot', roadState: state }));
    expect(foot.totalSec).toBe(Math.ceil((1000 * 3.6) / P.BLOCKED_PASSAGE.foot.kmh));
    const moto = ok(router.route({ fromNode: 1, toNode: 4, mode: 'motorcycle', roadState: state }));
    expect(moto.totalSec).toBe(Math.ceil((1000 * 3.6) / P.BLOCKED_PASSAGE.motorcycle.kmh));

    const mountain = network(
      [[0, 0], [1000, 0]],
      [{ from: 0, to: 1, terrain: 'mountain' }],
    );
    const slid = conditions(mountain, { 0: landslide });
    const r = createRouter(mountain);
    expect(r.route({ fromNode: 0, toNode: 1, mode: 'motorcycle', roadState: slid }).ok).toBe(false);
    expect(r.route({ fromNode: 0, toNode: 1, mode: 'foot', roadState: slid }).ok).toBe(true);
  });

  it('sends a team that cannot drive to a site past a landslide on foot instead', () => {
    const state = conditions(world, { 4: landslide });
    const site = { toXM: 2300, toYM: 150 };
    const from = { fromXM: -200, fromYM: 0 };
    expect(router.travel({ ...from, ...site, mode: 'road', roadState: state })).toEqual({ ok: false, reason: 'noRoute' });
    const walk = router.travel({ ...from, ...site, mode: 'foot', roadState: state });
    expect(walk.ok).toBe(true);
    if (walk.ok) {
      expect(Array.from(walk.route.edges)).toEqual([0, 4]);
      expect(walk.accessSec).toBe(Math.ceil((200 * 3.6) / 2.5));
      expect(walk.totalSec).toBe(walk.accessSec + walk.route.totalSec + walk.egressSec);
    }
  });
});

describe('route: flooded roads', () => {
  const world = network([[0, 0], [1000, 0]], [{ from: 0, to: 1 }]);
  const router = createRouter(world);
  const at = (mode: MovementMode, depth: number) =>
    router.route({ fromNode: 0, toNode: 1, mode, roadState: conditions(world, depth > 0.3 ? { 0: flooded(depth) } : { 0: { waterDepthM: depth } }) });

  it('closes a flooded road to ordinary vehicles and motorcycles', () => {
    expect(at('road', 0.4).ok).toBe(false);
    expect(at('motorcycle', 0.4).ok).toBe(false);
    expect(at('road', 0.2).ok).toBe(true); // shallow water is not a flood
  });

  it('lets high-clearance vehicles through 0.4 m but not 0.8 m, slowly', () => {
    expect(ok(at('highClearance', 0.4)).totalSec).toBe(Math.ceil((1000 * 3.6) / P.FLOOD_PASSAGE.highClearance.kmh));
    expect(at('highClearance', 0.6).ok).toBe(true);
    expect(at('highClearance', 0.8).ok).toBe(false);
  });

  it('floats boats at 1 m, not in 0.4 m or on a dry road', () => {
    expect(ok(at('boat', 1)).totalSec).toBe(Math.ceil((1000 * 3.6) / 10));
    expect(at('boat', 0.5).ok).toBe(true);
    expect(at('boat', 0.4).ok).toBe(false);
    expect(at('boat', 0).ok).toBe(false);
  });

  it('lets walkers wade to 0.5 m, slowly', () => {
    expect(ok(at('foot', 0.4)).totalSec).toBe(Math.ceil((1000 * 3.6) / P.FLOOD_PASSAGE.foot.kmh));
    expect(at('foot', 0.8).ok).toBe(false);
  });

  it('refuses a boat trip with no water as modeNotPossible', () => {
    const q = { fromXM: 0, fromYM: 100, toXM: 1000, toYM: 100, mode: 'boat' as const };
    expect(router.travel({ ...q, roadState: conditions(world) })).toEqual({ ok: false, reason: 'modeNotPossible' });
    const wet = router.travel({ ...q, roadState: conditions(world, { 0: flooded(1.2) }) });
    // Over flood water the boat may also cut straight across (OFF_ROAD.boat assumes water off the road too).
    expect(wet.ok && wet.direct && wet.totalSec === Math.ceil((1000 * 3.6) / P.OFF_ROAD.boat.kmh)).toBe(true);
  });
});

describe('route: deterministic tie-breaking', () => {
  it('goes through the lower-index node when two paths take the same time', () => {
    const nodes: [number, number][] = [[0, 0], [1000, 1000], [1000, -1000], [2000, 0]];
    // The same diamond twice: once with node 1's segments listed first, once last.
    const first = network(nodes, [{ from: 0, to: 1 }, { from: 1, to: 3 }, { from: 0, to: 2 }, { from: 2, to: 3 }]);
    const last = network(nodes, [{ from: 0, to: 2 }, { from: 2, to: 3 }, { from: 0, to: 1 }, { from: 1, to: 3 }]);
    const state = conditions(first);
    for (const world of [first, last]) {
      for (const router of [createRouter(world), createRouter(world, { heuristic: false })]) {
        expect(Array.from(ok(router.route({ fromNode: 0, toNode: 3, mode: 'road', roadState: state })).nodes)).toEqual([0, 1, 3]);
        expect(Array.from(ok(router.route({ fromNode: 3, toNode: 0, mode: 'road', roadState: state })).nodes)).toEqual([3, 1, 0]);
      }
    }
  });

  it('takes the lower-index segment of two parallel ones', () => {
    const world = network([[0, 0], [1000, 0]], [{ from: 1, to: 0 }, { from: 0, to: 1 }]);
    const r = ok(createRouter(world).route({ fromNode: 0, toNode: 1, mode: 'road', roadState: conditions(world) }));
    expect(Array.from(r.edges)).toEqual([0]);
  });

  it('gives A* (with and without landmarks) exactly the paths of plain Dijkstra on a lattice full of ties', () => {
    const world = lattice(12);
    const state = randomConditions(world, 5);
    const plain = createRouter(world, { heuristic: false });
    const routers = [createRouter(world), createRouter(world, { landmarks: 0 }), createRouter(world, { landmarks: 3 })];
    const n = world.roads.nodeXM.length;
    for (let from = 0; from < n; from += 7) {
      for (let to = 0; to < n; to += 5) {
        for (const mode of ['road', 'foot', 'motorcycle'] as const) {
          const expected = plain.route({ fromNode: from, toNode: to, mode, roadState: state });
          for (const r of routers) sameRoute(r.route({ fromNode: from, toNode: to, mode, roadState: state }), expected);
        }
      }
    }
  });

  it('answers the same query the same way every time (buffers reused between queries leave no trace)', () => {
    const world = lattice(8);
    const router = createRouter(world);
    const state = conditions(world);
    const first = router.route({ fromNode: 0, toNode: 63, mode: 'road', roadState: state });
    router.route({ fromNode: 10, toNode: 3, mode: 'foot', roadState: state });
    router.route({ fromNode: 63, toNode: 0, mode: 'road', roadState: randomConditions(world, 1) });
    sameRoute(router.route({ fromNode: 0, toNode: 63, mode: 'road', roadState: state }), first);
    sameRoute(createRouter(world).route({ fromNode: 0, toNode: 63, mode: 'road', roadState: state }), first);
  });
});

describe('nearestNode and travel', () => {
  const world = network(
    [[0, 0], [1000, 0], [5000, 0]],
    [
      { from: 0, to: 1, roadClass: 'rural' },
      { from: 1, to: 2, roadClass: 'rural' },
    ],
  );
  const router = createRouter(world);
  const open = conditions(world);

  it('snaps to the nearest node, the lower index on a tie, from inside and outside the network', () => {
    expect(router.nearestNode(100, 50)).toEqual({ node: 0, distM: Math.sqrt(100 * 100 + 50 * 50) });
    expect(router.nearestNode(500, 300).node).toBe(0); // equidistant from 0 and 1
    expect(router.nearestNode(-50_000, 0)).toEqual({ node: 0, distM: 50_000 });
    expect(router.nearestNode(3100, 10).node).toBe(2);
  });

  it('adds off-road legs at the mode’s off-road speed', () => {
    const t = router.travel({ fromXM: 0, fromYM: 1500, toXM: 5000, toYM: -1000, mode: 'road', roadState: open });
    expect(t.ok).toBe(true);
    if (!t.ok) return;
    expect(t.direct).toBe(false);
    expect(t.accessSec).toBe(Math.ceil((1500 * 3.6) / 15));
    expect(t.egressSec).toBe(Math.ceil((1000 * 3.6) / 15));
    expect(t.totalSec).toBe(t.accessSec + t.route.totalSec + t.egressSec);
    expect(t.distM).toBeCloseTo(1500 + 5000 + 1000, 9);
  });

  it('refuses vehicles more than 2 km from a road, but walkers go up to 10 km', () => {
    const far = { fromXM: 0, fromYM: 3000, toXM: 5000, toYM: 0 };
    expect(router.travel({ ...far, mode: 'road', roadState: open })).toEqual({ ok: false, reason: 'tooFarFromRoad' });
    expect(router.travel({ ...far, mode: 'highClearance', roadState: open })).toEqual({ ok: false, reason: 'tooFarFromRoad' });
    expect(router.travel({ ...far, mode: 'foot', roadState: open }).ok).toBe(true);
    expect(router.travel({ fromXM: 0, fromYM: 12_000, toXM: 5000, toYM: 0, mode: 'foot', roadState: open })).toEqual({ ok: false, reason: 'tooFarFromRoad' });
  });

  it('walks straight across when that is quicker than going round by road', () => {
    const t = router.travel({ fromXM: 3000, fromYM: 900, toXM: 3000, toYM: -900, mode: 'foot', roadState: open });
    expect(t.ok && t.direct).toBe(true);
    if (t.ok) expect(t.totalSec).toBe(Math.ceil((1800 * 3.6) / 2.5));
  });
});

describe('following a route in time', () => {
  // One L-shaped rural segment: (0,0) → (600,0) → (600,800), 1400 m, 168 s at 30 km/h.
  const world = network([[0, 0], [600, 800]], [{ from: 0, to: 1, roadClass: 'rural', via: [[600, 0]] }]);
  const router = createRouter(world);
  const open = conditions(world);

  it('interpolates positions at the start, along the geometry and at the end, in the travel direction', () => {
    const out = ok(router.route({ fromNode: 0, toNode: 1, mode: 'road', roadState: open }));
    expect(out.totalSec).toBe(168);
    const t0 = 1000;
    expect(positionAt(out, t0, t0 - 50, world)).toEqual({ xM: 0, yM: 0 });
    expect(positionAt(out, t0, t0, world)).toEqual({ xM: 0, yM: 0 });
    const quarter = positionAt(out, t0, t0 + 42, world); // 350 m along
    expect(quarter.xM).toBeCloseTo(350, 9);
    expect(quarter.yM).toBeCloseTo(0, 9);
    const half = positionAt(out, t0, t0 + 84, world); // 700 m along: round the corner
    expect(half.xM).toBeCloseTo(600, 9);
    expect(half.yM).toBeCloseTo(100, 9);
    expect(positionAt(out, t0, t0 + 168, world)).toEqual({ xM: 600, yM: 800 });
    expect(positionAt(out, t0, t0 + 9999, world)).toEqual({ xM: 600, yM: 800 });

    const back = ok(router.route({ fromNode: 1, toNode: 0, mode: 'road', roadState: open }));
    const backQuarter = positionAt(back, t0, t0 + 42, world);
    expect(backQuarter.xM).toBeCloseTo(600, 9);
    expect(backQuarter.yM).toBeCloseTo(450, 9);
  });

  it('follows off-road legs of a trip too', () => {
    const trip = router.travel({ fromXM: -150, fromYM: 0, toXM: 600, toYM: 950, mode: 'road', roadState: open });
    expect(trip.ok).toBe(true);
    if (!trip.ok) return;
    expect(trip.accessSec).toBe(36);
    expect(positionAt(trip, 0, 0, world)).toEqual({ xM: -150, yM: 0 });
    expect(positionAt(trip, 0, 18, world)).toEqual({ xM: -75, yM: 0 });
    expect(positionAt(trip, 0, 36, world)).toEqual({ xM: 0, yM: 0 });
    expect(positionAt(trip, 0, trip.totalSec, world)).toEqual({ xM: 600, yM: 950 });
    expect(remainingAfter(trip, 0, 10)).toEqual({ node: 0, atSec: 36, index: 0, arrived: false });
    expect(remainingAfter(trip, 0, 40)).toEqual({ node: 1, atSec: 36 + 168, index: 1, arrived: false });
    expect(remainingAfter(trip, 0, trip.totalSec - 1)).toEqual({ node: NONE, atSec: trip.totalSec, index: 2, arrived: false });
    expect(remainingAfter(trip, 0, trip.totalSec).arrived).toBe(true);
  });

  it('re-routes from the next node after a segment ahead is blocked, on a valid different route', () => {
    const grid = lattice(6);
    const r = createRouter(grid);
    const open6 = conditions(grid);
    const plan = ok(r.route({ fromNode: 0, toNode: 35, mode: 'road', roadState: open6 }));
    const startSec = 500;
    const now = startSec + Math.floor(plan.totalSec / 3);
    const next = remainingAfter(plan, startSec, now);
    expect(next.arrived).toBe(false);
    expect(next.node).toBe(plan.nodes[next.index]);
    expect(next.atSec).toBeGreaterThanOrEqual(now);
    expect(next.atSec).toBe(startSec + plan.reachSec[next.index]);
    const ahead = plan.edges[next.index];
    const state = conditions(grid, { [ahead]: landslide });
    const again = ok(r.route({ fromNode: next.node, toNode: 35, mode: 'road', roadState: state }));
    expectValidRoute(grid, again, next.node, 35);
    expect(Array.from(again.edges)).not.toContain(ahead);
    expect(Array.from(again.edges)).not.toEqual(Array.from(plan.edges.subarray(next.index)));

    expect(remainingAfter(plan, startSec, startSec - 10)).toEqual({ node: 0, atSec: startSec, index: 0, arrived: false });
    expect(remainingAfter(plan, startSec, startSec + plan.totalSec + 5)).toEqual({
      node: 35,
      atSec: startSec + plan.totalSec,
      index: plan.nodes.length - 1,
      arrived: true,
    });
  });
});

// ---- The Jishishan network --------------------------------------------------------

describe('routing on Jishishan', () => {
  const world = loadWorld(JISHISHAN);
  const router = createRouter(world);
  const open = openRoadConditions(world);
  const n = world.roads.nodeXM.length;

  it('reaches every node from every node on the open network, matching plain Dijkstra', () => {
    const plain = createRouter(world, { heuristic: false });
    for (let from = 0; from < n; from += 3) {
      for (let to = 0; to < n; to += 2) {
        const r = router.route({ fromNode: from, toNode: to, mode: 'road', roadState: open });
        expectValidRoute(world, ok(r), from, to);
        sameRoute(r, plain.route({ fromNode: from, toNode: to, mode: 'road', roadState: open }));
      }
    }
  });

  it('sends walkers past a landslide that cuts the only road from the fire base to a site', () => {
    const base = world.bases.ids.indexOf('b-fire-jss');
    const from = { fromXM: world.bases.xM[base], fromYM: world.bases.yM[base] };
    let found = false;
    for (let s = 0; s < world.sites.ids.length && !found; s++) {
      const to = { toXM: world.sites.xM[s], toYM: world.sites.yM[s] };
      const drive = router.travel({ ...from, ...to, mode: 'road', roadState: open });
      if (!drive.ok || drive.direct || drive.route.edges.length < 3) continue;
      for (const e of drive.route.edges) {
        const state = conditions(world, { [e]: landslide });
        if (router.travel({ ...from, ...to, mode: 'road', roadState: state }).ok) continue;
        const walk = router.travel({ ...from, ...to, mode: 'foot', roadState: state });
        expect(walk.ok).toBe(true);
        if (walk.ok && !walk.direct) expect(Array.from(walk.route.edges)).toContain(e);
        found = true;
        break;
      }
    }
    expect(found).toBe(true);
  });

  it('plans on the engine’s damaged network after the mainshock the same way Dijkstra does, never over a collapsed bridge', () => {
    const sim = Sim.create(world, 7);
    sim.advanceTo(6 * 3600);
    const roads = sim.state.roads;
    expect(sim.state.counts.roadsByStatus[ROAD_STATUS.BLOCKED]).toBeGreaterThan(0);
    const plain = createRouter(world, { heuristic: false });
    let routed = 0;
    for (const mode of MOVEMENT_MODES) {
      for (let from = 0; from < n; from += 11) {
        for (let to = 1; to < n; to += 7) {
          const r = router.route({ fromNode: from, toNode: to, mode, roadState: roads });
          sameRoute(r, plain.route({ fromNode: from, toNode: to, mode, roadState: roads }));
          if (!r.ok) continue;
          routed++;
          expectValidRoute(world, r, from, to);
          for (const e of r.edges) {
            expect(roads.bridgeDamage[e] >= 3 && roads.status[e] === ROAD_STATUS.BLOCKED).toBe(false);
            if (mode === 'road') expect(roads.status[e]).not.toBe(ROAD_STATUS.BLOCKED);
          }
        }
      }
    }
    expect(routed).toBeGreaterThan(0);
  });

  it('matches a brute-force nearest node everywhere', () => {
    const random = mulberry32(3);
    const { nodeXM, nodeYM } = world.roads;
    for (let i = 0; i < 500; i++) {
      const x = (random() - 0.5) * 120_000, y = (random() - 0.5) * 120_000;
      let best = -1, bestD2 = Infinity;
      for (let v = 0; v < n; v++) {
        const d2 = (nodeXM[v] - x) * (nodeXM[v] - x) + (nodeYM[v] - y) * (nodeYM[v] - y);
        if (d2 < bestD2) [best, bestD2] = [v, d2];
      }
      expect(router.nearestNode(x, y).node).toBe(best);
    }
  });

  it('benchRouteQueries reports counts and times from the injected clock', () => {
    let now = 0;
    const clock = () => (now += 1);
    const result = benchRouteQueries(world, 50, 9, clock);
    expect(result.routed + result.noRoute).toBe(50);
    expect(result.routed).toBe(50); // the open network is connected
    expect(result.medianMs).toBe(1);
    expect(result.p95Ms).toBe(1);
  });
});
