// Capability-target profiles ("drilltwin/targets@1"): which indicators a
// drill is scored on, how each is measured from the report's KPI series, and
// the thresholds of the four HSEEP rating bands. A profile is accepted whole
// or refused with every problem listed by JSON pointer, like a scenario.
// TARGETS_SCHEMA is the single source of scenarios/schema/targets.schema.json;
// a test fails if the published copy drifts from it.
import Ajv, { type ValidateFunction } from 'ajv';
import { problemFromAjv, show, type Problem } from '../scenario/problems.ts';
import { DEPARTMENTS } from '../model/seats.ts';
import { describeJsonSyntax } from '../core/json-syntax.ts';

export const TARGETS_FORMAT = 'drilltwin/targets@1';

export type Level = 'P' | 'S' | 'M' | 'U';
export const LEVELS: readonly Level[] = ['P', 'S', 'M', 'U'];
export type Direction = 'higherIsBetter' | 'lowerIsBetter';

/** How an indicator is measured. See REDUCERS for what each needs. */
export const REDUCERS = ['min', 'max', 'final', 'valueAt', 'timeToReach', 'resilienceLoss', 'meanLag'] as const;
export type Reducer = (typeof REDUCERS)[number];

/** Units a reducer's result can be expressed in. */
export const TIME_UNITS = ['s', 'min', 'h'] as const;
const TIME_REDUCERS: readonly string[] = ['timeToReach', 'meanLag'];

export interface SourceRef {
  /** The document's number as published, e.g. "工信部联信管〔2024〕256号", or its short title when it has none. */
  doc: string;
  /** The document's title (and number), as published. */
  title: string;
  /** Item or section number. */
  clause: string;
  /** The words the target rests on, quoted from the source text. */
  quote?: string;
}

export interface KpiSpec {
  /** KPI series id, or several summed. */
  series: string | string[];
  /** Denominator: the value is series ÷ per (several summed). Samples where it is 0 are skipped. */
  per?: string | string[];
  reduce: Reducer;
  /** valueAt: the sample at or before this time. */
  tSec?: number;
  /** min, max, resilienceLoss, timeToReach: the part of the run looked at. timeToReach counts from fromSec. */
  window?: { fromSec: number; toSec?: number };
  /** timeToReach: the condition, in the KPI's own units (fractions as 0–1). */
  op?: '>=' | '<=';
  threshold?: number;
  /** timeToReach: the condition must hold from then on to the end of the window, not just once. */
  sustained?: boolean;
  /** meanLag: cumulative count of requests answered; `series` is the cumulative count raised. */
  doneSeries?: string;
}

export interface IndicatorSpec {
  id: string;
  group: string;
  nameZh: string;
  nameEn: string;
  descriptionZh?: string;
  descriptionEn?: string;
  source: SourceRef;
  kpi: KpiSpec;
  unit: string;
  direction: Direction;
  /** Band limits in `unit`: a value at least as good as P is rated P, then S, then M; anything worse is U. */
  thresholds: { P: number; S: number; M: number };
  weight: number;
  /** The target (P limit) is the project's own, not a published number; the director may change it. */
  assumption: boolean;
  note?: string;
  /** Organisations (seat ids) responsible, for the per-department view. */
  departments?: string[];
}

export interface TargetGroup {
  id: string;
  nameZh: string;
  nameEn: string;
  source: SourceRef;
}

export interface ScoringScheme {
  /** Score of each rating level, 0–100 (GB/T 46792-2025 Annex D style conversion). */
  levelScores: Record<Level, number>;
  /** Lowest weighted-mean score for an overall or group rating of P, S and M; below M is U. */
  ratingCuts: { P: number; S: number; M: number };
  /** Lowest overall score counted as a pass. */
  passScore: number;
  assumption: boolean;
  note?: string;
}

export interface TargetProfile {
  $schema?: string;
  format: typeof TARGETS_FORMAT;
  id: string;
  name: { zh: string; en: string };
  description?: { zh: string; en?: string };
  scoring?: ScoringScheme;
  groups: TargetGroup[];
  indicators: IndicatorSpec[];
}

/**
 * Used when a profile has no `scoring` block. Assumption: GB/T 46792-2025
 * Annex D converts evaluation results to scores, but its exact numbers are
 * not in the project's references; these are ours. Cuts sit midway between
 * level scores, so an all-S drill rates S and passes.
 */
