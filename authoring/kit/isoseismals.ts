// Isoseismals drawn as nested ellipses: published intensity maps give areas (and sometimes the VI zone's
// axes) but no outlines the build can read, so each zone is an ellipse of a common axis ratio along the
// fault's strike, sized to its published cumulative area, all about one centre.
import { closeRing, round1, type LL, type LocalPlane } from './geometry.ts';
import { polygonFeature, type Feature } from './files.ts';

/** One zone: intensity and the ellipse's semi-axes, km (a along strike). */
export interface IsoseismalAxes {
  intensity: number;
  a: number;
  b: number;
}

/**
 * Semi-axes for each [intensity, cumulative area km²] with the common `axisRatio` (a / b); an intensity
 * whose axes were published takes those instead (its area then follows from them).
 */
export function axesFromAreas(areas: readonly (readonly [number, number])[], axisRatio: number, published: Readonly<Record<number, { a: number; b: number }>> = {}): IsoseismalAxes[] {
  return areas.map(([intensity, area]) => {
    const given = published[intensity];
    if (given) return { intensity, a: given.a, b: given.b };
    const b = Math.sqrt(area / (Math.PI * axisRatio));
    return { intensity, a: b * axisRatio, b };
  });
}

export interface IsoseismalMap {
  /** Unit vectors in the local plane: along strike (u) and across it (v). */
  readonly along: [number, number];
  readonly across: [number, number];
  /** The closed ring of an ellipse of semi-axes a, b about the centre, `n` points. */
  ring(a: number, b: number, n?: number): LL[];
  /** The highest zone `p` falls in, or `outside` when none. */
  intensityAt(p: LL, outside: number): number;
  /** The isoseismals layer: one polygon per zone, with its semi-axes and area. */
  features(): Feature<{ intensity: number; semiMajorKm: number; semiMinorKm: number; areaKm2: number }>[];
}

/** Zones `axes` (lowest intensity first) about `centre`, long axes on compass bearing `strikeDeg`. */
export function isoseismalMap(plane: LocalPlane, centre: LL, strikeDeg: number, axes: readonly IsoseismalAxes[]): IsoseismalMap {
  const strikeRad = (strikeDeg * Math.PI) / 180;
  const U: [number, number] = [Math.sin(strikeRad), Math.cos(strikeRad)];
  const V: [number, number] = [Math.cos(strikeRad), -Math.sin(strikeRad)];
  const centreKm = plane.toKm(centre);
  const ring = (a: number, b: number, n = 72): LL[] => {
    const pts: LL[] = [];
    for (let i = 0; i < n; i++) {
      const t = (2 * Math.PI * i) / n;
      const ca = a * Math.cos(t);
      const sb = b * Math.sin(t);
      pts.push(plane.fromKm([ca * U[0] + sb * V[0], ca * U[1] + sb * V[1]], centre));
    }
    return closeRing(pts);
  };
  const intensityAt = (p: LL, outside: number): number => {
    const [x, y] = plane.toKm(p);
    const dx = x - centreKm[0];
    const dy = y - centreKm[1];
    const u = dx * U[0] + dy * U[1];
    const v = dx * V[0] + dy * V[1];
    let level = outside;
    for (const { intensity, a, b } of axes) if ((u * u) / (a * a) + (v * v) / (b * b) <= 1) level = intensity;
    return level;
  };
  const features = () =>
    axes.map(({ intensity, a, b }) => polygonFeature(ring(a, b), { intensity, semiMajorKm: round1(a), semiMinorKm: round1(b), areaKm2: Math.round(Math.PI * a * b) }));
  return { along: U, across: V, ring, intensityAt, features };
}
