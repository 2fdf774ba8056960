// Reopening blocked roads: a detour round a large slide on a trunk road, and
// two crews working a long blockage from both ends. Numbers worked by hand
// from ROAD_CLEARING and ROAD_DETOUR (model/params/infra.ts) on the tiny
// county: r-1 (county road, mountain, 9.1 km) joins node A (103.0, 35.0) to
// node B (103.1, 35.0); r-2 (provincial) runs on from B.
import { describe, expect, it } from 'vitest';
import { Sim } from '../engine/sim.ts';
import { blockRoad, roadStateOf } from '../infra/roads.ts';
import { ROAD_STATUS } from '../model/state.ts';
import { loadWorld, ROOT, tinyWorldWithTeams } from '../../test/helpers.ts';
import { join } from 'node:path';
import { clearRoadSec, opensByDetour } from './tasks.ts';
import { planApproach } from './teams.ts';
import { DrillDriver } from '../engine/driver.ts';
import { bestUntaken } from './doctrine.ts';
import { ROAD_VIEW, ROAD_VIEW_NAMES, viewFor } from '../drill/view.ts';

const crew = (id: string, base: string, modes: string[] = ['road']) => ({
  id,
  nameZh: '公路抢通队',
  org: 'transport',
  level: 'county',
  kind: 'roadCrew',
  base,
  activationDelaySec: 600,
  crew: 10,
  modes,
});

/** The tiny county with a second base at node B, the far end of r-1. */
function twoBases(teams: object[]) {
  return tinyWorldWithTeams([103.0, 35.0], teams, (d) => {
    d['layers/bases.geojson'].features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [103.1, 35.0] }, properties: { id: 'b-2', nameZh: '乡镇' } });
  });
}

/** A running tiny county (second base at node B) with `id` blocked by `debrisM3` of slide. */
function blocked(teams: object[], id: string, debrisM3: number) {
  const w = twoBases(teams);
  const sim = Sim.create(w, 1);
  sim.advanceTo(0);
  const r = w.roads.ids.indexOf(id);
  blockRoad(sim.ctx, r);
  sim.state.roads.debrisM3[r] = debrisM3;
  return { w, sim, r };
}

