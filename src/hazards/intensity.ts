// Earthquake intensity from the GB 18306-2015 elliptical attenuation model,
// magnitude conversion and intensity ↔ PGA. Every transcendental goes through
// core/dmath so the intensity field, and every damage draw fed by it, is
// bit-identical on every engine.
import { cos, degToRad, exp10, log10, PI, sin } from '../core/dmath.ts';
import {
  ATTENUATION_TABLE,
  attenuationCoefficients,
  PGA_INTENSITY_RELATION,
  STANDARD_GRAVITY_MS2,
  type AttenuationCoefficients,
  type EllipseAxis,
  type SeismicZone,
} from '../model/params/attenuation.ts';

/** A point in the scenario's local metric plane: x east, y north, metres. */
export interface PlanePoint {
  readonly xM: number;
  readonly yM: number;
}

/** The intensity field is bounded to the scale's range; below 0 a point is simply unaffected. */
const INTENSITY_FLOOR = 0;
const INTENSITY_CEILING = 12;
const LN10 = 2.302585092994046;
/** Newton from above converges quadratically; these bound the work and the final step (degrees). */
const MAX_NEWTON_STEPS = 50;
const NEWTON_TOLERANCE = 1e-12;

/** Source term A + B·Ms, shared by every distance on one axis. */
function sourceTerm(k: AttenuationCoefficients, ms: number): number {
  return k.a + k.b * ms;
}

/** R(I) = 10^((I − A − B·Ms)/C) − R0, clamped at 0 (degree not reached even at the epicentre). */
function axisRadiusKm(k: AttenuationCoefficients, source: number, intensity: number): number {
  const r = exp10((intensity - source) / k.c) - k.r0Km;
  return r > 0 ? r : 0;
}

/** I(R) = A + B·Ms + C·log10(R + R0) along one axis. */
function axisIntensity(k: AttenuationCoefficients, source: number, distKm: number): number {
  return source + k.c * log10(distKm + k.r0Km);
}

/** The coefficient rows to use: the world's (world.params), the module table by default. */
type Table = readonly AttenuationCoefficients[];

/** Radius (km) of the given intensity degree along one axis; 0 when the degree is not reached. */
export function radiusKm(zone: SeismicZone, axis: EllipseAxis, ms: number, intensity: number, table: Table = ATTENUATION_TABLE): number {
  const k = attenuationCoefficients(zone, axis, table);
  return axisRadiusKm(k, sourceTerm(k, ms), intensity);
}

/** Intensity at the epicentre: the long-axis relation at R = 0. */
export function epicentralIntensity(zone: SeismicZone, ms: number, table: Table = ATTENUATION_TABLE): number {
  const k = attenuationCoefficients(zone, 'long', table);
  return axisIntensity(k, sourceTerm(k, ms), 0);
}

/** Everything about one earthquake that does not depend on the point: resolved once, reused per point. */
interface FieldConstants {
  readonly long: AttenuationCoefficients;
  readonly short: AttenuationCoefficients;
  readonly longSource: number;
  readonly shortSource: number;
  readonly epicentre: PlanePoint;
  /** Unit vector of the strike (long axis) in (east, north). */
  readonly strikeEast: number;
  readonly strikeNorth: number;
  readonly epicentralIntensity: number;
}

function clampIntensity(i: number): number {
  if (i < INTENSITY_FLOOR) return INTENSITY_FLOOR;
  if (i > INTENSITY_CEILING) return INTENSITY_CEILING;
  return i;
}

function fieldConstants(zone: SeismicZone, ms: number, epicentre: PlanePoint, strikeDeg: number, table: Table): FieldConstants {
  const long = attenuationCoefficients(zone, 'long', table);
  const short = attenuationCoefficients(zone, 'short', table);
  const longSource = sourceTerm(long, ms);
  const strikeRad = degToRad(strikeDeg);
  return {
    long,
    short,
    longSource,
    shortSource: sourceTerm(short, ms),
    epicentre,
    // Strike is clockwise from north, so its direction is (sin θ east, cos θ north).
    strikeEast: sin(strikeRad),
    strikeNorth: cos(strikeRad),
    epicentralIntensity: clampIntensity(axisIntensity(long, longSource, 0)),
  };
}

