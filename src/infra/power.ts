// The power grid. A substation is energised when its own equipment is in
// service and the substation upstream of it is energised; a 10 kV feeder when
// its substation is energised and it has not tripped. Outages propagate down
// the tree. Tripped feeders wait for one of a limited number of power crews;
// the order crews take them is by customers served, or — with priority supply
// for communication sites switched on (2027 Opinions, 工信部联信管〔2024〕256号, 三、（六）) — by the cell sites
// they feed first. Restoration events only act if the state still expects
// them at that time (a later shock may have pushed them back).
import { NEVER } from '../model/state.ts';
import { scheduleEvent, type Ctx } from '../model/context.ts';
import { NONE } from '../model/world.ts';
import { refreshSite } from './sites.ts';

export function refreshFeeder(ctx: Ctx, f: number): void {
  const { feeders, substations } = ctx.state;
  const energised = substations.energised[ctx.world.feeders.substation[f]] === 1 && feeders.tripped[f] === 0 ? 1 : 0;
  if (energised === feeders.energised[f]) return;
  feeders.energised[f] = energised;
  const sign = energised ? -1 : 1;
  ctx.state.counts.feedersDown += sign;
  ctx.state.counts.powerCustomersOut += sign * ctx.index.feederCustomers[f];
  const { feederSiteOffsets, sitesOfFeeder } = ctx.index;
  for (let k = feederSiteOffsets[f]; k < feederSiteOffsets[f + 1]; k++) refreshSite(ctx, sitesOfFeeder[k]);
}

/** Re-evaluates a substation and everything downstream of it. */
export function refreshSubstation(ctx: Ctx, ss: number): void {
  const subs = ctx.state.substations;
  const up = ctx.world.substations.upstream[ss];
  const fed = up === NONE || subs.energised[up] === 1 || subs.transferred[ss] === 1;
  const energised = subs.inService[ss] === 1 && fed ? 1 : 0;
  // Lost its upstream supply: dispatch switches it to another source after a while.
  if (subs.inService[ss] === 1 && !fed && subs.transferAtSec[ss] === NEVER) {
    subs.transferAtSec[ss] = ctx.state.clockSec + ctx.world.params.infra.SUPPLY_TRANSFER_SEC.value;
    scheduleEvent(ctx, subs.transferAtSec[ss], 'supplyTransferred', { substation: ss });
  }
  if (energised === subs.energised[ss]) return;
  subs.energised[ss] = energised;
  ctx.state.counts.powerCustomersOut += (energised ? -1 : 1) * ctx.index.substationOwnCustomers[ss];
  const { substationChildOffsets, substationChildren, substationFeederOffsets, feedersOfSubstation } = ctx.index;
  for (let k = substationChildOffsets[ss]; k < substationChildOffsets[ss + 1]; k++) refreshSubstation(ctx, substationChildren[k]);
  for (let k = substationFeederOffsets[ss]; k < substationFeederOffsets[ss + 1]; k++) refreshFeeder(ctx, feedersOfSubstation[k]);
}

export function setSubstationInService(ctx: Ctx, ss: number, inService: boolean): void {
  const value = inService ? 1 : 0;
  if (ctx.state.substations.inService[ss] !== value) ctx.state.counts.substationsOut += inService ? -1 : 1;
  ctx.state.substations.inService[ss] = value;
  refreshSubstation(ctx, ss);
}

/** A feeder trips: it waits for a crew, who will need `repairSec` once there. */
export function tripFeeder(ctx: Ctx, f: number, repairSec: number): void {
  const st = ctx.state.feeders;
  if (st.tripped[f]) return;
  st.tripped[f] = 1;
  st.queued[f] = 1;
  st.repairSec[f] = repairSec;
  refreshFeeder(ctx, f);
}

