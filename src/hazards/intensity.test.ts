import { describe, expect, it } from 'vitest';
import { cos, degToRad, sin } from '../core/dmath.ts';
import { ATTENUATION_TABLE, msToMw, mwToMs, SEISMIC_ZONES, ZONE_REGIONS, zoneForEpicentre, type SeismicZone } from '../model/params/attenuation.ts';
import {
  epicentralIntensity,
  estimateQuake,
  intensityAt,
  intensityField,
  intensityToPgaMs2,
  pgaG,
  pgaToIntensity,
  radiusKm,
} from './intensity.ts';

const round1 = (x: number) => Math.round(x * 10) / 10;

/** [long km, short km, area km²] per degree, computed from the GB 18306-2015 coefficients (Xiao & Yu 2011 / Yu et al. 2013), rounded. */
type WorkedExample = Record<string, [number, number, number]>;

function expectWorkedExample(zone: SeismicZone, ms: number, expected: WorkedExample): void {
  const { degrees } = estimateQuake({ zone, ms, strikeDeg: 0 });
  for (const [degree, [longKm, shortKm, areaKm2]] of Object.entries(expected)) {
    const d = degrees[degree];
    expect(d, `degree ${degree}`).toBeDefined();
    expect([round1(d.longKm), round1(d.shortKm), Math.round(d.areaKm2)]).toEqual([longKm, shortKm, areaKm2]);
  }
}

describe('attenuation table', () => {
  it('has a long and a short row with a source for every zone', () => {
    for (const zone of SEISMIC_ZONES) {
      for (const axis of ['long', 'short'] as const) {
        const rows = ATTENUATION_TABLE.filter((r) => r.zone === zone && r.axis === axis);
        expect(rows).toHaveLength(1);
        expect(rows[0].source).toMatch(/GB 18306-2015/);
        expect(rows[0].c).toBeLessThan(0);
      }
    }
  });
});

describe('GB 18306-2015 worked examples (Xiao & Yu 2011 / Yu et al. 2013 coefficients)', () => {
  it('Qinghai-Tibet Ms 6.2', () => {
    expectWorkedExample('qinghai-tibet', 6.2, {
      '6': [49.1, 30.0, 4636],
      '7': [19.3, 10.5, 635],
      '8': [1.5, 0.7, 3],
    });
  });

  it('Qinghai-Tibet Ms 7.0', () => {
    expectWorkedExample('qinghai-tibet', 7.0, {
      '6': [100.3, 70.3, 22162],
      '7': [49.9, 30.6, 4791],
      '8': [19.7, 10.7, 666],
    });
  });

  it('East Ms 7.0', () => {
    expectWorkedExample('east', 7.0, {
      '6': [118.3, 94.8, 35230],
      '7': [58.8, 43.3, 7988],
      '8': [24.0, 16.4, 1233],
    });
  });

  it('Central Ms 6.2', () => {
    expectWorkedExample('central', 6.2, {
      '6': [44.2, 33.9, 4701],
      '7': [16.5, 11.2, 581],
      '8': [1.8, 1.1, 6],
    });
  });

  it('Xinjiang Ms 7.0 (computed by hand from the table)', () => {
    // Long axis: A + B·Ms = 5.6018 + 1.4347·7 = 15.6447, C = −4.4899, R0 = 25.
    //   VI:   10^((6 − 15.6447)/−4.4899) − 25 = 10^2.14809 − 25 = 115.633 km
    //   VII:  10^1.92537 − 25 = 59.210 km;  VIII: 10^1.70264 − 25 = 25.425 km
    // Short axis: A + B·Ms = 3.6113 + 10.0429 = 13.6542, C = −3.8477, R0 = 13.
    //   VI:   10^((6 − 13.6542)/−3.8477) − 13 = 10^1.98929 − 13 = 84.565 km
    //   VII:  10^1.72940 − 13 = 40.629 km;  VIII: 10^1.46950 − 13 = 16.478 km
    // Areas π·long·short: VI 30,720.0; VII 7,557.5; VIII 1,316.2 km².
    expectWorkedExample('xinjiang', 7.0, {
      '6': [115.6, 84.6, 30720],
      '8': [25.4, 16.5, 1316],
    });
    const vii = estimateQuake({ zone: 'xinjiang', ms: 7.0, strikeDeg: 0 }).degrees['7'];
    expect(vii.longKm).toBeCloseTo(59.2104, 3);
    expect(vii.shortKm).toBeCloseTo(40.6286, 3);
    expect(vii.areaKm2).toBeCloseTo(7557.537, 2);
  });

  it('lists degrees from VI up to the highest one reached, unrounded', () => {
    const qt62 = estimateQuake({ zone: 'qinghai-tibet', ms: 6.2, strikeDeg: 120 });
    expect(Object.keys(qt62.degrees)).toEqual(['6', '7', '8']);
    expect(qt62.zone).toBe('qinghai-tibet');
    expect(qt62.epicentralIntensity).toBeCloseTo(8.1105, 3);
    expect(qt62.degrees['6'].longKm).not.toBe(round1(qt62.degrees['6'].longKm));
    expect(Object.keys(estimateQuake({ zone: 'east', ms: 7.0, strikeDeg: 0 }).degrees)).toEqual(['6', '7', '8', '9']);
  });
});

