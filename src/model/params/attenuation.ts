// GB 18306-2015 elliptical intensity attenuation coefficients.
// I = A + B·Ms + C·log10(R + R0), R = epicentral distance (km) along the long
// (strike-parallel) or short axis of the isoseismal ellipse.
// Model parameters live here, with their source, not in code, and a run may
// override them (world.params, drilltwin run --params).

export type SeismicZone = 'east' | 'central' | 'xinjiang' | 'qinghai-tibet';
export type EllipseAxis = 'long' | 'short';

export const SEISMIC_ZONES: readonly SeismicZone[] = ['east', 'central', 'xinjiang', 'qinghai-tibet'];

export interface AttenuationCoefficients {
  readonly zone: SeismicZone;
  readonly axis: EllipseAxis;
  readonly a: number;
  readonly b: number;
  /** Negative: intensity falls with distance. */
  readonly c: number;
  /** Near-field saturation distance (km). */
  readonly r0Km: number;
  /** Standard deviation of intensity residuals (degrees); the table gives one per zone, on the long-axis row. */
  readonly sigma: number | null;
  readonly source: string;
}

const SOURCE =
  'Xiao & Yu (2011) / Yu et al. (2013), "Development of ground motion attenuation relations for the new seismic ' +
  'hazard map of China", as tabulated for GB 18306-2015 (高孟潭 宣贯教材)';

export const ATTENUATION_TABLE: readonly AttenuationCoefficients[] = [
  { zone: 'east', axis: 'long', a: 5.7123, b: 1.3626, c: -4.2903, r0Km: 25, sigma: 0.583, source: SOURCE },
  { zone: 'east', axis: 'short', a: 3.6588, b: 1.3626, c: -3.5406, r0Km: 13, sigma: null, source: SOURCE },
  { zone: 'central', axis: 'long', a: 5.841, b: 1.071, c: -3.657, r0Km: 15, sigma: 0.52, source: SOURCE },
  { zone: 'central', axis: 'short', a: 3.944, b: 1.071, c: -2.845, r0Km: 7, sigma: null, source: SOURCE },
  { zone: 'xinjiang', axis: 'long', a: 5.6018, b: 1.4347, c: -4.4899, r0Km: 25, sigma: 0.592, source: SOURCE },
  { zone: 'xinjiang', axis: 'short', a: 3.6113, b: 1.4347, c: -3.8477, r0Km: 13, sigma: null, source: SOURCE },
  { zone: 'qinghai-tibet', axis: 'long', a: 6.458, b: 1.2746, c: -4.4709, r0Km: 25, sigma: 0.664, source: SOURCE },
  { zone: 'qinghai-tibet', axis: 'short', a: 3.3682, b: 1.2746, c: -3.3119, r0Km: 9, sigma: null, source: SOURCE },
];

export function attenuationCoefficients(zone: SeismicZone, axis: EllipseAxis, table: readonly AttenuationCoefficients[] = ATTENUATION_TABLE): AttenuationCoefficients {
  const row = table.find((r) => r.zone === zone && r.axis === axis);
  if (!row) throw new RangeError(`no attenuation coefficients for zone '${zone}', axis '${axis}'`);
  return row;
}

/** A lon/lat box assigned to one attenuation zone. */
export interface ZoneRegion {
  readonly zone: SeismicZone;
  readonly label: string;
  readonly lonMin: number;
  readonly lonMax: number;
  readonly latMin: number;
  readonly latMax: number;
  readonly source: string;
}

const ZONING_ASSUMPTION =
  'assumption: coarse boxes approximating GB 18306-2015 zoning (not the official zone boundaries)';

/**
 * First matching box wins (bounds inclusive, degrees).
 * The last two rows cover the whole globe, so every point gets a zone.
 * Checks: Jishishan 2023 (102.79E 35.70N), Wenchuan 2008 (103.4E 31.0N),
 * Yushu 2010 (96.6E 33.2N) and Menyuan 2022 (101.26E 37.77N) → qinghai-tibet;
 * Kashgar, Hotan (79.9E 37.1N) and Urumqi → xinjiang; Haiyuan 1920 (105.7E
 * 36.5N) and Changning 2019 (104.9E 28.3N) → central; Tangshan 1976 → east.
 */
export const ZONE_REGIONS: readonly ZoneRegion[] = [
  {
    zone: 'qinghai-tibet',
    label: 'Tibet, Kunlun, western Sichuan, Gannan and the Jishishan/Linxia area',
    lonMin: 73, lonMax: 104, latMin: 29, latMax: 36,
    source: ZONING_ASSUMPTION,
  },
  {
    zone: 'qinghai-tibet',
    label: 'south-eastern plateau margin: Hengduan mountains, north-west Yunnan, Liangshan west',
    lonMin: 73, lonMax: 102, latMin: 26.5, latMax: 29,
    source: ZONING_ASSUMPTION,
  },
  {
    zone: 'qinghai-tibet',
    label: 'Kunlun edge of southern Xinjiang (north slope, south of the Tarim basin)',
    lonMin: 73, lonMax: 90, latMin: 36, latMax: 37,
    source: ZONING_ASSUMPTION,
  },
  {
    zone: 'qinghai-tibet',
    label: 'Qaidam basin, Qilian mountains, Qinghai Lake and Xining (north-east plateau)',
    lonMin: 90, lonMax: 104, latMin: 36, latMax: 39,
    source: ZONING_ASSUMPTION,
  },
  {
    zone: 'xinjiang',
    label: 'Tarim basin, Tianshan, Junggar (Xinjiang north of the Kunlun edge)',
    lonMin: 73, lonMax: 96, latMin: 36, latMax: 50,
    source: ZONING_ASSUMPTION,
  },
  {
    zone: 'central',
    label: 'north-south seismic belt and central China west of ~112°E, outside the plateau',
    lonMin: -180, lonMax: 112, latMin: -90, latMax: 90,
    source: ZONING_ASSUMPTION,
  },
  {
    zone: 'east',
    label: 'eastern China east of ~112°E (North China plain, north-east, south-east coast)',
    lonMin: 112, lonMax: 180, latMin: -90, latMax: 90,
    source: ZONING_ASSUMPTION,
  },
];

