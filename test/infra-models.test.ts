// The infrastructure models on small hand-made worlds, with numbers worked
// out by hand. Each test builds its world from the tiny fixture, changed as
// needed, and drives the Sim directly.
import { describe, expect, it } from 'vitest';
import { RngStreams } from '../src/core/rng.ts';
import { Sim } from '../src/engine/sim.ts';
import { OUT_CAUSE, POWER_SOURCE } from '../src/model/state.ts';
import { drawAftershocks } from '../src/hazards/aftershocks.ts';
import { repairFeeder, tripFeeder, setSubstationInService } from '../src/infra/power.ts';
import { batteryLastsSec, batteryNow } from '../src/infra/battery.ts';
import { blockRoad, cutFibre } from '../src/infra/roads.ts';
import { servedPeople } from '../src/infra/coverage.ts';
import type { World } from '../src/model/world.ts';
import { JISHISHAN, loadWorld, tinyWorld, tinyWorldWithTeams } from './helpers.ts';
import { runScenario } from '../src/engine/run.ts';
import { BLOCKED_PASSAGE } from '../src/model/params/movement.ts';

const site = (w: World, id: string) => w.sites.ids.indexOf(id);
const feeder = (w: World, id: string) => w.feeders.ids.indexOf(id);

/** Trips `feederId` at `tripSec`: `siteId` runs on its battery, on air until `emptySec` − 1 and off air for power at `emptySec`. */
function expectBatteryEmptyAt(w: World, feederId: string, siteId: string, tripSec: number, emptySec: number): void {
  const sim = Sim.create(w, 1);
  sim.advanceTo(tripSec);
  tripFeeder(sim.ctx, feeder(w, feederId), 3600);
  const s = site(w, siteId);
  expect(sim.state.sites.powerSource[s]).toBe(POWER_SOURCE.BATTERY);
  sim.advanceTo(emptySec - 1);
  expect(sim.state.sites.outCause[s]).toBe(OUT_CAUSE.NONE);
  sim.advanceTo(emptySec);
  expect(sim.state.sites.outCause[s]).toBe(OUT_CAUSE.POWER);
}

describe('site power', () => {
  it('runs a 13 kWh / 1.3 kW site on battery for exactly 10 h after mains loss, then it is off air for power', () => {
    expectBatteryEmptyAt(tinyWorld(), 'f-1', 's-1', 100, 100 + 36_000);
  });

  it('drains a 4G+5G site (19 kWh at 4.6 kW) in ceil(19/4.6 h) = 14,870 s', () => {
    expectBatteryEmptyAt(tinyWorld(), 'f-2', 's-2', 0, 14_870);
  });

  it('keeps a super base station on its 72 h generator, then its battery (150 kWh at 2.6 kW ≈ 57.7 h)', () => {
    const w = tinyWorld((d) => (d['scenario.json'].durationHours = 200));
    const sim = Sim.create(w, 1);
    sim.advanceTo(0);
    tripFeeder(sim.ctx, feeder(w, 'f-3'), 3600);
    const s = site(w, 's-3');
    expect(sim.state.sites.powerSource[s]).toBe(POWER_SOURCE.GENERATOR);
    sim.advanceTo(72 * 3600);
    expect(sim.state.sites.powerSource[s]).toBe(POWER_SOURCE.BATTERY);
    sim.advanceTo(72 * 3600 + Math.ceil((150 / 2.6) * 3600) - 1);
    expect(sim.state.sites.outCause[s]).toBe(OUT_CAUSE.NONE);
    sim.advanceTo(72 * 3600 + Math.ceil((150 / 2.6) * 3600));
    expect(sim.state.sites.outCause[s]).toBe(OUT_CAUSE.POWER);
  });

  it('brings a dead site back with a generator from a pool after its lead time, until the fuel runs out', () => {
    const w = tinyWorld();
    const sim = Sim.create(w, 1);
    sim.advanceTo(0);
    tripFeeder(sim.ctx, feeder(w, 'f-1'), 3600);
    const s = site(w, 's-1');
    sim.advanceTo(36_000); // battery empty
    expect(sim.state.sites.outCause[s]).toBe(OUT_CAUSE.POWER);
    expect(sim.submit({ tSec: 36_001, seat: 'cmcc', type: 'hookGenerator', args: { siteId: 's-1', poolId: 'gp-cmcc' } })).toEqual({ ok: true });
    sim.advanceTo(36_001 + 1800);
    expect(sim.state.sites.outCause[s]).toBe(OUT_CAUSE.NONE);
    expect(sim.state.sites.powerSource[s]).toBe(POWER_SOURCE.GENERATOR);
    // 4 h of fuel, while the battery charges at C/10: 1.3 kWh/h × 4 h = 5.2 kWh, which then lasts 4 h.
    sim.advanceTo(36_001 + 1800 + 4 * 3600);
    expect(sim.state.sites.powerSource[s]).toBe(POWER_SOURCE.BATTERY);
    expect(sim.state.sites.batteryKwh[s]).toBeCloseTo(5.2, 9);
    sim.advanceTo(36_001 + 1800 + 8 * 3600);
    expect(sim.state.sites.outCause[s]).toBe(OUT_CAUSE.POWER);
    // A second command finds the pool empty.
    sim.submit({ tSec: 36_001 + 8 * 3600 + 1801, seat: 'cmcc', type: 'hookGenerator', args: { siteId: 's-2', poolId: 'gp-cmcc' } });
    sim.advanceTo(36_001 + 8 * 3600 + 1801);
    expect(sim.state.commandLog.at(-1)!.result).toEqual({ rejected: 'poolEmpty' });
  });
});