describe('radiusKm', () => {
  it('is 0 where the degree is not reached even at the epicentre', () => {
    expect(radiusKm('qinghai-tibet', 'long', 6.2, 9)).toBe(0);
    expect(radiusKm('central', 'short', 5.0, 8)).toBe(0);
  });

  it('shrinks as the degree rises', () => {
    for (const zone of SEISMIC_ZONES) {
      for (let degree = 5; degree < 9; degree++) {
        expect(radiusKm(zone, 'long', 7, degree + 1)).toBeLessThan(radiusKm(zone, 'long', 7, degree));
      }
    }
  });
});

describe('intensityAt', () => {
  const epicentre = { xM: 1000, yM: -2000 };
  const strikeDeg = 30;
  const strike = degToRad(strikeDeg);
  /** A point at distKm along (angle 0) or across (angle 90°) the strike from the epicentre. */
  const pointAt = (distKm: number, angleFromStrikeDeg: number) => {
    const bearing = strike + degToRad(angleFromStrikeDeg);
    return { xM: epicentre.xM + distKm * 1000 * sin(bearing), yM: epicentre.yM + distKm * 1000 * cos(bearing) };
  };

  it('equals the degree at the long- and short-axis radii', () => {
    for (const zone of SEISMIC_ZONES) {
      for (const degree of [6, 7, 8]) {
        const longKm = radiusKm(zone, 'long', 7.0, degree);
        const shortKm = radiusKm(zone, 'short', 7.0, degree);
        for (const side of [0, 180]) {
          expect(intensityAt(zone, 7.0, epicentre, strikeDeg, pointAt(longKm, side))).toBeCloseTo(degree, 9);
          expect(intensityAt(zone, 7.0, epicentre, strikeDeg, pointAt(shortKm, side + 90))).toBeCloseTo(degree, 9);
        }
      }
    }
  });

  it('puts every off-axis point on the ellipse of its own degree', () => {
    let state = 7;
    const next = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296);
    for (let n = 0; n < 500; n++) {
      const zone = SEISMIC_ZONES[n % 4];
      const ms = 5.5 + 2.5 * next();
      const point = { xM: (next() - 0.5) * 200_000, yM: (next() - 0.5) * 200_000 };
      const degree = intensityAt(zone, ms, { xM: 0, yM: 0 }, strikeDeg, point);
      if (degree <= 0 || degree >= epicentralIntensity(zone, ms) - 0.01) continue;
      const along = (point.xM * sin(strike) + point.yM * cos(strike)) / 1000;
      const across = (point.xM * cos(strike) - point.yM * sin(strike)) / 1000;
      const ellipse = (along / radiusKm(zone, 'long', ms, degree)) ** 2 + (across / radiusKm(zone, 'short', ms, degree)) ** 2;
      expect(Math.abs(ellipse - 1)).toBeLessThan(1e-9);
    }
  });

  it('returns the epicentral intensity at the epicentre', () => {
    expect(intensityAt('qinghai-tibet', 6.2, epicentre, strikeDeg, epicentre)).toBe(epicentralIntensity('qinghai-tibet', 6.2));
    // 6.458 + 1.2746·6.2 − 4.4709·log10(25)
    expect(epicentralIntensity('qinghai-tibet', 6.2)).toBeCloseTo(8.11047, 5);
  });

  it('decreases monotonically with distance in every direction and bottoms out at 0', () => {
    for (const zone of SEISMIC_ZONES) {
      for (const angle of [0, 17, 45, 90, 135, 200, 300]) {
        let previous = intensityAt(zone, 7.0, epicentre, strikeDeg, epicentre);
        for (let distKm = 0.05; distKm < 20_000; distKm *= 1.3) {
          const i = intensityAt(zone, 7.0, epicentre, strikeDeg, pointAt(distKm, angle));
          expect(i).toBeLessThanOrEqual(previous);
          expect(i).toBeGreaterThanOrEqual(0);
          previous = i;
        }
        expect(previous).toBe(0);
      }
    }
  });

  it('is stronger along strike than across it at the same distance', () => {
    expect(intensityAt('east', 7, epicentre, strikeDeg, pointAt(40, 0))).toBeGreaterThan(
      intensityAt('east', 7, epicentre, strikeDeg, pointAt(40, 90)),
    );
  });

  it('intensityField gives the same bits as intensityAt', () => {
    const field = intensityField('central', 6.5, epicentre, strikeDeg);
    for (const [d, a] of [[3, 10], [25, 60], [80, 95], [0.2, 300]]) {
      const p = pointAt(d, a);
      expect(field(p)).toBe(intensityAt('central', 6.5, epicentre, strikeDeg, p));
    }
  });

  it('pins golden values (any change to the solver or dmath shows here)', () => {
    const field = intensityField('qinghai-tibet', 6.2, { xM: 0, yM: 0 }, 30);
    expect([field({ xM: 12_000, yM: -7_000 }), field({ xM: -30_000, yM: 41_000 }), field({ xM: 5, yM: 3 })]).toEqual(
      GOLDEN_FIELD,
    );
  });
});

