// Scenario format v1, as an author writes it (before normalisation).
// The JSON Schema in scenarios/schema/scenario.schema.json describes the same
// document for editors; this file is the engine's view of it. Coordinates are
// WGS84 [lon, lat]; all GeoJSON layers are FeatureCollections referenced by a
// path relative to the scenario file.

import type { Seat } from './seats.ts';
import type { DeliveryMethod, ExpectedActionDoc } from './msel.ts';

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
  weather?: WeatherDoc[];
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
  /** Rivers (LineString, MultiLineString) and water bodies (Polygon, MultiPolygon), drawn on the map only. */
  rivers?: string;
  /** A drilltwin/elevation-grid@1 file of the area, for the map's relief (a flood's ground comes from the flood's own grid). */
  elevation?: string;
}

export const RIVER_KINDS = ['river', 'stream', 'lake', 'reservoir'] as const;

export interface RiverProps {
  id: string;
  nameZh: string;
  nameEn?: string;
  kind: (typeof RIVER_KINDS)[number];
}

export interface ScenarioMetadataDoc {
  region: string;
  synthetic: boolean;
  sources: { layer: string; source: string; estimated: boolean; note?: string }[];
  // metadata.observed (ObservedDoc) is read through observedOf: the schema checks it, and a build script may hand it over as a plain object.
  [extra: string]: unknown;
}

/**
 * The public figures a replay scenario is compared with (`drilltwin hindcast`),
 * from a loaded scenario's metadata. The loader has checked them against the
 * schema (and the checks a schema cannot make), so the cast is sound. Not a
 * declared field of ScenarioMetadataDoc, so that a build script's object
 * literal (its quantity typed string) needs no annotation.
 */
export function observedOf(metadata: ScenarioMetadataDoc): ObservedDoc | undefined {
  return metadata.observed as ObservedDoc | undefined;
}

/**
 * What an observed point measures, each read from the run's KPI series:
 * - failedSitesRestoredFrac: the KPI sitesRestoredFrac (share of the sites that failed that are back);
 * - powerRestoredFrac: 1 − powerCustomersOut(t) / (peak of powerCustomersOut up to t);
 * - roadsReopenedFrac: 1 − roadsBlocked(t) / (peak of roadsBlocked up to t);
 * - sitesOffAir: sites not on air (total sites − sitesOnAir);
 * - uavBaseStationsDeployed: the KPI uavBaseStationsDeployed (UAV base stations, tethered or airborne, that have been
 *   on air so far, counted by who brought them: each team with a tethered UAV and each aircraft once);
 * - firstUavOnStationHours: the first time (h) uavsOnStation is above 0 (tHours is the observed time, value equals it);
 * - roadSectionOpenHours: the first time (h) every segment in `roadIds` is passable to road vehicles again (open, or
 *   damaged and passable, as after a detour) after any of them was first impassable; 0 when none ever was (tHours is
 *   the observed time, value equals it). Not a KPI: read from the running state (src/sweep/road-sections.ts).
 */
export const OBSERVED_QUANTITIES = ['failedSitesRestoredFrac', 'powerRestoredFrac', 'roadsReopenedFrac', 'sitesOffAir', 'uavBaseStationsDeployed', 'firstUavOnStationHours', 'roadSectionOpenHours'] as const;
export type ObservedQuantity = (typeof OBSERVED_QUANTITIES)[number];

/** Quantities that are a whole count. */
export const OBSERVED_COUNT_QUANTITIES: readonly ObservedQuantity[] = ['sitesOffAir', 'uavBaseStationsDeployed'];
export const isCountQuantity = (q: ObservedQuantity): boolean => OBSERVED_COUNT_QUANTITIES.includes(q);

/** Quantities that are a time (hours after the start): tHours is the observed time and value equals it; a run may never get there. */
export const OBSERVED_TIME_QUANTITIES: readonly ObservedQuantity[] = ['firstUavOnStationHours', 'roadSectionOpenHours'];
export const isTimeQuantity = (q: ObservedQuantity): boolean => OBSERVED_TIME_QUANTITIES.includes(q);

export interface ObservedPoint {
  id: string;
  quantity: ObservedQuantity;
  /** Hours after the scenario's start (T0; the mainshock in the shipped replays). */
  tHours: number;
  /** A fraction 0..1 for the …Frac quantities, a count for the count quantities, hours for the time quantities. */
  value: number;
  /** The range the source gives, when it gives one (uncertain points). */
  valueLo?: number;
  valueHi?: number;
  what: string;
  /** Outlet, title, date, address: an original document, never a local file. */
  source: string;
  /** The source itself gives the figure as approximate or a range, or it measures something close to, not the same as, the quantity. */
  uncertain?: boolean;
  /** roadSectionOpenHours only (and required there): the road segments that make up the section, ids of the roads layer. */
  roadIds?: string[];
}

export interface ObservedDoc {
  source: string;
  points: ObservedPoint[];
}

