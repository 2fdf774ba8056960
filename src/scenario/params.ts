// Parameter override files (`drilltwin/params@1`): a JSON object mirroring
// ModelParams (model/params/index.ts) that gives new values for some of its
// numbers, validated like a scenario (every problem, as a JSON pointer) and
// applied to the defaults. The schema is built from the defaults themselves
// and PARAM_RANGES, so it cannot drift from the tables.
//
// Only numbers (and the few true/false switches) can be overridden; ids,
// labels and kinds must equal the defaults when given. Arrays are given whole,
// with as many items as the table. An object that holds a `source` may give
// one; every table whose values change gets the source
// "override: <file>" (followed by the given source), so reports show it.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { DEFAULT_PARAMS, DERIVED_PARAMS, paramRange, type ModelParams, type ParamRange } from '../model/params/index.ts';
import { LIMITS, readJson, type ScenarioFiles } from './load.ts';
import { escapePointer, problemFromAjv, show, type Problem } from './problems.ts';

export const PARAMS_FORMAT = 'drilltwin/params@1';

/** One number (or switch) that differs from the default, as the report records it. */
export interface ParamOverride {
  pointer: string;
  value: number | boolean;
  /** The new source of the table it belongs to. */
  source: string;
}

/** `document`: the overrides as read and checked, to hand on (a worker applies them again) without reading twice. */
export type ParamsResult = { ok: true; params: ModelParams; overrides: ParamOverride[]; document: Record<string, unknown> } | { ok: false; problems: Problem[] };

type Json = unknown;
type JsonSchema = Record<string, unknown>;

const SOURCE_SCHEMA = { type: 'string', minLength: 1, maxLength: 500 };

function numberSchema(pointer: string, value: number): JsonSchema {
  const range: ParamRange | null = paramRange(pointer);
  if (!range) throw new Error(`model parameter ${pointer} has no range in PARAM_RANGES`);
  if (range.fixed) return { const: value };
  const schema: JsonSchema = { type: range.integer ? 'integer' : 'number' };
  for (const key of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'] as const) {
    if (range[key] !== undefined) schema[key] = range[key];
  }
  return schema;
}

function schemaOf(value: Json, pointer: string, key: string): JsonSchema {
  if (DERIVED_PARAMS.some((d) => d.pointer === pointer)) return {}; // refused with its own message below
  if (typeof value === 'number') return numberSchema(pointer, value);
  if (typeof value === 'boolean') return key === 'assumption' ? { const: value } : { type: 'boolean' };
  if (typeof value === 'string') return key === 'source' ? SOURCE_SCHEMA : { const: value };
  if (value === null) return { const: null };
  if (Array.isArray(value)) {
    return {
      type: 'array',
      minItems: value.length,
      maxItems: value.length,
      items: value.map((item, i) => schemaOf(item, `${pointer}/${i}`, String(i))),
      additionalItems: false,
    };
  }
  const properties: Record<string, JsonSchema> = {};
  for (const [k, v] of Object.entries(value as Record<string, Json>)) properties[k] = schemaOf(v, `${pointer}/${escapePointer(k)}`, k);
  return { type: 'object', properties, additionalProperties: false };
}

/** The JSON Schema of an override file for these defaults. */
export function paramsSchema(defaults: ModelParams = DEFAULT_PARAMS): JsonSchema {
  const groups = schemaOf(defaults, '', '') as { properties: Record<string, JsonSchema> };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'drilltwin model parameter overrides',
    type: 'object',
    required: ['format'],
    properties: {
      $schema: { type: 'string' },
      format: { const: PARAMS_FORMAT },
      description: { type: 'string', maxLength: 2000 },
      ...groups.properties,
    },
    additionalProperties: false,
  };
}

const ajv = new Ajv({ allErrors: true, verbose: true, strict: false });
const validators = new WeakMap<ModelParams, ValidateFunction>();

function validatorFor(defaults: ModelParams): ValidateFunction {
  let v = validators.get(defaults);
  if (!v) validators.set(defaults, (v = ajv.compile(paramsSchema(defaults))));
  return v;
}

