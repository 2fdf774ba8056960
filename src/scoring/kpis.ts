// KPI reporters: read-only functions of the simulation, sampled on a fixed
// grid. Scoring observes; nothing here may change state. Ids are camelCase
// and stable: reports, profiles and charts refer to them. A new KPI is one
// entry here (who may see it, whether the scoreboard shows it first) plus its
// names in i18n.ts KPI_NAMES.
import type { Ctx } from '../model/context.ts';
import { OUT_CAUSE, POWER_SOURCE, ROAD_STATUS } from '../model/state.ts';
import { servedPeople } from '../infra/coverage.ts';
import { cellAreaKm2 } from '../infra/cells.ts';
import { isolatedTownships } from '../infra/townships.ts';
import { TEAM_STATUS, UAV_STATUS } from '../model/state.ts';
import { OPERATORS } from '../model/world.ts';

export interface KpiReporter {
  id: string;
  unit: string;
  description: string;
  read(ctx: Ctx): number;
  /**
   * Which player seats may read it (the director and evaluators read every KPI):
   * everyone (follows from the shared picture), seats that see the grid or the
   * roads, or the operator it is about. Absent: it reveals outage causes, so
   * only seats that see ground truth.
   */
  seenBy?: 'everyone' | 'grid' | 'roads' | 'ownOperator';
  /** Position among the console scoreboard's headline figures; absent: under "more indicators". */
  headline?: number;
  /** For seenBy 'ownOperator': the operator it is about. */
  operator?: string;
  /**
   * The value can change with the clock alone, with no event or command in
   * between (pre-positioned terminals come into use a fixed time after a
   * township is affected). Every other reporter must be a function of the
   * state without its clock: a sample after a quiet interval repeats it.
   */
  readsClock?: true;
}

