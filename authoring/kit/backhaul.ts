// Backhaul-tree builder: sites hang off aggregation sites, which hang off core
// sites; a fibre follows the roads, so a site's fibreRoads are the shortest
// road path (by segment length) between the segments nearest the site and
// nearest the site it hangs off.
import { footOnSegment, polylineLengthsKm, round1, type Metric } from './geometry.ts';

export interface RoadLine<P> {
  readonly id: string;
  readonly line: readonly P[];
}

export interface FibreRoute {
  /** Road segment ids in order along the route, each once. */
  roads: string[];
  km: number;
}

export interface RoadGraph<P> {
  fibreRoute(from: P, to: P): FibreRoute;
}

/**
 * The road network as a graph over segment end points, keyed by `key` (the
 * position as written, so ends that meet in the file meet here). A segment
 * whose interior vertex is another segment's end (a side road joining mid-
 * segment) is split there.
 */
export function roadGraph<P>(roads: readonly RoadLine<P>[], m: Metric<P>, key: (p: P) => string): RoadGraph<P> {
  const nodeIds = new Map<string, number>();
  const nodeOf = (p: P): number => {
    const k = key(p);
    let n = nodeIds.get(k);
    if (n === undefined) {
      n = nodeIds.size;
      nodeIds.set(k, n);
    }
    return n;
  };
  const segs = roads.map((r) => {
    const cum = polylineLengthsKm(m, r.line);
    return { id: r.id, line: r.line, cum, lengthKm: cum[cum.length - 1], a: nodeOf(r.line[0]), b: nodeOf(r.line[r.line.length - 1]) };
  });
  const nodeCount = nodeIds.size;
  const adjacency: { to: number; seg: number; km: number }[][] = Array.from({ length: nodeCount }, () => []);
  segs.forEach((s, i) => {
    const stops = [{ at: 0, node: s.a }];
    for (let k = 1; k < s.line.length - 1; k++) {
      const node = nodeIds.get(key(s.line[k]));
      if (node !== undefined) stops.push({ at: k, node });
    }
    stops.push({ at: s.line.length - 1, node: s.b });
    for (let k = 1; k < stops.length; k++) {
      const km = s.cum[stops[k].at] - s.cum[stops[k - 1].at];
      adjacency[stops[k - 1].node].push({ to: stops[k].node, seg: i, km });
      adjacency[stops[k].node].push({ to: stops[k - 1].node, seg: i, km });
    }
  });

  /**
   * Dijkstra from one node (lowest index first among equals): distances, and
   * the segment and node each is reached by. A binary heap ordered by
   * (distance, node) settles nodes in exactly the order of a scan for the
   * least distance, lowest index first, so routes are the same; a road
   * network of 30,000 segments no longer takes quadratic time per source.
   */
  const trees = new Map<number, { dist: number[]; via: number[]; prev: number[] }>();
  const shortestFrom = (source: number) => {
    const hit = trees.get(source);
    if (hit) return hit;
    const dist = new Array<number>(nodeCount).fill(Infinity);
    const via = new Array<number>(nodeCount).fill(-1);
    const prev = new Array<number>(nodeCount).fill(-1);
    const done = new Array<boolean>(nodeCount).fill(false);
    dist[source] = 0;
    const heapD: number[] = [0];
    const heapN: number[] = [source];
    const less = (i: number, j: number) => heapD[i] < heapD[j] || (heapD[i] === heapD[j] && heapN[i] < heapN[j]);
    const swap = (i: number, j: number) => {
      [heapD[i], heapD[j]] = [heapD[j], heapD[i]];
      [heapN[i], heapN[j]] = [heapN[j], heapN[i]];
    };
    const push = (d: number, n: number) => {
      heapD.push(d);
      heapN.push(n);
      for (let i = heapD.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!less(i, parent)) break;
        swap(i, parent);
        i = parent;
      }
    };
    const pop = (): number => {
      const n = heapN[0];
      const lastD = heapD.pop()!;
      const lastN = heapN.pop()!;
      if (heapD.length) {
        heapD[0] = lastD;
        heapN[0] = lastN;
        for (let i = 0; ; ) {
          const l = 2 * i + 1, r = l + 1;
          let m = i;
          if (l < heapD.length && less(l, m)) m = l;
          if (r < heapD.length && less(r, m)) m = r;
          if (m === i) break;
          swap(i, m);
          i = m;
        }
      }
      return n;
    };
    while (heapD.length) {
      const d0 = heapD[0];
      const u = pop();
      // A stale entry: the node was settled, or reached more cheaply since.
      if (done[u] || d0 !== dist[u]) continue;
      done[u] = true;
      for (const e of adjacency[u]) {
        const d = dist[u] + e.km;
        if (d < dist[e.to] - 1e-12) {
          dist[e.to] = d;
          via[e.to] = e.seg;
          prev[e.to] = u;
          push(d, e.to);
        }
      }
    }
    const tree = { dist, via, prev };
    trees.set(source, tree);
    return tree;
  };

  // Segment edges in a grid of 1 km cells of the metric's local plane (linear
  // about a fixed origin), so a point is tested against nearby edges only.
  const CELL_KM = 1;
  const origin = segs.length ? segs[0].line[0] : undefined;
  const edgeCells = new Map<string, number[]>();
  const edges: { seg: number; k: number }[] = [];
  segs.forEach((s, i) => {
    for (let k = 1; k < s.line.length; k++) {
      const a = m.local(s.line[k - 1], origin as P), b = m.local(s.line[k], origin as P);
      const e = edges.length;
      edges.push({ seg: i, k });
      for (let x = Math.floor(Math.min(a[0], b[0]) / CELL_KM); x <= Math.floor(Math.max(a[0], b[0]) / CELL_KM); x++) {
        for (let y = Math.floor(Math.min(a[1], b[1]) / CELL_KM); y <= Math.floor(Math.max(a[1], b[1]) / CELL_KM); y++) {
          const cell = edgeCells.get(`${x},${y}`);
          if (cell) cell.push(e);
          else edgeCells.set(`${x},${y}`, [e]);
        }
      }
    }
  });
  const [minX, minY, maxX, maxY] = [...edgeCells.keys()].reduce(
    (b, key) => {
      const [x, y] = key.split(',').map(Number);
      return [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)];
    },
    [Infinity, Infinity, -Infinity, -Infinity],
  );
  /**
   * The segment nearest a point, with the distance along it to the foot of
   * the perpendicular. Rings of cells are searched outward until no edge
   * beyond can be within a metre of the best; the candidates are then taken
   * in segment and vertex order with the same rule as a scan of every edge
   * (an edge wins only when nearer by more than 1e-12 km), so the answer is
   * the scan's.
   */
  const attach = (p: P): { seg: number; alongKm: number } => {
    const [px, py] = m.local(p, origin as P);
    const cx = Math.floor(px / CELL_KM), cy = Math.floor(py / CELL_KM);
    const found = new Set<number>();
    let nearestKm = Infinity;
    const maxRing = Math.max(Math.abs(cx - minX), Math.abs(cx - maxX), Math.abs(cy - minY), Math.abs(cy - maxY)) + 1;
    for (let r = 0; r <= maxRing; r++) {
      for (let x = cx - r; x <= cx + r; x++) {
        for (let y = cy - r; y <= cy + r; y++) {
          if (Math.max(Math.abs(x - cx), Math.abs(y - cy)) !== r) continue;
          for (const e of edgeCells.get(`${x},${y}`) ?? []) {
            if (found.has(e)) continue;
            found.add(e);
            const { seg, k } = edges[e];
            nearestKm = Math.min(nearestKm, footOnSegment(m, p, segs[seg].line[k - 1], segs[seg].line[k]).offKm);
          }
        }
      }
      // Every edge not yet seen lies in cells at least r cells away in each direction: at least r·CELL_KM km.
      if (nearestKm + 0.001 < r * CELL_KM) break;
    }
    let best = { seg: 0, alongKm: 0, offKm: Infinity };
    for (const e of [...found].sort((a, b) => a - b)) {
      const { seg: i, k } = edges[e];
      const s = segs[i];
      const { t, offKm } = footOnSegment(m, p, s.line[k - 1], s.line[k]);
      if (offKm < best.offKm - 1e-12) best = { seg: i, alongKm: s.cum[k - 1] + t * (s.cum[k] - s.cum[k - 1]), offKm };
    }
    return best;
  };

  return {
    fibreRoute(from: P, to: P): FibreRoute {
      const A = attach(from);
      const B = attach(to);
      const sa = segs[A.seg];
      const sb = segs[B.seg];
      if (A.seg === B.seg) return { roads: [sa.id], km: Math.abs(A.alongKm - B.alongKm) };
      let best: { km: number; u: number; v: number } | null = null;
      for (const [u, du] of [[sa.a, A.alongKm], [sa.b, sa.lengthKm - A.alongKm]] as [number, number][]) {
        const tree = shortestFrom(u);
        for (const [v, dv] of [[sb.a, B.alongKm], [sb.b, sb.lengthKm - B.alongKm]] as [number, number][]) {
          const km = du + tree.dist[v] + dv;
          if (km < Infinity && (best === null || km < best.km - 1e-9)) best = { km, u, v };
        }
      }
      if (best === null) throw new Error(`no road path between segments ${sa.id} and ${sb.id}: the road network is not connected`);
      const tree = shortestFrom(best.u);
      const path: number[] = [];
      for (let n = best.v; n !== best.u; n = tree.prev[n]) path.push(tree.via[n]);
      path.reverse();
      const ordered = [A.seg, ...path, B.seg];
      return { roads: ordered.filter((seg, i) => ordered.indexOf(seg) === i).map((seg) => segs[seg].id), km: best.km };
    },
  };
}

