// The power grid: substations feed 10 kV feeders, feeders feed sites. A
// feeder is energised when its substation is in service and it has not
// tripped. Restorations are events; a restoration event only acts if the
// state still expects it at that time (a later shock may have pushed it back).
import type { Ctx } from '../engine/context.ts';
import { refreshSite } from './sites.ts';

export function refreshFeeder(ctx: Ctx, f: number): void {
  const { feeders, substations } = ctx.state;
  const energised = substations.inService[ctx.world.feeders.substation[f]] === 1 && feeders.tripped[f] === 0 ? 1 : 0;
  if (energised === feeders.energised[f]) return;
  feeders.energised[f] = energised;
  const { feederSiteOffsets, sitesOfFeeder } = ctx.index;
  for (let k = feederSiteOffsets[f]; k < feederSiteOffsets[f + 1]; k++) refreshSite(ctx, sitesOfFeeder[k]);
}

export function refreshSubstationFeeders(ctx: Ctx, ss: number): void {
  const { substationFeederOffsets, feedersOfSubstation } = ctx.index;
  for (let k = substationFeederOffsets[ss]; k < substationFeederOffsets[ss + 1]; k++) refreshFeeder(ctx, feedersOfSubstation[k]);
}

export function onFeederRestored(ctx: Ctx, data: { feeder: number }): void {
  const f = data.feeder;
  if (ctx.state.feeders.restoreAtSec[f] !== ctx.state.clockSec) return;
  ctx.state.feeders.tripped[f] = 0;
  ctx.state.feeders.restoreAtSec[f] = -1;
  refreshFeeder(ctx, f);
}

export function onSubstationRestored(ctx: Ctx, data: { substation: number }): void {
  const ss = data.substation;
  const subs = ctx.state.substations;
  if (subs.restoreAtSec[ss] !== ctx.state.clockSec) return;
  subs.inService[ss] = 1;
  subs.damageState[ss] = 0; // repaired
  subs.restoreAtSec[ss] = -1;
  refreshSubstationFeeders(ctx, ss);
}

export function initialisePower(ctx: Ctx): void {
  const { substations, feeders } = ctx.state;
  substations.inService.fill(1);
  substations.restoreAtSec.fill(-1);
  feeders.restoreAtSec.fill(-1);
  for (let f = 0; f < ctx.world.feeders.ids.length; f++) feeders.energised[f] = substations.inService[ctx.world.feeders.substation[f]];
}
