import { describe, expect, it } from 'vitest';
import { hataPathLossDb, hataRadiusKm, linkBudgetRadiusM } from './radio.ts';

describe('COST-231 Hata link budget', () => {
  it('gives the COST-231 Hata / Okumura–Hata worked radii at 1800 MHz, 30 m mast, 1.5 m handset, 140 dB', () => {
    // Worked example: urban ≈ 1.3 km, suburban ≈ 2.8 km, rural ≈ 10 km.
    expect(hataRadiusKm('urban', 140)).toBeCloseTo(1.3, 1);
    expect(hataRadiusKm('suburban', 140)).toBeCloseTo(2.8, 1);
    expect(hataRadiusKm('rural', 140)).toBeGreaterThan(9.5);
    expect(hataRadiusKm('rural', 140)).toBeLessThan(10.5);
  });

  it('is consistent: the loss at the radius is the budget', () => {
    for (const env of ['urban', 'suburban', 'rural'] as const) {
      expect(hataPathLossDb(env, hataRadiusKm(env, 140))).toBeCloseTo(140, 9);
    }
  });

  it('pins the urban loss at 1 km by hand: 46.3 + 33.9·log1800 − 13.82·log30 − a(1.5)', () => {
    // log10(1800) = 3.2552725, log10(30) = 1.4771213, a(1.5) = (1.1·3.2552725 − 0.7)·1.5 − (1.56·3.2552725 − 0.8) = 0.0427
    expect(hataPathLossDb('urban', 1)).toBeCloseTo(46.3 + 33.9 * 3.2552725 - 13.82 * 1.4771213 - 0.0427, 2);
  });

  it('shrinks rural cells in mountain terrain (assumption: 20 dB extra loss)', () => {
    expect(linkBudgetRadiusM('rural', 'open')).toBeGreaterThan(9500);
    expect(linkBudgetRadiusM('rural', 'mountain')).toBeGreaterThan(2400);
    expect(linkBudgetRadiusM('rural', 'mountain')).toBeLessThan(3000);
    expect(linkBudgetRadiusM('urban', 'mountain')).toBe(linkBudgetRadiusM('urban', 'open'));
  });
});
