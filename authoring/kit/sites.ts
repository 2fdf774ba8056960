// The site-sizing model (loads from China Tower analyses: 4G ≈ 1.3 kW, 5G
// 3.3–4.9 kW per system; 48 V batteries at 80 % depth of discharge), one copy
// for every generator: which operators a tower carries, 4G/5G, power draw,
// battery bank, generator, and the backhaul draw. The shares are assumptions; each scenario states them in
// its metadata.
import type { Environment, Operator, SiteProps } from '../../src/model/scenario-format.ts';
import { round1 } from './geometry.ts';
import { apportion, type Random } from './random.ts';

export const ALL_OPS: readonly Operator[] = ['cmcc', 'cucc', 'ctcc'];

/** Which operators a tower carries, by environment. */
export function chooseOperators(rng: Random, env: Environment): Operator[] {
  const shareP = env === 'urban' ? [0.25, 0.3, 0.45] : env === 'suburban' ? [0.3, 0.35, 0.35] : [0.5, 0.35, 0.15];
  const n = rng.pickWeighted([1, 2, 3], shareP);
  if (n === 3) return ALL_OPS.slice();
  if (n === 2) return rng.pickWeighted<Operator[]>([['cmcc', 'ctcc'], ['cmcc', 'cucc'], ['cucc', 'ctcc']], [0.4, 0.3, 0.3]).slice();
  return [rng.pickWeighted<Operator>(ALL_OPS, [0.55, 0.2, 0.25])];
}

/** 4G: 1.3 kW per operator system. 5G: one system for CMCC, one shared by CUCC/CTCC (co-built RAN), 3.3–4.9 kW each. */
export function siteLoadKw(rng: Random, ops: readonly Operator[], has5g: boolean): number {
  let kw = 1.3 * ops.length;
  if (has5g) {
    const systems = (ops.includes('cmcc') ? 1 : 0) + (ops.includes('cucc') || ops.includes('ctcc') ? 1 : 0);
    for (let i = 0; i < systems; i++) kw += rng.uniform(3.3, 4.9);
  }
  return round1(kw);
}

/**
 * Battery bank of a macro site: strings of 48 V lead-acid at 80 % depth of
 * discharge, a quarter old and derated. Operators size banks to a floor of
 * about 2 h and rarely beyond 12 h, so the bank is clamped to that.
 */
export function siteBatteryKwh(rng: Random, ops: readonly Operator[], has5g: boolean, loadKw: number): number {
  const strings =
    ops.length === 1 ? (has5g ? rng.pickWeighted([1, 2], [0.6, 0.4]) : 1) : ops.length === 2 ? rng.pickWeighted([1, 2], [0.5, 0.5]) : has5g ? rng.pickWeighted([2, 3], [0.6, 0.4]) : 2;
  const ah = rng.pickWeighted([300, 400, 500], ops.length === 1 && !has5g ? [0.35, 0.4, 0.25] : [0.1, 0.3, 0.6]);
  const health = rng.chance(0.25) ? rng.uniform(0.4, 0.65) : rng.uniform(0.7, 1.0);
  let kwh = round1((strings * ah * 48 * 0.8 * health) / 1000);
  const hours = kwh / loadKw;
  if (hours < 1.8) kwh = round1(loadKw * rng.uniform(1.8, 2.6));
  else if (hours > 12.5) kwh = round1(loadKw * rng.uniform(10.5, 12.5));
  return kwh;
}

/** Share of sites with 5G: small cells, and macro sites by environment. */
export interface FiveGShares {
  small: number;
  urban: number;
  suburban: number;
  rural: number;
}

export const FIVE_G_SHARES: Readonly<FiveGShares> = { small: 0.8, urban: 0.85, suburban: 0.5, rural: 0.07 };

export type SiteClass = SiteProps['siteClass'];

export interface SiteEquipment {
  operators: Operator[];
  tech: ('4G' | '5G')[];
  loadKw: number;
  batteryKwh: number;
  /** 0 when the site has no fixed generator. */
  generatorFuelHours: number;
}

