// A boat squad waits at a dry station: it carries its boat by land to the edge
// of the flood water its target is on, puts in there and goes on by water
// (teams.planTravel, reachability.launchNodes). Before, a boat trip had to
// start on the water, so boat squads at dry stations could never be sent.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, loadWorld } from '../../test/helpers.ts';
import { DrillDriver } from '../engine/driver.ts';
import { roadStateOf } from '../infra/roads.ts';
import { launchNodes, maybeReachable } from './reachability.ts';
import { planTravel } from './teams.ts';

describe('a boat squad at a dry station', () => {
  it('drives to the water\'s edge and crosses to a township cut off by the flood (mountain-flood, seed 3, T+6 h)', () => {
    const world = loadWorld(join(ROOT, 'scenarios', 'mountain-flood', 'scenario.json'));
    const driver = DrillDriver.start(world, 3, { doctrineSeats: [], hourlyHashes: false });
    driver.advanceTo(6 * 3600);
    const ctx = driver.sim.ctx;
    const team = world.teams.findIndex((t) => t.id === 'tm-fire-city-boat-1'); // modes: boat, high-clearance, foot
    const from = { x: world.bases.xM[world.teams[team].base], y: world.bases.yM[world.teams[team].base] };
    const t = world.townships.ids.indexOf('t-shimen');
    const to = { x: world.townships.xM[t], y: world.townships.yM[t] };
    const roadState = roadStateOf(ctx);
    const go = (mode: 'highClearance' | 'foot' | 'boat') => ctx.index.router.travel({ fromXM: from.x, fromYM: from.y, toXM: to.x, toYM: to.y, mode, roadState });
    // No single mode gets there: the road into Shimen is under water, and the station is not on it.
    expect([go('highClearance'), go('foot'), go('boat')].map((r) => (r.ok ? 'ok' : r.reason))).toEqual(['noRoute', 'noRoute', 'modeNotPossible']);
    const launch = launchNodes(ctx, world.teams[team].modes, from.x, from.y, to.x, to.y, 3);
    expect(launch.length).toBeGreaterThan(0);
    expect(maybeReachable(ctx, world.teams[team].modes, from.x, from.y, to.x, to.y, world.teams[team].crew)).toBe(true);
    const trip = planTravel(ctx, team, from.x, from.y, to.x, to.y, true);
    if (!trip.ok) throw new Error(`refused: ${trip.reason}`);
    expect(trip.mode).toBe('boat');
    // By road to a place to put in, every segment one the vehicle can pass, and from there by boat across the water.
    const { route } = trip;
    for (const e of route.edges) expect(ctx.index.router.segmentSec(e, 'highClearance', roadState)).toBeGreaterThanOrEqual(0);
    expect(launch).toContain(route.nodes[route.nodes.length - 1]);
    expect(trip.egressM).toBeGreaterThan(0);
    expect(trip.egressM).toBeLessThanOrEqual(ctx.world.params.movement.OFF_ROAD.boat.maxM);
    expect(trip.accessSec + route.totalSec + trip.egressSec).toBe(trip.totalSec);
    expect(route.reachSec[route.reachSec.length - 1]).toBe(route.totalSec);
  });
});