export interface SettingsDoc {
  /** KPI sampling interval; 60 s by default. */
  kpiIntervalSec?: number;
  /** 2027 Opinions (工信部联信管〔2024〕256号) 三、（六）: power restoration serves communication sites first. */
  prioritySupplyForComms?: boolean;
  /** 2027 Opinions (工信部联信管〔2024〕256号) 二、（一）, cross-operator emergency roaming: any operator's site serves every operator's users. */
  emergencyRoaming?: boolean;
  /**
   * Deprecated and ignored: tripped feeders are repaired by the scenario's teams of kind powerCrew, which
   * travel to them (the repairFeeder task). Still accepted so older scenario files load.
   */
  powerCrews?: number;
  /** Terrain for default coverage radii: 'mountain' adds valley/ridge loss to the link budget. */
  coverageTerrain?: 'open' | 'mountain';
  /** 2027 Opinions (工信部联信管〔2024〕256号) 三、（六）: an airspace green channel shortens UAV approval. */
  airspaceGreenChannel?: boolean;
  /** Seats the doctrine responder plays when no one else does: "all", "none" or a list. */
  doctrineSeats?: 'all' | 'none' | string[];
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
  /** Liquefaction / flowslide zones (property `kind`) that destroy what is inside them. */
  groundFailure?: string;
  /** A stochastic aftershock sequence drawn from the seeded `hazard` stream. */
  aftershocks?: AftershockModelDoc;
}

/**
 * Omori–Utsu in time, Gutenberg–Richter in size, Båth's law for the largest:
 * the expected number of aftershocks ≥ minMagnitude is 10^(b·(M − 1.2 − minMagnitude)).
 */
export interface AftershockModelDoc {
  durationHours: number;
  minMagnitude: number;
  /** Omori–Utsu decay exponent (Wenchuan 2008: 1.05). */
  p?: number;
  /** Omori–Utsu time offset, hours. */
  cHours?: number;
  /** Gutenberg–Richter b value (Wenchuan 2008: 0.89). */
  b?: number;
}

/**
 * A scripted flood: water-surface level over time in each zone (a stage
 * hydrograph), over ground elevations from the assets' `elevationM` or an
 * elevation grid. Depth at an asset = level − ground.
 */
export interface FloodDoc {
  id: string;
  type: 'flood';
  /** Onset, seconds after T0; hydrograph times are relative to it. */
  tSec: number;
  /** Polygons with property `zoneId`. */
  zones: string;
  /** zoneId → [[secondsAfterOnset, waterLevelM], ...], ascending in time. */
  hydrographs: Record<string, [number, number][]>;
  /** Optional elevation grid (drilltwin/elevation-grid@1) for assets without `elevationM`. */
  elevation?: string;
  /** How often depths are re-evaluated; 600 s by default. */
  stepSec?: number;
}

export type HazardDoc = EarthquakeDoc | FloodDoc;

/** A small elevation grid shipped with a scenario: rows from north to south. */
export interface ElevationGridDoc {
  format: 'drilltwin/elevation-grid@1';
  /** Longitude and latitude of the centre of the north-west cell. */
  originLon: number;
  originLat: number;
  cellDeg: number;
  rows: number;
  cols: number;
  /** rows × cols metres above sea level, row-major from the north-west. */
  elevationM: number[];
  source: string;
}

export interface ResourcesDoc {
  /** Generator pools: how many portable generators each organisation can send. */
  generatorPools?: { id: string; org: Organisation; count: number; fuelHours: number; leadTimeSec: number }[];
  teams?: TeamDoc[];
  uavs?: UavDoc[];
  /** Transport helicopters for airlifting teams between landing zones. */
  helicopters?: HelicopterDoc[];
}

export interface HelicopterDoc {
  id: string;
  nameZh?: string;
  nameEn?: string;
  org: Organisation;
  /** People it carries. */
  capacity: number;
  speedKmh?: number;
  /** Highest Beaufort wind force it flies in. */
  windLimit?: number;
}

export type TeamLevel = 'national' | 'regional' | 'provincial' | 'city' | 'county';
export type TeamKind = 'commsTeam' | 'operatorCrew' | 'powerCrew' | 'roadCrew' | 'fireSquad';
export type MoveMode = 'road' | 'highClearance' | 'motorcycle' | 'foot' | 'boat' | 'helicopter';

/** Equipment a team carries. */
export interface LoadoutDoc {
  generators?: number;
  /** Fuel per generator, hours. */
  fuelHours?: number;
  portableBaseStations?: number;
  commsVehicles?: number;
  /** Satellite portable stations (VSAT) for backhaul. */
  vsat?: number;
  satPhones?: number;
  beidou?: number;
  /** Spare equipment for site repairs. */
  spares?: number;
  tetheredUavs?: number;
}

