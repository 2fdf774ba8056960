// The power grid. A substation is energised when its own equipment is in
// service and the substation upstream of it is energised; a 10 kV feeder when
// its substation is energised and it has not tripped. Outages propagate down
// the tree. A tripped feeder stays down until a power crew — a team of the
// scenario, which travels the damaged roads like any other — has driven or
// walked to it and repaired it (the repairFeeder task, response/tasks.ts);
// which feeders crews take first is the power seat's call (the doctrine's:
// customers served, or with priority supply for communication sites, 2027
// Opinions, 工信部联信管〔2024〕256号, 三、（六）, the phone users they serve).
// Restoration events only act if the state still expects them at that time
// (a later shock may have pushed them back).
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

/** A feeder trips: it stays down until a crew on site has worked `repairSec` on it. A second trip keeps the first draw. */
export function tripFeeder(ctx: Ctx, f: number, repairSec: number): void {
  const st = ctx.state.feeders;
  if (st.tripped[f]) return;
  st.tripped[f] = 1;
  st.repairSec[f] = repairSec;
  refreshFeeder(ctx, f);
}

/** A crew has repaired the feeder: it is re-energised if its substation is. */
export function repairFeeder(ctx: Ctx, f: number): void {
  ctx.state.feeders.tripped[f] = 0;
  refreshFeeder(ctx, f);
}

export function onSupplyTransferred(ctx: Ctx, data: { substation: number }): void {
  const subs = ctx.state.substations;
  if (subs.transferAtSec[data.substation] !== ctx.state.clockSec) return;
  subs.transferred[data.substation] = 1;
  refreshSubstation(ctx, data.substation);
}

export function onSubstationRestored(ctx: Ctx, data: { substation: number }): void {
  const ss = data.substation;
  const subs = ctx.state.substations;
  if (subs.restoreAtSec[ss] !== ctx.state.clockSec) return;
  subs.damageState[ss] = 0; // repaired
  subs.restoreAtSec[ss] = NEVER;
  setSubstationInService(ctx, ss, subs.flooded[ss] === 0);
}

export function initialisePower(ctx: Ctx): void {
  const { substations, feeders } = ctx.state;
  substations.inService.fill(1);
  substations.restoreAtSec.fill(NEVER);
  substations.transferAtSec.fill(NEVER);
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

