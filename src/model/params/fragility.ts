// Fragility, restoration and depth-damage tables (HAZUS-MH), each row with
// its source. Rows marked `assumption: true` are the project's own numbers,
// not published ones, and must be shown as such to planners.
import { lognormalCdf } from '../../core/dmath.ts';

/** Damage states DS0 none, DS1 slight, DS2 moderate, DS3 extensive, DS4 complete. */
export type DamageState = 0 | 1 | 2 | 3 | 4;

/** Four values, one per damage state DS1..DS4. */
export type PerDamageState = readonly [number, number, number, number];

/** What a curve's x measures: PGA (g), Sa at 1.0 s (g), or permanent ground deformation (inches). */
export type GroundMotionMeasure = 'pgaG' | 'sa10G' | 'pgdIn';

/** HAZUS-style lognormal fragility: P(DS ≥ k | x) = Φ(ln(x/median_k)/β_k). */
export interface FragilityCurve {
  readonly id: string;
  readonly label: string;
  readonly measure: GroundMotionMeasure;
  readonly medians: PerDamageState;
  readonly betas: PerDamageState;
  readonly assumption: boolean;
  readonly source: string;
}

/** Restoration time for one damage state: normal distribution in days, HAZUS style. */
export interface RestorationTime {
  readonly damageState: 1 | 2 | 3 | 4;
  readonly meanDays: number;
  readonly sdDays: number;
  readonly assumption: boolean;
  readonly source: string;
}

const HAZUS_SIMCENTER =
  'HAZUS-MH earthquake technical manual, as encoded in NHERI-SimCenter Hazus v5.1 fragility library';

const sameBeta = (beta: number): PerDamageState => [beta, beta, beta, beta];

function restorationRows(meanDays: PerDamageState, sdDays: PerDamageState): readonly RestorationTime[] {
  return ([1, 2, 3, 4] as const).map((damageState) => ({
    damageState,
    meanDays: meanDays[damageState - 1],
    sdDays: sdDays[damageState - 1],
    assumption: false,
    source: HAZUS_SIMCENTER,
  }));
}

// ---------------------------------------------------------------------------
// Electric substations (x = PGA in g)

export type SubstationClass =
  | 'low-anchored'
  | 'low-unanchored'
  | 'medium-anchored'
  | 'medium-unanchored'
  | 'high-anchored'
  | 'high-unanchored';

export const SUBSTATION_FRAGILITY: Readonly<Record<SubstationClass, FragilityCurve>> = {
  'low-anchored': {
    id: 'low-anchored', label: 'Low-voltage substation, anchored components', measure: 'pgaG',
    medians: [0.15, 0.29, 0.45, 0.9], betas: [0.7, 0.55, 0.45, 0.45], assumption: false, source: HAZUS_SIMCENTER,
  },
  'low-unanchored': {
    id: 'low-unanchored', label: 'Low-voltage substation, unanchored components', measure: 'pgaG',
    medians: [0.13, 0.26, 0.34, 0.74], betas: [0.65, 0.5, 0.4, 0.4], assumption: false, source: HAZUS_SIMCENTER,
  },
  'medium-anchored': {
    id: 'medium-anchored', label: 'Medium-voltage substation, anchored components', measure: 'pgaG',
    medians: [0.15, 0.25, 0.35, 0.7], betas: [0.6, 0.5, 0.4, 0.4], assumption: false, source: HAZUS_SIMCENTER,
  },
  'medium-unanchored': {
    id: 'medium-unanchored', label: 'Medium-voltage substation, unanchored components', measure: 'pgaG',
    medians: [0.1, 0.2, 0.3, 0.5], betas: [0.6, 0.5, 0.4, 0.4], assumption: false, source: HAZUS_SIMCENTER,
  },
  'high-anchored': {
    id: 'high-anchored', label: 'High-voltage substation, anchored components', measure: 'pgaG',
    medians: [0.11, 0.15, 0.2, 0.47], betas: [0.5, 0.45, 0.35, 0.4], assumption: false, source: HAZUS_SIMCENTER,
  },
  'high-unanchored': {
    id: 'high-unanchored', label: 'High-voltage substation, unanchored components', measure: 'pgaG',
    medians: [0.09, 0.13, 0.17, 0.38], betas: [0.5, 0.4, 0.35, 0.35], assumption: false, source: HAZUS_SIMCENTER,
  },
};

