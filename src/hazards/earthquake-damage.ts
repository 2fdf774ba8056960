// What a shock does to the infrastructure. For every asset, in id order, the
// intensity of the field at its location gives a PGA, the asset's fragility
// curve and uniform draws from the `damage` stream give its damage, and damage
// only ever gets worse. Each asset takes the same number of draws per shock,
// used or not, so one asset's outcome never shifts another's. The breaks of
// the cable line along a road take their one draw per segment from the
// `roads` stream instead, so adding them shifted no other draw.
import { cos, degToRad, exp, normInv, poissonQuantile, sin } from '../core/dmath.ts';
import { pointInRings } from '../core/geo.ts';
import type { Ctx } from '../model/context.ts';
import { scheduleEvent } from '../model/context.ts';

import { drawAftershocks } from './aftershocks.ts';
import { fieldIntensityAt } from './field.ts';
import { pgaG, sampleDamageState } from './index.ts';
import { BRIDGE_CLASSES, SITE_CLASSES, SUBSTATION_CLASSES, TERRAINS, type EarthquakeSpec, type Polygon2D } from '../model/world.ts';
import { interpolate } from '../model/params/infra.ts';
import type { ModelParams } from '../model/params/index.ts';
import { setSubstationInService, tripFeeder } from '../infra/power.ts';
import { blockRoad, cutFibre, forgetRoad, refreshRoad } from '../infra/roads.ts';
import { refreshSite } from '../infra/sites.ts';
import { markAffected } from '../infra/townships.ts';

/** Normal draw truncated to [min, max], from one uniform. */
export function truncatedNormal(u: number, mean: number, sd: number, min: number, max: number): number {
  const clampedU = Math.min(1 - 1e-12, Math.max(1e-12, u));
  return Math.min(max, Math.max(min, mean + sd * normInv(clampedU)));
}

/** The scenario's bridge classes → HAZUS bridge curves. */
const BRIDGE_CURVE_NAME = {
  conventional: 'conventional-multi-span',
  seismic: 'seismically-designed',
  singleSpan: 'single-span',
} as const;

function bridgeCurve(fragility: ModelParams['fragility'], bridgeClass: number) {
  return fragility.BRIDGE_FRAGILITY[BRIDGE_CURVE_NAME[BRIDGE_CLASSES[bridgeClass]]];
}

/** Schedules the scenario's shocks and draws each stochastic aftershock sequence from the `hazard` stream. */
export function scheduleHazards(ctx: Ctx): void {
  ctx.world.earthquakes.forEach((eq, i) => {
    scheduleEvent(ctx, eq.tSec, 'earthquake', { quake: i }, -10);
    if (!eq.aftershocks) return;
    const alongX = sin(degToRad(eq.strikeDeg));
    const alongY = cos(degToRad(eq.strikeDeg));
    const drawn = drawAftershocks(eq.ms, eq.aftershocks, () => ctx.rng.uniform('hazard'));
    for (const shock of drawn) {
      const record = {
        quake: i,
        tSec: eq.tSec + shock.tSecAfter,
        ms: shock.ms,
        xM: eq.xM + shock.alongM * alongX + shock.acrossM * alongY,
        yM: eq.yM + shock.alongM * alongY - shock.acrossM * alongX,
      };
      if (record.tSec > ctx.world.durationSec) continue;
      ctx.state.aftershocks.push(record);
      scheduleEvent(ctx, record.tSec, 'aftershock', { index: ctx.state.aftershocks.length - 1 }, -10);
    }
  });
}

/** An aftershock keeps the mainshock's zone, strike and site effects; it has no published isoseismals. */
function aftershockSpec(ctx: Ctx, index: number): EarthquakeSpec {
  const a = ctx.state.aftershocks[index];
  const main = ctx.world.earthquakes[a.quake];
  return { ...main, id: `${main.id}-aftershock-${index + 1}`, tSec: a.tSec, xM: a.xM, yM: a.yM, ms: a.ms, isoseismals: [], groundFailure: [], aftershocks: null };
}