export const KPI_REPORTERS: KpiReporter[] = [
  {
    id: 'populationServedFrac', seenBy: 'everyone', headline: 1,
    unit: 'fraction',
    description: 'Share of the population with mobile service from their own operator (any operator under emergency roaming)',
    read: (ctx) => (ctx.index.coverage.totalPeople > 0 ? servedPeople(ctx.state.coverage, ctx.state.flags.emergencyRoaming) / ctx.index.coverage.totalPeople : 0),
  },
  { id: 'sitesOnAir', seenBy: 'everyone', headline: 5, unit: 'sites', description: 'Cell sites in service', read: (ctx) => ctx.state.sitesByCause[OUT_CAUSE.NONE] },
  { id: 'sitesOutPower', headline: 6, unit: 'sites', description: 'Sites off air for lack of power', read: (ctx) => ctx.state.sitesByCause[OUT_CAUSE.POWER] },
  { id: 'sitesOutTransport', headline: 7, unit: 'sites', description: 'Sites off air for lack of backhaul', read: (ctx) => ctx.state.sitesByCause[OUT_CAUSE.TRANSPORT] },
  { id: 'sitesOutDamage', headline: 8, unit: 'sites', description: 'Sites off air from physical damage', read: (ctx) => ctx.state.sitesByCause[OUT_CAUSE.DAMAGE] },
  { id: 'sitesOnBattery', headline: 9, unit: 'sites', description: 'Sites running on their batteries', read: (ctx) => ctx.state.counts.sitesByPowerSource[POWER_SOURCE.BATTERY] },
  { id: 'sitesOnGenerator', headline: 10, unit: 'sites', description: 'Sites running on a generator', read: (ctx) => ctx.state.counts.sitesByPowerSource[POWER_SOURCE.GENERATOR] },
  { id: 'sitesWithoutMains', unit: 'sites', description: 'Sites whose feeder is not energised', read: (ctx) => ctx.world.sites.ids.length - ctx.state.counts.sitesByPowerSource[POWER_SOURCE.MAINS] },
  { id: 'substationsOut', seenBy: 'grid', headline: 11, unit: 'substations', description: 'Substations out of service', read: (ctx) => ctx.state.counts.substationsOut },
  { id: 'feedersDown', seenBy: 'grid', headline: 12, unit: 'feeders', description: '10 kV feeders not energised', read: (ctx) => ctx.state.counts.feedersDown },
  { id: 'powerCustomersOut', seenBy: 'grid', headline: 13, unit: 'customers', description: 'Electricity customers without supply', read: (ctx) => ctx.state.counts.powerCustomersOut },
  { id: 'roadsBlocked', seenBy: 'roads', headline: 14, unit: 'segments', description: 'Road segments blocked (landslide, bridge, ground failure)', read: (ctx) => ctx.state.counts.roadsByStatus[ROAD_STATUS.BLOCKED] },
  { id: 'roadsFlooded', seenBy: 'roads', headline: 15, unit: 'segments', description: 'Road segments under more than 0.3 m of water', read: (ctx) => ctx.state.counts.roadsByStatus[ROAD_STATUS.FLOODED] },
  { id: 'fibreCuts', unit: 'segments', description: 'Road segments whose fibre is cut', read: (ctx) => ctx.state.counts.fibreCuts },
  {
    id: 'peopleFlooded',
    unit: 'people',
    description: 'People at population points under more than 0.3 m of water',
    read: (ctx) => {
      let people = 0;
      const depth = ctx.state.populationWaterDepthM;
      for (let p = 0; p < depth.length; p++) if (depth[p] > 0.3) people += ctx.world.population.population[p];
      return people;
    },
  },
  { id: 'warningsSent', unit: 'warnings', description: 'Cell-broadcast warnings sent so far', read: (ctx) => ctx.state.warnings.length },
  {
    id: 'warningReachedFrac',
    unit: 'fraction',
    description: 'People in affected townships reached by at least one warning, over their population',
    read: (ctx) => {
      const { affected } = ctx.state.townships;
      const pts = ctx.world.population;
      let people = 0, reached = 0;
      for (let p = 0; p < pts.ids.length; p++) {
        if (!affected[pts.township[p]]) continue;
        people += pts.population[p];
        reached += ctx.state.warnedPeople[p];
      }
      return people > 0 ? reached / people : 0;
    },
  },
  {
    id: 'townshipsIsolated',
    readsClock: true,
    unit: 'townships',
    description: 'Affected townships with no working command link of any kind (public network, satellite phone, BeiDou)',
    read: (ctx) => isolatedTownships(ctx).length,
  },
  {
    id: 'terminalsDelivered',
    unit: 'terminals',
    description: 'Satellite phones and BeiDou terminals handed over in townships by response teams',
    read: (ctx) => ctx.state.townships.terminals.reduce((sum, n) => sum + n, 0),
  },
  { id: 'uavCoverageKm2', unit: 'km²', description: 'Area covered by UAV base stations on station', read: (ctx) => cellAreaKm2(ctx, ['uav', 'tetheredUav']) },
  {
    id: 'uavBaseStationsDeployed',
    unit: 'stations',
    description: 'UAV base stations that have been on air so far, tethered or airborne, counted by who brought them: each team with a tethered UAV and each aircraft once (cumulative)',
    read: (ctx) => {
      const by = new Set<string>();
      for (const cell of ctx.state.cells) if (cell.kind === 'uav' || cell.kind === 'tetheredUav') by.add(cell.by);
      return by.size;
    },
  },
  {
    id: 'teamsDeployed',
    unit: 'teams',
    description: 'Teams out on a task (travelling or working)',
    read: (ctx) => {
      let n = 0;
      for (const status of ctx.state.teams.status) if (status === TEAM_STATUS.TRAVELLING || status === TEAM_STATUS.WORKING) n++;
      return n;
    },
  },
  {
    id: 'sitesRestoredFrac',
    unit: 'fraction',
    description: 'Share of the sites that have failed so far that are back on air or stood in for by an emergency cell set up at them, as operators count restored stations (1 when none has failed)',
    read: (ctx) => (ctx.state.sitesEverOut > 0 ? ctx.state.sitesRestored / ctx.state.sitesEverOut : 1),
  },
  {
    id: 'superSitesOnAirFrac',
    unit: 'fraction',
    description: 'Share of super base stations on air',
    read: (ctx) => {
      const supers = ctx.index.superSites;
      let onAir = 0;
      for (const s of supers) if (ctx.state.sites.outCause[s] === OUT_CAUSE.NONE) onAir++;
      return supers.length > 0 ? onAir / supers.length : 1;
    },
  },
  { id: 'uavRequests', unit: 'requests', description: 'UAV sorties ordered so far (cumulative)', read: (ctx) => ctx.state.uavSortiesOrdered },
  {
    id: 'uavRequestsServed',
    unit: 'requests',
    description: 'UAV sorties that have reached station so far (cumulative)',
    read: (ctx) => ctx.state.uavSortiesOnStation,
  },
  { id: 'requestsRaised', unit: 'requests', description: 'Support requests raised by departments (cumulative)', read: (ctx) => ctx.state.requests.length },
  {
    id: 'requestsActioned',
    unit: 'requests',
    description: 'Support requests answered by a matching action (cumulative)',
    read: (ctx) => ctx.state.requests.filter((r) => r.actionedAtSec >= 0).length,
  },
  {
    id: 'crossRegionalTeamsArrived',
    unit: 'teams',
    description: 'Teams from other provinces that have arrived and are ready (cumulative)',
    read: (ctx) => {
      let n = 0;
      ctx.world.teams.forEach((team, i) => {
        const status = ctx.state.teams.status[i];
        if (team.longHaulSec > 0 && status !== TEAM_STATUS.INACTIVE && status !== TEAM_STATUS.ACTIVATING) n++;
      });
      return n;
    },
  },
  {
    id: 'uavsOnStation',
    unit: 'UAVs',
    description: 'UAVs on station now',
    read: (ctx) => ctx.state.uavs.status.filter((s) => s === UAV_STATUS.ON_STATION).length,
  },
  ...OPERATORS.map(
    (op, o): KpiReporter => ({
      id: `populationServedFrac_${op}`,
      seenBy: 'ownOperator',
      operator: op,
      headline: 2 + o,
      unit: 'fraction',
      description: `Share of ${op} subscribers with service from ${op} (or any operator under emergency roaming)`,
      read: (ctx) => operatorServedFrac(ctx, o),
    }),
  ),
];