export interface TreeSite<P> {
  readonly id: string;
  readonly at: P;
}

/** Orders sites nearest `p` first, ties by id. */
export function byDistanceTo<P>(m: Metric<P>, p: P) {
  return (a: TreeSite<P>, b: TreeSite<P>): number => m.km(a.at, p) - m.km(b.at, p) || (a.id < b.id ? -1 : 1);
}

/**
 * The sites a township's aggregation can sit on: its macro and super sites on fibre, nearest `seat` first
 * (ties by id). Small cells and radio-backhauled sites never aggregate others: a township's traffic needs
 * the fibre, and a small cell has neither the room nor the power.
 */
export function fibreHubs<P, S extends TreeSite<P> & { readonly township: unknown; readonly props: { readonly siteClass: string; readonly backhaul: string } }>(m: Metric<P>, sites: readonly S[], township: unknown, seat: P): S[] {
  return sites.filter((s) => s.township === township && s.props.siteClass !== 'small' && s.props.backhaul === 'fibre').sort(byDistanceTo(m, seat));
}

/** The site of `candidates` nearest `p` (ties by id). */
export function closestSite<P, S extends TreeSite<P>>(m: Metric<P>, candidates: readonly S[], p: P): S {
  return [...candidates].sort(byDistanceTo(m, p))[0];
}

