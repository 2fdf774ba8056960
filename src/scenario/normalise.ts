// Normalise a validated scenario into the engine's World: entities sorted by
// id, enums to small integers, coordinates projected to local metres once.
import { makeProjection, pathLengthM, pointInRings, type Projection } from '../core/geo.ts';
import { mwToMs, zoneForEpicentre } from '../model/params/attenuation.ts';
import type { EarthquakeDoc, ElevationGridDoc, FloodDoc, ScenarioDocV1, SiteProps } from '../model/scenario-format.ts';
import { elevationSampler, type ElevationSampler } from './elevation.ts';
import { DEPARTMENTS } from '../model/seats.ts';
import type { GeoCollection, GeoFeature } from './load.ts';
import { defaultCoverageRadiusM } from '../model/params/radio.ts';
import { DEFAULT_PARAMS, type ModelParams } from '../model/params/index.ts';
import {
  BACKHAULS,
  BRIDGE_CLASSES,
  ENVIRONMENTS,
  NONE,
  TERRAINS,
  OPERATORS,
  ROAD_CLASSES,
  SITE_CLASSES,
  SUBSTATION_CLASSES,
  type EarthquakeSpec,
  type FloodExposure,
  type FloodSpec,
  type PointTable,
  type Polygon2D,
  type World,
} from '../model/world.ts';

type Props = Record<string, unknown>;

function byId(layer: GeoCollection | undefined): GeoFeature[] {
  if (!layer) return [];
  return [...layer.features].sort((a, b) => compareIds(a.properties.id as string, b.properties.id as string));
}

/** Plain code-unit order: the same in every engine and locale. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A representative point: the Point itself, or the mean of a polygon's outer-ring vertices. */
function anchorLonLat(f: GeoFeature): [number, number] {
  const g = f.geometry;
  if (g.type === 'Point') return g.coordinates as [number, number];
  const outer = (g.type === 'Polygon' ? (g.coordinates as number[][][])[0] : (g.coordinates as number[][][][])[0][0]).slice(0, -1);
  let lon = 0, lat = 0;
  for (const [x, y] of outer) {
    lon += x;
    lat += y;
  }
  return [lon / outer.length, lat / outer.length];
}

function pointTable(features: GeoFeature[], proj: Projection): PointTable {
  const xM = new Float64Array(features.length);
  const yM = new Float64Array(features.length);
  features.forEach((f, i) => {
    const [lon, lat] = anchorLonLat(f);
    [xM[i], yM[i]] = proj.toXY(lon, lat);
  });
  return { ids: features.map((f) => f.properties.id as string), xM, yM };
}

function projectPath(coords: number[][], proj: Projection): Float64Array {
  const out = new Float64Array(coords.length * 2);
  coords.forEach(([lon, lat], i) => {
    [out[2 * i], out[2 * i + 1]] = proj.toXY(lon, lat);
  });
  return out;
}

function polygonsOf(f: GeoFeature, proj: Projection): Polygon2D[] {
  const g = f.geometry;
  const polys = g.type === 'Polygon' ? [g.coordinates as number[][][]] : (g.coordinates as number[][][][]);
  return polys.map((rings) => {
    const projected = rings.map((r) => projectPath(r, proj));
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    const outer = projected[0];
    for (let i = 0; i < outer.length; i += 2) {
      minX = Math.min(minX, outer[i]);
      maxX = Math.max(maxX, outer[i]);
      minY = Math.min(minY, outer[i + 1]);
      maxY = Math.max(maxY, outer[i + 1]);
    }
    return { rings: projected, bbox: [minX, minY, maxX, maxY] };
  });
}

function indexOf(ids: string[]): Map<string, number> {
  return new Map(ids.map((id, i) => [id, i]));
}

