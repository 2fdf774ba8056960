// Loading a scenario: read → validate → migrate → normalise. A scenario is
// accepted whole or refused with every problem listed; nothing half-loads.
// File access is passed in (ScenarioFiles) so this runs in Node, in a worker
// and in the browser alike, and stays free of I/O itself.
import Ajv, { type ValidateFunction } from 'ajv';
import { sha256Text } from '../core/sha256.ts';
import { SUPPORTED_SCENARIO_FORMATS, type ScenarioDocV1 } from './format.ts';
import { checkGeometry } from './geometry-checks.ts';
import { migrateToCurrent } from './migrate.ts';
import { normalise } from './normalise.ts';
import { layerSchemas, scenarioSchema } from './schema.ts';
import { escapePointer, formatProblem, problemFromAjv, show, type Problem } from './problems.ts';
import type { World } from './world.ts';

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

let compiled: { scenario: ValidateFunction; layers: Record<string, ValidateFunction> } | null = null;

function validators() {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: false });
    const layers: Record<string, ValidateFunction> = {};
    for (const [name, schema] of Object.entries(layerSchemas)) layers[name] = ajv.compile(schema);
    compiled = { scenario: ajv.compile(scenarioSchema), layers };
  }
  return compiled;
}

function formatMb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Reads and parses one JSON file; refuses oversized, malformed, too-deep or non-finite content. */
export function readJson(files: ScenarioFiles, relPath: string, limitBytes: number, referencedFrom?: string): { value: unknown } | { problems: Problem[] } {
  const fail = (message: string) => ({ problems: [{ file: relPath, pointer: '', message }] });
  let size: number | null;
  try {
    size = files.size(relPath);
  } catch {
    size = null;
  }
  if (size === null) return fail(referencedFrom ? `file not found (referenced from ${referencedFrom})` : 'file not found');
  if (size > limitBytes) {
    return fail(`file is ${formatMb(size)}, over the ${formatMb(limitBytes)} limit for this kind of file; refused before parsing`);
  }
  let text: string;
  try {
    text = files.read(relPath);
  } catch (err) {
    return fail(`could not be read (${(err as Error).message})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return fail(`not valid JSON (${(err as Error).message})`);
  }
  const deep = findTooDeep(value, LIMITS.nestingDepth);
  if (deep !== null) return fail(`nesting deeper than ${LIMITS.nestingDepth} levels at ${deep}; refused`);
  const nonFinite = findNonFinite(value);
  if (nonFinite) return { problems: [{ file: relPath, pointer: nonFinite.pointer, message: `${nonFinite.value} is not a finite number, expected a finite number` }] };
  return { value };
}

/** Iterative walk (no recursion, so absurd nesting cannot overflow the stack). */
function findTooDeep(root: unknown, maxDepth: number): string | null {
  const stack: { v: unknown; depth: number; path: string }[] = [{ v: root, depth: 0, path: '' }];
  while (stack.length) {
    const { v, depth, path } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= maxDepth) return `#${path}`.slice(0, 120);
    const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
    for (const [k, child] of entries) if (child !== null && typeof child === 'object') stack.push({ v: child, depth: depth + 1, path: `${path}/${k}` });
  }
  return null;
}

function findNonFinite(root: unknown): { pointer: string; value: number } | null {
  const stack: { v: unknown; path: string }[] = [{ v: root, path: '' }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return { pointer: path, value: v };
    } else if (v !== null && typeof v === 'object') {
      const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
      for (const [k, child] of entries) stack.push({ v: child, path: `${path}/${escapePointer(k)}` });
    }
  }
  return null;
}


function schemaProblems(file: string, validate: ValidateFunction, value: unknown): Problem[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => problemFromAjv(file, e));
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
    problems.push(...checkGeometry(relPath, at, f.geometry));
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
};

type Layers = Record<string, GeoCollection>;

function checkReferences(doc: ScenarioDocV1, layers: Layers): Problem[] {
  const problems: Problem[] = [];
  const idsOf = (name: string) => new Set((layers[name]?.features ?? []).map((f) => f.properties.id as string));
  const check = (layerName: string, field: string, targetLayer: string, what: string) => {
    const layer = layers[layerName];
    if (!layer) return;
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
  return problems;
}

const START_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/;

function checkDocSemantics(file: string, doc: ScenarioDocV1): Problem[] {
  const problems: Problem[] = [];
  const durationSec = Math.round(doc.durationHours * 3600);
  const m = START_RE.exec(doc.start);
  if (m) {
    const [month, day, hour, minute, second] = [m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number);
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
      problems.push({ file, pointer: '/start', message: `${show(doc.start)} is not a real date and time, expected e.g. "2023-12-18T23:59:30+08:00"` });
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
  uniqueIds(doc.msel, '/msel');
  uniqueIds(doc.resources?.generatorPools, '/resources/generatorPools');
  doc.hazards.forEach((h, i) => {
    if (h.tSec > durationSec) problems.push({ file, pointer: `/hazards/${i}/tSec`, message: `${h.tSec} is after the end of the scenario (${durationSec} s), expected a time within durationHours` });
  });
  (doc.msel ?? []).forEach((inj, i) => {
    if (inj.tSec > durationSec) problems.push({ file, pointer: `/msel/${i}/tSec`, message: `${inj.tSec} is after the end of the scenario (${durationSec} s), expected a time within durationHours` });
  });
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

export function loadScenario(files: ScenarioFiles): LoadResult {
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
  if (docProblems.length) return { ok: false, problems: cap(docProblems) };
  const doc = migrated.doc as unknown as ScenarioDocV1;
  const problems = checkDocSemantics(main, doc);

  const layers: Layers = {};
  const hashed: string[] = [files.read(main)];
  for (const [name, relPath] of Object.entries(doc.layers)) {
    if (!relPath) continue;
    const loaded = loadLayer(files, relPath, LAYER_SCHEMA[name], `${main}#/layers/${name}`);
    if ('problems' in loaded) problems.push(...loaded.problems);
    else layers[name] = loaded.layer;
  }
  const hazardLayers: Record<string, GeoCollection> = {};
  doc.hazards.forEach((h, i) => {
    for (const field of ['siteAmplification', 'isoseismals'] as const) {
      const relPath = h[field];
      if (!relPath || hazardLayers[relPath]) continue;
      const loaded = loadLayer(files, relPath, field, `${main}#/hazards/${i}/${field}`);
      if ('problems' in loaded) problems.push(...loaded.problems);
      else hazardLayers[relPath] = loaded.layer;
    }
  });
  if (problems.length === 0) problems.push(...checkReferences(doc, layers));
  if (problems.length) return { ok: false, problems: cap(problems) };

  // Fingerprint: the scenario file, then every layer in a fixed order.
  for (const relPath of [...Object.values(doc.layers), ...Object.keys(hazardLayers)].filter(Boolean).sort()) hashed.push(files.read(relPath as string));
  const sha256 = sha256Text(hashed.join('\u0000'));
  const world = normalise(files.scenarioId, sha256, doc, layers, hazardLayers);
  return { ok: true, world, doc, files: { ...layers, ...hazardLayers } };
}

export function formatProblems(problems: Problem[]): string {
  return problems.map(formatProblem).join('\n');
}