/**
 * Fibre routes of the given fibre sites to whatever each hangs off
 * (`upstreamAt`: the aggregation site's position, a map-edge exit towards an
 * off-map core, or null for a site that sits at the core).
 */
export function routeFibres<P, S extends TreeSite<P>>(graph: RoadGraph<P>, fibreSites: readonly S[], upstreamAt: (s: S) => P | null): { roadsOf: Map<string, string[]>; km: number[] } {
  const roadsOf = new Map<string, string[]>();
  const km: number[] = [];
  for (const s of fibreSites) {
    const target = upstreamAt(s);
    if (target === null) continue;
    const route = graph.fibreRoute(s.at, target);
    roadsOf.set(s.id, route.roads);
    km.push(route.km);
  }
  return { roadsOf, km };
}

/** Hops from a site up to the core; throws past `maxHops` (a cycle or a chain too deep for the engine). */
export function backhaulDepth(aggregationOf: ReadonlyMap<string, string>, id: string, maxHops = 3): number {
  let depth = 0;
  for (let cur = aggregationOf.get(id); cur !== undefined; cur = aggregationOf.get(cur)) {
    if (++depth > maxHops) throw new Error(`backhaul chain from ${id} is deeper than ${maxHops}`);
  }
  return depth;
}

/** What metadata.backhaulCheck reports of a backhaul tree. */
export interface BackhaulSummary {
  coreSites: string[];
  aggregationSites: string[];
  /** Hops of the deepest chain from a site up to its core. */
  maxDepth: number;
  fibreRoutes: number;
  fibreRouteKm: { median: number; max: number };
}

/**
 * The summary a scenario states of its backhaul tree (so a reader can check the tree against the
 * text): the core and aggregation sites sorted by id, the deepest chain (backhaulDepth refuses one
 * deeper than the engine follows), and the fibre routes' count, median (upper median) and longest km.
 */
