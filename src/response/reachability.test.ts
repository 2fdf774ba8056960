// The reachability cache must follow the water on the roads, which changes
// what a high-clearance vehicle or a boat can pass without changing any
// segment's status (and so without a new roads version). And the router,
// told the labels, must answer exactly as its search does: it skips only
// searches that could not succeed.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../core/mulberry32.ts';
import { Sim } from '../engine/sim.ts';
import { roadStateOf, setWaterDepth } from '../infra/roads.ts';
import { ROAD_STATUS } from '../model/state.ts';
import { JISHISHAN, loadWorld, tinyWorld } from '../../test/helpers.ts';
import { componentsFor } from './reachability.ts';
import { MOVEMENT_MODES } from './routing.ts';

describe('componentsFor', () => {
  it('re-labels when the water over a flooded segment deepens past a fording depth, though its status stays FLOODED', () => {
    const world = tinyWorld();
    const sim = Sim.create(world, 1);
    const r2 = world.roads.ids.indexOf('r-2');
    const [a, b] = [world.roads.fromNode[r2], world.roads.toNode[r2]];
    setWaterDepth(sim.ctx, r2, 0.4); // over 0.3 m: FLOODED; a high-clearance truck fords up to 0.6 m
    expect(sim.state.roads.status[r2]).toBe(ROAD_STATUS.FLOODED);
    const version = sim.state.roadsVersion;
    const fordable = componentsFor(sim.ctx, 'highClearance');
    expect(fordable[a]).toBe(fordable[b]);
    setWaterDepth(sim.ctx, r2, 0.8);
    expect(sim.state.roads.status[r2]).toBe(ROAD_STATUS.FLOODED);
    expect(sim.state.roadsVersion).toBe(version);
    const tooDeep = componentsFor(sim.ctx, 'highClearance');
    expect(tooDeep[a]).not.toBe(tooDeep[b]);
    // The same depth again is no change: the labels are the cached ones.
    setWaterDepth(sim.ctx, r2, 0.8);
    expect(componentsFor(sim.ctx, 'highClearance')).toBe(tooDeep);
  });
});

describe('travel told the connected parts of the network', () => {
  it('gives the same answer as the search, for every mode, between random places after the Jishishan mainshock', () => {
    const world = loadWorld(JISHISHAN);
    const sim = Sim.create(world, 3);
    sim.advanceTo(world.earthquakes[0].tSec + 600);
    const router = sim.ctx.index.router;
    const nodes = world.roads.nodeXM.length;
    const random = mulberry32(11);
    let apart = 0;
    for (const mode of MOVEMENT_MODES) {
      const components = componentsFor(sim.ctx, mode);
      for (let i = 0; i < 150; i++) {
        const a = Math.floor(random() * nodes), b = Math.floor(random() * nodes);
        // A little off the road, as a site or a base is.
        const q = { fromXM: world.roads.nodeXM[a] + 40, fromYM: world.roads.nodeYM[a], toXM: world.roads.nodeXM[b], toYM: world.roads.nodeYM[b] - 40, mode, roadState: roadStateOf(sim.ctx) };
        const searched = router.travel(q);
        const told = router.travel({ ...q, components });
        expect(told, `${mode} from node ${a} to ${b}`).toEqual(searched);
        if (components[a] !== components[b]) apart++;
      }
    }
    // The shock cut the network, so some pairs were answered without a search.
    expect(apart).toBeGreaterThan(20);
  });
});
