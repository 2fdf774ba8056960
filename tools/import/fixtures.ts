// A small fictional county package as a training base would hand it over:
// a site inventory with Chinese headers (GBK CSV, as Chinese Excel saves it,
// or XLSX with English headers), township boundaries as a zipped shapefile in
// a CGCS2000 Gauss-Krüger zone with a GBK .dbf (or GeoJSON in WGS-84), roads
// as OSM XML (or Overpass JSON), villages in an XLSX table. Written by the
// tests and by tools/import/write-examples.ts (the shipped example); the
// writers here are the test's own, so the readers are checked against
// independently produced bytes.
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import gcoord from 'gcoord';
import iconv from 'iconv-lite';
import proj4 from 'proj4';
import { rll, seededRandom, type LL } from '../kit/index.ts';
import { IMPORT_FORMAT_V1, type ImportMapping } from '../../authoring/import/mapping.ts';

/** 2 × 2 townships over 0.3° × 0.2° around 104.15E 35.1N. */
const WEST = 104.0, EAST = 104.3, SOUTH = 35.0, NORTH = 35.2, MID_LON = 104.15, MID_LAT = 35.1;
export const EXAMPLE_TOWNSHIPS = [
  { code: '620000101', name: '城关镇', box: [WEST, MID_LAT, MID_LON, NORTH], population: 52000 },
  { code: '620000102', name: '河西乡', box: [MID_LON, MID_LAT, EAST, NORTH], population: 18000 },
  { code: '620000103', name: '石峡镇', box: [WEST, SOUTH, MID_LON, MID_LAT], population: 24000 },
  { code: '620000104', name: '高山乡', box: [MID_LON, SOUTH, EAST, MID_LAT], population: 9000 },
] as const;

/** A rectangle's ring with a vertex every 0.025° (clockwise, as shapefiles draw outer rings). */
function ringOf(box: readonly number[]): LL[] {
  const [w, s, e, n] = box;
  const pts: LL[] = [];
  const step = 0.025;
  for (let y = s; y < n - 1e-9; y += step) pts.push([w, y]);
  for (let x = w; x < e - 1e-9; x += step) pts.push([x, n]);
  for (let y = n; y > s + 1e-9; y -= step) pts.push([e, y]);
  for (let x = e; x > w + 1e-9; x -= step) pts.push([x, s]);
  pts.push(pts[0]);
  return pts.map(rll);
}

export interface FixtureSite {
  id: string;
  name: string;
  at: LL;
  township: string;
  operators: string;
  batteryKwh: number | '';
  backhaul: string;
  siteClass: string;
}

/** 12 sites per township; half of them 40–180 m inside its east or south edge, where a GCJ-02 shift (about 230 m east, 100 m south here) takes them out. */
export function exampleSites(): FixtureSite[] {
  const rng = seededRandom(2027);
  const sites: FixtureSite[] = [];
  const ops = ['移动', '联通', '电信', '移动/联通/电信', '移动、电信'];
  EXAMPLE_TOWNSHIPS.forEach((t, ti) => {
    const [w, s, e, n] = t.box;
    for (let k = 0; k < 12; k++) {
      let at: LL;
      if (k % 2 === 0) {
        const inside = rng.uniform(0.0005, 0.002);
        at = k % 4 === 0 ? [e - inside, rng.uniform(s + 0.01, n - 0.01)] : [rng.uniform(w + 0.01, e - 0.01), s + inside * 0.8];
      } else at = [rng.uniform(w + 0.01, e - 0.01), rng.uniform(s + 0.01, n - 0.01)];
      const n3 = String(ti * 12 + k + 1).padStart(3, '0');
      sites.push({
        id: `SL-${n3}`,
        name: `${t.name}${k + 1}号站`,
        at: rll(at),
        township: t.name,
        operators: ti === 0 && k === 0 ? '移动/联通/电信' : ops[(ti + k) % ops.length],
        // Some inventories leave the battery blank: the importer estimates those.
        batteryKwh: k % 5 === 4 ? '' : Math.round(rng.uniform(8, 24) * 10) / 10,
        backhaul: k % 6 === 5 ? '微波' : '光纤',
        siteClass: ti === 0 && k === 0 ? '超级基站' : '宏站',
      });
    }
  });
  return sites;
}

