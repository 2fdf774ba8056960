// Loading a scenario: read → validate → migrate → normalise. A scenario is
// accepted whole or refused with every problem listed; nothing half-loads.
// File access is passed in (ScenarioFiles) so this runs in Node, in a worker
// and in the browser alike, and stays free of I/O itself.
import Ajv, { type ValidateFunction } from 'ajv';
import { sha256Text } from '../core/sha256.ts';
import { SUPPORTED_SCENARIO_FORMATS, isTimeQuantity, observedOf, type ElevationGridDoc, type ScenarioDocV1, type WeatherDoc } from '../model/scenario-format.ts';
import { checkGeometry } from './geometry-checks.ts';
import { migrateToCurrent } from './migrate.ts';
import { normalise } from './normalise.ts';
import { elevationGridSchema, layerSchemas, scenarioSchema } from './schema.ts';
import { mselProblems, mselTownshipProblems } from './msel.ts';
import { escapePointer, formatProblem, problemFromAjv, show, type Problem } from './problems.ts';
import { describeJsonSyntax } from '../core/json-syntax.ts';
import type { World } from '../model/world.ts';
import type { ModelParams } from '../model/params/index.ts';

/** Size limits, checked before a file is parsed. Documented in the README. */
export const LIMITS = {
  scenarioBytes: 1 * 1024 * 1024,
  layerBytes: 64 * 1024 * 1024,
  nestingDepth: 64,
  problemsPerFile: 100,
} as const;

export interface ScenarioFiles {
  /** Name of the scenario file as shown in messages, e.g. "scenario.json". */
  mainName: string;
  /** The scenario's id: the name of its folder. */
  scenarioId: string;
  /** Size in bytes of a file relative to the scenario's folder, or null when it does not exist. */
  size(relPath: string): number | null;
  read(relPath: string): string;
  /** A faster SHA-256 where the host has one (node:crypto); must equal src/core/sha256.ts. */
  sha256?: (text: string) => string;
}

export type LoadResult =
  | { ok: true; world: World; doc: ScenarioDocV1; files: Record<string, unknown> }
  | { ok: false; problems: Problem[] };

export interface GeoFeature {
  type: 'Feature';
  geometry: { type: string; coordinates: unknown };
  properties: Record<string, unknown>;
}
export interface GeoCollection {
  type: 'FeatureCollection';
  features: GeoFeature[];
}

let compiled: { scenario: ValidateFunction; grid: ValidateFunction; layers: Record<string, ValidateFunction> } | null = null;

function validators() {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: false });
    const layers: Record<string, ValidateFunction> = {};
    for (const [name, schema] of Object.entries(layerSchemas)) layers[name] = ajv.compile(schema);
    compiled = { scenario: ajv.compile(scenarioSchema), grid: ajv.compile(elevationGridSchema), layers };
  }
  return compiled;
}

function formatMb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Reads and parses one JSON file; refuses oversized, malformed, too-deep or non-finite content. */
export function readJson(files: ScenarioFiles, relPath: string, limitBytes: number, referencedFrom?: string): { value: unknown } | { problems: Problem[] } {
  const fail = (message: string) => ({ problems: [{ file: relPath, pointer: '', message }] });
  if (referencedFrom !== undefined) {
    const outside = pathLeavesFolder(relPath);
    if (outside) {
      const [file, pointer = ''] = referencedFrom.split('#');
      return { problems: [{ file, pointer, message: `${show(relPath)} ${outside}, expected a path relative to the scenario folder and inside it` }] };
    }
  }
  let size: number | null;
  try {
    size = files.size(relPath);
  } catch (err) {
    // The host's reader refused the file (a directory, a FIFO, a link out of the folder): its reason names no bytes.
    return fail(`${(err as Error).message}${referencedFrom ? ` (referenced from ${referencedFrom})` : ''}`);
  }
  if (size === null) return fail(referencedFrom ? `file not found (referenced from ${referencedFrom})` : 'file not found');
  if (size > limitBytes) {
    return fail(`file is ${formatMb(size)}, over the ${formatMb(limitBytes)} limit for this kind of file; refused before parsing`);
  }
  let text: string;
  try {
    text = files.read(relPath);
  } catch (err) {
    return fail((err as Error).message);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text; this names the line and column only.
    return fail(describeJsonSyntax(text));
  }
  const unsafe = firstUnsafe(value, LIMITS.nestingDepth);
  if (unsafe?.kind === 'deep') return fail(`nesting deeper than ${LIMITS.nestingDepth} levels at #${locate(value, unsafe.value)}`.slice(0, 160) + '; refused');
  if (unsafe?.kind === 'nonFinite') {
    return { problems: [{ file: relPath, pointer: locate(value, unsafe.value), message: `${unsafe.value} is not a finite number, expected a finite number` }] };
  }
  return { value };
}

