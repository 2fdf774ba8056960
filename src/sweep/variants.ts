// Variants files (`drilltwin/variants@1`): named what-ifs against one base
// scenario. A variant edits the parsed scenario documents (scenario.json and
// its sites and townships layers) and hands them back as ScenarioFiles, so
// the ordinary loader validates the result: a variant that makes the
// scenario invalid is refused with the loader's pointers. Ids a variant names
// are checked against the base scenario here, with pointers into the
// variants file. The base scenario always runs as variant "base".
//
// Common random numbers: every random stream is derived from the seed and a
// stream name (core/rng.ts), and the earthquake draws one damage number per
// substation, feeder, road and site in id order whatever their class, so a
// variant that changes settings, parameters, teams, UAVs, terminals or site
// classes leaves every damage draw where it was. Only adding or removing
// assets would shift them, and no variant here does.
import Ajv, { type ValidateFunction } from 'ajv';
import { applyParamOverrides, PARAMS_FORMAT } from '../scenario/params.ts';
import { DEFAULT_PARAMS, type ModelParams } from '../model/params/index.ts';
import type { ScenarioFiles } from '../scenario/load.ts';
import { problemFromAjv, show, type Problem } from '../scenario/problems.ts';

export const VARIANTS_FORMAT = 'drilltwin/variants@1';
export const BASE_VARIANT = 'base';

export interface Variant {
  name: string;
  description?: string;
  /** A params file's body (`format` may be left out). */
  params?: Record<string, unknown>;
  settings?: {
    emergencyRoaming?: boolean;
    prioritySupplyForComms?: boolean;
    airspaceGreenChannel?: boolean;
    /** Deprecated and ignored, as in the scenario format: feeders are repaired by powerCrew teams. */
    powerCrews?: number;
    doctrineSeats?: 'all' | 'none' | string[];
  };
  /** Sites made super base stations; backup raised to at least the given battery and fuel. */
  superSites?: { ids: string[]; batteryKwh?: number; generatorFuelHours?: number };
  /** Terminals pre-positioned in townships (raised to at least these counts). */
  prepositioned?: { townships: string[] | 'all'; satPhones?: number; beidou?: number };
  addTeams?: Record<string, unknown>[];
  removeTeams?: string[];
  addUavs?: Record<string, unknown>[];
  removeUavs?: string[];
  /** UAVs stationed elsewhere: a new airfield [lon, lat]. */
  moveUavs?: { id: string; airfield: [number, number] }[];
  /** Set on the variants of a parameter range (`--vary`, ranges.ts): the one parameter it changes. */
  vary?: { pointer: string; value: number; defaultValue: number };
}

export interface VariantsDoc {
  format: typeof VARIANTS_FORMAT;
  description?: string;
  variants: Variant[];
}

const ID = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' };
const IDS = { type: 'array', minItems: 1, maxItems: 10000, uniqueItems: true, items: ID };
const LONLAT = { type: 'array', minItems: 2, maxItems: 2, items: [{ type: 'number', minimum: -180, maximum: 180 }, { type: 'number', minimum: -90, maximum: 90 }] };

export const VARIANTS_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'drilltwin what-if variants',
  type: 'object',
  required: ['format', 'variants'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    format: { const: VARIANTS_FORMAT },
    description: { type: 'string', maxLength: 2000 },
    variants: {
      type: 'array',
      minItems: 1,
      maxItems: 200,
      items: {
        type: 'object',
        required: ['name'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$', not: { const: BASE_VARIANT } },
          description: { type: 'string', maxLength: 2000 },
          params: { type: 'object' },
          settings: {
            type: 'object',
            additionalProperties: false,
            properties: {
              emergencyRoaming: { type: 'boolean' },
              prioritySupplyForComms: { type: 'boolean' },
              airspaceGreenChannel: { type: 'boolean' },
              powerCrews: { type: 'integer', minimum: 0, maximum: 10000 },
              doctrineSeats: { anyOf: [{ enum: ['all', 'none'] }, { type: 'array', maxItems: 9, uniqueItems: true, items: { type: 'string' } }] },
            },
          },
          superSites: {
            type: 'object',
            required: ['ids'],
            additionalProperties: false,
            properties: { ids: IDS, batteryKwh: { type: 'number', minimum: 0, maximum: 10000 }, generatorFuelHours: { type: 'number', minimum: 0, maximum: 720 } },
          },
          prepositioned: {
            type: 'object',
            required: ['townships'],
            additionalProperties: false,
            properties: {
              townships: { anyOf: [{ const: 'all' }, IDS] },
              satPhones: { type: 'integer', minimum: 0, maximum: 10000 },
              beidou: { type: 'integer', minimum: 0, maximum: 10000 },
            },
          },
          addTeams: { type: 'array', maxItems: 1000, items: { type: 'object', required: ['id'] } },
          removeTeams: IDS,
          addUavs: { type: 'array', maxItems: 100, items: { type: 'object', required: ['id'] } },
          removeUavs: IDS,
          moveUavs: {
            type: 'array',
            maxItems: 100,
            items: { type: 'object', required: ['id', 'airfield'], additionalProperties: false, properties: { id: ID, airfield: LONLAT } },
          },
        },
      },
    },
  },
} as const;