export function exampleVillages(): { township: string; name: string; population: number; at: LL }[] {
  const rng = seededRandom(35);
  return EXAMPLE_TOWNSHIPS.flatMap((t) => {
    const [w, s, e, n] = t.box;
    return [1, 2, 3].map((k) => ({ township: t.name, name: `${t.name.slice(0, 2)}${['一', '二', '三'][k - 1]}村`, population: Math.round(t.population / 3), at: rll([rng.uniform(w + 0.02, e - 0.02), rng.uniform(s + 0.02, n - 0.02)]) }));
  });
}

// ---- Writers ----

const SITE_HEADERS_ZH = ['站点编码', '站点名称', '经度', '纬度', '运营商', '蓄电池容量', '传输方式', '所属乡镇', '站点类型'];
const SITE_HEADERS_EN = ['id', 'name', 'lon', 'lat', 'operators', 'batteryKwh', 'backhaul', 'township', 'siteClass'];

function siteRow(s: FixtureSite, crs: 'WGS84' | 'GCJ02' | 'BD09'): (string | number)[] {
  const at = crs === 'WGS84' ? s.at : (gcoord.transform(s.at, gcoord.WGS84, crs === 'GCJ02' ? gcoord.GCJ02 : gcoord.BD09) as LL);
  return [s.id, s.name, Number(at[0].toFixed(6)), Number(at[1].toFixed(6)), s.operators, s.batteryKwh, s.backhaul, s.township, s.siteClass];
}

