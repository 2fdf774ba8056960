// The snapshot file: the simulation snapshot plus what the observers had
// recorded by then, so a resumed run's report covers the whole exercise.
import type { SnapshotFile } from './run.ts';
import { SNAPSHOT_FORMAT } from './sim.ts';

export function encodeSnapshotFile(file: SnapshotFile): string {
  return JSON.stringify(file);
}

export function decodeSnapshotFile(text: string): SnapshotFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('not valid JSON, expected a drilltwin snapshot file');
  }
  const file = parsed as SnapshotFile;
  if (file?.snapshot?.format !== SNAPSHOT_FORMAT) throw new Error(`#/snapshot/format: expected "${SNAPSHOT_FORMAT}"`);
  if (typeof file.snapshot.state !== 'string') throw new Error('#/snapshot/state: missing');
  if (!Number.isInteger(file.snapshot.seed)) throw new Error('#/snapshot/seed: expected an integer');
  if (!file.observations?.series || !Array.isArray(file.observations.stateHashes)) throw new Error('#/observations: missing');
  return file;
}