/** The queued feeder a free crew should take next, or NONE. */
function nextFeederForCrew(ctx: Ctx): number {
  const st = ctx.state.feeders;
  const byComms = ctx.state.flags.prioritySupplyForComms;
  const { feederCustomers, feederSitePeople } = ctx.index;
  let best = NONE;
  for (let f = 0; f < st.queued.length; f++) {
    if (!st.queued[f]) continue;
    // A feeder whose substation is dead cannot be re-energised yet.
    if (ctx.state.substations.energised[ctx.world.feeders.substation[f]] === 0) continue;
    if (best === NONE) {
      best = f;
      continue;
    }
    const primary = byComms ? feederSitePeople : feederCustomers;
    const secondary = byComms ? feederCustomers : feederSitePeople;
    if (primary[f] > primary[best] || (primary[f] === primary[best] && secondary[f] > secondary[best])) best = f;
  }
  return best;
}

/** Sends free crews to the most important waiting feeders. */
export function dispatchPowerCrews(ctx: Ctx): void {
  const st = ctx.state.feeders;
  while (ctx.state.powerCrewsFree > 0) {
    const f = nextFeederForCrew(ctx);
    if (f === NONE) return;
    ctx.state.powerCrewsFree--;
    st.queued[f] = 0;
    st.repairDoneAtSec[f] = ctx.state.clockSec + Math.round(st.repairSec[f]);
    scheduleEvent(ctx, st.repairDoneAtSec[f], 'feederRestored', { feeder: f });
  }
}

export function onFeederRestored(ctx: Ctx, data: { feeder: number }): void {
  const f = data.feeder;
  const st = ctx.state.feeders;
  if (st.repairDoneAtSec[f] !== ctx.state.clockSec) return;
  st.repairDoneAtSec[f] = NEVER;
  st.tripped[f] = 0;
  ctx.state.powerCrewsFree++;
  refreshFeeder(ctx, f);
  dispatchPowerCrews(ctx);
}

export function onSupplyTransferred(ctx: Ctx, data: { substation: number }): void {
  const subs = ctx.state.substations;
  if (subs.transferAtSec[data.substation] !== ctx.state.clockSec) return;
  subs.transferred[data.substation] = 1;
  refreshSubstation(ctx, data.substation);
  dispatchPowerCrews(ctx);
}

export function onSubstationRestored(ctx: Ctx, data: { substation: number }): void {
  const ss = data.substation;
  const subs = ctx.state.substations;
  if (subs.restoreAtSec[ss] !== ctx.state.clockSec) return;
  subs.damageState[ss] = 0; // repaired
  subs.restoreAtSec[ss] = NEVER;
  setSubstationInService(ctx, ss, subs.flooded[ss] === 0);
  dispatchPowerCrews(ctx);
}

export function initialisePower(ctx: Ctx): void {
  const { substations, feeders } = ctx.state;
  substations.inService.fill(1);
  substations.restoreAtSec.fill(NEVER);
  substations.transferAtSec.fill(NEVER);
  feeders.repairDoneAtSec.fill(NEVER);
  ctx.state.powerCrewsFree = ctx.world.settings.powerCrews;
  // Roots first, then down the tree: a substation is energised when its upstream is.
  for (const ss of ctx.index.substationTopoOrder) {
    const up = ctx.world.substations.upstream[ss];
    substations.energised[ss] = up === NONE || substations.energised[up] === 1 ? 1 : 0;
  }
  for (let f = 0; f < ctx.world.feeders.ids.length; f++) feeders.energised[f] = substations.energised[ctx.world.feeders.substation[f]];
  const counts = ctx.state.counts;
  counts.feedersDown = 0;
  counts.powerCustomersOut = 0;
  for (let f = 0; f < feeders.energised.length; f++) {
    if (feeders.energised[f]) continue;
    counts.feedersDown++;
    counts.powerCustomersOut += ctx.index.feederCustomers[f];
  }
  for (let ss = 0; ss < substations.energised.length; ss++) if (!substations.energised[ss]) counts.powerCustomersOut += ctx.index.substationOwnCustomers[ss];
}

