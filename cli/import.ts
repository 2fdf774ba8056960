// drilltwin import: a scenario folder from the files a training base and the
// operators have (site inventories in XLSX or CSV, township polygons in a
// zipped shapefile or GeoJSON, OSM roads, a population table) and a mapping
// file saying which column holds what. Every problem of every file is listed
// at once; nothing is written unless the whole import is valid, and then the
// folder is written beside its target and renamed into place.
import { mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeJsonSyntax } from '../src/core/json-syntax.ts';
import { fieldIntensityAt } from '../src/hazards/field.ts';
import type { World } from '../src/model/world.ts';
import { loadScenario } from '../src/scenario/load.ts';
import { memoryScenarioFiles } from '../src/scenario/memory-files.ts';
import { formatProblem } from '../src/scenario/problems.ts';
import { buildScenario } from '../tools/import/build.ts';
import { parseAsciiGrid } from '../tools/import/dem.ts';
import { osmRoadFeatures, parseGeoJson, parseOsmXml, parseOverpassJson, parseZippedShapefile } from '../tools/import/geo.ts';
import { checkMapping, type ImportMapping, type InputSpec } from '../tools/import/mapping.ts';
import type { LoadedInput } from '../tools/import/records.ts';
import { decodeText, parseCsv, parseXlsx, type InputProblem } from '../tools/import/tables.ts';
import { readUserBytes, readUserFile, showPath, UserFileError } from '../workers/user-file.ts';
import { UsageError } from './args.ts';
import { checkOutputFolder } from './output-files.ts';

export const IMPORT_USAGE = 'drilltwin import MAPPING.json --out FOLDER [--check]';

const INPUT_BYTES = 256 * 1024 * 1024;
const MAPPING_BYTES = 1024 * 1024;

type Out = { log(s: string): void; err(s: string): void };

export function formatInputProblem(p: InputProblem): string {
  if (p.at === '') return `${p.file}: ${p.message}`;
  return p.at.startsWith('#') ? `${p.file}${p.at}: ${p.message}` : `${p.file} ${p.at}: ${p.message}`;
}

/** Reads one input by its extension; problems name the file as the mapping does. */
async function readInput(kind: string, spec: InputSpec, baseDir: string): Promise<{ input?: LoadedInput; problems?: InputProblem[] }> {
  const file = spec.file;
  let bytes: Uint8Array;
  try {
    bytes = readUserBytes(resolve(baseDir, file), { label: `inputs.${kind}.file`, maxBytes: INPUT_BYTES });
  } catch (err) {
    if (err instanceof UserFileError) return { problems: [{ file, at: '', message: err.reason }] };
    throw err;
  }
  const ext = extname(file).toLowerCase();
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

/** The whole import without writing anything: read, build, validate. */
export async function importScenario(mappingPath: string, scenarioId: string): Promise<ImportOutcome> {
  const shown = showPath(mappingPath);
  const fail = (problems: string[]): ImportOutcome => ({ ok: false, problems, warnings: [], summary: [], texts: {} });
  const text = readUserFile(mappingPath, { label: '', maxBytes: MAPPING_BYTES });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return fail([`${shown}: ${describeJsonSyntax(text)}`]);
  }
  const mappingProblems = checkMapping(shown, raw);
  if (mappingProblems.length) return fail(mappingProblems.map(formatProblem));
  const mapping = raw as ImportMapping;
  const baseDir = dirname(resolve(mappingPath));
  const problems: InputProblem[] = [];
  const inputs: Partial<Record<string, LoadedInput>> = {};
  const specs: [string, InputSpec][] = Object.entries(mapping.inputs);
  if (mapping.hazard.type === 'flood') specs.push(['floodZones', mapping.hazard.zones]);
  for (const [kind, spec] of specs) {
    const r = await readInput(kind, spec as InputSpec, baseDir);
    if (r.problems) problems.push(...r.problems);
    if (r.input) inputs[kind] = r.input;
  }
  // Build with whatever was read, so the problems of the readable files are listed with those of the unreadable ones.
  const built = buildScenario({ mapping, mappingFile: shown, inputs });
  problems.push(...built.problems);
  if (problems.length) return fail(problems.map(formatInputProblem));
  const loaded = loadScenario(memoryScenarioFiles(scenarioId, built.texts));
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

/** The scenario folder is written whole beside its target (layers/ included), then renamed into place; on any failure nothing is left. */
function writeFolderAtomically(outDir: string, texts: Record<string, string>): void {
  const target = resolve(outDir);
  const tmp = `${target}.import-${process.pid}.tmp`;
  try {
    mkdirSync(tmp, { recursive: true });
    for (const [rel, text] of Object.entries(texts)) {
      mkdirSync(dirname(join(tmp, rel)), { recursive: true });
      writeFileSync(join(tmp, rel), text);
    }
    try {
      rmdirSync(target); // an empty folder named by --out
    } catch {
      // It does not exist.
    }
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw new UsageError(`--out: ${showPath(outDir)}: cannot be written (${(err as NodeJS.ErrnoException).code ?? 'error'}); nothing was written`);
  }
}

export async function importCommand(argv: string[], out: Out): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string' }, check: { type: 'boolean' } } });
  if (positionals.length !== 1) throw new UsageError(`expected exactly one MAPPING.json\n\nUsage: ${IMPORT_USAGE}`);
  if (!values.out && !values.check) throw new UsageError(`--out FOLDER is needed (or --check to validate only)\n\nUsage: ${IMPORT_USAGE}`);
  const outDir = values.out;
  if (outDir) {
    checkOutputFolder('--out', outDir);
    let existing: string[] = [];
    try {
      if (statSync(outDir).isDirectory()) existing = readdirSync(outDir);
    } catch {
      // It does not exist yet: it is made whole and renamed into place.
    }
    if (existing.length) throw new UsageError(`--out: ${showPath(outDir)} exists and is not empty; name a new folder`);
  }
  const scenarioId = outDir ? basename(resolve(outDir)) : 'imported';
  const result = await importScenario(positionals[0], scenarioId);
  for (const w of result.warnings) out.err(`warning: ${w}`);
  if (!result.ok) {
    out.err(`${showPath(positionals[0])}: the import is invalid (${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}); nothing was written:`);
    for (const p of result.problems.slice(0, 500)) out.err(p);
    if (result.problems.length > 500) out.err(`and ${result.problems.length - 500} more problems not listed`);
    return 2;
  }
  for (const line of result.summary) out.log(line);
  if (!outDir) {
    out.log('The import is valid (--check: nothing written).');
    return 0;
  }
  writeFolderAtomically(outDir, result.texts);
  out.log(`Wrote ${Object.keys(result.texts).length} files to ${showPath(outDir)}. Next: drilltwin validate ${showPath(outDir)}/scenario.json, then drilltwin run ${showPath(outDir)}/scenario.json --until 72h`);
  return 0;
}
