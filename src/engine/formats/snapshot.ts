// "drilltwin/snapshot@N": a paused run (engine/sim.ts SimSnapshot, its state
// encoded by core/codec) and what the observers had recorded by then
// (engine/run.ts SnapshotFile), written by `run --snapshot-at`, resumed by
// `run --from-snapshot`. The file is checked alone first; then, against the
// scenario it claims, the engine version and the whole encoded state, field
// by field, before anything is decoded.
import type { World } from '../../model/world.ts';
import { emptySeries } from '../../scoring/kpis.ts';
import { SNAPSHOT_FORMAT } from '../sim.ts';
import type { SnapshotFile } from '../run.ts';
import { engineVersionProblem } from './engine-version.ts';
import { ENGINE_VERSION_FIELD, hashListProblems, KPI_SERIES, MAX_RUN_SEC, SEED, seriesProblems, SHA256, STATE_HASHES } from './fields.ts';
import { capProblems, parseSaved, readSaved, schemaProblems, type MigrationStep, type Problem, type ReadResult, type SavedFormat, type Schema } from './saved-format.ts';
import { stateSchemaFor, stateSemanticProblems } from './snapshot-state.ts';

export const SNAPSHOT_BYTES = 512 * 1024 * 1024;

export const SNAPSHOT_SCHEMA_V1: Schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://drilltwin.example/schema/snapshot.schema.json',
  title: 'drilltwin snapshot file, format drilltwin/snapshot@1',
  description: 'snapshot.state is the encoded SimState (JSON text, typed arrays as {"$typed", "values"}); it is checked against the scenario it names when restored',
  type: 'object',
  required: ['snapshot', 'observations'],
  additionalProperties: false,
  properties: {
    snapshot: {
      type: 'object',
      required: ['format', 'engineVersion', 'scenarioSha256', 'seed', 'state'],
      additionalProperties: false,
      properties: {
        format: { const: 'drilltwin/snapshot@1' },
        engineVersion: ENGINE_VERSION_FIELD,
        scenarioSha256: SHA256,
        seed: SEED,
        state: { type: 'string', minLength: 2, maxLength: SNAPSHOT_BYTES },
      },
    },
    observations: {
      type: 'object',
      required: ['series', 'stateHashes'],
      additionalProperties: false,
      properties: { series: KPI_SERIES, stateHashes: STATE_HASHES },
    },
  },
};

function snapshotSemantics(file: SnapshotFile, name: string): Problem[] {
  return [
    ...hashListProblems(name, '/observations/stateHashes', file.observations.stateHashes, MAX_RUN_SEC),
    ...seriesProblems(name, '/observations/series', file.observations.series as unknown as Record<string, unknown[]>, MAX_RUN_SEC),
  ];
}

/** No steps yet: @1 is the first version. */
export const SNAPSHOT_MIGRATIONS: readonly MigrationStep[] = [];

export const SNAPSHOT: SavedFormat<SnapshotFile> = {
  kind: 'snapshot',
  what: 'snapshot',
  current: 1,
  formatAt: ['snapshot', 'format'],
  steps: SNAPSHOT_MIGRATIONS,
  schema: SNAPSHOT_SCHEMA_V1,
  maxBytes: SNAPSHOT_BYTES,
  semantics: snapshotSemantics,
};

/** A snapshot file's text → the file in the current version, or every problem (the state is checked by snapshotProblemsForWorld). */
export function readSnapshotFile(text: string, name: string): ReadResult<SnapshotFile> {
  return readSaved(SNAPSHOT, text, name);
}

/**
 * Everything that stops `file` from resuming on `world`, engine version
 * first (another engine's state is refused whatever it holds), then the
 * scenario, then the encoded state field by field, then the observations
 * against the state's time. `untilSec`, when given, must lie after it.
 */
export function snapshotProblemsForWorld(file: SnapshotFile, world: World, name: string, untilSec?: number): Problem[] {
  const snap = file.snapshot;
  const version = engineVersionProblem(name, '/snapshot/engineVersion', snap.engineVersion, 'restore');
  if (version) return [version];
  if (snap.format !== SNAPSHOT_FORMAT) return [{ file: name, pointer: '/snapshot/format', message: `"${snap.format}" is not the format this engine restores, expected "${SNAPSHOT_FORMAT}"` }];
  if (snap.scenarioSha256 !== world.sha256) {
    return [{ file: name, pointer: '/snapshot/scenarioSha256', message: `the snapshot was taken from a different scenario or version of it (sha256 ${snap.scenarioSha256.slice(0, 12)}…, ${world.scenarioId} is ${world.sha256.slice(0, 12)}…)` }];
  }
  // Pointers under /snapshot/state point into the encoded state (a JSON text inside the file).
  const inState = (problems: Problem[]) => problems.map((p) => ({ file: name, pointer: `/snapshot/state${p.pointer}`, message: p.message }));
  const parsed = parseSaved(snap.state, name, SNAPSHOT_BYTES);
  if ('problems' in parsed) return inState(parsed.problems);
  const state = parsed.value;
  if (state === null || typeof state !== 'object' || Array.isArray(state)) return [{ file: name, pointer: '/snapshot/state', message: 'is not an encoded state, expected a JSON object' }];
  const structural = schemaProblems(name, stateSchemaFor(world).schema, state);
  if (structural.length) return capProblems(inState(structural), name);
  const semantic = stateSemanticProblems(world, state as Record<string, unknown>, name);
  if (semantic.length) return capProblems(inState(semantic), name);

  const through = (state as { processedThroughSec: number }).processedThroughSec;
  const problems = [
    ...seriesNameProblems(file, name),
    ...hashListProblems(name, '/observations/stateHashes', file.observations.stateHashes, Math.max(through, 0), 'snapshot'),
    ...seriesProblems(name, '/observations/series', file.observations.series as unknown as Record<string, unknown[]>, Math.max(through, 0), 'snapshot'),
  ];
  if (untilSec !== undefined && untilSec <= through) {
    problems.push({ file: name, pointer: '/snapshot/state/processedThroughSec', message: `the snapshot was taken at ${through} s, which is not before the end of the run (${untilSec} s); expected a run that goes on after the snapshot` });
  }
  return capProblems(problems, name);
}

/** A resumed run goes on sampling into the same series: exactly the KPIs this engine samples. */
function seriesNameProblems(file: SnapshotFile, name: string): Problem[] {
  const expected = Object.keys(emptySeries());
  const got = Object.keys(file.observations.series);
  return [
    ...expected.filter((k) => !got.includes(k)).map((k) => ({ file: name, pointer: `/observations/series/${k}`, message: 'missing, expected a series for every KPI this engine samples' })),
    ...got.filter((k) => !expected.includes(k)).map((k) => ({ file: name, pointer: `/observations/series/${k}`, message: `unknown KPI series "${k}", expected one of: ${expected.join(', ')}` })),
  ];
}