export const DEFAULT_SCORING: ScoringScheme = {
  levelScores: { P: 100, S: 80, M: 60, U: 30 },
  ratingCuts: { P: 90, S: 70, M: 45 },
  passScore: 70,
  assumption: true,
  note: 'Assumed conversion in the manner of GB/T 46792-2025 Annex D.',
};

// ---- JSON Schema (draft-07) ----

type Schema = Record<string, unknown>;
const id: Schema = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[a-z][A-Za-z0-9]*$', description: 'camelCase identifier: a lower-case letter, then letters and digits' };
const text: Schema = { type: 'string', minLength: 1, maxLength: 2000 };
const kpiId: Schema = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z][A-Za-z0-9]*$', description: 'KPI series id, e.g. populationServedFrac' };
// One id or a list to sum. String keywords apply to the string form, array keywords to the list.
const kpiIds: Schema = { ...kpiId, type: ['string', 'array'], minItems: 1, maxItems: 16, items: kpiId, description: 'KPI series id, or a list of ids to sum' };
const finite: Schema = { type: 'number' };
const orgId: Schema = { enum: [...DEPARTMENTS] };
const source: Schema = {
  type: 'object',
  required: ['doc', 'title', 'clause'],
  additionalProperties: false,
  properties: { doc: text, title: text, clause: text, quote: text },
};

export const TARGETS_SCHEMA: Schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'drilltwin capability-target profile',
  description:
    'Indicators a drill is scored on, grouped by goal; each is measured from a KPI series of the run report and rated on the four HSEEP levels (P, S, M, U).',
  type: 'object',
  required: ['format', 'id', 'name', 'groups', 'indicators'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    format: { const: TARGETS_FORMAT },
    id: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$', description: 'Identifier: letters, digits, _ . -' },
    name: { type: 'object', required: ['zh', 'en'], additionalProperties: false, properties: { zh: text, en: text } },
    description: { type: 'object', required: ['zh'], additionalProperties: false, properties: { zh: text, en: text } },
    scoring: {
      type: 'object',
      required: ['levelScores', 'ratingCuts', 'passScore', 'assumption'],
      additionalProperties: false,
      properties: {
        levelScores: {
          type: 'object',
          required: ['P', 'S', 'M', 'U'],
          additionalProperties: false,
          properties: Object.fromEntries(LEVELS.map((l) => [l, { type: 'number', minimum: 0, maximum: 100 }])),
        },
        ratingCuts: {
          type: 'object',
          required: ['P', 'S', 'M'],
          additionalProperties: false,
          properties: Object.fromEntries(['P', 'S', 'M'].map((l) => [l, { type: 'number', minimum: 0, maximum: 100 }])),
        },
        passScore: { type: 'number', minimum: 0, maximum: 100 },
        assumption: { type: 'boolean' },
        note: text,
      },
    },
    groups: {
      type: 'array',
      minItems: 1,
      maxItems: 32,
      items: {
        type: 'object',
        required: ['id', 'nameZh', 'nameEn', 'source'],
        additionalProperties: false,
        properties: { id, nameZh: text, nameEn: text, source },
      },
    },
    indicators: {
      type: 'array',
      minItems: 1,
      maxItems: 500,
      items: {
        type: 'object',
        required: ['id', 'group', 'nameZh', 'nameEn', 'source', 'kpi', 'unit', 'direction', 'thresholds', 'weight', 'assumption'],
        additionalProperties: false,
        properties: {
          id,
          group: id,
          nameZh: text,
          nameEn: text,
          descriptionZh: text,
          descriptionEn: text,
          source,
          kpi: {
            type: 'object',
            required: ['series', 'reduce'],
            additionalProperties: false,
            properties: {
              series: kpiIds,
              per: kpiIds,
              reduce: { enum: [...REDUCERS] },
              tSec: { type: 'integer', minimum: 0 },
              window: {
                type: 'object',
                required: ['fromSec'],
                additionalProperties: false,
                properties: { fromSec: { type: 'integer', minimum: 0 }, toSec: { type: 'integer', minimum: 0 } },
              },
              op: { enum: ['>=', '<='] },
              threshold: finite,
              sustained: { type: 'boolean' },
              doneSeries: kpiId,
            },
          },
          unit: { type: 'string', minLength: 1, maxLength: 16 },
          direction: { enum: ['higherIsBetter', 'lowerIsBetter'] },
          thresholds: {
            type: 'object',
            required: ['P', 'S', 'M'],
            additionalProperties: false,
            properties: { P: finite, S: finite, M: finite },
          },
          weight: { type: 'number', exclusiveMinimum: 0, maximum: 100 },
          assumption: { type: 'boolean' },
          note: text,
          departments: { type: 'array', maxItems: DEPARTMENTS.length, uniqueItems: true, items: orgId },
        },
      },
    },
  },
};

