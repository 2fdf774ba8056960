// MSEL spreadsheets in the browser: the console reads and writes them with
// the command line's code (authoring/msel-file.ts: XLSX through exceljs, CSV
// in UTF-8 with a byte-order mark, GBK read too), so both keep the same
// conventions (the first sheet, every cell as text, the header in row 1).
// This file only adapts it to the page: the module (and exceljs with it) is
// loaded on the first import or export, problems become one line of text, and
// the bytes written become a Blob for the download.
import type { Cell, SheetRow } from '../src/drill/msel-sheet.ts';
import type { SheetFormat } from '../authoring/msel-file.ts';

export type { SheetFormat };

/** Header and numbered rows of an MSEL file, or why it cannot be read. */
export async function readSheetFile(name: string, bytes: ArrayBuffer): Promise<{ header: Cell[]; rows: SheetRow[] } | { problem: string }> {
  const { readSheet } = await import('../authoring/msel-file.ts');
  const read = await readSheet(name, new Uint8Array(bytes));
  if ('problems' in read) return { problem: read.problems.map((p) => `${p.file}${p.at ? `: ${p.at}` : ''}: ${p.message}`).join('\n') };
  return read;
}

const MIME: Record<SheetFormat, string> = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The rows as a file: every cell as text, the header bold and frozen in XLSX. */
export async function writeSheetFile(format: SheetFormat, header: readonly string[], rows: readonly (readonly string[])[]): Promise<Blob> {
  const { writeSheet } = await import('../authoring/msel-file.ts');
  // A copy on a plain ArrayBuffer, which is what Blob's type asks for.
  return new Blob([new Uint8Array(await writeSheet(format, header, rows))], { type: MIME[format] });
}
