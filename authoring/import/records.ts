// Rows of a table and features of a vector file seen the same way: a value
// per known field (found through the mapping's columns or the usual headers)
// and, for each value, where it is, as a person would look for it.
import { KNOWN_COLUMNS, VOCABULARY, wordKey, type InputSpec } from './mapping.ts';
import type { AsciiGrid } from './dem.ts';
import type { SourceFeature, RawGeometry } from './geo.ts';
import { columnLetter, type InputProblem, type Table } from './tables.ts';

export interface InputRecord {
  file: string;
  /** "row 12" / "#/features/3" / "record 4" / "way 812". */
  at: string;
  geometry: RawGeometry | null;
  /** The cell's text, or undefined when the column is absent or the cell is empty. */
  text(field: string): string | undefined;
  /** Where a field's value is: "row 12, column 经度 (C)" or "#/features/3/properties/XZQMC". */
  where(field: string): string;
}

export interface LoadedInput {
  /** Which input of the mapping this is (sites, townships …). */
  kind: string;
  spec: InputSpec;
  /** The file as shown in messages (as the mapping names it). */
  file: string;
  table?: Table;
  features?: SourceFeature[];
  grid?: AsciiGrid;
}

/**
 * The records of an input. A column the mapping names but the file lacks is a
 * problem; a field the mapping does not name is looked up among the usual
 * headers, and is simply absent when none is there.
 */
export function recordsOf(input: LoadedInput, problems: InputProblem[]): { records: InputRecord[]; has: (field: string) => boolean } {
  const known = KNOWN_COLUMNS[input.kind] ?? {};
  const named = input.spec.columns ?? {};
  for (const field of Object.keys(named)) {
    if (!(field in known)) problems.push({ file: input.file, at: '', message: `the mapping's columns name the field "${field}", which ${input.kind} does not have; expected one of: ${Object.keys(known).join(', ')}` });
  }
  if (input.table) {
    const t = input.table;
    const index = new Map<string, number>();
    for (const field of Object.keys(known)) {
      if (named[field] !== undefined) {
        const i = t.headers.indexOf(named[field]);
        if (i < 0) problems.push({ file: input.file, at: 'row 1', message: `no column ${JSON.stringify(named[field])} (the mapping's column for ${field}); the headers are: ${t.headers.join(', ')}` });
        else index.set(field, i);
        continue;
      }
      const i = t.headers.findIndex((h) => known[field].includes(h));
      if (i >= 0) index.set(field, i);
    }
    const records = t.rows.map((r): InputRecord => ({
      file: input.file,
      at: `row ${r.line}`,
      geometry: null,
      text: (field) => {
        const i = index.get(field);
        const v = i === undefined ? undefined : r.cells[i];
        return v === undefined || v === '' ? undefined : v;
      },
      where: (field) => {
        const i = index.get(field);
        return i === undefined ? `row ${r.line}` : `row ${r.line}, column ${t.headers[i]} (${columnLetter(i)})`;
      },
    }));
    return { records, has: (field) => index.has(field) };
  }
  const features = input.features ?? [];
  const keyOf = new Map<string, string>();
  const seenKeys = new Set(features.flatMap((f) => Object.keys(f.properties)));
  for (const field of Object.keys(known)) {
    if (named[field] !== undefined) {
      if (features.length && !seenKeys.has(named[field])) problems.push({ file: input.file, at: '', message: `no feature has the property ${JSON.stringify(named[field])} (the mapping's field for ${field}); the properties are: ${[...seenKeys].join(', ')}` });
      keyOf.set(field, named[field]);
      continue;
    }
    const k = known[field].find((h) => seenKeys.has(h));
    if (k !== undefined) keyOf.set(field, k);
  }
  const records = features.map((f): InputRecord => ({
    file: input.file,
    at: f.at,
    geometry: f.geometry,
    text: (field) => {
      const k = keyOf.get(field);
      const v = k === undefined ? undefined : f.properties[k];
      if (v === undefined || v === null) return undefined;
      const s = String(v).trim();
      return s === '' ? undefined : s;
    },
    where: (field) => {
      const k = keyOf.get(field);
      if (k === undefined) return f.at;
      return f.at.startsWith('#') ? `${f.at}/properties/${k}` : `${f.at}, field ${k}`;
    },
  }));
  return { records, has: (field) => keyOf.has(field) };
}

/** Reads typed values off records, collecting every problem instead of stopping at the first. */
export class FieldReader {
  constructor(
    readonly problems: InputProblem[],
    private readonly extraWords: Record<string, Record<string, string>> = {},
  ) {}

  fail(rec: InputRecord, field: string, message: string): undefined {
    this.problems.push({ file: rec.file, at: rec.where(field), message });
    return undefined;
  }

  number(rec: InputRecord, field: string, lo: number, hi: number, unit: string, required = false): number | undefined {
    const s = rec.text(field);
    if (s === undefined) return required ? this.fail(rec, field, `${field} is empty, expected ${unit}`) : undefined;
    const v = Number(s.replace(/,/g, '').replace(/(kwh|kw|ah|kv|h|人)$/i, ''));
    if (!Number.isFinite(v)) return this.fail(rec, field, `${JSON.stringify(s.slice(0, 40))} is not a number, expected ${unit}`);
    if (v < lo || v > hi) return this.fail(rec, field, `${v} is out of range, expected ${unit} from ${lo} to ${hi}`);
    return v;
  }

  /** A word from the vocabulary of `field` (or the mapping's own words). */
  word(rec: InputRecord, field: string, vocabulary = field): string | undefined {
    const s = rec.text(field);
    if (s === undefined) return undefined;
    const hit = this.lookup(vocabulary, s);
    if (hit === undefined) return this.fail(rec, field, `${JSON.stringify(s.slice(0, 40))} is not a known ${field}, expected one of: ${this.examples(vocabulary)} (or add it under "values" in the mapping)`);
    return hit;
  }

  /** Several words in one cell, split at / 、 , ; + and spaces. */
  words(rec: InputRecord, field: string): string[] | undefined {
    const s = rec.text(field);
    if (s === undefined) return undefined;
    const out: string[] = [];
    for (const part of s.split(/[/、,，;；+\s|]+/).filter(Boolean)) {
      const hit = this.lookup(field, part);
      if (hit === undefined) return this.fail(rec, field, `${JSON.stringify(part.slice(0, 40))} is not a known ${field}, expected one of: ${this.examples(field)} (or add it under "values" in the mapping)`);
      if (!out.includes(hit)) out.push(hit);
    }
    return out.length ? out : undefined;
  }

  private lookup(vocabulary: string, s: string): string | undefined {
    const own = this.extraWords[vocabulary];
    if (own && own[s] !== undefined) return own[s];
    return VOCABULARY[vocabulary]?.[wordKey(s)];
  }

  private examples(vocabulary: string): string {
    return Object.keys(VOCABULARY[vocabulary] ?? {}).slice(0, 12).join(', ');
  }
}
