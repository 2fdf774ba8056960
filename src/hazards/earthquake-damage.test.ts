// Road blockage by size, fibre cuts by the length of road a slide buries and
// by breaks of the cable line along slopes, and the repair of a cut by the
// length of cable lost, with numbers worked by hand from the parameter tables.
import { describe, expect, it } from 'vitest';
import { Sim } from '../engine/sim.ts';
import { DEFAULT_PARAMS } from '../model/params/index.ts';
import { TERRAINS } from '../model/world.ts';
import { blockRoad, cutFibre } from '../infra/roads.ts';
import { tinyWorldWithTeams } from '../../test/helpers.ts';
import { clearRoadSec, repairFibreSec } from '../response/tasks.ts';
import { fibreCutProbability, slideCount, slideDebrisM3, slideIntensity } from './earthquake-damage.ts';
import { poissonQuantile } from '../core/dmath.ts';
import { interpolate } from '../model/params/infra.ts';

const MOUNTAIN = TERRAINS.indexOf('mountain');

describe('slide debris and clearing time', () => {
  it('the median slide on a mountain road is the table median: 300 m³ at VIII, 1,500 m³ at IX; 900 m³ at VIII½', () => {
    expect(slideDebrisM3(DEFAULT_PARAMS, MOUNTAIN, 8, 0.5)).toBeCloseTo(300, 6);
    expect(slideDebrisM3(DEFAULT_PARAMS, MOUNTAIN, 9, 0.5)).toBeCloseTo(1500, 6);
    expect(slideDebrisM3(DEFAULT_PARAMS, MOUNTAIN, 8.5, 0.5)).toBeCloseTo(900, 6);
    // The P90 slide at IX is exp(1.2 × 1.2816) ≈ 4.66 times the median: about 7,000 m³.
    expect(slideDebrisM3(DEFAULT_PARAMS, MOUNTAIN, 9, 0.9)).toBeCloseTo(1500 * Math.exp(1.2 * 1.2815516), 0);
  });

  it('a county road takes 1 h to set up plus a lane (a third of the debris) at 100 m³/h; a provincial road is cleared at 200 m³/h', () => {
    // r-1 is a county road, r-2 a provincial one (the tiny fixture).
    const w = tinyWorldWithTeams([103.0, 35.0], []);
    const sim = Sim.create(w, 1);
    sim.advanceTo(0);
    const r1 = w.roads.ids.indexOf('r-1'), r2 = w.roads.ids.indexOf('r-2');
    blockRoad(sim.ctx, r1);
    blockRoad(sim.ctx, r2);
    sim.state.roads.debrisM3[r1] = 300; // the median VIII mountain slide
    sim.state.roads.debrisM3[r2] = 2000; // a large IX slide (a larger one gets a detour: road-clearing.test.ts)
    // 300 m³ / 3 / 100 m³/h = 1 h; 2,000 m³ / 3 / 200 m³/h = 3⅓ h.
    expect(clearRoadSec(sim.ctx, r1)).toBe((1 + 1) * 3600);
    expect(clearRoadSec(sim.ctx, r2)).toBe(Math.round((1 + 2000 / 3 / 200) * 3600));
  });

  it('a road crew reopens the segment after exactly that work, and the debris is gone', () => {
    const w = tinyWorldWithTeams([103.0, 35.0], [
      { id: 'road-1', nameZh: '公路抢通队', org: 'transport', level: 'county', kind: 'roadCrew', base: 'b-1', activationDelaySec: 600, crew: 10, modes: ['road'] },
    ]);
    const sim = Sim.create(w, 1);
    sim.advanceTo(0);
    const r1 = w.roads.ids.indexOf('r-1');
    blockRoad(sim.ctx, r1);
    sim.state.roads.debrisM3[r1] = 300;
    sim.submit({ tSec: 700, seat: 'transport', type: 'assignTask', args: { teamId: 'road-1', task: 'clearRoad', targetId: 'r-1' } });
    sim.advanceTo(700);
    // The crew's base is at the segment's end: it starts work at once.
    const arrive = sim.state.tasks[0].arrivedAtSec;
    expect(arrive).toBe(700);
    sim.advanceTo(arrive + 2 * 3600 - 1);
    expect(sim.state.roads.blocked[r1]).toBe(1);
    sim.advanceTo(arrive + 2 * 3600);
    expect(sim.state.roads.blocked[r1]).toBe(0);
    expect(sim.state.roads.debrisM3[r1]).toBe(0);
  });
});

