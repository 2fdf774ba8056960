// Infrastructure parameters that are ours, not a published source's. Each row
// says so. Published fragility curves live in src/hazards/fragility-tables.ts.

export const SITE_POWER = {
  /** Rectifiers recharge a bank in about ten hours (C/10). */
  rechargeHoursFromEmpty: { value: 10, source: 'assumption: typical C/10 rectifier charging current limit' },
  /** Below this the bank is treated as empty (cut-off voltage reached). */
  emptyKwh: { value: 1e-9, source: 'numerical tolerance' },
} as const;

/**
 * 10 kV distribution feeders: probability that a feeder trips in a shock of a
 * given intensity, and how long until it is re-energised. Calibrated so that
 * the Jishishan replay loses mains at roughly 70 % of tower sites within 6 h
 * (observed: 143 of 200, events-public.md) and power is mostly back within a
 * day (observed: > 80 % by T+11 h, all by T+19.3 h).
 */
export const FEEDER_TRIP = {
  /** Piecewise-linear in intensity: [intensity, probability]. */
  probabilityByIntensity: [
    [5.0, 0.0],
    [6.0, 0.3],
    [7.0, 0.6],
    [8.0, 0.8],
    [9.0, 0.95],
  ] as const,
  restorationHours: { mean: 8, sd: 4, min: 1, max: 24 },
  source: 'assumption: calibrated to the 2023 Jishishan outage figures (events-public.md)',
} as const;

/** Site equipment counts as out of service from this damage state (moderate). */
export const SITE_OUT_FROM_DAMAGE_STATE = { value: 2, source: 'assumption: HAZUS-style DS2 (moderate) disables equipment' } as const;
/** Substations stop serving from this damage state. */
export const SUBSTATION_OUT_FROM_DAMAGE_STATE = { value: 2, source: 'assumption: HAZUS functionality drops below half at DS2' } as const;

/** Share of each operator's subscribers among the population. */
export const OPERATOR_SHARE = {
  cmcc: 0.58,
  cucc: 0.18,
  ctcc: 0.24,
  source: 'assumption: rounded national mobile subscriber shares (MIIT statistics, 2023)',
} as const;

/** Default coverage radius when a site gives none (1800 MHz, 30 m mast, 140 dB). */
export const DEFAULT_COVERAGE_RADIUS_M = {
  urban: { value: 1300, source: 'COST-231 Hata worked example, models.md §4' },
  suburban: { value: 2800, source: 'COST-231 Hata worked example, models.md §4' },
  rural: {
    value: 2500,
    source: 'assumption: Hata gives about 10 km on open ground (models.md §4); ridges around valley villages in mountain counties limit a site to a few km',
  },
} as const;

/** Linear interpolation in a [x, y] table, clamped at both ends. */
export function interpolate(table: readonly (readonly [number, number])[], x: number): number {
  if (x <= table[0][0]) return table[0][1];
  for (let i = 1; i < table.length; i++) {
    const [x1, y1] = table[i];
    if (x <= x1) {
      const [x0, y0] = table[i - 1];
      return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
    }
  }
  return table[table.length - 1][1];
}
