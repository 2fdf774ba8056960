// Which townships come back last, and were they the ones cut off by road?
// Read from a running simulation once an hour (runScenario's onProgress; it
// only reads the state): for each township, when the last of its failed
// sites counted as restored for good (back on air, or stood in for by an
// emergency cell set up at it), and for how many hours its sites, on
// average, could not be reached by road from any of the scenario's bases
// (where the responders start and the reinforcements arrive). Across seeds
// the hindcast gives the median of each and the rank correlation between them.
import type { Ctx } from '../model/context.ts';
import { countsAsRestored } from '../infra/sites.ts';
import type { World } from '../model/world.ts';
import { componentsFor } from '../response/reachability.ts';
import { band, type Band } from './hindcast.ts';
import { percentiles, spearman } from './stats.ts';

/** One run's per-township values, in the world's township order. */
export interface TownshipRunValues {
  /** Sites that were off air at some time in the run. */
  failedSites: number[];
  /**
   * Hours after the start by which every failed site of the township counted as restored for good (to the hour:
   * the first hourly sample after the last one that saw any of them not restored); 0 when its failures lasted less
   * than an hour; null when some are still not restored at the end, or none failed.
   */
  allBackHours: (number | null)[];
  /**
   * Hourly samples at which no base could reach a site's nearest road node by road vehicle (with no bases in the
   * scenario: the node lay outside the largest network open to road vehicles), averaged over the township's
   * sites: how long, on average, its sites were cut off by road.
   */
  cutOffHours: number[];
}

/**
 * Hand `onProgress` to runScenario, then `values()`. A valley cut off by slides becomes a component of the
 * road network of its own, with no base in it; a side of the map with its own gate and base is not cut off.
 */
export function townshipRecorder(): { onProgress: (tSec: number, untilSec: number, ctx: Ctx) => void; values: () => TownshipRunValues | undefined } {
  let lastOffSec: Float64Array | null = null;
  let cutOff: number[] = [];
  let siteNode: Int32Array | null = null;
  let baseNode: Int32Array | null = null;
  let lastHour = -1;
  // The running simulation's context: its state is the live one, so after the run it holds the end state.
  let live: Ctx | null = null;
  return {
    onProgress: (tSec, _untilSec, ctx) => {
      live = ctx;
      const hour = Math.floor(tSec / 3600);
      if (tSec % 3600 !== 0 || hour === lastHour) return;
      lastHour = hour;
      const { world } = ctx;
      if (!lastOffSec || !siteNode) {
        lastOffSec = new Float64Array(world.sites.ids.length).fill(-1);
        cutOff = new Array<number>(world.sites.ids.length).fill(0);
        siteNode = Int32Array.from(world.sites.ids, (_, s) => ctx.index.router.nearestNode(world.sites.xM[s], world.sites.yM[s]).node);
        baseNode = Int32Array.from(world.bases.ids, (_, b) => ctx.index.router.nearestNode(world.bases.xM[b], world.bases.yM[b]).node);
      }
      // Back means counted as restored: on air, or stood in for by an emergency cell.
      for (let s = 0; s < lastOffSec.length; s++) if (!countsAsRestored(ctx, s)) lastOffSec[s] = tSec;
      const label = componentsFor(ctx, 'road');
      const reached = new Set<number>();
      for (const node of baseNode!) if (node >= 0) reached.add(label[node]);
      if (reached.size === 0) reached.add(largestLabel(label));
      for (let s = 0; s < cutOff.length; s++) if (siteNode[s] >= 0 && !reached.has(label[siteNode[s]])) cutOff[s]++;
    },
    values: () => {
      if (!live) return undefined;
      const end = live;
      const notRestored = Uint8Array.from(end.state.sites.everOut, (_, s) => (countsAsRestored(end, s) ? 0 : 1));
      return townshipValues(end.world, end.state.sites.everOut, notRestored, lastOffSec, cutOff);
    },
  };
}