/** Why a path named in a scenario would leave its folder, or null: absolute paths and ".." are refused on every host. */
export function pathLeavesFolder(relPath: string): string | null {
  if (/^[\\/]|^[A-Za-z]:/.test(relPath)) return 'is an absolute path';
  if (relPath.split(/[\\/]/).includes('..')) return 'uses ".."';
  return null;
}

/** Appends without spreading: 150,000 problems as arguments overflow the stack. */
function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

/**
 * One iterative pass (no recursion, so absurd nesting cannot overflow the
 * stack) that finds the first container nested too deep or the first
 * non-finite number. It keeps no paths; when it finds something, `locate`
 * walks again to name the place.
 */
function firstUnsafe(root: unknown, maxDepth: number): { kind: 'deep' | 'nonFinite'; value: unknown } | null {
  const values: unknown[] = [root];
  const depths: number[] = [0];
  while (values.length) {
    const v = values.pop();
    const depth = depths.pop()!;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return { kind: 'nonFinite', value: v };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= maxDepth) return { kind: 'deep', value: v };
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const child = v[i];
        if (typeof child === 'object' || typeof child === 'number') {
          values.push(child);
          depths.push(depth + 1);
        }
      }
    } else {
      for (const key in v) {
        const child = (v as Record<string, unknown>)[key];
        if (typeof child === 'object' || typeof child === 'number') {
          values.push(child);
          depths.push(depth + 1);
        }
      }
    }
  }
  return null;
}

/** JSON pointer of `target` inside `root` (identity for objects, first NaN/Infinity for numbers). */
function locate(root: unknown, target: unknown): string {
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: root, path: '', depth: 0 }];
  while (stack.length) {
    const { v, path, depth } = stack.pop()!;
    if (v === target || (typeof target === 'number' && typeof v === 'number' && Object.is(v, target))) return path;
    if (v === null || typeof v !== 'object' || depth > LIMITS.nestingDepth) continue;
    const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
    for (let k = entries.length - 1; k >= 0; k--) stack.push({ v: entries[k][1], path: `${path}/${escapePointer(entries[k][0])}`, depth: depth + 1 });
  }
  return '';
}

function schemaProblems(file: string, validate: ValidateFunction, value: unknown): Problem[] {
  if (validate(value)) return [];
  // "must match then/else schema" only repeats the errors found inside the branch.
  return (validate.errors ?? []).filter((e) => e.keyword !== 'if').map((e) => problemFromAjv(file, e));
}

/** Parses and checks one GeoJSON layer: schema, geometry, unique ids. */
export function loadLayer(files: ScenarioFiles, relPath: string, schemaName: string, referencedFrom: string): { layer: GeoCollection } | { problems: Problem[] } {
  const read = readJson(files, relPath, LIMITS.layerBytes, referencedFrom);
  if ('problems' in read) return read;
  const problems = schemaProblems(relPath, validators().layers[schemaName], read.value);
  if (problems.length) return { problems };
  const layer = read.value as GeoCollection;
  const seen = new Map<string, number>();
  layer.features.forEach((f, i) => {
    const at = `/features/${i}`;
    append(problems, checkGeometry(relPath, at, f.geometry));
    const id = f.properties.id;
    if (typeof id === 'string') {
      const first = seen.get(id);
      if (first !== undefined) {
        problems.push({ file: relPath, pointer: `${at}/properties/id`, message: `duplicate id "${id}" (first at #/features/${first}/properties/id), expected ids unique within the layer` });
      } else seen.set(id, i);
    }
  });
  return problems.length ? { problems } : { layer };
}

const LAYER_SCHEMA: Record<string, string> = {
  townships: 'townships',
  population: 'population',
  sites: 'sites',
  substations: 'substations',
  feeders: 'feeders',
  roads: 'roads',
  bases: 'points',
  landingZones: 'points',
  shelters: 'points',
  rivers: 'rivers',
};