describe('fibre cut by the length of road a slide buries', () => {
  it('1 − exp(−1/km × length): a 2 km stretch cuts the cable beside it 86 % of the time, a 50 m slide 4.9 %, a 10 m one 1 %', () => {
    expect(fibreCutProbability(DEFAULT_PARAMS, 2000)).toBeCloseTo(1 - Math.exp(-2), 12);
    expect(fibreCutProbability(DEFAULT_PARAMS, 2000)).toBeCloseTo(0.8647, 4);
    expect(fibreCutProbability(DEFAULT_PARAMS, 50)).toBeCloseTo(0.0488, 4);
    expect(fibreCutProbability(DEFAULT_PARAMS, 10)).toBeCloseTo(0.00995, 5);
    expect(fibreCutProbability(DEFAULT_PARAMS, 0)).toBe(0);
  });

  it('a 60,000 m³ slide buries 2 km of road (30 m² deposit): the median IX slide buries only 50 m', () => {
    const cross = DEFAULT_PARAMS.infra.SLIDE_DEPOSIT_CROSS_SECTION_M2.value;
    expect(60_000 / cross).toBe(2000);
    expect(slideDebrisM3(DEFAULT_PARAMS, MOUNTAIN, 9, 0.5) / cross).toBeCloseTo(50, 6);
  });
});

describe('aftershocks on slopes the mainshock cracked', () => {
  it('an aftershock of VII on a slope the mainshock shook to VIII slides as if it were VII½: a 2.5 km mountain segment is blocked 21 % of the time instead of 10 %', () => {
    const table = DEFAULT_PARAMS.infra.SLIDES_PER_KM.mountain;
    expect(slideIntensity(DEFAULT_PARAMS, 7, 8)).toBe(7.5);
    // Halfway between 0.042 per km at VII and 0.143 at VIII: 0.0925 per km; 1 − exp(−0.0925 × 2.5) = 0.2064.
    expect(interpolate(table, slideIntensity(DEFAULT_PARAMS, 7, 8))).toBeCloseTo(0.0925, 12);
    expect(1 - Math.exp(-interpolate(table, slideIntensity(DEFAULT_PARAMS, 7, 8)) * 2.5)).toBeCloseTo(0.2065, 4);
    expect(1 - Math.exp(-interpolate(table, slideIntensity(DEFAULT_PARAMS, 7, null)) * 2.5)).toBeCloseTo(0.0997, 4);
  });

  it('no weakening where the mainshock shook below VII, for shaking below VI½, or for the mainshock itself', () => {
    expect(slideIntensity(DEFAULT_PARAMS, 7, 6.9)).toBe(7);
    expect(slideIntensity(DEFAULT_PARAMS, 6.4, 9)).toBe(6.4);
    expect(slideIntensity(DEFAULT_PARAMS, 8, null)).toBe(8);
  });
});

describe('slides per km of road', () => {
  it('blocks a 3 km mountain segment at IX 91 % of the time (0.8 per km) and a 2.5 km one at VIII 30 % (0.143 per km)', () => {
    const table = DEFAULT_PARAMS.infra.SLIDES_PER_KM.mountain;
    expect(1 - Math.exp(-interpolate(table, 9) * 3)).toBeCloseTo(0.9093, 4);
    // Up to VIII the rates are the old per-segment chances spread over 2.5 km: 30 % at VIII, as before.
    expect(1 - Math.exp(-interpolate(table, 8) * 2.5)).toBeCloseTo(0.3, 2);
  });

  it('gives a segment that slid its count from the zero-truncated Poisson: mean 2.4 → 1, 2, 3 slides at the 20th, 50th, 70th percentiles', () => {
    // P(N = n | N ≥ 1) for mean 2.4: 0.2394, 0.2873, 0.2299 (cumulative 0.2394, 0.5268, 0.7567).
    expect(slideCount(2.4, 0.2)).toBe(1);
    expect(slideCount(2.4, 0.5)).toBe(2);
    expect(slideCount(2.4, 0.7)).toBe(3);
    expect(slideCount(2.4, 0.76)).toBe(4);
    // A rare slide on a quiet road is one slide.
    expect(slideCount(0.01, 0.99)).toBe(1);
    // The mean of the truncated count is 2.4 / (1 − e^−2.4) = 2.64 (midpoint rule over 10,000 quantiles).
    let sum = 0;
    for (let i = 0; i < 10_000; i++) sum += slideCount(2.4, (i + 0.5) / 10_000);
    expect(sum / 10_000).toBeCloseTo(2.4 / (1 - Math.exp(-2.4)), 2);
  });
});

