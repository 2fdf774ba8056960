// "drilltwin/report@N": a headless run's report (engine/run.ts Report),
// written by `drilltwin run --out`, read by `drilltwin replay` and
// `drilltwin report`. The schema states what every reader may rely on; the
// fields a hand-made or older report may lack (hashes, summaries) are
// optional, and `replayProblems` asks for what a replay needs.
import { commandShapeProblem } from '../../response/commands.ts';
import type { World } from '../../model/world.ts';
import { EXPECTATION_STATUSES, INJECT_STATUSES, MANUAL_RATINGS } from '../../model/msel.ts';
import type { Report } from '../run.ts';
import { engineVersionProblem } from './engine-version.ts';
import { APPLIED_COMMAND, code, count, ENGINE_VERSION_FIELD, hashListProblems, KPI_SERIES, LIST_LIMITS, localized, MAX_RUN_SEC, name, scenarioProps, SEED, seriesProblems, SHA256, STATE_HASH, STATE_HASHES, tSec, WARNING } from './fields.ts';
import { readSaved, type MigrationStep, type Problem, type ReadResult, type SavedFormat, type Schema } from './saved-format.ts';

export const REPORT_BYTES = 256 * 1024 * 1024;

// Hazard summaries differ by hazard and grow with the hazard modules, so only
// the fields readers use are stated; others are kept as they are.
const areas = { type: 'object', maxProperties: 20, additionalProperties: count };
const HAZARD = {
  type: 'object',
  required: ['id', 'type', 'tSec'],
  properties: {
    id: name,
    type: code,
    tSec,
    endSec: tSec,
    epicenter: { type: 'array', minItems: 2, maxItems: 2, items: [{ type: 'number', minimum: -180, maximum: 180 }, { type: 'number', minimum: -90, maximum: 90 }] },
    magnitude: { type: 'number', minimum: -2, maximum: 10 },
    magnitudeType: code,
    ms: { type: 'number', minimum: -2, maximum: 10 },
    depthKm: { type: 'number', minimum: 0, maximum: 1000 },
    zone: name,
    strikeDeg: { type: 'number', minimum: -360, maximum: 360 },
    field: name,
    areasKm2: areas,
    relationAreasKm2: areas,
    zones: {
      type: 'array',
      maxItems: 10_000,
      items: { type: 'object', required: ['zoneId', 'peakLevelM', 'peakAtSec'], properties: { zoneId: name, peakLevelM: { type: 'number' }, peakAtSec: { type: 'number', minimum: -1, maximum: MAX_RUN_SEC }, stageFactor: { type: 'number', minimum: 0, maximum: 10 } } },
    },
    exposed: { type: 'object', maxProperties: 50, additionalProperties: count },
  },
};

const rating = { enum: ['P', 'S', 'M', 'U', 'notMeasured'] };
const TARGETS = {
  type: 'object',
  required: ['profile', 'overall', 'indicators'],
  additionalProperties: false,
  properties: {
    profile: { type: 'object', required: ['id', 'name'], additionalProperties: false, properties: { id: name, name: localized } },
    overall: {
      type: 'object',
      required: ['score', 'rating', 'pass'],
      additionalProperties: false,
      properties: { score: { type: ['number', 'null'] }, rating, pass: { type: ['boolean', 'null'] } },
    },
    indicators: {
      type: 'array',
      maxItems: 1000,
      items: {
        type: 'object',
        required: ['id', 'group', 'value', 'unit', 'threshold', 'rating', 'score'],
        additionalProperties: false,
        properties: { id: name, group: name, value: { type: ['number', 'null'] }, unit: name, threshold: { type: 'number' }, rating, score: { type: ['number', 'null'] } },
      },
    },
  },
};

