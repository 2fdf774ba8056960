// Seeded randomness for the generators: one mulberry32 stream per generator,
// passed in explicitly, and the draws built on it. No Math.random anywhere.
import { exp, normInv } from '../../src/core/dmath.ts';
import { mulberry32 } from '../../src/core/mulberry32.ts';

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  uniform(lo: number, hi: number): number;
  /** An integer in 0 … n−1. */
  int(n: number): number;
  chance(p: number): boolean;
  /** Standard normal, by the inverse CDF (one draw). */
  normal(): number;
  lognormal(median: number, sigma: number): number;
  pick<T>(items: readonly T[]): T;
  pickWeighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** A uniformly random unit vector (rejection in the unit disc; no trigonometry). */
  direction(): [number, number];
}

export function seededRandom(seed: number): Random {
  const next = mulberry32(seed);
  const uniform = (lo: number, hi: number): number => lo + (hi - lo) * next();
  const int = (n: number): number => Math.floor(next() * n);
  const normal = (): number => normInv(Math.min(1 - 1e-12, Math.max(1e-12, next())));
  return {
    next,
    uniform,
    int,
    chance: (p) => next() < p,
    normal,
    lognormal: (median, sigma) => median * exp(sigma * normal()),
    pick: (items) => items[int(items.length)],
    pickWeighted<T>(items: readonly T[], weights: readonly number[]): T {
      let total = 0;
      for (const w of weights) total += w;
      let r = next() * total;
      for (let i = 0; i < items.length; i++) {
        r -= weights[i];
        if (r < 0) return items[i];
      }
      return items[items.length - 1];
    },
    direction(): [number, number] {
      for (;;) {
        const x = 2 * next() - 1;
        const y = 2 * next() - 1;
        const r2 = x * x + y * y;
        if (r2 > 1e-4 && r2 <= 1) {
          const r = Math.sqrt(r2);
          return [x / r, y / r];
        }
      }
    },
  };
}

/**
 * Splits a whole `total` by `weights` so the parts sum exactly: floors first,
 * then one more to the largest remainders, ties to the lower index. All-zero
 * weights split evenly.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const n = weights.length;
  if (n === 0 || total <= 0) return weights.map(() => 0);
  let sum = 0;
  for (const w of weights) sum += w;
  const ws = sum > 0 ? weights : weights.map(() => 1);
  if (sum <= 0) sum = n;
  const exact = ws.map((w) => (total * w) / sum);
  const out = exact.map((e) => Math.floor(e));
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((_, i) => i).sort((i, j) => exact[j] - out[j] - (exact[i] - out[i]) || i - j);
  for (let k = 0; left > 0; k++, left--) out[order[k % n]]++;
  return out;
}