/**
 * Operators, technology and power of one site. A super base station carries
 * every operator with 4G and 5G, 150 kWh and 72 h of generator fuel; a small
 * cell is one operator's, 0.3–1.2 kW with 2–4 h of battery; a macro site
 * follows the environment.
 */
export function siteEquipment(rng: Random, siteClass: SiteClass, env: Environment, shares: Readonly<FiveGShares> = FIVE_G_SHARES): SiteEquipment {
  if (siteClass === 'super') {
    const operators = ALL_OPS.slice();
    return { operators, tech: ['4G', '5G'], loadKw: siteLoadKw(rng, operators, true), batteryKwh: 150, generatorFuelHours: 72 };
  }
  if (siteClass === 'small') {
    const operators = [rng.pickWeighted<Operator>(ALL_OPS, [0.5, 0.25, 0.25])];
    const has5g = rng.chance(shares.small);
    const loadKw = round1(has5g ? rng.uniform(0.9, 1.2) : rng.uniform(0.3, 0.5));
    return { operators, tech: has5g ? ['4G', '5G'] : ['4G'], loadKw, batteryKwh: round1(loadKw * rng.uniform(2, 4)), generatorFuelHours: 0 };
  }
  const operators = chooseOperators(rng, env);
  const has5g = rng.chance(shares[env]);
  const loadKw = siteLoadKw(rng, operators, has5g);
  return { operators, tech: has5g ? ['4G', '5G'] : ['4G'], loadKw, batteryKwh: siteBatteryKwh(rng, operators, has5g, loadKw), generatorFuelHours: 0 };
}

/**
 * How a site's backhaul is drawn: one uniform draw u, satellite when
 * u < satelliteBelow, else microwave when u < microwaveBelow, else fibre.
 * Cumulative bounds rather than shares, so a bound is exactly the number the
 * scenario states.
 */
export interface BackhaulDraw {
  satelliteBelow?: number;
  microwaveBelow: number;
}

/** Fibre without a draw when `draw` is undefined (the site's class or place never gets radio backhaul). */
export function drawBackhaul(rng: Random, draw: BackhaulDraw | undefined): SiteProps['backhaul'] {
  if (!draw) return 'fibre';
  const u = rng.next();
  if (u < (draw.satelliteBelow ?? 0)) return 'satellite';
  return u < draw.microwaveBelow ? 'microwave' : 'fibre';
}

/** Each site's battery endurance at its own load (h), shortest first: what batteryHoursQuantile reads. */
export function sortedBatteryHours(sites: readonly { readonly properties: { readonly batteryKwh: number; readonly loadKw: number } }[]): number[] {
  return sites.map((f) => f.properties.batteryKwh / f.properties.loadKw).sort((a, b) => a - b);
}

/** Battery endurance quantiles (h) over sorted battery hours: the entry at ⌊q·n⌋, to 0.1 h. */
export function batteryHoursQuantile(sortedHours: readonly number[], q: number): number {
  return round1(sortedHours[Math.min(sortedHours.length - 1, Math.floor(q * sortedHours.length))]);
}

/**
 * The properties of a site as the sites layer writes them, in the layer's order: the site as generated,
 * its feeder, its place in the backhaul tree (aggregation, fibreRoads) when it has one, and the hardened
 * battery and fuel of an aggregation site (hardenAggregationSites) in place of its own.
 */
export function siteLayerProps(
  p: Omit<SiteProps, 'feeder'>,
  feeder: string,
  tree: { aggregationOf: ReadonlyMap<string, string>; fibreRoadsOf: ReadonlyMap<string, string[]> },
  hardened?: { batteryKwh: number; generatorFuelHours: number },
): SiteProps {
  return {
    id: p.id,
    operators: p.operators,
    tech: p.tech,
    siteClass: p.siteClass,
    feeder,
    batteryKwh: hardened ? hardened.batteryKwh : p.batteryKwh,
    loadKw: p.loadKw,
    generatorFuelHours: hardened ? hardened.generatorFuelHours : p.generatorFuelHours,
    backhaul: p.backhaul,
    environment: p.environment,
    township: p.township,
    ...(tree.aggregationOf.has(p.id) ? { aggregation: tree.aggregationOf.get(p.id) } : {}),
    ...(tree.fibreRoadsOf.has(p.id) ? { fibreRoads: tree.fibreRoadsOf.get(p.id) } : {}),
  };
}