describe('a detour round a large slide on a trunk road', () => {
  it('a provincial road with 7,000 m³ on it opens by a 6 h detour instead of a 12⅔ h lane; a county road digs its 24⅓ h', () => {
    const { w, sim, r: r2 } = blocked([], 'r-2', 7000);
    const r1 = w.roads.ids.indexOf('r-1');
    blockRoad(sim.ctx, r1);
    sim.state.roads.debrisM3[r1] = 7000;
    // Lane: 1 h + 7,000 / 3 / 200 m³/h = 12⅔ h on the provincial road; the detour takes 6 h.
    expect(clearRoadSec(sim.ctx, r2)).toBe(6 * 3600);
    expect(opensByDetour(sim.ctx, r2)).toBe(true);
    // County roads get no detour: 1 h + 7,000 / 3 / 100 m³/h.
    expect(clearRoadSec(sim.ctx, r1)).toBe(Math.round((1 + 7000 / 3 / 100) * 3600));
    expect(opensByDetour(sim.ctx, r1)).toBe(false);
    // A small slide on the provincial road is quicker to dig (1 h + 300 / 3 / 200 = 1½ h): no detour.
    sim.state.roads.debrisM3[r2] = 300;
    expect(clearRoadSec(sim.ctx, r2)).toBe(1.5 * 3600);
    expect(opensByDetour(sim.ctx, r2)).toBe(false);
  });

  it('a crew opens the provincial road by its detour after 6 h; vehicles then take twice as long over it, walkers as long as before', () => {
    const { sim, r: r2 } = blocked([crew('road-1', 'b-2')], 'r-2', 7000);
    // Times over the open segment, read with its block lifted for a moment.
    sim.state.roads.status[r2] = ROAD_STATUS.OPEN;
    const roadOpenSec = sim.ctx.index.router.segmentSec(r2, 'road', roadStateOf(sim.ctx));
    const footOpenSec = sim.ctx.index.router.segmentSec(r2, 'foot', roadStateOf(sim.ctx));
    sim.state.roads.status[r2] = ROAD_STATUS.BLOCKED;
    sim.submit({ tSec: 700, seat: 'transport', type: 'assignTask', args: { teamId: 'road-1', task: 'clearRoad', targetId: 'r-2' } });
    sim.advanceTo(700);
    expect(sim.state.tasks[0].arrivedAtSec).toBe(700); // its base is at the segment's end
    sim.advanceTo(700 + 6 * 3600 - 1);
    expect(sim.state.roads.status[r2]).toBe(ROAD_STATUS.BLOCKED);
    sim.advanceTo(700 + 6 * 3600);
    expect(sim.state.roads.blocked[r2]).toBe(0);
    expect(sim.state.roads.detour[r2]).toBe(1);
    expect(sim.state.roads.status[r2]).toBe(ROAD_STATUS.DAMAGED);
    const now = roadStateOf(sim.ctx);
    // DAMAGED_PASSAGE: road vehicles at half speed, walkers unhindered.
    expect(sim.ctx.index.router.segmentSec(r2, 'road', now)).toBeGreaterThanOrEqual(2 * roadOpenSec - 1);
    expect(sim.ctx.index.router.segmentSec(r2, 'road', now)).toBeLessThanOrEqual(2 * roadOpenSec + 1);
    expect(sim.ctx.index.router.segmentSec(r2, 'foot', now)).toBe(footOpenSec);
    // The map shows it as a detour: to the director, and to the seats, which the crew's report reached.
    for (const seat of ['director', 'transport', 'cmcc'] as const) expect(viewFor(sim.world, sim.state, seat, sim.ctx.index).roads[r2]).toBe(ROAD_VIEW.DETOUR);
    expect(ROAD_VIEW_NAMES[ROAD_VIEW.DETOUR]).toBe('detour');
  });
});

describe('clearing at altitude (WORK_AT_ALTITUDE, machine work)', () => {
  it('at 4,300 m the county road\'s 24⅓ h lane takes round(87,600 × 1.84 ÷ 1.29) s, the detour round(6 h × 1.84 ÷ 1.29), a second crew\'s setup as much longer', () => {
    const w = tinyWorldWithTeams([103.0, 35.0], [crew('road-a', 'b-1'), crew('road-b', 'b-2')], (d) => {
      d['layers/bases.geojson'].features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [103.1, 35.0] }, properties: { id: 'b-2', nameZh: '乡镇' } });
      for (const f of d['layers/roads.geojson'].features) f.properties.elevationM = 4300;
    });
    const sim = Sim.create(w, 1);
    sim.advanceTo(0);
    const factor = 1.84 / 1.29;
    const [r1, r2] = [w.roads.ids.indexOf('r-1'), w.roads.ids.indexOf('r-2')];
    for (const r of [r1, r2]) {
      blockRoad(sim.ctx, r);
      sim.state.roads.debrisM3[r] = 7000;
    }
    const aloneSec = Math.round(87_600 * factor);
    expect(aloneSec).toBe(124_949);
    expect(clearRoadSec(sim.ctx, r1)).toBe(aloneSec);
    expect(clearRoadSec(sim.ctx, r2)).toBe(Math.round(6 * 3600 * factor));
    // Two crews from both ends: the second sets up for round(3,600 × 1.84 ÷ 1.29) = 5,135 s, then they share the rest.
    sim.submit({ tSec: 700, seat: 'transport', type: 'assignTask', args: { teamId: 'road-a', task: 'clearRoad', targetId: 'r-1' } });
    sim.submit({ tSec: 4300, seat: 'transport', type: 'assignTask', args: { teamId: 'road-b', task: 'clearRoad', targetId: 'r-1' } });
    sim.advanceTo(4300);
    const setupSec = Math.round(3600 * factor);
    expect(setupSec).toBe(5135);
    expect(sim.state.roads.clearDueSec[r1]).toBe(4300 + setupSec + Math.round((700 + aloneSec - 4300 - setupSec) / 2));
  });
});