describe('site power in the cold (BATTERY_CAPACITY_BY_TEMPERATURE: 0.64 of the rating at −20 °C)', () => {
  /** The tiny world with these weather windows. */
  const withWeather = (weather: object[]) => tinyWorld((d) => (d['scenario.json'].weather = weather));

  it('a 13 kWh / 1.3 kW bank rated for 10 h lasts 0.64 × 36,000 s = 23,040 s at −20 °C', () => {
    expectBatteryEmptyAt(withWeather([{ fromSec: 0, toSec: 200_000, windForce: 2, airTempC: -20 }]), 'f-1', 's-1', 100, 100 + 23_040);
  });

  it('through a change of weather: rated pace to T+3 h, then 0.64 of it (empty at 10,800 + 0.64 × 25,300 = 26,992 s)', () => {
    // Without a temperature the first window leaves the bank at its rating; the second is −20 °C.
    const w = withWeather([
      { fromSec: 0, toSec: 10_800, windForce: 2 },
      { fromSec: 10_800, toSec: 200_000, windForce: 2, airTempC: -20 },
    ]);
    // 10,700 s at the rated pace leave 25,300 rated seconds, which last 0.64 × 25,300 = 16,192 s in the cold.
    expectBatteryEmptyAt(w, 'f-1', 's-1', 100, 10_800 + 16_192);
  });

  it('when the cold window ends the rated pace resumes: 3,500 s at −20 °C cost 3,500 ÷ 0.64 = 5,468.75 rated seconds, so empty at 3,600 + 30,531.25 → 34,132 s', () => {
    const w = withWeather([{ fromSec: 0, toSec: 3600, windForce: 2, airTempC: -20 }]);
    expectBatteryEmptyAt(w, 'f-1', 's-1', 100, 100 + Math.ceil(3500 + (36_000 - 3500 / 0.64)));
    expect(100 + Math.ceil(3500 + (36_000 - 3500 / 0.64))).toBe(34_132);
  });

  it('where windows overlap the coldest counts: a −20 °C snap inside a −5 °C day shortens the bank (0.76 and 0.64 of the rating)', () => {
    const day = { fromSec: 0, toSec: 200_000, windForce: 2, airTempC: -5 };
    const snap = { fromSec: 10_000, toSec: 20_000, windForce: 2, airTempC: -20 };
    // The day alone: 0.76 × 36,000 s. With the snap: 9,900 s at 0.76 and 10,000 s at 0.64 cost 13,026.3 + 15,625
    // rated seconds, and the 7,348.7 left last 0.76 × 7,348.7 = 5,585 s after it: 25,485 s in all.
    expect(batteryLastsSec(withWeather([day]), 100, 13, 1.3)).toBeCloseTo(27_360, 6);
    expect(batteryLastsSec(withWeather([day, snap]), 100, 13, 1.3)).toBeCloseTo(25_485, 6);
    expect(batteryLastsSec(withWeather([snap, day]), 100, 13, 1.3)).toBeCloseTo(25_485, 6);
  });

  it('an hour on battery at −20 °C costs 1.3 kW × 1 h ÷ 0.64 = 2.03125 kWh; back on mains it recharges from there', () => {
    const w = withWeather([{ fromSec: 0, toSec: 200_000, windForce: 2, airTempC: -20 }]);
    const sim = Sim.create(w, 1);
    sim.advanceTo(100);
    const f = feeder(w, 'f-1');
    tripFeeder(sim.ctx, f, 3600);
    sim.advanceTo(3700);
    repairFeeder(sim.ctx, f);
    const s = site(w, 's-1');
    expect(sim.state.sites.powerSource[s]).toBe(POWER_SOURCE.MAINS);
    expect(sim.state.sites.batteryKwh[s]).toBeCloseTo(13 - 2.03125, 9);
  });

  it('batteryNow reads the charge and the time left between settlements, in the cold and through the weather ahead', () => {
    const w = withWeather([
      { fromSec: 0, toSec: 10_800, windForce: 2 },
      { fromSec: 10_800, toSec: 200_000, windForce: 2, airTempC: -20 },
    ]);
    const sim = Sim.create(w, 1);
    sim.advanceTo(100);
    tripFeeder(sim.ctx, feeder(w, 'f-1'), 3600);
    const s = site(w, 's-1');
    // At T+1.0 h: 3,500 s used at the rated pace (1.26 kWh of 13); 32,500 rated seconds left, 7,200 of them
    // before the cold and the other 25,300 lasting 16,192 s in it.
    const now = batteryNow(w, sim.state, s, 3600);
    expect(now.kwh).toBeCloseTo(13 - (1.3 * 3500) / 3600, 9);
    expect(now.lastsSec).toBeCloseTo(7200 + 16_192, 6);
    // At T+20,000 s: 10,700 rated seconds before the cold and 9,200 ÷ 0.64 = 14,375 in it are spent, 10,925 are
    // left (13 kWh × 10,925 / 36,000), and they last 0.64 × 10,925 = 6,992 s.
    sim.advanceTo(20_000);
    const later = batteryNow(w, sim.state, s, 20_000);
    expect(later.kwh).toBeCloseTo((13 * 10_925) / 36_000, 9);
    expect(later.lastsSec).toBeCloseTo(6992, 6);
  });
});

