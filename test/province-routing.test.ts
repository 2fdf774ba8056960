// The router on the generated province (60,000 road edges): the province
// generator is a tool (tools/), so this test lives above src/.
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../src/core/mulberry32.ts';
import type { World } from '../src/model/world.ts';
import type { Router } from '../src/model/travel.ts';
import { createRouter, openRoadConditions } from '../src/response/routing.ts';
import { formatProblems, loadScenario } from '../src/scenario/load.ts';
import { memoryScenarioFiles } from '../src/scenario/memory-files.ts';
import { generateProvince } from '../tools/generate-province.ts';
import { expectValidRoute, randomConditions, sameRoute } from './routing-checks.ts';

describe('routing on the generated province', () => {
  let world: World;
  let router: Router;

  beforeAll(() => {
    const loaded = loadScenario(memoryScenarioFiles('p', generateProvince()));
    if (!loaded.ok) throw new Error(formatProblems(loaded.problems));
    world = loaded.world;
    router = createRouter(world);
  }, 120_000);

  it('routes 200 random node pairs into connected routes whose time is the sum of their legs', () => {
    const random = mulberry32(2027);
    const n = world.roads.nodeXM.length;
    const open = openRoadConditions(world);
    let routed = 0;
    for (let i = 0; i < 200; i++) {
      const from = Math.floor(random() * n), to = Math.floor(random() * n);
      const r = router.route({ fromNode: from, toNode: to, mode: i % 2 ? 'road' : 'foot', roadState: open });
      if (!r.ok) continue;
      routed++;
      expectValidRoute(world, r, from, to);
    }
    expect(routed).toBe(200);
  }, 60_000);

  it('matches plain Dijkstra on a damaged province network', () => {
    const random = mulberry32(77);
    const n = world.roads.nodeXM.length;
    const state = randomConditions(world, 11);
    const plain = createRouter(world, { heuristic: false });
    for (let i = 0; i < 24; i++) {
      const from = Math.floor(random() * n), to = Math.floor(random() * n);
      const mode = (['road', 'highClearance', 'motorcycle', 'foot'] as const)[i % 4];
      const r = router.route({ fromNode: from, toNode: to, mode, roadState: state });
      sameRoute(r, plain.route({ fromNode: from, toNode: to, mode, roadState: state }));
      if (r.ok) expectValidRoute(world, r, from, to);
    }
  }, 60_000);

  it('matches a brute-force nearest node, including points outside the province', () => {
    const random = mulberry32(8);
    const { nodeXM, nodeYM } = world.roads;
    for (let i = 0; i < 200; i++) {
      const x = (random() - 0.5) * 800_000, y = (random() - 0.5) * 600_000;
      let best = -1, bestD2 = Infinity;
      for (let v = 0; v < nodeXM.length; v++) {
        const d2 = (nodeXM[v] - x) * (nodeXM[v] - x) + (nodeYM[v] - y) * (nodeYM[v] - y);
        if (d2 < bestD2) [best, bestD2] = [v, d2];
      }
      expect(router.nearestNode(x, y).node).toBe(best);
    }
  });
});
