// Geometry the importer needs beyond the kit: coordinate conversion of nested
// arrays, rings and seats of township polygons, snapping road ends together
// and splitting a road where another ends on it, and the road network's
// connected parts.
import { footOnSegment, pointInPolygon, rll, type LL, type LocalPlane, type XY } from '../kit/index.ts';
import type { CoordinateSystem } from './crs.ts';

/** Polygons as outer ring + holes, WGS-84. */
export type Rings = LL[][];

/** Converts every position of a GeoJSON coordinates array; null when a position is not two finite numbers or is implausible for the system. */
export function convertCoordinates(cs: CoordinateSystem, coords: unknown): { value: unknown } | { error: string } {
  if (!Array.isArray(coords)) return { error: 'coordinates are not an array' };
  if (coords.length >= 2 && typeof coords[0] === 'number') {
    const [x, y] = coords as number[];
    if (!Number.isFinite(x) || !Number.isFinite(y)) return { error: 'a position is not two finite numbers' };
    if (!cs.plausible(x, y)) return { error: implausible(cs, x, y) };
    return { value: cs.toWgs84(x, y) };
  }
  const out: unknown[] = [];
  for (const c of coords) {
    const r = convertCoordinates(cs, c);
    if ('error' in r) return r;
    out.push(r.value);
  }
  return { value: out };
}

export function implausible(cs: CoordinateSystem, x: number, y: number): string {
  return cs.projected
    ? `(${x}, ${y}) is not in ${cs.name} (expected easting/northing in metres within that zone): is the file in degrees or another zone?`
    : `(${x}, ${y}) is not a longitude and latitude (${cs.name} expects degrees): is the file projected (Gauss-Krüger metres) or are x and y swapped?`;
}

/** The polygons of a Polygon or MultiPolygon geometry (already converted), or null for another type. */
export function polygonsOf(geometry: { type: string; coordinates: unknown }): Rings[] | null {
  if (geometry.type === 'Polygon') return [geometry.coordinates as Rings];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates as Rings[];
  return null;
}

export function inPolygons(p: LL, polys: readonly Rings[]): boolean {
  return polys.some((rings) => pointInPolygon(p as XY, rings[0] as XY[]) && !rings.slice(1).some((hole) => pointInPolygon(p as XY, hole as XY[])));
}

function ringArea(ring: readonly LL[]): number {
  let s = 0;
  for (let i = 1; i < ring.length; i++) s += ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1];
  return s / 2;
}

/**
 * A seat for a township drawn as a polygon: the area centroid of its largest
 * part when that lies inside, else the middle of the widest stretch of the
 * horizontal line through it (always inside a simple ring).
 */
export function polygonSeat(polys: readonly Rings[]): LL {
  const main = [...polys].sort((a, b) => Math.abs(ringArea(b[0])) - Math.abs(ringArea(a[0])))[0];
  const ring = main[0];
  let a = 0, cx = 0, cy = 0;
  for (let i = 1; i < ring.length; i++) {
    const cross = ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1];
    a += cross;
    cx += (ring[i - 1][0] + ring[i][0]) * cross;
    cy += (ring[i - 1][1] + ring[i][1]) * cross;
  }
  const c: LL = a !== 0 ? [cx / (3 * a), cy / (3 * a)] : ring[0];
  if (inPolygons(c, [main])) return c;
  const xs: number[] = [];
  for (let i = 1; i < ring.length; i++) {
    const [x1, y1] = ring[i - 1], [x2, y2] = ring[i];
    if (y1 > c[1] !== y2 > c[1]) xs.push(x1 + ((c[1] - y1) * (x2 - x1)) / (y2 - y1));
  }
  xs.sort((p, q) => p - q);
  let best: LL = ring[0];
  let width = -1;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    if (xs[i + 1] - xs[i] > width) {
      width = xs[i + 1] - xs[i];
      best = [(xs[i] + xs[i + 1]) / 2, c[1]];
    }
  }
  return best;
}

export interface RoadLine {
  id: string;
  line: LL[];
}

/**
 * Road ends within `toleranceKm` of another road's end are moved onto it;
 * an end within the tolerance of another road's interior is inserted there
 * as a vertex, which the kit's road graph splits at. Positions are rounded
 * to the 5 decimals the files keep, so keys match after writing.
 */
