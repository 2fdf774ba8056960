// The sweep's statistics against values worked out by hand (and checked
// against published tables) on small fixed tables.
import { describe, expect, it } from 'vitest';
import { meanWithInterval, pairedDifference, percentiles, tQuantile975, wilson } from './stats.ts';

describe('sweep statistics', () => {
  it('t quantiles: the table and the expansion beyond it', () => {
    expect(tQuantile975(1)).toBeCloseTo(12.7062, 4);
    expect(tQuantile975(7)).toBeCloseTo(2.3646, 4);
    // Beyond the table: published t₀.₉₇₅ for 40, 60, 120 degrees of freedom.
    expect(tQuantile975(40)).toBeCloseTo(2.021075, 5);
    expect(tQuantile975(60)).toBeCloseTo(2.000298, 5);
    expect(tQuantile975(120)).toBeCloseTo(1.97993, 5);
    expect(() => tQuantile975(0)).toThrow(RangeError);
  });

  it('mean with a 95 % t interval on [2,4,4,4,5,5,7,9]', () => {
    // mean 5, sd √(32/7) = 2.138090, half-width 2.364624 · 2.138090 / √8 = 1.787510
    const m = meanWithInterval([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(m.mean).toBe(5);
    expect(m.sd).toBeCloseTo(2.13809, 5);
    expect(m.ci95.lo).toBeCloseTo(3.21249, 4);
    expect(m.ci95.hi).toBeCloseTo(6.78751, 4);
  });

  it('says plainly when N is too small for an interval', () => {
    const one = meanWithInterval([3]);
    expect(one.mean).toBe(3);
    expect(one.ci95).toEqual({ lo: null, hi: null, why: 'N = 1 is too small for an interval (needs 2)' });
    expect(meanWithInterval([]).mean).toBeNull();
  });

  it('P10/P50/P90 interpolate between order statistics', () => {
    // sorted 2 4 4 4 5 5 7 9: positions 0.7, 3.5, 6.3 → 3.4, 4.5, 7.6
    const p = percentiles([9, 4, 2, 5, 4, 7, 4, 5]);
    expect(p.p10).toBeCloseTo(3.4, 10);
    expect(p.p50).toBeCloseTo(4.5, 10);
    expect(p.p90).toBeCloseTo(7.6, 10);
    expect(percentiles([])).toEqual({ p10: null, p50: null, p90: null });
  });

  it('Wilson interval: 8 of 10, 0 of 10, 10 of 10', () => {
    const w = wilson(8, 10);
    expect(w.p).toBe(0.8);
    expect(w.ci95.lo).toBeCloseTo(0.4902, 4);
    expect(w.ci95.hi).toBeCloseTo(0.9433, 4);
    expect(wilson(0, 10).ci95.lo).toBe(0);
    expect(wilson(0, 10).ci95.hi).toBeCloseTo(0.2775, 4);
    expect(wilson(10, 10).ci95.hi).toBeCloseTo(1, 12);
    expect(wilson(0, 0).p).toBeNull();
  });

  it('paired differences use only the seeds both have, and count wins by direction', () => {
    const variant = new Map([[1, 10], [2, 12], [3, 11]]);
    const base = new Map([[1, 9], [2, 9], [3, 10], [4, 100]]);
    // diffs 1 3 1: mean 5/3, sd √(4/3) = 1.154701, half-width 4.302653 · 1.154701 / √3 = 2.868435
    const d = pairedDifference(variant, base, true);
    expect(d.n).toBe(3);
    expect(d.mean).toBeCloseTo(5 / 3, 10);
    expect(d.ci95.lo).toBeCloseTo(-1.201768, 5);
    expect(d.ci95.hi).toBeCloseTo(4.535102, 5);
    expect(d.resolved).toBe(false);
    expect(d.winShare).toBe(1);
    expect(d.tieShare).toBe(0);
    // (1.959964 · 1.154701 / 1.666667)² = 1.84 → 2 pairs
    expect(d.pairsToResolve).toBe(2);
    expect(pairedDifference(variant, base, false).winShare).toBe(0);
  });
});