describe('the cable line broken along slopes where the road may stay open', () => {
  it('draws a Poisson count: mean 1 gives 0, 1, 2 breaks below 36.8 %, 73.6 %, 92.0 %', () => {
    // P(N ≤ 0) = e^−1 = 0.3679, P(N ≤ 1) = 0.7358, P(N ≤ 2) = 0.9197.
    expect(poissonQuantile(1, 0.3)).toBe(0);
    expect(poissonQuantile(1, 0.5)).toBe(1);
    expect(poissonQuantile(1, 0.8)).toBe(2);
    expect(poissonQuantile(1, 0.95)).toBe(3);
    expect(poissonQuantile(0, 0.999)).toBe(0);
  });

  it('breaks a 4 km mountain cable route at IX 95 % of the time (0.75 per km: three breaks on average), a 2.5 km one at VIII 1 % (0.004 per km), and none on flat ground', () => {
    const table = DEFAULT_PARAMS.infra.CABLE_BREAKS_PER_KM;
    expect(interpolate(table.mountain, 9)).toBe(0.75);
    expect(1 - Math.exp(-interpolate(table.mountain, 9) * 4)).toBeCloseTo(0.9502, 4);
    expect(interpolate(table.hilly, 9)).toBe(0.1);
    expect(1 - Math.exp(-interpolate(table.mountain, 8) * 2.5)).toBeCloseTo(0.00995, 5);
    expect(interpolate(table.mountain, 7)).toBe(0);
    expect(interpolate(table.flat, 10)).toBe(0);
  });

  it('cuts every segment and loses its whole cable when the rate is huge, and none when the rate and slides are nil (the tiny county\'s quake)', () => {
    const base = tinyWorldWithTeams([103.0, 35.0], []);
    const withRates = (cable: readonly (readonly [number, number])[], slides: readonly (readonly [number, number])[]) => {
      const infra = base.params.infra;
      return {
        ...base,
        params: {
          ...base.params,
          infra: {
            ...infra,
            CABLE_BREAKS_PER_KM: { ...infra.CABLE_BREAKS_PER_KM, flat: cable, hilly: cable, mountain: cable },
            SLIDES_PER_KM: { ...infra.SLIDES_PER_KM, flat: slides, hilly: slides, mountain: slides },
          },
        },
      } as typeof base;
    };
    const none = [[0, 0], [12, 0]] as const;
    const huge = [[0, 1000], [12, 1000]] as const;
    const quakeSec = 12 * 3600;
    const hit = Sim.create(withRates(huge, none), 1);
    hit.advanceTo(quakeSec + 1);
    // The bridge on r-2 may also fall; every segment's cable is cut and lost over its whole length.
    for (let r = 0; r < base.roads.ids.length; r++) {
      expect(hit.state.roads.fibreCut[r]).toBe(1);
      expect(hit.state.roads.fibreDamagedM[r]).toBe(base.roads.lengthM[r]);
    }
    const quiet = Sim.create(withRates(none, none), 1);
    quiet.advanceTo(quakeSec + 1);
    // r-1 has no bridge; with neither slides nor breaks its cable is whole.
    const r1 = base.roads.ids.indexOf('r-1');
    expect(quiet.state.roads.fibreCut[r1]).toBe(0);
    expect(quiet.state.roads.fibreDamagedM[r1]).toBe(0);
  });
});

describe('an emergency fibre repair by the length of cable lost', () => {
  it('splices a cut at a point in 4 h, and lays new cable along a destroyed stretch at 1.2 km/h on top', () => {
    const w = tinyWorldWithTeams([103.0, 35.0], []);
    const sim = Sim.create(w, 1);
    sim.advanceTo(0);
    const r1 = w.roads.ids.indexOf('r-1'), r2 = w.roads.ids.indexOf('r-2');
    cutFibre(sim.ctx, r1);
    expect(repairFibreSec(sim.ctx, r1)).toBe(4 * 3600);
    // 600 m lost, then 300 m more from an aftershock's slide: 900 m, 0.9 km / 1.2 km/h = 45 min.
    cutFibre(sim.ctx, r2, 600);
    cutFibre(sim.ctx, r2, 300);
    expect(sim.state.counts.fibreCuts).toBe(2);
    expect(sim.state.roads.fibreDamagedM[r2]).toBe(900);
    expect(repairFibreSec(sim.ctx, r2)).toBe(4 * 3600 + 2700);
    // Never more than the segment (r-2 is about 63 km).
    cutFibre(sim.ctx, r2, 1e9);
    expect(sim.state.roads.fibreDamagedM[r2]).toBe(w.roads.lengthM[r2]);
  });

  it('a crew mends the 900 m in 4 h 45 min on site, and the segment has no cable lost any more', () => {
    const w = tinyWorldWithTeams([103.0, 35.0], [
      { id: 'cmcc-crew', nameZh: '移动抢修队', org: 'cmcc', level: 'county', kind: 'operatorCrew', base: 'b-1', activationDelaySec: 600, crew: 4, modes: ['road', 'foot'] },
    ]);
    const sim = Sim.create(w, 1);
    sim.advanceTo(0);
    const r1 = w.roads.ids.indexOf('r-1');
    cutFibre(sim.ctx, r1, 900);
    sim.submit({ tSec: 700, seat: 'cmcc', type: 'assignTask', args: { teamId: 'cmcc-crew', task: 'repairFibre', targetId: 'r-1' } });
    sim.advanceTo(700);
    const task = sim.state.tasks[0];
    sim.advanceTo(task.arrivedAtSec + 4 * 3600 + 2700 - 1);
    expect(sim.state.roads.fibreCut[r1]).toBe(1);
    sim.advanceTo(task.arrivedAtSec + 4 * 3600 + 2700);
    expect(sim.state.roads.fibreCut[r1]).toBe(0);
    expect(sim.state.roads.fibreDamagedM[r1]).toBe(0);
  });
});