// The drill's exercise record (docs/exercise-control.md): optional, so a report written before it still reads.
const t = { type: 'integer', minimum: -1, maximum: MAX_RUN_SEC };
const EXERCISE = {
  type: 'object',
  required: ['injects', 'expectations', 'observations', 'ratings', 'stopAtSec', 'noNotice'],
  additionalProperties: false,
  properties: {
    injects: {
      type: 'array',
      maxItems: 100_000,
      items: {
        type: 'object',
        required: ['id', 'status', 'dueSec', 'deliveredAtSec'],
        additionalProperties: false,
        properties: {
          id: name,
          status: { enum: [...INJECT_STATUSES] },
          dueSec: t,
          deliveredAtSec: t,
          adhoc: {
            type: 'object',
            required: ['kind', 'to', 'text', 'args'],
            additionalProperties: false,
            properties: { kind: code, to: { type: ['string', 'null'], maxLength: 32 }, text: localized, args: { type: 'object', maxProperties: 20 } },
          },
        },
      },
    },
    expectations: {
      type: 'array',
      maxItems: 100_000,
      items: {
        type: 'object',
        required: ['id', 'inject', 'seat', 'command', 'status', 'deadlineSec', 'metAtSec'],
        additionalProperties: false,
        properties: { id: name, inject: name, seat: code, command: code, status: { enum: [...EXPECTATION_STATUSES] }, deadlineSec: t, metAtSec: t, contingency: name },
      },
    },
    observations: {
      type: 'array',
      maxItems: 100_000,
      items: {
        type: 'object',
        required: ['tSec', 'seat', 'text', 'inject', 'expectation', 'indicator'],
        additionalProperties: false,
        properties: { tSec, seat: code, text: { type: 'string', minLength: 1, maxLength: 500 }, inject: { type: ['string', 'null'] }, expectation: { type: ['string', 'null'] }, indicator: { type: ['string', 'null'] } },
      },
    },
    ratings: {
      type: 'array',
      maxItems: 100_000,
      items: {
        type: 'object',
        required: ['tSec', 'seat', 'indicator', 'rating', 'reason'],
        additionalProperties: false,
        properties: { tSec, seat: code, indicator: name, rating: { enum: [...MANUAL_RATINGS] }, reason: { type: 'string', minLength: 1, maxLength: 500 } },
      },
    },
    stopAtSec: t,
    noNotice: { type: 'boolean' },
  },
};

export const REPORT_SCHEMA_V1: Schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://drilltwin.example/schema/report.schema.json',
  title: 'drilltwin run report, format drilltwin/report@1',
  type: 'object',
  required: ['format', 'engineVersion', 'scenario', 'seed', 'start', 'timeZone', 'untilSec', 'commands', 'finalStateHash', 'kpis'],
  additionalProperties: false,
  properties: {
    format: { const: 'drilltwin/report@1' },
    engineVersion: ENGINE_VERSION_FIELD,
    scenario: {
      type: 'object',
      required: ['id', 'name', 'sha256'],
      additionalProperties: false,
      properties: { id: { type: 'string', minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9_.-]+$', description: 'a scenario folder name: letters, digits, _ . -' }, name: localized, sha256: SHA256 },
    },
    seed: SEED,
    start: scenarioProps.start,
    timeZone: scenarioProps.timeZone,
    untilSec: { type: 'integer', minimum: 1, maximum: MAX_RUN_SEC },
    doctrineSeats: { type: 'array', maxItems: 50, uniqueItems: true, items: code },
    commands: { type: 'array', maxItems: LIST_LIMITS.commands, items: APPLIED_COMMAND },
    rejections: { type: 'integer', minimum: 0, maximum: LIST_LIMITS.commands },
    simulatedSeconds: tSec,
    eventsProcessed: { type: 'integer', minimum: 0 },
    wallMs: { type: 'number', minimum: 0 },
    stateHashes: STATE_HASHES,
    finalStateHash: STATE_HASH,
    kpis: {
      type: 'object',
      required: ['intervalSec', 'series'],
      additionalProperties: false,
      properties: {
        intervalSec: { type: 'integer', minimum: 1, maximum: 3600 },
        series: KPI_SERIES,
        summary: { type: 'object', maxProperties: 500, additionalProperties: { type: ['number', 'null'], minimum: -1e12, maximum: 1e12 } },
      },
    },
    hazards: { type: 'array', maxItems: 1000, items: HAZARD },
    aftershocks: {
      type: 'array',
      maxItems: 100_000,
      items: { type: 'object', required: ['quake', 'tSec', 'ms'], additionalProperties: false, properties: { quake: name, tSec, ms: { type: 'number', minimum: -2, maximum: 10 } } },
    },
    warnings: { type: 'array', maxItems: 100_000, items: WARNING },
    msel: scenarioProps.msel,
    targets: TARGETS,
    exercise: EXERCISE,
    // Written by `run --params FILE` (cli/params.ts): the file and every value it overrode; a replay must be given the same.
    params: {
      type: 'object',
      required: ['file', 'overrides'],
      additionalProperties: false,
      properties: {
        file: { type: 'string', minLength: 1, maxLength: 4096 },
        overrides: {
          type: 'array',
          maxItems: 10_000,
          items: {
            type: 'object',
            required: ['pointer', 'value', 'source'],
            additionalProperties: false,
            properties: { pointer: { type: 'string', minLength: 1, maxLength: 300 }, value: { type: ['number', 'boolean'] }, source: { type: 'string', maxLength: 500 } },
          },
        },
      },
    },
  },
};

