// Scenario format v1, as an author writes it (before normalisation).
// The JSON Schema in scenarios/schema/scenario.schema.json describes the same
// document for editors; this file is the engine's view of it. Coordinates are
// WGS84 [lon, lat]; all GeoJSON layers are FeatureCollections referenced by a
// path relative to the scenario file.

export const SCENARIO_FORMAT_V1 = 'drilltwin/scenario@1';
export const SUPPORTED_SCENARIO_FORMATS = [SCENARIO_FORMAT_V1] as const;

export type LonLat = [number, number];

export interface LocalizedText {
  zh: string;
  en?: string;
}

export interface ScenarioDocV1 {
  $schema?: string;
  format: typeof SCENARIO_FORMAT_V1;
  name: LocalizedText;
  description?: LocalizedText;
  /** Integer; `--seed` on the command line overrides it. */
  seed: number;
  /** ISO 8601 local start time with offset, e.g. "2023-12-18T23:59:30+08:00". */
  start: string;
  /** IANA zone of the start time; Beijing time when absent. */
  timeZone?: string;
  durationHours: number;
  layers: ScenarioLayerPaths;
  hazards: HazardDoc[];
  resources?: ResourcesDoc;
  msel?: InjectDoc[];
  /** Path to a capability-target profile, relative to the scenario file. */
  targets?: string;
  settings?: SettingsDoc;
  /** Where each layer comes from and what is estimated. Free-form but required. */
  metadata: ScenarioMetadataDoc;
}

export interface ScenarioLayerPaths {
  townships: string;
  /** Optional finer population points (villages); townships' seats are used when absent. */
  population?: string;
  sites: string;
  substations: string;
  feeders: string;
  roads: string;
  bases?: string;
  landingZones?: string;
  shelters?: string;
}

export interface ScenarioMetadataDoc {
  region: string;
  synthetic: boolean;
  sources: { layer: string; source: string; estimated: boolean; note?: string }[];
  [extra: string]: unknown;
}

export interface SettingsDoc {
  /** KPI sampling interval; 60 s by default. */
  kpiIntervalSec?: number;
  /** Seed 000 item 6: power restoration serves communication sites first. */
  prioritySupplyForComms?: boolean;
  /** Seed 000 item 1: any operator's site serves every operator's users. */
  emergencyRoaming?: boolean;
}

export type IntensityZone = 'east' | 'central' | 'xinjiang' | 'qinghai-tibet';

export interface EarthquakeDoc {
  id: string;
  type: 'earthquake';
  /** Seconds after T0 at which the shock strikes. */
  tSec: number;
  epicenter: LonLat;
  magnitude: number;
  magnitudeType?: 'Ms' | 'Mw';
  depthKm?: number;
  /** Fault strike, degrees clockwise from north; the long axis of the ellipses. */
  strikeDeg: number;
  zone?: IntensityZone | 'auto';
  /** Polygons (property `deltaIntensity`) that add an intensity increment, e.g. loess. */
  siteAmplification?: string;
  /** Published isoseismal polygons (property `intensity`) that replace the computed field. */
  isoseismals?: string;
}

export type HazardDoc = EarthquakeDoc;

export interface ResourcesDoc {
  /** Generator pools: how many portable generators each organisation can send. */
  generatorPools?: { id: string; org: Organisation; count: number; fuelHours: number; leadTimeSec: number }[];
}

export type Organisation = 'cmcc' | 'cucc' | 'ctcc' | 'tower' | 'power' | 'transport' | 'fire' | 'emhq';

export interface InjectDoc {
  id: string;
  tSec: number;
  /** Seat the inject is delivered to, e.g. "emhq" or "cmcc". */
  to: string;
  text: LocalizedText;
}

// ---- Feature properties of each GeoJSON layer ----

export interface TownshipProps {
  id: string;
  nameZh: string;
  nameEn?: string;
  population: number;
  /** GB/T 2260 / statistical division code where known. */
  code?: string;
  county?: string;
}

export interface PopulationPointProps {
  id: string;
  township: string;
  population: number;
}

export type Operator = 'cmcc' | 'cucc' | 'ctcc';
export type SiteClass = 'macro' | 'small' | 'super';
export type Environment = 'urban' | 'suburban' | 'rural';

export interface SiteProps {
  id: string;
  /** Operators with equipment on this tower (shared China Tower sites list several). */
  operators: Operator[];
  tech: ('4G' | '5G')[];
  siteClass: SiteClass;
  feeder: string;
  batteryKwh: number;
  loadKw: number;
  /** Hours of fuel in an on-site generator; 0 when there is none. */
  generatorFuelHours?: number;
  backhaul: 'fibre' | 'microwave' | 'satellite';
  environment: Environment;
  /** Authored coverage radius; computed from the link budget when absent. */
  coverageRadiusM?: number;
  township: string;
}

export type SubstationClass =
  | 'low-anchored'
  | 'low-unanchored'
  | 'medium-anchored'
  | 'medium-unanchored'
  | 'high-anchored'
  | 'high-unanchored';

export interface SubstationProps {
  id: string;
  nameZh?: string;
  voltageKv: number;
  hazusClass: SubstationClass;
}

export interface FeederProps {
  id: string;
  substation: string;
  voltageKv: number;
}

export type RoadClass = 'expressway' | 'national' | 'provincial' | 'county' | 'rural';

export interface RoadProps {
  id: string;
  roadClass: RoadClass;
  bridge?: boolean;
  terrain?: 'flat' | 'hilly' | 'mountain';
  nameZh?: string;
}

export interface PointOfInterestProps {
  id: string;
  nameZh?: string;
  kind?: string;
}
