// UAV communication platforms: published figures (platform specifications; Jishishan 2023 and
// Beijing–Hebei 2023 official figures as reported by news media) and our assumptions, each labelled. Used by uav.ts.
//
// Calibration of the large fixed-wing timeline (Jishishan 2023): the Wing
// Loong-2H took off T+12.7 h (19 Dec 12:43, onset 18 Dec 23:59:30) from a base
// about 1,000 km away (official figures as reported by news media). With a request at T+1 h (assumption:
// national response activated about an hour after onset), normal approval 6 h
// and preparation 5.5 h give take-off at T+12.5 h; 1,000 km at 150 km/h adds
// 6.7 h, so on station about T+19.2 h. The green channel (1 h) moves all of it
// 5 h earlier: take-off T+7.5 h, on station about T+14.2 h.

export type UavPlatformClass = 'largeFixedWing' | 'mediumHelicopter' | 'tethered';

/** Platform classes in their canonical (ascending id) order. */
export const UAV_PLATFORM_CLASSES: readonly UavPlatformClass[] = ['largeFixedWing', 'mediumHelicopter', 'tethered'];

export interface Sourced<T> {
  readonly value: T;
  readonly source: string;
}

/** Published footprint: an area (fixed-wing, helicopter) or a radius (tethered). */
export type PublishedCoverage =
  | { readonly kind: 'area'; readonly areaKm2: number; readonly source: string }
  | { readonly kind: 'radius'; readonly radiusM: number; readonly highPowerRadiusM: number; readonly source: string };

export interface UavPlatformSpec {
  readonly example: string;
  readonly coverage: PublishedCoverage;
  /** How many operators' public networks the payload carries. */
  readonly operatorsServed: Sourced<number>;
  /** Height above the served ground while relaying (used by the Al-Hourani link budget). */
  readonly relayAltitudeM: Sourced<number>;
  readonly maxAltitudeM: Sourced<number>;
  /** Flight endurance from take-off to landing (tethered: time aloft on ground power). */
  readonly enduranceHours: Sourced<number>;
  /** Tethered only: endurance on cable (mains) power instead of the vehicle's own supply. */
  readonly extendedEnduranceHours: Sourced<number> | null;
  /** Transit speed; null for a platform that moves with its vehicle. */
  readonly cruiseKmh: Sourced<number> | null;
  /** No take-off (or launch) while the wind force exceeds this (Beaufort). */
  readonly takeoffWindLimitBeaufort: Sourced<number>;
  /** Leaves station when the wind force exceeds this (Beaufort). */
  readonly flightWindLimitBeaufort: Sourced<number>;
  /** No take-off while a weather window reports visibility below this (km); 0 = never limits. */
  readonly minTakeoffVisibilityKm: Sourced<number>;
  /** Airspace approval delay from request, hours: normal procedure vs the green channel (the 2027 Opinions (工信部联信管〔2024〕256号) 三、（六）). */
  readonly approvalHours: { readonly normal: number; readonly greenChannel: number; readonly source: string };
  /**
   * Preparation after approval before take-off (fuel, payload, mission plan).
   * Tethered: deployment at the site after its vehicle arrives, done in
   * parallel with approval.
   */
  readonly preparationHours: Sourced<number>;
  /** Concurrent users the payload can carry (all operators together). */
  readonly concurrentUsers: Sourced<number>;
}