type Layers = Record<string, GeoCollection>;

function checkReferences(doc: ScenarioDocV1, layers: Layers): Problem[] {
  const problems: Problem[] = [];
  const idsOf = (name: string) => new Set((layers[name]?.features ?? []).map((f) => f.properties.id as string));
  /** A layer that is named but did not load: references into it are not checked (its own problems are listed). */
  const failed = (name: string) => Boolean(doc.layers[name as keyof typeof doc.layers]) && !layers[name];
  const check = (layerName: string, field: string, targetLayer: string, what: string) => {
    const layer = layers[layerName];
    if (!layer || failed(targetLayer)) return;
    const targets = idsOf(targetLayer);
    layer.features.forEach((f, i) => {
      const ref = f.properties[field];
      if (typeof ref === 'string' && !targets.has(ref)) {
        problems.push({
          file: doc.layers[layerName as keyof typeof doc.layers]!,
          pointer: `/features/${i}/properties/${field}`,
          message: `"${ref}" does not exist in ${doc.layers[targetLayer as keyof typeof doc.layers]}, expected the id of ${what}`,
        });
      }
    });
  };
  check('sites', 'feeder', 'feeders', 'a feeder');
  check('sites', 'township', 'townships', 'a township');
  check('feeders', 'substation', 'substations', 'a substation');
  check('population', 'township', 'townships', 'a township');
  check('sites', 'aggregation', 'sites', 'a site');
  check('sites', 'ringAggregation', 'sites', 'a site');
  check('substations', 'upstream', 'substations', 'a substation');
  // Teams start at a base of the bases layer.
  const baseIds = idsOf('bases');
  (failed('bases') ? [] : (doc.resources?.teams ?? [])).forEach((team, i) => {
    if (!baseIds.has(team.base)) {
      problems.push({
        file: 'scenario.json',
        pointer: `/resources/teams/${i}/base`,
        message: doc.layers.bases ? `"${team.base}" does not exist in ${doc.layers.bases}, expected the id of a base` : `"${team.base}" cannot be found: the scenario has no bases layer`,
      });
    }
  });
  problems.push(...mselTownshipProblems(doc.msel ?? [], 'scenario.json', '/msel', idsOf('townships')));
  // Fibre routes: each listed road must exist.
  const roadIds = idsOf('roads');
  (failed('roads') ? [] : (layers.sites?.features ?? [])).forEach((f, i) => {
    for (const field of ['fibreRoads', 'ringFibreRoads'] as const) {
      const routes = f.properties[field];
      if (!Array.isArray(routes)) continue;
      routes.forEach((road, k) => {
        if (!roadIds.has(road as string)) {
          problems.push({ file: doc.layers.sites, pointer: `/features/${i}/properties/${field}/${k}`, message: `"${road}" does not exist in ${doc.layers.roads}, expected the id of a road segment` });
        }
      });
    }
  });
  // A road section of an observed point: each segment must exist.
  (failed('roads') ? [] : (doc.metadata ? observedOf(doc.metadata)?.points ?? [] : [])).forEach((p, i) => {
    (p.roadIds ?? []).forEach((road, k) => {
      if (!roadIds.has(road)) problems.push({ file: 'scenario.json', pointer: `/metadata/observed/points/${i}/roadIds/${k}`, message: `"${road}" does not exist in ${doc.layers.roads}, expected the id of a road segment` });
    });
  });
  return problems;
}