const GOLDEN_FIELD = [6.767561560642847, 5.445488962827855, 8.109802557717767];

describe('magnitude conversion (Scordilis 2006)', () => {
  it('follows both published segments', () => {
    expect(msToMw(5.0)).toBeCloseTo(0.67 * 5 + 2.07, 12);
    expect(msToMw(6.2)).toBeCloseTo(6.218, 12);
    expect(msToMw(7.0)).toBeCloseTo(7.01, 12);
    expect(msToMw(8.0)).toBeCloseTo(8.0, 12);
  });

  it('bridges the Ms 6.1–6.2 gap continuously and monotonically', () => {
    expect(msToMw(6.1)).toBeCloseTo(6.157, 12);
    expect(msToMw(6.15)).toBeCloseTo(6.1875, 12);
    let previous = -Infinity;
    for (let ms = 3; ms <= 8.2; ms += 0.01) {
      expect(msToMw(ms)).toBeGreaterThan(previous);
      previous = msToMw(ms);
    }
  });

  it('clamps outside Ms 3.0–8.2', () => {
    expect(msToMw(2.0)).toBe(msToMw(3.0));
    expect(msToMw(9.0)).toBe(msToMw(8.2));
    expect(mwToMs(3.0)).toBe(3.0);
    expect(mwToMs(9.5)).toBeCloseTo(8.2, 12);
  });

  it('mwToMs inverts msToMw', () => {
    for (let ms = 3; ms <= 8.2; ms += 0.05) expect(mwToMs(msToMw(ms))).toBeCloseTo(ms, 12);
    expect(mwToMs(6.218)).toBeCloseTo(6.2, 12);
  });
});

describe('intensity and PGA (GB/T 17742-2020)', () => {
  it('puts each degree inside its published PGA band', () => {
    const bands: Array<[number, number, number]> = [
      [6, 0.45, 0.89],
      [7, 0.9, 1.77],
      [8, 1.78, 3.53],
      [9, 3.54, 7.07],
      [10, 7.08, 14.14],
    ];
    for (const [degree, lo, hi] of bands) {
      const pga = intensityToPgaMs2(degree);
      expect(pga).toBeGreaterThanOrEqual(lo);
      expect(pga).toBeLessThanOrEqual(hi);
    }
  });

  it('round-trips and clamps to [1, 12]', () => {
    for (const degree of [1.5, 4, 6.5, 7, 9.25, 11.9]) expect(pgaToIntensity(intensityToPgaMs2(degree))).toBeCloseTo(degree, 12);
    expect(pgaToIntensity(0)).toBe(1);
    expect(pgaToIntensity(1e-6)).toBe(1);
    expect(pgaToIntensity(1e6)).toBe(12);
  });

  it('converts to g', () => {
    expect(pgaG(7)).toBeCloseTo(intensityToPgaMs2(7) / 9.80665, 15);
    expect(pgaG(8)).toBeGreaterThan(0.18);
    expect(pgaG(8)).toBeLessThan(0.36);
  });
});

describe('zoneForEpicentre', () => {
  it('classifies known epicentres', () => {
    const cases: Array<[string, number, number, SeismicZone]> = [
      ['Jishishan 2023', 102.79, 35.7, 'qinghai-tibet'],
      ['Wenchuan 2008', 103.4, 31.0, 'qinghai-tibet'],
      ['Yushu 2010', 96.6, 33.2, 'qinghai-tibet'],
      ['Menyuan 2022', 101.26, 37.77, 'qinghai-tibet'],
      ['Luding 2022', 102.08, 29.59, 'qinghai-tibet'],
      ['Kashgar', 76.0, 39.5, 'xinjiang'],
      ['Hotan', 79.9, 37.1, 'xinjiang'],
      ['Urumqi', 87.6, 43.8, 'xinjiang'],
      ['Haiyuan 1920', 105.7, 36.5, 'central'],
      ['Changning 2019', 104.9, 28.3, 'central'],
      ['Tangshan 1976', 118.2, 39.6, 'east'],
      ['Beijing', 116.4, 39.9, 'east'],
    ];
    for (const [name, lon, lat, zone] of cases) expect([name, zoneForEpicentre(lon, lat)]).toEqual([name, zone]);
  });

  it('labels every region as an assumption', () => {
    for (const region of ZONE_REGIONS) expect(region.source).toMatch(/^assumption/);
  });
});
