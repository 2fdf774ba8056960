// Getting to the work in a mountain disaster: what a crew can carry on foot
// past a blocked road (a repair with spares walks in; a generator or an
// emergency cell waits for the road), how far a vehicle leaves the road, where
// a crew goes for a tripped feeder, and how soon supply is back through a damaged substation.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DrillDriver } from '../engine/driver.ts';
import { ROOT, loadWorld, tinyWorld, tinyWorldWithTeams } from '../../test/helpers.ts';
import { setSubstationInService } from '../infra/power.ts';
import { Sim } from '../engine/sim.ts';
import { OPERATORS } from '../model/world.ts';
import { maybeReachable, modesWithLoad } from './reachability.ts';
import { planAirlift } from './airlift.ts';
import { planTravel } from './teams.ts';
import { roadStateOf } from '../infra/roads.ts';
import { TASK_TYPES, resolveTarget, taskSpec } from './tasks.ts';

const JIUZHAIGOU = join(ROOT, 'scenarios', 'jiuzhaigou-2017', 'scenario.json');

describe('what a crew carries on foot', () => {
  it('keeps generators, emergency cells, satellite stations by vehicle; repairs, fuel, fibre and terminals walk', () => {
    const byVehicle = TASK_TYPES.filter((t) => !taskSpec(t).walkIn);
    expect(byVehicle).toEqual(['hookGenerator', 'deployPortableStation', 'deployCommsVehicle', 'deployTetheredUav', 'deploySatelliteBackhaul']);
    expect(taskSpec('restoreSubstation').walkIn).toBe(true);
  });

  it('drops walking from a crew with vehicles, not from a crew on foot alone or walking before it has a vehicle', () => {
    expect(modesWithLoad(['road', 'foot'])).toEqual(['road']);
    expect(modesWithLoad(['highClearance', 'foot', 'helicopter'])).toEqual(['highClearance', 'helicopter']);
    expect(modesWithLoad(['foot'])).toEqual(['foot']);
    expect(modesWithLoad(['foot', 'road'])).toEqual(['foot', 'road']);
  });

  it('a crew stopped by a slide can still walk on with what it carries, but the gate refuses its generator (Jiuzhaigou, seed 1, T+6 h)', () => {
    const world = loadWorld(JIUZHAIGOU);
    const driver = DrillDriver.start(world, 1, { doctrineSeats: [] });
    driver.advanceTo(6 * 3600, () => {});
    const ctx = driver.sim.ctx;
    const team = world.teams.findIndex((t) => t.kind === 'operatorCrew' && t.activeAtStart && t.modes[0] === 'road' && t.modes.includes('foot'));
    expect(team).toBeGreaterThanOrEqual(0);
    const base = world.teams[team].base;
    const from = { x: world.bases.xM[base], y: world.bases.yM[base] };
    // Every site the crew reaches on foot but not by road: behind a slide.
    const behind: number[] = [];
    for (let s = 0; s < world.sites.ids.length; s++) {
      const carried = planTravel(ctx, team, from.x, from.y, world.sites.xM[s], world.sites.yM[s], true);
      const loaded = planTravel(ctx, team, from.x, from.y, world.sites.xM[s], world.sites.yM[s], false);
      if (carried.ok && !loaded.ok) {
        expect(loaded.reason).toBe('noRoute');
        behind.push(s);
      }
      // Where the road is open the load makes no difference.
      if (loaded.ok) expect(carried.ok && carried.totalSec).toBe(loaded.totalSec);
    }
    // Seed 1 blocks 18 segments by T+6 h (the G544 gorge and the scenic-area road among them).
    expect(behind.length).toBeGreaterThan(10);
    // The gate agrees: a generator for such a site is refused for want of a route, a repair is not refused for that.
    const operatorBit = 1 << OPERATORS.indexOf(world.teams[team].org as never);
    const noGenerator = behind.filter((s) => world.sites.generatorFuelHours[s] === 0 && ctx.state.sites.damageState[s] < 4 && world.sites.operatorMask[s] & operatorBit);
    expect(noGenerator.length).toBeGreaterThan(0);
    const site = world.sites.ids[noGenerator[0]];
    const teamId = world.teams[team].id;
    const seat = world.teams[team].org;
    const tSec = 6 * 3600 + 60;
    driver.submit({ tSec, seat, type: 'assignTask', args: { teamId, task: 'hookGenerator', targetId: site } });
    driver.advanceTo(tSec + 60, () => {});
    const last = ctx.state.commandLog[ctx.state.commandLog.length - 1];
    expect(last.type).toBe('assignTask');
    expect(last.result).toEqual({ rejected: 'noRoute' });
  });
});