export function backhaulSummary(coreIds: Iterable<string>, aggregationIds: Iterable<string>, siteIds: readonly string[], aggregationOf: ReadonlyMap<string, string>, fibreKm: readonly number[]): BackhaulSummary {
  return {
    coreSites: [...coreIds].sort(),
    aggregationSites: [...aggregationIds].sort(),
    maxDepth: Math.max(...siteIds.map((id) => backhaulDepth(aggregationOf, id))),
    fibreRoutes: fibreKm.length,
    fibreRouteKm: { median: round1([...fibreKm].sort((a, b) => a - b)[Math.floor(fibreKm.length / 2)]), max: round1(Math.max(...fibreKm)) },
  };
}

/**
 * Aggregation hardening (assumption, stated in each scenario): a transmission / convergence site (汇聚机房)
 * carries a larger battery bank and a fixed generator, because a whole township's sites hang off it.
 * At least 40 kWh plus 10 kWh per operator beyond the first, and a generator with 24 h of fuel in a town
 * (镇), 12 h in a township (乡); a site that already has more (a super site) keeps its own.
 */
export const AGGREGATION_HARDENING = { batteryKwh: 40, perExtraOperatorKwh: 10, townFuelHours: 24, townshipFuelHours: 12 } as const;

export interface PowerFigures {
  batteryKwh: number;
  generatorFuelHours: number;
}

/** A site as hardenAggregationSites reads it. */
export interface HardenableSite {
  readonly id: string;
  readonly township: { readonly id: string; readonly town: boolean };
  readonly props: { readonly batteryKwh: number; readonly generatorFuelHours?: number; readonly operators: readonly unknown[] };
}

/** The aggregation sites' power before and after hardening (metadata.aggregationHardening), in the order given. No random draws. */
export function hardenAggregationSites(sites: readonly HardenableSite[]): { id: string; township: string; before: PowerFigures; after: PowerFigures }[] {
  const h = AGGREGATION_HARDENING;
  return sites.map((s) => {
    const before = { batteryKwh: s.props.batteryKwh, generatorFuelHours: s.props.generatorFuelHours ?? 0 };
    const after = {
      batteryKwh: Math.max(before.batteryKwh, h.batteryKwh + h.perExtraOperatorKwh * (s.props.operators.length - 1)),
      generatorFuelHours: Math.max(before.generatorFuelHours, s.township.town ? h.townFuelHours : h.townshipFuelHours),
    };
    return { id: s.id, township: s.township.id, before, after };
  });
}

/**
 * Hangs every site of `township` off the nearest of its aggregation sites `aggs` (ties by id), in
 * `aggregationOf`; the aggregation sites themselves and the core sites (`coreIds`) are left as they are.
 */
export function hangOffAggregation<P, S extends TreeSite<P> & { readonly township: unknown }>(m: Metric<P>, aggregationOf: Map<string, string>, sites: readonly S[], township: unknown, aggs: readonly S[], coreIds: ReadonlySet<string>): void {
  const aggIds = new Set(aggs.map((a) => a.id));
  for (const s of sites) {
    if (s.township !== township || aggIds.has(s.id) || coreIds.has(s.id)) continue;
    aggregationOf.set(s.id, closestSite(m, aggs, s.at).id);
  }
}

/**
 * An aggregation ring: the township aggregation sites in order round the core (by bearing from it, ties by
 * id), each given the next one as its second path, so one cut fibre or one dark aggregation site on the ring
 * leaves the others on air (the scenario format's `ringAggregation`, with `ringFibreRoads` routed like the
 * first path). Returns site id → its second path's site id. Fewer than three sites make no ring: two would
 * only lean on each other, which is dual homing, given per site. Sites not passed stay single homed.
 */
export function aggregationRing<S extends { readonly id: string }>(sites: readonly S[], xyKm: (s: S) => readonly [number, number], coreXyKm: readonly [number, number]): Map<string, string> {
  const ring = new Map<string, string>();
  if (sites.length < 3) return ring;
  const bearing = (s: S) => {
    const [x, y] = xyKm(s);
    return Math.atan2(y - coreXyKm[1], x - coreXyKm[0]);
  };
  const order = [...sites].sort((a, b) => bearing(a) - bearing(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  order.forEach((s, i) => ring.set(s.id, order[(i + 1) % order.length].id));
  return ring;
}