describe('two crews on one blockage, one from each end', () => {
  // r-1 with 7,000 m³: one crew takes 1 h + 7,000 / 3 / 100 m³/h = 24⅓ h = 87,600 s.
  const ALONE_SEC = 87_600;

  it('the second crew sets up for 1 h, then the two share what is left: open at 48,100 s, not 88,300 s', () => {
    const { sim, r: r1 } = blocked([crew('road-a', 'b-1'), crew('road-b', 'b-2')], 'r-1', 7000);
    expect(clearRoadSec(sim.ctx, r1)).toBe(ALONE_SEC);
    sim.submit({ tSec: 700, seat: 'transport', type: 'assignTask', args: { teamId: 'road-a', task: 'clearRoad', targetId: 'r-1' } });
    sim.submit({ tSec: 4300, seat: 'transport', type: 'assignTask', args: { teamId: 'road-b', task: 'clearRoad', targetId: 'r-1' } });
    sim.advanceTo(4300);
    const [a, b] = sim.state.tasks;
    expect(a.arrivedAtSec).toBe(700);
    expect(b.arrivedAtSec).toBe(4300);
    // Left when B arrives: 700 + 87,600 − 4,300 = 84,000 s. B sets up (3,600 s), A digging alone meanwhile,
    // then the rest, 80,400 s of one crew's work, takes two crews 40,200 s: 4,300 + 3,600 + 40,200.
    const dueSec = 4300 + 3600 + (700 + ALONE_SEC - 4300 - 3600) / 2;
    expect(dueSec).toBe(48_100);
    expect(sim.state.roads.clearDueSec[r1]).toBe(dueSec);
    sim.advanceTo(dueSec - 1);
    expect(sim.state.roads.blocked[r1]).toBe(1);
    sim.advanceTo(dueSec);
    expect(sim.state.roads.blocked[r1]).toBe(0);
    expect(sim.state.roads.detour[r1]).toBe(0); // a county road: dug, not bypassed
    expect([a.status, a.doneAtSec, b.status, b.doneAtSec]).toEqual(['done', dueSec, 'done', dueSec]);
  });

  it('a crew arriving with less than its setup time left only helps finish: the road opens when it would have', () => {
    const { sim, r: r1 } = blocked([crew('road-a', 'b-1'), crew('road-b', 'b-2')], 'r-1', 7000);
    sim.submit({ tSec: 700, seat: 'transport', type: 'assignTask', args: { teamId: 'road-a', task: 'clearRoad', targetId: 'r-1' } });
    const lateSec = 700 + ALONE_SEC - 1800;
    sim.submit({ tSec: lateSec, seat: 'transport', type: 'assignTask', args: { teamId: 'road-b', task: 'clearRoad', targetId: 'r-1' } });
    sim.advanceTo(700 + ALONE_SEC);
    expect(sim.state.roads.blocked[r1]).toBe(0);
    expect(sim.state.tasks.map((t) => t.doneAtSec)).toEqual([700 + ALONE_SEC, 700 + ALONE_SEC]);
  });

  it('a second crew heads for the end the first is not at, by the longer way round if it must', () => {
    // A bypass r-3 from node C back to node A (70 km), so both ends of r-1 can be reached from node C.
    const w = tinyWorldWithTeams([103.0, 35.0], [crew('road-a', 'b-2'), crew('road-b', 'b-3')], (d) => {
      d['layers/bases.geojson'].features.push(
        { type: 'Feature', geometry: { type: 'Point', coordinates: [103.1, 35.0] }, properties: { id: 'b-2', nameZh: '乡镇' } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [103.55, 35.45] }, properties: { id: 'b-3', nameZh: '山口' } },
      );
      d['layers/roads.geojson'].features.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: [[103.55, 35.45], [103.0, 35.0]] }, properties: { id: 'r-3', roadClass: 'county' } });
    });
    const sim = Sim.create(w, 1);
    sim.advanceTo(0);
    const r1 = w.roads.ids.indexOf('r-1');
    blockRoad(sim.ctx, r1);
    sim.state.roads.debrisM3[r1] = 7000;
    const nodeA = { xM: w.roads.nodeXM[w.roads.fromNode[r1]], yM: w.roads.nodeYM[w.roads.fromNode[r1]] };
    const nodeB = { xM: w.roads.nodeXM[w.roads.toNode[r1]], yM: w.roads.nodeYM[w.roads.toNode[r1]] };
    const b = w.teams.findIndex((t) => t.id === 'road-b');
    // Alone, crew B would take the nearer end, node B, over r-2.
    const alone = planApproach(sim.ctx, b, sim.state.teams.xM[b], sim.state.teams.yM[b], 'clearRoad', 'r-1');
    expect(alone.ok && { xM: alone.toXM, yM: alone.toYM }).toEqual(nodeB);
    // With crew A at work at node B, crew B goes round by r-3 to node A.
    sim.submit({ tSec: 700, seat: 'transport', type: 'assignTask', args: { teamId: 'road-a', task: 'clearRoad', targetId: 'r-1' } });
    sim.submit({ tSec: 800, seat: 'transport', type: 'assignTask', args: { teamId: 'road-b', task: 'clearRoad', targetId: 'r-1' } });
    sim.advanceTo(800);
    const a = w.teams.findIndex((t) => t.id === 'road-a');
    expect({ xM: sim.state.teams.xM[a], yM: sim.state.teams.yM[a] }).toEqual(nodeB);
    const journey = sim.state.journeys[b]!;
    expect({ xM: journey.trip.toXM, yM: journey.trip.toYM }).toEqual(nodeA);
    expect(alone.ok && journey.trip.totalSec > alone.totalSec).toBe(true);
  });

  it('a crew that arrives after the other end has opened the road has nothing left to do', () => {
    // Crew A digs 300 m³ at node A (2 h); crew B drives 64 km from node C to node B and gets there after.
    const w = tinyWorldWithTeams([103.0, 35.0], [crew('road-a', 'b-1'), crew('road-b', 'b-3')], (d) => {
      d['layers/bases.geojson'].features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [103.55, 35.45] }, properties: { id: 'b-3', nameZh: '山口' } });
    });
    const sim = Sim.create(w, 1);
    sim.advanceTo(0);
    const r1 = w.roads.ids.indexOf('r-1');
    blockRoad(sim.ctx, r1);
    sim.state.roads.debrisM3[r1] = 300;
    sim.submit({ tSec: 700, seat: 'transport', type: 'assignTask', args: { teamId: 'road-a', task: 'clearRoad', targetId: 'r-1' } });
    sim.submit({ tSec: 6000, seat: 'transport', type: 'assignTask', args: { teamId: 'road-b', task: 'clearRoad', targetId: 'r-1' } });
    sim.advanceTo(12 * 3600);
    const [a, b] = sim.state.tasks;
    expect(a.doneAtSec).toBe(700 + 2 * 3600);
    expect(b.arrivedAtSec).toBeGreaterThan(a.doneAtSec);
    expect(b.doneAtSec).toBe(b.arrivedAtSec);
    expect(sim.state.roads.clearDueSec[r1]).toBe(-1);
  });
});