export function snapRoads(plane: LocalPlane, roads: RoadLine[], toleranceKm = 0.01): { roads: RoadLine[]; snappedEnds: number; insertedJunctions: number } {
  const out = roads.map((r) => ({ id: r.id, line: r.line.map(rll) }));
  const cellDeg = 0.001;
  const grid = new Map<string, LL[]>();
  const cellKey = (p: LL, dx = 0, dy = 0) => `${Math.floor(p[0] / cellDeg) + dx},${Math.floor(p[1] / cellDeg) + dy}`;
  let snappedEnds = 0;
  const snapEnd = (p: LL): LL => {
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const q of grid.get(cellKey(p, dx, dy)) ?? []) {
          if (plane.km(p, q) <= toleranceKm) {
            if (q[0] !== p[0] || q[1] !== p[1]) snappedEnds++;
            return q;
          }
        }
      }
    }
    const k = cellKey(p);
    const cell = grid.get(k);
    if (cell) cell.push(p);
    else grid.set(k, [p]);
    return p;
  };
  for (const r of out) {
    r.line[0] = snapEnd(r.line[0]);
    r.line[r.line.length - 1] = snapEnd(r.line[r.line.length - 1]);
  }
  // Ends that meet no other road's end: do they touch another road's side?
  const endCount = new Map<string, number>();
  const key = (p: LL) => `${p[0]},${p[1]}`;
  for (const r of out) for (const p of [r.line[0], r.line[r.line.length - 1]]) endCount.set(key(p), (endCount.get(key(p)) ?? 0) + 1);
  // Road edges by the 0.001° cells their box (grown by the tolerance) touches, so an end is tested against nearby edges only.
  const pad = toleranceKm / 80; // degrees: over 80 km per degree of longitude below 44°N
  const edgeCells = new Map<string, [number, number][]>();
  out.forEach((o, oi) => {
    for (let k = 1; k < o.line.length; k++) {
      const a = o.line[k - 1], b = o.line[k];
      for (let x = Math.floor((Math.min(a[0], b[0]) - pad) / cellDeg); x <= Math.floor((Math.max(a[0], b[0]) + pad) / cellDeg); x++) {
        for (let y = Math.floor((Math.min(a[1], b[1]) - pad) / cellDeg); y <= Math.floor((Math.max(a[1], b[1]) + pad) / cellDeg); y++) {
          const ck = `${x},${y}`;
          const list = edgeCells.get(ck);
          if (list) list.push([oi, k]);
          else edgeCells.set(ck, [[oi, k]]);
        }
      }
    }
  });
  const inserts: { road: number; seg: number; t: number; at: LL }[] = [];
  out.forEach((r, ri) => {
    for (const end of [r.line[0], r.line[r.line.length - 1]]) {
      if ((endCount.get(key(end)) ?? 0) > 1) continue;
      let best: { road: number; seg: number; t: number; offKm: number } | null = null;
      for (const [oi, k] of edgeCells.get(cellKey(end)) ?? []) {
        if (oi === ri) continue;
        const f = footOnSegment(plane, end, out[oi].line[k - 1], out[oi].line[k]);
        if (f.offKm <= toleranceKm && (best === null || f.offKm < best.offKm || (f.offKm === best.offKm && (oi < best.road || (oi === best.road && k < best.seg))))) best = { road: oi, seg: k, t: f.t, offKm: f.offKm };
      }
      // Meeting a vertex needs no insertion: the graph joins there when the keys match.
      if (best !== null && best.t > 0 && best.t < 1) inserts.push({ road: best.road, seg: best.seg, t: best.t, at: end });
    }
  });
  // Insert from the back of each line, so earlier indices stay valid; two ends on one edge go in order along it.
  inserts.sort((a, b) => a.road - b.road || b.seg - a.seg || b.t - a.t);
  for (const ins of inserts) out[ins.road].line.splice(ins.seg, 0, ins.at);
  const insertedJunctions = inserts.length;
  return { roads: out, snappedEnds, insertedJunctions };
}

