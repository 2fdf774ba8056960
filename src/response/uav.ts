// UAV communication relays: air-to-ground path loss (Al-Hourani et al. 2014),
// coverage footprints, sortie timelines and the population a platform can
// serve. Pure functions of their inputs; parameters live in model/params/uav.ts
// (a run passes the world's copy, world.params.uav).
import { PI, atan2, exp, log10, radToDeg } from '../core/dmath.ts';
import type { Environment } from '../model/scenario-format.ts';
import {
  AIR_TO_GROUND_ENVIRONMENTS,
  AIR_TO_GROUND_FOR_SCENARIO_ENVIRONMENT,
  EFFECTIVE_EARTH_RADIUS_M,
  SPEED_OF_LIGHT_MPS,
  UAV_CONCURRENCY_SHARE,
  UAV_PLATFORMS,
  preparationHoursAt,
  type UavReadiness,
  type AirToGroundEnvironment,
  type UavPlatformClass,
} from '../model/params/uav.ts';
import { DEFAULT_PARAMS, type ModelParams } from '../model/params/index.ts';

/** The platform tables a plan reads: the world's (world.params.uav), the module tables by default. */
type UavTables = ModelParams['uav'];

export type { AirToGroundEnvironment, UavPlatformClass } from '../model/params/uav.ts';

// ---------------------------------------------------------------------------
// Air-to-ground path loss

/** Distances below this are treated as this (the far-field model means nothing nearer). */
const MIN_LINK_DISTANCE_M = 1;

/** Probability of line of sight at elevation angle thetaDeg (degrees). */
export function alHouraniLosProbability(env: AirToGroundEnvironment, thetaDeg: number): number {
  const p = AIR_TO_GROUND_ENVIRONMENTS[env];
  return 1 / (1 + p.a * exp(-p.b * (thetaDeg - p.a)));
}

/** Free-space path loss 20·log10(4π f d / c), f in MHz, d in metres. */
export function freeSpacePathLossDb(distM: number, freqMhz: number): number {
  const d = distM < MIN_LINK_DISTANCE_M ? MIN_LINK_DISTANCE_M : distM;
  return 20 * log10((4 * PI * freqMhz * 1e6 * d) / SPEED_OF_LIGHT_MPS);
}

/**
 * Mean air-to-ground path loss (dB) from a platform at altitudeM above the
 * ground to a handset groundDistM away horizontally:
 * PL = FSPL + η_LoS·P_LoS + η_NLoS·(1 − P_LoS), P_LoS = 1/(1 + a·exp(−b(θ − a))),
 * θ the elevation angle in degrees.
 */
export function alHouraniPathLossDb(env: AirToGroundEnvironment, altitudeM: number, groundDistM: number, freqMhz: number): number {
  const p = AIR_TO_GROUND_ENVIRONMENTS[env];
  const h = altitudeM > 0 ? altitudeM : 0;
  const r = groundDistM > 0 ? groundDistM : 0;
  const thetaDeg = radToDeg(atan2(h, r));
  const pLos = alHouraniLosProbability(env, thetaDeg);
  const d = Math.sqrt(h * h + r * r);
  return freeSpacePathLossDb(d, freqMhz) + p.etaLosDb * pLos + p.etaNlosDb * (1 - pLos);
}

/** Radio horizon of a platform at altitudeM over a smooth 4/3 earth. */
export function radioHorizonM(altitudeM: number): number {
  if (!(altitudeM > 0)) return 0;
  return Math.sqrt(2 * EFFECTIVE_EARTH_RADIUS_M.value * altitudeM);
}

const BISECTION_STEPS = 64;

/**
 * Ground radius at which the Al-Hourani path loss reaches maxPathLossDb, by
 * bisection (a fixed number of halvings, so the bits never depend on a
 * tolerance test). The loss grows with ground distance at a fixed altitude
 * (free-space loss grows and the line-of-sight share falls), so the root is
 * unique. Returns 0 if even the point straight below is out of budget, and
 * caps the radius at the radio horizon (the model is flat-earth).
 */
