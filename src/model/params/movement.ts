// How fast response teams move on the road network, and which road
// conditions each way of moving can get through. Every number is a model
// parameter (rule 7): it lives here with its source, and rows that are the
// project's own judgement say "assumption". Routing (routing.ts) reads only
// these tables; helicopters and UAVs are modelled elsewhere.
import { AT_GRADE_FAILURE_DEPTH_M } from './infra.ts';
import type { ROAD_CLASSES, TERRAINS } from '../world.ts';

export const MOVEMENT_MODES = ['road', 'highClearance', 'motorcycle', 'foot', 'boat'] as const;
export type MovementMode = (typeof MOVEMENT_MODES)[number];

type RoadClassName = (typeof ROAD_CLASSES)[number];
type TerrainName = (typeof TERRAINS)[number];

const JTG =
  'anchored to JTG B01-2014 (公路工程技术标准) design speeds for the grade each administrative class usually has: expressway 80–120, national (一/二级) 60–100, provincial (二级) 60–80, county (三级) 30–40, rural (四级) 20–30 km/h; the lower figure applies in mountains';

export interface SpeedRow {
  /** Speed on an open, dry segment on flat ground, km/h, by road class. */
  readonly kmh: Readonly<Record<RoadClassName, number>>;
  readonly source: string;
}

/** Speeds on open roads on flat ground. Terrain slows them (TERRAIN_FACTOR). */
export const ROAD_SPEED_KMH: Readonly<Record<MovementMode, SpeedRow>> = {
  road: {
    kmh: { expressway: 100, national: 80, provincial: 60, county: 40, rural: 30 },
    source: `assumption: emergency convoy of ordinary vehicles, ${JTG}`,
  },
  highClearance: {
    kmh: { expressway: 90, national: 75, provincial: 60, county: 40, rural: 30 },
    source: `assumption: high-clearance rescue trucks and off-road vehicles, a little slower than cars on fast roads, the same on slow ones; ${JTG}`,
  },
  motorcycle: {
    kmh: { expressway: 80, national: 70, provincial: 60, county: 40, rural: 30 },
    source: 'assumption: about vehicle speed on county and rural roads, slower on fast roads (most provinces bar motorcycles from expressways; the emergency exemption is assumed)',
  },
  foot: {
    kmh: { expressway: 4, national: 4, provincial: 4, county: 4, rural: 4 },
    source: 'assumption: loaded rescuers walking on a road, ~4 km/h sustained',
  },
  boat: {
    kmh: { expressway: 10, national: 10, provincial: 10, county: 10, rural: 10 },
    source: 'assumption: inflatable rescue boat with outboard in flooded streets, slowed by debris and current; used only on water (FLOOD_PASSAGE)',
  },
};

export interface TerrainRow {
  readonly factor: Readonly<Record<TerrainName, number>>;
  readonly source: string;
}

/** Multiplies the open-road speed by the segment's terrain class. */
export const TERRAIN_FACTOR: Readonly<Record<MovementMode, TerrainRow>> = {
  road: {
    factor: { flat: 1, hilly: 0.85, mountain: 0.75 },
    source: 'assumption: JTG B01-2014 mountain design speeds are about 3/4 of plain ones (二级 80 → 60, 三级 40 → 30); so national 80 → 60 km/h, rural 30 → 22.5 km/h in mountains',
  },
  highClearance: { factor: { flat: 1, hilly: 0.85, mountain: 0.75 }, source: 'assumption: as road' },
  motorcycle: { factor: { flat: 1, hilly: 0.85, mountain: 0.75 }, source: 'assumption: as road' },
  foot: {
    factor: { flat: 1, hilly: 0.85, mountain: 0.75 },
    source: 'assumption: walking on mountain roads at ~3 km/h (grades and switchbacks)',
  },
  boat: { factor: { flat: 1, hilly: 1, mountain: 1 }, source: 'assumption: on water the terrain class does not matter' },
};

/** Water deeper than this puts a segment in the FLOODED status (as src/infra/roads.ts decides it). */
export const FLOODED_ABOVE_M = { value: AT_GRADE_FAILURE_DEPTH_M.value, source: `same threshold as the road status: ${AT_GRADE_FAILURE_DEPTH_M.source}` } as const;

/** Bridge damage state from which a segment is DAMAGED (passable, slower). */
export const DAMAGED_FROM_BRIDGE_DAMAGE = { value: 2, source: 'HAZUS bridge DS2 (moderate): open with restrictions; as src/infra/roads.ts decides the DAMAGED status' } as const;

/** Bridge damage state from which the bridge is down: the segment is a river crossing nobody can use. */
export const COLLAPSED_FROM_BRIDGE_DAMAGE = { value: 3, source: 'HAZUS bridge DS3–DS4 (extensive, complete): closed; src/infra/damage.ts blocks the segment' } as const;

export interface DamagedRow {
  /** Speed multiplier on a DAMAGED segment (bridge DS2). */
  readonly factor: number;
  readonly source: string;
}

export const DAMAGED_PASSAGE: Readonly<Record<MovementMode, DamagedRow>> = {
  road: { factor: 0.5, source: 'assumption: damaged bridge or approach, one lane, slow crossing' },
  highClearance: { factor: 0.5, source: 'assumption: as road' },
  motorcycle: { factor: 0.5, source: 'assumption: as road' },
  foot: { factor: 1, source: 'assumption: walkers are not slowed by a lane restriction' },
  boat: { factor: 1, source: 'assumption: a boat passes under or beside the bridge' },
};