function earthquakeSpec(doc: EarthquakeDoc, proj: Projection, hazardLayers: Record<string, GeoCollection>, params: ModelParams): EarthquakeSpec {
  const type = doc.magnitudeType ?? 'Ms';
  const [xM, yM] = proj.toXY(doc.epicenter[0], doc.epicenter[1]);
  const { ZONE_REGIONS, MS_TO_MW_SEGMENTS, ATTENUATION_TABLE } = params.attenuation;
  const zone = !doc.zone || doc.zone === 'auto' ? zoneForEpicentre(doc.epicenter[0], doc.epicenter[1], ZONE_REGIONS) : doc.zone;
  const amplification = (doc.siteAmplification ? hazardLayers[doc.siteAmplification].features : []).flatMap((f) =>
    polygonsOf(f, proj).map((polygon) => ({ polygon, deltaIntensity: f.properties.deltaIntensity as number })),
  );
  const isoseismals = (doc.isoseismals ? hazardLayers[doc.isoseismals].features : []).flatMap((f) =>
    polygonsOf(f, proj).map((polygon) => ({ polygon, intensity: f.properties.intensity as number })),
  );
  // Highest degree first, so the first polygon containing a point gives its intensity.
  isoseismals.sort((a, b) => b.intensity - a.intensity);
  const groundFailure = (doc.groundFailure ? hazardLayers[doc.groundFailure].features : []).flatMap((f) =>
    polygonsOf(f, proj).map((polygon) => ({ polygon, kind: f.properties.kind as EarthquakeSpec['groundFailure'][number]['kind'] })),
  );
  const a = doc.aftershocks;
  // Defaults: the Wenchuan 2008 sequence (Wu, Xu & Wang 2024), c a few minutes.
  const aftershocks = a ? { durationHours: a.durationHours, minMagnitude: a.minMagnitude, p: a.p ?? 1.05, cHours: a.cHours ?? 0.05, b: a.b ?? 0.89 } : null;
  return {
    id: doc.id,
    tSec: doc.tSec,
    xM,
    yM,
    ms: type === 'Ms' ? doc.magnitude : mwToMs(doc.magnitude, MS_TO_MW_SEGMENTS),
    magnitude: doc.magnitude,
    magnitudeType: type,
    depthKm: doc.depthKm ?? 10,
    strikeDeg: doc.strikeDeg,
    zone,
    amplification,
    isoseismals,
    groundFailure,
    aftershocks,
    attenuationTable: ATTENUATION_TABLE,
    doc,
  };
}

function insideAny(polys: Polygon2D[], xM: number, yM: number): boolean {
  for (const poly of polys) {
    const [minX, minY, maxX, maxY] = poly.bbox;
    if (xM >= minX && xM <= maxX && yM >= minY && yM <= maxY && pointInRings(poly.rings, xM, yM)) return true;
  }
  return false;
}

interface Exposable {
  kind: FloodExposure['kind'];
  ids: string[];
  /** Points to test for being inside a zone, and the ground level there. */
  probe(i: number): { points: [number, number][]; ownElevationM: number };
}

function floodSpec(
  doc: FloodDoc,
  hazardIndex: number,
  proj: Projection,
  hazardLayers: Record<string, GeoCollection>,
  grid: ElevationSampler | null,
  exposables: Exposable[],
): FloodSpec {
  const zoneFeatures = [...hazardLayers[doc.zones].features].sort((a, b) => compareIds(a.properties.zoneId as string, b.properties.zoneId as string));
  const zones = zoneFeatures.map((f) => {
    const zoneId = f.properties.zoneId as string;
    const curve = doc.hydrographs[zoneId];
    return {
      zoneId,
      polygon: polygonsOf(f, proj),
      timesSec: Float64Array.from(curve, ([t]) => doc.tSec + t),
      levelsM: Float64Array.from(curve, ([, level]) => level),
    };
  });
  const exposures: FloodExposure[] = [];
  for (const table of exposables) {
    for (let i = 0; i < table.ids.length; i++) {
      const { points, ownElevationM } = table.probe(i);
      const zone = zones.findIndex((z) => points.some(([x, y]) => insideAny(z.polygon, x, y)));
      if (zone < 0) continue;
      let groundM = ownElevationM;
      if (!Number.isFinite(groundM) && grid) groundM = Math.min(...points.map(([x, y]) => grid(x, y)));
      exposures.push({ kind: table.kind, index: i, id: table.ids[i], zone, groundM });
    }
  }
  const endSec = zones.reduce((end, z) => Math.max(end, z.timesSec[z.timesSec.length - 1]), doc.tSec);
  return { id: doc.id, hazardIndex, tSec: doc.tSec, stepSec: doc.stepSec ?? 600, zones, exposures, endSec, doc };
}