function reportSemantics(report: Report, file: string): Problem[] {
  const problems: Problem[] = [];
  report.commands.forEach((c, i) => {
    const shape = commandShapeProblem(c);
    if (shape) problems.push({ file, pointer: `/commands/${i}${shape.pointer}`, message: shape.message });
    else if (c.tSec > report.untilSec) problems.push({ file, pointer: `/commands/${i}/tSec`, message: `${c.tSec} is after the end of the run (${report.untilSec}), expected a time from 0 to ${report.untilSec}` });
  });
  if (report.stateHashes) problems.push(...hashListProblems(file, '/stateHashes', report.stateHashes, report.untilSec));
  problems.push(...seriesProblems(file, '/kpis/series', report.kpis.series as unknown as Record<string, unknown[]>, report.untilSec));
  return problems;
}

/** No steps yet: @1 is the first version. A future @2 appends `{ from: 1, up }`. */
export const REPORT_MIGRATIONS: readonly MigrationStep[] = [];

export const REPORT: SavedFormat<Report> = {
  kind: 'report',
  what: 'run report',
  current: 1,
  formatAt: ['format'],
  steps: REPORT_MIGRATIONS,
  schema: REPORT_SCHEMA_V1,
  maxBytes: REPORT_BYTES,
  semantics: reportSemantics,
};

/** A run report's text → the report in the current version, or every problem. */
export function readReport(text: string, file: string): ReadResult<Report> {
  return readSaved(REPORT, text, file);
}

/** A replay by another engine version is refused: the hashes could not match, so it is not reported as a divergence. */
export function replayEngineProblem(report: Report, file: string): Problem | null {
  return engineVersionProblem(file, '/engineVersion', report.engineVersion, 'replay');
}

/** What else a replay of `report` on `world` needs: the hourly hashes, and a run no longer than the scenario. */
export function replayProblems(report: Report, world: World, file: string): Problem[] {
  const problems: Problem[] = [];
  if (!report.stateHashes) problems.push({ file, pointer: '/stateHashes', message: 'missing, a replay compares the hourly state hashes; expected the report as `drilltwin run --out` wrote it' });
  if (report.untilSec > world.durationSec) {
    problems.push({ file, pointer: '/untilSec', message: `${report.untilSec} is beyond the end of the scenario ${world.scenarioId} (${world.durationSec} s), expected 1 to ${world.durationSec}` });
  }
  return problems;
}