describe('supply back through a damaged substation', () => {
  it('4 h after the crew arrives, whatever the damage: at Jiuzhaigou in 2017 the crew walked in at T+15.7 h and 27 of 29 lines were back by T+19.7 h', () => {
    // The tiny county's ss-1 feeds f-1 and f-2; a power crew based at it, the substation destroyed (DS4) at T+1 min.
    for (const damageState of [2, 4]) {
      const world = tinyWorldWithTeams([103.02, 35.01], [
        { id: 'power-1', nameZh: '供电抢修队', org: 'power', level: 'county', kind: 'powerCrew', base: 'b-1', activationDelaySec: 600, crew: 8, modes: ['road', 'foot'] },
      ]);
      const sim = Sim.create(world, 1);
      sim.advanceTo(60);
      const ss = world.substations.ids.indexOf('ss-1');
      sim.state.substations.damageState[ss] = damageState;
      setSubstationInService(sim.ctx, ss, false);
      const feeders = ['f-1', 'f-2'].map((id) => world.feeders.ids.indexOf(id));
      expect(feeders.map((f) => sim.state.feeders.energised[f])).toEqual([0, 0]);
      sim.submit({ tSec: 700, seat: 'power', type: 'assignTask', args: { teamId: 'power-1', task: 'restoreSubstation', targetId: 'ss-1' } });
      sim.advanceTo(700);
      const task = sim.state.tasks[0];
      // Based at the substation: there at once, and 4 h of work (TASK_DURATION_SEC.restoreSubstation).
      expect(task.arrivedAtSec).toBe(700);
      sim.advanceTo(700 + 4 * 3600 - 1);
      expect(feeders.map((f) => sim.state.feeders.energised[f])).toEqual([0, 0]);
      sim.advanceTo(700 + 4 * 3600);
      expect(task.status).toBe('done');
      expect(feeders.map((f) => sim.state.feeders.energised[f])).toEqual([1, 1]);
    }
  });
});

/** The tiny county with landing zones at s-1 and s-2 (9 km apart on r-1) and these helicopters. */
function tinyWithHelicopters(helicopters: Record<string, unknown>[]) {
  return tinyWorld((d) => {
    d['scenario.json'].layers.landingZones = 'layers/lz.geojson';
    const at = (id: string) => d['layers/sites.geojson'].features.find((f: { properties: { id: string } }) => f.properties.id === id).geometry.coordinates;
    d['layers/lz.geojson'] = { type: 'FeatureCollection', features: ['s-1', 's-2'].map((id, i) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: at(id) }, properties: { id: `lz-${i}` } })) };
    d['scenario.json'].resources.helicopters = helicopters;
  });
}