const START_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:([+-])(\d{2}):(\d{2})|Z)?$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function checkDocSemantics(file: string, doc: ScenarioDocV1): Problem[] {
  const problems: Problem[] = [];
  const durationSec = Math.round(doc.durationHours * 3600);
  const m = START_RE.exec(doc.start);
  if (m) {
    const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number);
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
      problems.push({ file, pointer: '/start', message: `${show(doc.start)} is not a real date and time, expected e.g. "2023-12-18T23:59:30+08:00"` });
    } else if (m[7] && (Number(m[8]) > 14 || Number(m[9]) > 59 || Number(m[8]) * 60 + Number(m[9]) > 14 * 60)) {
      problems.push({ file, pointer: '/start', message: `${show(doc.start)} has the offset ${m[7]}${m[8]}:${m[9]}, expected one from -14:00 to +14:00` });
    }
  }
  const uniqueIds = (items: { id: string }[] | undefined, base: string) => {
    const seen = new Map<string, number>();
    (items ?? []).forEach((item, i) => {
      const first = seen.get(item.id);
      if (first !== undefined) problems.push({ file, pointer: `${base}/${i}/id`, message: `duplicate id "${item.id}" (first at #${base}/${first}/id), expected unique ids` });
      else seen.set(item.id, i);
    });
  };
  uniqueIds(doc.hazards, '/hazards');
  uniqueIds(doc.resources?.generatorPools, '/resources/generatorPools');
  uniqueIds(doc.resources?.teams, '/resources/teams');
  uniqueIds(doc.resources?.uavs, '/resources/uavs');
  problems.push(...weatherProblems(doc.weather ?? [], file, '/weather'));
  doc.hazards.forEach((h, i) => {
    if (h.tSec > durationSec) problems.push({ file, pointer: `/hazards/${i}/tSec`, message: `${h.tSec} is after the end of the scenario (${durationSec} s), expected a time within durationHours` });
  });
  problems.push(...mselProblems(doc.msel ?? [], file, '/msel', durationSec));
  const observed = doc.metadata ? observedOf(doc.metadata) : undefined;
  if (observed) {
    uniqueIds(observed.points, '/metadata/observed/points');
    observed.points.forEach((p, i) => {
      const at = `/metadata/observed/points/${i}`;
      if (p.tHours * 3600 > durationSec) problems.push({ file, pointer: `${at}/tHours`, message: `${p.tHours} h is after the end of the scenario (${doc.durationHours} h), expected a time within durationHours` });
      if (isTimeQuantity(p.quantity) && p.value !== p.tHours) problems.push({ file, pointer: `${at}/value`, message: `${p.value} differs from tHours ${p.tHours}, expected the observed time in both for ${p.quantity}` });
      if (p.roadIds !== undefined && p.quantity !== 'roadSectionOpenHours') problems.push({ file, pointer: `${at}/roadIds`, message: `roadIds is given for ${p.quantity}, expected it only for roadSectionOpenHours` });
      if (p.valueLo !== undefined && p.valueLo > p.value) problems.push({ file, pointer: `${at}/valueLo`, message: `${p.valueLo} is above value ${p.value}, expected valueLo ≤ value` });
      if (p.valueHi !== undefined && p.valueHi < p.value) problems.push({ file, pointer: `${at}/valueHi`, message: `${p.valueHi} is below value ${p.value}, expected valueHi ≥ value` });
    });
  }
  return problems;
}

function cap(problems: Problem[]): Problem[] {
  const byFile = new Map<string, number>();
  const kept: Problem[] = [];
  let dropped = 0;
  for (const p of problems) {
    const n = (byFile.get(p.file) ?? 0) + 1;
    byFile.set(p.file, n);
    if (n <= LIMITS.problemsPerFile) kept.push(p);
    else dropped++;
  }
  if (dropped) kept.push({ file: 'scenario', pointer: '', message: `and ${dropped} more problems not listed` });
  return kept;
}

/** `params`: the model's parameters for the run (a params file applied to the defaults); the defaults when absent. */
/** Weather windows that end before they start, at `base`/i/toSec (the scenario's, or an import mapping's). */
export function weatherProblems(weather: readonly WeatherDoc[], file: string, base: string): Problem[] {
  const problems: Problem[] = [];
  weather.forEach((w, i) => {
    if (w.toSec <= w.fromSec) problems.push({ file, pointer: `${base}/${i}/toSec`, message: `${w.toSec} is not after fromSec ${w.fromSec}, expected a later time` });
  });
  return problems;
}

