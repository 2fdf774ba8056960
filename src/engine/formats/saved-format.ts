// What every saved format (report, snapshot, drill) shares with the scenario
// loader: read with limits → check the format string → migrate, one numbered
// step at a time, to the current version → validate against the current
// JSON Schema → format-specific checks. Each problem names its place as
// `file#/json/pointer: what is wrong, expected what`, and nothing throws: a
// document is accepted whole or refused with its problems.
import Ajv, { type ValidateFunction } from 'ajv';
import { readJson } from '../../scenario/load.ts';
import { memoryScenarioFiles } from '../../scenario/memory-files.ts';
import { problemFromAjv, show, type Problem } from '../../scenario/problems.ts';

export type { Problem };
export type Doc = Record<string, unknown>;
export type Schema = Record<string, unknown>;

/** Most problems listed for one document; the rest are counted. */
export const MAX_PROBLEMS = 100;

/**
 * One migration step, from version `from` to `from + 1`. It gets its own copy
 * of the document and returns a result instead of throwing, so a malformed
 * old file becomes a problem, never a crash.
 */
export interface MigrationStep {
  from: number;
  up(doc: Doc): { ok: true; doc: Doc } | { ok: false; pointer: string; message: string };
}

export interface SavedFormat<T> {
  /** "report" in "drilltwin/report@1". */
  kind: string;
  /** How the file is named in messages: "run report". */
  what: string;
  /** The version this drilltwin writes. */
  current: number;
  /** Path of the format string inside the saved file. */
  formatAt: readonly string[];
  /** steps[i] migrates version i + 1 to i + 2; a chain of current − 1 steps. */
  steps: readonly MigrationStep[];
  /** JSON Schema of the current version. */
  schema: Schema;
  /** Size limit of the file, checked before parsing. */
  maxBytes: number;
  /** Checks that a schema states poorly (order, cross-field), on a file the schema accepted. */
  semantics?(doc: T, file: string): Problem[];
}

export type ReadResult<T> = { ok: true; doc: T; fromVersion: number } | { ok: false; problems: Problem[] };

export function formatString(kind: string, version: number): string {
  return `drilltwin/${kind}@${version}`;
}