function problemOf(file: string, e: ErrorObject): Problem {
  const parent = (e.parentSchema ?? {}) as Record<string, unknown>;
  if ((e.keyword === 'minItems' || e.keyword === 'maxItems') && parent.minItems === parent.maxItems) {
    return { file, pointer: e.instancePath, message: `has ${(e.data as unknown[]).length} items, expected exactly ${parent.minItems}` };
  }
  return problemFromAjv(file, e);
}

function schemaProblems(file: string, defaults: ModelParams, doc: Json): Problem[] {
  const validate = validatorFor(defaults);
  if (validate(doc)) return [];
  const errors = validate.errors ?? [];
  // Too many items gives maxItems and additionalItems; one sentence is enough.
  const tooLong = new Set(errors.filter((e) => e.keyword === 'maxItems').map((e) => e.instancePath));
  return errors.filter((e) => !(e.keyword === 'additionalItems' && tooLong.has(e.instancePath))).map((e) => problemOf(file, e));
}

function at(root: Json, pointer: string): Json {
  let v = root;
  for (const part of pointer.split('/').slice(1)) v = (v as Record<string, Json>)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  return v;
}

interface Merged {
  value: Json;
  /** A number changed below this point that no nearer table (object with a source) has claimed. */
  unclaimed: { pointer: string; value: number | boolean }[];
}

/**
 * Defaults with the file's values in. Untouched tables stay the very same
 * objects; keys keep the defaults' order, so the result and the overrides
 * list do not depend on the file's key order.
 */
function merge(def: Json, given: Json, pointer: string, file: string, out: ParamOverride[]): Merged {
  if (given === undefined) return { value: def, unclaimed: [] };
  if (def === null || typeof def !== 'object') {
    const changed = (typeof given === 'number' || typeof given === 'boolean') && !Object.is(given, def);
    return { value: given, unclaimed: changed ? [{ pointer, value: given as number | boolean }] : [] };
  }
  const isArray = Array.isArray(def);
  const value: Record<string, Json> | Json[] = isArray ? [] : {};
  const unclaimed: Merged['unclaimed'] = [];
  for (const key of Object.keys(def as object)) {
    const sub = merge((def as Record<string, Json>)[key], (given as Record<string, Json>)[key], `${pointer}/${escapePointer(key)}`, file, out);
    (value as Record<string, Json>)[key] = sub.value;
    unclaimed.push(...sub.unclaimed);
  }
  if (isArray || !('source' in (def as object))) return { value, unclaimed };
  const givenSource = (given as Record<string, Json>).source;
  if (unclaimed.length === 0 && givenSource === undefined) return { value: def, unclaimed: [] };
  const source = `override: ${file}${givenSource === undefined ? '' : `: ${givenSource as string}`}`;
  (value as Record<string, Json>).source = source;
  for (const u of unclaimed) out.push({ pointer: u.pointer, value: u.value, source });
  return { value, unclaimed: [] };
}

function setAt(root: Record<string, Json>, pointer: string, leaf: Json, source: string): void {
  // Copy along the path (the defaults are shared module tables), then set.
  const parts = pointer.split('/').slice(1);
  let node = root;
  for (let i = 0; i < parts.length - 1; i++) {
    const child = node[parts[i]] as Record<string, Json>;
    const copy = Array.isArray(child) ? ([...child] as unknown as Record<string, Json>) : { ...child };
    node[parts[i]] = copy;
    node = copy;
  }
  node[parts[parts.length - 1]] = leaf;
  if ('source' in node) node.source = source;
}