export const UAV_PLATFORMS: Readonly<Record<UavPlatformClass, UavPlatformSpec>> = {
  largeFixedWing: {
    example: 'Wing Loong-2H (翼龙-2H) emergency variant',
    coverage: {
      kind: 'area',
      areaKm2: 50,
      source: 'published Wing Loong-2H figures; official figures as reported by news media: Jishishan 2023 second sortie ≈ 50 km² of three-operator public coverage',
    },
    operatorsServed: { value: 3, source: 'published Wing Loong-2H figures: public mobile coverage for 3 operators' },
    relayAltitudeM: {
      value: 3000,
      source:
        'assumption: low end of a 3,000–5,000 m relay band, taken as height above the served ground. Over Jishishan (valleys ≈ 1,800–2,200 m, ridges to 4,309 m; official figures as reported by news media) that is ≈ 5,000 m above sea level: the top of the band, and it clears the ridges. Lower means less path loss, and the published ≈ 50 km² footprint is small for any of these heights',
    },
    maxAltitudeM: { value: 9000, source: 'published Wing Loong-2H figures' },
    enduranceHours: { value: 20, source: 'published Wing Loong-2H figures' },
    extendedEnduranceHours: null,
    cruiseKmh: { value: 150, source: 'published Wing Loong-2H figures (max 370 km/h)' },
    takeoffWindLimitBeaufort: {
      value: 8,
      source: 'assumption: lower end of the published Wing Loong-2H "flies in wind force 8–10", because take-off and landing are the limiting phases',
    },
    flightWindLimitBeaufort: { value: 10, source: 'published Wing Loong-2H figures: flies in wind force 8–10 (upper end)' },
    minTakeoffVisibilityKm: { value: 1, source: 'assumption: instrument departure from its own airfield' },
    approvalHours: {
      normal: 6,
      greenChannel: 1,
      source:
        'assumption: long cross-regional flight plan from a distant airfield vs the fast-approval green channel of the 2027 Opinions (工信部联信管〔2024〕256号) 三、（六）; calibrated with preparationHours to the Jishishan take-off at T+12.7 h (see the file header)',
    },
    preparationHours: {
      value: 5.5,
      source: 'assumption: payload fit, fuelling and mission planning after approval; calibrated to the Jishishan take-off at T+12.7 h',
    },
    concurrentUsers: {
      value: 600,
      source: 'assumption: 3 operators × 200 users each (the medium class\'s published 200)',
    },
  },
  mediumHelicopter: {
    example: 'SG-500 class unmanned helicopter / compound wing',
    coverage: {
      kind: 'area',
      areaKm2: 30,
      source: 'published SG-500-class figures; official figures as reported by news media: SG-500 ≈ 30 km² at 1,000 m, Zhuozhou medium UAV > 30 km²',
    },
    operatorsServed: { value: 1, source: 'assumption: one operator\'s payload per sortie' },
    relayAltitudeM: { value: 1000, source: 'published SG-500-class figures; official figures as reported by news media (SG-500 at 1,000 m)' },
    maxAltitudeM: { value: 1000, source: 'published SG-500-class figures (≈ 1,000 m; no higher figure published)' },
    enduranceHours: { value: 4, source: 'published SG-500-class figures; official figures as reported by news media (SG-500, 4 h per sortie)' },
    extendedEnduranceHours: null,
    cruiseKmh: { value: 120, source: 'assumption: typical cruise of a medium unmanned helicopter' },
    takeoffWindLimitBeaufort: { value: 6, source: 'assumption: medium unmanned helicopter, strong breeze limit' },
    flightWindLimitBeaufort: { value: 7, source: 'assumption' },
    minTakeoffVisibilityKm: { value: 1.5, source: 'assumption: visual launch from an improvised site' },
    approvalHours: {
      normal: 3,
      greenChannel: 0.5,
      source: 'assumption: local flight near the disaster area vs the green channel of the 2027 Opinions (工信部联信管〔2024〕256号) 三、（六）',
    },
    preparationHours: { value: 1, source: 'assumption: unload from its transport vehicle, payload and pre-flight checks' },
    concurrentUsers: { value: 200, source: 'published SG-500-class figures; official figures as reported by news media (Zhuozhou medium UAV, 200 concurrent users)' },
  },
  tethered: {
    example: 'tethered multirotor base station on a vehicle (系留无人机基站)',
    coverage: {
      kind: 'radius',
      radiusM: 1000,
      highPowerRadiusM: 2000,
      source: 'published tethered-UAV base station figures: ≈ 1 km radius, ≈ 2 km at high power',
    },
    operatorsServed: { value: 1, source: 'assumption: one operator\'s base station' },
    relayAltitudeM: { value: 200, source: 'assumption: middle of the published 100–300 m (published tethered-UAV base station figures)' },
    maxAltitudeM: { value: 300, source: 'published tethered-UAV base station figures' },
    enduranceHours: { value: 24, source: 'published tethered-UAV base station figures: 24 h+ (on the vehicle\'s own supply)' },
    extendedEnduranceHours: { value: 72, source: 'published tethered-UAV base station figures: 72 h on cable power' },
    cruiseKmh: null,
    takeoffWindLimitBeaufort: { value: 6, source: 'assumption: typical rating of tethered multirotors' },
    flightWindLimitBeaufort: { value: 6, source: 'assumption: same as launch; the aircraft is reeled in above it' },
    minTakeoffVisibilityKm: { value: 0, source: 'assumption: tethered, so visibility does not limit launch' },
    approvalHours: {
      normal: 2,
      greenChannel: 0.25,
      source: 'assumption: flying above 120 m true height is controlled airspace under the 2024 interim UAV flight regulations (Art. 19), so approval is needed; green channel of the 2027 Opinions (工信部联信管〔2024〕256号) 三、（六）',
    },
    preparationHours: {
      value: 0.5,
      source: 'assumption: deployment at the site once the vehicle is there (same as TASK_DURATION_SEC.deployTetheredUav)',
    },
    concurrentUsers: { value: 200, source: 'assumption: one operator\'s single carrier, like the medium class\'s published 200' },
  },
};

