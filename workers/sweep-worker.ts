// One sweep run (variant × seed) in a worker thread, by the row code every
// host shares (src/sweep/run-row.ts; the planner page's Web Workers run the
// same). Each thread keeps the rows' runners by scenario and variants file,
// so a variant's world is loaded and indexed once for all its seeds.
import { loadVariantWorld as loadFromFiles, rowRunner, type RowTask } from '../src/sweep/run-row.ts';
import type { SweepRow, Variant } from '../src/sweep/index.ts';
import type { World } from '../src/model/world.ts';
import { diskScenarioFiles } from './disk-files.ts';

export interface SweepTask extends RowTask {
  scenarioPath: string;
  variantsFile: string;
}

export function loadVariantWorld(scenarioPath: string, variant: Variant, variantsFile: string): { ok: true; world: World } | { ok: false; message: string } {
  return loadFromFiles(diskScenarioFiles(scenarioPath), variant, variantsFile);
}

const runners = new Map<string, (task: RowTask) => SweepRow>();
const clock = () => Number(process.hrtime.bigint()) / 1e6;

export function runSweepTask(task: SweepTask): SweepRow {
  const key = `${task.scenarioPath}\u0000${task.variantsFile}`;
  let run = runners.get(key);
  if (!run) runners.set(key, (run = rowRunner(() => diskScenarioFiles(task.scenarioPath), task.variantsFile, clock)));
  return run(task);
}
