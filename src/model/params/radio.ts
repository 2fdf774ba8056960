// COST-231 Hata path loss (1500–2000 MHz) and the cell radius it implies for
// a maximum allowed path loss. Rural uses the Okumura–Hata
// open-area correction, suburban the suburban one. In mountain terrain an
// extra loss (an assumption) stands in for ridges between the mast and the
// valley villages, which Hata's flat-earth model does not see.
import { exp10, log10 } from '../../core/dmath.ts';
import type { Environment } from '../scenario-format.ts';
import { ENVIRONMENTS } from '../world.ts';

export const HATA_LINK_BUDGET = {
  frequencyMhz: { value: 1800, source: 'COST-231 Hata worked example' },
  baseHeightM: { value: 30, source: 'COST-231 Hata worked example' },
  mobileHeightM: { value: 1.5, source: 'COST-231 Hata worked example' },
  maxPathLossDb: { value: 140, source: 'COST-231 Hata worked example' },
  /** Extra loss in mountain terrain, by environment. */
  mountainExtraLossDb: {
    urban: 0,
    suburban: 8,
    rural: 20,
    source: 'assumption: ridge and valley shadowing in mountain counties; turns the 10 km open-area rural radius into about 2.7 km',
  },
} as const;

export interface HataParams {
  frequencyMhz: number;
  baseHeightM: number;
  mobileHeightM: number;
}

function mobileCorrectionDb(p: HataParams): number {
  const lf = log10(p.frequencyMhz);
  return (1.1 * lf - 0.7) * p.mobileHeightM - (1.56 * lf - 0.8);
}

/** Correction subtracted from the urban loss for the environment (dB). */
function environmentCorrectionDb(env: Environment, p: HataParams): number {
  const lf = log10(p.frequencyMhz);
  if (env === 'rural') return 4.78 * lf * lf - 18.33 * lf + 40.94;
  if (env === 'suburban') {
    const l = log10(p.frequencyMhz / 28);
    return 2 * l * l + 5.4;
  }
  return 0;
}

/** Path loss in dB at distance distKm. Urban uses C = 0 (medium city), as in the worked example. */
export function hataPathLossDb(env: Environment, distKm: number, p: HataParams = defaultParams()): number {
  const lf = log10(p.frequencyMhz);
  const lhb = log10(p.baseHeightM);
  const urban = 46.3 + 33.9 * lf - 13.82 * lhb - mobileCorrectionDb(p) + (44.9 - 6.55 * lhb) * log10(distKm);
  return urban - environmentCorrectionDb(env, p);
}

/** Distance at which the path loss reaches maxLossDb (inverting the log-distance term). */
export function hataRadiusKm(env: Environment, maxLossDb: number, p: HataParams = defaultParams()): number {
  const lf = log10(p.frequencyMhz);
  const lhb = log10(p.baseHeightM);
  const lossAt1Km = 46.3 + 33.9 * lf - 13.82 * lhb - mobileCorrectionDb(p) - environmentCorrectionDb(env, p);
  return exp10((maxLossDb - lossAt1Km) / (44.9 - 6.55 * lhb));
}

/** The link budget's numbers: HATA_LINK_BUDGET's shape, with any values (a run's world.params.radio). */
export interface HataLinkBudget {
  readonly frequencyMhz: { readonly value: number };
  readonly baseHeightM: { readonly value: number };
  readonly mobileHeightM: { readonly value: number };
  readonly maxPathLossDb: { readonly value: number };
  readonly mountainExtraLossDb: Readonly<Record<Environment, number>>;
}

function defaultParams(budget: HataLinkBudget = HATA_LINK_BUDGET): HataParams {
  return {
    frequencyMhz: budget.frequencyMhz.value,
    baseHeightM: budget.baseHeightM.value,
    mobileHeightM: budget.mobileHeightM.value,
  };
}

/** Default coverage radius for a site that gives none. */
export function linkBudgetRadiusM(env: Environment, terrain: 'open' | 'mountain', budget: HataLinkBudget = HATA_LINK_BUDGET): number {
  const extra = terrain === 'mountain' ? budget.mountainExtraLossDb[env] : 0;
  return Math.round(hataRadiusKm(env, budget.maxPathLossDb.value - extra, defaultParams(budget)) * 1000);
}

/** Radius for a site that gives none: the COST-231 Hata link budget for its environment and the terrain. */
export function defaultCoverageRadiusM(environmentIndex: number, terrain: 'open' | 'mountain', budget: HataLinkBudget = HATA_LINK_BUDGET): number {
  return linkBudgetRadiusM(ENVIRONMENTS[environmentIndex], terrain, budget);
}