/**
 * Share of the people in a footprint who use the network at the same moment.
 * served population = min(people, concurrentUsers / share).
 */
export const UAV_CONCURRENCY_SHARE: Sourced<number> = {
  value: 0.125,
  source:
    'assumption, calibrated: the Zhuozhou medium UAV carried 200 concurrent users and served 1,580 users in its first hour (official figures as reported by news media), 200 / 1,580 ≈ 0.127',
};

/** How ready a platform is when it is asked for: its preparation before take-off depends on it. */
export type UavReadiness = 'standby' | 'home' | 'maintenance';
export const UAV_READINESS_LEVELS: readonly UavReadiness[] = ['home', 'maintenance', 'standby'];

/**
 * Preparation by readiness. `home` (at its own airfield, not on alert): the platform's own
 * preparationHours. `standby`: forward-based on alert, fuelled with its payload fitted, it needs only
 * `standbyPreparationHours` (if less). `maintenance`: `maintenanceExtraHours` more than at home.
 */
export const UAV_READINESS = {
  standbyPreparationHours: {
    value: 1,
    source:
      'assumption: pre-flight checks of a fuelled, fitted aircraft; with the green channel a forward-based Wing Loong on standby takes off about 2 h after the request (1 h of approval, 1 h of checks). Not measured: for Dingri 2025 the Wing Loong-2H long deployed at Shigatse first took off at T+13.9 h (四川观察, 9 January 2025), but when it was asked for is not published',
  },
  maintenanceExtraHours: { value: 24, source: 'assumption: a day to close out maintenance and return the aircraft to service' },
} as const;

/** Preparation hours of a platform of this class at this readiness. */
export function preparationHoursAt(platformPreparationHours: number, readiness: UavReadiness, table: { standbyPreparationHours: { value: number }; maintenanceExtraHours: { value: number } } = UAV_READINESS): number {
  if (readiness === 'standby') return Math.min(platformPreparationHours, table.standbyPreparationHours.value);
  if (readiness === 'maintenance') return platformPreparationHours + table.maintenanceExtraHours.value;
  return platformPreparationHours;
}

/** How long a platform waits on the ground for weather before the sortie is refused. */
export const UAV_DEFAULT_MAX_WEATHER_WAIT_SEC: Sourced<number> = {
  value: 12 * 3600,
  source: 'assumption: beyond half a day the commander re-plans rather than waits',
};

/** Al-Hourani et al. (2014) environments for the air-to-ground link. */
export type AirToGroundEnvironment = 'suburban' | 'urban' | 'denseUrban' | 'highRiseUrban';

export interface AirToGroundParams {
  readonly a: number;
  readonly b: number;
  readonly etaLosDb: number;
  readonly etaNlosDb: number;
}

export const AIR_TO_GROUND_ENVIRONMENTS: Readonly<Record<AirToGroundEnvironment, AirToGroundParams>> & { readonly source: string } = {
  suburban: { a: 4.88, b: 0.43, etaLosDb: 0.1, etaNlosDb: 21 },
  urban: { a: 9.61, b: 0.16, etaLosDb: 1.0, etaNlosDb: 20 },
  denseUrban: { a: 12.08, b: 0.11, etaLosDb: 1.6, etaNlosDb: 23 },
  highRiseUrban: { a: 27.23, b: 0.08, etaLosDb: 2.3, etaNlosDb: 34 },
  source: 'Al-Hourani, Kandeepan & Lardner (2014), IEEE Wireless Commun. Lett. 3(6)',
};

/** The scenario's terrestrial environment → the nearest Al-Hourani environment. */
export const AIR_TO_GROUND_FOR_SCENARIO_ENVIRONMENT = {
  urban: 'urban',
  suburban: 'suburban',
  rural: 'suburban',
  source: 'assumption: Al-Hourani has no rural class; suburban is its most open one',
} as const;

/** Effective earth radius for the radio horizon (4/3 of 6,371 km). */
export const EFFECTIVE_EARTH_RADIUS_M: Sourced<number> = {
  value: (4 / 3) * 6_371_000,
  source: 'standard 4/3-earth refraction model; Al-Hourani is flat-earth, so radii are capped at the radio horizon',
};

/** Speed of light in vacuum, m/s (exact by definition of the metre). */
export const SPEED_OF_LIGHT_MPS = 299_792_458;
