// From read inputs to a scenario folder's file texts. Pure (no I/O): the
// command in cli/import.ts reads the files and writes the result. Every
// problem of every input is collected before anything is built, so one run
// lists them all; the synthesised layers follow the rules documented in the
// README ("Your own county") and are marked estimated in metadata.sources.
import {
  SCENARIO_FORMAT_V1,
  type HazardDoc,
  type Environment,
  type FeederProps,
  type Operator,
  type PointOfInterestProps,
  type PopulationPointProps,
  type RoadProps,
  type ScenarioDocV1,
  type SiteProps,
  type SubstationClass,
  type SubstationProps,
  type TownshipProps,
} from '../../src/model/scenario-format.ts';
import {
  addLayer,
  chainThroughVillages,
  chooseOperators,
  closestSite,
  drawBackhaul,
  FIVE_G_SHARES,
  jsonText,
  lineFeature,
  localPlane,
  nearestFeeder,
  pointFeature,
  polygonFeature,
  rll,
  round1,
  roadGraph,
  seededRandom,
  siteBatteryKwh,
  siteLoadKw,
  type BackhaulDraw,
  type Feature,
  type LL,
  type LocalPlane,
  type ScenarioTexts,
} from '../kit/index.ts';
import { coordinateSystem, type CoordinateSystem } from './crs.ts';
import { elevationAt, reliefGrid, type AsciiGrid } from './dem.ts';
import { countyForces } from './forces.ts';
import { convertCoordinates, implausible, inPolygons, polygonSeat, polygonsOf, roadComponents, snapRoads, splitLongRoads, vertexIndex, type Rings, type RoadLine } from './geometry.ts';
import type { ImportMapping } from './mapping.ts';
import { weatherProblems } from '../../src/scenario/load.ts';
import { FieldReader, recordsOf, type InputRecord, type LoadedInput } from './records.ts';
import type { InputProblem } from './tables.ts';

export const IMPORTER = 'tools/import (drilltwin import)';

export interface ImportInputs {
  mapping: ImportMapping;
  mappingFile: string;
  /** By input name; a flood's zones as floodZones. */
  inputs: Partial<Record<keyof ImportMapping['inputs'] | 'floodZones', LoadedInput>>;
}

export interface ImportResult {
  problems: InputProblem[];
  warnings: string[];
  texts: ScenarioTexts;
  /** One line per layer: how many features, and what was taken, converted or estimated. */
  summary: string[];
}

const ID_RE = /^[A-Za-z0-9_.:-]{1,64}$/;

interface Township {
  id: string;
  nameZh: string;
  nameEn?: string;
  code?: string;
  polys: Rings[];
  seat: LL;
  population: number | undefined;
  record: InputRecord;
}

interface SiteRow {
  id: string;
  at: LL;
  props: Partial<SiteProps> & { nameZh?: string };
  townshipId?: string;
  record: InputRecord;
}

/** The road-class share of backhaul drawn where a site's inventory says nothing (the province generator's rule). */
const BACKHAUL_DRAW: Partial<Record<Environment, BackhaulDraw>> = { suburban: { microwaveBelow: 0.05 }, rural: { satelliteBelow: 0.02, microwaveBelow: 0.2 } };