export function normalise(
  scenarioId: string,
  sha256: string,
  doc: ScenarioDocV1,
  layers: Record<string, GeoCollection>,
  hazardLayers: Record<string, GeoCollection>,
  grids: Record<string, ElevationGridDoc> = {},
  params: ModelParams = DEFAULT_PARAMS,
): World {
  // Every generator's fuel, scaled by the fuel factor (1 by default: x · 1 is x, bit for bit).
  const fuelFactor = params.infra.GENERATOR_FUEL.fuelHoursFactor.value;
  const townshipFeatures = byId(layers.townships);
  // Origin: the centre of the townships' bounding box, so every coordinate stays small.
  let minLon = Infinity, maxLon = -Infinity, minLat = Infinity, maxLat = -Infinity;
  for (const [lon, lat] of townshipFeatures.map(anchorLonLat)) {
    minLon = Math.min(minLon, lon);
    maxLon = Math.max(maxLon, lon);
    minLat = Math.min(minLat, lat);
    maxLat = Math.max(maxLat, lat);
  }
  const origin = { lon: (minLon + maxLon) / 2, lat: (minLat + maxLat) / 2 };
  const proj = makeProjection(origin.lon, origin.lat);

  // Where work happens, how high: an asset's own elevation, else the relief grid's (WORK_AT_ALTITUDE).
  const reliefGridPath = doc.layers.elevation ?? doc.hazards.flatMap((h) => (h.type === 'flood' && h.elevation ? [h.elevation] : []))[0] ?? null;
  const relief = reliefGridPath && grids[reliefGridPath] ? elevationSampler(grids[reliefGridPath], proj) : null;
  const groundM = (ownM: number, xM: number, yM: number): number => (Number.isFinite(ownM) ? ownM : relief ? relief(xM, yM) : NaN);
  const groundOf = (table: { xM: Float64Array; yM: Float64Array }, ownM: (i: number) => number) => Float64Array.from(table.xM, (xM, i) => groundM(ownM(i), xM, table.yM[i]));

  const townshipBase = pointTable(townshipFeatures, proj);
  const townshipIndex = indexOf(townshipBase.ids);
  const townships = {
    ...townshipBase,
    nameZh: townshipFeatures.map((f) => f.properties.nameZh as string),
    nameEn: townshipFeatures.map((f) => (f.properties.nameEn as string) ?? (f.properties.nameZh as string)),
    population: Float64Array.from(townshipFeatures, (f) => f.properties.population as number),
    code: townshipFeatures.map((f) => (f.properties.code as string) ?? ''),
    prepositionedTerminals: Int32Array.from(
      townshipFeatures,
      (f) => ((f.properties.prepositionedSatPhones as number) ?? 0) + ((f.properties.prepositionedBeidou as number) ?? 0),
    ),
    groundM: groundOf(townshipBase, (i) => elevationOf(townshipFeatures[i].properties)),
  };

  // Population points: the finer layer when given, else one point per township seat.
  const popFeatures = layers.population ? byId(layers.population) : null;
  const population = popFeatures
    ? {
        ...pointTable(popFeatures, proj),
        township: Int32Array.from(popFeatures, (f) => townshipIndex.get(f.properties.township as string)!),
        population: Float64Array.from(popFeatures, (f) => f.properties.population as number),
        elevationM: Float64Array.from(popFeatures, (f) => elevationOf(f.properties)),
      }
    : {
        ids: townships.ids.map((id) => `seat:${id}`),
        xM: townships.xM,
        yM: townships.yM,
        township: Int32Array.from(townships.ids, (_, i) => i),
        population: townships.population,
        elevationM: Float64Array.from(townshipFeatures, (f) => elevationOf(f.properties)),
      };

  const substationFeatures = byId(layers.substations);
  const substations = {
    ...pointTable(substationFeatures, proj),
    nameZh: substationFeatures.map((f) => (f.properties.nameZh as string) ?? (f.properties.id as string)),
    voltageKv: Float64Array.from(substationFeatures, (f) => f.properties.voltageKv as number),
    hazusClass: Uint8Array.from(substationFeatures, (f) => SUBSTATION_CLASSES.indexOf(f.properties.hazusClass as never)),
    upstream: new Int32Array(substationFeatures.length),
    customers: Float64Array.from(substationFeatures, (f) => (f.properties.customers as number) ?? 0),
    elevationM: Float64Array.from(substationFeatures, (f) => elevationOf(f.properties)),
    groundM: new Float64Array(0),
  };
  substations.groundM = groundOf(substations, (i) => substations.elevationM[i]);
  const substationIndex = indexOf(substations.ids);
  substationFeatures.forEach((f, i) => {
    substations.upstream[i] = typeof f.properties.upstream === 'string' ? substationIndex.get(f.properties.upstream)! : NONE;
  });

  const feederFeatures = byId(layers.feeders);
  const feederPaths = feederFeatures.map((f) => projectPath(f.geometry.coordinates as number[][], proj));
  const feeders = {
    ids: feederFeatures.map((f) => f.properties.id as string),
    substation: Int32Array.from(feederFeatures, (f) => substationIndex.get(f.properties.substation as string)!),
    voltageKv: Float64Array.from(feederFeatures, (f) => f.properties.voltageKv as number),
    midXM: Float64Array.from(feederPaths, (p) => p[2 * Math.floor(p.length / 4)]),
    midYM: Float64Array.from(feederPaths, (p) => p[2 * Math.floor(p.length / 4) + 1]),
    pathM: feederPaths,
  };
  const feederIndex = indexOf(feeders.ids);

  const roadFeatures = byId(layers.roads);
  const roadPaths = roadFeatures.map((f) => projectPath(f.geometry.coordinates as number[][], proj));
  const graph = roadGraph(roadFeatures, proj);
  const roads = {
    ids: roadFeatures.map((f) => f.properties.id as string),
    roadClass: Uint8Array.from(roadFeatures, (f) => ROAD_CLASSES.indexOf(f.properties.roadClass as never)),
    bridge: Uint8Array.from(roadFeatures, (f) => ((f.properties as Props).bridge ? 1 : 0)),
    bridgeClass: Uint8Array.from(roadFeatures, (f) => Math.max(0, BRIDGE_CLASSES.indexOf(f.properties.bridgeClass as never))),
    terrain: Uint8Array.from(roadFeatures, (f) => (f.properties.terrain ? TERRAINS.indexOf(f.properties.terrain as never) : TERRAINS.indexOf('hilly'))),
    pathM: roadPaths,
    lengthM: Float64Array.from(roadPaths, pathLengthM),
    midXM: Float64Array.from(roadPaths, (p) => p[2 * Math.floor(p.length / 4)]),
    midYM: Float64Array.from(roadPaths, (p) => p[2 * Math.floor(p.length / 4) + 1]),
    ...graph,
    elevationM: Float64Array.from(roadFeatures, (f) => elevationOf(f.properties)),
    groundM: new Float64Array(0),
    nameZh: roadFeatures.map((f) => (typeof f.properties.nameZh === 'string' ? f.properties.nameZh : '')),
  };
  roads.groundM = groundOf({ xM: roads.midXM, yM: roads.midYM }, (i) => roads.elevationM[i]);
  const roadIndex = indexOf(roads.ids);

  const siteFeatures = byId(layers.sites);
  const siteProps = siteFeatures.map((f) => f.properties as unknown as SiteProps);
  const coverageTerrain = doc.settings?.coverageTerrain ?? 'open';
  const environment = Uint8Array.from(siteProps, (p) => ENVIRONMENTS.indexOf(p.environment));
  const sites = {
    ...pointTable(siteFeatures, proj),
    operatorMask: Uint8Array.from(siteProps, (p) => p.operators.reduce((mask, op) => mask | (1 << OPERATORS.indexOf(op)), 0)),
    has5g: Uint8Array.from(siteProps, (p) => (p.tech.includes('5G') ? 1 : 0)),
    siteClass: Uint8Array.from(siteProps, (p) => SITE_CLASSES.indexOf(p.siteClass)),
    feeder: Int32Array.from(siteProps, (p) => feederIndex.get(p.feeder)!),
    batteryKwh: Float64Array.from(siteProps, (p) => p.batteryKwh),
    loadKw: Float64Array.from(siteProps, (p) => p.loadKw),
    generatorFuelHours: Float64Array.from(siteProps, (p) => (p.generatorFuelHours ?? 0) * fuelFactor),
    backhaul: Uint8Array.from(siteProps, (p) => BACKHAULS.indexOf(p.backhaul)),
    environment,
    coverageRadiusM: Float64Array.from(siteProps, (p, i) => p.coverageRadiusM ?? defaultCoverageRadiusM(environment[i], coverageTerrain, params.radio.HATA_LINK_BUDGET)),
    township: Int32Array.from(siteProps, (p) => townshipIndex.get(p.township)!),
    aggregation: new Int32Array(siteProps.length),
    ...csr(siteProps.map((p) => (p.fibreRoads ?? []).map((id) => roadIndex.get(id)!)), 'fibreOffsets', 'fibreRoads'),
    hasRing: Uint8Array.from(siteProps, (p) => (p.ringAggregation !== undefined || p.ringFibreRoads !== undefined ? 1 : 0)),
    ringAggregation: new Int32Array(siteProps.length),
    ...csr(siteProps.map((p) => (p.ringFibreRoads ?? []).map((id) => roadIndex.get(id)!)), 'ringFibreOffsets', 'ringFibreRoads'),
    elevationM: Float64Array.from(siteProps, (p) => p.elevationM ?? NaN),
    groundM: new Float64Array(0),
  };
  sites.groundM = groundOf(sites, (i) => sites.elevationM[i]);
  const siteIndex = indexOf(sites.ids);
  siteProps.forEach((p, i) => {
    sites.aggregation[i] = p.aggregation ? siteIndex.get(p.aggregation)! : NONE;
    sites.ringAggregation[i] = p.ringAggregation ? siteIndex.get(p.ringAggregation)! : NONE;
  });

  const bases = pointTable(byId(layers.bases), proj);

  const exposables: Exposable[] = [
    { kind: 'site', ids: sites.ids, probe: (i) => ({ points: [[sites.xM[i], sites.yM[i]]], ownElevationM: sites.elevationM[i] }) },
    { kind: 'substation', ids: substations.ids, probe: (i) => ({ points: [[substations.xM[i], substations.yM[i]]], ownElevationM: substations.elevationM[i] }) },
    { kind: 'road', ids: roads.ids, probe: (i) => ({ points: pathPoints(roads.pathM[i]), ownElevationM: roads.elevationM[i] }) },
    { kind: 'population', ids: population.ids, probe: (i) => ({ points: [[population.xM[i], population.yM[i]]], ownElevationM: population.elevationM[i] }) },
  ];
  const riverFeatures = byId(layers.rivers);
  const riverLines: { path: Float64Array; feature: number }[] = [];
  const riverRings: { path: Float64Array; feature: number }[] = [];
  riverFeatures.forEach((f, i) => {
    const g = f.geometry;
    if (g.type === 'LineString') riverLines.push({ path: projectPath(g.coordinates as number[][], proj), feature: i });
    else if (g.type === 'MultiLineString') for (const line of g.coordinates as number[][][]) riverLines.push({ path: projectPath(line, proj), feature: i });
    else for (const poly of polygonsOf(f, proj)) for (const ring of poly.rings) riverRings.push({ path: ring, feature: i });
  });
  const rivers = {
    ids: riverFeatures.map((f) => f.properties.id as string),
    nameZh: riverFeatures.map((f) => f.properties.nameZh as string),
    nameEn: riverFeatures.map((f) => (f.properties.nameEn as string | undefined) ?? ''),
    kind: riverFeatures.map((f) => f.properties.kind as string),
    linesM: riverLines.map((l) => l.path),
    lineFeature: Int32Array.from(riverLines, (l) => l.feature),
    ringsM: riverRings.map((r) => r.path),
    ringFeature: Int32Array.from(riverRings, (r) => r.feature),
  };
  const floods = doc.hazards.flatMap((h, i) =>
    h.type === 'flood' ? [floodSpec(h, i, proj, hazardLayers, h.elevation ? elevationSampler(grids[h.elevation], proj) : null, exposables)] : [],
  );

  return {
    scenarioId,
    name: doc.name,
    sha256,
    defaultSeed: doc.seed,
    start: doc.start,
    timeZone: doc.timeZone ?? 'Asia/Shanghai',
    durationSec: Math.round(doc.durationHours * 3600),
    kpiIntervalSec: doc.settings?.kpiIntervalSec ?? 60,
    settings: {
      prioritySupplyForComms: doc.settings?.prioritySupplyForComms ?? false,
      emergencyRoaming: doc.settings?.emergencyRoaming ?? false,
      coverageTerrain: doc.settings?.coverageTerrain ?? 'open',
      airspaceGreenChannel: doc.settings?.airspaceGreenChannel ?? false,
      doctrineSeats: doctrineSeatsOf(doc.settings?.doctrineSeats),
    },
    origin,
    townships,
    population,
    sites,
    substations,
    feeders,
    roads,
    bases,
    landingZones: pointTable(byId(layers.landingZones), proj),
    shelters: pointTable(byId(layers.shelters), proj),
    earthquakes: doc.hazards
      .filter((h): h is EarthquakeDoc => h.type === 'earthquake')
      .sort((a, b) => a.tSec - b.tSec || compareIds(a.id, b.id))
      .map((h) => earthquakeSpec(h, proj, hazardLayers, params)),
    floods,
    rivers,
    reliefGridPath,
    generatorPools: [...(doc.resources?.generatorPools ?? [])].sort((a, b) => compareIds(a.id, b.id)).map((g) => ({ ...g, fuelHours: g.fuelHours * fuelFactor })),
    teams: teamSpecs(doc, bases, proj, params),
    uavs: [...(doc.resources?.uavs ?? [])]
      .sort((a, b) => compareIds(a.id, b.id))
      .map((u) => {
        const [airfieldXM, airfieldYM] = proj.toXY(u.airfield[0], u.airfield[1]);
        return { id: u.id, nameZh: u.nameZh ?? u.id, nameEn: u.nameEn ?? '', org: u.org, class: u.class, airfieldXM, airfieldYM, readiness: u.readiness ?? 'home', payload: u.payload ?? 'baseStation' };
      }),
    weather: [...(doc.weather ?? [])].sort((a, b) => a.fromSec - b.fromSec || a.toSec - b.toSec),
    helicopters: [...(doc.resources?.helicopters ?? [])]
      .sort((a, b) => compareIds(a.id, b.id))
      .map((h) => ({ id: h.id, org: h.org, capacity: h.capacity, speedKmh: h.speedKmh ?? params.airlift.AIRLIFT.defaultSpeedKmh.value, windLimit: h.windLimit ?? params.airlift.AIRLIFT.defaultWindLimit.value })),
    msel: [...(doc.msel ?? [])].sort((a, b) => a.tSec - b.tSec || compareIds(a.id, b.id)),
    targetsPath: doc.targets ?? null,
    metadata: doc.metadata,
    params,
  };
}

