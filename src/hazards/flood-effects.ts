// What rising and falling water does, re-evaluated every flood step. What is
// uncertain is drawn at T0 (model/params/flood.ts): how high each zone's
// water rises, and at what depth each asset gives way. Equipment at grade
// stops at its drawn depth (about 0.3 m, HAZUS): a cell site's cabinet is
// drowned (damage, it needs repair); a substation's control room goes out
// while flooded and comes back a day after the water falls (assumption). A
// road under more than 0.3 m is closed to ordinary vehicles and reopens when
// the water falls, unless the water reached its drawn wash-out depth: then it
// is blocked until a road crew clears it.
import { exp, normInv } from '../core/dmath.ts';
import { scheduleEvent, type Ctx } from '../model/context.ts';
import type { FloodExposure, World } from '../model/world.ts';
import { levelAt } from './flood.ts';
import { setSubstationInService } from '../infra/power.ts';
import { blockRoad, cutFibre, forgetRoad, setWaterDepth } from '../infra/roads.ts';
import { refreshSite } from '../infra/sites.ts';
import { markAffected } from '../infra/townships.ts';

/** A drowned cabinet counts as extensive damage (DS3): it needs replacing, not just power. */
const FLOOD_SITE_DAMAGE_STATE = 3;

/** A standard normal deviate from one uniform draw (kept off 0 and 1). */
function normal(u: number): number {
  return normInv(Math.min(1 - 1e-12, Math.max(1e-12, u)));
}

/** Where flood `f`'s zones and exposures start in the run's flat draw arrays. */
function drawOffsets(world: World, f: number): { zone: number; exposure: number } {
  let zone = 0, exposure = 0;
  for (let i = 0; i < f; i++) {
    zone += world.floods[i].zones.length;
    exposure += world.floods[i].exposures.length;
  }
  return { zone, exposure };
}

/** The depth an exposure gives way at, from its one uniform draw: a lognormal quantile (0 for population points, which have none). */
function thresholdDepthM(ctx: Ctx, e: FloodExposure, u: number): number {
  const { FLOOD_EQUIPMENT_FAILURE: equipment, ROAD_WASHOUT: washout } = ctx.world.params.flood;
  const curve = e.kind === 'site' ? equipment.site : e.kind === 'substation' ? equipment.substation : e.kind === 'road' ? washout : null;
  return curve ? curve.medianM.value * exp(curve.beta.value * normal(u)) : 0;
}

/**
 * This run's flood draws, from the `flood` stream in a fixed order: per
 * flood, its event factor, one factor per zone, then one draw per exposure
 * whatever its kind.
 */
function drawFloods(ctx: Ctx): void {
  const draws = ctx.state.floodDraws;
  if (!draws) return;
  const stage = ctx.world.params.flood.FLOOD_STAGE_UNCERTAINTY;
  let z = 0, x = 0;
  for (const flood of ctx.world.floods) {
    const event = normal(ctx.rng.uniform('flood'));
    for (let k = 0; k < flood.zones.length; k++) {
      const factor = exp(stage.eventSigma.value * event + stage.zoneSigma.value * normal(ctx.rng.uniform('flood')));
      draws.stageFactor[z++] = Math.min(stage.max.value, Math.max(stage.min.value, factor));
    }
    for (const e of flood.exposures) draws.thresholdM[x++] = thresholdDepthM(ctx, e, ctx.rng.uniform('flood'));
  }
}

export function scheduleFloods(ctx: Ctx): void {
  drawFloods(ctx);
  ctx.world.floods.forEach((flood, i) => scheduleEvent(ctx, flood.tSec, 'floodStep', { flood: i }, -5));
}

/** The zone's water level at tSec with this run's rise: the rise above the hydrograph's first level, scaled. */
export function scaledLevelM(timesSec: Float64Array, levelsM: Float64Array, factor: number, tSec: number): number {
  const base = levelsM[0];
  return base + factor * (levelAt(timesSec, levelsM, tSec) - base);
}

