// drilltwin import end to end: county packages built as a training base
// would hand them over (see fixtures.ts) go through the command, validate,
// and run 72 h deterministically; bad packages are refused with every
// problem at once and nothing written.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from './main.ts';
import { runScenario } from '../src/engine/run.ts';
import { loadScenario } from '../src/scenario/load.ts';
import { diskScenarioFiles } from '../workers/disk-files.ts';
import { countyPackage, exampleSites, type PackageOptions } from '../tools/import/fixtures.ts';

const root = mkdtempSync(join(tmpdir(), 'drilltwin-import-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

/** Writes a package to a fresh folder, lets `edit` spoil it, runs `drilltwin import`, and returns what it printed. */
async function importPackage(options: PackageOptions, edit?: (dir: string, mapping: Record<string, any>) => void) {
  const dir = join(root, `pkg-${++n}`);
  mkdirSync(dir);
  const { files, mapping } = await countyPackage(options);
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  const m = structuredClone(mapping) as Record<string, any>;
  edit?.(dir, m);
  writeFileSync(join(dir, 'mapping.json'), JSON.stringify(m, null, 1));
  const out = join(dir, 'scenario');
  const log: string[] = [];
  const err: string[] = [];
  const code = await main(['import', join(dir, 'mapping.json'), '--out', out], { log: (s) => log.push(s), err: (s) => err.push(s) });
  return { code, out, log: log.join('\n'), err: err.join('\n'), dir };
}

function layer(out: string, name: string): { properties: Record<string, any>; geometry: { coordinates: any } }[] {
  return JSON.parse(readFileSync(join(out, 'layers', `${name}.geojson`), 'utf8')).features;
}

function finalHash(scenarioFile: string): string {
  const loaded = loadScenario(diskScenarioFiles(scenarioFile));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems.slice(0, 3)));
  const { report } = runScenario(loaded.world, { seed: loaded.world.defaultSeed, untilSec: 72 * 3600 });
  return report.stateHashes[report.stateHashes.length - 1].hash;
}

