// Vector inputs as features with raw coordinates (in the file's declared
// system) and a place for messages: GeoJSON (a JSON pointer per feature),
// zipped shapefiles (record numbers; the .dbf in the declared encoding or the
// one its .cpg names), OSM XML and Overpass JSON (way ids), split into road
// segments at every junction.
import { XMLParser } from 'fast-xml-parser';
import { unzipSync } from 'fflate';
import { read as readShapefile } from 'shapefile';
import { describeJsonSyntax } from '../../src/core/json-syntax.ts';
import type { InputProblem } from './tables.ts';

export interface RawGeometry {
  type: string;
  coordinates: unknown;
}

export interface SourceFeature {
  /** Where it is in its file: "#/features/3" or "record 4" or "way 1234". */
  at: string;
  geometry: RawGeometry | null;
  properties: Record<string, unknown>;
}

export function parseGeoJson(file: string, text: string): { features: SourceFeature[] } | { problems: InputProblem[] } {
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return { problems: [{ file, at: '', message: describeJsonSyntax(text) }] };
  }
  const d = doc as { type?: unknown; features?: unknown };
  if (d === null || typeof d !== 'object' || d.type !== 'FeatureCollection' || !Array.isArray(d.features)) {
    return { problems: [{ file, at: '#/type', message: 'expected a GeoJSON FeatureCollection' }] };
  }
  const features: SourceFeature[] = [];
  const problems: InputProblem[] = [];
  d.features.forEach((f: unknown, i: number) => {
    const ff = f as { geometry?: unknown; properties?: unknown };
    if (ff === null || typeof ff !== 'object') {
      problems.push({ file, at: `#/features/${i}`, message: 'is not a GeoJSON Feature' });
      return;
    }
    const g = ff.geometry as RawGeometry | null;
    if (g !== null && (typeof g !== 'object' || typeof g.type !== 'string' || !Array.isArray(g.coordinates))) {
      problems.push({ file, at: `#/features/${i}/geometry`, message: 'is not a GeoJSON geometry (type and coordinates)' });
      return;
    }
    const props = ff.properties && typeof ff.properties === 'object' ? (ff.properties as Record<string, unknown>) : {};
    features.push({ at: `#/features/${i}`, geometry: g, properties: props });
  });
  return problems.length ? { problems } : { features };
}

/** Shapefile members found in a zip, by extension (the first .shp and its siblings). */
export async function parseZippedShapefile(file: string, bytes: Uint8Array, declaredEncoding?: string): Promise<{ features: SourceFeature[]; encoding: string } | { problems: InputProblem[] }> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch {
    return { problems: [{ file, at: '', message: 'is not a zip archive, expected a zipped shapefile (.shp, .shx, .dbf, .prj and .cpg in one .zip)' }] };
  }
  const names = Object.keys(entries).filter((n) => !n.startsWith('__MACOSX/'));
  const shp = names.filter((n) => /\.shp$/i.test(n)).sort();
  if (shp.length === 0) return { problems: [{ file, at: '', message: `holds no .shp file (it has: ${names.slice(0, 8).join(', ') || 'nothing'})` }] };
  const stem = shp[0].slice(0, -4);
  const sibling = (ext: string) => names.find((n) => n.toLowerCase() === `${stem}.${ext}`.toLowerCase());
  const dbfName = sibling('dbf');
  if (!dbfName) return { problems: [{ file, at: '', message: `${shp[0]} has no .dbf beside it, expected the attribute table (names, codes) in ${stem}.dbf` }] };
  const cpgName = sibling('cpg');
  const cpg = cpgName ? new TextDecoder().decode(entries[cpgName]).trim() : '';
  const encoding = normaliseDbfEncoding(declaredEncoding || cpg || 'gbk');
  if (!encoding) return { problems: [{ file, at: '', message: `the .dbf encoding ${JSON.stringify(declaredEncoding || cpg)} is not supported, expected "gbk" or "utf-8"` }] };
  try {
    const fc = await readShapefile(entries[shp[0]], entries[dbfName], { encoding });
    return { encoding, features: fc.features.map((f, i) => ({ at: `record ${i + 1}`, geometry: f.geometry, properties: f.properties })) };
  } catch (err) {
    return { problems: [{ file, at: '', message: `${shp[0]} could not be read (${String((err as Error).message).slice(0, 80)})` }] };
  }
}

/** An encoding name from a mapping or a .cpg; GBK unless said otherwise, because Chinese GIS software writes GBK .dbf files without a .cpg. */
function normaliseDbfEncoding(name: string): string | null {
  const k = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (k === 'utf8' || k === '65001') return 'utf-8';
  if (k === 'gbk' || k === 'gb2312' || k === 'gb18030' || k === 'cp936' || k === '936' || k === 'ansi') return 'gb18030';
  return null;
}

// ---- OpenStreetMap ----

export interface OsmWay {
  id: string;
  nodes: string[];
  tags: Record<string, string>;
}

export interface OsmData {
  nodes: Map<string, [number, number]>;
  ways: OsmWay[];
}