export interface FloodRow {
  /**
   * Land modes: the deepest water still passable (a value at or below
   * FLOODED_ABOVE_M means a FLOODED segment is closed). Boats: unused.
   */
  readonly maxDepthM: number;
  /** Boats: the least water they need. Land modes: 0. */
  readonly minDepthM: number;
  /** Speed through the water, km/h (not scaled by terrain). */
  readonly kmh: number;
  readonly source: string;
}

/** Segments with water deeper than FLOODED_ABOVE_M. Shallower water changes nothing for land modes. */
export const FLOOD_PASSAGE: Readonly<Record<MovementMode, FloodRow>> = {
  road: {
    maxDepthM: FLOODED_ABOVE_M.value,
    minDepthM: 0,
    kmh: 0,
    source: 'US National Weather Service "Turn Around Don\'t Drown": about 30 cm (12 in) of moving water can carry away most cars; so a FLOODED segment is closed to ordinary vehicles',
  },
  highClearance: {
    maxDepthM: 0.6,
    minDepthM: 0,
    kmh: 10,
    source: 'assumption: high-clearance trucks ford up to 0.6 m (NWS: 2 ft of moving water carries away SUVs and trucks) at walking-to-jogging pace to avoid a bow wave',
  },
  motorcycle: {
    maxDepthM: FLOODED_ABOVE_M.value,
    minDepthM: 0,
    kmh: 0,
    source: 'assumption: water over the at-grade threshold drowns a motorcycle engine and knocks the rider over; closed',
  },
  foot: {
    maxDepthM: 0.5,
    minDepthM: 0,
    kmh: 1.5,
    source: 'assumption: trained rescuers wading in slow water with poles and lines, about knee-to-thigh deep; slow (NWS warns 15 cm of fast water can knock a person down, so this is for slow water only)',
  },
  boat: {
    maxDepthM: Infinity,
    minDepthM: 0.5,
    kmh: 10,
    source: 'assumption: draught of a rescue boat with outboard (~0.3 m) plus clearance over submerged debris; at boat speed (ROAD_SPEED_KMH.boat)',
  },
};

export interface BlockedRow {
  /** Speed across a landslide or ground-failure blockage, km/h; 0 = cannot pass. */
  readonly kmh: number;
  /** Whether the crossing is possible on a segment whose terrain is 'mountain'. */
  readonly onMountain: boolean;
  readonly source: string;
}

/**
 * A BLOCKED segment whose bridge has not collapsed (bridge damage below
 * COLLAPSED_FROM_BRIDGE_DAMAGE) is a landslide, rockfall or ground failure.
 * The engine does not record how heavy it is, so terrain stands in for it:
 * slides on mountain segments are taken as heavy (a motorcycle cannot be
 * lifted over them), elsewhere as light. A collapsed bridge stops every mode,
 * including boats (wreckage in the channel) and walkers (it is a river).
 * Water over the segment still applies FLOOD_PASSAGE's depth limit.
 */
export const BLOCKED_PASSAGE: Readonly<Record<MovementMode, BlockedRow>> = {
  road: { kmh: 0, onMountain: false, source: 'assumption: needs the road cleared first' },
  highClearance: { kmh: 0, onMountain: false, source: 'assumption: needs the road cleared first' },
  motorcycle: {
    kmh: 8,
    onMountain: false,
    source: 'assumption: a motorcycle can be ridden or pushed over light debris or cracked ground at ~8 km/h, not over a mountain slide',
  },
  foot: {
    kmh: 2.5,
    onMountain: true,
    source: 'assumption: walkers climb over slides and cracks at off-road walking speed (OFF_ROAD.foot)',
  },
  boat: { kmh: 0, onMountain: false, source: 'assumption: a slide or ground failure is not open water' },
};

export interface OffRoadRow {
  /** Speed between a point and the nearest road node, km/h. */
  readonly kmh: number;
  /** Farthest a point may lie from the road network (its nearest point on a segment's line); beyond it the mode refuses ('tooFarFromRoad'). */
  readonly maxM: number;
  readonly source: string;
}

/** Legs off the network: from the start point to the nearest node, and from the last node to the destination. */
export const OFF_ROAD: Readonly<Record<MovementMode, OffRoadRow>> = {
  road: { kmh: 15, maxM: 2000, source: 'assumption: a short access track or village lane at 15 km/h, at most 2 km' },
  highClearance: { kmh: 15, maxM: 2000, source: 'assumption: as road' },
  motorcycle: { kmh: 15, maxM: 2000, source: 'assumption: as road' },
  foot: { kmh: 2.5, maxM: 10_000, source: 'assumption: cross-country walking with loads at 2.5 km/h, at most 10 km' },
  boat: {
    kmh: 10,
    maxM: 2000,
    source: 'assumption: the ends of a boat trip are on flood water too (callers send boats only into flooded areas), at boat speed, at most 2 km',
  },
};

/** Every segment costs at least this much, so equal-cost ties are well defined (no free edges). */
export const MIN_SEGMENT_SEC = { value: 1, source: 'numerical: whole seconds, rounded up' } as const;

/** Long-haul convoy speed of reinforcements from far away (a team with an `origin`), when the scenario gives none. */
export const LONG_HAUL_KMH = { value: 60, source: 'assumption: convoy average on expressways including stops' } as const;
