// Cell-site power and status. A site runs on mains while its feeder is
// energised; when mains is lost it runs on its generator while there is fuel,
// then on its battery until the bank is empty. Battery and fuel are settled
// lazily at each change; the one future moment that matters (fuel out or
// battery empty) is scheduled as an event stamped with the site's power epoch.
//
// A powered, undamaged site is on air only if its backhaul works: satellite
// always does; fibre needs every road segment it follows uncut; fibre and
// microwave both need the aggregation site they pass through to be on air.
// Super base stations switch to satellite automatically when fibre fails.
// The outage cause is the first that applies: damage, power, transport.
// A bank gives less in the cold: how long one lasts is battery.ts's.
import { OUT_CAUSE, POWER_SOURCE, SITE_DESTROYED_DAMAGE_STATE } from '../model/state.ts';
import { BACKHAULS, NONE, SITE_CLASSES } from '../model/world.ts';
import { scheduleEvent, type Ctx } from '../model/context.ts';
import { batteryKwhAt, batteryLastsSec } from './battery.ts';
import { applySiteCoverage } from './coverage.ts';

/** Brings battery charge and fuel up to `tSec` under the current power source. */
function settle(ctx: Ctx, s: number, tSec: number): void {
  const st = ctx.state.sites;
  const dtSec = tSec - st.settledAtSec[s];
  if (dtSec > 0) {
    if (st.powerSource[s] === POWER_SOURCE.GENERATOR) st.fuelSec[s] = Math.max(0, st.fuelSec[s] - dtSec);
    st.batteryKwh[s] = batteryKwhAt(ctx.world, ctx.state, s, tSec);
  }
  st.settledAtSec[s] = tSec;
}

function hasMains(ctx: Ctx, s: number): boolean {
  return ctx.state.feeders.energised[ctx.world.sites.feeder[s]] === 1;
}

function choosePowerSource(ctx: Ctx, s: number): number {
  const st = ctx.state.sites;
  if (hasMains(ctx, s)) return POWER_SOURCE.MAINS;
  if (st.hasGenerator[s] && st.fuelSec[s] > 0) return POWER_SOURCE.GENERATOR;
  if (st.batteryKwh[s] > 0) return POWER_SOURCE.BATTERY;
  return POWER_SOURCE.NONE;
}

const SATELLITE = BACKHAULS.indexOf('satellite');
const FIBRE = BACKHAULS.indexOf('fibre');
const SUPER = SITE_CLASSES.indexOf('super');

/** One path to the core: its fibre (for a fibre site) uncut and the site it passes through on air. */
function pathWorks(ctx: Ctx, s: number, roads: Int32Array, from: number, to: number, parent: number): boolean {
  if (ctx.world.sites.backhaul[s] === FIBRE) {
    const cut = ctx.state.roads.fibreCut;
    for (let k = from; k < to; k++) if (cut[roads[k]]) return false;
  }
  return parent === NONE || ctx.state.sites.outCause[parent] === OUT_CAUSE.NONE;
}

/** The backhaul works by satellite, or by its path to the core, or — where the network rings its aggregation layer or homes the site twice — by the second path. */
function backhaulWorks(ctx: Ctx, s: number): boolean {
  const { sites } = ctx.world;
  if (sites.backhaul[s] === SATELLITE || sites.siteClass[s] === SUPER || ctx.state.sites.satelliteBackhaul[s]) return true;
  if (pathWorks(ctx, s, sites.fibreRoads, sites.fibreOffsets[s], sites.fibreOffsets[s + 1], sites.aggregation[s])) return true;
  return sites.hasRing[s] === 1 && pathWorks(ctx, s, sites.ringFibreRoads, sites.ringFibreOffsets[s], sites.ringFibreOffsets[s + 1], sites.ringAggregation[s]);
}


/**
 * Can one of the site's paths to the core carry traffic again without a satellite link: does it run only through
 * sites that can, none of them destroyed? `ring` picks the site's second path (its ring or second homing; false
 * when it has none). Cut fibre can be mended and a dark site can get power; a destroyed aggregation site cannot
 * be repaired, so mending the fibre to it brings nothing back. Read by the doctrine, never by the engine.
 */
