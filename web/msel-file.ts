// MSEL spreadsheets in the browser: XLSX through exceljs and CSV (UTF-8,
// with a byte-order mark so Excel reads Chinese right), read into header and
// numbered rows for src/drill/msel-sheet.ts and written from its rows. The
// CLI's reader (tools/msel-file.ts) lies in a layer the page may not import;
// this one keeps to the same conventions: the first sheet, every cell as
// text, the header in row 1.
import type { Cell, SheetRow } from '../src/drill/msel-sheet.ts';

export type SheetFormat = 'xlsx' | 'csv';

export function sheetFormatOf(name: string): SheetFormat | null {
  const m = /\.(xlsx|csv)$/i.exec(name);
  return m ? (m[1].toLowerCase() as SheetFormat) : null;
}

/** RFC 4180 CSV: quoted fields with doubled quotes, CRLF or LF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function cellText(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'object') {
    const o = v as { text?: unknown; richText?: { text: string }[]; result?: unknown };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
    if (typeof o.text === 'string') return o.text;
    if (o.result !== undefined) return cellText(o.result);
  }
  return String(v);
}

/** Header and numbered rows of an MSEL file, or why it cannot be read. */
export async function readSheetFile(name: string, bytes: ArrayBuffer): Promise<{ header: Cell[]; rows: SheetRow[] } | { problem: string }> {
  const format = sheetFormatOf(name);
  if (format === 'csv') {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return { problem: `${name}: not UTF-8 text; save the CSV as UTF-8 (or use .xlsx)` };
    }
    const all = parseCsv(text.replace(/^\ufeff/, ''));
    if (all.length === 0) return { problem: `${name}: empty, expected a header row` };
    return { header: all[0], rows: all.slice(1).map((cells, i) => ({ line: i + 2, cells })) };
  }
  if (format === 'xlsx') {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(bytes);
    } catch (err) {
      return { problem: `${name}: not a readable .xlsx workbook (${(err as Error).message})` };
    }
    const ws = wb.worksheets[0];
    if (!ws) return { problem: `${name}: the workbook has no sheet` };
    const width = ws.columnCount;
    const read = (r: number): Cell[] => Array.from({ length: width }, (_, c) => cellText(ws.getRow(r).getCell(c + 1).value));
    const rows: SheetRow[] = [];
    for (let r = 2; r <= ws.rowCount; r++) rows.push({ line: r, cells: read(r) });
    return { header: read(1), rows };
  }
  return { problem: `${name}: neither .xlsx nor .csv, expected an MSEL spreadsheet` };
}

function csvCell(v: string): string {
  return /[",\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The rows as file bytes: every cell as text, the header bold and frozen in XLSX. */
export async function writeSheetFile(format: SheetFormat, header: readonly string[], rows: readonly (readonly string[])[]): Promise<Blob> {
  if (format === 'csv') {
    const text = '\ufeff' + [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
    return new Blob([text], { type: 'text/csv;charset=utf-8' });
  }
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('MSEL', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow([...header]).font = { bold: true };
  for (const r of rows) ws.addRow([...r]);
  ws.columns.forEach((col, i) => {
    col.width = Math.min(60, Math.max(8, ...[header[i], ...rows.map((r) => r[i] ?? '')].map((v) => [...v].length + 2)));
    col.numFmt = '@';
  });
  return new Blob([await wb.xlsx.writeBuffer()], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}
