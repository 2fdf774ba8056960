// Helpers shared by the scenario build scripts (build-jishishan.ts,
// build-mountain-flood.ts). Deterministic: every random draw comes from the
// script's own seeded generator, passed in.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { mulberry32 } from '../../src/core/mulberry32.ts';
import type { Operator } from '../../src/model/scenario-format.ts';

export type LL = [number, number];

export const round5 = (x: number): number => Math.round(x * 1e5) / 1e5;
export const round1 = (x: number): number => Math.round(x * 10) / 10;
export const rll = (p: LL): LL => [round5(p[0]), round5(p[1])];

export function ringAreaSigned(ring: LL[]): number {
  let s = 0;
  for (let i = 1; i < ring.length; i++) s += ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1];
  return s / 2;
}

/** Rounded, closed and counter-clockwise (RFC 7946 outer ring). */
export function closeRing(points: LL[]): LL[] {
  const ring = points.map(rll);
  ring.push([ring[0][0], ring[0][1]]);
  return ringAreaSigned(ring) < 0 ? ring.reverse() : ring;
}

export function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(value, null, 1) + '\n');
}

/** Splits a whole `total` by weights, largest remainders first, so the parts sum exactly. */
export function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const parts = raw.map(Math.floor);
  let left = total - parts.reduce((s, x) => s + x, 0);
  const order = raw.map((r, i) => ({ i, frac: r - Math.floor(r) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k].i]++;
  return parts;
}

export const ALL_OPS: Operator[] = ['cmcc', 'cucc', 'ctcc'];

/** The random helpers and the draws that depend on them, for one seed. */
export function randomKit(seed: number) {
  const rand = mulberry32(seed);
  const uniform = (lo: number, hi: number): number => lo + (hi - lo) * rand();
  const chance = (p: number): boolean => rand() < p;
  function pickWeighted<T>(items: readonly T[], weights: readonly number[]): T {
    const total = weights.reduce((s, w) => s + w, 0);
    let r = rand() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i];
      if (r < 0) return items[i];
    }
    return items[items.length - 1];
  }
  /** Which operators a tower carries, by environment (shares are assumptions, stated in the scenarios' metadata). */
  function chooseOperators(env: 'urban' | 'suburban' | 'rural'): Operator[] {
    const shareP = { urban: [0.25, 0.3, 0.45], suburban: [0.3, 0.35, 0.35], rural: [0.5, 0.35, 0.15] }[env];
    const n = pickWeighted([1, 2, 3], shareP);
    if (n === 3) return ALL_OPS.slice();
    if (n === 2) return pickWeighted<Operator[]>([['cmcc', 'ctcc'], ['cmcc', 'cucc'], ['cucc', 'ctcc']], [0.4, 0.3, 0.3]);
    return [pickWeighted<Operator>(ALL_OPS, [0.55, 0.2, 0.25])];
  }
  /** Site load: 1.3 kW per 4G system, 3.3–4.9 kW per 5G system (models.md §3). */
  function siteLoadKw(ops: Operator[], has5g: boolean): number {
    let kw = 1.3 * ops.length;
    if (has5g) {
      const systems = (ops.includes('cmcc') ? 1 : 0) + (ops.includes('cucc') || ops.includes('ctcc') ? 1 : 0);
      for (let i = 0; i < systems; i++) kw += uniform(3.3, 4.9);
    }
    return round1(kw);
  }
  return { rand, uniform, chance, pickWeighted, chooseOperators, siteLoadKw };
}
