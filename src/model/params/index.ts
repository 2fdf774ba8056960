// ModelParams: every calibrated parameter table the run reads, gathered in one
// value the World carries (`world.params`), so a run can use other numbers
// than the defaults without editing code. Tables keep their names, shapes and
// sources (`world.params.tasks.TASK_DURATION_SEC.inspectSite.value`), grouped
// by the file they live in. DEFAULT_PARAMS holds the module tables themselves,
// so a run with defaults reads the very same numbers in the same operations.
//
// PARAM_RANGES says which values each number may take (physics and the
// model's validity); scenario/params.ts builds the override file's JSON Schema
// from the defaults and these ranges, and applies overrides.
//
// A table belongs here when the run reads it. Left out on purpose: fragility
// curves and flood tables nothing in the run uses (BRIDGE_RESTORATION_DAYS,
// ROAD_PGD_FRAGILITY, SUBSTATION_FLOOD_DAMAGE, ROAD_FLOOD_IMPASSABLE_DEPTH),
// the Al-Hourani link budget and UAV concurrency (used only by tests and
// planners' helpers), and physical constants.
import { AIRLIFT } from './airlift.ts';
import { ATTENUATION_TABLE, MS_TO_MW_SEGMENTS, PGA_INTENSITY_RELATION, ZONE_REGIONS } from './attenuation.ts';
import { BRIDGE_FRAGILITY, CELL_SITE_FRAGILITY, SUBSTATION_FRAGILITY, SUBSTATION_RESTORATION_DAYS } from './fragility.ts';
import {
  AT_GRADE_FAILURE_DEPTH_M,
  BATTERY_CAPACITY_BY_TEMPERATURE,
  CELL_BROADCAST_LATENCY_SEC,
  FEEDER_REPAIR,
  FEEDER_TRIP,
  AFTERSHOCK_SLOPE_WEAKENING,
  CABLE_BREAKS_PER_KM,
  FIBRE_CUT_PER_KM_AFFECTED,
  ROAD_CLEARING,
  ROAD_DETOUR,
  SLIDE_DEBRIS_M3,
  SLIDE_DEPOSIT_CROSS_SECTION_M2,
  FIBRE_WASHOUT_DEPTH_M,
  GENERATOR_FUEL,
  SLIDES_PER_KM,
  OPERATOR_SHARE,
  SA1_OVER_PGA,
  SITE_OUT_FROM_DAMAGE_STATE,
  SITE_POWER,
  SUBSTATION_FLOOD_RECOVERY_HOURS,
  SUBSTATION_OUT_FROM_DAMAGE_STATE,
  SUPPLY_TRANSFER_SEC,
} from './infra.ts';
import {
  BLOCKED_PASSAGE,
  COLLAPSED_FROM_BRIDGE_DAMAGE,
  DAMAGED_FROM_BRIDGE_DAMAGE,
  DAMAGED_PASSAGE,
  FLOOD_PASSAGE,
  FLOODED_ABOVE_M,
  LONG_HAUL_KMH,
  MIN_SEGMENT_SEC,
  OFF_ROAD,
  ROAD_SPEED_KMH,
  TERRAIN_FACTOR,
} from './movement.ts';
import { FLOOD_EQUIPMENT_FAILURE, FLOOD_STAGE_UNCERTAINTY, ROAD_WASHOUT } from './flood.ts';
import { HATA_LINK_BUDGET } from './radio.ts';
import { EMERGENCY_CELL_RADIUS_M, REST_AFTER_SHIFT_SEC, TASK_DURATION_SEC, TEMPORARY_FIBRE, TERMINALS_PER_DELIVERY, WORK_AT_ALTITUDE } from './tasks.ts';
import { UAV_DEFAULT_MAX_WEATHER_WAIT_SEC, UAV_PLATFORMS, UAV_READINESS } from './uav.ts';

/** A table once its numbers may differ from the defaults: literal numbers become number, a source any string. */
export type Widened<T> = T extends number
  ? number
  : T extends boolean
    ? boolean
    : T extends readonly unknown[]
      ? { readonly [K in keyof T]: Widened<T[K]> }
      : T extends object
        ? { readonly [K in keyof T]: K extends 'source' ? string : Widened<T[K]> }
        : T;

