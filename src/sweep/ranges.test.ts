import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from '../model/params/index.ts';
import { parseVary, rangeVariants } from './ranges.ts';
import { chartsCsv, summariseSweep } from './summary.ts';
import { averageRanks, spearman } from './stats.ts';
import type { SweepRow } from './rows.ts';
import { variantParams } from './variants.ts';

describe('parameter ranges (--vary)', () => {
  it('parses a range and makes one variant per end that changes that number alone', () => {
    const r = parseVary('/infra/GENERATOR_FUEL/fuelHoursFactor/value=0.5..1.5');
    expect(r).toEqual({ ok: true, sweep: { pointer: '/infra/GENERATOR_FUEL/fuelHoursFactor/value', lo: 0.5, hi: 1.5 } });
    if (!r.ok) return;
    const [lo, hi] = rangeVariants([r.sweep]);
    expect([lo.name, hi.name]).toEqual(['GENERATOR_FUEL.fuelHoursFactor-lo', 'GENERATOR_FUEL.fuelHoursFactor-hi']);
    expect(variantParams(lo, 'x').infra.GENERATOR_FUEL.fuelHoursFactor.value).toBe(0.5);
    expect(variantParams(hi, 'x').infra.GENERATOR_FUEL.fuelHoursFactor.value).toBe(1.5);
    expect(variantParams(hi, 'x').infra.GENERATOR_FUEL.loadoutHours).toEqual(DEFAULT_PARAMS.infra.GENERATOR_FUEL.loadoutHours);
    expect(hi.vary).toEqual({ pointer: '/infra/GENERATOR_FUEL/fuelHoursFactor/value', value: 1.5, defaultValue: DEFAULT_PARAMS.infra.GENERATOR_FUEL.fuelHoursFactor.value });
  });

  it('takes the range from PARAM_RANGES when it is closed, and refuses otherwise with the reason', () => {
    expect(parseVary('/flood/ROAD_WASHOUT/beta/value')).toEqual({ ok: true, sweep: { pointer: '/flood/ROAD_WASHOUT/beta/value', lo: 0, hi: 3 } });
    const open = parseVary('/infra/SA1_OVER_PGA/value');
    expect(open.ok === false && open.message).toMatch(/no closed range of its own; give one/);
    const outside = parseVary('/flood/ROAD_WASHOUT/beta/value=0.5..4');
    expect(outside.ok === false && outside.message).toMatch(/=4: 4 is out of range/);
    const derived = parseVary('/movement/FLOODED_ABOVE_M/value=0.1..0.5');
    expect(derived.ok === false && derived.message).toMatch(/follows \/infra\/AT_GRADE_FAILURE_DEPTH_M\/value/);
    const notNumber = parseVary('/infra/GENERATOR_FUEL=1..2');
    expect(notNumber.ok === false && notNumber.message).toMatch(/not a number of the model parameters/);
    const empty = parseVary('/flood/ROAD_WASHOUT/beta/value=0.5..0.2');
    expect(empty.ok === false && empty.message).toMatch(/is empty/);
  });
});

describe('rank correlation', () => {
  it('averages tied ranks', () => {
    expect(averageRanks([10, 20, 20, 5])).toEqual([2, 3.5, 3.5, 1]);
  });

  it('matches hand-computed values', () => {
    expect(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])).toBeCloseTo(0.8208, 4); // ranks y: 1 2 3.5 5 3.5
    expect(spearman([1, 2, 3], [3, 2, 1])).toBe(-1);
    expect(spearman([1, 1, 1], [1, 2, 3])).toBe(null);
    expect(spearman([1, 2], [1, 2])).toBe(null);
  });
});

describe('sensitivity in the summary', () => {
  const row = (variant: string, seed: number, served: number): SweepRow => ({
    format: 'drilltwin/sweep-row@1', variant, seed, scenarioSha256: 'x', untilSec: 3600, score: null, rating: null, pass: null, indicators: {},
    kpis: { populationServedFracMin: served }, finalStateHash: `${variant}${seed}`, wallMs: 1,
  });

  it('gives the outcome at each end, the base, and the rank correlation', () => {
    const r = parseVary('/flood/ROAD_WASHOUT/medianM/value=0.5..3');
    if (!r.ok) throw new Error(r.message);
    const variants = [{ name: 'base' }, ...rangeVariants([r.sweep])];
    // Roads that wash out more easily (a lower median depth), fewer people served: made-up outcomes for the arithmetic.
    const rows = [1, 2, 3].flatMap((s) => [row('base', s, 0.8 + s / 100), row(variants[1].name, s, 0.6 + s / 100), row(variants[2].name, s, 0.9 + s / 100)]);
    const [sens] = summariseSweep('t', variants, rows, null).sensitivity;
    expect(sens).toMatchObject({ pointer: '/flood/ROAD_WASHOUT/medianM/value', metric: 'populationServedFracMin', lo: 0.5, hi: 3, defaultValue: 1.5 });
    expect(sens.atLow).toBeCloseTo(0.62, 12);
    expect(sens.base).toBeCloseTo(0.82, 12);
    expect(sens.atHigh).toBeCloseTo(0.92, 12);
    expect(sens.rankCorrelation).toBeGreaterThan(0.8);
    // The figures' CSV: no hourly series in these rows, one sensitivity line.
    const csv = chartsCsv(summariseSweep('t', variants, rows, null)).trim().split('\n');
    expect(csv).toHaveLength(2);
    expect(csv[1]).toMatch(/^sensitivity:populationServedFracMin,\/flood\/ROAD_WASHOUT\/medianM\/value,,,,,0\.62,0\.82,0\.92,0\.9/);
  });
});
