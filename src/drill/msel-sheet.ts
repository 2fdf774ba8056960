// The MSEL as a spreadsheet: one row per inject, HSEEP's columns with
// Chinese or English headers. Pure (no file access): rows of cells in, an
// MSEL or every problem by row and column out, so the command line
// (authoring/msel-file.ts reads XLSX and CSV bytes) and the console share it.
// Each column is one spec: its headers, how a row's inject writes it, and how
// a cell reads back; the scenario schema and scenario/msel.ts then check the
// whole list, and their pointers are turned back into cells.
import Ajv, { type ValidateFunction } from 'ajv';
import type { ExpectedActionDoc } from '../model/msel.ts';
import type { InjectDoc } from '../model/scenario-format.ts';
import { DEPARTMENTS, SEATS } from '../model/seats.ts';
import { mselProblems } from '../scenario/msel.ts';
import { problemFromAjv } from '../scenario/problems.ts';
import { scenarioSchema } from '../scenario/schema.ts';
import { SEAT_NAMES } from '../scoring/i18n.ts';

export type SheetLang = 'zh' | 'en';
/** A cell as a reader gives it: text, a number, a boolean, or empty. */
export type Cell = string | number | boolean | null | undefined;

/** A data row as read, with its row number in the spreadsheet (the header is row 1). */
export interface SheetRow {
  line: number;
  cells: readonly Cell[];
}

/** A problem in a spreadsheet: 1-based row (the header is row 1), the column's letter and header, and why. */
export interface SheetProblem {
  row: number;
  column: string;
  header: string;
  message: string;
}

/** An inject being read from a row; the expected action's fields gather here before they are checked together. */
interface Draft {
  doc: Partial<InjectDoc> & { text?: { zh: string; en?: string } };
  expect: Partial<ExpectedActionDoc>;
}

interface ColumnSpec {
  key: string;
  en: string;
  zh: string;
  /** The cell text for an inject ('' = empty). */
  write(inj: InjectDoc): string;
  /** Reads a non-empty cell into the draft; a message when the cell cannot be read. */
  read(cell: string | number | boolean, draft: Draft): string | null;
  /** JSON pointers within an inject that this column answers for (the first match wins). */
  pointers: RegExp;
}

/** Scenario time as T+h:mm or T+h:mm:ss. */
export function formatSheetTime(tSec: number): string {
  const h = Math.floor(tSec / 3600);
  const m = Math.floor((tSec % 3600) / 60);
  const s = tSec % 60;
  return `T+${h}:${String(m).padStart(2, '0')}${s ? `:${String(s).padStart(2, '0')}` : ''}`;
}

const TIME_RE = /^\s*(?:T\s*\+\s*)?(\d{1,4}):([0-5]\d)(?::([0-5]\d))?\s*$/i;

/** A time cell: "T+2:30", "2:30:15", or a spreadsheet time (a fraction of a day, as Excel stores 2:30). */
function parseTime(cell: string | number | boolean): number | string {
  if (typeof cell === 'number') {
    const sec = Math.round(cell * 86_400);
    return Number.isFinite(cell) && cell >= 0 ? sec : `${cell} is not a time, expected T+h:mm such as T+2:30`;
  }
  // A time typed as 2:30 into Excel and read back as a date on its day zero (1899-12-30), as ISO text.
  const excel = /^1899-12-(30|31)T(\d\d):(\d\d):(\d\d)(?:\.\d+)?Z$/.exec(String(cell).trim());
  if (excel) return (excel[1] === '31' ? 86_400 : 0) + Number(excel[2]) * 3600 + Number(excel[3]) * 60 + Number(excel[4]);
  const m = TIME_RE.exec(String(cell));
  if (!m) return `${JSON.stringify(String(cell))} is not a time, expected T+h:mm or T+h:mm:ss such as T+2:30`;
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0);
}

const text = (cell: string | number | boolean) => String(cell).trim();