let validator: ValidateFunction | null = null;

type Json = Record<string, unknown>;

export type VariantsResult = { ok: true; doc: VariantsDoc } | { ok: false; problems: Problem[] };

/** Validates a parsed variants file: shape (JSON Schema), unique names, and params against the parameter tables. */
export function validateVariants(value: unknown, file: string): VariantsResult {
  validator ??= new Ajv({ allErrors: true, verbose: true, strict: false }).compile(VARIANTS_SCHEMA);
  if (!validator(value)) return { ok: false, problems: (validator.errors ?? []).map((e) => problemFromAjv(file, e)) };
  const doc = value as VariantsDoc;
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  doc.variants.forEach((v, i) => {
    const first = seen.get(v.name);
    if (first !== undefined) problems.push({ file, pointer: `/variants/${i}/name`, message: `${show(v.name)} is already the name of /variants/${first}, expected a unique name` });
    else seen.set(v.name, i);
    if (v.params) {
      const result = applyParamOverrides(DEFAULT_PARAMS, { format: PARAMS_FORMAT, ...v.params }, file);
      if (!result.ok) for (const p of result.problems) problems.push({ file, pointer: `/variants/${i}/params${p.pointer}`, message: p.message });
    }
  });
  return problems.length ? { ok: false, problems } : { ok: true, doc };
}

/** The base scenario followed by the file's variants, in file order. */
export function variantsWithBase(doc: VariantsDoc): Variant[] {
  return [{ name: BASE_VARIANT, description: 'the scenario as it is' }, ...doc.variants];
}

/** The model parameters of a variant (the defaults when it gives none). Call only on a validated variant. */
export function variantParams(variant: Variant, file: string): ModelParams {
  if (!variant.params) return DEFAULT_PARAMS;
  const result = applyParamOverrides(DEFAULT_PARAMS, { format: PARAMS_FORMAT, ...variant.params }, file);
  if (!result.ok) throw new Error(`variant ${variant.name}: its params were not validated`);
  return result.params;
}

interface Docs {
  scenario: Json;
  sitesPath: string;
  sites: { features: { properties: Json }[] };
  townshipsPath: string;
  townships: { features: { properties: Json }[] };
}

function parse(files: ScenarioFiles, relPath: string): unknown {
  return JSON.parse(files.read(relPath));
}

function readDocs(files: ScenarioFiles): Docs {
  const scenario = parse(files, files.mainName) as Json;
  const layers = scenario.layers as Record<string, string>;
  return {
    scenario,
    sitesPath: layers.sites,
    sites: parse(files, layers.sites) as Docs['sites'],
    townshipsPath: layers.townships,
    townships: parse(files, layers.townships) as Docs['townships'],
  };
}

const ids = (items: unknown): string[] => (Array.isArray(items) ? items.map((x) => String((x as Json).id)) : []);

/**
 * Ids the variants name that the base scenario lacks (or already has, for
 * additions), as problems in the variants file. The base files must be a
 * valid scenario.
 */
