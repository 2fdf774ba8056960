// What a shock does to the infrastructure. For every asset, in id order, the
// intensity of the field at its location gives a PGA, the asset's fragility
// curve and one uniform draw from the `damage` stream give a damage state,
// and damage only ever gets worse. Exactly one draw per asset per shock, used
// or not, so one asset's outcome never shifts another's.
import { normInv } from '../core/dmath.ts';
import type { Ctx } from '../engine/context.ts';
import { scheduleEvent } from '../engine/context.ts';
import { fieldIntensityAt } from '../hazards/field.ts';
import {
  CELL_SITE_FRAGILITY,
  SUBSTATION_FRAGILITY,
  SUBSTATION_RESTORATION_DAYS,
  pgaG,
  sampleDamageState,
} from '../hazards/index.ts';
import { SITE_CLASSES, SUBSTATION_CLASSES } from '../scenario/world.ts';
import { FEEDER_TRIP, SUBSTATION_OUT_FROM_DAMAGE_STATE, interpolate } from './parameters.ts';
import { refreshFeeder, refreshSubstationFeeders } from './power.ts';
import { refreshSite } from './sites.ts';

/** Normal draw truncated to [min, max], from one uniform. */
function truncatedNormal(u: number, mean: number, sd: number, min: number, max: number): number {
  const clampedU = Math.min(1 - 1e-12, Math.max(1e-12, u));
  return Math.min(max, Math.max(min, mean + sd * normInv(clampedU)));
}

export function scheduleHazards(ctx: Ctx): void {
  ctx.world.earthquakes.forEach((eq, i) => scheduleEvent(ctx, eq.tSec, 'earthquake', { quake: i }, -10));
}

function damageSubstations(ctx: Ctx, quake: number): void {
  const eq = ctx.world.earthquakes[quake];
  const { substations } = ctx.world;
  const subs = ctx.state.substations;
  for (let ss = 0; ss < substations.ids.length; ss++) {
    const intensity = fieldIntensityAt(eq, substations.xM[ss], substations.yM[ss]);
    const curve = SUBSTATION_FRAGILITY[SUBSTATION_CLASSES[substations.hazusClass[ss]]];
    const drawn = sampleDamageState(curve, pgaG(intensity), ctx.rng.uniform('damage'));
    const uRestore = ctx.rng.uniform('damage');
    if (drawn <= subs.damageState[ss]) continue;
    subs.damageState[ss] = drawn;
    if (drawn < SUBSTATION_OUT_FROM_DAMAGE_STATE.value) continue;
    const { meanDays, sdDays } = SUBSTATION_RESTORATION_DAYS[drawn - 1];
    const days = truncatedNormal(uRestore, meanDays, sdDays, 0.25, meanDays + 3 * sdDays);
    subs.inService[ss] = 0;
    subs.restoreAtSec[ss] = ctx.state.clockSec + Math.round(days * 86_400);
    scheduleEvent(ctx, subs.restoreAtSec[ss], 'substationRestored', { substation: ss });
  }
}

function tripFeeders(ctx: Ctx, quake: number): void {
  const eq = ctx.world.earthquakes[quake];
  const { feeders } = ctx.world;
  const st = ctx.state.feeders;
  const { mean, sd, min, max } = FEEDER_TRIP.restorationHours;
  for (let f = 0; f < feeders.ids.length; f++) {
    const intensity = fieldIntensityAt(eq, feeders.midXM[f], feeders.midYM[f]);
    const trips = ctx.rng.uniform('damage') < interpolate(FEEDER_TRIP.probabilityByIntensity, intensity);
    const uRestore = ctx.rng.uniform('damage');
    if (!trips || st.tripped[f]) continue;
    st.tripped[f] = 1;
    st.restoreAtSec[f] = ctx.state.clockSec + Math.round(truncatedNormal(uRestore, mean, sd, min, max) * 3600);
    scheduleEvent(ctx, st.restoreAtSec[f], 'feederRestored', { feeder: f });
  }
}

function damageSites(ctx: Ctx, quake: number): void {
  const eq = ctx.world.earthquakes[quake];
  const { sites } = ctx.world;
  const st = ctx.state.sites;
  for (let s = 0; s < sites.ids.length; s++) {
    const intensity = fieldIntensityAt(eq, sites.xM[s], sites.yM[s]);
    st.maxIntensity[s] = Math.max(st.maxIntensity[s], intensity);
    const curve = SITE_CLASSES[sites.siteClass[s]] === 'super' ? CELL_SITE_FRAGILITY.superBaseStation : CELL_SITE_FRAGILITY.ordinary;
    const drawn = sampleDamageState(curve, pgaG(intensity), ctx.rng.uniform('damage'));
    if (drawn > st.damageState[s]) st.damageState[s] = drawn;
  }
}

/** Event handler: an earthquake (mainshock or aftershock) strikes. */
export function onEarthquake(ctx: Ctx, data: { quake: number }): void {
  damageSubstations(ctx, data.quake);
  tripFeeders(ctx, data.quake);
  damageSites(ctx, data.quake);
  const { world } = ctx;
  for (let ss = 0; ss < world.substations.ids.length; ss++) refreshSubstationFeeders(ctx, ss);
  for (let f = 0; f < world.feeders.ids.length; f++) refreshFeeder(ctx, f);
  for (let s = 0; s < world.sites.ids.length; s++) refreshSite(ctx, s);
}