export function pointerOf(path: readonly string[]): string {
  return path.map((k) => '/' + k.replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** Steps that break the "numbered in steps of one" rule; [] when the chain is whole. */
export function chainProblems(format: SavedFormat<unknown>): string[] {
  const problems: string[] = [];
  if (!(Number.isInteger(format.current) && format.current >= 1)) problems.push(`${format.kind}: current version ${format.current} is not a whole number ≥ 1`);
  if (format.steps.length !== format.current - 1) problems.push(`${format.kind}: ${format.steps.length} migration steps for ${format.current - 1} version changes`);
  format.steps.forEach((step, i) => {
    if (step.from !== i + 1) problems.push(`${format.kind}: step ${i} migrates from @${step.from}, expected @${i + 1}`);
  });
  return problems;
}

/** Reads the format string and migrates the document to the current version. */
export function migrateSaved(format: SavedFormat<unknown>, doc: Doc, file: string): { ok: true; doc: Doc; fromVersion: number } | { ok: false; problems: Problem[] } {
  const pointer = pointerOf(format.formatAt);
  let value: unknown = doc;
  for (const key of format.formatAt) value = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Doc)[key] : undefined;
  const current = formatString(format.kind, format.current);
  const fail = (message: string) => ({ ok: false as const, problems: [{ file, pointer, message }] });
  const match = typeof value === 'string' ? /^drilltwin\/([a-z]+)@(\d{1,6})$/.exec(value) : null;
  if (!match || match[1] !== format.kind) {
    return fail(`${show(value)} is not a drilltwin ${format.what} format, expected ${format.current === 1 ? `"${current}"` : `"${formatString(format.kind, 1)}" to "${current}"`}`);
  }
  const version = Number(match[2]);
  if (version > format.current) {
    return fail(`"${value}" was written by a newer drilltwin; this one reads ${format.what}s up to "${current}", so update drilltwin to open it`);
  }
  if (version < 1) return fail(`"${value}" is not a version of the ${format.what} format, expected "${current}"`);
  let migrated: Doc = doc;
  for (let v = version; v < format.current; v++) {
    const step = format.steps.find((s) => s.from === v);
    if (!step) return fail(`no migration from ${formatString(format.kind, v)} to @${v + 1}`);
    let result: ReturnType<MigrationStep['up']>;
    try {
      result = step.up(structuredClone(migrated));
    } catch (err) {
      // A step is written to return its refusals; a throw is a bug in the step, reported, not raised.
      result = { ok: false, pointer: '', message: `could not be migrated (${(err as Error).message})` };
    }
    if (!result.ok) {
      return { ok: false, problems: [{ file, pointer: result.pointer, message: `${result.message} (while migrating ${formatString(format.kind, v)} to @${v + 1})` }] };
    }
    migrated = result.doc;
  }
  return { ok: true, doc: migrated, fromVersion: version };
}

const compiled = new WeakMap<Schema, ValidateFunction>();
let ajv: Ajv | null = null;

function validatorFor(schema: Schema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    ajv ??= new Ajv({ allErrors: true, verbose: true, strict: false });
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/** Problems of `value` against `schema`, with pointers (ajv errors turned into sentences). */
export function schemaProblems(file: string, schema: Schema, value: unknown): Problem[] {
  const validate = validatorFor(schema);
  if (validate(value)) return [];
  const problems: Problem[] = [];
  for (const e of validate.errors ?? []) {
    if (e.keyword === 'if' || e.keyword === 'oneOf' || e.keyword === 'anyOf' || e.keyword === 'propertyNames') continue;
    problems.push(extraProblem(file, e) ?? problemFromAjv(file, e));
  }
  return problems.length ? problems : [{ file, pointer: '', message: 'does not match the schema' }];
}

/** Messages problemFromAjv does not word: typed-array lengths (`x-per`: "one per site"), field counts, key names. */
function extraProblem(file: string, e: NonNullable<ValidateFunction['errors']>[number]): Problem | null {
  const parent = (e.parentSchema ?? {}) as Schema;
  const limit = (e.params as { limit?: number }).limit;
  if ((e.keyword === 'minItems' || e.keyword === 'maxItems') && typeof parent['x-per'] === 'string' && Array.isArray(e.data)) {
    return { file, pointer: e.instancePath, message: `has ${e.data.length} values, expected ${limit} (${parent['x-per']})` };
  }
  if (e.keyword === 'minProperties' || e.keyword === 'maxProperties') {
    const n = e.data !== null && typeof e.data === 'object' ? Object.keys(e.data).length : 0;
    const hint = typeof parent.description === 'string' ? ` (${parent.description})` : '';
    return { file, pointer: e.instancePath, message: `has ${n} field${n === 1 ? '' : 's'}, expected ${e.keyword === 'minProperties' ? 'at least' : 'at most'} ${limit}${hint}` };
  }
  if (e.keyword === 'type' && Array.isArray(parent.type)) {
    const names: Record<string, string> = { number: 'a number', integer: 'an integer', string: 'a string', boolean: 'true or false', object: 'an object', array: 'an array', null: 'null' };
    return { file, pointer: e.instancePath, message: `${show(e.data)} has the wrong type, expected ${(parent.type as string[]).map((t) => names[t] ?? t).join(' or ')}` };
  }
  if (e.propertyName !== undefined) {
    // An error inside propertyNames: the key itself is wrong.
    const pointer = `${e.instancePath}/${e.propertyName.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    const allowed = (e.params as { allowedValues?: unknown[] }).allowedValues;
    return { file, pointer, message: `unknown field ${show(e.propertyName)}, expected ${allowed ? `one of: ${allowed.join(', ')}` : 'a name of letters, digits and _'}` };
  }
  return null;
}

/** Problems as lines "#/pointer: what, expected what", for an error message that already names the file. */
export function problemLines(problems: Problem[]): string {
  return problems.map((p) => (p.pointer ? `#${p.pointer}: ${p.message}` : p.message)).join('\n');
}

/** At most MAX_PROBLEMS problems, then one that counts the rest. */
export function capProblems(problems: Problem[], file: string): Problem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  const kept = problems.slice(0, MAX_PROBLEMS);
  kept.push({ file, pointer: '', message: `and ${problems.length - MAX_PROBLEMS} more problems not listed` });
  return kept;
}

/** Parses text with the scenario loader's limits: size, nesting depth, finite numbers only. */
export function parseSaved(text: string, file: string, maxBytes: number): { value: unknown } | { problems: Problem[] } {
  return readJson(memoryScenarioFiles('', { [file]: text }, file), file, maxBytes);
}

/** A parsed document: format → migrate → schema → semantics. */
export function checkSaved<T>(format: SavedFormat<T>, value: unknown, file: string): ReadResult<T> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, problems: [{ file, pointer: '', message: `the document is ${show(value)}, expected a JSON object (a drilltwin ${format.what})` }] };
  }
  const migrated = migrateSaved(format as SavedFormat<unknown>, value as Doc, file);
  if (!migrated.ok) return migrated;
  const problems = schemaProblems(file, format.schema, migrated.doc);
  if (problems.length) return { ok: false, problems: capProblems(problems, file) };
  const doc = migrated.doc as T;
  const semantic = format.semantics?.(doc, file) ?? [];
  if (semantic.length) return { ok: false, problems: capProblems(semantic, file) };
  return { ok: true, doc, fromVersion: migrated.fromVersion };
}

/** Text of a saved file → the document in the current version, or its problems. */
export function readSaved<T>(format: SavedFormat<T>, text: string, file: string): ReadResult<T> {
  const parsed = parseSaved(text, file, format.maxBytes);
  if ('problems' in parsed) return { ok: false, problems: parsed.problems };
  return checkSaved(format, parsed.value, file);
}