describe('drilltwin import of a county package', () => {
  it('imports GBK CSV sites with Chinese headers, a CGCS2000 Gauss-Krüger shapefile with a GBK .dbf, OSM XML roads and XLSX villages; the result validates and runs 72 h twice to the same hash', async () => {
    const r = await importPackage({});
    expect(r.code).toBe(0);
    expect(r.log).toContain('sites: 48 from sites.csv (gbk, WGS84)');
    const scenario = JSON.parse(readFileSync(join(r.out, 'scenario.json'), 'utf8'));
    // Names came through the GBK .dbf and the GBK CSV.
    expect(layer(r.out, 'townships').map((f) => f.properties.nameZh)).toEqual(['城关镇', '河西乡', '石峡镇', '高山乡']);
    expect(layer(r.out, 'townships').map((f) => f.properties.code)).toEqual(['620000101', '620000102', '620000103', '620000104']);
    const sites = layer(r.out, 'sites');
    expect(sites[0].properties).toMatchObject({ id: 'SL-001', nameZh: '城关镇1号站', siteClass: 'super', operators: ['cmcc', 'cucc', 'ctcc'] });
    expect(sites.find((s) => s.properties.id === 'SL-006')!.properties.backhaul).toBe('microwave');
    // The Gauss-Krüger corners come back to the degrees they were made from (to the 5 decimals kept).
    const ring = layer(r.out, 'townships')[0].geometry.coordinates[0] as number[][];
    expect(ring.some((p) => Math.abs(p[0] - 104.0) < 2e-5 && Math.abs(p[1] - 35.2) < 2e-5)).toBe(true);
    // Townships' populations are the villages' sums; the synthesised layers are marked estimated.
    expect(layer(r.out, 'townships').map((f) => f.properties.population)).toEqual([51999, 18000, 24000, 9000]);
    const est = Object.fromEntries(scenario.metadata.sources.map((s: any) => [s.layer, s.estimated]));
    expect(est).toMatchObject({ townships: false, population: false, roads: false, substations: true, feeders: true, sites: true, bases: true, landingZones: true, shelters: true });
    // Backhaul synthesised: every non-satellite site but the core hangs off another, fibre follows roads, depth at most 2.
    const byId = new Map(sites.map((s) => [s.properties.id, s.properties]));
    const withoutAgg = sites.filter((s) => !s.properties.aggregation && s.properties.backhaul !== 'satellite');
    expect(withoutAgg).toHaveLength(1);
    for (const s of sites) {
      let depth = 0;
      for (let a = s.properties.aggregation; a; a = byId.get(a)!.aggregation) depth++;
      expect(depth).toBeLessThanOrEqual(2);
      if (s.properties.backhaul === 'fibre' && s.properties.aggregation) expect(s.properties.fibreRoads.length).toBeGreaterThan(0);
    }
    // The OSM ways were split at the junctions they share (a footway is not a road), then into pieces of at most 3 km.
    expect(r.log).toContain('roads: 73 segments of at most 3 km from 29 lines of roads.osm');
    const roads = layer(r.out, 'roads');
    expect(roads).toHaveLength(73);
    const kmOf = (line: number[][]) => line.slice(1).reduce((km, p, i) => km + Math.hypot((p[0] - line[i][0]) * 111.32 * Math.cos((35.1 * Math.PI) / 180), (p[1] - line[i][1]) * 111.32), 0);
    expect(Math.max(...roads.map((f) => kmOf(f.geometry.coordinates)))).toBeLessThan(3.01);
    // Suggested places sit on the road network; sites beyond the 2 km a vehicle may leave it are named.
    expect(r.err).toMatch(/^warning: sites\.csv: \d+ sites are more than 2 km from a road vertex/);
    const vertices = new Set(roads.flatMap((f) => f.geometry.coordinates.map((p: number[]) => p.join(','))));
    for (const name of ['bases', 'landingZones', 'shelters']) for (const f of layer(r.out, name)) expect(vertices.has(f.geometry.coordinates.join(','))).toBe(true);
    expect(roads.filter((f) => f.properties.bridge)).toHaveLength(1);
    expect(new Set(roads.map((f) => f.properties.roadClass))).toEqual(new Set(['national', 'provincial', 'county', 'rural']));
    expect(scenario.resources.teams.length).toBeGreaterThan(10);
    // Validate and run through the command line too.
    const said: string[] = [];
    expect(await main(['validate', join(r.out, 'scenario.json')], { log: (s) => said.push(s), err: (s) => said.push(s) })).toBe(0);
    const a = finalHash(join(r.out, 'scenario.json'));
    expect(finalHash(join(r.out, 'scenario.json'))).toBe(a);
    // Importing the same package again gives the same files.
    const again = await importPackage({});
    for (const name of ['scenario.json', ...readdirSync(join(r.out, 'layers')).map((f) => `layers/${f}`)]) {
      const first = readFileSync(join(r.out, name), 'utf8').replaceAll(r.dir, '');
      expect(readFileSync(join(again.out, name), 'utf8').replaceAll(again.dir, ''), name).toBe(first);
    }
  });

  it('warns when sites written in GCJ-02 are declared WGS-84 (many fall outside their township) and converts them when declared GCJ-02', async () => {
    const wrong = await importPackage({ sitesWrittenIn: 'GCJ02', sitesDeclared: 'WGS84' });
    expect(wrong.code).toBe(0);
    expect(wrong.err).toMatch(/warning: sites\.csv: \d+ of 48 sites \(\d+ %\) lie outside the township they claim/);
    expect(wrong.err).toContain('most likely in GCJ-02');
    const right = await importPackage({ sitesWrittenIn: 'GCJ02', sitesDeclared: 'GCJ02' });
    expect(right.code).toBe(0);
    expect(right.err).not.toContain('outside the township');
    // Converted back to within a metre or two of where the sites are.
    const truth = exampleSites();
    layer(right.out, 'sites').forEach((f, i) => {
      expect(Math.abs(f.geometry.coordinates[0] - truth[i].at[0])).toBeLessThan(3e-5);
      expect(Math.abs(f.geometry.coordinates[1] - truth[i].at[1])).toBeLessThan(3e-5);
    });
    const bd = await importPackage({ sitesWrittenIn: 'BD09', sitesDeclared: 'BD09' });
    expect(bd.code).toBe(0);
    expect(bd.err).not.toContain('outside the township');
  });

  it('reads the other formats: XLSX sites with English headers, GeoJSON townships in WGS-84, Overpass JSON roads, UTF-8 CSV', async () => {
    const r = await importPackage({ sites: 'xlsx-en', townships: 'geojson', roads: 'overpass' });
    expect(r.err).not.toContain('outside the township');
    expect(r.code).toBe(0);
    expect(layer(r.out, 'sites')).toHaveLength(48);
    expect(layer(r.out, 'roads')).toHaveLength(73);
    const utf8 = await importPackage({ sites: 'csv-utf8' });
    expect(utf8.log).toContain('sites: 48 from sites.csv (utf-8, WGS84)');
  });

  it('takes substations, feeders and bases when given, and checks their references', async () => {
    const given = (dir: string, m: Record<string, any>, feederSub = 'sub-b') => {
      writeFileSync(join(dir, 'substations.csv'), 'id,name,voltageKv,upstream,lon,lat\r\nsub-a,城关110kV变电站,110,,104.07,35.15\r\nsub-b,河西35kV变电站,35,sub-a,104.22,35.15\r\n');
      const line = (id: string, sub: string, coords: number[][]) => ({ type: 'Feature', properties: { id, substation: sub }, geometry: { type: 'LineString', coordinates: coords } });
      writeFileSync(join(dir, 'feeders.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [line('f1', 'sub-a', [[104.07, 35.15], [104.1, 35.05]]), line('f2', feederSub, [[104.22, 35.15], [104.25, 35.05]])] }));
      writeFileSync(join(dir, 'bases.csv'), 'id,name,lon,lat\r\nb-county,县应急指挥中心,104.06,35.13\r\n');
      m.inputs.substations = { file: 'substations.csv', crs: 'WGS84' };
      m.inputs.feeders = { file: 'feeders.geojson', crs: 'WGS84' };
      m.inputs.bases = { file: 'bases.csv', crs: 'WGS84' };
    };
    const r = await importPackage({}, (dir, m) => given(dir, m));
    expect(r.code).toBe(0);
    const scenario = JSON.parse(readFileSync(join(r.out, 'scenario.json'), 'utf8'));
    const est = Object.fromEntries(scenario.metadata.sources.map((x: any) => [x.layer, x.estimated]));
    expect(est).toMatchObject({ substations: false, feeders: false, bases: false, landingZones: true });
    expect(layer(r.out, 'substations').map((f) => [f.properties.id, f.properties.hazusClass, f.properties.upstream])).toEqual([['sub-a', 'low-unanchored', undefined], ['sub-b', 'low-unanchored', 'sub-a']]);
    expect(new Set(layer(r.out, 'sites').map((f) => f.properties.feeder))).toEqual(new Set(['f1', 'f2']));
    expect(new Set(scenario.resources.teams.map((t: any) => t.base))).toEqual(new Set(['b-county']));
    const bad = await importPackage({}, (dir, m) => given(dir, m, 'sub-x'));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('feeders.geojson#/features/1/properties/substation: "sub-x" is not a substation id');
  });

  it('samples a DEM (ESRI ASCII grid) at the assets and writes it as the relief grid; refuses a projected or GeoTIFF one', async () => {
    const r = await importPackage({ dem: true });
    expect(r.code).toBe(0);
    const scenario = JSON.parse(readFileSync(join(r.out, 'scenario.json'), 'utf8'));
    expect(scenario.layers.elevation).toBe('layers/elevation.json');
    const grid = JSON.parse(readFileSync(join(r.out, 'layers', 'elevation.json'), 'utf8'));
    expect(grid).toMatchObject({ format: 'drilltwin/elevation-grid@1', rows: 44, cols: 64, cellDeg: 0.005, originLon: 103.9925, originLat: 35.2075 });
    // The fixture's ground is 1800 + 2000·(lat − 35) + 500·(lon − 104) m: bilinear sampling is exact on a plane.
    for (const f of layer(r.out, 'sites')) {
      const [lon, lat] = f.geometry.coordinates;
      expect(Math.abs(f.properties.elevationM - (1800 + 2000 * (lat - 35) + 500 * (lon - 104)))).toBeLessThanOrEqual(0.6);
    }
    expect(layer(r.out, 'roads').every((f) => typeof f.properties.elevationM === 'number')).toBe(true);
    expect(layer(r.out, 'population').every((f) => typeof f.properties.elevationM === 'number')).toBe(true);
    const projected = await importPackage({ dem: true }, (_dir, m) => (m.inputs.elevation.crs = 'GK3:35'));
    expect(projected.err).toContain('mapping.json#/inputs/elevation/crs: the elevation grid must be in degrees (WGS84 or CGCS2000), not GK3:35');
    const tif = await importPackage({ dem: true }, (dir, m) => {
      writeFileSync(join(dir, 'dem.tif'), new Uint8Array([73, 73, 42, 0]));
      m.inputs.elevation.file = 'dem.tif';
    });
    expect(tif.err).toContain('dem.tif: GeoTIFF is not read directly; convert it first: gdalwarp');
  });

  it('imports a flood: zone polygons with their ids, a hydrograph per zone, over the DEM; mismatched zones and a missing DEM are named', async () => {
    const zones = (dir: string, m: Record<string, any>, hydrographs: Record<string, number[][]>) => {
      const zone = (id: string, s: number, n: number) => ({ type: 'Feature', properties: { 分区编号: id, 名称: `${id}低地` }, geometry: { type: 'Polygon', coordinates: [[[104.0, s], [104.3, s], [104.3, n], [104.0, n], [104.0, s]]] } });
      writeFileSync(join(dir, 'zones.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [zone('z-south', 35.0, 35.04), zone('z-mid', 35.075, 35.09)] }));
      m.hazard = { type: 'flood', zones: { file: 'zones.geojson', crs: 'WGS84', columns: { zoneId: '分区编号', name: '名称' } }, hydrographs };
    };
    const r = await importPackage({ dem: true }, (dir, m) => zones(dir, m, { 'z-south': [[0, 1805], [21600, 1840], [86400, 1805]], 'z-mid': [[0, 1950], [21600, 1960], [86400, 1950]] }));
    expect(r.err).not.toContain('invalid');
    expect(r.code).toBe(0);
    expect(r.log).toMatch(/hazard flood \(flood, 2 zones\): .*z-south \(peak 1840 m\): [1-9]\d* sites/);
    const scenario = JSON.parse(readFileSync(join(r.out, 'scenario.json'), 'utf8'));
    expect(scenario.hazards[0]).toMatchObject({ id: 'flood', type: 'flood', zones: 'layers/flood-zones.geojson', elevation: 'layers/elevation.json' });
    expect(layer(r.out, 'flood-zones').map((f) => f.properties)).toEqual([{ zoneId: 'z-south', nameZh: 'z-south低地' }, { zoneId: 'z-mid', nameZh: 'z-mid低地' }]);
    const loaded = loadScenario(diskScenarioFiles(join(r.out, 'scenario.json')));
    if (!loaded.ok) throw new Error('the imported flood does not load');
    const { report } = runScenario(loaded.world, { seed: 7, untilSec: 24 * 3600 });
    expect((report.hazards[0] as any).exposed.site).toBeGreaterThan(0);
    const bad = await importPackage({}, (dir, m) => zones(dir, m, { 'z-south': [[0, 1805], [0, 1840]], 'z-north': [[0, 1], [60, 2]] }));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('mapping.json#/inputs: a flood needs the ground under the assets: give inputs.elevation');
    expect(bad.err).toContain('mapping.json#/hazard/hydrographs/z-south/1/0: 0 s is not after 0 s');
    expect(bad.err).toContain('mapping.json#/hazard/hydrographs/z-north: no zone "z-north" in zones.geojson');
    expect(bad.err).toContain('mapping.json#/hazard/hydrographs: no hydrograph for zone "z-mid" of zones.geojson');
  });

  it('takes the mapping’s own cell words and battery capacities in Ah at 48 V', async () => {
    const r = await importPackage({}, (dir, m) => {
      const text = iconv.decode(readFileSync(join(dir, 'sites.csv')), 'gbk').replace('移动/联通/电信', '三家共享');
      writeFileSync(join(dir, 'sites.csv'), iconv.encode(text, 'gbk'));
      m.values = { operators: { 三家共享: 'cmcc' } };
      m.inputs.sites.batteryUnit = 'Ah';
    });
    expect(r.code).toBe(0);
    const first = layer(r.out, 'sites')[0].properties;
    expect(first.operators).toEqual(['cmcc']);
    const written = Number(iconv.decode(readFileSync(join(r.dir, 'sites.csv')), 'gbk').split('\r\n')[1].split(',')[5]);
    expect(first.batteryKwh).toBe(Math.round((written * 48 * 0.8) / 100) / 10);
  });

  it('warns about road islands and still imports', async () => {
    const r = await importPackage({ island: true });
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/the road network has 2 separate parts; the largest has 73 segments, 1 island holds? 1 \(e\.g\. w800\)/);
  });

  it('warns that without a DEM work is not slowed for altitude, and not with one', async () => {
    const without = await importPackage({});
    expect(without.code).toBe(0);
    expect(without.err).toContain('no elevation model (inputs.elevation): the assets have no ground elevation');
    const withDem = await importPackage({ dem: true });
    expect(withDem.code).toBe(0);
    expect(withDem.err).not.toContain('no elevation model');
  });

  it('lists every problem of four files in one report, with row and column, and writes nothing', async () => {
    const r = await importPackage({}, (dir, m) => {
      // sites.csv: a longitude that is not a number (row 3), an unknown operator (row 5), a battery out of range (row 7).
      const text = iconv.decode(readFileSync(join(dir, 'sites.csv')), 'gbk').split('\r\n');
      const cells = (i: number) => text[i - 1].split(',');
      const set = (row: number, col: number, v: string) => {
        const c = cells(row);
        c[col] = v;
        text[row - 1] = c.join(',');
      };
      set(3, 2, '东经104度');
      set(5, 4, '广电');
      set(7, 5, '99999');
      writeFileSync(join(dir, 'sites.csv'), iconv.encode(text.join('\r\n'), 'gbk'));
      // population.xlsx: a township that does not exist (the mapping points at the wrong column).
      m.inputs.population.columns.township = '村';
      // roads.osm: a way whose node is missing.
      const osm = readFileSync(join(dir, 'roads.osm'), 'utf8').replace('<node id="1000" ', '<node id="999999" ');
      writeFileSync(join(dir, 'roads.osm'), osm);
      // The townships' coordinate system is declared wrongly as degrees.
      m.inputs.townships.crs = 'WGS84';
    });
    expect(r.code).toBe(2);
    expect(existsSync(r.out)).toBe(false);
    expect(readdirSync(r.dir).filter((f) => f.includes('.tmp'))).toEqual([]);
    expect(r.err).toContain('sites.csv row 3, column 经度 (C): "东经104度" is not a number');
    expect(r.err).toContain('sites.csv row 5, column 运营商 (E): "广电" is not a known operators');
    expect(r.err).toContain('sites.csv row 7, column 蓄电池容量 (F): 99999 is out of range');
    expect(r.err).toMatch(/population\.xlsx row 2, column 村 \(B\): "城关一村" is not a township of townships\.zip/);
    expect(r.err).toMatch(/roads\.osm way 50\d: 1 of its nodes are not in the file/);
    expect(r.err).toMatch(/townships\.zip record 1: \(35\d+\.?\d*, \d+\.?\d*\) is not a longitude and latitude/);
    const files = new Set(r.err.split('\n').slice(1).map((l) => l.split(/[ #:]/)[0]));
    expect(files).toEqual(new Set(['sites.csv', 'population.xlsx', 'roads.osm', 'townships.zip']));
  });

  it('refuses a site whose id is a township id, at its row (reports name each thing by its id)', async () => {
    const good = await importPackage({});
    expect(good.code).toBe(0);
    const townshipId = layer(good.out, 'townships')[1].properties.id as string;
    const r = await importPackage({}, (dir) => {
      const text = iconv.decode(readFileSync(join(dir, 'sites.csv')), 'gbk').split('\r\n');
      const c = text[2].split(',');
      c[0] = townshipId;
      text[2] = c.join(',');
      writeFileSync(join(dir, 'sites.csv'), iconv.encode(text.join('\r\n'), 'gbk'));
    });
    expect(r.code).toBe(2);
    expect(existsSync(r.out)).toBe(false);
    expect(r.err).toMatch(new RegExp(`sites\\.csv row 3, column [^:]+: site id "${townshipId}" is also a township's id \\(townships\\.zip record 2, field [^)]+\\); give sites and townships ids of their own`));
  });

  it('refuses an unknown or unpublished coordinate system, a bad mapping and a PBF, naming the place', async () => {
    const r = await importPackage({}, (_dir, m) => {
      m.inputs.sites.crs = 'Xian80';
      m.inputs.roads.crs = 'UTM50';
    });
    expect(r.code).toBe(2);
    expect(r.err).toContain("#/inputs/sites/crs: \"Xian80\": Beijing 1954 and Xi'an 1980 need local seven-parameter transformations");
    expect(r.err).toContain('#/inputs/roads/crs: "UTM50" is not a coordinate system this importer knows');
    const bad = await importPackage({}, (_dir, m) => {
      m.hazard.magnitude = 12;
      delete m.inputs.roads;
    });
    expect(bad.err).toContain('mapping.json#/hazard/magnitude: 12 is out of range');
    expect(bad.err).toContain('mapping.json#/inputs/roads: missing required field "roads"');
    const pbf = await importPackage({}, (dir, m) => {
      writeFileSync(join(dir, 'roads.pbf'), new Uint8Array([0, 1, 2]));
      m.inputs.roads.file = 'roads.pbf';
    });
    expect(pbf.err).toContain('roads.pbf: OSM PBF is not read directly; convert it first: osmium tags-filter');
  });

  it('copies the mapping\'s weather windows into the scenario, and refuses a bad window naming its field', async () => {
    const winter = [
      { fromSec: 0, toSec: 43_200, windForce: 5, airTempC: -15 },
      { fromSec: 43_200, toSec: 259_200, windForce: 3, airTempC: -5 },
    ];
    const r = await importPackage({}, (_dir, m) => (m.weather = winter));
    expect(r.code).toBe(0);
    const scenario = JSON.parse(readFileSync(join(r.out, 'scenario.json'), 'utf8'));
    expect(scenario.weather).toEqual(winter);
    expect(scenario.metadata.sources.find((s: { layer: string }) => s.layer === 'weather').source).toContain('2 weather windows as given');
    const loaded = loadScenario(diskScenarioFiles(join(r.out, 'scenario.json')));
    expect(loaded.ok && loaded.world.weather.map((w) => w.airTempC)).toEqual([-15, -5]);
    const bad = await importPackage({}, (_dir, m) => (m.weather = [{ fromSec: 3600, toSec: 3600, windForce: 3 }, { fromSec: 0, toSec: 60, windForce: 3, airTempC: -100 }]));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('mapping.json#/weather/1/airTempC: -100 is out of range');
    const order = await importPackage({}, (_dir, m) => (m.weather = [{ fromSec: 3600, toSec: 3600, windForce: 3 }]));
    expect(order.code).toBe(2);
    expect(order.err).toContain('#/weather/0/toSec: 3600 is not after fromSec 3600');
    expect(existsSync(order.out)).toBe(false);
  });
});

describe('the shipped templates and example', () => {
  const TOOLS = join(import.meta.dirname, '..', 'tools', 'import');

  it('the example package imports as it is shipped', async () => {
    const said: string[] = [];
    const code = await main(['import', join(TOOLS, 'example', 'mapping.json'), '--check'], { log: (s) => said.push(s), err: (s) => said.push(s) });
    expect(said.join('\n')).toContain('The import is valid');
    // The earthquake's preview from the engine's field: every site is counted at some degree.
    const preview = said.find((l) => l.startsWith('hazard mainshock'))!;
    expect([...preview.matchAll(/(\d+) sites/g)].reduce((n, m) => n + Number(m[1]), 0)).toBe(48);
    expect(code).toBe(0);
  });

  it.each(['zh.csv', 'zh.xlsx', 'en.csv', 'en.xlsx'])('the %s template tables import with their mapping (boundaries and roads from the example)', async (kind) => {
    const dir = join(root, `template-${kind}`);
    mkdirSync(dir);
    const [lang, ext] = kind.split('.');
    for (const f of [`sites.${lang}.${ext}`, `population.${lang}.${ext}`]) writeFileSync(join(dir, f), readFileSync(join(TOOLS, 'templates', f)));
    for (const f of ['townships.zip', 'roads.osm']) writeFileSync(join(dir, f), readFileSync(join(TOOLS, 'example', f)));
    const mapping = JSON.parse(readFileSync(join(TOOLS, 'templates', `mapping.${kind}.json`), 'utf8'));
    mapping.inputs.townships.crs = 'GK3:35'; // the example's boundaries are in a Gauss-Krüger zone
    writeFileSync(join(dir, 'mapping.json'), JSON.stringify(mapping));
    const said: string[] = [];
    const code = await main(['import', join(dir, 'mapping.json'), '--out', join(dir, 'out')], { log: (s) => said.push(s), err: (s) => said.push(s) });
    expect(said.join('\n')).toContain('sites: 2 from');
    expect(code).toBe(0);
    const sites = layer(join(dir, 'out'), 'sites');
    expect(sites.map((s) => s.properties.aggregation)).toEqual([undefined, 'XX-0001']);
    expect(sites[1].properties).toMatchObject({ operators: ['cmcc'], tech: ['4G'], backhaul: 'microwave', batteryKwh: 14.4, loadKw: 1.3, environment: 'rural' });
  });
});

describe('second paths (aggregation rings and dual homing)', () => {
  /** Adds a 第二上联站点 column to the package's UTF-8 sites CSV, with `ring` by site id. */
  const withRing = (ring: Record<string, string>) => (dir: string) => {
    const lines = readFileSync(join(dir, 'sites.csv'), 'utf8').trimEnd().split('\r\n');
    const text = lines.map((line, i) => `${line},${i === 0 ? '第二上联站点' : (ring[line.split(',')[0]] ?? '')}`).join('\r\n') + '\r\n';
    writeFileSync(join(dir, 'sites.csv'), text);
  };

  it('keeps a second path given in the sites table, with its fibre route along the roads', async () => {
    const plain = await importPackage({ sites: 'csv-utf8' });
    const before = new Map(layer(plain.out, 'sites').map((s) => [s.properties.id, s.properties]));
    // A fibre site that hangs off its township's aggregation site gets a second home on the core-facing site.
    const leaf = [...before.values()].find((p) => p.backhaul === 'fibre' && p.aggregation && before.get(p.aggregation)!.aggregation)!;
    const core = [...before.values()].find((p) => p.backhaul === 'fibre' && !p.aggregation)!;
    const r = await importPackage({ sites: 'csv-utf8' }, withRing({ [leaf.id]: core.id }));
    expect(r.code).toBe(0);
    const after = layer(r.out, 'sites').find((s) => s.properties.id === leaf.id)!.properties;
    expect(after).toMatchObject({ aggregation: leaf.aggregation, ringAggregation: core.id });
    expect(after.ringFibreRoads.length).toBeGreaterThan(0);
    expect(after.ringFibreRoads).not.toEqual(after.fibreRoads);
    const scenario = JSON.parse(readFileSync(join(r.out, 'scenario.json'), 'utf8'));
    expect(scenario.metadata.sources.find((s: { layer: string }) => s.layer === 'sites').note).toContain('and 1 second paths (rings or dual homing)');
    const loaded = loadScenario(diskScenarioFiles(join(r.out, 'scenario.json')));
    expect(loaded.ok).toBe(true);
    if (loaded.ok) expect(loaded.world.sites.hasRing[loaded.world.sites.ids.indexOf(leaf.id)]).toBe(1);
  });

  it('refuses a second path to an unknown site, to the site itself or to its own aggregation, with row and column', async () => {
    const plain = await importPackage({ sites: 'csv-utf8' });
    const sites = layer(plain.out, 'sites').map((s) => s.properties);
    const [a, b] = sites.filter((p) => p.aggregation && p.backhaul === 'fibre');
    const other = sites.find((p) => p.id !== a.id)!;
    const given: Record<string, string> = { [other.id]: 'NO-SUCH', [a.id]: a.id };
    const r = await importPackage({ sites: 'csv-utf8' }, withRing(given));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/sites\.csv row \d+, column 第二上联站点 \(J\): "NO-SUCH" is not a site id of sites\.csv, expected the id of the site this one's second path passes through/);
    expect(r.err).toMatch(/sites\.csv row \d+, column 第二上联站点 \(J\): is the site itself, expected another site/);
    expect(existsSync(r.out)).toBe(false);
    // Its own aggregation site is no second path either, when given in the table.
    const own = await importPackage({ sites: 'csv-utf8' }, (dir) => {
      const lines = readFileSync(join(dir, 'sites.csv'), 'utf8').trimEnd().split('\r\n');
      const text = lines.map((line, i) => (i === 0 ? `${line},上联站点,第二上联站点` : line.split(',')[0] === b.id ? `${line},${b.aggregation},${b.aggregation}` : `${line},,`)).join('\r\n') + '\r\n';
      writeFileSync(join(dir, 'sites.csv'), text);
    });
    expect(own.code).toBe(2);
    expect(own.err).toContain(`column 第二上联站点 (K): "${b.aggregation}" is also its aggregation site, expected a second path through another site`);
  });
});