export interface TeamDoc {
  id: string;
  nameZh: string;
  /** English name, shown in the English console (composed from organisation, level and kind when absent). */
  nameEn?: string;
  org: Organisation;
  level: TeamLevel;
  kind: TeamKind;
  /** Base id (bases layer) where the team starts, or where it enters the map when it comes from far away. */
  base: string;
  /** For cross-regional reinforcement: where the team really starts, [lon, lat], outside the map. */
  origin?: LonLat;
  /** Long-haul speed from origin to base, km/h (convoy on expressways); 60 by default. */
  longHaulKmh?: number;
  /** Time to assemble once activated. */
  activationDelaySec: number;
  /** Active at T0 (county and city teams); others wait for an activateTeam command. */
  activeAtStart?: boolean;
  crew: number;
  /** Hours of work before the team must rest (an assumption when absent: 12). */
  shiftHours?: number;
  /** Movement modes, the first the default. */
  modes: MoveMode[];
  loadout?: LoadoutDoc;
}

export type UavClass = 'largeFixedWing' | 'mediumHelicopter' | 'tethered';

export interface UavDoc {
  id: string;
  nameZh?: string;
  nameEn?: string;
  org: Organisation;
  class: UavClass;
  /** Airfield: [lon, lat], which may be far outside the map. */
  airfield: LonLat;
  /** Forward-based on standby, at its home airfield (default), or in maintenance: sets its preparation time. */
  readiness?: 'standby' | 'home' | 'maintenance';
  /**
   * What it carries: a public-network base station (default), or reconnaissance sensors only (cameras,
   * radar): on station it shows the roads beneath it to the headquarters and gives no coverage.
   */
  payload?: UavPayload;
}

export type UavPayload = 'baseStation' | 'reconnaissance';

/** A weather window: wind and visibility that may ground aircraft, and the cold that shortens batteries. */
export interface WeatherDoc {
  fromSec: number;
  toSec: number;
  /** Beaufort force. */
  windForce: number;
  visibilityKm?: number;
  /** Air temperature over the window, °C (BATTERY_CAPACITY_BY_TEMPERATURE); batteries give their rating where no window says. */
  airTempC?: number;
  note?: string;
}

/** A player organisation: a department seat of model/seats.ts. */
export type Organisation = Exclude<Seat, 'director' | 'evaluator'>;

export interface InjectDoc {
  id: string;
  tSec: number;
  /** Seat the inject is delivered to, e.g. "emhq" or "cmcc". */
  to: string;
  text: LocalizedText;
  /** What kind of message it is; 'message' when absent. */
  kind?: 'message' | 'rainWarning' | 'gaugeReading' | 'damageReport' | 'request';
  /** Free structured data for the kind, e.g. {"gauge": "g-1", "levelM": 1834.2}. */
  data?: Record<string, string | number | boolean>;
  // The MSEL's other columns (HSEEP): all optional, so older scenarios load as they were.
  /** The MSEL number as the control cell writes it ("1", "2a"); the row order when absent. */
  number?: string;
  /** One line of what happens, for the control cell's list; the text's start when absent. */
  synopsis?: LocalizedText;
  /** Who the message comes from in the scenario (a simulated originator), e.g. "中国地震台网". */
  from?: string;
  /** How it is delivered; 'system' (the console feed) when absent. */
  method?: DeliveryMethod;
  /** The capability or target-profile indicator it exercises, e.g. "coordination" or "uavCoverageArea". */
  objective?: string;
  /** What a seat should do about it and by when; a missed one may fire a contingency inject. */
  expect?: ExpectedActionDoc;
}

// ---- Feature properties of each GeoJSON layer ----

export interface TownshipProps {
  id: string;
  nameZh: string;
  nameEn?: string;
  population: number;
  /** Satellite phones and BeiDou terminals already in the township (2027 Opinions, 工信部联信管〔2024〕256号, 五、（十五）: pre-positioned in disaster-prone townships). */
  prepositionedSatPhones?: number;
  prepositionedBeidou?: number;
  /** GB/T 2260 / statistical division code where known. */
  code?: string;
  county?: string;
}

export interface PopulationPointProps {
  id: string;
  township: string;
  population: number;
  elevationM?: number;
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
  /** The site whose transmission this site's backhaul passes through; absent = straight to the core. */
  aggregation?: string;
  /** Road segments the site's fibre follows to its aggregation point: a cut road can cut the fibre. */
  fibreRoads?: string[];
  /**
   * A second path, where the network rings its aggregation layer or homes a site twice: the site it passes
   * through (absent: straight to the core) and the roads its fibre follows. Giving either makes the path;
   * the site keeps its backhaul while either path works.
   */
  ringAggregation?: string;
  ringFibreRoads?: string[];
  /** Ground elevation (m a.s.l.), for floods. */
  elevationM?: number;
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
  /** The substation that feeds this one; its outage propagates down. */
  upstream?: string;
  /** Electricity customers served (households), for powerCustomersOut. */
  customers?: number;
  elevationM?: number;
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
  /** HAZUS bridge type: conventional multi-span (HWB5), seismically designed (HWB7), single span (HWB3). */
  bridgeClass?: 'conventional' | 'seismic' | 'singleSpan';
  terrain?: 'flat' | 'hilly' | 'mountain';
  nameZh?: string;
  /** Lowest ground elevation along the segment (m a.s.l.), for floods. */
  elevationM?: number;
}

export interface PointOfInterestProps {
  id: string;
  nameZh?: string;
  kind?: string;
}