describe('an airlift takes the first free helicopter big enough', () => {
  it('a small aircraft free first does not ground a crew the big one can carry; none big enough is tooBigForHelicopter', () => {
    const world = tinyWithHelicopters([
      { id: 'a-small', org: 'emhq', capacity: 4, speedKmh: 200, windLimit: 6 },
      { id: 'b-big', org: 'emhq', capacity: 20, speedKmh: 200, windLimit: 6 },
    ]);
    const ctx = Sim.create(world, 1).ctx;
    const [s1, s2] = [world.sites.ids.indexOf('s-1'), world.sites.ids.indexOf('s-2')];
    const [small, big] = ['a-small', 'b-big'].map((id) => world.helicopters.findIndex((h) => h.id === id));
    expect(small).toBeLessThan(big); // the small one is looked at first
    const lift = (crew: number) => planAirlift(ctx, crew, world.sites.xM[s1], world.sites.yM[s1], world.sites.xM[s2], world.sites.yM[s2]);
    expect(lift(10)).toMatchObject({ ok: true, helicopter: big });
    ctx.state.helicopterBusyUntilSec[big] = ctx.state.clockSec + 3600;
    expect(lift(3)).toMatchObject({ ok: true, helicopter: small });
    expect(lift(10)).toEqual({ ok: false, reason: 'tooBigForHelicopter' });
    ctx.state.helicopterBusyUntilSec[big] = 0;
    expect(lift(10)).toMatchObject({ ok: true, helicopter: big });
    expect(lift(30)).toEqual({ ok: false, reason: 'tooBigForHelicopter' });
    ctx.state.helicopterBusyUntilSec[small] = ctx.state.clockSec + 3600;
    ctx.state.helicopterBusyUntilSec[big] = ctx.state.clockSec + 3600;
    expect(lift(3)).toEqual({ ok: false, reason: 'noHelicopter' });
  });
});

describe('the doctrine\'s cheap reachability check keeps the router\'s off-road limits', () => {
  it('a helicopter counts only when an airlift can be planned now: a free aircraft, big enough, landing zones near both ends', () => {
    // Landing zones at s-1 and s-2 (9 km apart on r-1); one helicopter for 10. A 2.5 km-off-road target is out of
    // reach by road; by air it is reachable while the aircraft is free and the crew fits.
    const world = tinyWithHelicopters([{ id: 'h1', org: 'emhq', capacity: 10, speedKmh: 200, windLimit: 6 }]);
    const ctx = Sim.create(world, 1).ctx;
    const [s1, s2] = [world.sites.ids.indexOf('s-1'), world.sites.ids.indexOf('s-2')];
    const a = { x: world.sites.xM[s1], y: world.sites.yM[s1] };
    const far = { x: world.sites.xM[s2], y: world.sites.yM[s2] + 2500 };
    expect(maybeReachable(ctx, ['road'], a.x, a.y, far.x, far.y, 4)).toBe(false);
    expect(maybeReachable(ctx, ['road', 'helicopter'], a.x, a.y, far.x, far.y, 4)).toBe(true);
    expect(maybeReachable(ctx, ['road', 'helicopter'], a.x, a.y, far.x, far.y, 20)).toBe(false); // too big for it
    ctx.state.helicopterBusyUntilSec[0] = ctx.state.clockSec + 3600; // away on another lift
    expect(maybeReachable(ctx, ['road', 'helicopter'], a.x, a.y, far.x, far.y, 4)).toBe(false);
  });

  it('refuses a truck a target 2.5 km off the road, lets walkers go, and takes one 1.5 km off the road however far its nodes', () => {
    // The tiny county: one straight 9 km segment r-1 from s-1 to s-2 (both at its nodes). A vehicle leaves the
    // road for at most 2 km (OFF_ROAD), measured to the road's line, not to its nodes; a walker 10 km.
    const world = tinyWorld();
    const ctx = Sim.create(world, 1).ctx;
    const [s1, s2] = [world.sites.ids.indexOf('s-1'), world.sites.ids.indexOf('s-2')];
    const a = { x: world.sites.xM[s1], y: world.sites.yM[s1] };
    const b = { x: world.sites.xM[s2], y: world.sites.yM[s2] };
    expect(Math.abs(b.y - a.y)).toBeLessThan(1); // r-1 runs east-west
    const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    const far = { x: mid.x, y: mid.y + 2500 }, near = { x: mid.x, y: mid.y + 1500 };
    const router = ctx.index.router;
    expect(router.roadDistanceM(far.x, far.y)).toBeCloseTo(2500, 6);
    expect(router.roadDistanceM(near.x, near.y)).toBeCloseTo(1500, 6);
    expect(router.nearestNode(near.x, near.y).distM).toBeGreaterThan(4500);
    expect(maybeReachable(ctx, ['road'], a.x, a.y, far.x, far.y, 4)).toBe(false);
    expect(maybeReachable(ctx, ['road', 'foot'], a.x, a.y, far.x, far.y, 4)).toBe(true);
    expect(maybeReachable(ctx, ['road'], a.x, a.y, near.x, near.y, 4)).toBe(true);
    expect(maybeReachable(ctx, ['road'], a.x, a.y, b.x, b.y, 4)).toBe(true);
    // A boat needs water: on a dry county it reaches nothing beyond its own 2 km (the router agrees below).
    expect(maybeReachable(ctx, ['boat'], a.x, a.y, b.x, b.y, 4)).toBe(false);
    // The gate's router agrees in each case; the 1.5 km target is timed straight from r-1's nearer node.
    const roadState = roadStateOf(ctx);
    const go = (to: { x: number; y: number }, mode: 'road' | 'foot') => router.travel({ fromXM: a.x, fromYM: a.y, toXM: to.x, toYM: to.y, mode, roadState });
    expect(go(far, 'road')).toEqual({ ok: false, reason: 'tooFarFromRoad' });
    expect(go(far, 'foot').ok).toBe(true);
    expect(router.travel({ fromXM: a.x, fromYM: a.y, toXM: b.x, toYM: b.y, mode: 'boat', roadState }).ok).toBe(false);
    const toNear = go(near, 'road');
    expect(toNear.ok).toBe(true);
    if (toNear.ok) expect(toNear.egressM).toBeCloseTo(Math.hypot(near.x - a.x, near.y - a.y), 0);
  });
});

