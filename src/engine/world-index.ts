// Lookups derived from a World once (inverse references, orders, priority
// keys). They are rebuilt identically from the scenario, so they are never
// part of the state or the snapshot.
import { buildCoverageIndex } from '../infra/coverage.ts';
import { NONE, OPERATORS, SITE_CLASSES, type World } from '../model/world.ts';
import { groupBy, type WorldIndex } from '../model/context.ts';
import { createRouter } from '../response/routing.ts';

/** groupBy for references that may be NONE: those members are left out. */
function groupOptional(owners: Int32Array, ownerCount: number): { offsets: Int32Array; members: Int32Array } {
  const offsets = new Int32Array(ownerCount + 1);
  for (const o of owners) if (o !== NONE) offsets[o + 1]++;
  for (let o = 0; o < ownerCount; o++) offsets[o + 1] += offsets[o];
  const fill = offsets.slice(0, ownerCount);
  const members = new Int32Array(offsets[ownerCount]);
  owners.forEach((o, i) => {
    if (o !== NONE) members[fill[o]++] = i;
  });
  return { offsets, members };
}

function topologicalOrder(upstream: Int32Array, children: { offsets: Int32Array; members: Int32Array }): Int32Array {
  const order: number[] = [];
  const visit = (n: number) => {
    order.push(n);
    for (let k = children.offsets[n]; k < children.offsets[n + 1]; k++) visit(children.members[k]);
  };
  for (let n = 0; n < upstream.length; n++) if (upstream[n] === NONE) visit(n);
  return Int32Array.from(order);
}

export function buildWorldIndex(world: World): WorldIndex {
  const { sites, feeders, substations, roads } = world;
  const coverage = buildCoverageIndex(world);
  const bySite = groupBy(sites.feeder, feeders.ids.length);
  const byFeeder = groupBy(feeders.substation, substations.ids.length);
  const subChildren = groupOptional(substations.upstream, substations.ids.length);
  // Sites whose backhaul passes through each site, by either path (a ring's second path included).
  const parents: number[] = [];
  const childOf: number[] = [];
  for (const table of [sites.aggregation, sites.ringAggregation]) {
    table.forEach((p, s) => {
      if (p === NONE) return;
      parents.push(p);
      childOf.push(s);
    });
  }
  const childGroups = groupOptional(Int32Array.from(parents), sites.ids.length);
  const siteChildren = { offsets: childGroups.offsets, members: Int32Array.from(childGroups.members, (entry) => childOf[entry]) };

  // Inverse of the sites' fibre routes (either path): road → sites.
  const owners: number[] = [];
  const roadsOfFibre: number[] = [];
  for (let s = 0; s < sites.ids.length; s++) {
    for (let k = sites.fibreOffsets[s]; k < sites.fibreOffsets[s + 1]; k++) {
      roadsOfFibre.push(sites.fibreRoads[k]);
      owners.push(s);
    }
    for (let k = sites.ringFibreOffsets[s]; k < sites.ringFibreOffsets[s + 1]; k++) {
      roadsOfFibre.push(sites.ringFibreRoads[k]);
      owners.push(s);
    }
  }
  const roadGroups = groupBy(Int32Array.from(roadsOfFibre), roads.ids.length);
  const sitesOfRoad = Int32Array.from(roadGroups.members, (entry) => owners[entry]);

  // Customers: a substation's customers are shared evenly (in whole customers) over its feeders.
  const feederCustomers = new Float64Array(feeders.ids.length);
  const substationOwnCustomers = new Float64Array(substations.ids.length);
  for (let ss = 0; ss < substations.ids.length; ss++) {
    const first = byFeeder.offsets[ss], count = byFeeder.offsets[ss + 1] - first;
    const customers = substations.customers[ss];
    if (count === 0) {
      substationOwnCustomers[ss] = customers;
      continue;
    }
    const share = Math.floor(customers / count);
    for (let k = 0; k < count; k++) feederCustomers[byFeeder.members[first + k]] = share + (k < customers - share * count ? 1 : 0);
  }

  const feederSitePeople = new Float64Array(feeders.ids.length);
  const sitePeople = new Float64Array(sites.ids.length);
  for (let s = 0; s < sites.ids.length; s++) {
    let people = 0;
    for (let k = coverage.siteOffsets[s]; k < coverage.siteOffsets[s + 1]; k++) {
      const p = coverage.pointsOfSite[k];
      for (let o = 0; o < OPERATORS.length; o++) if (sites.operatorMask[s] & (1 << o)) people += coverage.peopleByOperator[p * 3 + o];
    }
    sitePeople[s] = people;
    feederSitePeople[sites.feeder[s]] += people;
  }
  // People a site carries: its own and those of every site whose only backhaul passes through it (a site
  // with a second path does not go dark with it). Aggregation chains are acyclic and shallow; children are
  // summed before parents by walking each chain from the leaves.
  const sitePeopleCarried = Float64Array.from(sitePeople);
  const carriedDone = new Uint8Array(sites.ids.length);
  const carried = (s: number): number => {
    if (carriedDone[s]) return sitePeopleCarried[s];
    carriedDone[s] = 1;
    for (let k = siteChildren.offsets[s]; k < siteChildren.offsets[s + 1]; k++) {
      const child = siteChildren.members[k];
      if (!sites.hasRing[child]) sitePeopleCarried[s] += carried(child);
    }
    return sitePeopleCarried[s];
  };
  for (let s = 0; s < sites.ids.length; s++) carried(s);

  return {
    coverage,
    feederSiteOffsets: bySite.offsets,
    sitesOfFeeder: bySite.members,
    substationFeederOffsets: byFeeder.offsets,
    feedersOfSubstation: byFeeder.members,
    substationChildOffsets: subChildren.offsets,
    substationChildren: subChildren.members,
    substationTopoOrder: topologicalOrder(substations.upstream, subChildren),
    siteChildOffsets: siteChildren.offsets,
    siteChildren: siteChildren.members,
    roadSiteOffsets: roadGroups.offsets,
    sitesOfRoad,
    feederCustomers,
    substationOwnCustomers,
    feederSitePeople,
    sitePeople,
    sitePeopleCarried,
    townshipPoints: (() => {
      const g = groupBy(world.population.township, world.townships.ids.length);
      return { pointOffsets: g.offsets, points: g.members };
    })(),
    superSites: Int32Array.from(sites.ids.flatMap((_, s) => (sites.siteClass[s] === SITE_CLASSES.indexOf('super') ? [s] : []))),
    router: createRouter(world, { movement: world.params.movement }),
  };
}
