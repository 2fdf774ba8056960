// The normalised scenario: what the engine reads. Immutable during a run.
// Every entity table is structure-of-arrays, indexed by position in ascending
// id order (rule 4: iteration order is explicit). Coordinates are metres in a
// local plane (x east, y north) around `origin`; only the loader and the view
// ever see degrees.
import type { EarthquakeDoc, InjectDoc, IntensityZone, LocalizedText, Operator, ScenarioMetadataDoc } from './format.ts';

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

export interface TownshipTable extends PointTable {
  nameZh: string[];
  nameEn: string[];
  population: Float64Array;
  code: string[];
}

export interface PopulationTable extends PointTable {
  township: Int32Array;
  population: Float64Array;
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
}

export interface SubstationTable extends PointTable {
  nameZh: string[];
  voltageKv: Float64Array;
  hazusClass: Uint8Array;
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
  pathM: Float64Array[];
  lengthM: Float64Array;
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
  doc: EarthquakeDoc;
}

export interface GeneratorPool {
  id: string;
  org: string;
  count: number;
  fuelHours: number;
  leadTimeSec: number;
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
  settings: { prioritySupplyForComms: boolean; emergencyRoaming: boolean };
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
  generatorPools: GeneratorPool[];
  msel: InjectDoc[];
  targetsPath: string | null;
  metadata: ScenarioMetadataDoc;
}
