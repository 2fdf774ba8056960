// Geometry of the scenario kit: rounding to the file precision, rings, a
// local equirectangular plane in km, and distances measured in any plane.
// The transcendental maths comes from the engine's deterministic module, so a
// generator gives the same coordinates in every JavaScript engine.
import { cos, degToRad } from '../../src/core/dmath.ts';

/** WGS84 [lon, lat], degrees. */
export type LL = [number, number];
/** A point in a local plane: x east, y north, km. */
export type XY = [number, number];

export const round5 = (x: number): number => Math.round(x * 1e5) / 1e5;
export const round2 = (x: number): number => Math.round(x * 100) / 100;
export const round1 = (x: number): number => Math.round(x * 10) / 10;
/** A position as written to a layer: 5 decimals, about 1 m. */
export const rll = (p: LL): LL => [round5(p[0]), round5(p[1])];

/** Shoelace sum over a ring (closed or not, in its own units): positive when counter-clockwise. */
export function ringAreaSigned(ring: readonly (readonly [number, number])[]): number {
  let s = 0;
  for (let i = 1; i < ring.length; i++) s += ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1];
  return s / 2;
}

/** Rounded, closed and counter-clockwise (RFC 7946 outer ring). */
export function closeRing(points: LL[]): LL[] {
  const ring = points.map(rll);
  ring.push([ring[0][0], ring[0][1]]);
  return ringAreaSigned(ring) < 0 ? ring.reverse() : ring;
}

/** Even-odd rule; a point on an edge may fall either way. */
export function pointInPolygon(p: XY, poly: readonly XY[]): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i];
    const [xj, yj] = poly[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Piecewise-linear lookup in a table of [x, y] rows sorted by x; flat beyond both ends. */
export function lerpTable(table: readonly (readonly [number, number])[], x: number): number {
  if (x <= table[0][0]) return table[0][1];
  for (let i = 1; i < table.length; i++) {
    if (x <= table[i][0]) {
      const t = (x - table[i - 1][0]) / (table[i][0] - table[i - 1][0]);
      return table[i - 1][1] + t * (table[i][1] - table[i - 1][1]);
    }
  }
  return table[table.length - 1][1];
}

/**
 * How a generator measures its points: the distance in km between two, and a
 * point's position in km relative to another. A generator that places points
 * in lon/lat measures in a LocalPlane; one that places them in km uses KM_PLANE.
 */
export interface Metric<P> {
  km(a: P, b: P): number;
  local(p: P, origin: P): XY;
}

/** Points already in km. */
export const KM_PLANE: Metric<XY> = {
  km: (a, b) => Math.hypot(a[0] - b[0], a[1] - b[1]),
  local: (p, o) => [p[0] - o[0], p[1] - o[1]],
};

export const KM_PER_DEG_LAT = 111.32;

/**
 * A local equirectangular projection around `origin`: 111.32 km per degree of
 * latitude and 111.32·cos(lat0) per degree of longitude. Good to well under
 * 1 % across a county or a province of a few hundred km.
 */
export interface LocalPlane extends Metric<LL> {
  readonly origin: LL;
  readonly kmPerDegLon: number;
  /** Position of `p` in km east and north of `o` (the plane's origin unless given). */
  toKm(p: LL, o?: LL): XY;
  /** The lon/lat at `xy` km from `o` (the plane's origin unless given); not rounded. */
  fromKm(xy: XY, o?: LL): LL;
}

export function localPlane(origin: LL): LocalPlane {
  const kmPerDegLon = KM_PER_DEG_LAT * cos(degToRad(origin[1]));
  const toKm = (p: LL, o: LL = origin): XY => [(p[0] - o[0]) * kmPerDegLon, (p[1] - o[1]) * KM_PER_DEG_LAT];
  const fromKm = (xy: XY, o: LL = origin): LL => [o[0] + xy[0] / kmPerDegLon, o[1] + xy[1] / KM_PER_DEG_LAT];
  const km = (a: LL, b: LL): number => {
    const [x, y] = toKm(a, b);
    return Math.sqrt(x * x + y * y);
  };
  return { origin, kmPerDegLon, toKm, fromKm, km, local: toKm };
}

/** Where `p` falls on segment a–b: the fraction along it (clamped) and the distance off it, km. */
export function footOnSegment<P>(m: Metric<P>, p: P, a: P, b: P): { t: number; offKm: number } {
  const [px, py] = m.local(p, a);
  const [bx, by] = m.local(b, a);
  const len2 = bx * bx + by * by;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, (px * bx + py * by) / len2));
  const dx = px - t * bx;
  const dy = py - t * by;
  return { t, offKm: Math.sqrt(dx * dx + dy * dy) };
}

export function distToPolylineKm<P>(m: Metric<P>, p: P, line: readonly P[]): number {
  let best = Infinity;
  for (let i = 1; i < line.length; i++) best = Math.min(best, footOnSegment(m, p, line[i - 1], line[i]).offKm);
  return best;
}

/** Cumulative length at each vertex, km; the last entry is the length of the line. */
export function polylineLengthsKm<P>(m: Metric<P>, line: readonly P[]): number[] {
  const cum = [0];
  for (let i = 1; i < line.length; i++) cum.push(cum[i - 1] + m.km(line[i - 1], line[i]));
  return cum;
}

/** The first of `items` with the least `distKm` (ties keep the earlier item), or undefined when there are none. */
export function nearest<T>(items: readonly T[], distKm: (item: T) => number): T | undefined {
  let best: T | undefined;
  let bestD = Infinity;
  for (const item of items) {
    const d = distKm(item);
    if (d < bestD) {
      bestD = d;
      best = item;
    }
  }
  return best;
}

/**
 * The point `km` from `p` on compass bearing `deg` (clockwise from north), in `plane`. It uses Math.sin and
 * Math.cos, not the engine's dmath: the shipped scenarios were built with them, and the result is rounded
 * to 5 decimals (about 1 m) before it is written, far coarser than any engine's last-bit difference.
 */
export function offsetOnBearing(plane: LocalPlane, p: LL, km: number, deg: number): LL {
  const r = (deg * Math.PI) / 180;
  return plane.fromKm([km * Math.sin(r), km * Math.cos(r)], p);
}