function floodSite(ctx: Ctx, s: number, depthM: number, failsAtM: number): void {
  const st = ctx.state.sites;
  if (depthM < failsAtM || st.damageState[s] >= FLOOD_SITE_DAMAGE_STATE) return;
  st.damageState[s] = FLOOD_SITE_DAMAGE_STATE;
  refreshSite(ctx, s);
}

function floodSubstation(ctx: Ctx, ss: number, depthM: number, failsAtM: number): void {
  const subs = ctx.state.substations;
  const { SUBSTATION_FLOOD_RECOVERY_HOURS } = ctx.world.params.infra;
  const flooded = depthM >= failsAtM;
  if (flooded && !subs.flooded[ss]) {
    subs.flooded[ss] = 1;
    setSubstationInService(ctx, ss, false);
  } else if (!flooded && subs.flooded[ss]) {
    subs.flooded[ss] = 0;
    // Rounded: events fall on whole seconds, whatever hours a params file gives.
    const backAt = ctx.state.clockSec + Math.round(SUBSTATION_FLOOD_RECOVERY_HOURS.value * 3600);
    if (backAt > subs.restoreAtSec[ss]) {
      subs.restoreAtSec[ss] = backAt;
      scheduleEvent(ctx, backAt, 'substationRestored', { substation: ss });
    }
  }
}

/** The water level of each zone of a flood now: the control cell's where it set one (a floodStage inject), else this run's hydrograph. */
function zoneLevelsM(ctx: Ctx, floodIndex: number, t: number): number[] {
  const flood = ctx.world.floods[floodIndex];
  const draws = ctx.state.floodDraws!;
  const at = drawOffsets(ctx.world, floodIndex);
  return flood.zones.map((zone, k) => {
    const set = ctx.state.floodOverrides.find((o) => o.flood === floodIndex && o.zone === k);
    return set ? set.levelM : scaledLevelM(zone.timesSec, zone.levelsM, draws.stageFactor[at.zone + k], t);
  });
}

/** Sets every exposed asset of a flood to the water of its zone now. */
export function applyFloodLevels(ctx: Ctx, floodIndex: number): void {
  const flood = ctx.world.floods[floodIndex];
  const t = ctx.state.clockSec;
  const washoutM = ctx.world.params.infra.FIBRE_WASHOUT_DEPTH_M.value;
  const draws = ctx.state.floodDraws!;
  const at = drawOffsets(ctx.world, floodIndex);
  // Each zone's level once per step, with this run's rise.
  const levels = zoneLevelsM(ctx, floodIndex, t);
  flood.exposures.forEach((e, k) => {
    const depthM = Math.max(0, levels[e.zone] - e.groundM);
    const givesWayAtM = draws.thresholdM[at.exposure + k];
    switch (e.kind) {
      case 'site':
        floodSite(ctx, e.index, depthM, givesWayAtM);
        break;
      case 'substation':
        floodSubstation(ctx, e.index, depthM, givesWayAtM);
        break;
      case 'road':
        if (t === flood.tSec) forgetRoad(ctx, e.index); // the valley road at the onset: nobody knows yet
        setWaterDepth(ctx, e.index, depthM);
        if (depthM >= washoutM) cutFibre(ctx, e.index);
        if (depthM > 0 && depthM >= givesWayAtM && !ctx.state.roads.blocked[e.index]) {
          // A washed-out stretch is rebuilt with fill, moved like slide debris (ROAD_CLEARING.washoutFillM3).
          ctx.state.roads.debrisM3[e.index] += ctx.world.params.infra.ROAD_CLEARING.washoutFillM3;
          blockRoad(ctx, e.index);
        }
        break;
      case 'population':
        ctx.state.populationWaterDepthM[e.index] = depthM;
        if (depthM > 0) markAffected(ctx, ctx.world.population.township[e.index]);
        break;
    }
  });
}

export function onFloodStep(ctx: Ctx, data: { flood: number }): void {
  const flood = ctx.world.floods[data.flood];
  const t = ctx.state.clockSec;
  applyFloodLevels(ctx, data.flood);
  // Keep stepping until every hydrograph has ended.
  if (t < flood.endSec) scheduleEvent(ctx, Math.min(flood.endSec, t + flood.stepSec), 'floodStep', data, -5);
}
