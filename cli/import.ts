// drilltwin import: a scenario folder from the files a training base and the
// operators have (site inventories in XLSX or CSV, township polygons in a
// zipped shapefile or GeoJSON, OSM roads, a population table) and a mapping
// file saying which column holds what. Every problem of every file is listed
// at once; nothing is written unless the whole import is valid, and then the
// folder is written beside its target and renamed into place.
import { mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { importFromBytes, type ImportOutcome } from '../authoring/import/run.ts';
import { readUserBytes, readUserFile, showPath, UserFileError } from '../workers/user-file.ts';
import { UsageError } from './args.ts';
import { checkOutputFolder } from './output-files.ts';

// The readers, the build and the preview are pure and shared with the console's import page (authoring/import/); this file reads and writes the disk.
export { exposure, formatInputProblem, type ImportOutcome } from '../authoring/import/run.ts';

export const IMPORT_USAGE = 'drilltwin import MAPPING.json --out FOLDER [--check]';

const INPUT_BYTES = 256 * 1024 * 1024;
const MAPPING_BYTES = 1024 * 1024;

type Out = { log(s: string): void; err(s: string): void };

/** The whole import without writing anything: read, build, validate. */
export async function importScenario(mappingPath: string, scenarioId: string): Promise<ImportOutcome> {
  const baseDir = dirname(resolve(mappingPath));
  return importFromBytes({
    mappingText: readUserFile(mappingPath, { label: '', maxBytes: MAPPING_BYTES }),
    mappingFile: showPath(mappingPath),
    scenarioId,
    bytesOf(file, label) {
      try {
        return readUserBytes(resolve(baseDir, file), { label, maxBytes: INPUT_BYTES });
      } catch (err) {
        if (err instanceof UserFileError) return { error: err.reason };
        throw err;
      }
    },
  });
}

/** The scenario folder is written whole beside its target (layers/ included), then renamed into place; on any failure nothing is left. */
function writeFolderAtomically(outDir: string, texts: Record<string, string>): void {
  const target = resolve(outDir);
  const tmp = `${target}.import-${process.pid}.tmp`;
  try {
    mkdirSync(tmp, { recursive: true });
    for (const [rel, text] of Object.entries(texts)) {
      mkdirSync(dirname(join(tmp, rel)), { recursive: true });
      writeFileSync(join(tmp, rel), text);
    }
    try {
      rmdirSync(target); // an empty folder named by --out
    } catch {
      // It does not exist.
    }
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw new UsageError(`--out: ${showPath(outDir)}: cannot be written (${(err as NodeJS.ErrnoException).code ?? 'error'}); nothing was written`);
  }
}

export async function importCommand(argv: string[], out: Out): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string' }, check: { type: 'boolean' } } });
  if (positionals.length !== 1) throw new UsageError(`expected exactly one MAPPING.json\n\nUsage: ${IMPORT_USAGE}`);
  if (!values.out && !values.check) throw new UsageError(`--out FOLDER is needed (or --check to validate only)\n\nUsage: ${IMPORT_USAGE}`);
  const outDir = values.out;
  if (outDir) {
    checkOutputFolder('--out', outDir);
    let existing: string[] = [];
    try {
      if (statSync(outDir).isDirectory()) existing = readdirSync(outDir);
    } catch {
      // It does not exist yet: it is made whole and renamed into place.
    }
    if (existing.length) throw new UsageError(`--out: ${showPath(outDir)} exists and is not empty; name a new folder`);
  }
  const scenarioId = outDir ? basename(resolve(outDir)) : 'imported';
  const result = await importScenario(positionals[0], scenarioId);
  for (const w of result.warnings) out.err(`warning: ${w}`);
  if (!result.ok) {
    out.err(`${showPath(positionals[0])}: the import is invalid (${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}); nothing was written:`);
    for (const p of result.problems.slice(0, 500)) out.err(p);
    if (result.problems.length > 500) out.err(`and ${result.problems.length - 500} more problems not listed`);
    return 2;
  }
  for (const line of result.summary) out.log(line);
  if (!outDir) {
    out.log('The import is valid (--check: nothing written).');
    return 0;
  }
  writeFolderAtomically(outDir, result.texts);
  out.log(`Wrote ${Object.keys(result.texts).length} files to ${showPath(outDir)}. Next: drilltwin validate ${showPath(outDir)}/scenario.json, then drilltwin run ${showPath(outDir)}/scenario.json --until 72h`);
  return 0;
}
