// The statistics of a sweep: small, pure, tested against hand-computed values
// (stats.test.ts). simple-statistics supplies the mean, the sample standard
// deviation and the quantiles; what it lacks (Student's t quantile, the
// Wilson interval, paired differences) is written out here.
import { mean, quantileSorted, sampleStandardDeviation } from 'simple-statistics';

/** A 95 % interval, or why there is none. */
export type Interval = { lo: number; hi: number } | { lo: null; hi: null; why: string };

const Z975 = 1.959963984540054;

/** Two-sided 95 % quantiles of Student's t (t₀.₉₇₅) for 1–30 degrees of freedom, from the standard tables. */
const T975 = [
  12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004, 2.262157, 2.228139, 2.200985, 2.178813, 2.160369, 2.144787,
  2.13145, 2.119905, 2.109816, 2.100922, 2.093024, 2.085963, 2.079614, 2.073873, 2.068658, 2.063899, 2.059539, 2.055529, 2.05183, 2.048407,
  2.04523, 2.042272,
];

/**
 * t₀.₉₇₅ for `df` degrees of freedom: the table up to 30, beyond it the
 * Cornish–Fisher expansion about the normal quantile (error below 1e-5 from
 * 31 on; Abramowitz & Stegun 26.7.5).
 */
export function tQuantile975(df: number): number {
  if (!(df >= 1) || !Number.isInteger(df)) throw new RangeError(`degrees of freedom must be a positive integer, got ${df}`);
  if (df <= T975.length) return T975[df - 1];
  const z = Z975, z3 = z ** 3, z5 = z ** 5, z7 = z ** 7;
  return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3);
}

/** Fewest values for a t interval: with one value there is no spread to measure. */
export const MIN_N_FOR_INTERVAL = 2;

export interface MeanSummary {
  n: number;
  mean: number | null;
  sd: number | null;
  /** 95 % t interval of the mean. */
  ci95: Interval;
}

/** Mean and its 95 % interval (t-based, which assumes the mean is about normal: fine for sums of many effects, rough below ~10 runs). */
export function meanWithInterval(values: readonly number[]): MeanSummary {
  const n = values.length;
  if (n === 0) return { n, mean: null, sd: null, ci95: { lo: null, hi: null, why: 'no values' } };
  const m = mean(values as number[]);
  if (n < MIN_N_FOR_INTERVAL) return { n, mean: m, sd: null, ci95: { lo: null, hi: null, why: `N = ${n} is too small for an interval (needs ${MIN_N_FOR_INTERVAL})` } };
  const sd = sampleStandardDeviation(values as number[]);
  const half = (tQuantile975(n - 1) * sd) / Math.sqrt(n);
  return { n, mean: m, sd, ci95: { lo: m - half, hi: m + half } };
}

export interface Percentiles {
  p10: number | null;
  p50: number | null;
  p90: number | null;
}

/** P10/P50/P90 by linear interpolation between order statistics (Hyndman & Fan type 7, simple-statistics' quantileSorted). */
export function percentiles(values: readonly number[]): Percentiles {
  if (values.length === 0) return { p10: null, p50: null, p90: null };
  const sorted = [...values].sort((a, b) => a - b);
  return { p10: quantileSorted(sorted, 0.1), p50: quantileSorted(sorted, 0.5), p90: quantileSorted(sorted, 0.9) };
}

export interface Proportion {
  k: number;
  n: number;
  p: number | null;
  /** 95 % Wilson score interval: unlike p ± 1.96·se it stays inside [0, 1] and is honest at 0 of N and N of N. */
  ci95: Interval;
}

export function wilson(k: number, n: number): Proportion {
  if (n === 0) return { k, n, p: null, ci95: { lo: null, hi: null, why: 'no runs' } };
  const p = k / n;
  const z2 = Z975 * Z975;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (Z975 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { k, n, p, ci95: { lo: Math.max(0, centre - half), hi: Math.min(1, centre + half) } };
}

export interface PairedDifference extends MeanSummary {
  /** Seeds where the variant did better than the baseline, as a share of the pairs. */
  winShare: number | null;
  /** Share of pairs with exactly the same value. */
  tieShare: number | null;
  /**
   * About how many pairs would make the 95 % interval exclude zero if the
   * mean and spread stayed as they are: (1.96·sd / |mean|)², rounded up.
   * null when there is no spread to go on or no difference at all.
   */
  pairsToResolve: number | null;
  /** The interval excludes zero. */
  resolved: boolean;
}

/**
 * Paired differences variant − baseline over the seeds both have (common
 * random numbers make the pairs correlated, so this interval is far narrower
 * than comparing two means). `higherIsBetter` decides what counts as a win.
 */
export function pairedDifference(variant: ReadonlyMap<number, number>, base: ReadonlyMap<number, number>, higherIsBetter: boolean): PairedDifference {
  const diffs: number[] = [];
  for (const [seed, v] of [...variant].sort((a, b) => a[0] - b[0])) {
    const b = base.get(seed);
    if (b !== undefined) diffs.push(v - b);
  }
  const m = meanWithInterval(diffs);
  const n = diffs.length;
  const wins = diffs.filter((d) => (higherIsBetter ? d > 0 : d < 0)).length;
  const ties = diffs.filter((d) => d === 0).length;
  const resolved = m.ci95.lo !== null && (m.ci95.lo > 0 || m.ci95.hi < 0);
  const pairsToResolve = m.sd !== null && m.sd > 0 && m.mean !== null && m.mean !== 0 ? Math.ceil(((Z975 * m.sd) / Math.abs(m.mean)) ** 2) : null;
  return { ...m, winShare: n ? wins / n : null, tieShare: n ? ties / n : null, pairsToResolve, resolved };
}

/** Ranks 1..n, ties given the mean of the ranks they span. */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    for (let k = i; k <= j; k++) ranks[order[k][1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return ranks;
}

/**
 * Spearman's rank correlation (Pearson's on average ranks, so ties are
 * handled): how consistently an outcome rises or falls with a parameter.
 * null below 3 pairs or when either side does not vary.
 */
export function spearman(xs: readonly number[], ys: readonly number[]): number | null {
  const n = Math.min(xs.length, ys.length);
  if (n < 3) return null;
  const rx = averageRanks(xs.slice(0, n)), ry = averageRanks(ys.slice(0, n));
  const mx = rx.reduce((a, b) => a + b, 0) / n, my = ry.reduce((a, b) => a + b, 0) / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (rx[i] - mx) * (ry[i] - my);
    sxx += (rx[i] - mx) ** 2;
    syy += (ry[i] - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
}