/** The seats doctrineSeats: 'all' means: every department. */
export const DOCTRINE_SEATS_ALL: readonly string[] = DEPARTMENTS;

function doctrineSeatsOf(value: 'all' | 'none' | string[] | undefined): string[] {
  if (value === undefined || value === 'all') return [...DOCTRINE_SEATS_ALL];
  if (value === 'none') return [];
  return [...value].sort();
}

const DEFAULT_SHIFT_HOURS = 12;

function teamSpecs(doc: ScenarioDocV1, bases: PointTable, proj: Projection, params: ModelParams): World['teams'] {
  const baseIndex = indexOf(bases.ids);
  const { LONG_HAUL_KMH } = params.movement;
  const { GENERATOR_FUEL } = params.infra;
  return [...(doc.resources?.teams ?? [])]
    .sort((a, b) => compareIds(a.id, b.id))
    .map((t) => {
      const base = baseIndex.get(t.base)!;
      let longHaulSec = 0;
      if (t.origin) {
        const [ox, oy] = proj.toXY(t.origin[0], t.origin[1]);
        const dx = ox - bases.xM[base], dy = oy - bases.yM[base];
        longHaulSec = Math.round((Math.sqrt(dx * dx + dy * dy) / 1000 / (t.longHaulKmh ?? LONG_HAUL_KMH.value)) * 3600);
      }
      const l = t.loadout ?? {};
      return {
        id: t.id,
        nameZh: t.nameZh,
        nameEn: t.nameEn ?? '',
        org: t.org,
        level: t.level,
        kind: t.kind,
        base,
        longHaulSec,
        activationDelaySec: t.activationDelaySec,
        activeAtStart: t.activeAtStart ?? (t.level === 'county' || t.level === 'city'),
        crew: t.crew,
        shiftHours: t.shiftHours ?? DEFAULT_SHIFT_HOURS,
        modes: t.modes,
        loadout: {
          generators: l.generators ?? 0,
          fuelHours: (l.fuelHours ?? GENERATOR_FUEL.loadoutHours.value) * GENERATOR_FUEL.fuelHoursFactor.value,
          portableBaseStations: l.portableBaseStations ?? 0,
          commsVehicles: l.commsVehicles ?? 0,
          vsat: l.vsat ?? 0,
          satPhones: l.satPhones ?? 0,
          beidou: l.beidou ?? 0,
          spares: l.spares ?? 0,
          tetheredUavs: l.tetheredUavs ?? 0,
        },
      };
    });
}