/** Relations between values that one number's range cannot say. */
function consistencyProblems(file: string, p: ModelParams): Problem[] {
  const problems: Problem[] = [];
  const add = (pointer: string, message: string) => problems.push({ file, pointer, message });
  const ascending = (pointer: string, table: readonly (readonly [number, number])[], what = 'intensities') => {
    for (let i = 1; i < table.length; i++) {
      if (!(table[i][0] > table[i - 1][0])) add(`${pointer}/${i}/0`, `${table[i][0]} is not above ${table[i - 1][0]}, expected ${what} in ascending order`);
    }
  };
  ascending('/infra/FEEDER_TRIP/probabilityByIntensity', p.infra.FEEDER_TRIP.probabilityByIntensity);
  for (const terrain of ['flat', 'hilly', 'mountain'] as const) ascending(`/infra/SLIDES_PER_KM/${terrain}`, p.infra.SLIDES_PER_KM[terrain]);
  for (const terrain of ['flat', 'hilly', 'mountain'] as const) ascending(`/infra/SLIDE_DEBRIS_M3/medianByIntensity/${terrain}`, p.infra.SLIDE_DEBRIS_M3.medianByIntensity[terrain]);
  ascending('/infra/BATTERY_CAPACITY_BY_TEMPERATURE/shareByTempC', p.infra.BATTERY_CAPACITY_BY_TEMPERATURE.shareByTempC, 'temperatures');
  for (const work of ['labour', 'machine'] as const) ascending(`/tasks/WORK_AT_ALTITUDE/${work}`, p.tasks.WORK_AT_ALTITUDE[work], 'altitudes');
  // A bank does not give less as it warms, nor work go quicker higher up.
  const notFalling = (pointer: string, table: readonly (readonly [number, number])[], what: string) => {
    for (let i = 1; i < table.length; i++) {
      if (table[i][1] < table[i - 1][1]) add(`${pointer}/${i}/1`, `${table[i][1]} is below ${table[i - 1][1]}, expected ${what}`);
    }
  };
  notFalling('/infra/BATTERY_CAPACITY_BY_TEMPERATURE/shareByTempC', p.infra.BATTERY_CAPACITY_BY_TEMPERATURE.shareByTempC, 'shares that do not fall as it gets warmer');
  for (const work of ['labour', 'machine'] as const) notFalling(`/tasks/WORK_AT_ALTITUDE/${work}`, p.tasks.WORK_AT_ALTITUDE[work], 'factors that do not fall with altitude');
  const repair = p.infra.FEEDER_REPAIR.hours;
  if (repair.min > repair.max) add('/infra/FEEDER_REPAIR/hours/min', `${repair.min} is above max ${repair.max}, expected min ≤ max`);
  const share = p.infra.OPERATOR_SHARE;
  const total = share.cmcc + share.cucc + share.ctcc;
  if (Math.abs(total - 1) > 1e-9) add('/infra/OPERATOR_SHARE', `the shares add up to ${Math.round(total * 1e6) / 1e6}, expected 1`);
  p.attenuation.ZONE_REGIONS.forEach((r, i) => {
    if (r.lonMin > r.lonMax) add(`/attenuation/ZONE_REGIONS/${i}/lonMin`, `${r.lonMin} is east of lonMax ${r.lonMax}, expected lonMin ≤ lonMax`);
    if (r.latMin > r.latMax) add(`/attenuation/ZONE_REGIONS/${i}/latMin`, `${r.latMin} is north of latMax ${r.latMax}, expected latMin ≤ latMax`);
  });
  const [small, large] = p.attenuation.MS_TO_MW_SEGMENTS;
  p.attenuation.MS_TO_MW_SEGMENTS.forEach((s, i) => {
    if (!(s.msMin < s.msMax)) add(`/attenuation/MS_TO_MW_SEGMENTS/${i}/msMax`, `${s.msMax} is not above msMin ${s.msMin}, expected msMin < msMax`);
  });
  if (!(small.msMax < large.msMin)) add('/attenuation/MS_TO_MW_SEGMENTS/1/msMin', `${large.msMin} is not above the first segment's msMax ${small.msMax}, expected the segments in order with a gap`);
  else if (small.slope * small.msMax + small.intercept > large.slope * large.msMin + large.intercept) {
    add('/attenuation/MS_TO_MW_SEGMENTS/1/intercept', 'the second segment starts below the end of the first, expected Mw to rise with Ms');
  }
  const pga = p.attenuation.PGA_INTENSITY_RELATION;
  if (pga.intensityMin > pga.intensityMax) add('/attenuation/PGA_INTENSITY_RELATION/intensityMin', `${pga.intensityMin} is above intensityMax ${pga.intensityMax}, expected min ≤ max`);
  const curves = [
    ['SUBSTATION_FRAGILITY', p.fragility.SUBSTATION_FRAGILITY],
    ['BRIDGE_FRAGILITY', p.fragility.BRIDGE_FRAGILITY],
    ['CELL_SITE_FRAGILITY', p.fragility.CELL_SITE_FRAGILITY],
  ] as const;
  for (const [name, table] of curves) {
    for (const [id, curve] of Object.entries(table)) {
      for (let k = 1; k < 4; k++) {
        if (curve.medians[k] < curve.medians[k - 1]) add(`/fragility/${name}/${escapePointer(id)}/medians/${k}`, `${curve.medians[k]} is below the median of the state before (${curve.medians[k - 1]}), expected medians that do not decrease`);
      }
    }
  }
  const damaged = p.movement.DAMAGED_FROM_BRIDGE_DAMAGE.value, collapsed = p.movement.COLLAPSED_FROM_BRIDGE_DAMAGE.value;
  if (damaged > collapsed) add('/movement/DAMAGED_FROM_BRIDGE_DAMAGE/value', `${damaged} is above COLLAPSED_FROM_BRIDGE_DAMAGE ${collapsed}, expected a damaged bridge before a collapsed one`);
  return problems;
}