function inGroundFailure(eq: EarthquakeSpec, xM: number, yM: number): boolean {
  for (const zone of eq.groundFailure) if (inside(zone.polygon, xM, yM)) return true;
  return false;
}

function inside(poly: Polygon2D, xM: number, yM: number): boolean {
  const [minX, minY, maxX, maxY] = poly.bbox;
  return xM >= minX && xM <= maxX && yM >= minY && yM <= maxY && pointInRings(poly.rings, xM, yM);
}

function damageSubstations(ctx: Ctx, eq: EarthquakeSpec): void {
  const { substations, params } = ctx.world;
  const { SUBSTATION_FRAGILITY, SUBSTATION_RESTORATION_DAYS } = params.fragility;
  const pga = params.attenuation.PGA_INTENSITY_RELATION;
  const subs = ctx.state.substations;
  for (let ss = 0; ss < substations.ids.length; ss++) {
    const x = substations.xM[ss], y = substations.yM[ss];
    const curve = SUBSTATION_FRAGILITY[SUBSTATION_CLASSES[substations.hazusClass[ss]]];
    let drawn = sampleDamageState(curve, pgaG(fieldIntensityAt(eq, x, y), pga), ctx.rng.uniform('damage'));
    const uRestore = ctx.rng.uniform('damage');
    if (inGroundFailure(eq, x, y)) drawn = 4;
    if (drawn <= subs.damageState[ss]) continue;
    subs.damageState[ss] = drawn;
    if (drawn < params.infra.SUBSTATION_OUT_FROM_DAMAGE_STATE.value) continue;
    const { meanDays, sdDays } = SUBSTATION_RESTORATION_DAYS[drawn - 1];
    const days = truncatedNormal(uRestore, meanDays, sdDays, 0.25, meanDays + 3 * sdDays);
    subs.restoreAtSec[ss] = ctx.state.clockSec + Math.round(days * 86_400);
    scheduleEvent(ctx, subs.restoreAtSec[ss], 'substationRestored', { substation: ss });
    setSubstationInService(ctx, ss, false);
  }
}

function tripFeeders(ctx: Ctx, eq: EarthquakeSpec): void {
  const { feeders, params } = ctx.world;
  const { mean, sd, min, max } = params.infra.FEEDER_REPAIR.hours;
  const tripTable = params.infra.FEEDER_TRIP.probabilityByIntensity;
  for (let f = 0; f < feeders.ids.length; f++) {
    const intensity = fieldIntensityAt(eq, feeders.midXM[f], feeders.midYM[f]);
    const trips = ctx.rng.uniform('damage') < interpolate(tripTable, intensity);
    const uRepair = ctx.rng.uniform('damage');
    if (trips) tripFeeder(ctx, f, truncatedNormal(uRepair, mean, sd, min, max) * 3600);
  }
}

function damageSites(ctx: Ctx, eq: EarthquakeSpec): void {
  const { sites, params } = ctx.world;
  const { CELL_SITE_FRAGILITY } = params.fragility;
  const pga = params.attenuation.PGA_INTENSITY_RELATION;
  const st = ctx.state.sites;
  for (let s = 0; s < sites.ids.length; s++) {
    const x = sites.xM[s], y = sites.yM[s];
    const intensity = fieldIntensityAt(eq, x, y);
    st.maxIntensity[s] = Math.max(st.maxIntensity[s], intensity);
    const curve = SITE_CLASSES[sites.siteClass[s]] === 'super' ? CELL_SITE_FRAGILITY.superBaseStation : CELL_SITE_FRAGILITY.ordinary;
    let drawn = sampleDamageState(curve, pgaG(intensity, pga), ctx.rng.uniform('damage'));
    if (inGroundFailure(eq, x, y)) drawn = 4;
    if (drawn > st.damageState[s]) {
      st.damageState[s] = drawn;
      refreshSite(ctx, s);
    }
  }
}