const csvCell = (v: string | number) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
export function csvText(headers: string[], rows: (string | number)[][]): string {
  return [headers, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export async function xlsxBytes(sheet: string, headers: string[], rows: (string | number)[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  // Fixed dates, so the same table gives the same bytes.
  wb.created = wb.modified = new Date(Date.UTC(2025, 0, 1));
  const ws = wb.addWorksheet(sheet);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((c) => (c.width = 14));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A polygon shapefile (.shp, .shx) and its .dbf with character fields in GBK, by hand (ESRI Shapefile Technical Description, July 1998). */
export function shapefileBytes(polygons: LL[][], fields: string[], records: string[][], encoding: 'gbk' | 'utf-8'): { shp: Uint8Array; shx: Uint8Array; dbf: Uint8Array } {
  const contents = polygons.map((ring) => {
    const b = new DataView(new ArrayBuffer(44 + 4 + ring.length * 16));
    const xs = ring.map((p) => p[0]), ys = ring.map((p) => p[1]);
    b.setInt32(0, 5, true);
    [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].forEach((v, i) => b.setFloat64(4 + 8 * i, v, true));
    b.setInt32(36, 1, true);
    b.setInt32(40, ring.length, true);
    b.setInt32(44, 0, true);
    ring.forEach((p, i) => {
      b.setFloat64(48 + 16 * i, p[0], true);
      b.setFloat64(56 + 16 * i, p[1], true);
    });
    return new Uint8Array(b.buffer);
  });
  const all = polygons.flat();
  const box = [Math.min(...all.map((p) => p[0])), Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[0])), Math.max(...all.map((p) => p[1]))];
  const header = (lengthBytes: number) => {
    const h = new DataView(new ArrayBuffer(100));
    h.setInt32(0, 9994, false);
    h.setInt32(24, lengthBytes / 2, false);
    h.setInt32(28, 1000, true);
    h.setInt32(32, 5, true);
    box.forEach((v, i) => h.setFloat64(36 + 8 * i, v, true));
    return new Uint8Array(h.buffer);
  };
  const shpLen = 100 + contents.reduce((n, c) => n + 8 + c.length, 0);
  const shp = new Uint8Array(shpLen);
  const shx = new Uint8Array(100 + 8 * contents.length);
  shp.set(header(shpLen), 0);
  shx.set(header(shx.length), 0);
  let off = 100;
  contents.forEach((c, i) => {
    const rh = new DataView(shp.buffer, off, 8);
    rh.setInt32(0, i + 1, false);
    rh.setInt32(4, c.length / 2, false);
    const xh = new DataView(shx.buffer, 100 + 8 * i, 8);
    xh.setInt32(0, off / 2, false);
    xh.setInt32(4, c.length / 2, false);
    shp.set(c, off + 8);
    off += 8 + c.length;
  });
  // dBASE III: character fields of 40 bytes.
  const enc = (s: string) => (encoding === 'gbk' ? new Uint8Array(iconv.encode(s, 'gbk')) : new TextEncoder().encode(s));
  const width = 40;
  const headerLen = 32 + 32 * fields.length + 1;
  const recLen = 1 + width * fields.length;
  const dbf = new Uint8Array(headerLen + recLen * records.length + 1);
  const dv = new DataView(dbf.buffer);
  dbf[0] = 0x03;
  dbf[1] = 125;
  dbf[2] = 1;
  dbf[3] = 1;
  dv.setUint32(4, records.length, true);
  dv.setUint16(8, headerLen, true);
  dv.setUint16(10, recLen, true);
  fields.forEach((f, i) => {
    dbf.set(new TextEncoder().encode(f.slice(0, 10)), 32 + 32 * i);
    dbf[32 + 32 * i + 11] = 'C'.charCodeAt(0);
    dbf[32 + 32 * i + 16] = width;
  });
  dbf[headerLen - 1] = 0x0d;
  records.forEach((r, ri) => {
    const base = headerLen + ri * recLen;
    dbf.fill(0x20, base, base + recLen);
    r.forEach((v, fi) => dbf.set(enc(v).slice(0, width), base + 1 + width * fi));
  });
  dbf[dbf.length - 1] = 0x1a;
  return { shp, shx, dbf };
}

/** OSM: a 4 × 4 grid of roads sharing their crossing nodes, one segment tagged as a bridge; optionally an island road far away. */
export function exampleOsm(island = false): { nodes: { id: number; at: LL }[]; ways: { id: number; nodes: number[]; tags: Record<string, string> }[] } {
  const nodes: { id: number; at: LL }[] = [];
  const nodeAt = new Map<string, number>();
  const node = (at: LL) => {
    const k = `${at[0]},${at[1]}`;
    let id = nodeAt.get(k);
    if (id === undefined) {
      id = 1000 + nodes.length;
      nodes.push({ id, at: rll(at) });
      nodeAt.set(k, id);
    }
    return id;
  };
  const xs = [104.02, 104.1, 104.2, 104.28], ys = [35.02, 35.08, 35.13, 35.18];
  const ways: { id: number; nodes: number[]; tags: Record<string, string> }[] = [];
  const classes = ['trunk', 'secondary', 'tertiary', 'unclassified'];
  // Nodes about every 0.01° between the crossings, as OSM draws a road's bends.
  const along = (a: LL, b: LL): number[] => {
    const steps = Math.max(1, Math.round(Math.max(Math.abs(b[0] - a[0]), Math.abs(b[1] - a[1])) / 0.01));
    return Array.from({ length: steps }, (_, k) => node([a[0] + ((b[0] - a[0]) * k) / steps, a[1] + ((b[1] - a[1]) * k) / steps]));
  };
  const polyline = (pts: LL[]): number[] => [...pts.slice(1).flatMap((p, k) => along(pts[k], p)), node(pts[pts.length - 1])];
  ys.forEach((y, i) => ways.push({ id: 500 + i, nodes: polyline(xs.map((x) => [x, y] as LL)), tags: { highway: classes[i], name: `东西${i + 1}路` } }));
  xs.forEach((x, i) => ways.push({ id: 600 + i, nodes: polyline(ys.map((y) => [x, y] as LL)), tags: { highway: i === 1 ? 'primary' : 'track', name: `南北${i + 1}路` } }));
  // A side road north from the 35.08 road, starting over a bridge of its own way (550 m).
  const a = node([104.14, 35.085]);
  ways.push({ id: 700, nodes: [node([104.14, 35.08]), a], tags: { highway: 'tertiary', bridge: 'yes', name: '河西大桥' } });
  ways.push({ id: 701, nodes: [a, ...along([104.14, 35.085], [104.14, 35.13]).slice(1), node([104.14, 35.13])], tags: { highway: 'tertiary' } });
  ways.push({ id: 702, nodes: [node([104.14, 35.13]), node([104.1, 35.13])], tags: { highway: 'tertiary' } });
  ways.push({ id: 703, nodes: [node([104.14, 35.0]), node([104.14, 35.02])], tags: { highway: 'footway' } });
  if (island) ways.push({ id: 800, nodes: [node([104.25, 35.005]), node([104.26, 35.006])], tags: { highway: 'track' } });
  return { nodes, ways };
}

export function osmXml(osm: ReturnType<typeof exampleOsm>): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<osm version="0.6" generator="drilltwin fixtures">',
    ...osm.nodes.map((n) => `  <node id="${n.id}" lat="${n.at[1]}" lon="${n.at[0]}"/>`),
    ...osm.ways.map((w) => [`  <way id="${w.id}">`, ...w.nodes.map((r) => `    <nd ref="${r}"/>`), ...Object.entries(w.tags).map(([k, v]) => `    <tag k="${esc(k)}" v="${esc(v)}"/>`), '  </way>'].join('\n')),
    '</osm>',
    '',
  ].join('\n');
}

