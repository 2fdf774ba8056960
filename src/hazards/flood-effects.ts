// What rising and falling water does, re-evaluated every flood step. Equipment
// at grade stops at 0.3 m (HAZUS): a cell site's cabinet is drowned (damage,
// it needs repair); a substation's control room goes out while flooded and
// comes back a day after the water falls (assumption); a road under more
// than 0.3 m is closed to ordinary vehicles and reopens when the water falls.
import { scheduleEvent, type Ctx } from '../model/context.ts';
import { depthAt } from './flood.ts';
import { dispatchPowerCrews, setSubstationInService } from '../infra/power.ts';
import { cutFibre, forgetRoad, setWaterDepth } from '../infra/roads.ts';
import { refreshSite } from '../infra/sites.ts';
import { markAffected } from '../infra/townships.ts';

/** A drowned cabinet counts as extensive damage (DS3): it needs replacing, not just power. */
const FLOOD_SITE_DAMAGE_STATE = 3;

export function scheduleFloods(ctx: Ctx): void {
  ctx.world.floods.forEach((flood, i) => scheduleEvent(ctx, flood.tSec, 'floodStep', { flood: i }, -5));
}

function floodSite(ctx: Ctx, s: number, depthM: number): void {
  const st = ctx.state.sites;
  if (depthM < ctx.world.params.infra.AT_GRADE_FAILURE_DEPTH_M.value || st.damageState[s] >= FLOOD_SITE_DAMAGE_STATE) return;
  st.damageState[s] = FLOOD_SITE_DAMAGE_STATE;
  refreshSite(ctx, s);
}

function floodSubstation(ctx: Ctx, ss: number, depthM: number): void {
  const subs = ctx.state.substations;
  const { AT_GRADE_FAILURE_DEPTH_M, SUBSTATION_FLOOD_RECOVERY_HOURS } = ctx.world.params.infra;
  const flooded = depthM >= AT_GRADE_FAILURE_DEPTH_M.value;
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

/** Water over `groundM` in a zone now: the control cell's level when it set one (a floodStage inject), else the hydrograph's. */
function zoneDepthM(ctx: Ctx, floodIndex: number, zoneIndex: number, groundM: number, t: number): number {
  for (const o of ctx.state.floodOverrides) {
    if (o.flood === floodIndex && o.zone === zoneIndex) return o.levelM > groundM ? o.levelM - groundM : 0;
  }
  const zone = ctx.world.floods[floodIndex].zones[zoneIndex];
  return depthAt(zone.timesSec, zone.levelsM, groundM, t);
}

/** Sets every exposed asset of a flood to the water of its zone now. */
export function applyFloodLevels(ctx: Ctx, floodIndex: number): void {
  const flood = ctx.world.floods[floodIndex];
  const t = ctx.state.clockSec;
  const washoutM = ctx.world.params.infra.FIBRE_WASHOUT_DEPTH_M.value;
  for (const e of flood.exposures) {
    const depthM = zoneDepthM(ctx, floodIndex, e.zone, e.groundM, t);
    switch (e.kind) {
      case 'site':
        floodSite(ctx, e.index, depthM);
        break;
      case 'substation':
        floodSubstation(ctx, e.index, depthM);
        break;
      case 'road':
        if (t === flood.tSec) forgetRoad(ctx, e.index); // the valley road at the onset: nobody knows yet
        setWaterDepth(ctx, e.index, depthM);
        if (depthM >= washoutM) cutFibre(ctx, e.index);
        break;
      case 'population':
        ctx.state.populationWaterDepthM[e.index] = depthM;
        if (depthM > 0) markAffected(ctx, ctx.world.population.township[e.index]);
        break;
    }
  }
  dispatchPowerCrews(ctx);
}

export function onFloodStep(ctx: Ctx, data: { flood: number }): void {
  const flood = ctx.world.floods[data.flood];
  const t = ctx.state.clockSec;
  applyFloodLevels(ctx, data.flood);
  // Keep stepping until every hydrograph has ended.
  if (t < flood.endSec) scheduleEvent(ctx, Math.min(flood.endSec, t + flood.stepSec), 'floodStep', data, -5);
}
