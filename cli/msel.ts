// `drilltwin msel export SCENARIO --out FILE.xlsx|.csv [--lang zh|en]` and
// `drilltwin msel import FILE.xlsx|.csv --into SCENARIO`: the scenario's
// master scenario events list as a spreadsheet and back. The import replaces
// the scenario's msel only when every row is valid and the scenario still
// loads with it; otherwise every problem is listed by row and column and
// nothing is written.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { scenarioTextWithMsel, formatSheetProblem, mselToRows, rowsToMsel, type SheetLang } from '../src/drill/msel-sheet.ts';
import { formatProblems, loadScenario } from '../src/scenario/load.ts';
import { readSheet, sheetFormatOf, writeSheet } from '../authoring/msel-file.ts';
import { readUserBytes, readUserFile, showPath } from '../workers/user-file.ts';
import { UsageError } from './args.ts';
import { diskScenarioFiles } from './files.ts';
import { checkOutputFile, writeOutputsAtomically } from './output-files.ts';

type Out = { log(s: string): void; err(s: string): void };

export const MSEL_USAGE = `drilltwin msel export SCENARIO --out MSEL.xlsx|MSEL.csv [--lang zh|en]
  drilltwin msel import MSEL.xlsx|MSEL.csv --into SCENARIO`;

/** A spreadsheet of 10,000 injects is well under this. */
const SHEET_BYTES = 32 * 1024 * 1024;

/** SCENARIO as a folder or its scenario.json. */
function scenarioPath(arg: string): string {
  return existsSync(arg) && statSync(arg).isDirectory() ? join(arg, 'scenario.json') : arg;
}

export async function mselCommand(argv: string[], out: Out): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'export') return exportMsel(rest, out);
  if (sub === 'import') return importMsel(rest, out);
  throw new UsageError(`expected "export" or "import", got ${sub === undefined ? 'nothing' : JSON.stringify(sub)}\n\nUsage:\n  ${MSEL_USAGE}`);
}

async function exportMsel(argv: string[], out: Out): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string' }, lang: { type: 'string' } } });
  if (positionals.length !== 1) throw new UsageError('msel export: expected exactly one SCENARIO (its folder or scenario.json)');
  if (values.out === undefined) throw new UsageError('msel export: --out FILE.xlsx or FILE.csv is required');
  const format = sheetFormatOf(values.out);
  if (!format) throw new UsageError(`--out: ${showPath(values.out)} is neither .xlsx nor .csv`);
  const lang = (values.lang ?? 'zh') as SheetLang;
  if (lang !== 'zh' && lang !== 'en') throw new UsageError(`--lang: "${values.lang}" is not a language, expected zh or en`);
  checkOutputFile('--out', values.out);
  const path = scenarioPath(positionals[0]);
  const loaded = loadScenario(diskScenarioFiles(path));
  if (!loaded.ok) {
    out.err(`${showPath(path)}: the scenario is invalid:\n${formatProblems(loaded.problems)}`);
    return 2;
  }
  const { header, rows } = mselToRows(loaded.world.msel, lang);
  writeOutputsAtomically([{ label: '--out', path: values.out, text: await writeSheet(format, header, rows) }]);
  out.log(`wrote ${rows.length} injects of ${loaded.world.scenarioId} to ${showPath(values.out)} (${format.toUpperCase()}, ${lang === 'zh' ? 'Chinese' : 'English'} headers)`);
  return 0;
}

async function importMsel(argv: string[], out: Out): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { into: { type: 'string' } } });
  if (positionals.length !== 1) throw new UsageError('msel import: expected exactly one spreadsheet FILE.xlsx or FILE.csv');
  if (values.into === undefined) throw new UsageError('msel import: --into SCENARIO (its folder or scenario.json) is required');
  const file = positionals[0];
  const path = scenarioPath(values.into);
  const before = loadScenario(diskScenarioFiles(path));
  if (!before.ok) {
    out.err(`${showPath(path)}: the scenario is invalid before the import; nothing was written:\n${formatProblems(before.problems)}`);
    return 2;
  }
  const sheet = await readSheet(showPath(file), readUserBytes(file, { label: '', maxBytes: SHEET_BYTES }));
  if ('problems' in sheet) {
    out.err(sheet.problems.map((p) => `${p.file}${p.at ? `: ${p.at}` : ''}: ${p.message}`).join('\n'));
    return 2;
  }
  const read = rowsToMsel(sheet.header, sheet.rows, { durationSec: before.world.durationSec, townshipIds: new Set(before.world.townships.ids) });
  if (!read.ok) {
    out.err(`${showPath(file)}: the MSEL is invalid (${read.problems.length} problem${read.problems.length === 1 ? '' : 's'}); nothing was written:`);
    out.err(read.problems.map((p) => formatSheetProblem(showPath(file), p)).join('\n'));
    return 2;
  }
  // The scenario with the new MSEL must load as a whole before it replaces the old one.
  const text = scenarioTextWithMsel(readUserFile(path, { label: '', maxBytes: 64 * 1024 * 1024 }), read.msel);
  const disk = diskScenarioFiles(path);
  const after = loadScenario({ ...disk, read: (rel) => (rel === disk.mainName ? text : disk.read(rel)), size: (rel) => (rel === disk.mainName ? Buffer.byteLength(text) : disk.size(rel)) });
  if (!after.ok) {
    out.err(`${showPath(path)}: the scenario would be invalid with this MSEL; nothing was written:\n${formatProblems(after.problems)}`);
    return 2;
  }
  writeOutputsAtomically([{ label: '--into', path, text }]);
  const expected = read.msel.filter((i) => i.expect).length;
  out.log(`imported ${read.msel.length} injects (${expected} with an expected action) into ${showPath(path)}`);
  return 0;
}
