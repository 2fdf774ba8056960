// The whole import from bytes to a checked scenario: the mapping's text, each
// input's bytes (asked for by the file name the mapping gives), the readers
// chosen by extension, the build and the engine's own loader. No I/O: the
// command line (cli/import.ts) hands it bytes read from disk, the console's
// import page (web/import-worker.ts) bytes the user dropped, so both give the
// same problems, warnings, summary and files.
import { describeJsonSyntax } from '../../src/core/json-syntax.ts';
import { fieldIntensityAt } from '../../src/hazards/field.ts';
import type { World } from '../../src/model/world.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { memoryScenarioFiles } from '../../src/scenario/memory-files.ts';
import { formatProblem } from '../../src/scenario/problems.ts';
import { buildScenario } from './build.ts';
import { parseAsciiGrid } from './dem.ts';
import { osmRoadFeatures, parseGeoJson, parseOsmXml, parseOverpassJson, parseZippedShapefile } from './geo.ts';
import { checkMapping, type ImportMapping, type InputSpec } from './mapping.ts';
import type { LoadedInput } from './records.ts';
import { decodeText, parseCsv, parseXlsx, type InputProblem } from './tables.ts';

export function formatInputProblem(p: InputProblem): string {
  if (p.at === '') return `${p.file}: ${p.message}`;
  return p.at.startsWith('#') ? `${p.file}${p.at}: ${p.message}` : `${p.file} ${p.at}: ${p.message}`;
}

