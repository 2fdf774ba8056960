// The reachability cache must follow the water on the roads, which changes
// what a high-clearance vehicle or a boat can pass without changing any
// segment's status (and so without a new roads version).
import { describe, expect, it } from 'vitest';
import { Sim } from '../engine/sim.ts';
import { setWaterDepth } from '../infra/roads.ts';
import { ROAD_STATUS } from '../model/state.ts';
import { tinyWorld } from '../../test/helpers.ts';
import { componentsFor } from './reachability.ts';

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
