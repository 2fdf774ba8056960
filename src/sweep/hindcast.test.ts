import { describe, expect, it } from 'vitest';
import type { ObservedPoint } from '../model/scenario-format.ts';
import type { KpiSeries } from '../scoring/kpis.ts';
import { band, formatQuantity, hindcastMarkdown, hindcastRunValues, hindcastSvg, observedInBand, quantityAt, quantityCurve, sampleAtOrBefore, summariseHindcast } from './hindcast.ts';

// Five hourly samples, 10 sites; every expected value below is worked by hand.
const series = (uavs: number[]): KpiSeries => ({
  tSec: [0, 3600, 7200, 10800, 14400],
  sitesRestoredFrac: [1, 0, 0.25, 0.5, 0.75],
  powerCustomersOut: [0, 100, 200, 50, 0],
  roadsBlocked: [0, 4, 3, 5, 1],
  sitesOnAir: [10, 6, 7, 8, 9],
  uavsOnStation: uavs,
  uavBaseStationsDeployed: [0, 0, 1, 1, 2],
});
const flying = series([0, 0, 0, 1, 1]);
const grounded = series([0, 0, 0, 0, 0]);

const point = (p: Partial<ObservedPoint> & Pick<ObservedPoint, 'quantity' | 'tHours' | 'value'>): ObservedPoint => ({ id: `${p.quantity}-${p.tHours}`, what: 'test', source: 'hand-made', ...p });