export function overpassJson(osm: ReturnType<typeof exampleOsm>): string {
  return JSON.stringify({ version: 0.6, elements: [...osm.ways.map((w) => ({ type: 'way', id: w.id, nodes: w.nodes, tags: w.tags })), ...osm.nodes.map((n) => ({ type: 'node', id: n.id, lat: n.at[1], lon: n.at[0] }))] });
}

/** A DEM of the county as an ESRI ASCII grid: 0.005° cells, ground rising to the north-east from about 1,800 m, a few cells without data in the south-west corner. */
export function exampleDemAsc(): string {
  const cell = 0.005, xll = 103.99, yll = 34.99, cols = 64, rows = 44;
  const lines = [`ncols ${cols}`, `nrows ${rows}`, `xllcorner ${xll}`, `yllcorner ${yll}`, `cellsize ${cell}`, 'NODATA_value -9999'];
  for (let r = 0; r < rows; r++) {
    const lat = yll + (rows - 0.5 - r) * cell;
    const row: string[] = [];
    for (let c = 0; c < cols; c++) {
      const lon = xll + (c + 0.5) * cell;
      row.push(r >= rows - 2 && c < 2 ? '-9999' : (1800 + 2000 * (lat - 35) + 500 * (lon - 104)).toFixed(1));
    }
    lines.push(row.join(' '));
  }
  return lines.join('\n') + '\n';
}

export interface PackageOptions {
  /** Sites' coordinates as written in the file, and what the mapping declares. */
  sitesWrittenIn?: 'WGS84' | 'GCJ02' | 'BD09';
  sitesDeclared?: string;
  sites?: 'csv-gbk' | 'csv-utf8' | 'xlsx-en';
  townships?: 'shp-gk' | 'geojson';
  roads?: 'osm' | 'overpass';
  island?: boolean;
  /** Add a DEM (dem.asc). */
  dem?: boolean;
}

