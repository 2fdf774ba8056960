// The saved files the CLI is handed (run reports, snapshots), checked by
// their format modules (src/engine/formats) once read. Every refusal is a
// UsageError listing each problem as `file#/pointer: what, expected what`,
// which main() turns into exit code 2.
import { readReport, snapshotProblemsForWorld, type Problem } from '../src/engine/formats/index.ts';
import type { Report, SnapshotFile } from '../src/engine/run.ts';
import type { World } from '../src/model/world.ts';
import { formatProblem } from '../src/scenario/problems.ts';
import { UsageError } from './args.ts';

export function problemsError(heading: string, problems: Problem[]): UsageError {
  return new UsageError(`${heading} (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map(formatProblem).join('\n')}`);
}

/** A run report's text, checked whole (format, migrations, schema, commands); refused with every problem. */
export function reportFromText(text: string, path: string): Report {
  const read = readReport(text, path);
  if (!read.ok) throw problemsError(`${path}: not a valid drilltwin run report`, read.problems);
  return read.doc;
}

/** Refuses a snapshot from another engine, another scenario, with any malformed state field, or taken after `untilSec`. */
export function checkSnapshotForRun(file: SnapshotFile, world: World, path: string, untilSec: number): void {
  const problems = snapshotProblemsForWorld(file, world, path, untilSec);
  if (problems.length) throw problemsError(`--from-snapshot: ${path}: cannot be resumed`, problems);
}