/** One linear segment Mw = slope·Ms + intercept, valid for Ms in [msMin, msMax]. */
export interface MagnitudeSegment {
  readonly msMin: number;
  readonly msMax: number;
  readonly slope: number;
  readonly intercept: number;
  readonly source: string;
}

/**
 * Scordilis (2006) Ms → Mw. The published ranges leave a gap between Ms 6.1
 * and 6.2; intensity.ts bridges it linearly so the conversion stays
 * continuous and monotonic.
 */
export const MS_TO_MW_SEGMENTS: readonly MagnitudeSegment[] = [
  { msMin: 3.0, msMax: 6.1, slope: 0.67, intercept: 2.07, source: 'Scordilis (2006), J. Seismol. 10:225-236' },
  { msMin: 6.2, msMax: 8.2, slope: 0.99, intercept: 0.08, source: 'Scordilis (2006), J. Seismol. 10:225-236' },
];

/** Instrumental intensity from PGA: I_A = slope·log10(PGA[m/s²]) + intercept, clamped to [min, max]. */
export const PGA_INTENSITY_RELATION = {
  slope: 3.17,
  intercept: 6.59,
  intensityMin: 1,
  intensityMax: 12,
  source: 'GB/T 17742-2020 (中国地震烈度表) instrumental intensity I_A',
} as const;

/** Standard gravity (m/s²), for converting PGA to g. */
export const STANDARD_GRAVITY_MS2 = 9.80665;

// ---------------------------------------------------------------------------
// Magnitude conversion (Scordilis 2006)

function segmentMw(segment: MagnitudeSegment, ms: number): number {
  return segment.slope * ms + segment.intercept;
}

/** The two segments, the Mw at the seam on each side (6.157, 6.218 by default) and the slope that bridges the gap. */
function magnitudeSeam(segments: readonly MagnitudeSegment[]) {
  const [small, large] = segments;
  const mwAtSmallEnd = segmentMw(small, small.msMax);
  const mwAtLargeStart = segmentMw(large, large.msMin);
  return { small, large, mwAtSmallEnd, mwAtLargeStart, gapSlope: (mwAtLargeStart - mwAtSmallEnd) / (large.msMin - small.msMax) };
}

/**
 * Ms → Mw (Scordilis 2006). Valid for Ms 3.0–8.2; outside that the input is
 * clamped to the range (so Ms 2.5 gives Mw 4.08 and Ms 8.5 gives Mw 8.198),
 * because extrapolating a regression past its data is worse than saturating.
 * The gap between the published segments (Ms 6.1–6.2) is bridged linearly.
 */
export function msToMw(ms: number, segments: readonly MagnitudeSegment[] = MS_TO_MW_SEGMENTS): number {
  const { small, large, mwAtSmallEnd, gapSlope } = magnitudeSeam(segments);
  const m = clamp(ms, small.msMin, large.msMax);
  if (m <= small.msMax) return segmentMw(small, m);
  if (m >= large.msMin) return segmentMw(large, m);
  return mwAtSmallEnd + gapSlope * (m - small.msMax);
}

/** Mw → Ms, the exact inverse of msToMw; Mw is clamped to msToMw's output range (4.08–8.198). */
export function mwToMs(mw: number, segments: readonly MagnitudeSegment[] = MS_TO_MW_SEGMENTS): number {
  const { small, large, mwAtSmallEnd, mwAtLargeStart, gapSlope } = magnitudeSeam(segments);
  const m = clamp(mw, segmentMw(small, small.msMin), segmentMw(large, large.msMax));
  if (m <= mwAtSmallEnd) return (m - small.intercept) / small.slope;
  if (m >= mwAtLargeStart) return (m - large.intercept) / large.slope;
  return small.msMax + (m - mwAtSmallEnd) / gapSlope;
}

function clamp(x: number, lo: number, hi: number): number {
  if (x < lo) return lo;
  if (x > hi) return hi;
  return x;
}

/**
 * Attenuation zone for an epicentre, from the coarse boxes in ZONE_REGIONS
 * (an assumption approximating GB 18306-2015 zoning; a scenario should name
 * its zone explicitly when it matters).
 */
export function zoneForEpicentre(lon: number, lat: number, regions: readonly ZoneRegion[] = ZONE_REGIONS): SeismicZone {
  for (const region of regions) {
    if (lon >= region.lonMin && lon <= region.lonMax && lat >= region.latMin && lat <= region.latMax) {
      return region.zone;
    }
  }
  return 'central'; // unreachable: the last rows cover the globe; kept for NaN input
}
