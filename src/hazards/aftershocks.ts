// Stochastic aftershock sequences: Omori–Utsu in time, Gutenberg–Richter in
// size, Båth's law for the largest. The expected number of
// aftershocks at or above minMagnitude over the whole sequence is
// 10^(b·(M − 1.2 − minMagnitude)) (the largest is about M − 1.2); the share
// falling inside the window follows Omori–Utsu's cumulative rate. Draws come
// from a uniform source passed in (the `hazard` stream), so a given seed
// always gives the same sequence.
import { exp, log, poissonQuantile, pow } from '../core/dmath.ts';

export interface AftershockModel {
  durationHours: number;
  minMagnitude: number;
  p: number;
  cHours: number;
  b: number;
}

export const BATH_DELTA_M = { value: 1.2, source: "Båth's law (largest aftershock ≈ mainshock − 1.2)" } as const;

/** Cumulative Omori–Utsu rate shape ∫0^t (t' + c)^-p dt' (unnormalised). */
function omoriIntegral(tHours: number, cHours: number, p: number): number {
  if (Math.abs(p - 1) < 1e-9) return log((tHours + cHours) / cHours);
  return (pow(cHours, 1 - p) - pow(tHours + cHours, 1 - p)) / (p - 1);
}

/** Inverse of the normalised Omori–Utsu CDF on [0, T]. */
function omoriTimeHours(u: number, model: AftershockModel, totalIntegral: number): number {
  const { cHours: c, p } = model;
  const target = u * totalIntegral;
  if (Math.abs(p - 1) < 1e-9) return c * exp(target) - c;
  return pow(pow(c, 1 - p) - target * (p - 1), 1 / (1 - p)) - c;
}

/** Magnitude from a Gutenberg–Richter law truncated to [min, max]. */
function grMagnitude(u: number, b: number, min: number, max: number): number {
  const span = 1 - pow(10, -b * (max - min));
  return min - log(1 - u * span) / (b * log(10));
}

export interface DrawnAftershock {
  tSecAfter: number;
  ms: number;
  /** Offset from the mainshock epicentre along and across the strike, metres. */
  alongM: number;
  acrossM: number;
}

/**
 * Draws a sequence for a mainshock of magnitude ms. Epicentres scatter along
 * the rupture: uniformly along a length of 10^(0.5·M − 1.8) km (an
 * assumption in the spirit of Wells & Coppersmith) and ±20 % of it across.
 */
export function drawAftershocks(ms: number, model: AftershockModel, uniform: () => number): DrawnAftershock[] {
  const maxM = ms - BATH_DELTA_M.value;
  if (maxM <= model.minMagnitude) return [];
  const expectedTotal = pow(10, model.b * (maxM - model.minMagnitude));
  const windowShare = omoriIntegral(model.durationHours, model.cHours, model.p) / omoriIntegral(24 * 365, model.cHours, model.p);
  const count = poissonQuantile(expectedTotal * windowShare, uniform());
  const windowIntegral = omoriIntegral(model.durationHours, model.cHours, model.p);
  const ruptureM = pow(10, 0.5 * ms - 1.8) * 1000;
  const shocks: DrawnAftershock[] = [];
  for (let i = 0; i < count; i++) {
    const tHours = omoriTimeHours(uniform(), model, windowIntegral);
    const magnitude = i === 0 ? maxM : grMagnitude(uniform(), model.b, model.minMagnitude, maxM);
    shocks.push({
      tSecAfter: Math.max(1, Math.round(tHours * 3600)),
      ms: magnitude,
      alongM: (uniform() - 0.5) * ruptureM,
      acrossM: (uniform() - 0.5) * 0.4 * ruptureM,
    });
  }
  return shocks.sort((a, b) => a.tSecAfter - b.tSecAfter || b.ms - a.ms);
}