// ---- observations made by evaluators during the drill ----

export interface Observation {
  tSec: number;
  /** The indicator it is about; absent for a general note. */
  indicatorId?: string;
  /** A manual rating overrides the measured one in the score (both are shown). */
  rating?: Level;
  note: string;
  by: string;
}

export const OBSERVATIONS_SCHEMA: Schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'drilltwin evaluator observations',
  type: 'array',
  maxItems: 10_000,
  items: {
    type: 'object',
    required: ['tSec', 'note', 'by'],
    additionalProperties: false,
    properties: {
      tSec: { type: 'integer', minimum: 0 },
      indicatorId: id,
      rating: { enum: [...LEVELS] },
      note: { type: 'string', maxLength: 4000 },
      by: { type: 'string', minLength: 1, maxLength: 64 },
    },
  },
};

let compiled: { targets: ValidateFunction; observations: ValidateFunction } | null = null;
function validators() {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: false });
    compiled = { targets: ajv.compile(TARGETS_SCHEMA), observations: ajv.compile(OBSERVATIONS_SCHEMA) };
  }
  return compiled;
}

export type ProfileResult = { ok: true; profile: TargetProfile } | { ok: false; problems: Problem[] };
export type ObservationsResult = { ok: true; observations: Observation[] } | { ok: false; problems: Problem[] };

const PROBLEMS_PER_FILE = 100;

function parse(file: string, textIn: string): { value: unknown } | { problems: Problem[] } {
  try {
    return { value: JSON.parse(textIn) };
  } catch {
    // JSON.parse's message quotes the text; this names the line and column only.
    return { problems: [{ file, pointer: '', message: describeJsonSyntax(textIn) }] };
  }
}

function schemaProblems(file: string, validate: ValidateFunction, value: unknown): Problem[] {
  if (validate(value)) return [];
  const errors = validate.errors ?? [];
  const problems = errors.slice(0, PROBLEMS_PER_FILE).map((e) => problemFromAjv(file, e));
  if (errors.length > PROBLEMS_PER_FILE) problems.push({ file, pointer: '', message: `and ${errors.length - PROBLEMS_PER_FILE} more problems not listed` });
  return problems;
}

/** Parses, validates and checks a profile given as JSON text. `file` names it in messages. */
export function loadProfile(textIn: string, file: string): ProfileResult {
  const parsed = parse(file, textIn);
  if ('problems' in parsed) return { ok: false, problems: parsed.problems };
  return validateProfile(parsed.value, file);
}

/** Validates an already-parsed profile: JSON Schema first, then the checks a schema cannot state. */
export function validateProfile(value: unknown, file: string): ProfileResult {
  const problems = schemaProblems(file, validators().targets, value);
  if (problems.length) return { ok: false, problems };
  const profile = value as TargetProfile;
  const semantic = checkProfileSemantics(profile, file);
  return semantic.length ? { ok: false, problems: semantic } : { ok: true, profile };
}

function ids(x: string | string[] | undefined): string[] {
  return x === undefined ? [] : typeof x === 'string' ? [x] : x;
}

