// The normalised scenario: what the engine reads. Immutable during a run.
// Every entity table is structure-of-arrays, indexed by position in ascending
// id order (rule 4: iteration order is explicit). Coordinates are metres in a
// local plane (x east, y north) around `origin`; only the loader and the view
// ever see degrees.
import type {
  AftershockModelDoc,
  EarthquakeDoc,
  FloodDoc,
  InjectDoc,
  IntensityZone,
  LoadoutDoc,
  LocalizedText,
  MoveMode,
  Operator,
  ScenarioMetadataDoc,
  TeamKind,
  TeamLevel,
  UavClass,
  UavPayload,
  WeatherDoc,
} from './scenario-format.ts';
import type { AttenuationCoefficients } from './params/attenuation.ts';
import type { ModelParams } from './params/index.ts';

export interface PointTable {
  ids: string[];
  xM: Float64Array;
  yM: Float64Array;
}

export interface Polygon2D {
  /** Rings in metres: the first is the outer boundary, the rest are holes. */
  rings: Float64Array[];
  /** Bounding box [minX, minY, maxX, maxY] for quick rejection. */
  bbox: [number, number, number, number];
}

export const OPERATORS: readonly Operator[] = ['cmcc', 'cucc', 'ctcc'];
export const SITE_CLASSES = ['macro', 'small', 'super'] as const;
export const ENVIRONMENTS = ['urban', 'suburban', 'rural'] as const;
export const BACKHAULS = ['fibre', 'microwave', 'satellite'] as const;
export const SUBSTATION_CLASSES = [
  'low-anchored',
  'low-unanchored',
  'medium-anchored',
  'medium-unanchored',
  'high-anchored',
  'high-unanchored',
] as const;
export const ROAD_CLASSES = ['expressway', 'national', 'provincial', 'county', 'rural'] as const;
export const TERRAINS = ['flat', 'hilly', 'mountain'] as const;
export const BRIDGE_CLASSES = ['conventional', 'seismic', 'singleSpan'] as const;
export const GROUND_FAILURE_KINDS = ['liquefaction', 'flowslide', 'landslide'] as const;
/** Marks "no such entity" in Int32Array references. */
export const NONE = -1;

export interface TownshipTable extends PointTable {
  nameZh: string[];
  nameEn: string[];
  population: Float64Array;
  code: string[];
  prepositionedTerminals: Int32Array;
  /** Ground elevation where work happens (WORK_AT_ALTITUDE): its own elevationM, else the relief grid's; NaN where neither says. */
  groundM: Float64Array;
}

/** A response team as the scenario defines it (its changing state is in SimState.teams). */
export interface TeamSpec {
  id: string;
  nameZh: string;
  /** '' when the scenario gives none. */
  nameEn: string;
  org: string;
  level: TeamLevel;
  kind: TeamKind;
  /** Index into the bases table. */
  base: number;
  /** Seconds of long-haul travel before reaching the base (cross-regional teams), 0 otherwise. */
  longHaulSec: number;
  activationDelaySec: number;
  activeAtStart: boolean;
  crew: number;
  shiftHours: number;
  modes: MoveMode[];
  loadout: Required<LoadoutDoc>;
}

export interface UavSpec {
  id: string;
  nameZh: string;
  /** '' when the scenario gives none. */
  nameEn: string;
  org: string;
  class: UavClass;
  airfieldXM: number;
  airfieldYM: number;
  readiness: 'standby' | 'home' | 'maintenance';
  payload: UavPayload;
}

export interface PopulationTable extends PointTable {
  township: Int32Array;
  population: Float64Array;
  /** NaN where unknown. */
  elevationM: Float64Array;
}

export interface SiteTable extends PointTable {
  /** Bit i set when OPERATORS[i] has equipment on the tower. */
  operatorMask: Uint8Array;
  has5g: Uint8Array;
  siteClass: Uint8Array;
  feeder: Int32Array;
  batteryKwh: Float64Array;
  loadKw: Float64Array;
  generatorFuelHours: Float64Array;
  backhaul: Uint8Array;
  environment: Uint8Array;
  coverageRadiusM: Float64Array;
  township: Int32Array;
  /** Index of the site this site's backhaul passes through, or NONE (straight to the core). */
  aggregation: Int32Array;
  /** CSR: road segments the site's fibre follows: fibreRoads[fibreOffsets[s] .. fibreOffsets[s+1]). */
  fibreOffsets: Int32Array;
  fibreRoads: Int32Array;
  /** 1 when the site has a second path (ring or dual homing). */
  hasRing: Uint8Array;
  /** The second path's aggregation site, or NONE (straight to the core). */
  ringAggregation: Int32Array;
  /** CSR: road segments the second path's fibre follows. */
  ringFibreOffsets: Int32Array;
  ringFibreRoads: Int32Array;
  /** NaN where unknown. */
  elevationM: Float64Array;
  /** Ground elevation where work happens (WORK_AT_ALTITUDE): its own elevationM, else the relief grid's; NaN where neither says. */
  groundM: Float64Array;
}

export interface SubstationTable extends PointTable {
  nameZh: string[];
  voltageKv: Float64Array;
  hazusClass: Uint8Array;
  /** Index of the feeding substation, or NONE. */
  upstream: Int32Array;
  customers: Float64Array;
  elevationM: Float64Array;
  /** Ground elevation where work happens (WORK_AT_ALTITUDE): its own elevationM, else the relief grid's; NaN where neither says. */
  groundM: Float64Array;
}

