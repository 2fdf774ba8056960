// KPI reporters: read-only functions of the simulation, sampled on a fixed
// grid. Scoring observes; nothing here may change state. Ids are camelCase
// and stable: reports, profiles and charts refer to them.
import type { Ctx } from '../engine/context.ts';
import { OUT_CAUSE, POWER_SOURCE } from '../engine/state.ts';

export interface KpiReporter {
  id: string;
  unit: string;
  description: string;
  read(ctx: Ctx): number;
}

function countWhere(arr: ArrayLike<number>, value: number): number {
  let n = 0;
  for (let i = 0; i < arr.length; i++) if (arr[i] === value) n++;
  return n;
}

export const KPI_REPORTERS: KpiReporter[] = [
  {
    id: 'populationServedFrac',
    unit: 'fraction',
    description: 'Share of the population with mobile service from their own operator (any operator under emergency roaming)',
    read: (ctx) => (ctx.index.coverage.totalPeople > 0 ? ctx.state.coverage.servedPeople / ctx.index.coverage.totalPeople : 0),
  },
  { id: 'sitesOnAir', unit: 'sites', description: 'Cell sites in service', read: (ctx) => ctx.state.sitesByCause[OUT_CAUSE.NONE] },
  { id: 'sitesOutPower', unit: 'sites', description: 'Sites off air for lack of power', read: (ctx) => ctx.state.sitesByCause[OUT_CAUSE.POWER] },
  { id: 'sitesOutTransport', unit: 'sites', description: 'Sites off air for lack of backhaul', read: (ctx) => ctx.state.sitesByCause[OUT_CAUSE.TRANSPORT] },
  { id: 'sitesOutDamage', unit: 'sites', description: 'Sites off air from physical damage', read: (ctx) => ctx.state.sitesByCause[OUT_CAUSE.DAMAGE] },
  { id: 'sitesOnBattery', unit: 'sites', description: 'Sites running on their batteries', read: (ctx) => countWhere(ctx.state.sites.powerSource, POWER_SOURCE.BATTERY) },
  { id: 'sitesOnGenerator', unit: 'sites', description: 'Sites running on a generator', read: (ctx) => countWhere(ctx.state.sites.powerSource, POWER_SOURCE.GENERATOR) },
  { id: 'sitesWithoutMains', unit: 'sites', description: 'Sites whose feeder is not energised', read: (ctx) => ctx.world.sites.ids.length - countWhere(ctx.state.sites.powerSource, POWER_SOURCE.MAINS) },
  { id: 'substationsOut', unit: 'substations', description: 'Substations out of service', read: (ctx) => countWhere(ctx.state.substations.inService, 0) },
  { id: 'feedersDown', unit: 'feeders', description: '10 kV feeders not energised', read: (ctx) => countWhere(ctx.state.feeders.energised, 0) },
];

export type KpiSeries = Record<string, number[]>;

export function emptySeries(): KpiSeries {
  const series: KpiSeries = { tSec: [] };
  for (const k of KPI_REPORTERS) series[k.id] = [];
  return series;
}

export function sampleKpis(ctx: Ctx, series: KpiSeries): void {
  series.tSec.push(ctx.state.clockSec);
  for (const k of KPI_REPORTERS) series[k.id].push(k.read(ctx));
}

/** Headline figures drawn from the series. */
export function summariseKpis(series: KpiSeries): Record<string, number | null> {
  const served = series.populationServedFrac;
  const t = series.tSec;
  let minServed = Infinity, minAt = 0;
  served.forEach((v, i) => {
    if (v < minServed) {
      minServed = v;
      minAt = t[i];
    }
  });
  const peak = (id: string) => series[id].reduce((a, b) => Math.max(a, b), 0);
  return {
    populationServedFracMin: served.length ? minServed : null,
    populationServedFracMinAtSec: served.length ? minAt : null,
    populationServedFracFinal: served.length ? served[served.length - 1] : null,
    sitesOutPowerPeak: peak('sitesOutPower'),
    sitesOutDamagePeak: peak('sitesOutDamage'),
    sitesOutTransportPeak: peak('sitesOutTransport'),
    substationsOutPeak: peak('substationsOut'),
  };
}