export function loadScenario(files: ScenarioFiles, params?: ModelParams): LoadResult {
  const main = files.mainName;
  const read = readJson(files, main, LIMITS.scenarioBytes);
  if ('problems' in read) return { ok: false, problems: read.problems };
  const raw = read.value;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, problems: [{ file: main, pointer: '', message: `the document is ${show(raw)}, expected a JSON object` }] };
  }
  const format = (raw as Record<string, unknown>).format;
  if (typeof format !== 'string' || !format.startsWith('drilltwin/scenario@')) {
    return { ok: false, problems: [{ file: main, pointer: '/format', message: `${show(format)} is not a drilltwin scenario format, expected one of: ${SUPPORTED_SCENARIO_FORMATS.join(', ')}` }] };
  }
  const migrated = migrateToCurrent(raw as Record<string, unknown>);
  if (!migrated.ok) return { ok: false, problems: [{ file: main, pointer: '/format', message: migrated.message }] };

  const docProblems = schemaProblems(main, validators().scenario, migrated.doc);
  if (docProblems.length) {
    // The layers the document names are checked all the same (and their references to each other), so one run lists the problems of every file.
    const named = (migrated.doc as { layers?: unknown }).layers;
    if (named && typeof named === 'object' && !Array.isArray(named)) {
      const paths = Object.fromEntries(Object.entries(named).filter(([name, relPath]) => typeof relPath === 'string' && relPath !== '' && LAYER_SCHEMA[name] !== undefined)) as Record<string, string>;
      const layers: Layers = {};
      for (const [name, relPath] of Object.entries(paths)) {
        const loaded = loadLayer(files, relPath, LAYER_SCHEMA[name], `${main}#/layers/${name}`);
        if ('problems' in loaded) append(docProblems, loaded.problems);
        else layers[name] = loaded.layer;
      }
      const layersOnly = { layers: paths } as unknown as ScenarioDocV1;
      for (const more of [checkReferences(layersOnly, layers), checkTrees(layersOnly, layers)]) append(docProblems, more);
    }
    return { ok: false, problems: cap(docProblems) };
  }
  const doc = migrated.doc as unknown as ScenarioDocV1;
  const problems = checkDocSemantics(main, doc);

  const layers: Layers = {};
  const hashed: string[] = [files.read(main)];
  const grids: Record<string, ElevationGridDoc> = {};
  for (const [name, relPath] of Object.entries(doc.layers)) {
    if (!relPath) continue;
    if (name === 'elevation') {
      // Not GeoJSON: the area's elevation grid, for the map's relief.
      const grid = loadElevationGrid(files, relPath, `${main}#/layers/elevation`);
      if ('problems' in grid) append(problems, grid.problems);
      else grids[relPath] = grid.grid;
      continue;
    }
    const loaded = loadLayer(files, relPath, LAYER_SCHEMA[name], `${main}#/layers/${name}`);
    if ('problems' in loaded) append(problems, loaded.problems);
    else layers[name] = loaded.layer;
  }
  const hazardLayers: Record<string, GeoCollection> = {};
  const loadHazardLayer = (relPath: string | undefined, schemaName: string, from: string) => {
    if (!relPath || hazardLayers[relPath]) return;
    const loaded = loadLayer(files, relPath, schemaName, from);
    if ('problems' in loaded) append(problems, loaded.problems);
    else hazardLayers[relPath] = loaded.layer;
  };
  doc.hazards.forEach((h, i) => {
    const at = `${main}#/hazards/${i}`;
    if (h.type === 'earthquake') {
      loadHazardLayer(h.siteAmplification, 'siteAmplification', `${at}/siteAmplification`);
      loadHazardLayer(h.isoseismals, 'isoseismals', `${at}/isoseismals`);
      loadHazardLayer(h.groundFailure, 'groundFailure', `${at}/groundFailure`);
    } else {
      loadHazardLayer(h.zones, 'floodZones', `${at}/zones`);
      if (h.elevation && !grids[h.elevation]) {
        const grid = loadElevationGrid(files, h.elevation, `${at}/elevation`);
        if ('problems' in grid) append(problems, grid.problems);
        else grids[h.elevation] = grid.grid;
      }
    }
  });
  // References are checked among the files that loaded, whatever else is wrong (a reference into a file that failed is not reported twice).
  for (const more of [checkReferences(doc, layers), checkTrees(doc, layers), checkFloodZones(main, doc, hazardLayers), checkNamedIds(main, doc, layers)]) append(problems, more);
  if (problems.length) return { ok: false, problems: cap(problems) };

  // Fingerprint: the scenario file, then every other file in a fixed order.
  const referenced = [...Object.values(doc.layers), ...Object.keys(hazardLayers), ...Object.keys(grids)];
  for (const relPath of [...new Set(referenced)].filter(Boolean).sort()) hashed.push(files.read(relPath as string));
  const sha256 = (files.sha256 ?? sha256Text)(hashed.join('\u0000'));
  const world = normalise(files.scenarioId, sha256, doc, layers, hazardLayers, grids, params);
  const groundProblems = checkFloodGround(main, world);
  if (groundProblems.length) return { ok: false, problems: cap(groundProblems) };
  return { ok: true, world, doc, files: { ...layers, ...hazardLayers } };
}