/** Slide debris (m³) at quantile q of the lognormal for this intensity and terrain (SLIDE_DEBRIS_M3). */
export function slideDebrisM3(params: ModelParams, terrain: number, intensity: number, q: number): number {
  const debris = params.infra.SLIDE_DEBRIS_M3;
  const median = interpolate(debris.medianByIntensity[TERRAINS[terrain]], intensity);
  const clampedQ = Math.min(1 - 1e-9, Math.max(1e-9, q));
  return median * exp(debris.beta * normInv(clampedQ));
}

/** Chance the fibre along a stretch of this many metres of slide or ground failure is cut (FIBRE_CUT_PER_KM_AFFECTED). */
export function fibreCutProbability(params: ModelParams, affectedM: number): number {
  return 1 - exp((-params.infra.FIBRE_CUT_PER_KM_AFFECTED.value * affectedM) / 1000);
}

/** Intensity at which a slope's chance of sliding is read: an aftershock acts on slopes the mainshock cracked as if it shook harder. */
export function slideIntensity(params: ModelParams, intensity: number, mainshockIntensity: number | null): number {
  const { degrees, fromMainshockIntensity, minIntensity } = params.infra.AFTERSHOCK_SLOPE_WEAKENING;
  return mainshockIntensity !== null && mainshockIntensity >= fromMainshockIntensity && intensity >= minIntensity ? intensity + degrees : intensity;
}

/**
 * How many slides a segment that slid got: the zero-truncated Poisson of mean `meanSlides` at quantile v
 * (v uniform: where the blockage draw fell below its chance). At least one.
 */
export function slideCount(meanSlides: number, v: number): number {
  const p0 = exp(-meanSlides);
  const target = v * (1 - p0);
  let term = p0, cumulative = 0;
  for (let n = 1; n < 1000; n++) {
    term *= meanSlides / n;
    cumulative += term;
    if (cumulative >= target) return n;
  }
  return 1000;
}

