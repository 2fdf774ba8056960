// Schema pieces and checks that several saved formats share: times, hashes,
// commands, KPI series, warnings. Each is stated once here.
import { scenarioSchema } from '../../scenario/schema.ts';
import type { Problem, Schema } from './saved-format.ts';

export const scenarioProps = scenarioSchema.properties as Record<string, Schema>;

/** Longest run a report may describe: the scenario schema's largest durationHours. */
export const MAX_RUN_SEC = ((scenarioProps.durationHours as { maximum: number }).maximum * 3600) as number;

export const LIST_LIMITS = { commands: 200_000, series: 500, samples: MAX_RUN_SEC + 1 } as const;

export const tSec = { type: 'integer', minimum: 0, maximum: MAX_RUN_SEC };
export const text = { type: 'string', maxLength: 2000 };
export const name = { type: 'string', minLength: 1, maxLength: 128 };
export const code = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z][A-Za-z0-9_]*$', description: 'a code: letters, digits and _' };
export const count = { type: 'number', minimum: 0, maximum: 1e12 };
export const localized = { type: 'object', required: ['zh'], additionalProperties: false, properties: { zh: text, en: text } };
export const STATE_HASH = { type: 'string', pattern: '^[0-9a-f]{16,64}$', description: 'a state hash: 16 to 64 lower-case hex digits' };
export const SHA256 = { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'a SHA-256 digest: 64 lower-case hex digits' };
export const SEED = scenarioProps.seed;
export const ENGINE_VERSION_FIELD = { type: 'string', minLength: 1, maxLength: 64 };

/** Hourly (and final) state hashes, ascending. */
export const STATE_HASHES = {
  type: 'array',
  maxItems: LIST_LIMITS.samples,
  items: { type: 'object', required: ['tSec', 'hash'], additionalProperties: false, properties: { tSec, hash: STATE_HASH } },
};

/** A command as submitted; commandShapeError checks seat, type and args (the engine's one gate). */
export const COMMAND = {
  type: 'object',
  required: ['tSec', 'seat', 'type', 'args'],
  additionalProperties: false,
  properties: { tSec, seat: code, type: code, args: { type: 'object', maxProperties: 50 } },
};

export const APPLIED_COMMAND = {
  type: 'object',
  required: ['tSec', 'seat', 'type', 'args', 'result'],
  additionalProperties: false,
  properties: {
    ...COMMAND.properties,
    result: {
      type: 'object',
      minProperties: 1,
      maxProperties: 1,
      additionalProperties: false,
      properties: { ok: { const: true }, rejected: code },
      description: '{"ok": true} or {"rejected": reason}',
    },
    by: { const: 'doctrine' },
  },
};

export const KPI_SERIES = {
  type: 'object',
  required: ['tSec'],
  maxProperties: LIST_LIMITS.series,
  propertyNames: { pattern: '^[A-Za-z][A-Za-z0-9_]{0,63}$' },
  properties: { tSec: { type: 'array', maxItems: LIST_LIMITS.samples, items: tSec } },
  additionalProperties: { type: 'array', maxItems: LIST_LIMITS.samples, items: { type: ['number', 'null'], minimum: -1e12, maximum: 1e12 } },
};

export const WARNING = {
  type: 'object',
  required: ['id', 'sentAtSec', 'deliveredAtSec', 'seat', 'severity', 'event', 'headline', 'townships', 'areaNames', 'areaCodes', 'polygon', 'targetPeople', 'reachedPeople'],
  additionalProperties: false,
  properties: {
    id: name,
    sentAtSec: tSec,
    deliveredAtSec: tSec,
    seat: code,
    severity: { enum: ['Extreme', 'Severe', 'Moderate', 'Minor'] },
    event: text,
    headline: text,
    townships: { type: 'array', maxItems: 10_000, items: name },
    areaNames: { type: 'array', maxItems: 10_000, items: text },
    areaCodes: { type: 'array', maxItems: 10_000, items: { type: 'string', pattern: '^[0-9]{1,12}$' } },
    polygon: {
      type: ['array', 'null'],
      minItems: 3,
      maxItems: 10_000,
      items: { type: 'array', minItems: 2, maxItems: 2, items: [{ type: 'number', minimum: -180, maximum: 180 }, { type: 'number', minimum: -90, maximum: 90 }] },
    },
    targetPeople: count,
    reachedPeople: count,
  },
};

/** Ascending, unique times no later than `untilSec`. */
export function hashListProblems(file: string, at: string, hashes: { tSec: number }[], untilSec: number, what = 'run'): Problem[] {
  for (let i = 0; i < hashes.length; i++) {
    const t = hashes[i].tSec;
    if (t > untilSec) return [{ file, pointer: `${at}/${i}/tSec`, message: `${t} is after the end of the ${what} (${untilSec}), expected a time from 0 to ${untilSec}` }];
    if (i > 0 && t <= hashes[i - 1].tSec) return [{ file, pointer: `${at}/${i}/tSec`, message: `${t} is not after the previous hash's ${hashes[i - 1].tSec}, expected times in ascending order` }];
  }
  return [];
}

/** Every series as long as tSec; sample times ascending and within the run. */
export function seriesProblems(file: string, at: string, series: Record<string, unknown[]>, untilSec: number, what = 'run'): Problem[] {
  const problems: Problem[] = [];
  const t = series.tSec as number[];
  for (let i = 0; i < t.length; i++) {
    if (t[i] > untilSec) {
      problems.push({ file, pointer: `${at}/tSec/${i}`, message: `${t[i]} is after the end of the ${what} (${untilSec}), expected a time from 0 to ${untilSec}` });
      break;
    }
    if (i > 0 && t[i] <= t[i - 1]) {
      problems.push({ file, pointer: `${at}/tSec/${i}`, message: `${t[i]} is not after the previous sample's ${t[i - 1]}, expected times in ascending order` });
      break;
    }
  }
  for (const [id, values] of Object.entries(series)) {
    if (values.length !== t.length) problems.push({ file, pointer: `${at}/${id}`, message: `has ${values.length} samples, expected ${t.length} (one per entry of tSec)` });
  }
  return problems;
}

