// "drilltwin/drill@N": a console drill saved by the browser (scenario
// reference, seed and the people's command log), loaded back for replay by
// the session host. The doctrine's commands are not stored: a replay
// regenerates them by playing the same seats.
import { commandShapeProblem } from '../../response/commands.ts';
import { DOCTRINE_SEATS_ALL } from '../../scenario/normalise.ts';
import type { Command } from '../../model/commands.ts';
import type { World } from '../../model/world.ts';
import { engineVersionProblem } from './engine-version.ts';
import { COMMAND, ENGINE_VERSION_FIELD, hashListProblems, MAX_RUN_SEC, SEED, SHA256, STATE_HASH, STATE_HASHES } from './fields.ts';
import { checkSaved, type MigrationStep, type Problem, type ReadResult, type SavedFormat, type Schema } from './saved-format.ts';

export const DRILL_FORMAT = 'drilltwin/drill@1';

export interface DrillFile {
  format: typeof DRILL_FORMAT;
  engineVersion: string;
  scenario: { id: string; sha256: string };
  seed: number;
  /** Simulated time the drill had reached when saved. */
  reachedSec: number;
  /** Every command submitted by people, in submission order. */
  commands: Command[];
  /** Seats the doctrine responder played (its commands are regenerated on replay, not stored). */
  doctrineSeats: string[];
  /** Hourly state hashes, for checking a replay. */
  stateHashes: { tSec: number; hash: string }[];
  /** State hash at reachedSec. */
  stateHash: string;
}

export const DRILL_LIMITS = { bytes: 64 * 1024 * 1024, commands: 200_000 } as const;

/** How drill problems are located in messages (the console knows the content, not the file name). */
export const DRILL_FILE_NAME = 'drill';

export const DRILL_SCHEMA_V1: Schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://drilltwin.example/schema/drill.schema.json',
  title: 'drilltwin console drill, format drilltwin/drill@1',
  type: 'object',
  // reachedSec, doctrineSeats and the hashes were optional in the first console files.
  required: ['format', 'engineVersion', 'scenario', 'seed', 'commands'],
  additionalProperties: false,
  properties: {
    format: { const: DRILL_FORMAT },
    engineVersion: ENGINE_VERSION_FIELD,
    scenario: {
      type: 'object',
      required: ['id', 'sha256'],
      additionalProperties: false,
      properties: { id: { type: 'string', minLength: 1, maxLength: 128 }, sha256: SHA256 },
    },
    seed: SEED,
    reachedSec: { type: 'integer', minimum: 0, maximum: MAX_RUN_SEC },
    commands: { type: 'array', maxItems: DRILL_LIMITS.commands, items: COMMAND },
    doctrineSeats: { type: 'array', maxItems: DOCTRINE_SEATS_ALL.length, uniqueItems: true, items: { enum: DOCTRINE_SEATS_ALL } },
    stateHashes: STATE_HASHES,
    stateHash: STATE_HASH,
  },
};

function drillSemantics(drill: DrillFile, file: string): Problem[] {
  const problems: Problem[] = [];
  drill.commands.forEach((c, i) => {
    const shape = commandShapeProblem(c);
    if (shape) problems.push({ file, pointer: `/commands/${i}${shape.pointer}`, message: shape.message });
  });
  if (drill.stateHashes) problems.push(...hashListProblems(file, '/stateHashes', drill.stateHashes, drill.reachedSec ?? MAX_RUN_SEC, 'drill'));
  return problems;
}

/** No steps yet: @1 is the first version. */
export const DRILL_MIGRATIONS: readonly MigrationStep[] = [];

export const DRILL: SavedFormat<DrillFile> = {
  kind: 'drill',
  what: 'drill file',
  current: 1,
  formatAt: ['format'],
  steps: DRILL_MIGRATIONS,
  schema: DRILL_SCHEMA_V1,
  maxBytes: DRILL_LIMITS.bytes,
  semantics: drillSemantics,
};

/** A parsed drill file → the drill in the current version, or every problem. */
export function checkDrillFile(value: unknown, file = DRILL_FILE_NAME): ReadResult<DrillFile> {
  return checkSaved(DRILL, value, file);
}

/**
 * What stops the drill from replaying on `world`: another engine version,
 * another version of the scenario, or times past the scenario's end.
 */
export function drillProblemsForWorld(drill: DrillFile, world: World, file = DRILL_FILE_NAME): Problem[] {
  const version = engineVersionProblem(file, '/engineVersion', drill.engineVersion, 'drill');
  if (version) return [version];
  if (drill.scenario.sha256 !== world.sha256) {
    return [{ file, pointer: '/scenario/sha256', message: `the drill was recorded on a different version of ${drill.scenario.id} (sha256 ${drill.scenario.sha256.slice(0, 12)}…, loaded ${world.sha256.slice(0, 12)}…)` }];
  }
  const problems: Problem[] = [];
  const end = world.durationSec;
  if (drill.reachedSec !== undefined && drill.reachedSec > end) problems.push({ file, pointer: '/reachedSec', message: `${drill.reachedSec} is after the end of the scenario (${end} s), expected 0 to ${end}` });
  drill.commands.forEach((c, i) => {
    if (c.tSec > end) problems.push({ file, pointer: `/commands/${i}/tSec`, message: `${c.tSec} is after the end of the scenario (${end} s), expected 0 to ${end}` });
  });
  return problems;
}