/** OSM XML (.osm, as JOSM or Overpass `out xml` write it). */
export function parseOsmXml(file: string, text: string): { osm: OsmData } | { problems: InputProblem[] } {
  let doc: Record<string, unknown>;
  try {
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'node' || name === 'way' || name === 'nd' || name === 'tag' || name === 'relation' });
    doc = parser.parse(text, true) as Record<string, unknown>;
  } catch (err) {
    return { problems: [{ file, at: '', message: `is not well-formed XML (${String((err as Error).message).split('\n')[0].slice(0, 100)})` }] };
  }
  const root = doc.osm as { node?: Record<string, unknown>[]; way?: Record<string, unknown>[] } | undefined;
  if (!root || typeof root !== 'object') return { problems: [{ file, at: '', message: 'has no <osm> root element, expected an OSM XML extract' }] };
  const nodes = new Map<string, [number, number]>();
  for (const n of root.node ?? []) nodes.set(String(n.id), [Number(n.lon), Number(n.lat)]);
  const ways: OsmWay[] = (root.way ?? []).map((w) => ({
    id: String(w.id),
    nodes: ((w.nd as { ref: unknown }[] | undefined) ?? []).map((nd) => String(nd.ref)),
    tags: Object.fromEntries(((w.tag as { k: unknown; v: unknown }[] | undefined) ?? []).map((t) => [String(t.k), String(t.v)])),
  }));
  return { osm: { nodes, ways } };
}

/** Overpass API JSON (`[out:json]`), with the ways' nodes included (`>; out skel qt;`). */
export function parseOverpassJson(file: string, text: string): { osm: OsmData } | { problems: InputProblem[] } {
  let doc: { elements?: unknown };
  try {
    doc = JSON.parse(text);
  } catch {
    return { problems: [{ file, at: '', message: describeJsonSyntax(text) }] };
  }
  if (!doc || !Array.isArray(doc.elements)) return { problems: [{ file, at: '#/elements', message: 'missing, expected Overpass JSON ([out:json]) with an elements array' }] };
  const nodes = new Map<string, [number, number]>();
  const ways: OsmWay[] = [];
  for (const e of doc.elements as Record<string, unknown>[]) {
    if (e?.type === 'node') nodes.set(String(e.id), [Number(e.lon), Number(e.lat)]);
    else if (e?.type === 'way' && Array.isArray(e.nodes)) ways.push({ id: String(e.id), nodes: e.nodes.map(String), tags: (e.tags as Record<string, string>) ?? {} });
  }
  return { osm: { nodes, ways } };
}

/** OSM highway values kept as roads, and the road class each becomes (China: trunk roads are mostly national roads G…, primary provincial S…, secondary county X…). */
export const OSM_HIGHWAY_CLASS: Record<string, 'expressway' | 'national' | 'provincial' | 'county' | 'rural'> = {
  motorway: 'expressway',
  motorway_link: 'expressway',
  trunk: 'national',
  trunk_link: 'national',
  primary: 'provincial',
  primary_link: 'provincial',
  secondary: 'county',
  secondary_link: 'county',
  tertiary: 'rural',
  tertiary_link: 'rural',
  unclassified: 'rural',
  residential: 'rural',
  track: 'rural',
};

/**
 * Road ways split into segments at every node two kept ways share (a
 * junction) and at their ends, so the road graph meets where the roads meet.
 * A way whose nodes are missing from the extract is reported, not guessed.
 */
export function osmRoadFeatures(file: string, osm: OsmData): { features: SourceFeature[]; problems: InputProblem[] } {
  const kept = osm.ways.filter((w) => OSM_HIGHWAY_CLASS[w.tags.highway] !== undefined);
  const uses = new Map<string, number>();
  for (const w of kept) for (const n of new Set(w.nodes)) uses.set(n, (uses.get(n) ?? 0) + 1);
  const features: SourceFeature[] = [];
  const problems: InputProblem[] = [];
  for (const w of kept) {
    const missing = w.nodes.filter((n) => !osm.nodes.has(n));
    if (missing.length) {
      problems.push({ file, at: `way ${w.id}`, message: `${missing.length} of its nodes are not in the file (node ${missing[0]} …), expected the extract to include the ways' nodes (Overpass: "(._;>;); out;")` });
      continue;
    }
    if (w.nodes.length < 2) continue;
    let start = 0;
    let part = 0;
    for (let k = 1; k < w.nodes.length; k++) {
      if (k === w.nodes.length - 1 || (uses.get(w.nodes[k]) ?? 0) > 1) {
        const coords = w.nodes.slice(start, k + 1).map((n) => osm.nodes.get(n)!);
        features.push({
          at: `way ${w.id}`,
          geometry: { type: 'LineString', coordinates: coords },
          properties: { id: `w${w.id}${part || k < w.nodes.length - 1 ? `-${part}` : ''}`, highway: w.tags.highway, bridge: w.tags.bridge, name: w.tags.name, ref: w.tags.ref },
        });
        part++;
        start = k;
      }
    }
  }
  return { features, problems };
}
