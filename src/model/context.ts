// What every system function receives: the static world, indexes derived
// from it, the mutable state and the random streams.
import type { SimEvent } from '../core/queue.ts';
import { schedule } from '../core/queue.ts';
import type { RngStreams } from '../core/rng.ts';
import type { Router } from './travel.ts';
import type { World } from './world.ts';
import type { SimState } from './state.ts';

/** Lookups derived from the World once per scenario; never part of state. */
export interface WorldIndex {
  coverage: CoverageIndex;
  /** CSR: sites fed by feeder f. */
  feederSiteOffsets: Int32Array;
  sitesOfFeeder: Int32Array;
  /** CSR: feeders out of substation ss. */
  substationFeederOffsets: Int32Array;
  feedersOfSubstation: Int32Array;
  /** CSR: substations fed by substation ss. */
  substationChildOffsets: Int32Array;
  substationChildren: Int32Array;
  /** Substations ordered so each comes after its upstream. */
  substationTopoOrder: Int32Array;
  /** CSR: sites whose backhaul passes through site s. */
  siteChildOffsets: Int32Array;
  siteChildren: Int32Array;
  /** CSR: sites whose fibre follows road r. */
  roadSiteOffsets: Int32Array;
  sitesOfRoad: Int32Array;
  /** Electricity customers per feeder (the substation's customers shared over its feeders). */
  feederCustomers: Float64Array;
  /** Customers of substations that have no feeders of their own. */
  substationOwnCustomers: Float64Array;
  /** People covered by the sites on each feeder, counting each site's operators (restoration priority). */
  feederSitePeople: Float64Array;
  /** CSR: population points of each township. */
  townshipPoints: { pointOffsets: Int32Array; points: Int32Array };
  /** People each site covers, counting each operator on it. */
  sitePeople: Float64Array;
  /** People a site carries: its own and those of the sites whose only backhaul passes through it (restoration priority). */
  sitePeopleCarried: Float64Array;
  /** Indices of the super base stations. */
  superSites: Int32Array;
  /** Routing on the road network (its adjacency is derived from the world). */
  router: Router;
}

export interface CoverageIndex {
  /** CSR: points covered by site s are pointsOfSite[siteOffsets[s] .. siteOffsets[s+1]). */
  siteOffsets: Int32Array;
  pointsOfSite: Int32Array;
  /** People at point p who subscribe to operator o: peopleByOperator[p * 3 + o]. Integers. */
  peopleByOperator: Int32Array;
  /** Subscribers of each operator in the whole scenario. */
  peopleByOperatorTotal: Float64Array;
  totalPeople: number;
}

export interface Ctx {
  world: World;
  index: WorldIndex;
  state: SimState;
  rng: RngStreams;
}

export function scheduleEvent(ctx: Ctx, tSec: number, kind: string, data: SimEvent['data'] = {}, priority = 0): void {
  schedule(ctx.state.queue, tSec, kind, data, priority);
}

/** Builds a CSR index: for each owner, the members that point at it, ascending. */
export function groupBy(owners: Int32Array, ownerCount: number): { offsets: Int32Array; members: Int32Array } {
  const offsets = new Int32Array(ownerCount + 1);
  for (let i = 0; i < owners.length; i++) offsets[owners[i] + 1]++;
  for (let o = 0; o < ownerCount; o++) offsets[o + 1] += offsets[o];
  const fill = offsets.slice(0, ownerCount);
  const members = new Int32Array(owners.length);
  for (let i = 0; i < owners.length; i++) members[fill[owners[i]]++] = i;
  return { offsets, members };
}