/**
 * Solves (along/R_long(I))² + (across/R_short(I))² = 1 for I, both offsets
 * non-zero. h(I) = that sum is increasing and convex in I (each radius is
 * K·10^(I/C) − R0 with C < 0), so Newton's method started above the root
 * descends monotonically onto it. The start is the smaller of the two axis
 * intensities: there one term alone is already 1, so h ≥ 1, and both radii
 * stay positive on the way down.
 */
function solveOffAxis(f: FieldConstants, alongKm: number, acrossKm: number): number {
  const { long, short } = f;
  const iAlong = axisIntensity(long, f.longSource, Math.abs(alongKm));
  const iAcross = axisIntensity(short, f.shortSource, Math.abs(acrossKm));
  let i = iAlong < iAcross ? iAlong : iAcross;
  if (i <= INTENSITY_FLOOR) return INTENSITY_FLOOR; // the root lies below this bound
  for (let step = 0; step < MAX_NEWTON_STEPS; step++) {
    const eLong = exp10((i - f.longSource) / long.c);
    const eShort = exp10((i - f.shortSource) / short.c);
    const rLong = eLong - long.r0Km;
    const rShort = eShort - short.r0Km;
    const qLong = alongKm / rLong;
    const qShort = acrossKm / rShort;
    const excess = qLong * qLong + qShort * qShort - 1;
    // dR/dI = ln10·e/C (negative), so dh/dI = −2·ln10·Σ q²·e/(C·R) > 0.
    const slope = -2 * LN10 * ((qLong * qLong * eLong) / (long.c * rLong) + (qShort * qShort * eShort) / (short.c * rShort));
    const decrease = excess / slope;
    if (!(decrease > 0)) break; // at the root to rounding
    i -= decrease;
    if (decrease <= NEWTON_TOLERANCE) break;
  }
  return i;
}

function intensityWithField(f: FieldConstants, point: PlanePoint): number {
  const dxKm = (point.xM - f.epicentre.xM) / 1000;
  const dyKm = (point.yM - f.epicentre.yM) / 1000;
  const alongKm = dxKm * f.strikeEast + dyKm * f.strikeNorth;
  const acrossKm = dxKm * f.strikeNorth - dyKm * f.strikeEast;
  if (alongKm === 0 && acrossKm === 0) return f.epicentralIntensity;
  // On an axis the ellipse condition reduces to that axis's own relation.
  if (acrossKm === 0) return clampIntensity(axisIntensity(f.long, f.longSource, Math.abs(alongKm)));
  if (alongKm === 0) return clampIntensity(axisIntensity(f.short, f.shortSource, Math.abs(acrossKm)));
  return clampIntensity(solveOffAxis(f, alongKm, acrossKm));
}

/**
 * Intensity at a point: the degree whose isoseismal ellipse (semi-axes
 * R_long(I), R_short(I), long axis along the strike, strike clockwise from
 * north) passes through the point, bounded to [0, 12]. At the epicentre:
 * the long-axis value at R = 0.
 */
export function intensityAt(
  zone: SeismicZone,
  ms: number,
  epicentre: PlanePoint,
  strikeDeg: number,
  point: PlanePoint,
  table: Table = ATTENUATION_TABLE,
): number {
  return intensityWithField(cachedFieldConstants(zone, ms, epicentre, strikeDeg, table), point);
}

/**
 * Callers usually evaluate many points of the same earthquake in a row, so
 * the last event's constants are kept. The cache is a pure function of its
 * key, so it cannot change any result.
 */
let lastField: { zone: SeismicZone; ms: number; xM: number; yM: number; strikeDeg: number; table: Table; f: FieldConstants } | null = null;