/** Connected parts of the road network (roads meet where a position is shared), largest first, each a list of road indices. */
export function roadComponents(roads: readonly RoadLine[]): number[][] {
  const parent = roads.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const owner = new Map<string, number>();
  const join = (i: number, p: LL, onlyKnown: boolean) => {
    const k = `${p[0]},${p[1]}`;
    const o = owner.get(k);
    if (o === undefined) {
      if (!onlyKnown) owner.set(k, i);
    } else parent[find(i)] = find(o);
  };
  // As the kit's road graph: roads meet at their ends, and where an end lies on another road's vertex.
  roads.forEach((r, i) => [r.line[0], r.line[r.line.length - 1]].forEach((p) => join(i, p, false)));
  roads.forEach((r, i) => r.line.slice(1, -1).forEach((p) => join(i, p, true)));
  const groups = new Map<number, number[]>();
  roads.forEach((_, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(i);
    else groups.set(root, [i]);
  });
  return [...groups.values()].sort((a, b) => b.length - a.length || a[0] - b[0]);
}

/** Road vertices in a grid of about 1 km cells, for the nearest vertex to a point (the engine enters and leaves the network at a vertex). */
export function vertexIndex(plane: LocalPlane, roads: readonly RoadLine[]): { nearest(p: LL, maxKm: number): { at: LL; km: number } | null } {
  const cellDeg = 0.01;
  const cells = new Map<string, LL[]>();
  const key = (x: number, y: number) => `${x},${y}`;
  for (const r of roads) {
    for (const p of r.line) {
      const k = key(Math.floor(p[0] / cellDeg), Math.floor(p[1] / cellDeg));
      const cell = cells.get(k);
      if (cell) cell.push(p);
      else cells.set(k, [p]);
    }
  }
  return {
    nearest(p, maxKm) {
      const cx = Math.floor(p[0] / cellDeg), cy = Math.floor(p[1] / cellDeg);
      // Cells are at least ~0.8 km wide below 45°N; search a square that covers maxKm.
      const reach = Math.ceil(maxKm / 0.8) + 1;
      let best: { at: LL; km: number } | null = null;
      for (let dx = -reach; dx <= reach; dx++) {
        for (let dy = -reach; dy <= reach; dy++) {
          for (const q of cells.get(key(cx + dx, cy + dy)) ?? []) {
            const km = plane.km(p, q);
            if (km <= maxKm && (best === null || km < best.km || (km === best.km && (q[0] < best.at[0] || (q[0] === best.at[0] && q[1] < best.at[1]))))) best = { at: q, km };
          }
        }
      }
      return best;
    },
  };
}

/**
 * Splits roads into pieces of at most `maxKm` (at a vertex, or at a point put
 * on a longer edge). The engine blocks a road segment with one draw whatever
 * its length, with probabilities set on segments of 1–4 km (the Jishishan
 * scenario's, median 2.5 km), and vehicles join the network at segment ends,
 * at most 2 km off it; OSM ways run for tens of km between junctions.
 */
export function splitLongRoads(plane: LocalPlane, roads: readonly RoadLine[], maxKm = 3): { roads: RoadLine[]; pieceOf: number[] } {
  const out: RoadLine[] = [];
  const pieceOf: number[] = [];
  roads.forEach((r, ri) => {
    const pieces: LL[][] = [];
    let cur: LL[] = [r.line[0]];
    let curKm = 0;
    for (let k = 1; k < r.line.length; k++) {
      let from = cur[cur.length - 1];
      const to = r.line[k];
      let edgeKm = plane.km(from, to);
      // An edge that alone would overflow the piece: cut it where the piece is full.
      while (curKm + edgeKm > maxKm + 1e-9) {
        const t = (maxKm - curKm) / edgeKm;
        const cut = rll([from[0] + (to[0] - from[0]) * t, from[1] + (to[1] - from[1]) * t]);
        if (cut[0] !== from[0] || cut[1] !== from[1]) cur.push(cut);
        if (cur.length >= 2) pieces.push(cur);
        cur = [cut];
        curKm = 0;
        from = cut;
        edgeKm = plane.km(from, to);
      }
      if (to[0] !== from[0] || to[1] !== from[1]) cur.push(to);
      curKm += edgeKm;
    }
    if (cur.length >= 2) pieces.push(cur);
    // A last stub under 100 m joins the piece before it.
    if (pieces.length > 1 && plane.km(pieces[pieces.length - 1][0], pieces[pieces.length - 1][pieces[pieces.length - 1].length - 1]) < 0.1) {
      const stub = pieces.pop()!;
      pieces[pieces.length - 1].push(...stub.slice(1));
    }
    pieces.forEach((line, k) => {
      out.push({ id: pieces.length === 1 ? r.id : `${r.id}.${k + 1}`, line });
      pieceOf.push(ri);
    });
  });
  return { roads: out, pieceOf };
}
