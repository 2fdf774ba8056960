// MSEL spreadsheets as bytes: XLSX (exceljs, which also runs in a browser)
// and CSV (UTF-8 with a byte-order mark, so Excel opens Chinese text right;
// GBK read too). The rows ↔ MSEL rules are src/drill/msel-sheet.ts. Bytes in,
// bytes out: the command line (cli/msel.ts) and the console (web/msel-file.ts)
// both read and write MSEL files with this one code.
import ExcelJS from 'exceljs';
import type { SheetRow } from '../src/drill/msel-sheet.ts';
import { decodeText, parseCsv, parseXlsx, type InputProblem } from './import/tables.ts';

export type SheetFormat = 'xlsx' | 'csv';

/** The format a file name says, or null. */
export function sheetFormatOf(name: string): SheetFormat | null {
  const m = /\.(xlsx|csv)$/i.exec(name);
  return m ? (m[1].toLowerCase() as SheetFormat) : null;
}

const SHEET_NAME = 'MSEL';

/** Header and rows of the first sheet (XLSX) or the file (CSV); problems name the file. */
export async function readSheet(name: string, bytes: Uint8Array): Promise<{ header: string[]; rows: SheetRow[] } | { problems: InputProblem[] }> {
  const format = sheetFormatOf(name);
  if (format === 'xlsx') {
    const read = await parseXlsx(name, bytes);
    if ('problems' in read) return read;
    return { header: read.table.headers, rows: read.table.rows };
  }
  if (format === 'csv') {
    const text = decodeText(bytes);
    if ('error' in text) return { problems: [{ file: name, at: '', message: text.error }] };
    const read = parseCsv(name, text.text);
    if ('problems' in read) return read;
    return { header: read.table.headers, rows: read.table.rows };
  }
  return { problems: [{ file: name, at: '', message: 'is neither .xlsx nor .csv, expected an MSEL spreadsheet' }] };
}

function csvCell(v: string): string {
  return /[",\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The header and rows as a file of the given format. */
export async function writeSheet(format: SheetFormat, header: readonly string[], rows: readonly (readonly string[])[]): Promise<Uint8Array> {
  if (format === 'csv') {
    const text = '\ufeff' + [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
    return new TextEncoder().encode(text);
  }
  const wb = new ExcelJS.Workbook();
  // A fixed date keeps the same MSEL exporting to the same bytes.
  wb.created = wb.modified = new Date(Date.UTC(2024, 0, 1));
  const ws = wb.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow([...header]).font = { bold: true };
  // Every cell as text, so Excel keeps "T+0:10" and ids such as "1" as written.
  for (const r of rows) ws.addRow([...r]);
  ws.columns.forEach((col, i) => {
    col.width = Math.min(60, Math.max(8, ...[header[i], ...rows.map((r) => r[i] ?? '')].map((v) => [...v].length + 2)));
    col.numFmt = '@';
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