/** The label most nodes carry (the lowest such label on a tie). */
function largestLabel(label: Int32Array): number {
  const count = new Map<number, number>();
  let best = -1, bestCount = 0;
  for (const l of label) {
    const c = (count.get(l) ?? 0) + 1;
    count.set(l, c);
    if (c > bestCount || (c === bestCount && l < best)) (best = l), (bestCount = c);
  }
  return best;
}

/**
 * One run's values from its end state (which failed sites are not counted as restored at the end: nonzero), the
 * last hourly sample that saw each site not restored and each site's hours cut off.
 */
export function townshipValues(world: World, everOut: Uint8Array, notRestoredAtEnd: Uint8Array, lastOffSec: Float64Array | null, siteCutOffHours: readonly number[]): TownshipRunValues {
  const n = world.townships.ids.length;
  const failedSites = new Array<number>(n).fill(0);
  const latestSec = new Array<number>(n).fill(0);
  const stillOff = new Array<boolean>(n).fill(false);
  const sites = new Array<number>(n).fill(0);
  const cutOffSum = new Array<number>(n).fill(0);
  for (let s = 0; s < everOut.length; s++) {
    const t = world.sites.township[s];
    if (t < 0) continue;
    sites[t]++;
    cutOffSum[t] += siteCutOffHours[s] ?? 0;
    if (!everOut[s]) continue;
    failedSites[t]++;
    if (notRestoredAtEnd[s] !== 0) stillOff[t] = true;
    else if (lastOffSec && lastOffSec[s] >= 0) latestSec[t] = Math.max(latestSec[t], lastOffSec[s] + 3600);
  }
  return {
    failedSites,
    allBackHours: failedSites.map((f, t) => (f === 0 || stillOff[t] ? null : latestSec[t] / 3600)),
    cutOffHours: cutOffSum.map((h, t) => (sites[t] > 0 ? h / sites[t] : 0)),
  };
}

export interface TownshipRow {
  id: string;
  nameZh: string;
  nameEn: string;
  sites: number;
  /** Median over the runs of the sites that failed. */
  failedSites: number;
  /** Runs in which at least one site failed. */
  runsWithFailures: number;
  /** Over the runs with failures: when all were back; "never" (null) when some were still not restored at the end. */
  allBack: Band;
  /** Median over all runs of the hours its sites were cut off by road, on average. */
  cutOffHours: number;
}

export interface TownshipSummary {
  /** Last restored first: by median all-back time (never last of all), then by id. */
  rows: TownshipRow[];
  /**
   * Spearman's rank correlation, over the townships whose sites failed in at least half the runs, between the
   * median hours cut off and the median time all were back (never ranks after every time); null with fewer than 3.
   */
  spearman: number | null;
  townshipsRanked: number;
}

export function summariseTownships(world: World, runs: readonly TownshipRunValues[]): TownshipSummary {
  const n = world.townships.ids.length;
  const sitesPer = new Array<number>(n).fill(0);
  for (let s = 0; s < world.sites.ids.length; s++) if (world.sites.township[s] >= 0) sitesPer[world.sites.township[s]]++;
  const rows = world.townships.ids.map((id, t): TownshipRow => {
    const withFailures = runs.filter((r) => r.failedSites[t] > 0);
    return {
      id,
      nameZh: world.townships.nameZh[t],
      nameEn: world.townships.nameEn[t],
      sites: sitesPer[t],
      failedSites: percentiles(runs.map((r) => r.failedSites[t])).p50 ?? 0,
      runsWithFailures: withFailures.length,
      allBack: band(withFailures.map((r) => r.allBackHours[t])),
      cutOffHours: percentiles(runs.map((r) => r.cutOffHours[t])).p50 ?? 0,
    };
  });
  const key = (r: TownshipRow) => (r.allBack.n === 0 ? -1 : r.allBack.median ?? Number.POSITIVE_INFINITY);
  rows.sort((a, b) => key(b) - key(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ranked = rows.filter((r) => r.runsWithFailures * 2 >= runs.length && runs.length > 0);
  // 'Not by the end' is +Infinity here: it ranks after every time (ties among them share their places).
  return { rows, spearman: spearman(ranked.map((r) => r.cutOffHours), ranked.map(key)), townshipsRanked: ranked.length };
}