describe('the gate for a second and a third crew', () => {
  it('refuses a second crew that cannot reach the far end (farEndUnreachable), and any third crew (nothingToDo)', () => {
    const { sim } = blocked([crew('road-a', 'b-1'), crew('road-b', 'b-1'), crew('road-c', 'b-2'), crew('road-d', 'b-2')], 'r-1', 7000);
    const order = (tSec: number, teamId: string) => sim.submit({ tSec, seat: 'transport', type: 'assignTask', args: { teamId, task: 'clearRoad', targetId: 'r-1' } });
    order(700, 'road-a');
    // road-b, by road only from node A, would have to pass the slide to reach node B.
    order(800, 'road-b');
    order(900, 'road-c');
    order(1000, 'road-d');
    sim.advanceTo(1000);
    expect(sim.state.commandLog.map((c) => c.result)).toEqual([{ ok: true }, { rejected: 'farEndUnreachable' }, { ok: true }, { rejected: 'nothingToDo' }]);
  });

  it('does not let a second crew walk its machines over the slide to the far end', () => {
    const { sim } = blocked([crew('road-a', 'b-1'), crew('road-b', 'b-1', ['road', 'foot'])], 'r-1', 7000);
    sim.submit({ tSec: 700, seat: 'transport', type: 'assignTask', args: { teamId: 'road-a', task: 'clearRoad', targetId: 'r-1' } });
    sim.submit({ tSec: 800, seat: 'transport', type: 'assignTask', args: { teamId: 'road-b', task: 'clearRoad', targetId: 'r-1' } });
    sim.advanceTo(800);
    expect(sim.state.commandLog.map((c) => c.result)).toEqual([{ ok: true }, { rejected: 'farEndUnreachable' }]);
  });
});