function loadElevationGrid(files: ScenarioFiles, relPath: string, from: string): { grid: ElevationGridDoc } | { problems: Problem[] } {
  const read = readJson(files, relPath, LIMITS.layerBytes, from);
  if ('problems' in read) return read;
  const problems = schemaProblems(relPath, validators().grid, read.value);
  if (problems.length) return { problems };
  const grid = read.value as ElevationGridDoc;
  if (grid.elevationM.length !== grid.rows * grid.cols) {
    return { problems: [{ file: relPath, pointer: '/elevationM', message: `has ${grid.elevationM.length} values, expected rows × cols = ${grid.rows * grid.cols}` }] };
  }
  return { grid };
}

/**
 * The reports and the console name things by their ids (scoring/names.ts
 * nameBook): a team and a UAV with one id would be shown under one name. So
 * an id may stand for one thing only, across the layers and lists named here.
 * Refused on the later one, naming the first.
 */
function checkNamedIds(main: string, doc: ScenarioDocV1, layers: Layers): Problem[] {
  const problems: Problem[] = [];
  const first = new Map<string, { what: string; at: string }>();
  const note = (id: unknown, what: string, file: string, pointer: string) => {
    if (typeof id !== 'string') return;
    const seen = first.get(id);
    if (!seen) first.set(id, { what, at: `${file}#${pointer}` });
    // Duplicates within one layer or list are reported by its own check.
    else if (seen.what !== what) problems.push({ file, pointer, message: `"${id}" is also the id of ${seen.what} (${seen.at}), expected an id of its own: reports and the console name each thing by its id` });
  };
  for (const [name, what] of [['townships', 'a township'], ['sites', 'a site'], ['substations', 'a substation'], ['feeders', 'a feeder'], ['roads', 'a road segment']] as const) {
    const file = doc.layers[name];
    layers[name]?.features.forEach((f, i) => note(f.properties.id, what, file!, `/features/${i}/properties/id`));
  }
  doc.hazards.forEach((h, i) => note(h.id, 'a hazard', main, `/hazards/${i}/id`));
  const r = doc.resources;
  for (const [list, what] of [['generatorPools', 'a generator pool'], ['teams', 'a team'], ['uavs', 'a UAV'], ['helicopters', 'a helicopter']] as const) {
    (r?.[list] ?? []).forEach((item, i) => note(item.id, what, main, `/resources/${list}/${i}/id`));
  }
  (doc.msel ?? []).forEach((inj, i) => {
    note(inj.id, 'an inject', main, `/msel/${i}/id`);
    if (inj.expect) note(inj.expect.id, 'an expected action', main, `/msel/${i}/expect/id`);
  });
  return problems;
}

/** The backhaul tree (site → aggregation site) and the grid (substation → upstream) must not loop. */
function checkTrees(doc: ScenarioDocV1, layers: Layers): Problem[] {
  const problems: Problem[] = [];
  const check = (layerName: 'sites' | 'substations', field: string, what: string) => {
    const features = layers[layerName]?.features ?? [];
    const parent = new Map<string, string>();
    const indexOf = new Map<string, number>();
    features.forEach((f, i) => {
      indexOf.set(f.properties.id as string, i);
      if (typeof f.properties[field] === 'string') parent.set(f.properties.id as string, f.properties[field] as string);
    });
    const reported = new Set<string>();
    for (const start of [...parent.keys()].sort()) {
      const seen = new Set<string>();
      for (let id: string | undefined = start; id !== undefined; id = parent.get(id)) {
        if (seen.has(id)) {
          if (!reported.has(id)) {
            reported.add(id);
            problems.push({
              file: doc.layers[layerName],
              pointer: `/features/${indexOf.get(id)}/properties/${field}`,
              message: `${what} loops back to "${id}" (${[...seen, id].join(' → ')}), expected a tree`,
            });
          }
          break;
        }
        seen.add(id);
      }
    }
  };
  check('sites', 'aggregation', 'the backhaul chain');
  check('substations', 'upstream', 'the supply chain');
  if (problems.length === 0) problems.push(...checkRingLoops(doc, layers));
  return problems;
}