export function pathCanReturn(ctx: Ctx, s: number, ring: boolean): boolean {
  const { sites } = ctx.world;
  if (ring && sites.hasRing[s] !== 1) return false;
  // A search up the aggregation layer (main and ring links), each site once: rings and second homing make it a
  // graph with shared ancestors, not a chain (the loader refuses loops).
  const seen = new Set<number>();
  const stack = [ring ? sites.ringAggregation[s] : sites.aggregation[s]];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (x === NONE) return true;
    if (seen.has(x)) continue;
    seen.add(x);
    if (ctx.state.sites.damageState[x] >= SITE_DESTROYED_DAMAGE_STATE) continue;
    if (sites.backhaul[x] === SATELLITE || sites.siteClass[x] === SUPER || ctx.state.sites.satelliteBackhaul[x]) return true;
    if (sites.hasRing[x] === 1) stack.push(sites.ringAggregation[x]);
    stack.push(sites.aggregation[x]);
  }
  return false;
}

function outCauseOf(ctx: Ctx, s: number): number {
  const st = ctx.state.sites;
  if (st.damageState[s] >= ctx.world.params.infra.SITE_OUT_FROM_DAMAGE_STATE.value) return OUT_CAUSE.DAMAGE;
  if (st.powerSource[s] === POWER_SOURCE.NONE) return OUT_CAUSE.POWER;
  if (!backhaulWorks(ctx, s)) return OUT_CAUSE.TRANSPORT;
  return OUT_CAUSE.NONE;
}

/**
 * Re-evaluates one site at the current time after anything that may affect
 * it: its feeder, its damage, a generator arriving, fuel or battery running out.
 */
export function refreshSite(ctx: Ctx, s: number): void {
  const st = ctx.state.sites;
  const tSec = ctx.state.clockSec;
  settle(ctx, s, tSec);
  const source = choosePowerSource(ctx, s);
  if (source !== st.powerSource[s]) {
    ctx.state.counts.sitesByPowerSource[st.powerSource[s]]--;
    ctx.state.counts.sitesByPowerSource[source]++;
    st.powerSource[s] = source;
    st.powerEpoch[s]++;
    const epoch = st.powerEpoch[s];
    if (source === POWER_SOURCE.GENERATOR) {
      scheduleEvent(ctx, tSec + Math.ceil(st.fuelSec[s]), 'sitePowerCheck', { site: s, epoch });
    } else if (source === POWER_SOURCE.BATTERY) {
      scheduleEvent(ctx, tSec + Math.ceil(batteryLastsSec(ctx.world, tSec, st.batteryKwh[s], ctx.world.sites.loadKw[s])), 'sitePowerCheck', { site: s, epoch });
    }
  }
  setOutCause(ctx, s, outCauseOf(ctx, s));
}

function setOutCause(ctx: Ctx, s: number, cause: number): void {
  const st = ctx.state.sites;
  const before = st.outCause[s];
  if (before === cause) return;
  st.outCause[s] = cause;
  // A new reason for being off air is unknown to the players until someone looks again.
  if (cause !== OUT_CAUSE.NONE) st.inspected[s] = 0;
  ctx.state.sitesByCause[before]--;
  ctx.state.sitesByCause[cause]++;
  const wasOnAir = before === OUT_CAUSE.NONE;
  const isOnAir = cause === OUT_CAUSE.NONE;
  if (wasOnAir !== isOnAir && ctx.state.sitesInitialised) {
    // Restoration bookkeeping: a site that failed since T0 counts as restored while it is back on air or an
    // emergency cell stands in for it (the stand-in's count does not change with the site's own state).
    if (!isOnAir) {
      if (!st.everOut[s]) {
        st.everOut[s] = 1;
        ctx.state.sitesEverOut++;
        if (st.standIn[s]) ctx.state.sitesRestored++;
      } else if (!st.standIn[s]) ctx.state.sitesRestored--;
    } else if (st.everOut[s] && !st.standIn[s]) ctx.state.sitesRestored++;
  }
  if (wasOnAir !== isOnAir) {
    applySiteCoverage(ctx.world, ctx.index.coverage, ctx.state.coverage, s, isOnAir ? 1 : -1);
    // Sites whose backhaul passes through this one follow it.
    const { siteChildOffsets, siteChildren } = ctx.index;
    for (let k = siteChildOffsets[s]; k < siteChildOffsets[s + 1]; k++) refreshSite(ctx, siteChildren[k]);
  }
}