function damageRoads(ctx: Ctx, eq: EarthquakeSpec, mainshock: EarthquakeSpec | null): void {
  const { roads, params } = ctx.world;
  const { SLIDES_PER_KM, SA1_OVER_PGA, SLIDE_DEBRIS_M3, SLIDE_DEPOSIT_CROSS_SECTION_M2, CABLE_BREAKS_PER_KM } = params.infra;
  const collapsedFrom = params.movement.COLLAPSED_FROM_BRIDGE_DAMAGE.value;
  const pga = params.attenuation.PGA_INTENSITY_RELATION;
  const st = ctx.state.roads;
  for (let r = 0; r < roads.ids.length; r++) {
    const intensity = fieldIntensityAt(eq, roads.midXM[r], roads.midYM[r]);
    if (intensity >= 6) forgetRoad(ctx, r); // shaken hard enough that nobody can vouch for it
    const uSlide = ctx.rng.uniform('damage');
    const uFibre = ctx.rng.uniform('damage');
    const uBridge = ctx.rng.uniform('damage');
    // From its own stream, so adding the cable line's breaks left every other damage draw where it was.
    const uCable = ctx.rng.uniform('roads');
    const slideAt = slideIntensity(params, intensity, mainshock ? fieldIntensityAt(mainshock, roads.midXM[r], roads.midYM[r]) : null);
    const meanSlides = (interpolate(SLIDES_PER_KM[TERRAINS[roads.terrain[r]]], slideAt) * roads.lengthM[r]) / 1000;
    const pSlide = 1 - exp(-meanSlides);
    const slide = uSlide < pSlide;
    let blocked = slide;
    let fibreCut = false;
    // Cable destroyed along the segment, m (what a repair must replace).
    let cableLostM = 0;
    if (roads.bridge[r]) {
      const curve = bridgeCurve(params.fragility, roads.bridgeClass[r]);
      const ds = sampleDamageState(curve, pgaG(intensity, pga) * SA1_OVER_PGA.value, uBridge);
      if (ds > st.bridgeDamage[r]) st.bridgeDamage[r] = ds;
      // Extensive or complete damage (by default) closes the bridge and takes the cable on it.
      if (ds >= collapsedFrom) {
        blocked = fibreCut = true;
        cableLostM += CABLE_BREAKS_PER_KM.lengthM;
      }
    }
    // Slope failures that take the cable line where the road itself may stay open.
    const breaks = poissonQuantile((interpolate(CABLE_BREAKS_PER_KM[TERRAINS[roads.terrain[r]]], slideAt) * roads.lengthM[r]) / 1000, uCable);
    if (breaks > 0) {
      fibreCut = true;
      cableLostM += breaks * CABLE_BREAKS_PER_KM.lengthM;
    }
    // Ground failure along the segment: the share of its path inside a zone is destroyed, road and cable.
    const path = roads.pathM[r];
    let inside = 0;
    for (let i = 0; i < path.length; i += 2) if (inGroundFailure(eq, path[i], path[i + 1])) inside++;
    const failedM = inside > 0 ? (roads.lengthM[r] * inside) / (path.length / 2) : 0;
    if (failedM > 0) {
      blocked = fibreCut = true;
      cableLostM += failedM;
    }
    if (slide || failedM > 0) {
      // The blockage's size: each slide's own debris (one draw each), or one large blockage for ground failure alone.
      let debrisM3 = 0;
      if (slide) {
        const count = slideCount(meanSlides, uSlide / pSlide);
        for (let k = 0; k < count; k++) debrisM3 += slideDebrisM3(params, roads.terrain[r], slideAt, ctx.rng.uniform('damage'));
      } else debrisM3 = slideDebrisM3(params, roads.terrain[r], slideAt, SLIDE_DEBRIS_M3.groundFailureQuantile);
      st.debrisM3[r] += debrisM3;
      // The stretch the slides bury; the cable beside it is cut the more likely the longer it is.
      const buriedM = Math.min(roads.lengthM[r], debrisM3 / SLIDE_DEPOSIT_CROSS_SECTION_M2.value);
      if (uFibre < fibreCutProbability(params, buriedM)) {
        fibreCut = true;
        cableLostM += buriedM;
      }
    }
    if (blocked) blockRoad(ctx, r);
    else refreshRoad(ctx, r);
    if (fibreCut) cutFibre(ctx, r, cableLostM);
  }
}

/** Townships whose seat feels VI or more are affected (for the command-link target). */
function markAffectedTownships(ctx: Ctx, eq: EarthquakeSpec): void {
  const { townships } = ctx.world;
  for (let t = 0; t < townships.ids.length; t++) if (fieldIntensityAt(eq, townships.xM[t], townships.yM[t]) >= 6) markAffected(ctx, t);
}

/** `mainshock` is set for a drawn aftershock: slopes it shook hard are weaker now (AFTERSHOCK_SLOPE_WEAKENING). */
function strike(ctx: Ctx, eq: EarthquakeSpec, mainshock: EarthquakeSpec | null = null): void {
  markAffectedTownships(ctx, eq);
  damageSubstations(ctx, eq);
  tripFeeders(ctx, eq);
  damageRoads(ctx, eq, mainshock);
  damageSites(ctx, eq);
}

/** Event handler: a scenario earthquake (mainshock or scripted aftershock) strikes. */
export function onEarthquake(ctx: Ctx, data: { quake: number }): void {
  strike(ctx, ctx.world.earthquakes[data.quake]);
}

/** Event handler: a drawn stochastic aftershock strikes. */
export function onAftershock(ctx: Ctx, data: { index: number }): void {
  strike(ctx, aftershockSpec(ctx, data.index), ctx.world.earthquakes[ctx.state.aftershocks[data.index].quake]);
}