/**
 * How many sites each township gets: `total` for the group, at least `minPerTownship` each (coverage
 * reaches every township however few live there), the rest shared by population (apportion, so the counts
 * sum to `total`). Keyed by township key, in the order given.
 */
export function sitesPerTownship(total: number, townships: readonly { readonly key: string; readonly population: number }[], minPerTownship: number): Map<string, number> {
  const extra = apportion(total - minPerTownship * townships.length, townships.map((t) => t.population));
  return new Map(townships.map((t, i) => [t.key, minPerTownship + extra[i]]));
}

/** Where a kind of site goes: `minKm`–`maxKm` from its centre, at least `sepKm` from the sites placed before it. */
export interface PlacementRing {
  minKm: number;
  maxKm: number;
  sepKm: number;
}

/**
 * How a township's sites are laid out: a super site at the seat (where it has one), small cells and
 * macro sites around the seat, then macro sites until the township's count is reached, each either along
 * a main road (with probability `road.share`, at a random road vertex) or at a village drawn by
 * population. Coverage follows people and roads, which is how operators build out.
 */
export interface TownshipSitePlan<P> {
  seat: P;
  superSite: boolean;
  small: { count: number; ring: PlacementRing };
  centre: { count: number; ring: PlacementRing };
  road: { share: number; points: readonly P[]; ring: PlacementRing };
  villages: readonly { readonly at: P; readonly population: number }[];
  village: PlacementRing;
}

/** The super site's place: 50–300 m from the seat, 200 m from anything placed. */
export const SUPER_SITE_RING: Readonly<PlacementRing> = { minKm: 0.05, maxKm: 0.3, sepKm: 0.2 };

/**
 * Places `n` sites of one township by `plan` (never fewer than the seat's own sites). `place` finds the
 * actual point around a centre (the script keeps it in the township and apart from other sites); the
 * draws are `place`'s and, for each fill-in site, one chance and one pick.
 */
export function placeTownshipSites<P>(rng: Random, n: number, plan: TownshipSitePlan<P>, place: (centre: P, ring: PlacementRing) => P): { at: P; cls: SiteClass }[] {
  const mine: { at: P; cls: SiteClass }[] = [];
  if (plan.superSite) mine.push({ at: place(plan.seat, SUPER_SITE_RING), cls: 'super' });
  for (let i = 0; i < plan.small.count; i++) mine.push({ at: place(plan.seat, plan.small.ring), cls: 'small' });
  for (let i = 0; i < plan.centre.count; i++) mine.push({ at: place(plan.seat, plan.centre.ring), cls: 'macro' });
  const { points } = plan.road;
  while (mine.length < n) {
    if (points.length > 0 && rng.chance(plan.road.share)) {
      mine.push({ at: place(points[Math.floor(rng.next() * points.length)], plan.road.ring), cls: 'macro' });
    } else {
      const v = rng.pickWeighted(plan.villages, plan.villages.map((x) => x.population));
      mine.push({ at: place(v.at, plan.village), cls: 'macro' });
    }
  }
  return mine;
}

/**
 * A placed site's equipment (siteEquipment) and backhaul: macro sites draw theirs by environment
 * (`macroBackhaul`), super sites and small cells are on fibre. Id left empty: sites are numbered once all
 * are placed.
 */
export function equipSite(rng: Random, cls: SiteClass, env: Environment, macroBackhaul: Partial<Record<Environment, BackhaulDraw>>, township: string): Omit<SiteProps, 'feeder'> {
  const equipment = siteEquipment(rng, cls, env);
  const backhaul = cls === 'macro' ? drawBackhaul(rng, macroBackhaul[env]) : 'fibre';
  return { id: '', ...equipment, siteClass: cls, backhaul, environment: env, township };
}
