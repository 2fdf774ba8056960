// Local metric plane. The loader projects WGS84 once, equirectangularly around
// the scenario's origin (error well under 0.5 % across a county or a small
// province; this is a simplification, noted in the README). The engine works
// in metres from then on. cos comes from the deterministic maths module so the
// projection is bit-identical in every engine.
import { cos, degToRad } from './dmath.ts';

/** WGS84 equatorial radius; the sphere approximation is part of the simplification. */
export const EARTH_RADIUS_M = 6_378_137;

export interface Projection {
  originLon: number;
  originLat: number;
  toXY(lon: number, lat: number): [number, number];
  toLonLat(xM: number, yM: number): [number, number];
}

export function makeProjection(originLon: number, originLat: number): Projection {
  const metresPerDegLat = EARTH_RADIUS_M * degToRad(1);
  const metresPerDegLon = metresPerDegLat * cos(degToRad(originLat));
  return {
    originLon,
    originLat,
    toXY: (lon, lat) => [(lon - originLon) * metresPerDegLon, (lat - originLat) * metresPerDegLat],
    toLonLat: (xM, yM) => [originLon + xM / metresPerDegLon, originLat + yM / metresPerDegLat],
  };
}

/** Even–odd rule over all rings (holes included); a point on an edge may fall either side. */
export function pointInRings(rings: Float64Array[], xM: number, yM: number): boolean {
  let inside = false;
  for (const ring of rings) {
    const n = ring.length / 2;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const xi = ring[2 * i], yi = ring[2 * i + 1];
      const xj = ring[2 * j], yj = ring[2 * j + 1];
      if (yi > yM !== yj > yM && xM < ((xj - xi) * (yM - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

export function distM(x0: number, y0: number, x1: number, y1: number): number {
  const dx = x1 - x0;
  const dy = y1 - y0;
  return Math.sqrt(dx * dx + dy * dy);
}

export function pathLengthM(path: Float64Array): number {
  let len = 0;
  for (let i = 2; i < path.length; i += 2) len += distM(path[i - 2], path[i - 1], path[i], path[i + 1]);
  return len;
}
