// --params FILE: model parameter overrides (drilltwin/params@1) for `run` and
// `replay`. Read with the scenario loader's limits, validated against the
// schema built from the tables, applied to the defaults; the report records
// the file and every overridden value, and a replay must be given the same.
import { basename } from 'node:path';
import type { ModelParams } from '../src/model/params/index.ts';
import { formatProblems } from '../src/scenario/load.ts';
import { loadParams, sameOverrides, type ParamOverride } from '../src/scenario/params.ts';
import { diskScenarioFiles } from './files.ts';

/** What a report says about the parameters of its run (absent: the defaults). */
export interface ParamsRecord {
  /** The file as given on the command line. */
  file: string;
  /** Every value that differs from the default, in table order, with its new source. */
  overrides: ParamOverride[];
}

export interface ParamsInput {
  params: ModelParams;
  record: ParamsRecord;
  /** The file's document as read and checked, for workers that apply it themselves. */
  document: Record<string, unknown>;
}

type Err = { err(s: string): void };

/** The parameters of a params file, or null after printing every problem. */
export function readParamsFile(path: string, out: Err): ParamsInput | null {
  const name = basename(path);
  const result = loadParams(diskScenarioFiles(path), name);
  if (!result.ok) {
    out.err(`${path}: the params file is invalid (${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}):`);
    out.err(formatProblems(result.problems));
    return null;
  }
  return { params: result.params, record: { file: path, overrides: result.overrides }, document: result.document };
}

function describe(record: ParamsRecord | undefined): string {
  if (!record || record.overrides.length === 0) return 'default parameters';
  const shown = record.overrides.slice(0, 3).map((o) => `${o.pointer} = ${o.value}`).join(', ');
  const more = record.overrides.length > 3 ? `, and ${record.overrides.length - 3} more` : '';
  return `parameters from ${record.file} (${shown}${more})`;
}

/** Null when a replay with `given` uses the parameters the report's run used; else why not. */
export function paramsMismatch(recorded: ParamsRecord | undefined, given: ParamsRecord | undefined): string | null {
  if (sameOverrides(recorded?.overrides ?? [], given?.overrides ?? [])) return null;
  const advice = recorded && recorded.overrides.length ? `replay it with --params ${recorded.file} (or a file giving the same values)` : 'replay it without --params';
  return `the report's run used ${describe(recorded)}, this replay ${describe(given)}; ${advice}`;
}

/** One line for the run summary. */
export function paramsSummary(record: ParamsRecord): string {
  const n = record.overrides.length;
  return `  model parameters: ${n} value${n === 1 ? '' : 's'} overridden by ${record.file}${n ? ` (${record.overrides.map((o) => `${o.pointer} = ${o.value}`).slice(0, 5).join(', ')}${n > 5 ? ', …' : ''})` : ''}`;
}