/** Indexed by damage state − 1 (row 0 is DS1). */
export const SUBSTATION_RESTORATION_DAYS: readonly RestorationTime[] = restorationRows([1, 3, 7, 30], [0.5, 1.5, 3.5, 15]);

// ---------------------------------------------------------------------------
// Highway bridges (x = Sa(1.0 s) in g, β = 0.6)

export type BridgeClass = 'conventional-multi-span' | 'seismically-designed' | 'single-span';

export const BRIDGE_FRAGILITY: Readonly<Record<BridgeClass, FragilityCurve>> = {
  'conventional-multi-span': {
    id: 'conventional-multi-span', label: 'Conventional multi-span bridge (HWB5-type)', measure: 'sa10G',
    medians: [0.25, 0.35, 0.45, 0.7], betas: sameBeta(0.6), assumption: false, source: HAZUS_SIMCENTER,
  },
  'seismically-designed': {
    id: 'seismically-designed', label: 'Seismically designed multi-span bridge (HWB7-type)', measure: 'sa10G',
    medians: [0.5, 0.8, 1.1, 1.7], betas: sameBeta(0.6), assumption: false, source: HAZUS_SIMCENTER,
  },
  'single-span': {
    id: 'single-span', label: 'Single-span bridge (HWB3-type)', measure: 'sa10G',
    medians: [0.8, 1.0, 1.2, 1.7], betas: sameBeta(0.6), assumption: false, source: HAZUS_SIMCENTER,
  },
};

/** Indexed by damage state − 1 (row 0 is DS1). */
export const BRIDGE_RESTORATION_DAYS: readonly RestorationTime[] = restorationRows([0.6, 2.5, 75, 230], [0.6, 2.7, 42, 110]);

// ---------------------------------------------------------------------------
// Roads (x = permanent ground deformation in inches, β = 0.7). HAZUS gives
// one median for DS3 and DS4 together, so both states share it.

export type RoadClass = 'major-road' | 'urban-two-lane';

export const ROAD_PGD_FRAGILITY: Readonly<Record<RoadClass, FragilityCurve>> = {
  'major-road': {
    id: 'major-road', label: 'Major road (ground deformation)', measure: 'pgdIn',
    medians: [12, 24, 60, 60], betas: sameBeta(0.7), assumption: false, source: HAZUS_SIMCENTER,
  },
  'urban-two-lane': {
    id: 'urban-two-lane', label: 'Urban two-lane road (ground deformation)', measure: 'pgdIn',
    medians: [6, 12, 24, 24], betas: sameBeta(0.7), assumption: false, source: HAZUS_SIMCENTER,
  },
};

// ---------------------------------------------------------------------------
// Cell-site equipment (x = PGA in g). HAZUS has no cell-tower class, so these
// are the project's own HAZUS-style curves. The hardened super base station is
// designed one intensity degree above local code; PGA roughly doubles per
// degree (GB/T 17742-2020 bands), hence medians × 2.

export type CellSiteClass = 'ordinary' | 'superBaseStation';

// Medians were set so that, in the Jishishan replay, physical damage is a
// minority of outages (about one site in ten) and power loss dominates, as
// observed there and at Changning 2019 (all 133 outages from power loss).
const CELL_SITE_ASSUMPTION =
  'assumption: HAZUS-style lognormal curve chosen by the project (HAZUS has no cell-tower class), calibrated so damage is a minority of outages (outages at Jishishan 2023 were mostly power loss; official figures as reported by news media)';

export const CELL_SITE_FRAGILITY: Readonly<Record<CellSiteClass, FragilityCurve>> = {
  ordinary: {
    id: 'ordinary', label: 'Cell-site equipment, ordinary site', measure: 'pgaG',
    medians: [0.2, 0.45, 0.8, 1.5], betas: sameBeta(0.6), assumption: true, source: CELL_SITE_ASSUMPTION,
  },
  superBaseStation: {
    id: 'superBaseStation', label: 'Cell-site equipment, hardened super base station (one degree above code)', measure: 'pgaG',
    medians: [0.4, 0.9, 1.6, 3.0], betas: sameBeta(0.6), assumption: true,
    source: `${CELL_SITE_ASSUMPTION}; medians × 2 = one intensity degree (PGA doubles per degree, GB/T 17742-2020)`,
  },
};

