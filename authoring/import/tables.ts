// Spreadsheets as tables of text cells: CSV (UTF-8 or GBK, declared or
// detected) and XLSX (exceljs). Every cell keeps its row and column so a
// problem can name them the way a spreadsheet shows them ("row 12, column
// 蓄电池容量 (F)").
import ExcelJS from 'exceljs';

export type Encoding = 'utf-8' | 'gbk';

export interface Table {
  /** The file as named in messages. */
  file: string;
  headers: string[];
  /** Data rows; `line` is the spreadsheet's row number (the header is row 1). */
  rows: { line: number; cells: string[] }[];
  /** How the text was decoded (CSV only). */
  encoding?: Encoding;
}

/** Where a problem is in an input: a cell, a row, a feature, or the whole file. */
export interface InputProblem {
  file: string;
  /** "row 12, column 经度 (C)", "#/features/3/properties/name", or "" for the whole file. */
  at: string;
  message: string;
}

export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });
// GB18030 is a superset of GBK and GB2312; the WHATWG decoder (browsers, Node with full ICU) reads all three.
const gb18030 = new TextDecoder('gb18030');

/**
 * Text of a CSV file. Declared: that encoding. Detected: a UTF-8 byte-order
 * mark or bytes that are valid UTF-8 mean UTF-8, anything else GBK (what
 * Chinese Excel saves as "CSV (逗号分隔)"). GBK text is almost never valid
 * UTF-8, and plain ASCII is the same in both.
 */
export function decodeText(bytes: Uint8Array, declared?: string): { text: string; encoding: Encoding } | { error: string } {
  const want = declared?.trim().toLowerCase().replace(/[^a-z0-9]/g, '');
  if (want !== undefined && want !== '' && want !== 'auto') {
    if (want === 'utf8') {
      try {
        return { text: stripBom(utf8Strict.decode(bytes)), encoding: 'utf-8' };
      } catch {
        return { error: 'is not valid UTF-8 although the mapping declares "utf-8" (saved from Chinese Excel it is usually GBK: declare "gbk" or "auto")' };
      }
    }
    if (want === 'gbk' || want === 'gb2312' || want === 'gb18030' || want === 'cp936') return { text: stripBom(gb18030.decode(bytes)), encoding: 'gbk' };
    return { error: `the encoding ${JSON.stringify(declared)} is not supported, expected "utf-8", "gbk" or "auto"` };
  }
  try {
    return { text: stripBom(utf8Strict.decode(bytes)), encoding: 'utf-8' };
  } catch {
    return { text: gb18030.decode(bytes), encoding: 'gbk' };
  }
}

const stripBom = (s: string): string => (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s);

/**
 * RFC 4180 CSV: quoted fields with doubled quotes and line breaks inside,
 * CRLF or LF. The delimiter is a comma unless the header line has more
 * semicolons or tabs. Blank lines are skipped.
 */
export function parseCsv(file: string, text: string): { table: Table } | { problems: InputProblem[] } {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const count = (c: string) => firstLine.split(c).length - 1;
  const delim = count('\t') > count(',') && count('\t') >= count(';') ? '\t' : count(';') > count(',') ? ';' : ',';
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const endRecord = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0].trim() === '')) records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
  };
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
      i++;
      continue;
    }
    if (c === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (c === delim) {
      cells.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      i++;
      continue;
    } else if (c === '\n' || c === '\r') {
      endRecord();
      line++;
      recordLine = line;
    } else cell += c;
    i++;
  }
  if (quoted) return { problems: [{ file, at: `row ${recordLine}`, message: 'a quoted field is not closed before the end of the file' }] };
  if (cell !== '' || cells.length) endRecord();
  if (records.length === 0) return { problems: [{ file, at: '', message: 'the file is empty, expected a header row and data rows' }] };
  const [head, ...rows] = records;
  return { table: { file, headers: head.cells.map((h) => h.trim()), rows: rows.map((r) => ({ line: r.line, cells: r.cells.map((c) => c.trim()) })) } };
}

/** The text a cell shows: numbers as written, dates as ISO, formulas by their cached result. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value.trim();
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('').trim();
    if ('text' in value) return String(value.text).trim();
    if ('error' in value) return '';
  }
  return String(value);
}

/** One sheet of an XLSX workbook (the first unless named). */
export async function parseXlsx(file: string, bytes: Uint8Array, sheet?: string): Promise<{ table: Table } | { problems: InputProblem[] }> {
  const wb = new ExcelJS.Workbook();
  try {
    // A plain Uint8Array: exceljs's Node and browser builds both take it (no Buffer in the browser).
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { problems: [{ file, at: '', message: 'is not an XLSX workbook (an old .xls? save it as .xlsx or CSV)' }] };
  }
  const ws = sheet === undefined ? wb.worksheets[0] : wb.getWorksheet(sheet);
  if (!ws) {
    const names = wb.worksheets.map((w) => w.name).join(', ');
    return { problems: [{ file, at: '', message: sheet === undefined ? 'the workbook has no sheet' : `no sheet named ${JSON.stringify(sheet)}, expected one of: ${names}` }] };
  }
  const width = ws.columnCount;
  const rows: { line: number; cells: string[] }[] = [];
  let headers: string[] | null = null;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
    if (cells.every((x) => x === '')) return;
    if (headers === null) headers = cells;
    else rows.push({ line: rowNumber, cells });
  });
  if (headers === null) return { problems: [{ file, at: '', message: 'the sheet is empty, expected a header row and data rows' }] };
  return { table: { file, headers, rows } };
}