const TABLES = {
  airlift: { AIRLIFT },
  attenuation: { ATTENUATION_TABLE, ZONE_REGIONS, MS_TO_MW_SEGMENTS, PGA_INTENSITY_RELATION },
  fragility: { SUBSTATION_FRAGILITY, SUBSTATION_RESTORATION_DAYS, BRIDGE_FRAGILITY, CELL_SITE_FRAGILITY },
  infra: {
    SITE_POWER,
    BATTERY_CAPACITY_BY_TEMPERATURE,
    GENERATOR_FUEL,
    SITE_OUT_FROM_DAMAGE_STATE,
    SUBSTATION_OUT_FROM_DAMAGE_STATE,
    OPERATOR_SHARE,
    FEEDER_TRIP,
    FEEDER_REPAIR,
    SUPPLY_TRANSFER_SEC,
    SLIDES_PER_KM,
    SLIDE_DEBRIS_M3,
    AFTERSHOCK_SLOPE_WEAKENING,
    ROAD_CLEARING,
    ROAD_DETOUR,
    SLIDE_DEPOSIT_CROSS_SECTION_M2,
    FIBRE_CUT_PER_KM_AFFECTED,
    CABLE_BREAKS_PER_KM,
    SA1_OVER_PGA,
    AT_GRADE_FAILURE_DEPTH_M,
    SUBSTATION_FLOOD_RECOVERY_HOURS,
    FIBRE_WASHOUT_DEPTH_M,
    CELL_BROADCAST_LATENCY_SEC,
  },
  flood: { FLOOD_STAGE_UNCERTAINTY, FLOOD_EQUIPMENT_FAILURE, ROAD_WASHOUT },
  movement: {
    ROAD_SPEED_KMH,
    TERRAIN_FACTOR,
    FLOODED_ABOVE_M,
    DAMAGED_FROM_BRIDGE_DAMAGE,
    COLLAPSED_FROM_BRIDGE_DAMAGE,
    DAMAGED_PASSAGE,
    FLOOD_PASSAGE,
    BLOCKED_PASSAGE,
    OFF_ROAD,
    MIN_SEGMENT_SEC,
    LONG_HAUL_KMH,
  },
  radio: { HATA_LINK_BUDGET },
  tasks: { TASK_DURATION_SEC, TEMPORARY_FIBRE, EMERGENCY_CELL_RADIUS_M, REST_AFTER_SHIFT_SEC, TERMINALS_PER_DELIVERY, WORK_AT_ALTITUDE },
  uav: { UAV_PLATFORMS, UAV_READINESS, UAV_DEFAULT_MAX_WEATHER_WAIT_SEC },
};

export type ModelParams = Widened<typeof TABLES>;

/** The module tables themselves: a run with these is the run without overrides. */
export const DEFAULT_PARAMS: ModelParams = TABLES;

/**
 * What a number may be. `fixed`: an identity, not a parameter (it must equal
 * the default). Without bounds: any finite number.
 */
export interface ParamRange {
  integer?: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  fixed?: true;
}

const ANY: ParamRange = {};
const FIXED: ParamRange = { fixed: true };
const POSITIVE: ParamRange = { exclusiveMinimum: 0 };
const NON_NEGATIVE: ParamRange = { minimum: 0 };
const SECONDS: ParamRange = { integer: true, minimum: 0 };
const PROBABILITY: ParamRange = { minimum: 0, maximum: 1 };
const INTENSITY: ParamRange = { minimum: 0, maximum: 12 };
const BEAUFORT: ParamRange = { minimum: 0, maximum: 12 };
const DAMAGE_STATE: ParamRange = { integer: true, minimum: 1, maximum: 4 };
// Hours the engine turns into a scheduled second: a year at most, or 1.7e308 h becomes time Infinity.
const HOURS: ParamRange = { minimum: 0, maximum: 8760 };
const POSITIVE_HOURS: ParamRange = { exclusiveMinimum: 0, maximum: 8760 };

/**
 * Ranges by JSON pointer pattern (`*` stands for one key or index); the first
 * pattern that matches a number decides. A test checks that every number of
 * DEFAULT_PARAMS has one and lies inside it.
 */