/** Checks a schema-valid profile: unique ids, known groups, ordered bands, reducer parameters, units. */
export function checkProfileSemantics(profile: TargetProfile, file: string): Problem[] {
  const problems: Problem[] = [];
  const add = (pointer: string, message: string) => problems.push({ file, pointer, message });

  const groupAt = new Map<string, number>();
  profile.groups.forEach((g, i) => {
    const first = groupAt.get(g.id);
    if (first !== undefined) add(`/groups/${i}/id`, `duplicate group id "${g.id}" (first at #/groups/${first}/id), expected ids unique within the profile`);
    else groupAt.set(g.id, i);
  });

  const indicatorAt = new Map<string, number>();
  profile.indicators.forEach((ind, i) => {
    const at = `/indicators/${i}`;
    const first = indicatorAt.get(ind.id);
    if (first !== undefined) add(`${at}/id`, `duplicate id "${ind.id}" (first at #/indicators/${first}/id), expected ids unique within the profile`);
    else indicatorAt.set(ind.id, i);

    if (!groupAt.has(ind.group)) add(`${at}/group`, `"${ind.group}" is not a group of this profile, expected one of: ${[...groupAt.keys()].join(', ')}`);
    if (!(ind.weight > 0)) add(`${at}/weight`, `${show(ind.weight)} is out of range, expected a number > 0`);

    const { P, S, M } = ind.thresholds;
    if (ind.direction === 'higherIsBetter' && !(P > S && S > M)) {
      add(`${at}/thresholds`, `P ${P}, S ${S}, M ${M} are not in order for higherIsBetter, expected P > S > M`);
    }
    if (ind.direction === 'lowerIsBetter' && !(P < S && S < M)) {
      add(`${at}/thresholds`, `P ${P}, S ${S}, M ${M} are not in order for lowerIsBetter, expected P < S < M`);
    }

    const k = ind.kpi;
    const kAt = `${at}/kpi`;
    if (!(REDUCERS as readonly string[]).includes(k.reduce)) {
      add(`${kAt}/reduce`, `unknown reducer ${show(k.reduce)}, expected one of: ${REDUCERS.join(', ')}`);
      return;
    }
    const need = (field: keyof KpiSpec, what: string) => {
      if (k[field] === undefined) add(`${kAt}/${field}`, `missing, the ${k.reduce} reducer needs ${what}`);
    };
    const forbid = (field: keyof KpiSpec) => {
      if (k[field] !== undefined) add(`${kAt}/${field}`, `not used by the ${k.reduce} reducer, expected it absent`);
    };
    if (k.reduce === 'valueAt') need('tSec', 'the time of the sample (tSec)');
    else forbid('tSec');
    if (k.reduce === 'timeToReach') {
      need('op', 'a comparison (">=" or "<=")');
      need('threshold', "the threshold to reach, in the KPI's own units");
    } else {
      forbid('op');
      forbid('threshold');
      forbid('sustained');
    }
    if (k.reduce === 'meanLag') {
      need('doneSeries', 'the cumulative count of requests answered (doneSeries)');
      if (k.per !== undefined) add(`${kAt}/per`, 'not used by the meanLag reducer, expected it absent');
      if (ids(k.series).length !== 1) add(`${kAt}/series`, 'the meanLag reducer needs one series: the cumulative count of requests raised');
    } else forbid('doneSeries');
    const span = k.window;
    if (span) {
      if (k.reduce === 'final' || k.reduce === 'valueAt' || k.reduce === 'meanLag') forbid('window');
      else if (span.toSec !== undefined && span.toSec <= span.fromSec) {
        add(`${kAt}/window/toSec`, `${span.toSec} is not after fromSec ${span.fromSec}, expected a later time`);
      }
    }

    const isTime = TIME_REDUCERS.includes(k.reduce);
    if (isTime && !(TIME_UNITS as readonly string[]).includes(ind.unit)) {
      add(`${at}/unit`, `${show(ind.unit)} is not a time unit, the ${k.reduce} reducer gives a time: expected one of: ${TIME_UNITS.join(', ')}`);
    }
    if (k.reduce === 'resilienceLoss' && ind.unit !== '%·h') {
      add(`${at}/unit`, `${show(ind.unit)} does not fit the resilienceLoss reducer, expected "%·h"`);
    }
    if (!isTime && k.reduce !== 'resilienceLoss' && (TIME_UNITS as readonly string[]).includes(ind.unit)) {
      add(`${at}/unit`, `${show(ind.unit)} is a time unit but the ${k.reduce} reducer gives a KPI value, expected the KPI's unit (e.g. "%", "km²", "sites")`);
    }
  });

  const sc = profile.scoring;
  if (sc) {
    const { P, S, M, U } = sc.levelScores;
    if (!(P > S && S > M && M > U)) add('/scoring/levelScores', `P ${P}, S ${S}, M ${M}, U ${U} are not in order, expected P > S > M > U`);
    const c = sc.ratingCuts;
    if (!(c.P > c.S && c.S > c.M)) add('/scoring/ratingCuts', `P ${c.P}, S ${c.S}, M ${c.M} are not in order, expected P > S > M`);
  }
  return problems.slice(0, PROBLEMS_PER_FILE);
}

/** Parses and validates evaluator observations (a JSON array). */
export function loadObservations(textIn: string, file: string): ObservationsResult {
  const parsed = parse(file, textIn);
  if ('problems' in parsed) return { ok: false, problems: parsed.problems };
  const problems = schemaProblems(file, validators().observations, parsed.value);
  return problems.length ? { ok: false, problems } : { ok: true, observations: parsed.value as Observation[] };
}