describe('work at altitude (WORK_AT_ALTITUDE, against the 2,500 m baseline)', () => {
  it('a feeder repair drawn at 1 h takes round(3,600 × 1.37 ÷ 1.13) = 4,365 s at a substation at 4,300 m', () => {
    const at = (elevationM: number | null) => {
      const w = tinyWorldWithTeams([103.0, 35.0], [
        { id: 'power-1', nameZh: '供电抢修队', org: 'power', level: 'county', kind: 'powerCrew', base: 'b-1', activationDelaySec: 600, crew: 8, modes: ['road', 'foot'] },
      ], (d) => {
        if (elevationM === null) return;
        const ss2 = d['layers/substations.geojson'].features.find((x: { properties: { id: string } }) => x.properties.id === 'ss-2');
        ss2.properties.elevationM = elevationM;
      });
      const sim = Sim.create(w, 1);
      sim.advanceTo(650);
      tripFeeder(sim.ctx, feeder(w, 'f-3'), 3600);
      sim.submit({ tSec: 700, seat: 'power', type: 'assignTask', args: { teamId: 'power-1', task: 'repairFeeder', targetId: 'f-3' } });
      sim.advanceTo(48 * 3600);
      const task = sim.state.tasks[0];
      return task.doneAtSec - task.arrivedAtSec;
    };
    expect(at(4300)).toBe(4365);
    expect(at(3500)).toBe(Math.round(3600 * (1.3 / 1.13)));
    // At or below the baseline's band, and where the height is unknown, the drawn time as it is.
    expect(at(2500)).toBe(3600);
    expect(at(800)).toBe(3600);
    expect(at(null)).toBe(3600);
  });
});