export function alHouraniRadiusM(env: AirToGroundEnvironment, altitudeM: number, maxPathLossDb: number, freqMhz: number): number {
  if (!(altitudeM > 0) || !(maxPathLossDb === maxPathLossDb)) return 0;
  if (alHouraniPathLossDb(env, altitudeM, 0, freqMhz) > maxPathLossDb) return 0;
  let hi = radioHorizonM(altitudeM);
  if (alHouraniPathLossDb(env, altitudeM, hi, freqMhz) <= maxPathLossDb) return hi;
  let lo = 0;
  for (let i = 0; i < BISECTION_STEPS; i++) {
    const mid = 0.5 * (lo + hi);
    if (alHouraniPathLossDb(env, altitudeM, mid, freqMhz) <= maxPathLossDb) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** The Al-Hourani environment for a scenario environment ('rural' → 'suburban', an assumption). */
export function airToGroundEnvironmentFor(env: Environment): AirToGroundEnvironment {
  return AIR_TO_GROUND_FOR_SCENARIO_ENVIRONMENT[env];
}

// ---------------------------------------------------------------------------
// Footprint

export interface UavLinkBudget {
  environment: AirToGroundEnvironment;
  /** Maximum allowed path loss of the handset link, dB. */
  maxPathLossDb: number;
  freqMhz: number;
}

export interface FootprintOptions {
  /** Tethered only: the published high-power radius (≈ 2 km) instead of ≈ 1 km. Ignored with a link budget. */
  highPower?: boolean;
  /** When the scenario gives a link budget, the radius comes from Al-Hourani instead of the published figure. */
  linkBudget?: UavLinkBudget;
  /** Height above the served ground for the link budget; default the class's relay altitude. */
  altitudeM?: number;
}

/**
 * Coverage radius of a platform on station, metres. By default the published
 * coverage: an area A becomes r = √(A/π) (50 km² → 3,989 m, 30 km² → 3,090 m);
 * tethered 1,000 m, or 2,000 m at high power. With a link budget, the
 * Al-Hourani radius at the platform's altitude.
 */
export function footprintRadiusM(platformClass: UavPlatformClass, options: FootprintOptions = {}, tables: UavTables = DEFAULT_PARAMS.uav): number {
  const spec = tables.UAV_PLATFORMS[platformClass];
  if (options.linkBudget) {
    const altitudeM = options.altitudeM ?? spec.relayAltitudeM.value;
    const { environment, maxPathLossDb, freqMhz } = options.linkBudget;
    return alHouraniRadiusM(environment, altitudeM, maxPathLossDb, freqMhz);
  }
  const c = spec.coverage;
  if (c.kind === 'radius') return options.highPower ? c.highPowerRadiusM : c.radiusM;
  return Math.sqrt((c.areaKm2 * 1e6) / PI);
}

// ---------------------------------------------------------------------------
// Sortie timeline

export interface WeatherWindow {
  /** Start, seconds since T0 (inclusive). */
  fromSec: number;
  /** End, seconds since T0 (exclusive). */
  toSec: number;
  /** Wind force on the Beaufort scale. */
  windForce: number;
  visibilityKm?: number;
}

export interface SortieRequest {
  platformClass: UavPlatformClass;
  /** Airfield or launch point (ignored for tethered, which flies from its vehicle at the target). */
  baseXM: number;
  baseYM: number;
  targetXM: number;
  targetYM: number;
  requestSec: number;
  greenChannel: boolean;
  weather: readonly WeatherWindow[];
  /** Longest the take-off may wait for weather; default UAV_DEFAULT_MAX_WEATHER_WAIT_SEC. */
  maxWaitSec?: number;
  /** Tethered only: when its vehicle reaches the site; absent, null or non-finite = the site cannot be reached by road. */
  vehicleArrivalSec?: number | null;
  /** Tethered only: cable (mains) power, 72 h instead of 24 h aloft. */
  cablePower?: boolean;
  /** How ready the platform is (UAV_READINESS); 'home' when absent. */
  readiness?: UavReadiness;
}

export interface SortiePlan {
  ok: true;
  /** Airspace approval granted. */
  approvalSec: number;
  /** Take-off (tethered: launch from its vehicle). */
  takeoffSec: number;
  onStationSec: number;
  leaveStationSec: number;
  landSec: number;
  /** One-way transit; 0 for tethered. */
  transitSec: number;
  onStationHours: number;
  /** Time the take-off waited for weather after the platform was ready. */
  weatherWaitSec: number;
  /** Weather above the flight limit cut the time on station short. */
  leftEarlyForWeather: boolean;
}

export type SortieRefusal = 'groundedByWeather' | 'outOfRange' | 'notRoadReachable';

export type SortieResult = SortiePlan | { ok: false; reason: SortieRefusal };

function hoursToSec(hours: number): number {
  return Math.round(hours * 3600);
}

function blocksTakeoff(w: WeatherWindow, windLimit: number, minVisibilityKm: number): boolean {
  if (w.windForce > windLimit) return true;
  return w.visibilityKm !== undefined && w.visibilityKm < minVisibilityKm;
}

/**
 * Earliest time ≥ readySec at which the platform may take off: the take-off
 * weather is within limits at that instant, and no window above the flight
 * limit begins before it would reach station (windows are scripted, i.e. the
 * forecast is known, so nobody launches into a storm met on the way). Each
 * step jumps to the end of a blocking window and a window never blocks twice,
 * so the loop ends within weather.length steps.
 */
function earliestTakeoffSec(readySec: number, transitSec: number, weather: readonly WeatherWindow[], takeoffWind: number, flightWind: number, minVisKm: number): number {
  let t = readySec;
  for (let step = 0; step <= weather.length; step++) {
    let next = t;
    for (const w of weather) {
      if (!(w.toSec > w.fromSec)) continue;
      const atTakeoff = w.fromSec <= t && t < w.toSec && blocksTakeoff(w, takeoffWind, minVisKm);
      const onTheWay = w.windForce > flightWind && w.fromSec <= t + transitSec && w.toSec > t;
      if ((atTakeoff || onTheWay) && w.toSec > next) next = w.toSec;
    }
    if (next === t) return t;
    t = next;
  }
  return t;
}

/** Start of the first window above the flight limit that overlaps [fromSec, toSec), or null. */
function firstFlightLimitBreachSec(fromSec: number, toSec: number, weather: readonly WeatherWindow[], flightWind: number): number | null {
  let first: number | null = null;
  for (const w of weather) {
    if (!(w.toSec > w.fromSec) || !(w.windForce > flightWind)) continue;
    if (w.fromSec < toSec && w.toSec > fromSec) {
      const start = w.fromSec > fromSec ? w.fromSec : fromSec;
      if (first === null || start < first) first = start;
    }
  }
  return first;
}

/**
 * Plans one sortie. Approval runs from the request; preparation follows
 * approval (tethered: deployment follows the vehicle's arrival, in parallel
 * with approval); take-off waits for weather up to maxWaitSec. Time on station
 * is the endurance less the outbound and return transits; weather above the
 * flight limit while on station makes the platform leave at its onset.
 */
export function planSortie(req: SortieRequest, tables: UavTables = DEFAULT_PARAMS.uav): SortieResult {
  const spec = tables.UAV_PLATFORMS[req.platformClass];
  const approvalDelay = hoursToSec(req.greenChannel ? spec.approvalHours.greenChannel : spec.approvalHours.normal);
  const approvalSec = req.requestSec + approvalDelay;
  const prepSec = hoursToSec(preparationHoursAt(spec.preparationHours.value, req.readiness ?? 'home', tables.UAV_READINESS));

  let readySec: number;
  let transitSec: number;
  let enduranceSec: number;
  if (spec.cruiseKmh === null) {
    // Moves with its vehicle: launches at the site, no transit flight.
    const arrival = req.vehicleArrivalSec;
    if (arrival === undefined || arrival === null || !Number.isFinite(arrival)) return { ok: false, reason: 'notRoadReachable' };
    const deployedSec = arrival + prepSec;
    readySec = deployedSec > approvalSec ? deployedSec : approvalSec;
    transitSec = 0;
    const hours = req.cablePower && spec.extendedEnduranceHours ? spec.extendedEnduranceHours.value : spec.enduranceHours.value;
    enduranceSec = hoursToSec(hours);
  } else {
    const dx = req.targetXM - req.baseXM;
    const dy = req.targetYM - req.baseYM;
    const distM = Math.sqrt(dx * dx + dy * dy);
    transitSec = Math.round((distM * 3.6) / spec.cruiseKmh.value);
    enduranceSec = hoursToSec(spec.enduranceHours.value);
    readySec = approvalSec + prepSec;
  }
  const stationSec = enduranceSec - 2 * transitSec;
  if (!(stationSec > 0)) return { ok: false, reason: 'outOfRange' };

  const takeoffSec = earliestTakeoffSec(
    readySec,
    transitSec,
    req.weather,
    spec.takeoffWindLimitBeaufort.value,
    spec.flightWindLimitBeaufort.value,
    spec.minTakeoffVisibilityKm.value,
  );
  const weatherWaitSec = takeoffSec - readySec;
  const maxWaitSec = req.maxWaitSec ?? tables.UAV_DEFAULT_MAX_WEATHER_WAIT_SEC.value;
  if (weatherWaitSec > maxWaitSec) return { ok: false, reason: 'groundedByWeather' };

  const onStationSec = takeoffSec + transitSec;
  const plannedLeaveSec = onStationSec + stationSec;
  const breach = firstFlightLimitBreachSec(onStationSec, plannedLeaveSec, req.weather, spec.flightWindLimitBeaufort.value);
  const leaveStationSec = breach === null ? plannedLeaveSec : breach;
  return {
    ok: true,
    approvalSec,
    takeoffSec,
    onStationSec,
    leaveStationSec,
    landSec: leaveStationSec + transitSec,
    transitSec,
    onStationHours: (leaveStationSec - onStationSec) / 3600,
    weatherWaitSec,
    leftEarlyForWeather: breach !== null,
  };
}

// ---------------------------------------------------------------------------
// Capacity

/** Most people one platform can serve: its concurrent users over the share of people online at once. */
export function servedPopulationCap(platformClass: UavPlatformClass): number {
  return Math.floor(UAV_PLATFORMS[platformClass].concurrentUsers.value / UAV_CONCURRENCY_SHARE.value);
}

/** People in the footprint who get service: min(people, concurrentUsers / concurrencyShare). */
export function servedPeople(peopleInFootprint: number, platformClass: UavPlatformClass): number {
  if (!(peopleInFootprint > 0)) return 0;
  const cap = servedPopulationCap(platformClass);
  return peopleInFootprint < cap ? peopleInFootprint : cap;
}
