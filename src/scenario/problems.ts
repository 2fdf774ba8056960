// A problem found in a scenario, and how ajv's errors become sentences an
// author can act on: "file#/json/pointer: what is wrong, expected what".
import type { ErrorObject } from 'ajv';

export interface Problem {
  file: string;
  /** JSON pointer inside the file ("" for the whole file). */
  pointer: string;
  message: string;
}

export function formatProblem(p: Problem): string {
  return p.pointer === '' && !p.file.includes('#') ? `${p.file}: ${p.message}` : `${p.file}#${p.pointer}: ${p.message}`;
}

/** JSON Pointer escaping (RFC 6901) of one key. */
export function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** How a value is shown inside a message: strings quoted, long values cut. */
export function show(value: unknown): string {
  let s: string;
  if (typeof value === 'string') s = JSON.stringify(value);
  else if (value === undefined) s = 'nothing';
  else if (Array.isArray(value)) s = 'an array';
  else if (value === null) s = 'null';
  else if (typeof value === 'object') s = 'an object';
  else s = String(value);
  return s.length > 60 ? s.slice(0, 57) + '...' : s;
}

const typeNames: Record<string, string> = {
  number: 'a number',
  integer: 'an integer',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

function rangeText(schema: Record<string, unknown>): string {
  const lo = schema.minimum ?? schema.exclusiveMinimum;
  const hi = schema.maximum ?? schema.exclusiveMaximum;
  const kind = schema.type === 'integer' ? 'an integer' : 'a number';
  const loText = schema.exclusiveMinimum !== undefined ? `> ${lo}` : `≥ ${lo}`;
  const hiText = schema.exclusiveMaximum !== undefined ? `< ${hi}` : `≤ ${hi}`;
  if (lo !== undefined && hi !== undefined) {
    if (schema.exclusiveMinimum === undefined && schema.exclusiveMaximum === undefined) return `${kind} from ${lo} to ${hi}`;
    return `${kind} ${loText} and ${hiText}`;
  }
  if (lo !== undefined) return `${kind} ${loText}`;
  return `${kind} ${hiText}`;
}

/** One ajv error (validated with verbose: true) → one problem. */
export function problemFromAjv(file: string, error: ErrorObject): Problem {
  const pointer = error.instancePath;
  const parent = (error.parentSchema ?? {}) as Record<string, unknown>;
  const params = error.params as Record<string, unknown>;
  const data = error.data;
  switch (error.keyword) {
    case 'type':
      return { file, pointer, message: `${show(data)} has the wrong type, expected ${typeNames[String(params.type)] ?? params.type}` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { file, pointer, message: `${show(data)} is out of range, expected ${rangeText(parent)}` };
    case 'required':
      return { file, pointer: `${pointer}/${escapePointer(String(params.missingProperty))}`, message: `missing required field "${params.missingProperty}"` };
    case 'additionalProperties': {
      const known = Object.keys((parent.properties ?? {}) as object);
      return {
        file,
        pointer: `${pointer}/${escapePointer(String(params.additionalProperty))}`,
        message: `unknown field "${params.additionalProperty}", expected one of: ${known.join(', ')}`,
      };
    }
    case 'enum':
      return { file, pointer, message: `${show(data)} is not an allowed value, expected one of: ${(params.allowedValues as unknown[]).join(', ')}` };
    case 'const':
      return { file, pointer, message: `${show(data)} is not allowed, expected ${show(params.allowedValue)}` };
    case 'minItems':
      return { file, pointer, message: `has ${(data as unknown[]).length} items, expected at least ${params.limit}` };
    case 'maxItems':
      return { file, pointer, message: `has ${(data as unknown[]).length} items, expected at most ${params.limit}` };
    case 'minLength':
      return { file, pointer, message: `${show(data)} is too short, expected at least ${params.limit} characters` };
    case 'maxLength':
      return { file, pointer, message: `${show(data)} is too long, expected at most ${params.limit} characters` };
    case 'pattern':
      return { file, pointer, message: `${show(data)} is not in the expected form: ${parent.description ?? params.pattern}` };
    case 'uniqueItems':
      return { file, pointer, message: `items ${params.j} and ${params.i} are the same, expected each value once` };
    default:
      return { file, pointer, message: `${error.message ?? 'is invalid'}` };
  }
}