export interface FeederTable {
  ids: string[];
  substation: Int32Array;
  voltageKv: Float64Array;
  /** Middle vertex of the line: where its shaking is evaluated. */
  midXM: Float64Array;
  midYM: Float64Array;
  /** Line geometry in metres, x0,y0,x1,y1,... */
  pathM: Float64Array[];
}

export interface RoadTable {
  ids: string[];
  roadClass: Uint8Array;
  bridge: Uint8Array;
  bridgeClass: Uint8Array;
  terrain: Uint8Array;
  pathM: Float64Array[];
  lengthM: Float64Array;
  /** Middle vertex: where shaking is evaluated for landslides and bridges. */
  midXM: Float64Array;
  midYM: Float64Array;
  /** Graph: end nodes of each segment (endpoints with identical coordinates are one node). */
  fromNode: Int32Array;
  toNode: Int32Array;
  nodeXM: Float64Array;
  nodeYM: Float64Array;
  elevationM: Float64Array;
  /** Ground elevation where work happens (WORK_AT_ALTITUDE): its own elevationM, else the relief grid's at its middle; NaN where neither says. */
  groundM: Float64Array;
  /** As the layer names the road ('' where it does not), for reports; optional so hand-built worlds need not say. */
  nameZh?: string[];
}

export interface EarthquakeSpec {
  id: string;
  tSec: number;
  xM: number;
  yM: number;
  ms: number;
  /** As authored, for the report. */
  magnitude: number;
  magnitudeType: 'Ms' | 'Mw';
  depthKm: number;
  strikeDeg: number;
  zone: IntensityZone;
  amplification: { polygon: Polygon2D; deltaIntensity: number }[];
  isoseismals: { polygon: Polygon2D; intensity: number }[];
  groundFailure: { polygon: Polygon2D; kind: (typeof GROUND_FAILURE_KINDS)[number] }[];
  aftershocks: Required<AftershockModelDoc> | null;
  /** The attenuation relation's coefficients (world.params), carried so the field needs only the quake. */
  attenuationTable: readonly AttenuationCoefficients[];
  doc: EarthquakeDoc;
}

export type ExposedKind = 'site' | 'substation' | 'road' | 'population';

/** An asset inside a flood zone, with the ground level water must rise above to reach it. */
export interface FloodExposure {
  kind: ExposedKind;
  index: number;
  id: string;
  zone: number;
  groundM: number;
}

export interface FloodSpec {
  id: string;
  hazardIndex: number;
  tSec: number;
  stepSec: number;
  zones: { zoneId: string; polygon: Polygon2D[]; timesSec: Float64Array; levelsM: Float64Array }[];
  /** Sorted by (kind, index). */
  exposures: FloodExposure[];
  /** Last time any hydrograph changes, seconds after T0. */
  endSec: number;
  doc: FloodDoc;
}

export interface GeneratorPool {
  id: string;
  org: string;
  count: number;
  fuelHours: number;
  leadTimeSec: number;
}

/** Rivers and water bodies: lines (rivers, streams) and rings (lakes, reservoirs), each tagged with its feature. */
export interface RiverTable {
  ids: string[];
  nameZh: string[];
  nameEn: string[];
  kind: string[];
  /** Line paths in metres (x, y pairs), and the feature each belongs to. */
  linesM: Float64Array[];
  lineFeature: Int32Array;
  /** Polygon rings in metres, and the feature each belongs to. */
  ringsM: Float64Array[];
  ringFeature: Int32Array;
}

export interface World {
  scenarioId: string;
  name: LocalizedText;
  /** sha256 of the scenario file and every layer it references, in a fixed order. */
  sha256: string;
  defaultSeed: number;
  start: string;
  timeZone: string;
  durationSec: number;
  kpiIntervalSec: number;
  settings: {
    prioritySupplyForComms: boolean;
    emergencyRoaming: boolean;
    coverageTerrain: 'open' | 'mountain';
    airspaceGreenChannel: boolean;
    doctrineSeats: string[];
  };
  origin: { lon: number; lat: number };
  townships: TownshipTable;
  population: PopulationTable;
  sites: SiteTable;
  substations: SubstationTable;
  feeders: FeederTable;
  roads: RoadTable;
  bases: PointTable;
  landingZones: PointTable;
  shelters: PointTable;
  earthquakes: EarthquakeSpec[];
  floods: FloodSpec[];
  /** Rivers and water bodies, for the map only (the engine never reads them). */
  rivers: RiverTable;
  /** Path of the elevation grid the map shades relief from: the scenario's layers.elevation, else a flood's grid, else null. */
  reliefGridPath: string | null;
  generatorPools: GeneratorPool[];
  /** Sorted by id. */
  teams: TeamSpec[];
  /** Sorted by id. */
  uavs: UavSpec[];
  weather: WeatherDoc[];
  /** Sorted by id. */
  helicopters: { id: string; org: string; capacity: number; speedKmh: number; windLimit: number }[];
  msel: InjectDoc[];
  targetsPath: string | null;
  metadata: ScenarioMetadataDoc;
  /** The model's parameter tables for this run: the defaults, or a params file's overrides applied to them. */
  params: ModelParams;
}
