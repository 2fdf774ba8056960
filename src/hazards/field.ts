// The intensity field a scenario actually uses for one earthquake: the
// published isoseismals when the scenario gives them (replaying an official
// map), otherwise the GB 18306-2015 relation plus any site-amplification
// increment (e.g. loess) at the point.
import { pointInRings } from '../core/geo.ts';
import type { EarthquakeSpec, Polygon2D } from '../model/world.ts';
import { intensityAt } from './intensity.ts';

function inside(poly: Polygon2D, xM: number, yM: number): boolean {
  const [minX, minY, maxX, maxY] = poly.bbox;
  if (xM < minX || xM > maxX || yM < minY || yM > maxY) return false;
  return pointInRings(poly.rings, xM, yM);
}

/** Largest amplification increment among the zones containing the point (0 outside all). */
export function amplificationAt(eq: EarthquakeSpec, xM: number, yM: number): number {
  let delta = 0;
  let found = false;
  for (const zone of eq.amplification) {
    if (inside(zone.polygon, xM, yM)) {
      delta = found ? Math.max(delta, zone.deltaIntensity) : zone.deltaIntensity;
      found = true;
    }
  }
  return delta;
}

export function relationIntensityAt(eq: EarthquakeSpec, xM: number, yM: number): number {
  return intensityAt(eq.zone, eq.ms, { xM: eq.xM, yM: eq.yM }, eq.strikeDeg, { xM, yM }, eq.attenuationTable);
}

/**
 * Intensity (continuous degrees, 0–12) at a point. With isoseismals, a point
 * inside the degree-N polygon gets N; outside them all it gets the relation's
 * value capped just below the lowest mapped degree.
 */
export function fieldIntensityAt(eq: EarthquakeSpec, xM: number, yM: number): number {
  if (eq.isoseismals.length > 0) {
    for (const iso of eq.isoseismals) if (inside(iso.polygon, xM, yM)) return iso.intensity;
    const lowest = eq.isoseismals[eq.isoseismals.length - 1].intensity;
    return Math.min(relationIntensityAt(eq, xM, yM), lowest - 1);
  }
  const value = relationIntensityAt(eq, xM, yM) + amplificationAt(eq, xM, yM);
  return Math.max(0, Math.min(12, value));
}