describe('reading one run at the observed time (the sample at or before it)', () => {
  it('finds the sample at or before a time', () => {
    expect(sampleAtOrBefore(flying.tSec, 9000)).toBe(2);
    expect(sampleAtOrBefore(flying.tSec, 7200)).toBe(2);
    expect(sampleAtOrBefore(flying.tSec, -1)).toBe(-1);
    expect(sampleAtOrBefore(flying.tSec, 1e9)).toBe(4);
  });

  it('failed sites restored is the KPI sitesRestoredFrac at the sample at or before tHours', () => {
    expect(quantityAt(flying, 'failedSitesRestoredFrac', 2.5, 10)).toBe(0.25);
    expect(quantityAt(flying, 'failedSitesRestoredFrac', 3, 10)).toBe(0.5);
  });

  it('power restored is 1 − customers out / the peak so far (not the peak of the whole run)', () => {
    expect(quantityAt(flying, 'powerRestoredFrac', 0, 10)).toBe(1); // nothing out yet: nothing to restore
    expect(quantityAt(flying, 'powerRestoredFrac', 1, 10)).toBe(0); // 100 out, peak 100
    expect(quantityAt(flying, 'powerRestoredFrac', 3.9, 10)).toBe(0.75); // 50 out, peak 200
    expect(quantityAt(flying, 'powerRestoredFrac', 4, 10)).toBe(1);
  });

  it('roads reopened is 1 − blocked / the peak so far', () => {
    expect(quantityAt(flying, 'roadsReopenedFrac', 2, 10)).toBe(0.25); // 3 of a peak of 4
    expect(quantityAt(flying, 'roadsReopenedFrac', 3, 10)).toBe(0); // a new peak of 5
    expect(quantityAt(flying, 'roadsReopenedFrac', 4, 10)).toBeCloseTo(0.8, 12); // 1 of 5
  });

  it('sites off air is the total minus sitesOnAir', () => {
    expect(quantityAt(flying, 'sitesOffAir', 1, 10)).toBe(4);
    expect(quantityAt(flying, 'sitesOffAir', 4, 10)).toBe(1);
  });

  it('UAV base stations deployed is the KPI at the sample at or before tHours, shown as a whole count', () => {
    expect(quantityAt(flying, 'uavBaseStationsDeployed', 2.5, 10)).toBe(1);
    expect(quantityAt(flying, 'uavBaseStationsDeployed', 4, 10)).toBe(2);
    expect(formatQuantity('uavBaseStationsDeployed', 1)).toBe('1');
  });

  it('the first UAV on station is the first sample with one, and null (never) when none flies', () => {
    expect(quantityAt(flying, 'firstUavOnStationHours', 12.7, 10)).toBe(3);
    expect(quantityAt(grounded, 'firstUavOnStationHours', 12.7, 10)).toBeNull();
    expect(formatQuantity('firstUavOnStationHours', null)).toBe('never');
  });

  it('curves: hourly values, and for the UAV 1 from its first hour on station', () => {
    expect(quantityCurve(flying, 'powerRestoredFrac', 10, 14400)).toEqual([1, 0, 0, 0.75, 1]);
    expect(quantityCurve(flying, 'firstUavOnStationHours', 10, 14400)).toEqual([0, 0, 0, 1, 1]);
    expect(quantityCurve(grounded, 'firstUavOnStationHours', 10, 14400)).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('across seeds: median and P10–P90', () => {
  it('type-7 quantiles of 1..10', () => {
    const b = band([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(b.p10).toBeCloseTo(1.9, 12);
    expect(b.median).toBeCloseTo(5.5, 12);
    expect(b.p90).toBeCloseTo(9.1, 12);
    expect(b.never).toBe(0);
  });

  it('"never" sorts after every time: a quantile that touches it is never (null)', () => {
    // sorted 1, 2, 3, never, never: P10 at 0.4 → 1.4, median at 2 → 3, P90 at 3.6 → never.
    const b = band([3, null, 1, null, 2]);
    expect(b).toEqual({ n: 5, never: 2, p10: 1.4, median: 3, p90: null });
    expect(band([null, null])).toEqual({ n: 2, never: 2, p10: null, median: null, p90: null });
  });

  it('observed in the band: a value, a range, and a band open above', () => {
    const b = { n: 20, never: 0, p10: 0.42, median: 0.57, p90: 0.76 };
    expect(observedInBand(point({ quantity: 'failedSitesRestoredFrac', tHours: 14, value: 0.89 }), b)).toBe(false);
    expect(observedInBand(point({ quantity: 'failedSitesRestoredFrac', tHours: 14, value: 0.89, valueLo: 0.7, valueHi: 0.95 }), b)).toBe(true);
    expect(observedInBand(point({ quantity: 'firstUavOnStationHours', tHours: 17.6, value: 17.6 }), { n: 5, never: 2, p10: 1.4, median: 3, p90: null })).toBe(true);
    expect(observedInBand(point({ quantity: 'firstUavOnStationHours', tHours: 17.6, value: 17.6 }), { n: 2, never: 2, p10: null, median: null, p90: null })).toBe(false);
  });

  it('summarises runs by point and doctrine, and writes the table and the chart', () => {
    const points = [point({ quantity: 'powerRestoredFrac', tHours: 3, value: 0.8 }), point({ quantity: 'firstUavOnStationHours', tHours: 3.5, value: 3.5, uncertain: true })];
    const runs = [
      hindcastRunValues(1, 'on', flying, points, 10, 14400),
      hindcastRunValues(2, 'on', flying, points, 10, 14400),
      hindcastRunValues(1, 'off', grounded, points, 10, 14400),
    ];
    const s = summariseHindcast({ scenarioId: 'test', scenarioSha256: 'x', observed: { source: 's', points }, seeds: [1, 2], untilSec: 14400, doctrineSeatsOn: ['emhq'], runs });
    expect(s.points[0].on).toEqual({ n: 2, never: 0, p10: 0.75, median: 0.75, p90: 0.75 });
    expect(s.points[0].inOnBand).toBe(false); // 0.8 is outside 0.75–0.75
    expect(s.points[1].on.median).toBe(3);
    expect(s.points[1].off).toEqual({ n: 1, never: 1, p10: null, median: null, p90: null });
    expect(s.curves.find((c) => c.quantity === 'firstUavOnStationHours')!.on.median).toEqual([0, 0, 0, 1, 1]);
    expect(s.curves.find((c) => c.quantity === 'powerRestoredFrac')!.offMedian).toEqual([1, 0, 0, 0.75, 1]);
    const md = hindcastMarkdown(s);
    expect(md).toContain('| power customers restored, T+3 h [1] | 80 % | 75 % (75–75 %) | 75 % (75–75 %) | no |');
    expect(md).toContain('| first UAV on station, time [2] | ≈ T+3.5 h | T+3.0 h (3.0 h–3.0 h) | never | no |');
    const svg = hindcastSvg(s, 'test');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('hours after the earthquake / 震后小时数');
    expect(svg).not.toMatch(/NaN|Infinity/);
  });

  it('a road section: its value from the section recorder, one curve per section, a time in the table', () => {
    const sec = (id: string, value: number) => point({ id, quantity: 'roadSectionOpenHours', tHours: value, value, roadIds: ['r-1'] });
    const points = [sec('gorge', 2), sec('pass', 1)];
    const runs = [
      hindcastRunValues(1, 'on', flying, points, 10, 14400, undefined, { gorge: 1.5, pass: 0 }),
      hindcastRunValues(2, 'on', flying, points, 10, 14400, undefined, { gorge: 3.5, pass: 0 }),
      hindcastRunValues(1, 'off', grounded, points, 10, 14400, undefined, { gorge: null, pass: 0 }),
    ];
    expect(runs[0].values).toEqual([1.5, 0]);
    // 1 from the first whole hour at or after the time: 1.5 h → hours 2, 3, 4.
    expect(runs[0].curves['roadSectionOpenHours:gorge']).toEqual([0, 0, 1, 1, 1]);
    expect(runs[2].curves['roadSectionOpenHours:gorge']).toEqual([0, 0, 0, 0, 0]);
    const s = summariseHindcast({ scenarioId: 'test', scenarioSha256: 'x', observed: { source: 's', points }, seeds: [1, 2], untilSec: 14400, doctrineSeatsOn: ['emhq'], runs });
    expect(s.points[0].on).toEqual({ n: 2, never: 0, p10: 1.7, median: 2.5, p90: 3.3 });
    expect(s.points[0].inOnBand).toBe(true);
    expect(s.points[0].off).toEqual({ n: 1, never: 1, p10: null, median: null, p90: null });
    expect(s.curves.map((c) => c.key)).toEqual(['roadSectionOpenHours:gorge', 'roadSectionOpenHours:pass']);
    // The share of runs through by each hour: one of two at 2 h, both from 4 h.
    expect(s.curves[0].on.median).toEqual([0, 0, 0.5, 0.5, 1]);
    expect(s.curves[1].on.median).toEqual([1, 1, 1, 1, 1]);
    expect(hindcastMarkdown(s)).toContain('| road section through (gorge), time [1] | T+2.0 h | T+2.5 h (1.7 h–3.3 h) | never | yes |');
    const svg = hindcastSvg(s, 'test');
    expect(svg).toContain('road section through (gorge) / 路段抢通 (gorge)');
    expect(svg).toContain('runs with the section through, %');
    expect(svg).not.toMatch(/NaN|Infinity/);
  });
});