/** A seat by its code or its name in either language. */
function parseSeat(cell: string | number | boolean, allowed: readonly string[]): string | null {
  const v = text(cell);
  if (allowed.includes(v)) return v;
  for (const seat of allowed) {
    const names = SEAT_NAMES[seat];
    if (names && (names.zh === v || names.en.toLowerCase() === v.toLowerCase())) return seat;
  }
  return null;
}

const METHOD_NAMES_ZH: Record<string, string> = { system: '系统', phone: '电话', radio: '电台', email: '邮件', fax: '传真', inPerson: '当面', document: '文件' };

/** "township=t-dahejia; task=repairSite" → the township and the args to match. */
function parseTarget(cell: string, draft: Draft): string | null {
  const match: Record<string, string | number | boolean> = {};
  for (const part of cell.split(/[;；]/).map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) return `${JSON.stringify(part)} is not key=value, expected e.g. township=t-dahejia; task=repairSite`;
    const key = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    if (key === 'township') draft.expect.township = raw;
    else match[key] = raw === 'true' ? true : raw === 'false' ? false : raw !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  }
  if (Object.keys(match).length) draft.expect.match = match;
  return null;
}

function writeTarget(e: ExpectedActionDoc | undefined): string {
  if (!e) return '';
  const parts = e.township !== undefined ? [`township=${e.township}`] : [];
  for (const [k, v] of Object.entries(e.match ?? {})) parts.push(`${k}=${v}`);
  return parts.join('; ');
}

const setText = (draft: Draft, field: 'text' | 'synopsis', lang: SheetLang, v: string) => {
  const cur = (draft.doc[field] ?? { zh: '' }) as { zh: string; en?: string };
  draft.doc[field] = lang === 'zh' ? { ...cur, zh: v } : { ...cur, en: v };
};
const setExpectText = (draft: Draft, lang: SheetLang, v: string) => {
  const cur = draft.expect.text ?? { zh: '' };
  draft.expect.text = lang === 'zh' ? { ...cur, zh: v } : { ...cur, en: v };
};