export const PARAM_RANGES: readonly (readonly [string, ParamRange])[] = [
  ['/airlift/AIRLIFT/approachKmh/value', POSITIVE],
  ['/airlift/AIRLIFT/walkKmh/value', POSITIVE],
  ['/airlift/AIRLIFT/overheadSec/value', SECONDS],
  ['/airlift/AIRLIFT/maxLandingZoneDistM/value', NON_NEGATIVE],
  ['/airlift/AIRLIFT/defaultSpeedKmh/value', POSITIVE],
  ['/airlift/AIRLIFT/defaultWindLimit/value', BEAUFORT],

  ['/attenuation/ATTENUATION_TABLE/*/a', ANY],
  ['/attenuation/ATTENUATION_TABLE/*/b', POSITIVE],
  // Intensity falls with distance.
  ['/attenuation/ATTENUATION_TABLE/*/c', { exclusiveMaximum: 0 }],
  ['/attenuation/ATTENUATION_TABLE/*/r0Km', POSITIVE],
  ['/attenuation/ATTENUATION_TABLE/*/sigma', NON_NEGATIVE],
  ['/attenuation/ZONE_REGIONS/*/lonMin', { minimum: -180, maximum: 180 }],
  ['/attenuation/ZONE_REGIONS/*/lonMax', { minimum: -180, maximum: 180 }],
  ['/attenuation/ZONE_REGIONS/*/latMin', { minimum: -90, maximum: 90 }],
  ['/attenuation/ZONE_REGIONS/*/latMax', { minimum: -90, maximum: 90 }],
  ['/attenuation/MS_TO_MW_SEGMENTS/*/msMin', { minimum: 0, maximum: 10 }],
  ['/attenuation/MS_TO_MW_SEGMENTS/*/msMax', { minimum: 0, maximum: 10 }],
  ['/attenuation/MS_TO_MW_SEGMENTS/*/slope', POSITIVE],
  ['/attenuation/MS_TO_MW_SEGMENTS/*/intercept', ANY],
  ['/attenuation/PGA_INTENSITY_RELATION/slope', POSITIVE],
  ['/attenuation/PGA_INTENSITY_RELATION/intercept', ANY],
  ['/attenuation/PGA_INTENSITY_RELATION/intensityMin', INTENSITY],
  ['/attenuation/PGA_INTENSITY_RELATION/intensityMax', INTENSITY],

  ['/fragility/*/*/medians/*', POSITIVE],
  ['/fragility/*/*/betas/*', POSITIVE],
  ['/fragility/SUBSTATION_RESTORATION_DAYS/*/damageState', FIXED],
  ['/fragility/SUBSTATION_RESTORATION_DAYS/*/meanDays', NON_NEGATIVE],
  ['/fragility/SUBSTATION_RESTORATION_DAYS/*/sdDays', NON_NEGATIVE],

  ['/infra/SITE_POWER/rechargeHoursFromEmpty/value', POSITIVE],
  ['/infra/SITE_POWER/emptyKwh/value', NON_NEGATIVE],
  ['/infra/BATTERY_CAPACITY_BY_TEMPERATURE/shareByTempC/*/0', { minimum: -60, maximum: 60 }],
  // A bank that gives nothing would never discharge: at least a hundredth of its rating.
  ['/infra/BATTERY_CAPACITY_BY_TEMPERATURE/shareByTempC/*/1', { minimum: 0.01, maximum: 1.5 }],
  ['/infra/GENERATOR_FUEL/fuelHoursFactor/value', { exclusiveMinimum: 0, maximum: 100 }],
  ['/infra/GENERATOR_FUEL/loadoutHours/value', { exclusiveMinimum: 0, maximum: 720 }],
  ['/infra/SITE_OUT_FROM_DAMAGE_STATE/value', DAMAGE_STATE],
  ['/infra/SUBSTATION_OUT_FROM_DAMAGE_STATE/value', DAMAGE_STATE],
  ['/infra/OPERATOR_SHARE/*', PROBABILITY],
  ['/infra/FEEDER_TRIP/probabilityByIntensity/*/0', INTENSITY],
  ['/infra/FEEDER_TRIP/probabilityByIntensity/*/1', PROBABILITY],
  ['/infra/FEEDER_REPAIR/hours/*', NON_NEGATIVE],
  ['/infra/SUPPLY_TRANSFER_SEC/value', SECONDS],
  ['/infra/SLIDES_PER_KM/*/*/0', INTENSITY],
  ['/infra/SLIDES_PER_KM/*/*/1', { minimum: 0, maximum: 100 }],
  ['/infra/SLIDE_DEBRIS_M3/medianByIntensity/*/*/0', INTENSITY],
  ['/infra/SLIDE_DEBRIS_M3/medianByIntensity/*/*/1', POSITIVE],
  ['/infra/SLIDE_DEBRIS_M3/beta', NON_NEGATIVE],
  ['/infra/SLIDE_DEBRIS_M3/groundFailureQuantile', { exclusiveMinimum: 0, exclusiveMaximum: 1 }],
  ['/infra/AFTERSHOCK_SLOPE_WEAKENING/degrees', { minimum: 0, maximum: 3 }],
  ['/infra/AFTERSHOCK_SLOPE_WEAKENING/fromMainshockIntensity', INTENSITY],
  ['/infra/AFTERSHOCK_SLOPE_WEAKENING/minIntensity', INTENSITY],
  ['/infra/ROAD_CLEARING/setupHours', NON_NEGATIVE],
  ['/infra/ROAD_CLEARING/m3PerHourByClass/*', POSITIVE],
  ['/infra/ROAD_CLEARING/washoutFillM3', NON_NEGATIVE],
  ['/infra/ROAD_CLEARING/firstLaneShare', { exclusiveMinimum: 0, maximum: 1 }],
  ['/infra/ROAD_CLEARING/secondCrewFromHours', NON_NEGATIVE],
  ['/infra/ROAD_DETOUR/buildHours', NON_NEGATIVE],
  ['/infra/SLIDE_DEPOSIT_CROSS_SECTION_M2/value', POSITIVE],
  ['/infra/FIBRE_CUT_PER_KM_AFFECTED/value', NON_NEGATIVE],
  ['/infra/CABLE_BREAKS_PER_KM/*/*/0', INTENSITY],
  ['/infra/CABLE_BREAKS_PER_KM/*/*/1', { minimum: 0, maximum: 100 }],
  ['/infra/CABLE_BREAKS_PER_KM/lengthM', NON_NEGATIVE],
  ['/infra/SA1_OVER_PGA/value', POSITIVE],
  ['/infra/AT_GRADE_FAILURE_DEPTH_M/value', NON_NEGATIVE],
  ['/infra/SUBSTATION_FLOOD_RECOVERY_HOURS/value', NON_NEGATIVE],
  ['/infra/FIBRE_WASHOUT_DEPTH_M/value', NON_NEGATIVE],
  ['/infra/CELL_BROADCAST_LATENCY_SEC/value', SECONDS],

  ['/flood/FLOOD_STAGE_UNCERTAINTY/eventSigma/value', { minimum: 0, maximum: 2 }],
  ['/flood/FLOOD_STAGE_UNCERTAINTY/zoneSigma/value', { minimum: 0, maximum: 2 }],
  // A rise factor of 0 would empty the flood; 10 is far past any plausible rain.
  ['/flood/FLOOD_STAGE_UNCERTAINTY/min/value', { exclusiveMinimum: 0, maximum: 10 }],
  ['/flood/FLOOD_STAGE_UNCERTAINTY/max/value', { exclusiveMinimum: 0, maximum: 10 }],
  ['/flood/FLOOD_EQUIPMENT_FAILURE/*/medianM/value', { exclusiveMinimum: 0, maximum: 100 }],
  ['/flood/FLOOD_EQUIPMENT_FAILURE/*/beta/value', { minimum: 0, maximum: 3 }],
  ['/flood/ROAD_WASHOUT/medianM/value', { exclusiveMinimum: 0, maximum: 100 }],
  ['/flood/ROAD_WASHOUT/beta/value', { minimum: 0, maximum: 3 }],

  ['/movement/ROAD_SPEED_KMH/*/kmh/*', POSITIVE],
  ['/movement/TERRAIN_FACTOR/*/factor/*', POSITIVE],
  ['/movement/FLOODED_ABOVE_M/value', NON_NEGATIVE],
  ['/movement/DAMAGED_FROM_BRIDGE_DAMAGE/value', DAMAGE_STATE],
  ['/movement/COLLAPSED_FROM_BRIDGE_DAMAGE/value', DAMAGE_STATE],
  ['/movement/DAMAGED_PASSAGE/*/factor', POSITIVE],
  ['/movement/FLOOD_PASSAGE/*/maxDepthM', NON_NEGATIVE],
  ['/movement/FLOOD_PASSAGE/*/minDepthM', NON_NEGATIVE],
  ['/movement/FLOOD_PASSAGE/*/kmh', NON_NEGATIVE],
  ['/movement/BLOCKED_PASSAGE/*/kmh', NON_NEGATIVE],
  ['/movement/OFF_ROAD/*/kmh', POSITIVE],
  ['/movement/OFF_ROAD/*/maxM', NON_NEGATIVE],
  ['/movement/MIN_SEGMENT_SEC/value', { integer: true, minimum: 1 }],
  ['/movement/LONG_HAUL_KMH/value', POSITIVE],

  // COST-231 Hata's range of validity.
  ['/radio/HATA_LINK_BUDGET/frequencyMhz/value', { minimum: 150, maximum: 2000 }],
  ['/radio/HATA_LINK_BUDGET/baseHeightM/value', { minimum: 30, maximum: 200 }],
  ['/radio/HATA_LINK_BUDGET/mobileHeightM/value', { minimum: 1, maximum: 10 }],
  ['/radio/HATA_LINK_BUDGET/maxPathLossDb/value', POSITIVE],
  ['/radio/HATA_LINK_BUDGET/mountainExtraLossDb/*', NON_NEGATIVE],

  // -1: cannot be repaired within a drill.
  ['/tasks/TASK_DURATION_SEC/repairSiteByDamageState/value/*', { integer: true, minimum: -1 }],
  ['/tasks/TASK_DURATION_SEC/*/value', SECONDS],
  ['/tasks/TEMPORARY_FIBRE/layKmh/value', POSITIVE],
  ['/tasks/TEMPORARY_FIBRE/setupSec/value', SECONDS],
  ['/tasks/EMERGENCY_CELL_RADIUS_M/*/value', POSITIVE],
  ['/tasks/REST_AFTER_SHIFT_SEC/value', SECONDS],
  ['/tasks/TERMINALS_PER_DELIVERY/value', { integer: true, minimum: 1 }],
  ['/tasks/WORK_AT_ALTITUDE/baselineM', { minimum: 0, maximum: 9000 }],
  ['/tasks/WORK_AT_ALTITUDE/*/*/0', { minimum: 0, maximum: 9000 }],
  // Work is not quicker for being high: a factor below 1 would be a mistake.
  ['/tasks/WORK_AT_ALTITUDE/*/*/1', { minimum: 1, maximum: 10 }],

  ['/uav/UAV_PLATFORMS/*/coverage/areaKm2', POSITIVE],
  ['/uav/UAV_PLATFORMS/*/coverage/radiusM', POSITIVE],
  ['/uav/UAV_PLATFORMS/*/coverage/highPowerRadiusM', POSITIVE],
  ['/uav/UAV_PLATFORMS/*/operatorsServed/value', { integer: true, minimum: 1, maximum: 3 }],
  ['/uav/UAV_PLATFORMS/*/relayAltitudeM/value', POSITIVE],
  ['/uav/UAV_PLATFORMS/*/maxAltitudeM/value', POSITIVE],
  ['/uav/UAV_PLATFORMS/*/enduranceHours/value', POSITIVE_HOURS],
  ['/uav/UAV_PLATFORMS/*/extendedEnduranceHours/value', POSITIVE_HOURS],
  ['/uav/UAV_PLATFORMS/*/cruiseKmh/value', POSITIVE],
  ['/uav/UAV_PLATFORMS/*/takeoffWindLimitBeaufort/value', BEAUFORT],
  ['/uav/UAV_PLATFORMS/*/flightWindLimitBeaufort/value', BEAUFORT],
  ['/uav/UAV_PLATFORMS/*/minTakeoffVisibilityKm/value', NON_NEGATIVE],
  ['/uav/UAV_PLATFORMS/*/approvalHours/normal', HOURS],
  ['/uav/UAV_PLATFORMS/*/approvalHours/greenChannel', HOURS],
  ['/uav/UAV_PLATFORMS/*/preparationHours/value', HOURS],
  ['/uav/UAV_PLATFORMS/*/concurrentUsers/value', { integer: true, minimum: 0 }],
  ['/uav/UAV_DEFAULT_MAX_WEATHER_WAIT_SEC/value', SECONDS],
  ['/uav/UAV_READINESS/standbyPreparationHours/value', NON_NEGATIVE],
  ['/uav/UAV_READINESS/maintenanceExtraHours/value', NON_NEGATIVE],
];

/**
 * Values that follow another parameter and may not be overridden themselves:
 * a change of `from` carries over to `pointer`.
 */
export const DERIVED_PARAMS: readonly { readonly pointer: string; readonly from: string }[] = [
  // Routing's flooded threshold is the road status's (infra/roads.ts).
  { pointer: '/movement/FLOODED_ABOVE_M/value', from: '/infra/AT_GRADE_FAILURE_DEPTH_M/value' },
];

/** The range of the number at `pointer`, or null when no pattern covers it. */
export function paramRange(pointer: string): ParamRange | null {
  const parts = pointer.split('/');
  for (const [pattern, range] of PARAM_RANGES) {
    const want = pattern.split('/');
    if (want.length === parts.length && want.every((w, i) => w === '*' || w === parts[i])) return range;
  }
  return null;
}