function cachedFieldConstants(zone: SeismicZone, ms: number, epicentre: PlanePoint, strikeDeg: number, table: Table): FieldConstants {
  const c = lastField;
  if (c && c.zone === zone && c.ms === ms && c.xM === epicentre.xM && c.yM === epicentre.yM && c.strikeDeg === strikeDeg && c.table === table) {
    return c.f;
  }
  const f = fieldConstants(zone, ms, { xM: epicentre.xM, yM: epicentre.yM }, strikeDeg, table);
  lastField = { zone, ms, xM: epicentre.xM, yM: epicentre.yM, strikeDeg, table, f };
  return f;
}

/**
 * The same as intensityAt, with the per-earthquake constants resolved once:
 * use this to evaluate many points (a grid, every asset) of one event.
 */
export function intensityField(
  zone: SeismicZone,
  ms: number,
  epicentre: PlanePoint,
  strikeDeg: number,
  table: Table = ATTENUATION_TABLE,
): (point: PlanePoint) => number {
  const f = fieldConstants(zone, ms, epicentre, strikeDeg, table);
  return (point) => intensityWithField(f, point);
}

function clamp(x: number, lo: number, hi: number): number {
  if (x < lo) return lo;
  if (x > hi) return hi;
  return x;
}

// ---------------------------------------------------------------------------
// Intensity ↔ ground motion (GB/T 17742-2020)

/** The I_A relation's numbers: the world's (world.params), the module table by default. */
type PgaRelation = { readonly slope: number; readonly intercept: number; readonly intensityMin: number; readonly intensityMax: number };

/** PGA (m/s²) at the centre of an intensity degree: inverse of I_A = 3.17·log10(PGA) + 6.59. */
export function intensityToPgaMs2(intensity: number, relation: PgaRelation = PGA_INTENSITY_RELATION): number {
  return exp10((intensity - relation.intercept) / relation.slope);
}

/** Instrumental intensity from PGA (m/s²), clamped to [1, 12]; PGA ≤ 0 gives 1. */
export function pgaToIntensity(pgaMs2: number, relation: PgaRelation = PGA_INTENSITY_RELATION): number {
  if (pgaMs2 !== pgaMs2) return NaN;
  const { slope, intercept, intensityMin, intensityMax } = relation;
  if (pgaMs2 <= 0) return intensityMin;
  return clamp(slope * log10(pgaMs2) + intercept, intensityMin, intensityMax);
}

/** PGA in units of g for an intensity (the fragility curves' input). */
export function pgaG(intensity: number, relation: PgaRelation = PGA_INTENSITY_RELATION): number {
  return intensityToPgaMs2(intensity, relation) / STANDARD_GRAVITY_MS2;
}

// ---------------------------------------------------------------------------
// Summary estimate

export interface DegreeExtent {
  /** Semi-axis along strike (km). */
  readonly longKm: number;
  /** Semi-axis across strike (km). */
  readonly shortKm: number;
  /** Area at or above this degree: π·long·short (km²). */
  readonly areaKm2: number;
}

export interface QuakeEstimate {
  readonly zone: SeismicZone;
  readonly ms: number;
  readonly strikeDeg: number;
  readonly epicentralIntensity: number;
  /** Keyed by degree ('6', '7', ...), from VI up to the highest degree with a positive radius. */
  readonly degrees: Readonly<Record<string, DegreeExtent>>;
}

const FIRST_REPORTED_DEGREE = 6; // VI: the threshold of damage and of official isoseismal maps

/** Isoseismal ellipses of degree VI and above, unrounded (the CLI rounds for display). */
export function estimateQuake(input: { ms: number; zone: SeismicZone; strikeDeg: number }): QuakeEstimate {
  const { ms, zone, strikeDeg } = input;
  const degrees: Record<string, DegreeExtent> = {};
  for (let degree = FIRST_REPORTED_DEGREE; degree <= INTENSITY_CEILING; degree++) {
    const longKm = radiusKm(zone, 'long', ms, degree);
    const shortKm = radiusKm(zone, 'short', ms, degree);
    if (longKm <= 0 && shortKm <= 0) break;
    degrees[String(degree)] = { longKm, shortKm, areaKm2: PI * longKm * shortKm };
  }
  return { zone, ms, strikeDeg, epicentralIntensity: epicentralIntensity(zone, ms), degrees };
}