/**
 * A second path round a ring (ringAggregation) must not lead back to the site itself through either path:
 * a site cannot carry its own traffic. Depth-first over both paths; the edge that closes a loop is reported.
 */
function checkRingLoops(doc: ScenarioDocV1, layers: Layers): Problem[] {
  const features = layers.sites?.features ?? [];
  const indexOf = new Map<string, number>();
  features.forEach((f, i) => indexOf.set(f.properties.id as string, i));
  const next = (i: number): [string, number][] => {
    const out: [string, number][] = [];
    for (const field of ['aggregation', 'ringAggregation']) {
      const to = features[i].properties[field];
      if (typeof to === 'string' && indexOf.has(to)) out.push([field, indexOf.get(to)!]);
    }
    return out;
  };
  const state = new Uint8Array(features.length); // 0 unseen, 1 on the path, 2 done
  for (let start = 0; start < features.length; start++) {
    if (state[start]) continue;
    const stack: { node: number; edges: [string, number][]; k: number }[] = [{ node: start, edges: next(start), k: 0 }];
    state[start] = 1;
    while (stack.length) {
      const top = stack[stack.length - 1];
      if (top.k >= top.edges.length) {
        state[top.node] = 2;
        stack.pop();
        continue;
      }
      const [field, to] = top.edges[top.k++];
      if (state[to] === 1) {
        const loop = [...stack.slice(stack.findIndex((e) => e.node === to)).map((e) => features[e.node].properties.id as string), features[to].properties.id as string];
        return [{ file: doc.layers.sites, pointer: `/features/${top.node}/properties/${field}`, message: `the backhaul paths loop back to "${features[to].properties.id}" (${loop.join(' → ')}), expected each path to lead to the core` }];
      }
      if (state[to] === 0) {
        state[to] = 1;
        stack.push({ node: to, edges: next(to), k: 0 });
      }
    }
  }
  return [];
}

function checkFloodZones(main: string, doc: ScenarioDocV1, hazardLayers: Record<string, GeoCollection>): Problem[] {
  const problems: Problem[] = [];
  doc.hazards.forEach((h, i) => {
    // A zones file that failed to load has its own problems listed; its hydrographs are not checked against it.
    if (h.type !== 'flood' || !hazardLayers[h.zones]) return;
    const zoneIds = new Set((hazardLayers[h.zones]?.features ?? []).map((f) => f.properties.zoneId as string));
    for (const [zoneId, curve] of Object.entries(h.hydrographs)) {
      const at = `/hazards/${i}/hydrographs/${escapePointer(zoneId)}`;
      if (!zoneIds.has(zoneId)) problems.push({ file: main, pointer: at, message: `zone "${zoneId}" does not exist in ${h.zones}, expected a zoneId of a flood zone` });
      for (let k = 1; k < curve.length; k++) {
        if (curve[k][0] <= curve[k - 1][0]) {
          problems.push({ file: main, pointer: `${at}/${k}/0`, message: `${curve[k][0]} is not after ${curve[k - 1][0]}, expected times in ascending order` });
          break;
        }
      }
    }
    for (const zoneId of [...zoneIds].sort()) {
      if (!(zoneId in h.hydrographs)) problems.push({ file: main, pointer: `/hazards/${i}/hydrographs`, message: `no hydrograph for zone "${zoneId}", expected one per zone in ${h.zones}` });
    }
  });
  return problems;
}

/** Every asset inside a flood zone needs a ground elevation (its own or from the grid). */
function checkFloodGround(main: string, world: World): Problem[] {
  const problems: Problem[] = [];
  world.floods.forEach((flood) => {
    const missing = flood.exposures.filter((e) => !Number.isFinite(e.groundM));
    if (missing.length) {
      const sample = missing.slice(0, 5).map((e) => `${e.kind} ${e.id}`).join(', ');
      problems.push({
        file: main,
        pointer: `/hazards/${flood.hazardIndex}`,
        message: `${missing.length} assets inside flood "${flood.id}" have no ground elevation (${sample}${missing.length > 5 ? ', ...' : ''}), expected elevationM on them or an elevation grid covering them`,
      });
    }
  });
  return problems;
}

export function formatProblems(problems: Problem[]): string {
  return problems.map(formatProblem).join('\n');
}
