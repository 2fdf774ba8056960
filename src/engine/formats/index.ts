// Saved formats other than the scenario: one module per format (schema,
// migration chain, checks), the machinery they share, and this entry.
// Readers: cli/ (report, replay, run --from-snapshot) and workers/ (drill).
import { DRILL, DRILL_SCHEMA_V1 } from './drill.ts';
import { REPORT, REPORT_SCHEMA_V1 } from './report.ts';
import type { SavedFormat, Schema } from './saved-format.ts';
import { SNAPSHOT, SNAPSHOT_SCHEMA_V1 } from './snapshot.ts';

export { checkDrillFile, drillProblemsForWorld, DRILL_FILE_NAME, DRILL_FORMAT, type DrillFile } from './drill.ts';
export { ENGINE_VERSION, engineVersionProblem } from './engine-version.ts';
export { MAX_RUN_SEC } from './fields.ts';
export { readReport, replayEngineProblem, replayProblems, REPORT_BYTES } from './report.ts';
export { chainProblems, migrateSaved, problemLines, readSaved, checkSaved, type MigrationStep, type Problem, type ReadResult, type SavedFormat } from './saved-format.ts';
export { readSnapshotFile, snapshotProblemsForWorld, SNAPSHOT_BYTES } from './snapshot.ts';

export const SAVED_FORMATS: readonly SavedFormat<never>[] = [REPORT, SNAPSHOT, DRILL] as unknown as SavedFormat<never>[];

/** The schemas scripts/write-schemas.ts publishes to scenarios/schema/ beside the scenario's. */
export function publishedFormatSchemas(): Record<string, Schema> {
  return { 'report.schema.json': REPORT_SCHEMA_V1, 'snapshot.schema.json': SNAPSHOT_SCHEMA_V1, 'drill.schema.json': DRILL_SCHEMA_V1 };
}