export const MSEL_COLUMNS: readonly ColumnSpec[] = [
  { key: 'number', en: 'No.', zh: '序号', write: (i) => i.number ?? '', read: (c, d) => ((d.doc.number = text(c)), null), pointers: /^\/number/ },
  { key: 'id', en: 'ID', zh: '标识', write: (i) => i.id, read: (c, d) => ((d.doc.id = text(c)), null), pointers: /^\/id/ },
  {
    key: 'time',
    en: 'Scenario time',
    zh: '情景时间',
    write: (i) => formatSheetTime(i.tSec),
    read(c, d) {
      const t = parseTime(c);
      if (typeof t === 'string') return t;
      d.doc.tSec = t;
      return null;
    },
    pointers: /^\/tSec/,
  },
  { key: 'synopsisZh', en: 'Synopsis (zh)', zh: '摘要（中文）', write: (i) => i.synopsis?.zh ?? '', read: (c, d) => (setText(d, 'synopsis', 'zh', text(c)), null), pointers: /^\/synopsis(\/zh)?$/ },
  { key: 'synopsisEn', en: 'Synopsis (en)', zh: '摘要（英文）', write: (i) => i.synopsis?.en ?? '', read: (c, d) => (setText(d, 'synopsis', 'en', text(c)), null), pointers: /^\/synopsis\/en/ },
  { key: 'from', en: 'From', zh: '发出方', write: (i) => i.from ?? '', read: (c, d) => ((d.doc.from = text(c)), null), pointers: /^\/from/ },
  {
    key: 'to',
    en: 'To',
    zh: '接收方',
    write: (i) => i.to,
    read(c, d) {
      const seat = parseSeat(c, SEATS);
      if (!seat) return `${JSON.stringify(text(c))} is not a seat, expected one of: ${SEATS.join(', ')} (or its name)`;
      d.doc.to = seat;
      return null;
    },
    pointers: /^\/to/,
  },
  {
    key: 'method',
    en: 'Delivery method',
    zh: '传递方式',
    write: (i) => i.method ?? '',
    read(c, d) {
      const v = text(c);
      const code = Object.hasOwn(METHOD_NAMES_ZH, v) ? v : Object.keys(METHOD_NAMES_ZH).find((k) => METHOD_NAMES_ZH[k] === v);
      if (!code) return `${JSON.stringify(v)} is not a delivery method, expected one of: ${Object.keys(METHOD_NAMES_ZH).join(', ')} (or ${Object.values(METHOD_NAMES_ZH).join('、')})`;
      d.doc.method = code as InjectDoc['method'];
      return null;
    },
    pointers: /^\/method/,
  },
  { key: 'kind', en: 'Kind', zh: '类型', write: (i) => i.kind ?? '', read: (c, d) => ((d.doc.kind = text(c) as InjectDoc['kind']), null), pointers: /^\/kind/ },
  { key: 'textZh', en: 'Message (zh)', zh: '内容（中文）', write: (i) => i.text.zh, read: (c, d) => (setText(d, 'text', 'zh', text(c)), null), pointers: /^\/text(\/zh)?$/ },
  { key: 'textEn', en: 'Message (en)', zh: '内容（英文）', write: (i) => i.text.en ?? '', read: (c, d) => (setText(d, 'text', 'en', text(c)), null), pointers: /^\/text\/en/ },
  {
    key: 'data',
    en: 'Data',
    zh: '数据',
    write: (i) => (i.data ? JSON.stringify(i.data) : ''),
    read(c, d) {
      try {
        const v = JSON.parse(String(c)) as unknown;
        if (v === null || typeof v !== 'object' || Array.isArray(v)) return 'is not a JSON object, expected e.g. {"township": "t-dahejia"}';
        d.doc.data = v as InjectDoc['data'];
        return null;
      } catch {
        return `${JSON.stringify(String(c).slice(0, 40))} is not JSON, expected an object such as {"township": "t-dahejia"}`;
      }
    },
    pointers: /^\/data/,
  },
  { key: 'objective', en: 'Objective / capability', zh: '目标/能力', write: (i) => i.objective ?? '', read: (c, d) => ((d.doc.objective = text(c)), null), pointers: /^\/objective/ },
  { key: 'expectTextZh', en: 'Expected action', zh: '预期行动', write: (i) => i.expect?.text?.zh ?? '', read: (c, d) => (setExpectText(d, 'zh', text(c)), null), pointers: /^\/expect\/text(\/zh)?$/ },
  { key: 'expectTextEn', en: 'Expected action (en)', zh: '预期行动（英文）', write: (i) => i.expect?.text?.en ?? '', read: (c, d) => (setExpectText(d, 'en', text(c)), null), pointers: /^\/expect\/text\/en/ },
  { key: 'expectId', en: 'Expected action ID', zh: '预期行动标识', write: (i) => i.expect?.id ?? '', read: (c, d) => ((d.expect.id = text(c)), null), pointers: /^\/expect(\/id)?$/ },
  {
    key: 'expectSeat',
    en: 'Expected seat',
    zh: '预期席位',
    write: (i) => i.expect?.seat ?? '',
    read(c, d) {
      const seat = parseSeat(c, DEPARTMENTS);
      if (!seat) return `${JSON.stringify(text(c))} is not a department's seat, expected one of: ${DEPARTMENTS.join(', ')} (or its name)`;
      d.expect.seat = seat;
      return null;
    },
    pointers: /^\/expect\/seat/,
  },
  { key: 'expectCommand', en: 'Expected command', zh: '预期指令', write: (i) => i.expect?.command ?? '', read: (c, d) => ((d.expect.command = text(c)), null), pointers: /^\/expect\/command/ },
  { key: 'expectTarget', en: 'Expected target', zh: '预期目标', write: (i) => writeTarget(i.expect), read: (c, d) => parseTarget(String(c), d), pointers: /^\/expect\/(township|match)/ },
  {
    key: 'within',
    en: 'Within (min)',
    zh: '时限（分钟）',
    write: (i) => (i.expect ? String(i.expect.withinSec / 60) : ''),
    read(c, d) {
      const min = typeof c === 'number' ? c : Number(text(c));
      if (!Number.isFinite(min) || min <= 0) return `${JSON.stringify(String(c))} is not a number of minutes, expected e.g. 60`;
      d.expect.withinSec = Math.round(min * 60);
      return null;
    },
    pointers: /^\/expect\/withinSec/,
  },
  { key: 'contingency', en: 'Contingency', zh: '应急注入', write: (i) => i.expect?.contingency ?? '', read: (c, d) => ((d.expect.contingency = text(c)), null), pointers: /^\/expect\/contingency/ },
];

