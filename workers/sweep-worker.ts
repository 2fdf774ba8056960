// One sweep run (variant × seed) in a worker thread. Each thread loads a
// variant's world once and keeps it with its index for every later seed of
// that variant: loading and indexing cost about as much as a short run.
import { runScenario } from '../src/engine/run.ts';
import { buildWorldIndex } from '../src/engine/sim.ts';
import type { World } from '../src/model/world.ts';
import type { WorldIndex } from '../src/model/context.ts';
import { formatProblems, loadScenario } from '../src/scenario/load.ts';
import type { TargetProfile } from '../src/scoring/profile.ts';
import { sweepRow, variantFiles, variantParams, type SweepRow, type Variant } from '../src/sweep/index.ts';
import { diskScenarioFiles } from './disk-files.ts';

export interface SweepTask {
  scenarioPath: string;
  variantsFile: string;
  variant: Variant;
  seed: number;
  untilSec: number;
  profile: TargetProfile | null;
}

const loaded = new Map<string, { world: World; index: WorldIndex }>();

export function loadVariantWorld(scenarioPath: string, variant: Variant, variantsFile: string): { ok: true; world: World } | { ok: false; message: string } {
  const result = loadScenario(variantFiles(diskScenarioFiles(scenarioPath), variant), variantParams(variant, variantsFile));
  if (!result.ok) return { ok: false, message: `variant ${variant.name}: the scenario it makes is invalid (${result.problems.length} problems):\n${formatProblems(result.problems)}` };
  return { ok: true, world: result.world };
}

export function runSweepTask(task: SweepTask): SweepRow {
  const key = `${task.scenarioPath}\u0000${JSON.stringify(task.variant)}`;
  let entry = loaded.get(key);
  if (!entry) {
    const r = loadVariantWorld(task.scenarioPath, task.variant, task.variantsFile);
    if (!r.ok) throw new Error(r.message);
    entry = { world: r.world, index: buildWorldIndex(r.world) };
    loaded.set(key, entry);
  }
  const clock = () => Number(process.hrtime.bigint()) / 1e6;
  const { report } = runScenario(entry.world, { seed: task.seed, untilSec: task.untilSec, index: entry.index, hourlyHashes: false, targets: task.profile ?? undefined, clockMs: clock });
  return sweepRow(task.variant.name, report, entry.world.sha256);
}
