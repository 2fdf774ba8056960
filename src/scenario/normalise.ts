// Normalise a validated scenario into the engine's World: entities sorted by
// id, enums to small integers, coordinates projected to local metres once.
import { makeProjection, pathLengthM, type Projection } from '../core/geo.ts';
import { mwToMs, zoneForEpicentre } from '../hazards/index.ts';
import type { EarthquakeDoc, ScenarioDocV1, SiteProps } from './format.ts';
import type { GeoCollection, GeoFeature } from './load.ts';
import { defaultCoverageRadiusM } from '../infra/coverage.ts';
import {
  BACKHAULS,
  ENVIRONMENTS,
  OPERATORS,
  ROAD_CLASSES,
  SITE_CLASSES,
  SUBSTATION_CLASSES,
  type EarthquakeSpec,
  type PointTable,
  type Polygon2D,
  type World,
} from './world.ts';

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

function earthquakeSpec(doc: EarthquakeDoc, proj: Projection, hazardLayers: Record<string, GeoCollection>): EarthquakeSpec {
  const type = doc.magnitudeType ?? 'Ms';
  const [xM, yM] = proj.toXY(doc.epicenter[0], doc.epicenter[1]);
  const zone = !doc.zone || doc.zone === 'auto' ? zoneForEpicentre(doc.epicenter[0], doc.epicenter[1]) : doc.zone;
  const amplification = (doc.siteAmplification ? hazardLayers[doc.siteAmplification].features : []).flatMap((f) =>
    polygonsOf(f, proj).map((polygon) => ({ polygon, deltaIntensity: f.properties.deltaIntensity as number })),
  );
  const isoseismals = (doc.isoseismals ? hazardLayers[doc.isoseismals].features : []).flatMap((f) =>
    polygonsOf(f, proj).map((polygon) => ({ polygon, intensity: f.properties.intensity as number })),
  );
  // Highest degree first, so the first polygon containing a point gives its intensity.
  isoseismals.sort((a, b) => b.intensity - a.intensity);
  return {
    id: doc.id,
    tSec: doc.tSec,
    xM,
    yM,
    ms: type === 'Ms' ? doc.magnitude : mwToMs(doc.magnitude),
    magnitude: doc.magnitude,
    magnitudeType: type,
    depthKm: doc.depthKm ?? 10,
    strikeDeg: doc.strikeDeg,
    zone,
    amplification,
    isoseismals,
    doc,
  };
}

export function normalise(
  scenarioId: string,
  sha256: string,
  doc: ScenarioDocV1,
  layers: Record<string, GeoCollection>,
  hazardLayers: Record<string, GeoCollection>,
): World {
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

  const townshipBase = pointTable(townshipFeatures, proj);
  const townshipIndex = indexOf(townshipBase.ids);
  const townships = {
    ...townshipBase,
    nameZh: townshipFeatures.map((f) => f.properties.nameZh as string),
    nameEn: townshipFeatures.map((f) => (f.properties.nameEn as string) ?? (f.properties.nameZh as string)),
    population: Float64Array.from(townshipFeatures, (f) => f.properties.population as number),
    code: townshipFeatures.map((f) => (f.properties.code as string) ?? ''),
  };

  // Population points: the finer layer when given, else one point per township seat.
  const popFeatures = layers.population ? byId(layers.population) : null;
  const population = popFeatures
    ? {
        ...pointTable(popFeatures, proj),
        township: Int32Array.from(popFeatures, (f) => townshipIndex.get(f.properties.township as string)!),
        population: Float64Array.from(popFeatures, (f) => f.properties.population as number),
      }
    : {
        ids: townships.ids.map((id) => `seat:${id}`),
        xM: townships.xM,
        yM: townships.yM,
        township: Int32Array.from(townships.ids, (_, i) => i),
        population: townships.population,
      };

  const substationFeatures = byId(layers.substations);
  const substations = {
    ...pointTable(substationFeatures, proj),
    nameZh: substationFeatures.map((f) => (f.properties.nameZh as string) ?? (f.properties.id as string)),
    voltageKv: Float64Array.from(substationFeatures, (f) => f.properties.voltageKv as number),
    hazusClass: Uint8Array.from(substationFeatures, (f) => SUBSTATION_CLASSES.indexOf(f.properties.hazusClass as never)),
  };
  const substationIndex = indexOf(substations.ids);

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

  const siteFeatures = byId(layers.sites);
  const siteProps = siteFeatures.map((f) => f.properties as unknown as SiteProps);
  const environment = Uint8Array.from(siteProps, (p) => ENVIRONMENTS.indexOf(p.environment));
  const sites = {
    ...pointTable(siteFeatures, proj),
    operatorMask: Uint8Array.from(siteProps, (p) => p.operators.reduce((mask, op) => mask | (1 << OPERATORS.indexOf(op)), 0)),
    has5g: Uint8Array.from(siteProps, (p) => (p.tech.includes('5G') ? 1 : 0)),
    siteClass: Uint8Array.from(siteProps, (p) => SITE_CLASSES.indexOf(p.siteClass)),
    feeder: Int32Array.from(siteProps, (p) => feederIndex.get(p.feeder)!),
    batteryKwh: Float64Array.from(siteProps, (p) => p.batteryKwh),
    loadKw: Float64Array.from(siteProps, (p) => p.loadKw),
    generatorFuelHours: Float64Array.from(siteProps, (p) => p.generatorFuelHours ?? 0),
    backhaul: Uint8Array.from(siteProps, (p) => BACKHAULS.indexOf(p.backhaul)),
    environment,
    coverageRadiusM: Float64Array.from(siteProps, (p, i) => p.coverageRadiusM ?? defaultCoverageRadiusM(environment[i])),
    township: Int32Array.from(siteProps, (p) => townshipIndex.get(p.township)!),
  };

  const roadFeatures = byId(layers.roads);
  const roadPaths = roadFeatures.map((f) => projectPath(f.geometry.coordinates as number[][], proj));
  const roads = {
    ids: roadFeatures.map((f) => f.properties.id as string),
    roadClass: Uint8Array.from(roadFeatures, (f) => ROAD_CLASSES.indexOf(f.properties.roadClass as never)),
    bridge: Uint8Array.from(roadFeatures, (f) => ((f.properties as Props).bridge ? 1 : 0)),
    pathM: roadPaths,
    lengthM: Float64Array.from(roadPaths, pathLengthM),
  };

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
    },
    origin,
    townships,
    population,
    sites,
    substations,
    feeders,
    roads,
    bases: pointTable(byId(layers.bases), proj),
    landingZones: pointTable(byId(layers.landingZones), proj),
    shelters: pointTable(byId(layers.shelters), proj),
    earthquakes: [...doc.hazards].sort((a, b) => a.tSec - b.tSec || compareIds(a.id, b.id)).map((h) => earthquakeSpec(h, proj, hazardLayers)),
    generatorPools: [...(doc.resources?.generatorPools ?? [])].sort((a, b) => compareIds(a.id, b.id)),
    msel: [...(doc.msel ?? [])].sort((a, b) => a.tSec - b.tSec || compareIds(a.id, b.id)),
    targetsPath: doc.targets ?? null,
    metadata: doc.metadata,
  };
}
