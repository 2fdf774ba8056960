// What each hazard amounted to, for the report. Earthquake areas are measured
// on the field the scenario actually used (isoseismals, or the relation plus
// site amplification) by sampling it on a regular grid, and set beside the
// GB 18306-2015 relation's own ellipses, so the gap that site effects make is
// visible.
import { radiusKm } from './intensity.ts';
import { fieldIntensityAt, relationIntensityAt } from './field.ts';
import type { EarthquakeSpec, FloodSpec } from '../model/world.ts';

export const AREA_GRID_CELL_M = 500;

export interface EarthquakeSummary {
  id: string;
  type: 'earthquake';
  tSec: number;
  epicenter: [number, number];
  magnitude: number;
  magnitudeType: 'Ms' | 'Mw';
  ms: number;
  zone: string;
  strikeDeg: number;
  /** Which field drove damage. */
  field: 'isoseismals' | 'relation+amplification' | 'relation';
  /** Area (km²) at or above each degree from VI, on the field used. */
  areasKm2: Record<string, number>;
  /** The same for the GB 18306-2015 relation alone. */
  relationAreasKm2: Record<string, number>;
}

export interface FloodSummary {
  id: string;
  type: 'flood';
  tSec: number;
  endSec: number;
  /** Per zone, with this run's rise: the peak level, when, and the factor the hydrograph's rise was scaled by (1: as the scenario gives it). */
  zones: { zoneId: string; peakLevelM: number; peakAtSec: number; stageFactor: number }[];
  exposed: Record<string, number>;
}

function boundsFor(eq: EarthquakeSpec): [number, number, number, number] {
  const r = Math.max(radiusKm(eq.zone, 'long', eq.ms, 6, eq.attenuationTable), 1) * 1000 * 1.3;
  let [minX, minY, maxX, maxY] = [eq.xM - r, eq.yM - r, eq.xM + r, eq.yM + r];
  for (const zone of [...eq.isoseismals, ...eq.amplification]) {
    minX = Math.min(minX, zone.polygon.bbox[0]);
    minY = Math.min(minY, zone.polygon.bbox[1]);
    maxX = Math.max(maxX, zone.polygon.bbox[2]);
    maxY = Math.max(maxY, zone.polygon.bbox[3]);
  }
  return [minX, minY, maxX, maxY];
}

/** Areas at or above each degree ≥ VI, sampling `intensity` at cell centres. */
export function areasAtOrAbove(bounds: [number, number, number, number], intensity: (x: number, y: number) => number, cellM = AREA_GRID_CELL_M): Record<string, number> {
  const counts = new Map<number, number>();
  const [minX, minY, maxX, maxY] = bounds;
  for (let y = minY + cellM / 2; y < maxY; y += cellM) {
    for (let x = minX + cellM / 2; x < maxX; x += cellM) {
      const degree = Math.floor(intensity(x, y) + 1e-9);
      if (degree >= 6) counts.set(degree, (counts.get(degree) ?? 0) + 1);
    }
  }
  const cellKm2 = (cellM * cellM) / 1e6;
  const top = Math.max(6, ...counts.keys());
  const areas: Record<string, number> = {};
  let cumulative = 0;
  for (let d = top; d >= 6; d--) {
    cumulative += counts.get(d) ?? 0;
    if (cumulative > 0) areas[String(d)] = Math.round(cumulative * cellKm2 * 10) / 10;
  }
  return areas;
}

export function summariseEarthquake(eq: EarthquakeSpec): EarthquakeSummary {
  const bounds = boundsFor(eq);
  const field = eq.isoseismals.length ? 'isoseismals' : eq.amplification.length ? 'relation+amplification' : 'relation';
  return {
    id: eq.id,
    type: 'earthquake',
    tSec: eq.tSec,
    epicenter: eq.doc.epicenter,
    magnitude: eq.magnitude,
    magnitudeType: eq.magnitudeType,
    ms: eq.ms,
    zone: eq.zone,
    strikeDeg: eq.strikeDeg,
    field,
    areasKm2: areasAtOrAbove(bounds, (x, y) => fieldIntensityAt(eq, x, y)),
    relationAreasKm2: areasAtOrAbove(bounds, (x, y) => relationIntensityAt(eq, x, y)),
  };
}

export function summariseFlood(flood: FloodSpec, stageFactors: readonly number[]): FloodSummary {
  const exposed: Record<string, number> = {};
  for (const e of flood.exposures) exposed[e.kind] = (exposed[e.kind] ?? 0) + 1;
  return {
    id: flood.id,
    type: 'flood',
    tSec: flood.tSec,
    endSec: flood.endSec,
    zones: flood.zones.map((z, k) => {
      let peak = 0;
      for (let i = 1; i < z.levelsM.length; i++) if (z.levelsM[i] > z.levelsM[peak]) peak = i;
      const factor = stageFactors[k];
      const peakLevelM = z.levelsM[0] + factor * (z.levelsM[peak] - z.levelsM[0]);
      return { zoneId: z.zoneId, peakLevelM: Math.round(peakLevelM * 100) / 100, peakAtSec: z.timesSec[peak], stageFactor: Math.round(factor * 1000) / 1000 };
    }),
    exposed,
  };
}