describe('power grid', () => {
  it('takes down everything below a substation that loses its upstream supply', () => {
    const w = tinyWorld((d) => (d['layers/substations.geojson'].features[0].properties.upstream = 'ss-2'));
    const sim = Sim.create(w, 1);
    sim.advanceTo(0);
    setSubstationInService(sim.ctx, w.substations.ids.indexOf('ss-2'), false);
    expect(Array.from(sim.state.feeders.energised)).toEqual([0, 0, 0]);
    setSubstationInService(sim.ctx, w.substations.ids.indexOf('ss-2'), true);
    expect(Array.from(sim.state.feeders.energised)).toEqual([1, 1, 1]);
  });

  // A power crew (team kind powerCrew) at the county seat, beside s-1 and f-1; f-3 hangs off ss-2, 60 km out along r-2
  // (a crew for a feeder goes to its breaker at the substation).
  const withCrew = (edit: (d: Record<string, any>) => void = () => {}) =>
    tinyWorld((d) => {
      d['scenario.json'].layers.bases = 'layers/bases.geojson';
      d['layers/bases.geojson'] = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [103.0, 35.0] }, properties: { id: 'b-1', nameZh: '县城' } }] };
      d['scenario.json'].resources.teams = [
        { id: 'power-1', nameZh: '供电抢修队', org: 'power', level: 'county', kind: 'powerCrew', base: 'b-1', activationDelaySec: 600, crew: 8, modes: ['road', 'foot'] },
      ];
      edit(d);
    });

  /** Trips f-3 (1 h of work once there) and sends the crew at T+700 s; returns when f-3 is live again and the trip the crew made. */
  const repairFarFeeder = (cutR2: boolean) => {
    const w = withCrew();
    const sim = Sim.create(w, 1);
    sim.advanceTo(650);
    tripFeeder(sim.ctx, feeder(w, 'f-3'), 3600);
    if (cutR2) blockRoad(sim.ctx, w.roads.ids.indexOf('r-2'));
    sim.submit({ tSec: 700, seat: 'power', type: 'assignTask', args: { teamId: 'power-1', task: 'repairFeeder', targetId: 'f-3' } });
    sim.advanceTo(700);
    const journey = sim.state.journeys[0]!;
    let backAt = -1;
    for (let t = 700; t <= 48 * 3600 && backAt < 0; t += 60) {
      sim.advanceTo(t);
      if (sim.state.feeders.energised[feeder(w, 'f-3')]) backAt = t;
    }
    return { w, journey, backAt };
  };

  it('a tripped feeder stays down until a crew has travelled to it and worked its repair time', () => {
    const { journey, backAt } = repairFarFeeder(false);
    expect(journey.trip.mode).toBe('road');
    // Back in the first minute after arrival + 3,600 s of work (the loop samples every 60 s).
    const doneSec = journey.arriveSec + 3600;
    expect(backAt).toBeGreaterThanOrEqual(doneSec);
    expect(backAt).toBeLessThan(doneSec + 60);
  });

  it('a feeder beyond a cut road waits for its crew to walk in: drive to the slide, walk the 64 km of r-2 at 2.5 km/h', () => {
    const open = repairFarFeeder(false);
    const cut = repairFarFeeder(true);
    expect(cut.journey.trip.mode).toBe('foot');
    // The crew drives r-1 (as on the open road) and walks r-2 over the slide (BLOCKED_PASSAGE.foot, 2.5 km/h).
    const r2Km = cut.w.roads.lengthM[cut.w.roads.ids.indexOf('r-2')] / 1000;
    expect(r2Km).toBeGreaterThan(60);
    expect(BLOCKED_PASSAGE.foot.kmh).toBe(2.5);
    const walkR2Sec = (r2Km / 2.5) * 3600;
    expect(cut.journey.trip.totalSec).toBeGreaterThan(walkR2Sec);
    // The crew goes to f-3's breaker at ss-2, off the road beyond r-2's end: the same last leg either way, walked
    // (2.5 km/h) when the crew is on foot, driven when not.
    expect(cut.journey.trip.egressM).toBeCloseTo(open.journey.trip.egressM, 6);
    expect(cut.journey.trip.totalSec - cut.journey.trip.egressSec).toBeLessThan(walkR2Sec + open.journey.trip.totalSec + 3600);
    expect(cut.backAt - open.backAt).toBeGreaterThan(20 * 3600);
  });

  it('with no responders tripped feeders stay down; the doctrine power seat brings Jishishan back (T+14 h)', () => {
    const world = loadWorld(JISHISHAN);
    const out = (doctrineSeats: string[]) => {
      const s = runScenario(world, { seed: 7, untilSec: 14 * 3600, doctrineSeats }).report.kpis.series as unknown as Record<string, number[]>;
      return { peak: Math.max(...s.powerCustomersOut), atEnd: s.powerCustomersOut.at(-1)! };
    };
    const none = out([]);
    const power = out(['power']);
    expect(none.atEnd).toBe(none.peak); // nobody repairs anything
    expect(power.atEnd).toBeLessThan(0.5 * power.peak);
  });
});

