import { describe, expect, it } from 'vitest';
import {
  BRIDGE_FRAGILITY,
  BRIDGE_RESTORATION_DAYS,
  CELL_SITE_FRAGILITY,
  ROAD_PGD_FRAGILITY,
  SUBSTATION_FLOOD_DAMAGE,
  SUBSTATION_FRAGILITY,
  SUBSTATION_RESTORATION_DAYS,
  damageStateProbabilities,
  floodDamageFraction,
  sampleDamageState,
  type FragilityCurve,
} from './fragility.ts';

const ALL_CURVES: FragilityCurve[] = [
  ...Object.values(SUBSTATION_FRAGILITY),
  ...Object.values(BRIDGE_FRAGILITY),
  ...Object.values(ROAD_PGD_FRAGILITY),
  ...Object.values(CELL_SITE_FRAGILITY),
];

describe('fragility tables', () => {
  it('every curve has a source, non-decreasing medians and positive betas', () => {
    for (const curve of ALL_CURVES) {
      expect(curve.source.length).toBeGreaterThan(10);
      for (let k = 1; k < 4; k++) expect(curve.medians[k]).toBeGreaterThanOrEqual(curve.medians[k - 1]);
      for (const beta of curve.betas) expect(beta).toBeGreaterThan(0);
    }
  });

  it('labels the cell-site curves as assumptions, the HAZUS ones not', () => {
    for (const curve of Object.values(CELL_SITE_FRAGILITY)) {
      expect(curve.assumption).toBe(true);
      expect(curve.source).toMatch(/^assumption/);
    }
    for (const curve of Object.values(SUBSTATION_FRAGILITY)) expect(curve.assumption).toBe(false);
  });

  it('makes the hardened cell site one intensity degree (PGA × 2) better', () => {
    const { ordinary, superBaseStation: hardened } = CELL_SITE_FRAGILITY;
    expect(hardened.medians).toEqual(ordinary.medians.map((m) => m * 2));
    expect(hardened.betas).toEqual(ordinary.betas);
  });

  it('restoration tables follow the HAZUS-MH technical manual', () => {
    expect(SUBSTATION_RESTORATION_DAYS.map((r) => r.meanDays)).toEqual([1, 3, 7, 30]);
    expect(SUBSTATION_RESTORATION_DAYS.map((r) => r.sdDays)).toEqual([0.5, 1.5, 3.5, 15]);
    expect(BRIDGE_RESTORATION_DAYS.map((r) => r.meanDays)).toEqual([0.6, 2.5, 75, 230]);
    expect(BRIDGE_RESTORATION_DAYS.map((r) => r.sdDays)).toEqual([0.6, 2.7, 42, 110]);
    expect(SUBSTATION_RESTORATION_DAYS.map((r) => r.damageState)).toEqual([1, 2, 3, 4]);
  });
});

describe('damageStateProbabilities', () => {
  it('sums to 1 and is all DS0 at zero shaking', () => {
    const curve = SUBSTATION_FRAGILITY['medium-anchored'];
    expect(damageStateProbabilities(curve, 0)).toEqual([1, 0, 0, 0, 0]);
    for (const pga of [0.05, 0.15, 0.3, 0.7, 2]) {
      const p = damageStateProbabilities(curve, pga);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
      for (const q of p) expect(q).toBeGreaterThanOrEqual(0);
    }
  });

  it('gives 50 % exceedance of a state at its median', () => {
    const curve = SUBSTATION_FRAGILITY['high-unanchored'];
    const p = damageStateProbabilities(curve, curve.medians[1]);
    expect(p[2] + p[3] + p[4]).toBeCloseTo(0.5, 14);
  });

  it('stays ordered where curves with different betas cross', () => {
    // low-voltage-anchored: DS1 β 0.70 and DS2 β 0.55 cross near 4.5 g.
    const p = damageStateProbabilities(SUBSTATION_FRAGILITY['low-anchored'], 20);
    for (const q of p) expect(q).toBeGreaterThanOrEqual(0);
  });
});

describe('sampleDamageState', () => {
  it('returns states whose frequencies match the probabilities', () => {
    const curve = CELL_SITE_FRAGILITY.ordinary;
    const pga = 0.4;
    const p = damageStateProbabilities(curve, pga);
    const counts = [0, 0, 0, 0, 0];
    const n = 100_000;
    for (let i = 0; i < n; i++) counts[sampleDamageState(curve, pga, (i + 0.5) / n)]++;
    for (let k = 0; k < 5; k++) expect(counts[k] / n).toBeCloseTo(p[k], 4);
  });

  it('maps u to the highest state whose exceedance exceeds it', () => {
    const curve = BRIDGE_FRAGILITY['conventional-multi-span'];
    expect(sampleDamageState(curve, 0.25, 0.0)).toBe(4);
    expect(sampleDamageState(curve, 0.25, 0.49)).toBe(1);
    expect(sampleDamageState(curve, 0.25, 0.51)).toBe(0);
    expect(sampleDamageState(curve, 0, 0)).toBe(0);
  });
});

describe('floodDamageFraction', () => {
  it('interpolates the HAZUS substation depth-damage points', () => {
    expect(floodDamageFraction(SUBSTATION_FLOOD_DAMAGE, 0)).toBe(0);
    expect(floodDamageFraction(SUBSTATION_FLOOD_DAMAGE, 3 * 0.3048)).toBeCloseTo(0.06, 12);
    expect(floodDamageFraction(SUBSTATION_FLOOD_DAMAGE, 3.5 * 0.3048)).toBeCloseTo(0.065, 12);
    expect(floodDamageFraction(SUBSTATION_FLOOD_DAMAGE, 10)).toBe(0.15);
    expect(floodDamageFraction(SUBSTATION_FLOOD_DAMAGE, -1)).toBe(0);
    expect(SUBSTATION_FLOOD_DAMAGE.functionLossDepthM).toBe(0.3);
  });
});

describe('cell-site curves above VIII', () => {
  // PGA at the centre of a degree (GB/T 17742-2020: I = 3.17·log10(PGA m/s²) + 6.59), in g.
  const pgaAt = (intensity: number) => 10 ** ((intensity - 6.59) / 3.17) / 9.80665;

  it('keeps VIII where Jishishan put it: about 20 % moderate or worse, 4 % extensive or worse', () => {
    const [, , ds2, ds3, ds4] = damageStateProbabilities(CELL_SITE_FRAGILITY.ordinary, pgaAt(8));
    expect(pgaAt(8)).toBeCloseTo(0.284, 3);
    expect(ds2 + ds3 + ds4).toBeCloseTo(0.203, 2);
    expect(ds3 + ds4).toBeCloseTo(0.044, 2);
  });

  it('breaks about half the sites at IX, not two thirds: 53 % DS2+, 22 % DS3+, 5 % DS4', () => {
    const [, , ds2, ds3, ds4] = damageStateProbabilities(CELL_SITE_FRAGILITY.ordinary, pgaAt(9));
    expect(ds2 + ds3 + ds4).toBeCloseTo(0.53, 2);
    expect(ds3 + ds4).toBeCloseTo(0.22, 2);
    expect(ds4).toBeCloseTo(0.05, 2);
  });
});