const REQUIRED_COLUMNS = ['id', 'time', 'to', 'textZh'];

/** Spreadsheet column letters: A…Z, AA… */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The MSEL as a header and rows of text cells, in the language asked for. */
/** Rows in the order written, numbered as a spreadsheet numbers them. */
export function numberRows(rows: readonly (readonly Cell[])[]): SheetRow[] {
  return rows.map((cells, i) => ({ line: i + 2, cells }));
}

export function mselToRows(msel: readonly InjectDoc[], lang: SheetLang): { header: string[]; rows: string[][] } {
  return { header: MSEL_COLUMNS.map((c) => c[lang]), rows: msel.map((inj) => MSEL_COLUMNS.map((c) => c.write(inj))) };
}

let validateMsel: ValidateFunction | null = null;
function mselValidator(): ValidateFunction {
  validateMsel ??= new Ajv({ allErrors: true, verbose: true, strict: false }).compile((scenarioSchema.properties as Record<string, unknown>).msel as object);
  return validateMsel;
}

const isEmpty = (c: Cell) => c === null || c === undefined || (typeof c === 'string' && c.trim() === '');

export interface SheetOptions {
  /** Scenario length: injects after it are refused. */
  durationSec: number;
  /** The scenario's townships, for expected actions' targets. */
  townshipIds?: ReadonlySet<string>;
}

/**
 * Header and rows (as read from XLSX or CSV) → the MSEL, or every problem by
 * row and column. Headers may be Chinese or English, in any order; unknown
 * headers and blank rows are refused and skipped respectively.
 */