/** Served share of one operator's subscribers, from the running totals. */
function operatorServedFrac(ctx: Ctx, o: number): number {
  const total = ctx.index.coverage.peopleByOperatorTotal[o];
  const served = ctx.state.flags.emergencyRoaming ? ctx.state.coverage.servedAny[o] : ctx.state.coverage.servedOwn[o];
  return total > 0 ? served / total : 0;
}
export type KpiSeries = Record<string, number[]>;

export function emptySeries(): KpiSeries {
  const series: KpiSeries = { tSec: [] };
  for (const k of KPI_REPORTERS) series[k.id] = [];
  return series;
}

/** Each reporter with its column of the series, resolved once per series (the lookups by id cost more than most reads). */
const columnsOf = new WeakMap<KpiSeries, { reporter: KpiReporter; values: number[]; readsClock: boolean }[]>();

function columns(series: KpiSeries) {
  let cols = columnsOf.get(series);
  if (!cols) columnsOf.set(series, (cols = KPI_REPORTERS.map((reporter) => ({ reporter, values: series[reporter.id], readsClock: reporter.readsClock === true }))));
  return cols;
}

export function sampleKpis(ctx: Ctx, series: KpiSeries): void {
  series.tSec.push(ctx.state.clockSec);
  for (const c of columns(series)) c.values.push(c.reporter.read(ctx));
}

/**
 * A sample after an interval in which nothing happened (no event, no
 * command): the state is as it was at the last sample but for its clock, so
 * every reporter but those that read the clock repeats its last value. Three
 * quarters of a 72 h run's samples are such, and reading every reporter is a
 * tenth of the run.
 */
export function repeatKpis(ctx: Ctx, series: KpiSeries): void {
  series.tSec.push(ctx.state.clockSec);
  for (const { reporter, values, readsClock } of columns(series)) values.push(readsClock || values.length === 0 ? reporter.read(ctx) : values[values.length - 1]);
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