// ---------------------------------------------------------------------------
// Flood

/** Damage (% of replacement value) at depths 0, 1, …, 10 ft above grade; constant beyond the last point. */
export interface DepthDamageCurve {
  readonly id: string;
  readonly depthFt: readonly number[];
  readonly damagePct: readonly number[];
  /** Depth (m) at which equipment at grade stops working, whatever the damage fraction. */
  readonly functionLossDepthM: number;
  readonly assumption: boolean;
  readonly source: string;
}

export const SUBSTATION_FLOOD_DAMAGE: DepthDamageCurve = {
  id: 'substation',
  depthFt: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
  damagePct: [0, 2, 4, 6, 7, 8, 9, 10, 12, 14, 15],
  functionLossDepthM: 0.3,
  assumption: false,
  source:
    'HAZUS flood utility damage functions (substation; control room at grade is the weak point); ' +
    'control vaults and cabinets at grade lose function at about 1 ft (0.3 m)',
};

/** Water depth (m) at which ordinary vehicles stop. */
export const ROAD_FLOOD_IMPASSABLE_DEPTH = {
  depthM: 0.3,
  assumption: true,
  source: 'assumption: ordinary vehicles stop at about 0.3 m of water',
} as const;

const METRES_PER_FOOT = 0.3048;

/** Damage fraction (0–1) at a water depth above grade, linear between the table's points. */
export function floodDamageFraction(curve: DepthDamageCurve, depthM: number): number {
  const ft = depthM / METRES_PER_FOOT;
  const { depthFt, damagePct } = curve;
  if (!(ft > depthFt[0])) return damagePct[0] / 100;
  const last = depthFt.length - 1;
  if (ft >= depthFt[last]) return damagePct[last] / 100;
  let i = 0;
  while (ft > depthFt[i + 1]) i++;
  const t = (ft - depthFt[i]) / (depthFt[i + 1] - depthFt[i]);
  return (damagePct[i] + t * (damagePct[i + 1] - damagePct[i])) / 100;
}

// ---------------------------------------------------------------------------
// Damage-state probabilities

/**
 * P(DS ≥ k) for k = 1..4. Curves with different β can cross at extreme x,
 * which would make a higher state more likely than a lower one; a running
 * minimum keeps the exceedances ordered, as HAZUS implementations do.
 */
function exceedances(curve: FragilityCurve, x: number): PerDamageState {
  let previous = 1;
  const e = curve.medians.map((median, k) => {
    const p = lognormalCdf(x, median, curve.betas[k]);
    previous = p < previous ? p : previous;
    return previous;
  });
  return [e[0], e[1], e[2], e[3]];
}

/** [P(DS0), P(DS1), P(DS2), P(DS3), P(DS4)] at ground-motion x (in the curve's measure). */
export function damageStateProbabilities(curve: FragilityCurve, x: number): readonly [number, number, number, number, number] {
  const [e1, e2, e3, e4] = exceedances(curve, x);
  return [1 - e1, e1 - e2, e2 - e3, e3 - e4, e4];
}

/**
 * Damage state for one uniform draw u in [0, 1): the highest k with u < P(DS ≥ k),
 * so P(result ≥ k) = P(DS ≥ k) exactly.
 */
export function sampleDamageState(curve: FragilityCurve, x: number, u: number): DamageState {
  // The exceedances never rise with the damage state, so a draw at or above
  // the first one is undamaged whatever the others are: most assets under
  // most aftershocks end here, one distribution function instead of four.
  const first = lognormalCdf(x, curve.medians[0], curve.betas[0]);
  if (u >= (first < 1 ? first : 1)) return 0;
  const e = exceedances(curve, x);
  if (u < e[3]) return 4;
  if (u < e[2]) return 3;
  if (u < e[1]) return 2;
  if (u < e[0]) return 1;
  return 0;
}