export function buildScenario(input: ImportInputs): ImportResult {
  const { mapping } = input;
  const problems: InputProblem[] = [];
  const warnings: string[] = [];
  const summary: string[] = [];
  const reader = new FieldReader(problems, mapping.values);
  const sources: ScenarioDocV1['metadata']['sources'] = [];
  const seed = mapping.seed ?? 1;
  const rng = seededRandom(seed);

  const systemOf = (li: LoadedInput | undefined, fallback = 'WGS84'): CoordinateSystem | null => {
    if (!li) return null;
    const declared = li.spec.crs ?? (li.kind === 'roads' && li.file.match(/\.(osm|json)$/i) ? 'WGS84' : undefined);
    const cs = coordinateSystem(declared ?? (li.features ? undefined : fallback));
    if ('error' in cs) {
      problems.push({ file: input.mappingFile, at: li.kind === 'floodZones' ? '#/hazard/zones/crs' : `#/inputs/${li.kind}/crs`, message: cs.error });
      return null;
    }
    return cs;
  };
  /** A record's position: its Point geometry or its lon/lat columns, converted; undefined (and a problem) when absent or implausible. */
  const positionOf = (rec: InputRecord, cs: CoordinateSystem | null, required: boolean): LL | undefined => {
    if (rec.geometry) {
      if (rec.geometry.type !== 'Point') return reader.fail(rec, 'geometry', `has a ${rec.geometry.type} geometry, expected a Point`);
      if (!cs) return undefined;
      const c = convertCoordinates(cs, rec.geometry.coordinates);
      if ('error' in c) return reader.fail(rec, 'geometry', c.error);
      return c.value as LL;
    }
    const xs = rec.text('lon'), ys = rec.text('lat');
    if (xs === undefined || ys === undefined) return required ? reader.fail(rec, xs === undefined ? 'lon' : 'lat', `${xs === undefined ? 'the longitude (x)' : 'the latitude (y)'} is empty, expected a coordinate`) : undefined;
    const x = Number(xs), y = Number(ys);
    if (!Number.isFinite(x)) return reader.fail(rec, 'lon', `${JSON.stringify(xs.slice(0, 30))} is not a number, expected a coordinate`);
    if (!Number.isFinite(y)) return reader.fail(rec, 'lat', `${JSON.stringify(ys.slice(0, 30))} is not a number, expected a coordinate`);
    if (!cs) return undefined;
    if (!cs.plausible(x, y)) return reader.fail(rec, 'lon', implausible(cs, x, y));
    return cs.toWgs84(x, y);
  };

  // ---- Townships ----
  // A required input that could not be read is already reported by the reader; the others are still checked, so one run lists every problem.
  const tIn = input.inputs.townships;
  const tCs = systemOf(tIn);
  const townships: Township[] = [];
  if (tIn) {
    const { records, has } = recordsOf(tIn, problems);
    if (!tIn.features) problems.push({ file: tIn.file, at: '', message: 'townships must be polygons (a zipped shapefile or GeoJSON), expected a vector file' });
    if (!has('nameZh')) problems.push({ file: tIn.file, at: '', message: `no township name field found; name it in the mapping (inputs.townships.columns.nameZh)` });
    const seen = new Map<string, string>();
    records.forEach((rec, i) => {
      const nameZh = rec.text('nameZh');
      if (nameZh === undefined && has('nameZh')) reader.fail(rec, 'nameZh', 'the township name is empty');
      if (!rec.geometry) return void reader.fail(rec, 'geometry', 'has no geometry, expected a polygon');
      const polysRaw = polygonsOf(rec.geometry);
      if (!polysRaw) return void reader.fail(rec, 'geometry', `has a ${rec.geometry.type} geometry, expected a Polygon or MultiPolygon`);
      // A township whose coordinates cannot be converted is still named, so the other files' references to it are checked in the same run.
      const conv = tCs ? convertCoordinates(tCs, rec.geometry.coordinates) : { error: '' };
      if ('error' in conv && conv.error) reader.fail(rec, 'geometry', conv.error);
      const polys = 'error' in conv ? [] : polygonsOf({ type: rec.geometry.type, coordinates: conv.value })!.map((rings) => rings.map((ring) => ring.map(rll)));
      const rawId = rec.text('id');
      const code = rawId && /^[0-9]{6}([0-9]{3}|[0-9]{6})?$/.test(rawId) ? rawId : undefined;
      const id = rawId && ID_RE.test(rawId) ? rawId : `t-${String(i + 1).padStart(3, '0')}`;
      if (seen.has(id)) return void reader.fail(rec, 'id', `duplicate township id ${JSON.stringify(id)} (first at ${seen.get(id)})`);
      seen.set(id, rec.where('id'));
      const population = reader.number(rec, 'population', 0, 100_000_000, 'a number of people');
      townships.push({ id, nameZh: nameZh ?? id, nameEn: rec.text('nameEn'), code, polys, seat: polys.length ? rll(polygonSeat(polys)) : [0, 0], population: population === undefined ? undefined : Math.round(population), record: rec });
    });
    if (records.length === 0) problems.push({ file: tIn.file, at: '', message: 'has no townships, expected at least one polygon' });
  }
  const townshipByKey = new Map<string, Township>();
  for (const t of townships) for (const k of [t.id, t.code, t.nameZh, t.nameZh.replace(/(镇|乡|街道|街道办事处)$/, '')]) if (k && !townshipByKey.has(k)) townshipByKey.set(k, t);
  const findTownship = (s: string | undefined) => (s === undefined ? undefined : (townshipByKey.get(s) ?? townshipByKey.get(s.replace(/(镇|乡|街道|街道办事处)$/, ''))));
  const townshipNames = () => townships.slice(0, 8).map((t) => t.nameZh).join(', ') + (townships.length > 8 ? ', …' : '');

  const origin: LL = townships.length
    ? (() => {
        const all = townships.flatMap((t) => t.polys.flatMap((p) => p[0]));
        const lons = all.map((p) => p[0]), lats = all.map((p) => p[1]);
        return [(Math.min(...lons) + Math.max(...lons)) / 2, (Math.min(...lats) + Math.max(...lats)) / 2];
      })()
    : [105, 35];
  const plane = localPlane(origin);

  // ---- Population ----
  const villages: { id: string; at: LL; township: string; population: number }[] = [];
  const popIn = input.inputs.population;
  const popSum = new Map<string, number>();
  if (popIn) {
    const cs = systemOf(popIn);
    const { records, has } = recordsOf(popIn, problems);
    if (!has('township')) problems.push({ file: popIn.file, at: '', message: 'no township column found; name it in the mapping (inputs.population.columns.township)' });
    if (!has('population')) problems.push({ file: popIn.file, at: '', message: 'no population column found; name it in the mapping (inputs.population.columns.population)' });
    records.forEach((rec) => {
      const tName = rec.text('township');
      const t = findTownship(tName);
      if (tName === undefined) reader.fail(rec, 'township', 'the township is empty');
      else if (!t && townships.length) reader.fail(rec, 'township', `${JSON.stringify(tName)} is not a township of ${tIn!.file}, expected one of: ${townshipNames()}`);
      const n = reader.number(rec, 'population', 0, 10_000_000, 'a number of people', true);
      const at = positionOf(rec, cs, false);
      if (!t || n === undefined) return;
      popSum.set(t.id, (popSum.get(t.id) ?? 0) + Math.round(n));
      if (at) villages.push({ id: `v-${String(villages.length + 1).padStart(4, '0')}`, at: rll(at), township: t.id, population: Math.round(n) });
    });
  }
  for (const t of townships) {
    if (t.population === undefined) {
      const sum = popSum.get(t.id);
      if (sum === undefined) problems.push({ file: tIn!.file, at: t.record.at, message: `township ${t.nameZh} has no population: give a population field in ${tIn!.file} or rows for it in the population table` });
      else t.population = sum;
    }
  }

  // ---- Sites ----
  const sIn = input.inputs.sites;
  const sCs = systemOf(sIn);
  const sites: SiteRow[] = [];
  const batteryAh = sIn?.spec.batteryUnit === 'Ah';
  if (sIn) {
    const { records, has } = recordsOf(sIn, problems);
    if (!sIn.features && (!has('lon') || !has('lat'))) problems.push({ file: sIn.file, at: 'row 1', message: 'no longitude/latitude columns found; name them in the mapping (inputs.sites.columns.lon and .lat)' });
    const seen = new Map<string, string>();
    const townshipById = new Map(townships.map((t) => [t.id, t] as const));
    records.forEach((rec, i) => {
      const at = positionOf(rec, sCs, true);
      const rawId = rec.text('id');
      const id = rawId && ID_RE.test(rawId) ? rawId : `s-${String(i + 1).padStart(4, '0')}`;
      if (seen.has(id)) reader.fail(rec, 'id', `duplicate site id ${JSON.stringify(id)} (first at ${seen.get(id)})`);
      // The scenario refuses one id for two things (reports name each by its id): said here, at the row.
      const town = townshipById.get(id);
      if (town) reader.fail(rec, 'id', `site id ${JSON.stringify(id)} is also a township's id (${tIn?.file} ${town.record.where('id')}); give sites and townships ids of their own`);
      seen.set(id, rec.where('id'));
      const props: SiteRow['props'] = {};
      const name = rec.text('name');
      if (name) props.nameZh = name;
      props.operators = reader.words(rec, 'operators') as Operator[] | undefined;
      props.tech = reader.words(rec, 'tech') as SiteProps['tech'] | undefined;
      props.siteClass = reader.word(rec, 'siteClass') as SiteProps['siteClass'] | undefined;
      props.environment = reader.word(rec, 'environment') as Environment | undefined;
      props.backhaul = reader.word(rec, 'backhaul') as SiteProps['backhaul'] | undefined;
      const battery = reader.number(rec, 'batteryKwh', 0, batteryAh ? 100_000 : 10_000, batteryAh ? 'ampere-hours at 48 V' : 'kWh');
      // Ah at 48 V nominal, usable to 80 % depth of discharge (the kit's battery model).
      if (battery !== undefined) props.batteryKwh = batteryAh ? round1((battery * 48 * 0.8) / 1000) : battery;
      props.loadKw = reader.number(rec, 'loadKw', 0.01, 500, 'kW');
      props.generatorFuelHours = reader.number(rec, 'generatorFuelHours', 0, 720, 'hours');
      const agg = rec.text('aggregation');
      if (agg !== undefined) props.aggregation = agg;
      // A second path (the other way round an aggregation ring, or a second home): the site keeps its backhaul
      // when either path works.
      const ring = rec.text('ringAggregation');
      if (ring !== undefined) props.ringAggregation = ring;
      const feeder = rec.text('feeder');
      if (feeder !== undefined) props.feeder = feeder;
      const tName = rec.text('township');
      let townshipId: string | undefined;
      if (tName !== undefined) {
        const t = findTownship(tName);
        if (!t && townships.length) reader.fail(rec, 'township', `${JSON.stringify(tName)} is not a township of ${tIn!.file}, expected one of: ${townshipNames()}`);
        townshipId = t?.id;
      }
      if (at) sites.push({ id, at: rll(at), props, townshipId, record: rec });
    });
    if (records.length === 0) problems.push({ file: sIn.file, at: '', message: 'has no sites, expected one row per cell site' });
    // Aggregation and feeder references within the inventory.
    const ids = new Set(sites.map((s) => s.id));
    for (const s of sites) if (s.props.aggregation !== undefined && !ids.has(s.props.aggregation)) reader.fail(s.record, 'aggregation', `${JSON.stringify(s.props.aggregation)} is not a site id of ${sIn.file}, expected the id of the site this one's transmission passes through`);
    for (const s of sites) {
      const ring = s.props.ringAggregation;
      if (ring === undefined) continue;
      if (!ids.has(ring)) reader.fail(s.record, 'ringAggregation', `${JSON.stringify(ring)} is not a site id of ${sIn.file}, expected the id of the site this one's second path passes through`);
      else if (ring === s.id) reader.fail(s.record, 'ringAggregation', `is the site itself, expected another site (the other way round its aggregation ring, or its second home)`);
      else if (ring === s.props.aggregation) reader.fail(s.record, 'ringAggregation', `${JSON.stringify(ring)} is also its aggregation site, expected a second path through another site`);
    }
  }

  // ---- Roads ----
  const rIn = input.inputs.roads;
  const rCs = systemOf(rIn);
  const roadLines: (RoadLine & { props: RoadProps })[] = [];
  if (rIn) {
    const { records } = recordsOf(rIn, problems);
    const seen = new Set<string>();
    records.forEach((rec, i) => {
      if (!rec.geometry || (rec.geometry.type !== 'LineString' && rec.geometry.type !== 'MultiLineString')) return void reader.fail(rec, 'geometry', `has ${rec.geometry ? `a ${rec.geometry.type}` : 'no'} geometry, expected a LineString`);
      if (!rCs) return;
      const conv = convertCoordinates(rCs, rec.geometry.coordinates);
      if ('error' in conv) return void reader.fail(rec, 'geometry', conv.error);
      const parts = (rec.geometry.type === 'LineString' ? [conv.value] : conv.value) as LL[][];
      const roadClass = (reader.word(rec, 'roadClass') ?? 'rural') as RoadProps['roadClass'];
      const bridge = reader.word(rec, 'bridge') === 'true';
      const name = rec.text('name');
      const rawId = rec.text('id');
      parts.forEach((line, k) => {
        const base = rawId && ID_RE.test(rawId) ? rawId : `r-${String(i + 1).padStart(5, '0')}`;
        let id = parts.length > 1 ? `${base}-${k}` : base;
        while (seen.has(id)) id = `${id}x`;
        seen.add(id);
        const rounded = line.map(rll).filter((p, j, arr) => j === 0 || p[0] !== arr[j - 1][0] || p[1] !== arr[j - 1][1]);
        if (rounded.length < 2) return;
        roadLines.push({ id, line: rounded, props: { id, roadClass, ...(bridge ? { bridge: true, bridgeClass: 'conventional' as const } : {}), ...(name ? { nameZh: name } : {}) } });
      });
    });
    if (roadLines.length === 0 && records.length > 0) problems.push({ file: rIn.file, at: '', message: 'no usable road (OSM: ways tagged highway=motorway … track)' });
    if (records.length === 0) problems.push({ file: rIn.file, at: '', message: 'has no roads, expected at least one road line' });
  }

  // Optional given layers: substations, feeders, points.
  const givenPoints = (kind: 'bases' | 'landingZones' | 'shelters' | 'substations') => {
    const li = input.inputs[kind];
    if (!li) return null;
    const cs = systemOf(li);
    const { records } = recordsOf(li, problems);
    return records.map((rec, i) => {
      const rawId = rec.text('id');
      return { rec, id: rawId && ID_RE.test(rawId) ? rawId : `${kind.slice(0, 3)}-${i + 1}`, at: positionOf(rec, cs, true), name: rec.text('name') };
    });
  };
  const givenSubstations = givenPoints('substations');
  const givenBases = givenPoints('bases');
  const givenLzs = givenPoints('landingZones');
  const givenShelters = givenPoints('shelters');
  const subProps: SubstationProps[] = [];
  const subAt = new Map<string, LL>();
  if (givenSubstations) {
    for (const g of givenSubstations) {
      const kv = reader.number(g.rec, 'voltageKv', 0.1, 1100, 'kV', true);
      if (!g.at || kv === undefined) continue;
      const upstream = g.rec.text('upstream');
      subProps.push({ id: g.id, ...(g.name ? { nameZh: g.name } : {}), voltageKv: kv, hazusClass: hazusClassOf(kv), ...(upstream ? { upstream } : {}) });
      subAt.set(g.id, rll(g.at));
    }
  }
  const givenFeeders: { props: FeederProps; line: LL[] }[] = [];
  const fIn = input.inputs.feeders;
  if (fIn) {
    const cs = systemOf(fIn);
    const { records } = recordsOf(fIn, problems);
    records.forEach((rec, i) => {
      if (!rec.geometry || rec.geometry.type !== 'LineString') return void reader.fail(rec, 'geometry', 'expected a LineString');
      const sub = rec.text('substation');
      if (!sub || !subAt.has(sub)) return void reader.fail(rec, 'substation', `${JSON.stringify(sub ?? '')} is not a substation id, expected one of the substations input`);
      if (!cs) return;
      const conv = convertCoordinates(cs, rec.geometry.coordinates);
      if ('error' in conv) return void reader.fail(rec, 'geometry', conv.error);
      const rawId = rec.text('id');
      givenFeeders.push({ props: { id: rawId && ID_RE.test(rawId) ? rawId : `f-${i + 1}`, substation: sub, voltageKv: reader.number(rec, 'voltageKv', 0.1, 1100, 'kV') ?? 10 }, line: (conv.value as LL[]).map(rll) });
    });
  }
  if (fIn && !input.inputs.substations) problems.push({ file: input.mappingFile, at: '#/inputs/feeders', message: 'feeders are given without substations, expected both or neither' });

  // The elevation model: a grid in degrees.
  const demIn = input.inputs.elevation;
  let dem: AsciiGrid | undefined;
  if (demIn) {
    const cs = systemOf(demIn, 'WGS84');
    if (!demIn.grid) problems.push({ file: demIn.file, at: '', message: 'expected an ESRI ASCII grid (.asc) of elevations' });
    else if (cs && cs.projected) problems.push({ file: input.mappingFile, at: '#/inputs/elevation/crs', message: `the elevation grid must be in degrees (WGS84 or CGCS2000), not ${cs.name}: reproject it first (gdalwarp -t_srs EPSG:4326)` });
    else if (cs && cs.name !== 'WGS84' && cs.name !== 'CGCS2000') problems.push({ file: input.mappingFile, at: '#/inputs/elevation/crs', message: `the elevation grid must be in WGS84 or CGCS2000 degrees, not ${cs.name}` });
    else if (cs) dem = demIn.grid;
  }

  // The hazard: an earthquake's epicentre, or a flood's zones and hydrographs.
  const hz = mapping.hazard;
  let epicenter: LL | undefined;
  const floodZones: Feature<{ zoneId: string; nameZh?: string }>[] = [];
  if (hz.type === 'earthquake') {
    const cs = coordinateSystem(hz.crs ?? 'WGS84');
    if ('error' in cs) problems.push({ file: input.mappingFile, at: '#/hazard/crs', message: cs.error });
    else if (!cs.plausible(hz.epicenter[0], hz.epicenter[1])) problems.push({ file: input.mappingFile, at: '#/hazard/epicenter', message: implausible(cs, hz.epicenter[0], hz.epicenter[1]) });
    else epicenter = rll(cs.toWgs84(hz.epicenter[0], hz.epicenter[1]));
  } else {
    const zIn = input.inputs.floodZones;
    if (!demIn) problems.push({ file: input.mappingFile, at: '#/inputs', message: 'a flood needs the ground under the assets: give inputs.elevation (a DEM as an ESRI ASCII grid)' });
    if (zIn) {
      const cs = systemOf(zIn);
      const { records, has } = recordsOf(zIn, problems);
      if (!has('zoneId')) problems.push({ file: zIn.file, at: '', message: 'no zone id field found; name it in the mapping (hazard.zones.columns.zoneId)' });
      const seen = new Set<string>();
      for (const rec of records) {
        const zoneId = rec.text('zoneId');
        if (zoneId === undefined) continue;
        if (!ID_RE.test(zoneId)) reader.fail(rec, 'zoneId', `${JSON.stringify(zoneId.slice(0, 40))} is not a usable zone id, expected letters, digits, _ . : -`);
        else if (seen.has(zoneId)) reader.fail(rec, 'zoneId', `duplicate zone id ${JSON.stringify(zoneId)}`);
        seen.add(zoneId);
        const polys = rec.geometry && polygonsOf(rec.geometry);
        if (!polys) {
          reader.fail(rec, 'geometry', 'expected a Polygon or MultiPolygon');
          continue;
        }
        if (!cs) continue;
        const conv = convertCoordinates(cs, rec.geometry!.coordinates);
        if ('error' in conv) {
          reader.fail(rec, 'geometry', conv.error);
          continue;
        }
        const converted = polygonsOf({ type: rec.geometry!.type, coordinates: conv.value })!.map((rings) => rings.map((ring) => ring.map(rll)));
        const name = rec.text('name');
        floodZones.push({ type: 'Feature', properties: { zoneId, ...(name ? { nameZh: name } : {}) }, geometry: converted.length === 1 ? { type: 'Polygon', coordinates: converted[0] } : ({ type: 'MultiPolygon', coordinates: converted } as unknown as Feature<unknown>['geometry']) });
      }
      for (const [zoneId, curve] of Object.entries(hz.hydrographs)) {
        if (!seen.has(zoneId) && seen.size) problems.push({ file: input.mappingFile, at: `#/hazard/hydrographs/${zoneId}`, message: `no zone ${JSON.stringify(zoneId)} in ${zIn.file}, expected one of: ${[...seen].join(', ')}` });
        for (let k = 1; k < curve.length; k++) {
          if (curve[k][0] <= curve[k - 1][0]) problems.push({ file: input.mappingFile, at: `#/hazard/hydrographs/${zoneId}/${k}/0`, message: `${curve[k][0]} s is not after ${curve[k - 1][0]} s, expected times in ascending order` });
        }
      }
      for (const zoneId of seen) if (!(zoneId in hz.hydrographs)) problems.push({ file: input.mappingFile, at: '#/hazard/hydrographs', message: `no hydrograph for zone ${JSON.stringify(zoneId)} of ${zIn.file}, expected one per zone` });
    }
  }

  if (problems.length || !tIn || !sIn || !rIn) return { problems, warnings, texts: {}, summary };

  // ===== Everything read: now place, check and synthesise. =====

  // Sites: their township (claimed or containing), and the wrong-system check.
  let outside = 0;
  let outsideIfGcj = 0;
  const gcj = coordinateSystem('GCJ02') as CoordinateSystem;
  const containing = (p: LL) => townships.find((t) => inPolygons(p, t.polys));
  for (const s of sites) {
    const inside = containing(s.at);
    const claimed = s.townshipId ? townships.find((t) => t.id === s.townshipId)! : undefined;
    const ok = claimed ? inPolygons(s.at, claimed.polys) : inside !== undefined;
    if (!ok) outside++;
    if (sCs && !sCs.projected && sCs.name !== 'GCJ02' && sCs.name !== 'BD09') {
      const alt = rll(gcj.toWgs84(s.at[0], s.at[1]));
      const altOk = claimed ? inPolygons(alt, claimed.polys) : containing(alt) !== undefined;
      if (!altOk) outsideIfGcj++;
    }
    if (!s.townshipId) {
      const t = inside ?? closestSite(plane, townships.map((tw) => ({ id: tw.id, at: tw.seat })), s.at);
      s.townshipId = t.id;
    }
  }
  if (sites.length && outside / sites.length > 0.05) {
    const share = Math.round((100 * outside) / sites.length);
    let hint = ` Check "crs" of inputs.sites (declared ${sCs?.name}): web-map coordinates are GCJ-02 (300–500 m off), Baidu's BD-09.`;
    if (sCs && sCs.name !== 'GCJ02' && outsideIfGcj < outside / 2) hint = ` Read as GCJ-02 only ${outsideIfGcj} would be: the file is most likely in GCJ-02 (declare "crs": "GCJ02" for inputs.sites).`;
    warnings.push(`${sIn.file}: ${outside} of ${sites.length} sites (${share} %) lie outside the township they claim or outside every township.${hint}`);
  }

  // County seat: declared, else the most populous township's seat.
  const countyT = [...townships].sort((a, b) => (b.population ?? 0) - (a.population ?? 0) || (a.id < b.id ? -1 : 1))[0];
  let countySeat: LL = countyT.seat;
  if (mapping.countySeat) {
    const cs = tCs!;
    countySeat = rll(cs.projected ? cs.toWgs84(...mapping.countySeat) : cs.toWgs84(mapping.countySeat[0], mapping.countySeat[1]));
  }

  // Roads: snap ends, split at junctions, report islands.
  const snapped = snapRoads(plane, roadLines);
  const split = splitLongRoads(plane, snapped.roads);
  const roads = split.roads.map((r, i) => ({ ...r, props: { ...roadLines[split.pieceOf[i]].props, id: r.id } }));
  const parts = roadComponents(roads);
  if (parts.length > 1) {
    const islands = parts.slice(1);
    const islandSegs = islands.reduce((n, p) => n + p.length, 0);
    warnings.push(`${rIn.file}: the road network has ${parts.length} separate parts; the largest has ${parts[0].length} segments, ${islands.length} island${islands.length === 1 ? '' : 's'} hold ${islandSegs} (e.g. ${islands.slice(0, 3).map((p) => roads[p[0]].id).join(', ')}). Teams cannot drive between parts; fibre is not routed across them.`);
  }
  summary.push(`roads: ${roads.length} segments of at most 3 km from ${roadLines.length} lines of ${rIn.file} (${snapped.snappedEnds} ends snapped within 10 m, ${snapped.insertedJunctions} junctions inserted), ${parts.length} connected part${parts.length === 1 ? '' : 's'}`);

  // Power: substations and feeders, given or synthesised.
  const villagesOf = (tid: string) => villages.filter((v) => v.township === tid);
  const feeders: { props: FeederProps; line: LL[] }[] = [];
  const sitesByTownship = new Map<string, SiteRow[]>();
  for (const s of sites) {
    const list = sitesByTownship.get(s.townshipId!);
    if (list) list.push(s);
    else sitesByTownship.set(s.townshipId!, [s]);
  }
  if (givenSubstations) {
    feeders.push(...givenFeeders);
    sources.push({ layer: 'substations', source: `${input.inputs.substations!.file} (${givenSubstations.length} substations)`, estimated: false, note: 'HAZUS class from the voltage (low < 150 kV ≤ medium < 350 kV ≤ high), unanchored (an assumption).' });
  } else {
    subProps.push({ id: 'sub-110-county', nameZh: `${mapping.name.zh}110kV变电站（估计）`, voltageKv: 110, hazusClass: 'low-anchored', customers: Math.round(townships.reduce((n, t) => n + (t.population ?? 0), 0) / 3) });
    subAt.set('sub-110-county', countySeat);
    for (const t of townships) {
      const id = `sub-35-${t.id}`;
      subProps.push({ id, nameZh: `${t.nameZh}35kV变电站（估计）`, voltageKv: 35, hazusClass: 'low-unanchored', upstream: 'sub-110-county', customers: Math.round((t.population ?? 0) / 3) });
      subAt.set(id, t.seat);
    }
    sources.push({ layer: 'substations', source: 'Synthesised by the importer: one 110 kV substation at the county seat and one 35 kV substation per township at its seat, fed from it.', estimated: true, note: 'HAZUS classes: 110 kV low-anchored, 35 kV low-unanchored; customers = population / 3 (households). Assumptions, to be replaced by the grid company\'s data.' });
  }
  if (!givenFeeders.length) {
    // One 10 kV feeder per 30 sites of a township (at least one), each chained from the township's 35 kV substation (or the nearest given one) through up to four villages, nearest first.
    for (const t of townships) {
      const subId = givenSubstations ? closestSite(plane, subProps.map((p) => ({ id: p.id, at: subAt.get(p.id)! })), t.seat).id : `sub-35-${t.id}`;
      const from = subAt.get(subId)!;
      const n = Math.max(1, Math.ceil((sitesByTownship.get(t.id)?.length ?? 0) / 30));
      const pool = villagesOf(t.id).map((v) => ({ id: v.id, at: v.at }));
      // Villages split into n groups by bearing around the substation (a pseudo-angle, no trigonometry).
      const bearing = (p: LL) => {
        const [x, y] = plane.toKm(p, from);
        const r = Math.abs(x) + Math.abs(y) || 1;
        return y >= 0 ? 1 - x / r : 3 + x / r;
      };
      const sorted = [...pool].sort((a, b) => bearing(a.at) - bearing(b.at) || (a.id < b.id ? -1 : 1));
      const tSites = sitesByTownship.get(t.id) ?? [];
      for (let k = 0; k < n; k++) {
        const group = sorted.filter((_, i) => i % n === k);
        let line = chainThroughVillages(plane, [from], group, 4);
        if (line.length < 2) {
          // No village positions: run the feeder towards the township's sites, else 1 km east.
          const target: LL = tSites.length ? [tSites.reduce((a, s) => a + s.at[0], 0) / tSites.length, tSites.reduce((a, s) => a + s.at[1], 0) / tSites.length] : plane.fromKm([1, 0], from);
          line = plane.km(target, from) < 0.05 ? [from, plane.fromKm([1, 0], from)] : [from, target];
        }
        feeders.push({ props: { id: `fd-${t.id}-${k + 1}`, substation: subId, voltageKv: 10 }, line: line.map(rll) });
      }
    }
    sources.push({ layer: 'feeders', source: 'Synthesised by the importer (scenario kit chainThroughVillages): per township one 10 kV feeder per 30 sites (at least one) from its 35 kV substation through up to four villages, nearest first; sites take the nearest feeder of their township.', estimated: true, note: 'Not the real distribution network: which sites share a feeder is a guess from geography.' });
  } else sources.push({ layer: 'feeders', source: `${fIn!.file} (${givenFeeders.length} feeders)`, estimated: false });

  // Sites: equipment (given or estimated) and supply.
  const estimatedCount: Record<string, number> = {};
  const est = (field: string) => (estimatedCount[field] = (estimatedCount[field] ?? 0) + 1);
  const townshipSeat = new Map(townships.map((t) => [t.id, t.seat]));
  const feederIds = new Set(feeders.map((f) => f.props.id));
  const siteProps = new Map<string, SiteProps & { nameZh?: string }>();
  for (const s of sites) {
    const p = s.props;
    const siteClass = p.siteClass ?? (est('siteClass'), 'macro');
    const env: Environment =
      p.environment ??
      (est('environment'), plane.km(s.at, countySeat) <= 1.5 ? 'urban' : plane.km(s.at, townshipSeat.get(s.townshipId!)!) <= 1 ? 'suburban' : 'rural');
    const operators: Operator[] = p.operators ?? (est('operators'), siteClass === 'super' ? ['cmcc', 'cucc', 'ctcc'] : chooseOperators(rng, env));
    const has5g = p.tech ? p.tech.includes('5G') : (est('tech'), siteClass === 'super' || rng.chance(siteClass === 'small' ? FIVE_G_SHARES.small : FIVE_G_SHARES[env]));
    const tech: SiteProps['tech'] = p.tech ?? (has5g ? ['4G', '5G'] : ['4G']);
    const loadKw = p.loadKw ?? (est('loadKw'), siteClass === 'small' ? round1(has5g ? rng.uniform(0.9, 1.2) : rng.uniform(0.3, 0.5)) : siteLoadKw(rng, operators, has5g));
    const batteryKwh = p.batteryKwh ?? (est('batteryKwh'), siteClass === 'super' ? 150 : siteClass === 'small' ? round1(loadKw * rng.uniform(2, 4)) : siteBatteryKwh(rng, operators, has5g, loadKw));
    const generatorFuelHours = p.generatorFuelHours ?? (siteClass === 'super' ? 72 : 0);
    const backhaul = p.backhaul ?? (est('backhaul'), siteClass === 'super' ? 'fibre' : drawBackhaul(rng, BACKHAUL_DRAW[env]));
    let feeder = p.feeder;
    if (feeder !== undefined && !feederIds.has(feeder)) {
      reader.fail(s.record, 'feeder', `${JSON.stringify(feeder)} is not a feeder id, expected one of the feeders input`);
      feeder = undefined;
    }
    if (feeder === undefined) {
      const own = feeders.filter((f) => givenFeeders.length || f.props.id.startsWith(`fd-${s.townshipId}-`));
      feeder = nearestFeeder(plane, own.length ? own.map((f) => ({ id: f.props.id, line: f.line })) : feeders.map((f) => ({ id: f.props.id, line: f.line })), s.at).id;
    }
    siteProps.set(s.id, { id: s.id, ...(p.nameZh ? { nameZh: p.nameZh } : {}), operators, tech, siteClass, feeder, batteryKwh, loadKw, generatorFuelHours, backhaul, environment: env, township: s.townshipId!, ...(p.aggregation ? { aggregation: p.aggregation } : {}), ...(p.ringAggregation ? { ringAggregation: p.ringAggregation } : {}) });
  }
  if (problems.length) return { problems, warnings, texts: {}, summary };

  // Backhaul tree: given aggregation kept; otherwise the fibre site nearest the county seat is the core-facing one, the fibre site nearest each township seat that township's aggregation, and the rest hang off it.
  const givenAgg = sites.some((s) => s.props.aggregation !== undefined);
  const fibre = sites.filter((s) => siteProps.get(s.id)!.backhaul === 'fibre').map((s) => ({ id: s.id, at: s.at }));
  let aggSynth = 0;
  if (fibre.length) {
    const core = closestSite(plane, fibre, countySeat);
    const townshipAgg = new Map<string, string>();
    for (const t of townships) {
      const own = fibre.filter((f) => siteProps.get(f.id)!.township === t.id);
      if (own.length) townshipAgg.set(t.id, closestSite(plane, own, t.seat).id);
    }
    for (const s of sites) {
      const p = siteProps.get(s.id)!;
      if (s.props.aggregation !== undefined || p.backhaul === 'satellite' || s.id === core.id) continue;
      const tAgg = townshipAgg.get(p.township);
      const up = tAgg === undefined || tAgg === s.id ? core.id : tAgg;
      if (up !== s.id) {
        p.aggregation = up;
        aggSynth++;
      }
    }
  }
  // A second path must not lead back through the site itself (its second home hangs, by its first path, off it).
  const parentOf = (id: string) => siteProps.get(id)?.aggregation;
  for (const s of sites) {
    const ring = siteProps.get(s.id)!.ringAggregation;
    if (ring === undefined) continue;
    const seen = new Set<string>();
    for (let up: string | undefined = ring; up !== undefined && !seen.has(up); up = parentOf(up)) {
      seen.add(up);
      if (up === s.id) {
        reader.fail(s.record, 'ringAggregation', `${JSON.stringify(ring)} reaches the core through this site, expected a second path that does not depend on it`);
        break;
      }
      if (up === siteProps.get(s.id)!.aggregation) {
        warnings.push(`site ${s.id}: its second path through ${JSON.stringify(ring)} reaches the core through ${JSON.stringify(up)}, its aggregation site, so it does not keep the site on air when that one fails.`);
        break;
      }
    }
  }
  if (problems.length) return { problems, warnings, texts: {}, summary };
  // Fibre routes along the roads, from each aggregation (the graph caches shortest paths per source) to the site.
  const graph = roads.length ? roadGraph(roads, plane, (q: LL) => `${q[0]},${q[1]}`) : null;
  const at = new Map(sites.map((s) => [s.id, s.at]));
  let routed = 0;
  let unrouted = 0;
  let fibreKm = 0;
  let secondPaths = 0;
  for (const s of [...sites].sort((a, b) => (siteProps.get(a.id)!.aggregation ?? '').localeCompare(siteProps.get(b.id)!.aggregation ?? '') || (a.id < b.id ? -1 : 1))) {
    const p = siteProps.get(s.id)!;
    if (p.backhaul !== 'fibre' || !p.aggregation || !graph) continue;
    try {
      const route = graph.fibreRoute(at.get(p.aggregation)!, s.at);
      p.fibreRoads = route.roads.slice().reverse();
      fibreKm += route.km;
      routed++;
    } catch {
      unrouted++;
    }
    if (!p.ringAggregation) continue;
    try {
      const route = graph.fibreRoute(at.get(p.ringAggregation)!, s.at);
      p.ringFibreRoads = route.roads.slice().reverse();
      fibreKm += route.km;
      secondPaths++;
    } catch {
      unrouted++;
    }
  }
  if (unrouted) warnings.push(`${unrouted} fibre sites have no road path to their aggregation site (the road network is split); they keep their backhaul without fibre routes, so no road cut can cut them.`);
  const estimatedFields = Object.entries(estimatedCount).map(([f, n]) => `${f} for ${n}`).join(', ');
  sources.push({
    layer: 'sites',
    source: `${sIn.file} (${sites.length} sites; ${sCs!.name} → WGS-84)`,
    estimated: estimatedFields !== '' || !givenAgg,
    note:
      `${estimatedFields ? `Estimated with the scenario kit's site-sizing model where the inventory is silent: ${estimatedFields} of ${sites.length} sites. ` : ''}` +
      `${batteryAh ? 'Battery capacities converted from Ah at 48 V with 80 % usable. ' : ''}` +
      `${givenAgg ? 'Aggregation as given. ' : `Backhaul tree synthesised: ${aggSynth} sites hang off the fibre site nearest their township seat, which hangs off the fibre site nearest the county seat (straight to the core). `}` +
      `Fibre routes: ${routed} along the shortest road path to the aggregation site${secondPaths ? ` and ${secondPaths} second paths (rings or dual homing) to theirs` : ''} (${round1(fibreKm)} km), ${unrouted} unrouted.`,
  });
  summary.push(`sites: ${sites.length} from ${sIn.file} (${sIn.table?.encoding ? `${sIn.table.encoding}, ` : ''}${sCs!.name}), ${estimatedFields ? `estimated ${estimatedFields}` : 'nothing estimated'}; ${aggSynth} aggregation links and ${routed} fibre routes synthesised`);

  // Bases, landing zones and shelters: given, else suggested on the road nearest each seat (vehicles enter and leave the network at a road vertex, at most 2 km off it).
  const OFF_ROAD_KM = 2;
  const mainPart = vertexIndex(plane, (parts[0] ?? []).map((i) => roads[i]));
  const onRoad = (p: LL): LL => mainPart.nearest(p, 5)?.at ?? p;
  const countySeatOnRoad = onRoad(countySeat);
  const suggested = (kind: string, nameOf: (t: Township) => string, idOf: (t: Township) => string, poiKind: string): Feature<PointOfInterestProps>[] => townships.map((t) => pointFeature(onRoad(t.seat), { id: idOf(t), nameZh: nameOf(t), kind: poiKind }));
  const fromGiven = (g: NonNullable<ReturnType<typeof givenPoints>>, kind: string) => g.filter((x) => x.at).map((x) => pointFeature(x.at as LL, { id: x.id, ...(x.name ? { nameZh: x.name } : {}), kind }));
  const COUNTY_BASE = 'base-county';
  const bases = givenBases ? fromGiven(givenBases, 'base') : [pointFeature(countySeatOnRoad, { id: COUNTY_BASE, nameZh: `${mapping.name.zh}应急指挥部（县城）`, kind: 'county' }), ...suggested('bases', (t) => `${t.nameZh}应急站`, (t) => `base-${t.id}`, 'township')];
  const lzs = givenLzs ? fromGiven(givenLzs, 'landingZone') : suggested('landingZones', (t) => `${t.nameZh}临时起降点`, (t) => `lz-${t.id}`, 'suggested');
  const shelters = givenShelters ? fromGiven(givenShelters, 'shelter') : suggested('shelters', (t) => `${t.nameZh}集中安置点`, (t) => `sh-${t.id}`, 'suggested');
  for (const [layer, given] of [['bases', givenBases], ['landingZones', givenLzs], ['shelters', givenShelters]] as const) {
    sources.push(given ? { layer, source: `${input.inputs[layer]!.file}`, estimated: false } : { layer, source: `Suggested by the importer at the road vertex nearest each township seat${layer === 'bases' ? ' and the county seat' : ''} (the seat itself when no road is within 5 km): edit layers/${layer}.geojson to the real places.`, estimated: true });
  }
  const baseId = givenBases ? String(bases[0].properties.id) : COUNTY_BASE;
  // What vehicles cannot reach: sites and given places more than 2 km from the main road network.
  const allRoads = vertexIndex(plane, roads);
  const farSites = sites.filter((s) => !allRoads.nearest(s.at, OFF_ROAD_KM));
  if (farSites.length) warnings.push(`${sIn.file}: ${farSites.length} sites are more than ${OFF_ROAD_KM} km from a road vertex (e.g. ${farSites.slice(0, 3).map((s) => s.id).join(', ')}): vehicle teams cannot reach them, only teams on foot; add the access roads to ${rIn.file} if they exist.`);
  for (const [layer, feats, given] of [['bases', bases, givenBases], ['landingZones', lzs, givenLzs], ['shelters', shelters, givenShelters]] as const) {
    if (!given) continue;
    const far = feats.filter((f) => !mainPart.nearest(f.geometry.coordinates as LL, OFF_ROAD_KM));
    if (far.length) warnings.push(`${input.inputs[layer]!.file}: ${far.map((f) => f.properties.id).join(', ')} ${far.length === 1 ? 'is' : 'are'} more than ${OFF_ROAD_KM} km from the main road network: teams based there cannot drive out.`);
  }

  // Forces from the county template.
  const cityOrigin = mapping.forces?.cityOrigin ?? plane.fromKm([60, 60]);
  const provinceOrigin = mapping.forces?.provinceOrigin ?? plane.fromKm([200, 150]);
  const resources = countyForces(mapping.name.zh, baseId, rll(cityOrigin), rll(provinceOrigin));

  const texts: ScenarioTexts = {};
  let villageElevationOf: (id: string) => number | undefined = () => undefined;
  // Ground elevations from the DEM: sites, villages and substations where they stand, a road at its lowest vertex (what a flood reaches first).
  let reliefPath: string | undefined;
  if (dem) {
    let outside = 0;
    const elev = (p: LL): number | undefined => {
      const v = elevationAt(dem!, p);
      if (v === undefined) outside++;
      return v === undefined ? undefined : Math.round(Math.max(-500, Math.min(9000, v)));
    };
    for (const s of sites) {
      const v = elev(s.at);
      if (v !== undefined) siteProps.get(s.id)!.elevationM = v;
    }
    for (const p of subProps) {
      const v = elev(subAt.get(p.id)!);
      if (v !== undefined) p.elevationM = v;
    }
    for (const r of roads) {
      const vs = r.line.map((q) => elevationAt(dem!, q)).filter((v): v is number => v !== undefined);
      if (vs.length === r.line.length) r.props.elevationM = Math.round(Math.max(-500, Math.min(9000, Math.min(...vs))));
      else outside++;
    }
    const villageElevation = new Map(villages.map((v) => [v.id, elev(v.at)]));
    villageElevationOf = (id) => villageElevation.get(id);
    if (outside) warnings.push(`${demIn!.file}: ${outside} sites, substations, villages or roads lie outside the grid or next to cells without data, and have no elevation.`);
    reliefPath = 'layers/elevation.json';
    // One line: a grid of 160,000 heights is no file to read line by line.
    texts[reliefPath] = `${JSON.stringify(reliefGrid(dem, `${demIn!.file} (thinned to at most 400 cells a side)`))}\n`;
    sources.push({ layer: 'elevation', source: `${demIn!.file}: ground elevations of the assets (bilinear between cell centres; roads at their lowest vertex) and the map's relief`, estimated: false });
  } else if (hz.type === 'earthquake') {
    // Without heights the engine slows no work for altitude, which on a plateau county matters (WORK_AT_ALTITUDE).
    warnings.push('no elevation model (inputs.elevation): the assets have no ground elevation, so repairs and clearing run at their set times whatever the altitude; for a county above about 3,000 m give a DEM (an ESRI ASCII grid).');
  }

  // Layers and the scenario document.
  const tFeatures = townships.map((t) => {
    const props: TownshipProps = { id: t.id, nameZh: t.nameZh, ...(t.nameEn ? { nameEn: t.nameEn } : {}), population: t.population!, ...(t.code ? { code: t.code } : {}) };
    return t.polys.length === 1 ? polygonFeature(t.polys[0][0], props) : { type: 'Feature' as const, properties: props, geometry: { type: 'MultiPolygon', coordinates: t.polys.map((p) => [p[0]]) } };
  });
  // Layer by layer (addLayer), so a layer the scenario format gains later is simply not written by the importer.
  const layers: ScenarioDocV1['layers'] = {
    townships: addLayer(texts, 'townships', tFeatures as Feature<unknown>[]),
    ...(villages.length ? { population: addLayer(texts, 'population', villages.map((v) => { const e = villageElevationOf(v.id); return pointFeature<PopulationPointProps>(v.at, { id: v.id, township: v.township, population: v.population, ...(e !== undefined ? { elevationM: e } : {}) }); })) } : {}),
    sites: addLayer(texts, 'sites', sites.map((s) => pointFeature(s.at, siteProps.get(s.id)!))),
    substations: addLayer(texts, 'substations', subProps.map((p) => pointFeature(subAt.get(p.id)!, p))),
    feeders: addLayer(texts, 'feeders', feeders.map((f) => lineFeature(f.line, f.props))),
    roads: addLayer(texts, 'roads', roads.map((r) => lineFeature(r.line, r.props))),
    bases: addLayer(texts, 'bases', bases),
    landingZones: addLayer(texts, 'landingZones', lzs),
    shelters: addLayer(texts, 'shelters', shelters),
    ...(reliefPath ? { elevation: reliefPath } : {}),
  };
  sources.unshift(
    { layer: 'townships', source: `${tIn.file} (${townships.length} townships; ${tCs!.name} → WGS-84)`, estimated: false, note: `Seats at the polygons' centroids (or inside them). Population ${popIn ? `from ${popIn.file}` : `from ${tIn.file}`}.` },
    ...(villages.length ? [{ layer: 'population', source: `${popIn!.file} (${villages.length} villages with coordinates)`, estimated: false }] : []),
    { layer: 'roads', source: `${rIn.file} (${rCs!.name} → WGS-84)`, estimated: false, note: 'Ends within 10 m snapped together, split at junctions and into pieces of at most 3 km (the engine blocks a segment with one draw, calibrated on 1–4 km segments); OSM highway classes mapped: motorway → expressway, trunk → national, primary → provincial, secondary → county, the rest rural; bridge=yes kept (conventional, an assumption).' },
    { layer: 'resources', source: 'The importer\'s county forces template (authoring/import/forces.ts), one per department.', estimated: true, note: 'Team numbers and loadouts are an assumption modelled on a county of about 240,000 people; edit scenario.json.' },
  );
  const hazard: HazardDoc =
    hz.type === 'earthquake'
      ? {
          id: 'mainshock',
          type: 'earthquake',
          tSec: hz.tSec ?? 0,
          epicenter: epicenter!,
          magnitude: hz.magnitude,
          ...(hz.magnitudeType ? { magnitudeType: hz.magnitudeType } : {}),
          depthKm: hz.depthKm ?? 10,
          strikeDeg: hz.strikeDeg,
          zone: hz.zone ?? 'auto',
        }
      : {
          id: 'flood',
          type: 'flood',
          tSec: hz.tSec ?? 0,
          zones: addLayer(texts, 'flood-zones', floodZones),
          hydrographs: hz.hydrographs,
          ...(reliefPath ? { elevation: reliefPath } : {}),
          ...(hz.stepSec ? { stepSec: hz.stepSec } : {}),
        };
  for (const p of weatherProblems(mapping.weather ?? [], input.mappingFile, '/weather')) problems.push({ file: p.file, at: `#${p.pointer}`, message: p.message });
  if (mapping.weather?.length) sources.push({ layer: 'weather', source: `${input.mappingFile}: ${mapping.weather.length} weather window${mapping.weather.length === 1 ? '' : 's'} as given`, estimated: false });
  if (hz.type === 'flood') sources.push({ layer: 'flood-zones', source: `${input.inputs.floodZones!.file} (${floodZones.length} zones) and the mapping's hydrographs`, estimated: false });
  const doc: ScenarioDocV1 = {
    format: SCENARIO_FORMAT_V1,
    name: mapping.name,
    description: { zh: `由 drilltwin import 从 ${[tIn, sIn, rIn, popIn].filter(Boolean).map((x) => x!.file).join('、')} 生成。`, en: `Imported by drilltwin import from ${[tIn, sIn, rIn, popIn].filter(Boolean).map((x) => x!.file).join(', ')}.` },
    seed,
    start: mapping.start ?? '2025-01-01T02:00:00+08:00',
    durationHours: mapping.durationHours ?? 72,
    layers,
    hazards: [hazard],
    resources,
    settings: { doctrineSeats: 'all', ...(mapping.settings as ScenarioDocV1['settings']) },
    ...(mapping.weather ? { weather: mapping.weather } : {}),
    metadata: { region: mapping.region, synthetic: false, generatedBy: IMPORTER, coordinates: 'WGS84 [lon, lat], 5 decimals', sources },
  };
  texts['scenario.json'] = jsonText(doc);
  summary.unshift(`townships: ${townships.length} from ${tIn.file} (${tCs!.name}), population ${townships.reduce((n, t) => n + (t.population ?? 0), 0)}${villages.length ? `, ${villages.length} villages` : ''}`);
  summary.push(`power: ${subProps.length} substations and ${feeders.length} feeders (${givenSubstations ? 'given' : 'synthesised'}); bases ${bases.length} (${givenBases ? 'given' : 'suggested'}), landing zones ${lzs.length} (${givenLzs ? 'given' : 'suggested'}), shelters ${shelters.length} (${givenShelters ? 'given' : 'suggested'}); ${resources.teams!.length} teams from the county template`);
  return { problems, warnings, texts, summary };
}

function hazusClassOf(kv: number): SubstationClass {
  return kv >= 350 ? 'high-unanchored' : kv >= 150 ? 'medium-unanchored' : 'low-unanchored';
}
