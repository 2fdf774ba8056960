// The snapshot file: the simulation snapshot plus what the observers had
// recorded by then, so a resumed run's report covers the whole exercise.
import type { SnapshotFile } from './run.ts';
import { problemLines, readSnapshotFile } from './formats/index.ts';

export function encodeSnapshotFile(file: SnapshotFile): string {
  return JSON.stringify(file);
}

/**
 * The file checked alone (formats/snapshot.ts); its state is checked against
 * the scenario when a run resumes from it. Throws every problem, one a line,
 * as "#/pointer: what, expected what".
 */
export function decodeSnapshotFile(text: string): SnapshotFile {
  const read = readSnapshotFile(text, '');
  if (!read.ok) throw new Error(problemLines(read.problems));
  return read.doc;
}