/** The files of a package and its mapping, by file name. */
export async function countyPackage(o: PackageOptions = {}): Promise<{ files: Record<string, Uint8Array>; mapping: ImportMapping }> {
  const files: Record<string, Uint8Array> = {};
  const writtenIn = o.sitesWrittenIn ?? 'WGS84';
  const siteRows = exampleSites().map((s) => siteRow(s, writtenIn));
  const sitesKind = o.sites ?? 'csv-gbk';
  let sitesSpec: ImportMapping['inputs']['sites'];
  if (sitesKind === 'xlsx-en') {
    files['sites.xlsx'] = await xlsxBytes('sites', SITE_HEADERS_EN, siteRows);
    sitesSpec = { file: 'sites.xlsx', crs: o.sitesDeclared ?? writtenIn };
  } else {
    const text = csvText(SITE_HEADERS_ZH, siteRows);
    files['sites.csv'] = sitesKind === 'csv-gbk' ? new Uint8Array(iconv.encode(text, 'gbk')) : new TextEncoder().encode(text);
    sitesSpec = {
      file: 'sites.csv',
      encoding: 'auto',
      crs: o.sitesDeclared ?? writtenIn,
      columns: { id: '站点编码', name: '站点名称', lon: '经度', lat: '纬度', operators: '运营商', batteryKwh: '蓄电池容量', backhaul: '传输方式', township: '所属乡镇', siteClass: '站点类型' },
    };
  }
  let townshipsSpec: ImportMapping['inputs']['townships'];
  if ((o.townships ?? 'shp-gk') === 'shp-gk') {
    // CGCS2000 3° Gauss-Krüger zone 35 (central meridian 105°E), eastings with the zone number (EPSG:4523).
    const gk = proj4('+proj=longlat +ellps=GRS80 +no_defs', '+proj=tmerc +lat_0=0 +lon_0=105 +k=1 +x_0=35500000 +y_0=0 +ellps=GRS80 +units=m +no_defs');
    const rings = EXAMPLE_TOWNSHIPS.map((t) => ringOf(t.box).map((p) => gk.forward(p).map((v: number) => Math.round(v * 100) / 100) as LL));
    const { shp, shx, dbf } = shapefileBytes(rings, ['XZQDM', 'XZQMC'], EXAMPLE_TOWNSHIPS.map((t) => [t.code, t.name]), 'gbk');
    const prj = 'PROJCS["CGCS2000_3_Degree_GK_Zone_35",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",35500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",105.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
    files['townships.zip'] = zipSync({ 'xiangzhen.shp': shp, 'xiangzhen.shx': shx, 'xiangzhen.dbf': dbf, 'xiangzhen.prj': new TextEncoder().encode(prj) }, { mtime: new Date(Date.UTC(2025, 0, 1)) });
    townshipsSpec = { file: 'townships.zip', crs: 'GK3:35', encoding: 'gbk', columns: { id: 'XZQDM', nameZh: 'XZQMC' } };
  } else {
    const fc = { type: 'FeatureCollection', features: EXAMPLE_TOWNSHIPS.map((t) => ({ type: 'Feature', properties: { code: t.code, name: t.name }, geometry: { type: 'Polygon', coordinates: [ringOf(t.box).reverse()] } })) };
    files['townships.geojson'] = new TextEncoder().encode(JSON.stringify(fc));
    townshipsSpec = { file: 'townships.geojson', crs: 'WGS84', columns: { id: 'code', nameZh: 'name' } };
  }
  const osm = exampleOsm(o.island);
  const roadsSpec = (o.roads ?? 'osm') === 'osm' ? { file: 'roads.osm' } : { file: 'roads.json' };
  files[roadsSpec.file] = new TextEncoder().encode(roadsSpec.file.endsWith('.osm') ? osmXml(osm) : overpassJson(osm));
  files['population.xlsx'] = await xlsxBytes('人口', ['乡镇', '村', '常住人口', '经度', '纬度'], exampleVillages().map((v) => [v.township, v.name, v.population, v.at[0], v.at[1]]));
  if (o.dem) files['dem.asc'] = new TextEncoder().encode(exampleDemAsc());
  const mapping: ImportMapping = {
    format: IMPORT_FORMAT_V1,
    name: { zh: '示例县', en: 'Example County' },
    region: '示例县（虚构的演示县，四个乡镇）',
    seed: 7,
    start: '2025-07-20T02:00:00+08:00',
    durationHours: 72,
    inputs: {
      townships: townshipsSpec,
      population: { file: 'population.xlsx', sheet: '人口', crs: 'WGS84', columns: { township: '乡镇', name: '村', population: '常住人口', lon: '经度', lat: '纬度' } },
      sites: sitesSpec,
      roads: roadsSpec,
      ...(o.dem ? { elevation: { file: 'dem.asc', crs: 'WGS84' } } : {}),
    },
    hazard: { type: 'earthquake', epicenter: [104.12, 35.09], crs: 'WGS84', magnitude: 6.2, magnitudeType: 'Ms', depthKm: 10, strikeDeg: 300, zone: 'auto' },
  };
  return { files, mapping };
}