describe('the doctrine on a long blockage', () => {
  it('ranks a second crew after every first crew, whatever the values: a crowded trunk road after an empty rural one', () => {
    const at = { xM: 0, yM: 0 };
    const doubled = { task: 'clearRoad' as const, targetId: 'r-trunk', value: 400_000, crews: 2, tier: 1, ...at };
    const empty = { task: 'clearRoad' as const, targetId: 'r-rural', value: 1, ...at };
    const taken = new Map([['clearRoad', new Map([['r-trunk', 1]])]]);
    expect(bestUntaken([doubled, empty], taken, 5).map((c) => c.targetId)).toEqual(['r-rural', 'r-trunk']);
    // Two crews on it already: no third.
    taken.get('clearRoad')!.set('r-trunk', 2);
    expect(bestUntaken([doubled, empty], taken, 5).map((c) => c.targetId)).toEqual(['r-rural']);
  });

  it('sends at most two road crews to a segment at once, and sends a second crew where one can reach the far end (Jiuzhaigou, seed 1, 48 h)', () => {
    const world = loadWorld(join(ROOT, 'scenarios', 'jiuzhaigou-2017', 'scenario.json'));
    const driver = DrillDriver.start(world, 1, { doctrineSeats: world.settings.doctrineSeats });
    driver.advanceTo(48 * 3600);
    const tasks = driver.sim.state.tasks.filter((t) => t.type === 'clearRoad' && t.status !== 'failed');
    // Overlapping clearings of one segment: at most two at any time.
    let pairs = 0;
    for (const t of tasks) {
      const end = (x: typeof t) => (x.doneAtSec < 0 ? Infinity : x.doneAtSec);
      const overlapping = tasks.filter((u) => u !== t && u.target === t.target && u.assignedAtSec < end(t) && t.assignedAtSec < end(u));
      expect(overlapping.length).toBeLessThanOrEqual(1);
      if (overlapping.length === 1 && overlapping[0].assignedAtSec < t.assignedAtSec) {
        pairs++;
        // The second crew arrived with more than its setup left, and the two finished together.
        const first = overlapping[0];
        expect(t.arrivedAtSec + 3600).toBeLessThan(end(first));
        expect(t.doneAtSec).toBe(first.doneAtSec);
      }
    }
    expect(pairs).toBeGreaterThan(0);
  });
});