describe('the doctrine asks only what the gate accepts', () => {
  const refusedOrders = (scenario: string, seed: number, atLeast: number) => {
    const world = loadWorld(join(ROOT, 'scenarios', scenario, 'scenario.json'));
    const driver = DrillDriver.start(world, seed, { doctrineSeats: world.settings.doctrineSeats, hourlyHashes: false });
    driver.advanceTo(world.durationSec, () => {});
    const log = driver.sim.state.commandLog.filter((c) => c.by === 'doctrine');
    expect(log.length).toBeGreaterThan(atLeast);
    return log.filter((c) => 'rejected' in c.result).map((c) => `${c.type} ${JSON.stringify(c.args)} ${JSON.stringify(c.result)}`);
  };

  it('has none of its orders refused in Jishishan, seed 7, 72 h (before the check knew the off-road limit, 929 generator orders were)', () => {
    expect(refusedOrders('jishishan-2023', 7, 300)).toEqual([]);
  });

  it('has none refused in Jiuzhaigou, seed 2, 108 h (while it took a helicopter for granted, 127 tethered-UAV orders were: noRoute)', () => {
    expect(refusedOrders('jiuzhaigou-2017', 2, 300)).toEqual([]);
  }, 60_000);
});

describe('where a crew goes for a tripped feeder', () => {
  it('goes to the feeder\'s breaker at its substation, where a patrol out along the line starts, not to the line\'s middle', () => {
    const world = loadWorld(join(ROOT, 'scenarios', 'jishishan-2023', 'scenario.json'));
    for (let f = 0; f < world.feeders.ids.length; f++) {
      const target = resolveTarget(world, 'repairFeeder', world.feeders.ids[f])!;
      const ss = world.feeders.substation[f];
      expect([target.xM, target.yM]).toEqual([world.substations.xM[ss], world.substations.yM[ss]]);
    }
    // The line's middle is where its shaking is read: f-aj-02's is 7.8 km out from Anji's substation.
    const f = world.feeders.ids.indexOf('f-aj-02');
    const ss = world.feeders.substation[f];
    expect(Math.hypot(world.feeders.midXM[f] - world.substations.xM[ss], world.feeders.midYM[f] - world.substations.yM[ss])).toBeGreaterThan(7000);
  });
});