function elevationOf(props: Props): number {
  return typeof props.elevationM === 'number' ? props.elevationM : NaN;
}

function pathPoints(path: Float64Array): [number, number][] {
  const points: [number, number][] = [];
  for (let i = 0; i < path.length; i += 2) points.push([path[i], path[i + 1]]);
  return points;
}

/** Lists of indices → a CSR pair of typed arrays under the given names. */
function csr<O extends string, M extends string>(lists: number[][], offsetsName: O, membersName: M): Record<O | M, Int32Array> {
  const offsets = new Int32Array(lists.length + 1);
  lists.forEach((list, i) => (offsets[i + 1] = offsets[i] + list.length));
  const members = Int32Array.from(lists.flat());
  return { [offsetsName]: offsets, [membersName]: members } as Record<O | M, Int32Array>;
}

/** Road graph: segment endpoints with identical coordinates become one node (numbered in first-seen order over ids). */
function roadGraph(features: GeoFeature[], proj: Projection) {
  const nodeOf = new Map<string, number>();
  const nodeX: number[] = [];
  const nodeY: number[] = [];
  const node = (pos: number[]) => {
    const key = `${pos[0]},${pos[1]}`;
    let n = nodeOf.get(key);
    if (n === undefined) {
      n = nodeX.length;
      nodeOf.set(key, n);
      const [x, y] = proj.toXY(pos[0], pos[1]);
      nodeX.push(x);
      nodeY.push(y);
    }
    return n;
  };
  const fromNode = new Int32Array(features.length);
  const toNode = new Int32Array(features.length);
  features.forEach((f, i) => {
    const coords = f.geometry.coordinates as number[][];
    fromNode[i] = node(coords[0]);
    toNode[i] = node(coords[coords.length - 1]);
  });
  return { fromNode, toNode, nodeXM: Float64Array.from(nodeX), nodeYM: Float64Array.from(nodeY) };
}