/**
 * Applies an override document to the defaults. Pure: the defaults are never
 * changed. Refuses the whole document, with every problem, or returns the
 * parameters and the list of numbers that differ from the defaults.
 */
export function applyParamOverrides(defaults: ModelParams, overrides: unknown, file = 'params.json'): ParamsResult {
  if (overrides === null || typeof overrides !== 'object' || Array.isArray(overrides)) {
    return { ok: false, problems: [{ file, pointer: '', message: `the document is ${show(overrides)}, expected a JSON object` }] };
  }
  const problems = schemaProblems(file, defaults, overrides);
  for (const d of DERIVED_PARAMS) {
    if (at(overrides, d.pointer) !== undefined) problems.push({ file, pointer: d.pointer, message: `follows #${d.from} and cannot be set itself, expected no value here` });
  }
  if (problems.length) return { ok: false, problems: problems.slice(0, LIMITS.problemsPerFile) };

  const { $schema: _schema, format: _format, description: _description, ...tables } = overrides as Record<string, Json>;
  const out: ParamOverride[] = [];
  const merged = merge(defaults, tables, '', file, out).value as Record<string, Json>;
  for (const d of DERIVED_PARAMS) {
    const changed = out.find((o) => o.pointer === d.from);
    if (changed) setAt(merged, d.pointer, changed.value, `follows ${d.from}: ${changed.source}`);
  }
  const params = merged as unknown as ModelParams;
  const inconsistent = consistencyProblems(file, params);
  if (inconsistent.length) return { ok: false, problems: inconsistent };
  return { ok: true, params, overrides: out, document: overrides as Record<string, unknown> };
}

/** Reads and applies an override file (size, nesting and NaN limits as for a scenario file). */
export function loadParams(files: Pick<ScenarioFiles, 'size' | 'read'>, relPath: string, defaults: ModelParams = DEFAULT_PARAMS): ParamsResult {
  const read = readJson({ mainName: relPath, scenarioId: '', ...files }, relPath, LIMITS.scenarioBytes);
  if ('problems' in read) return { ok: false, problems: read.problems };
  return applyParamOverrides(defaults, read.value, relPath);
}

/** The overrides as a report or a test compares them: pointer and value, in table order. */
export function sameOverrides(a: readonly Pick<ParamOverride, 'pointer' | 'value'>[], b: readonly Pick<ParamOverride, 'pointer' | 'value'>[]): boolean {
  return a.length === b.length && a.every((o, i) => o.pointer === b[i].pointer && Object.is(o.value, b[i].value));
}
