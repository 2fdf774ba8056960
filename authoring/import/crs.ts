// Coordinate systems an import declares, and their conversion to WGS-84
// [lon, lat]. Only systems with a published, exact definition are accepted:
// WGS-84, CGCS2000 (geographic, or Gauss-Krüger 3° / 6° zones), and the two
// obfuscated web-map systems GCJ-02 and BD-09 (whose inverses gcoord
// computes by iteration). Beijing 1954 and Xi'an 1980 are refused: they need
// seven local transformation parameters that no file carries.
//
// Why these libraries: proj4 is the JavaScript port of PROJ maintained by the
// proj4js organisation (the reference implementation of transverse Mercator);
// gcoord is the most used, tested implementation of the GCJ-02/BD-09
// algorithms. Both run outside the engine: an import's output is rounded to
// 5 decimals (about 1 m) and written to files, which the engine then reads.
import gcoord from 'gcoord';
import proj4 from 'proj4';

export type LonLat = [number, number];

export interface CoordinateSystem {
  /** The name as written in the mapping file, normalised. */
  readonly name: string;
  /** Projected (metres: x east, y north) rather than degrees. */
  readonly projected: boolean;
  toWgs84(x: number, y: number): LonLat;
  /** A sanity range for the raw values, to name the column when someone swaps x and y or declares the wrong system. */
  readonly plausible: (x: number, y: number) => boolean;
}

/** What a mapping file may write, for messages. */
export const CRS_HELP =
  'WGS84, CGCS2000, GCJ02, BD09, or a CGCS2000 Gauss-Krüger zone: GK3:<zone 25–45> (easting with the zone prefix, as EPSG:4513–4533), GK3CM:<central meridian 75–135> (no prefix, as EPSG:4534–4554), GK6:<zone 13–23>, GK6CM:<central meridian 75–135>; EPSG:4326, EPSG:4490 and EPSG:4513–4554 are accepted too';

const inChina = (lon: number, lat: number): boolean => lon >= 73 && lon <= 136 && lat >= 3 && lat <= 54;

function geographic(name: string, convert: (lon: number, lat: number) => LonLat): CoordinateSystem {
  return { name, projected: false, toWgs84: convert, plausible: (x, y) => x >= -180 && x <= 180 && y >= -90 && y <= 90 };
}

// CGCS2000 uses the GRS 80 ellipsoid, WGS-84 its own; the two realisations
// agree to a few centimetres, far below the 1 m the output keeps, so a
// CGCS2000 longitude and latitude are written unchanged (a simplification).
const CGCS2000_GEO = '+proj=longlat +ellps=GRS80 +no_defs';

function gaussKruger(name: string, centralMeridian: number, falseEastingM: number): CoordinateSystem {
  const def = `+proj=tmerc +lat_0=0 +lon_0=${centralMeridian} +k=1 +x_0=${falseEastingM} +y_0=0 +ellps=GRS80 +units=m +no_defs`;
  const conv = proj4(def, CGCS2000_GEO);
  return {
    name,
    projected: true,
    toWgs84: (x, y) => conv.forward([x, y]) as LonLat,
    // Within ±4° of the central meridian at Chinese latitudes: |x − false easting| < ~450 km, 0 < y < 6,000 km.
    plausible: (x, y) => Math.abs(x - falseEastingM) < 450_000 && y > 0 && y < 6_000_000,
  };
}

/** The declared system, or a sentence saying why it is refused. */
export function coordinateSystem(declared: unknown): CoordinateSystem | { error: string } {
  if (typeof declared !== 'string' || declared.trim() === '') return { error: `no coordinate system declared, expected one of: ${CRS_HELP}` };
  const key = declared.trim().toUpperCase().replace(/[\s_-]/g, '');
  if (key === 'WGS84' || key === 'EPSG:4326') return geographic('WGS84', (lon, lat) => [lon, lat]);
  if (key === 'CGCS2000' || key === 'EPSG:4490') return geographic('CGCS2000', (lon, lat) => [lon, lat]);
  if (key === 'GCJ02') return geographic('GCJ02', (lon, lat) => (inChina(lon, lat) ? (gcoord.transform([lon, lat], gcoord.GCJ02, gcoord.WGS84) as LonLat) : [lon, lat]));
  if (key === 'BD09') return geographic('BD09', (lon, lat) => gcoord.transform([lon, lat], gcoord.BD09, gcoord.WGS84) as LonLat);
  let m = /^GK3:(\d+)$/.exec(key);
  if (m) {
    const zone = Number(m[1]);
    if (zone >= 25 && zone <= 45) return gaussKruger(`GK3:${zone}`, 3 * zone, zone * 1_000_000 + 500_000);
    return { error: `${JSON.stringify(declared)}: 3° zone ${zone} does not cover China, expected a zone from 25 to 45` };
  }
  m = /^GK6:(\d+)$/.exec(key);
  if (m) {
    const zone = Number(m[1]);
    if (zone >= 13 && zone <= 23) return gaussKruger(`GK6:${zone}`, 6 * zone - 3, zone * 1_000_000 + 500_000);
    return { error: `${JSON.stringify(declared)}: 6° zone ${zone} does not cover China, expected a zone from 13 to 23` };
  }
  m = /^GK(3|6)CM:(\d+)$/.exec(key);
  if (m) {
    const width = Number(m[1]);
    const cm = Number(m[2]);
    const valid = width === 3 ? cm % 3 === 0 : (cm + 3) % 6 === 0;
    if (cm >= 75 && cm <= 135 && valid) return gaussKruger(`GK${width}CM:${cm}`, cm, 500_000);
    return { error: `${JSON.stringify(declared)}: ${cm}°E is not the central meridian of a ${width}° zone over China, expected ${width === 3 ? 'a multiple of 3' : '75, 81, … 135'}` };
  }
  m = /^EPSG:(\d+)$/.exec(key);
  if (m) {
    const code = Number(m[1]);
    // EPSG 4513–4533: CGCS2000 3-degree GK zones 25–45 with the zone prefix; 4534–4554: central meridians 75–135 without.
    if (code >= 4513 && code <= 4533) return coordinateSystem(`GK3:${code - 4513 + 25}`);
    if (code >= 4534 && code <= 4554) return coordinateSystem(`GK3CM:${75 + 3 * (code - 4534)}`);
    // EPSG 4491–4501: 6-degree zones 13–23 with prefix; 4502–4512: CM 75–135 without.
    if (code >= 4491 && code <= 4501) return coordinateSystem(`GK6:${code - 4491 + 13}`);
    if (code >= 4502 && code <= 4512) return coordinateSystem(`GK6CM:${75 + 6 * (code - 4502)}`);
  }
  if (/BEIJING|BJ54|XIAN|XIAN80|XA80|4214|4610/.test(key)) {
    return { error: `${JSON.stringify(declared)}: Beijing 1954 and Xi'an 1980 need local seven-parameter transformations that are not published; convert the file to CGCS2000 first (the surveying office that issued it has the parameters)` };
  }
  return { error: `${JSON.stringify(declared)} is not a coordinate system this importer knows, expected one of: ${CRS_HELP}` };
}