describe('backhaul', () => {
  const withTree = () =>
    tinyWorld((d) => {
      const sites = d['layers/sites.geojson'].features;
      sites[1].properties.aggregation = 's-1'; // s-2 backhauls through s-1
      sites[1].properties.fibreRoads = ['r-1'];
      sites[2].properties.fibreRoads = ['r-2']; // the super site's fibre
    });

  it('cuts a site off when the road its fibre follows is cut, and when its aggregation site goes down', () => {
    const w = withTree();
    const sim = Sim.create(w, 1);
    sim.advanceTo(0);
    const s2 = site(w, 's-2');
    cutFibre(sim.ctx, w.roads.ids.indexOf('r-1'));
    expect(sim.state.sites.outCause[s2]).toBe(OUT_CAUSE.TRANSPORT);

    const w2 = withTree();
    const sim2 = Sim.create(w2, 1);
    sim2.advanceTo(0);
    tripFeeder(sim2.ctx, feeder(w2, 'f-1'), 3600);
    sim2.advanceTo(36_000); // s-1 battery empty
    expect(sim2.state.sites.outCause[site(w2, 's-1')]).toBe(OUT_CAUSE.POWER);
    expect(sim2.state.sites.outCause[site(w2, 's-2')]).toBe(OUT_CAUSE.TRANSPORT);
  });

  // s-2 homes on s-1 over r-1 and, the other way round the ring, on the super site s-3 over r-2.
  const withRing = () =>
    tinyWorld((d) => {
      const sites = d['layers/sites.geojson'].features;
      sites[1].properties.aggregation = 's-1';
      sites[1].properties.fibreRoads = ['r-1'];
      sites[1].properties.ringAggregation = 's-3';
      sites[1].properties.ringFibreRoads = ['r-2'];
    });

  it('a ring keeps s-2 on air when its aggregation site s-1 fails (battery flat at 10 h), until the second path is cut too', () => {
    const run = (w: World) => {
      const sim = Sim.create(w, 1);
      sim.advanceTo(0);
      tripFeeder(sim.ctx, feeder(w, 'f-1'), 3600);
      sim.advanceTo(36_000); // s-1: 13 kWh at 1.3 kW, empty at 10 h
      return sim;
    };
    const tree = run(withTree());
    expect(tree.state.sites.outCause[site(tree.world, 's-2')]).toBe(OUT_CAUSE.TRANSPORT);
    const ring = run(withRing());
    expect(ring.state.sites.outCause[site(ring.world, 's-1')]).toBe(OUT_CAUSE.POWER);
    expect(ring.state.sites.outCause[site(ring.world, 's-2')]).toBe(OUT_CAUSE.NONE);
    cutFibre(ring.ctx, ring.world.roads.ids.indexOf('r-2'));
    expect(ring.state.sites.outCause[site(ring.world, 's-2')]).toBe(OUT_CAUSE.TRANSPORT);
  });

  it('a ring keeps s-2 on air through a cut on either path, but not on both', () => {
    const w = withRing();
    const sim = Sim.create(w, 1);
    sim.advanceTo(0);
    const s2 = site(w, 's-2');
    cutFibre(sim.ctx, w.roads.ids.indexOf('r-1'));
    expect(sim.state.sites.outCause[s2]).toBe(OUT_CAUSE.NONE);
    cutFibre(sim.ctx, w.roads.ids.indexOf('r-2'));
    expect(sim.state.sites.outCause[s2]).toBe(OUT_CAUSE.TRANSPORT);
  });

  it('refuses a second path that leads back to the site, naming the field', () => {
    expect(() =>
      tinyWorld((d) => {
        const sites = d['layers/sites.geojson'].features;
        sites[1].properties.aggregation = 's-1';
        sites[0].properties.ringAggregation = 's-2'; // s-1's second path through s-2, which passes through s-1
      }),
    ).toThrow(/layers\/sites\.geojson#\/features\/\d\/properties\/(ringAggregation|aggregation): the backhaul paths loop back to "s-[12]"/);
  });

  it('keeps a super base station on air through a fibre cut (automatic satellite switchover)', () => {
    const w = withTree();
    const sim = Sim.create(w, 1);
    sim.advanceTo(0);
    cutFibre(sim.ctx, w.roads.ids.indexOf('r-2'));
    expect(sim.state.sites.outCause[site(w, 's-3')]).toBe(OUT_CAUSE.NONE);
  });
});

describe('coverage, roaming and warnings', () => {
  it('serves more people under emergency roaming when one operator\'s only site is down', () => {
    const w = tinyWorld();
    const sim = Sim.create(w, 1);
    sim.advanceTo(0);
    tripFeeder(sim.ctx, feeder(w, 'f-1'), 3600); // s-1, the only cucc/ctcc site near t-a
    sim.advanceTo(36_000);
    const before = servedPeople(sim.state.coverage, sim.state.flags.emergencyRoaming);
    sim.submit({ tSec: 36_001, seat: 'emhq', type: 'setEmergencyRoaming', args: { enabled: true } });
    sim.advanceTo(36_001);
    expect(servedPeople(sim.state.coverage, sim.state.flags.emergencyRoaming)).toBeGreaterThan(before);
    sim.submit({ tSec: 36_002, seat: 'cmcc', type: 'setEmergencyRoaming', args: { enabled: false } });
    sim.advanceTo(36_002);
    expect(sim.state.commandLog.at(-1)!.result).toEqual({ rejected: 'notPermitted' });
  });

  it('reaches with a warning exactly the people in the area who have service when it is sent', () => {
    const w = tinyWorld();
    const sim = Sim.create(w, 1);
    sim.advanceTo(0);
    sim.submit({ tSec: 10, seat: 'emhq', type: 'sendWarning', args: { townships: ['t-a', 't-b'], severity: 'Severe', event: '地震', headline: '余震预警' } });
    sim.advanceTo(10);
    const warning = sim.state.warnings[0];
    expect(warning.targetPeople).toBe(1500);
    // t-a (1,000) is covered by s-1 with all three operators; t-b (500) only by
    // s-2, a China Mobile site: its 58 % share, 290 people, are reachable.
    expect(warning.reachedPeople).toBe(1000 + 290);
    expect(warning.deliveredAtSec).toBe(20);
    sim.submit({ tSec: 11, seat: 'emhq', type: 'sendWarning', args: { townships: ['t-x'], severity: 'Severe', event: 'x', headline: 'x' } });
    sim.advanceTo(11);
    expect(sim.state.commandLog.at(-1)!.result).toEqual({ rejected: 'unknownTownship' });
  });
});

describe('floods', () => {
  it('drowns a cabinet at grade once water is 0.3 m above its ground, and closes the road under water', () => {
    const w = tinyWorld((d) => {
      d['scenario.json'].hazards.push({
        id: 'fl',
        type: 'flood',
        tSec: 0,
        zones: 'layers/flood.geojson',
        hydrographs: { z1: [[0, 99], [3600, 101], [7200, 99]] },
        stepSec: 600,
      });
      d['layers/flood.geojson'] = {
        type: 'FeatureCollection',
        features: [{ type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[102.99, 34.99], [103.11, 34.99], [103.11, 35.01], [102.99, 35.01], [102.99, 34.99]]] }, properties: { zoneId: 'z1' } }],
      };
      d['layers/sites.geojson'].features[0].properties.elevationM = 100.5; // s-1: 0.5 m under at the peak
      d['layers/sites.geojson'].features[1].properties.elevationM = 100.9; // s-2: 0.1 m at the peak, stays up
      d['layers/roads.geojson'].features[0].properties.elevationM = 100;
      d['layers/roads.geojson'].features[1].properties.elevationM = 104;
      d['layers/substations.geojson'].features[0].properties.elevationM = 105;
      d['layers/townships.geojson'].features[0].properties.elevationM = 103;
      d['layers/townships.geojson'].features[1].properties.elevationM = 103;
    });
    const sim = Sim.create(w, 1);
    sim.advanceTo(3000);
    expect(sim.state.sites.outCause[site(w, 's-1')]).toBe(OUT_CAUSE.NONE); // 100.67 − 100.5 = 0.17 m
    sim.advanceTo(3600);
    expect(sim.state.sites.outCause[site(w, 's-1')]).toBe(OUT_CAUSE.DAMAGE);
    expect(sim.state.sites.outCause[site(w, 's-2')]).toBe(OUT_CAUSE.NONE);
    expect(sim.state.roads.status[w.roads.ids.indexOf('r-1')]).toBe(2); // flooded
    sim.advanceTo(7200);
    expect(sim.state.roads.status[w.roads.ids.indexOf('r-1')]).toBe(0);
    expect(sim.state.sites.outCause[site(w, 's-1')]).toBe(OUT_CAUSE.DAMAGE); // a drowned cabinet needs repair
  });

  it('refuses a flood whose assets have no ground elevation', () => {
    expect(() =>
      tinyWorld((d) => {
        d['scenario.json'].hazards.push({ id: 'fl', type: 'flood', tSec: 0, zones: 'layers/flood.geojson', hydrographs: { z1: [[0, 99], [3600, 101]] } });
        d['layers/flood.geojson'] = {
          type: 'FeatureCollection',
          features: [{ type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[102.99, 34.99], [103.11, 34.99], [103.11, 35.01], [102.99, 35.01], [102.99, 34.99]]] }, properties: { zoneId: 'z1' } }],
        };
      }),
    ).toThrow(/scenario\.json#\/hazards\/1: \d+ assets inside flood "fl" have no ground elevation/);
  });
});