const extensionOf = (file: string): string => {
  const base = file.slice(file.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
};

/** Reads one input's bytes by its file's extension; problems name the file as the mapping does. */
export async function readInput(kind: string, spec: InputSpec, bytes: Uint8Array): Promise<{ input?: LoadedInput; problems?: InputProblem[] }> {
  const file = spec.file;
  const ext = extensionOf(file);
  const text = () => decodeText(bytes, spec.encoding);
  switch (ext) {
    case '.csv':
    case '.txt': {
      const t = text();
      if ('error' in t) return { problems: [{ file, at: '', message: t.error }] };
      const r = parseCsv(file, t.text);
      return 'problems' in r ? r : { input: { kind, spec, file, table: { ...r.table, encoding: t.encoding } } };
    }
    case '.xlsx': {
      const r = await parseXlsx(file, bytes, spec.sheet);
      return 'problems' in r ? r : { input: { kind, spec, file, table: r.table } };
    }
    case '.zip': {
      const r = await parseZippedShapefile(file, bytes, spec.encoding);
      return 'problems' in r ? r : { input: { kind, spec, file, features: r.features } };
    }
    case '.osm':
    case '.xml':
    case '.json':
    case '.geojson': {
      const t = decodeText(bytes, spec.encoding ?? 'utf-8');
      if ('error' in t) return { problems: [{ file, at: '', message: t.error }] };
      const isOsmXml = ext === '.osm' || ext === '.xml';
      const isOverpass = ext === '.json' && /^\s*\{[^]{0,400}"elements"\s*:/.test(t.text);
      if (isOsmXml || isOverpass) {
        const r = isOsmXml ? parseOsmXml(file, t.text) : parseOverpassJson(file, t.text);
        if ('problems' in r) return r;
        // Ways with missing nodes are reported; the rest are still checked, so the problems of every file come in one run.
        const roads = osmRoadFeatures(file, r.osm);
        return { input: { kind, spec, file, features: roads.features }, problems: roads.problems };
      }
      const r = parseGeoJson(file, t.text);
      return 'problems' in r ? r : { input: { kind, spec, file, features: r.features } };
    }
    case '.asc': {
      const t = decodeText(bytes, 'utf-8');
      if ('error' in t) return { problems: [{ file, at: '', message: t.error }] };
      const r = parseAsciiGrid(file, t.text);
      return 'problems' in r ? r : { input: { kind, spec, file, grid: r.grid } };
    }
    case '.tif':
    case '.tiff':
      return { problems: [{ file, at: '', message: 'GeoTIFF is not read directly; convert it first: gdalwarp -t_srs EPSG:4326 dem.tif dem4326.tif && gdal_translate -of AAIGrid dem4326.tif dem.asc (GDAL), then name dem.asc in the mapping' }] };
    case '.pbf':
      return { problems: [{ file, at: '', message: 'OSM PBF is not read directly; convert it first: osmium tags-filter IN.pbf w/highway -o roads.osm (osmium-tool), then name roads.osm in the mapping' }] };
    case '.xls':
      return { problems: [{ file, at: '', message: 'old binary Excel (.xls) is not read; save it as .xlsx or CSV' }] };
    case '.shp':
      return { problems: [{ file, at: '', message: 'a bare .shp has no attribute table with it; zip the .shp, .shx, .dbf, .prj (and .cpg) together and name the .zip' }] };
    default:
      return { problems: [{ file, at: '', message: `unknown file type "${ext}", expected .csv, .xlsx, .zip (shapefile), .geojson, .json (GeoJSON or Overpass), .osm, .asc (elevation)` }] };
  }
}

export interface ImportOutcome {
  ok: boolean;
  problems: string[];
  warnings: string[];
  summary: string[];
  texts: Record<string, string>;
}

export interface ImportRequest {
  /** The mapping file's text and its name as problems show it. */
  mappingText: string;
  mappingFile: string;
  /** The scenario's id (the folder it is written to). */
  scenarioId: string;
  /** An input's bytes by the file name the mapping gives (relative to the mapping), or why it cannot be had. */
  bytesOf(file: string, label: string): Uint8Array | { error: string } | Promise<Uint8Array | { error: string }>;
}

/** The whole import without writing anything: read, build, validate. */
export async function importFromBytes(req: ImportRequest): Promise<ImportOutcome> {
  const fail = (problems: string[]): ImportOutcome => ({ ok: false, problems, warnings: [], summary: [], texts: {} });
  let raw: unknown;
  try {
    raw = JSON.parse(req.mappingText);
  } catch {
    return fail([`${req.mappingFile}: ${describeJsonSyntax(req.mappingText)}`]);
  }
  const mappingProblems = checkMapping(req.mappingFile, raw);
  if (mappingProblems.length) return fail(mappingProblems.map(formatProblem));
  const mapping = raw as ImportMapping;
  const problems: InputProblem[] = [];
  const inputs: Partial<Record<string, LoadedInput>> = {};
  const specs: [string, InputSpec][] = Object.entries(mapping.inputs);
  if (mapping.hazard.type === 'flood') specs.push(['floodZones', mapping.hazard.zones]);
  for (const [kind, spec] of specs) {
    const bytes = await req.bytesOf(spec.file, `inputs.${kind}.file`);
    if (!(bytes instanceof Uint8Array)) {
      problems.push({ file: spec.file, at: '', message: bytes.error });
      continue;
    }
    const r = await readInput(kind, spec, bytes);
    if (r.problems) problems.push(...r.problems);
    if (r.input) inputs[kind] = r.input;
  }
  // Build with whatever was read, so the problems of the readable files are listed with those of the unreadable ones.
  const built = buildScenario({ mapping, mappingFile: req.mappingFile, inputs });
  problems.push(...built.problems);
  if (problems.length) return fail(problems.map(formatInputProblem));
  const loaded = loadScenario(memoryScenarioFiles(req.scenarioId, built.texts));
  if (!loaded.ok) return { ...fail(loaded.problems.map((p) => `(imported scenario) ${formatProblem(p)}`)), warnings: built.warnings, summary: built.summary };
  return { ok: true, problems: [], warnings: built.warnings, summary: [...built.summary, ...exposure(loaded.world)], texts: built.texts };
}
const ROMAN = ['', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

/** The hazard's preview before saving: an earthquake's sites and people (at the township seats) by intensity degree, from the engine's own field; a flood's assets under each zone's peak. */
export function exposure(world: World): string[] {
  // A flood: per zone, the assets whose ground lies below the hydrograph's peak (before the run's drawn stage uncertainty).
  const floods = world.floods.map((f) => {
    const rows = f.zones.map((z, k) => {
      const peak = Math.max(...z.levelsM);
      const under = (kind: string) => f.exposures.filter((e) => e.zone === k && e.kind === kind && e.groundM < peak).length;
      return `${z.zoneId} (peak ${peak} m): ${under('site')} sites, ${under('substation')} substations, ${under('road')} road segments, ${under('population')} population points under water`;
    });
    return `hazard ${f.id} (flood, ${f.zones.length} zones): ${rows.join('; ')}`;
  });
  return [...floods, ...world.earthquakes.map((eq) => {
    const degree = (x: number, y: number) => Math.min(12, Math.floor(fieldIntensityAt(eq, x, y) + 1e-9));
    const sites = new Map<number, number>();
    for (let i = 0; i < world.sites.ids.length; i++) {
      const d = degree(world.sites.xM[i], world.sites.yM[i]);
      sites.set(d, (sites.get(d) ?? 0) + 1);
    }
    const people = new Map<number, number>();
    for (let i = 0; i < world.townships.ids.length; i++) {
      const d = degree(world.townships.xM[i], world.townships.yM[i]);
      people.set(d, (people.get(d) ?? 0) + world.townships.population[i]);
    }
    const degrees = [...new Set([...sites.keys(), ...people.keys()])].filter((d) => d >= 6).sort((a, b) => b - a);
    const rows = degrees.map((d) => `${ROMAN[d]}: ${sites.get(d) ?? 0} sites, ${(people.get(d) ?? 0).toLocaleString('en')} people`);
    return `hazard ${eq.id} (${eq.magnitudeType} ${eq.magnitude}, ${eq.zone} zone), by intensity at the sites and township seats: ${rows.length ? rows.join('; ') : 'nothing at VI or above'}`;
  })];
}