export function checkVariantIds(doc: VariantsDoc, base: ScenarioFiles, file: string): Problem[] {
  const d = readDocs(base);
  const resources = (d.scenario.resources ?? {}) as Json;
  const known = {
    sites: new Set(ids(d.sites.features.map((f) => f.properties))),
    townships: new Set(ids(d.townships.features.map((f) => f.properties))),
    teams: new Set(ids(resources.teams)),
    uavs: new Set(ids(resources.uavs)),
  };
  const problems: Problem[] = [];
  const need = (set: Set<string>, what: string, list: readonly string[] | undefined, pointer: string) =>
    list?.forEach((id, k) => {
      if (!set.has(id)) problems.push({ file, pointer: `${pointer}/${k}`, message: `${show(id)} is not a ${what} of the scenario` });
    });
  const fresh = (set: Set<string>, what: string, list: readonly Json[] | undefined, pointer: string) =>
    list?.forEach((item, k) => {
      if (set.has(String(item.id))) problems.push({ file, pointer: `${pointer}/${k}/id`, message: `${show(item.id)} is already a ${what} of the scenario, expected a new id` });
    });
  doc.variants.forEach((v, i) => {
    const at = `/variants/${i}`;
    need(known.sites, 'site', v.superSites?.ids, `${at}/superSites/ids`);
    if (Array.isArray(v.prepositioned?.townships)) need(known.townships, 'township', v.prepositioned.townships, `${at}/prepositioned/townships`);
    need(known.teams, 'team', v.removeTeams, `${at}/removeTeams`);
    need(known.uavs, 'UAV', v.removeUavs, `${at}/removeUavs`);
    need(known.uavs, 'UAV', v.moveUavs?.map((m) => m.id), `${at}/moveUavs`);
    fresh(known.teams, 'team', v.addTeams, `${at}/addTeams`);
    fresh(known.uavs, 'UAV', v.addUavs, `${at}/addUavs`);
  });
  return problems;
}

/** The base scenario's documents with one variant's changes made (pure: the base files are read, never changed). */
export function variantDocs(base: ScenarioFiles, v: Variant): Record<string, unknown> {
  const d = readDocs(base);
  const scenario = d.scenario;
  if (v.settings) scenario.settings = { ...(scenario.settings as Json), ...v.settings };
  const resources = { ...((scenario.resources ?? {}) as Json) };
  const edit = (key: 'teams' | 'uavs', remove: string[] | undefined, add: Json[] | undefined) => {
    if (!remove && !add) return;
    const gone = new Set(remove ?? []);
    resources[key] = [...((resources[key] as Json[] | undefined) ?? []).filter((x) => !gone.has(String(x.id))), ...(add ?? [])];
  };
  edit('teams', v.removeTeams, v.addTeams);
  edit('uavs', v.removeUavs, v.addUavs);
  if (v.moveUavs) {
    const moved = new Map(v.moveUavs.map((m) => [m.id, m.airfield]));
    resources.uavs = ((resources.uavs as Json[] | undefined) ?? []).map((u) => (moved.has(String(u.id)) ? { ...u, airfield: moved.get(String(u.id)) } : u));
  }
  scenario.resources = resources;
  if (v.superSites) {
    const chosen = new Set(v.superSites.ids);
    const { batteryKwh, generatorFuelHours } = v.superSites;
    for (const f of d.sites.features) {
      const p = f.properties;
      if (!chosen.has(String(p.id))) continue;
      p.siteClass = 'super';
      if (batteryKwh !== undefined) p.batteryKwh = Math.max(Number(p.batteryKwh ?? 0), batteryKwh);
      if (generatorFuelHours !== undefined) p.generatorFuelHours = Math.max(Number(p.generatorFuelHours ?? 0), generatorFuelHours);
    }
  }
  if (v.prepositioned) {
    const { townships, satPhones, beidou } = v.prepositioned;
    const chosen = townships === 'all' ? null : new Set(townships);
    for (const f of d.townships.features) {
      const p = f.properties;
      if (chosen && !chosen.has(String(p.id))) continue;
      if (satPhones !== undefined) p.prepositionedSatPhones = Math.max(Number(p.prepositionedSatPhones ?? 0), satPhones);
      if (beidou !== undefined) p.prepositionedBeidou = Math.max(Number(p.prepositionedBeidou ?? 0), beidou);
    }
  }
  return { [base.mainName]: scenario, [d.sitesPath]: d.sites, [d.townshipsPath]: d.townships };
}

/** ScenarioFiles that read the variant's edited documents and the base's other files. */
export function variantFiles(base: ScenarioFiles, v: Variant): ScenarioFiles {
  if (v.name === BASE_VARIANT) return base;
  const texts = new Map(Object.entries(variantDocs(base, v)).map(([path, doc]) => [path, JSON.stringify(doc)]));
  const encoder = new TextEncoder();
  return {
    ...base,
    size: (relPath) => (texts.has(relPath) ? encoder.encode(texts.get(relPath)!).length : base.size(relPath)),
    read: (relPath) => texts.get(relPath) ?? base.read(relPath),
  };
}