/** A road's fibre was cut or mended: re-evaluate the sites whose fibre runs along it. */
export function refreshSitesOnRoad(ctx: Ctx, road: number): void {
  const { roadSiteOffsets, sitesOfRoad } = ctx.index;
  for (let k = roadSiteOffsets[road]; k < roadSiteOffsets[road + 1]; k++) refreshSite(ctx, sitesOfRoad[k]);
}

/** Event handler: fuel or battery may have run out. */
export function onSitePowerCheck(ctx: Ctx, data: { site: number; epoch: number }): void {
  if (ctx.state.sites.powerEpoch[data.site] !== data.epoch) return; // superseded
  refreshSite(ctx, data.site);
}

/** Sets up every site at T0: powered from mains (or whatever it has) and on air. */
export function initialiseSites(ctx: Ctx): void {
  const { sites } = ctx.world;
  const st = ctx.state.sites;
  for (let s = 0; s < sites.ids.length; s++) {
    st.batteryKwh[s] = sites.batteryKwh[s];
    st.fuelSec[s] = Math.round(sites.generatorFuelHours[s] * 3600);
    st.hasGenerator[s] = sites.generatorFuelHours[s] > 0 ? 1 : 0;
    st.powerSource[s] = POWER_SOURCE.NONE;
    st.outCause[s] = OUT_CAUSE.POWER;
  }
  ctx.state.sitesByCause[OUT_CAUSE.POWER] = sites.ids.length;
  ctx.state.counts.sitesByPowerSource[POWER_SOURCE.NONE] = sites.ids.length;
  for (let s = 0; s < sites.ids.length; s++) refreshSite(ctx, s);
  ctx.state.sitesInitialised = true;
}

/**
 * An emergency cell was set up at the site to stand in for it: from now on it counts as restored whatever its
 * own state (operators count a station replaced by a portable station or a vehicle as restored).
 */
export function standInForSite(ctx: Ctx, s: number): void {
  const st = ctx.state.sites;
  if (st.standIn[s]) return;
  st.standIn[s] = 1;
  if (st.everOut[s] && st.outCause[s] !== OUT_CAUSE.NONE) ctx.state.sitesRestored++;
}

/** A failed site counts as restored: on air again, or stood in for by an emergency cell. */
export function countsAsRestored(ctx: Ctx, s: number): boolean {
  return ctx.state.sites.outCause[s] === OUT_CAUSE.NONE || ctx.state.sites.standIn[s] === 1;
}

/** Seconds of fuel left in the site's generator at the current time, without settling (fuel burns only while it runs). */
export function generatorFuelLeftSec(ctx: Ctx, s: number): number {
  const st = ctx.state.sites;
  return st.powerSource[s] === POWER_SOURCE.GENERATOR ? Math.max(0, st.fuelSec[s] - (ctx.state.clockSec - st.settledAtSec[s])) : st.fuelSec[s];
}

/** A generator is hooked up at a site, or the one there refuelled: fuelSec more seconds of running. */
export function addGeneratorFuel(ctx: Ctx, site: number, fuelSec: number): void {
  const st = ctx.state.sites;
  settle(ctx, site, ctx.state.clockSec);
  st.generatorInbound[site] = 0;
  st.hasGenerator[site] = 1;
  st.fuelSec[site] += fuelSec;
  if (st.powerSource[site] === POWER_SOURCE.GENERATOR) {
    // Already running on a generator: more fuel, so a later fuel-out time.
    st.powerEpoch[site]++;
    scheduleEvent(ctx, ctx.state.clockSec + Math.ceil(st.fuelSec[site]), 'sitePowerCheck', { site, epoch: st.powerEpoch[site] });
  }
  refreshSite(ctx, site);
}

/** Event handler: a generator from a pool reaches its site. */
export function onGeneratorArrives(ctx: Ctx, data: { site: number; fuelSec: number }): void {
  addGeneratorFuel(ctx, data.site, data.fuelSec);
}