export function rowsToMsel(header: readonly Cell[], rows: readonly SheetRow[], options: SheetOptions): { ok: true; msel: InjectDoc[] } | { ok: false; problems: SheetProblem[] } {
  const problems: SheetProblem[] = [];
  const columnOf = new Map<string, number>();
  header.forEach((h, i) => {
    if (isEmpty(h)) return;
    const name = String(h).trim();
    const spec = MSEL_COLUMNS.find((c) => c.en.toLowerCase() === name.toLowerCase() || c.zh === name);
    if (!spec) problems.push({ row: 1, column: columnLetter(i), header: name, message: `unknown column "${name}", expected one of: ${MSEL_COLUMNS.map((c) => c.en).join(', ')} (or in Chinese: ${MSEL_COLUMNS.map((c) => c.zh).join('、')})` });
    else if (columnOf.has(spec.key)) problems.push({ row: 1, column: columnLetter(i), header: name, message: `"${name}" repeats column ${columnLetter(columnOf.get(spec.key)!)}, expected each column once` });
    else columnOf.set(spec.key, i);
  });
  for (const key of REQUIRED_COLUMNS) {
    if (!columnOf.has(key)) {
      const spec = MSEL_COLUMNS.find((c) => c.key === key)!;
      problems.push({ row: 1, column: columnLetter(header.length), header: spec.en, message: `missing column "${spec.en}" (${spec.zh}), expected it in the header row` });
    }
  }
  if (problems.length) return { ok: false, problems };

  const headerOf = (key: string) => String(header[columnOf.get(key)!]).trim();
  const cellAt = (key: string) => ({ column: columnLetter(columnOf.get(key)!), header: headerOf(key) });
  const drafts: { doc: InjectDoc; row: number }[] = [];
  rows.forEach(({ line: row, cells }) => {
    if (cells.every(isEmpty)) return;
    const draft: Draft = { doc: {}, expect: {} };
    for (const spec of MSEL_COLUMNS) {
      const i = columnOf.get(spec.key);
      if (i === undefined || isEmpty(cells[i])) continue;
      const message = spec.read(cells[i] as string | number | boolean, draft);
      if (message) problems.push({ row, ...cellAt(spec.key), message });
    }
    if (Object.keys(draft.expect).length) draft.doc.expect = draft.expect as ExpectedActionDoc;
    // A contingency waits for its trigger: its time may be left empty.
    if (draft.doc.tSec === undefined && isEmpty(cells[columnOf.get('time')!])) draft.doc.tSec = NaN;
    drafts.push({ doc: draft.doc as InjectDoc, row });
  });
  const reserve = new Set(drafts.map((d) => d.doc.expect?.contingency).filter((c): c is string => c !== undefined));
  for (const d of drafts) {
    if (Number.isNaN(d.doc.tSec)) {
      if (reserve.has(d.doc.id)) d.doc.tSec = 0;
      else {
        problems.push({ row: d.row, ...cellAt('time'), message: 'empty, expected a time such as T+0:30 (only a contingency inject may leave it empty)' });
        d.doc.tSec = 0;
      }
    }
  }
  const msel = drafts.map((d) => d.doc);
  // The whole list against the scenario format, its pointers turned back into cells.
  const toCell = (pointer: string, message: string) => {
    const m = /^\/(\d+)(\/.*)?$/.exec(pointer);
    const index = m ? Number(m[1]) : 0;
    const rest = m?.[2] ?? '';
    const spec = MSEL_COLUMNS.find((c) => c.pointers.test(rest) && columnOf.has(c.key)) ?? MSEL_COLUMNS.find((c) => c.key === 'id')!;
    const missingColumn = !MSEL_COLUMNS.some((c) => c.pointers.test(rest) && columnOf.has(c.key)) && rest !== '' && !/^\/id/.test(rest);
    const where = cellAt(spec.key);
    const row = drafts[index]?.row ?? 2;
    // A cell that could not be read is reported once, not again as a missing field.
    if (cellProblems.has(`${row}:${where.column}`)) return;
    // "first at #/3/id" names a list index; the sheet's reader knows rows.
    const text = message.replace(/#\/(\d+)\/[A-Za-z/]+/g, (_, k: string) => `row ${drafts[Number(k)]?.row ?? Number(k) + 2}`);
    problems.push({ row, ...where, message: missingColumn ? `${rest.slice(1).replace(/\//g, '.')}: ${text}` : text });
  };
  const cellProblems = new Set(problems.map((p) => `${p.row}:${p.column}`));
  const validate = mselValidator();
  if (!validate(msel)) for (const e of (validate.errors ?? []).filter((x) => x.keyword !== 'if')) {
    const p = problemFromAjv('', e);
    toCell(p.pointer, p.message);
  }
  // The whole-list checks too (they read only what is there), each reported where no cell problem is already.
  for (const p of mselProblems(msel, '', '', options.durationSec, options.townshipIds)) toCell(p.pointer, p.message);
  if (problems.length) return { ok: false, problems: problems.sort((a, b) => a.row - b.row || a.column.length - b.column.length || (a.column < b.column ? -1 : a.column > b.column ? 1 : 0)) };
  return { ok: true, msel };
}

export function formatSheetProblem(file: string, p: SheetProblem): string {
  return `${file}: row ${p.row}, column ${p.column} (${p.header}): ${p.message}`;
}

/**
 * The scenario file's text with its MSEL replaced: what `drilltwin msel
 * import` writes and what the console loads after importing a spreadsheet,
 * byte for byte the same, so a drill run on either has the same scenario
 * sha256 and replays against the other.
 */
export function scenarioTextWithMsel(scenarioText: string, msel: readonly InjectDoc[]): string {
  const doc = JSON.parse(scenarioText) as Record<string, unknown>;
  doc.msel = msel;
  return JSON.stringify(doc, null, 1) + '\n';
}