describe('aftershocks (Omori–Utsu, Gutenberg–Richter, Båth)', () => {
  const model = { durationHours: 72, minMagnitude: 3, p: 1.05, cHours: 0.05, b: 0.89 };

  it('draws about 10^(b·(M − 1.2 − Mmin)) × (window share) shocks, the largest at M − 1.2, early-loaded in time', () => {
    let total = 0;
    let inFirstHour = 0;
    let largestOk = 0;
    const runs = 400;
    for (let seed = 0; seed < runs; seed++) {
      const rng = new RngStreams(seed);
      const shocks = drawAftershocks(6.2, model, () => rng.uniform('hazard'));
      total += shocks.length;
      inFirstHour += shocks.filter((s) => s.tSecAfter <= 3600).length;
      if (shocks.length && Math.max(...shocks.map((s) => s.ms)) === 5.0) largestOk++;
      for (const s of shocks) expect(s.ms).toBeGreaterThanOrEqual(3);
    }
    // Expected over all time: 10^(0.89·2) = 60.3; share within 72 h of a year (p = 1.05, c = 0.05 h):
    const I = (t: number) => (Math.pow(0.05, -0.05) - Math.pow(t + 0.05, -0.05)) / 0.05;
    const expected = 60.26 * (I(72) / I(8760));
    expect(total / runs).toBeGreaterThan(expected * 0.9);
    expect(total / runs).toBeLessThan(expected * 1.1);
    // Omori: the first hour holds I(1)/I(72) of the window's shocks.
    expect(inFirstHour / total).toBeCloseTo(I(1) / I(72), 1);
    expect(largestOk).toBe(runs);
  });
});
