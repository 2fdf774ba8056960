// One sweep row (variant × seed), the same in every host: the CLI's piscina
// threads (workers/sweep-worker.ts) and the planner page's Web Workers
// (web/sweep-worker.ts). A host hands in the base scenario's files and a
// clock; a variant's world is loaded and indexed once and kept for its later
// seeds, since loading and indexing cost about as much as a short run.
import { runScenario } from '../engine/run.ts';
import { buildWorldIndex } from '../engine/sim.ts';
import type { WorldIndex } from '../model/context.ts';
import type { World } from '../model/world.ts';
import { formatProblems, loadScenario, type ScenarioFiles } from '../scenario/load.ts';
import type { TargetProfile } from '../scoring/profile.ts';
import { siteOutRecorder, sweepRow, type SweepRow } from './rows.ts';
import { variantFiles, variantParams, type Variant } from './variants.ts';

/** The world one variant makes of the base scenario, or why it is invalid (the loader's problems). */
export function loadVariantWorld(base: ScenarioFiles, variant: Variant, variantsFile: string): { ok: true; world: World } | { ok: false; message: string } {
  const result = loadScenario(variantFiles(base, variant), variantParams(variant, variantsFile));
  if (!result.ok) return { ok: false, message: `variant ${variant.name}: the scenario it makes is invalid (${result.problems.length} problems):\n${formatProblems(result.problems)}` };
  return { ok: true, world: result.world };
}

export interface RowTask {
  variant: Variant;
  seed: number;
  untilSec: number;
  profile: TargetProfile | null;
}

/**
 * Runs rows against one base scenario, keeping each variant's world and index
 * (by the variant's content) for the next seeds. `clockMs` only times the run
 * (the row's wallMs); nothing in the row's outcome reads it.
 */
export function rowRunner(base: () => ScenarioFiles, variantsFile: string, clockMs: () => number): (task: RowTask) => SweepRow {
  const loaded = new Map<string, { world: World; index: WorldIndex }>();
  return (task) => {
    const key = JSON.stringify(task.variant);
    let entry = loaded.get(key);
    if (!entry) {
      const r = loadVariantWorld(base(), task.variant, variantsFile);
      if (!r.ok) throw new Error(r.message);
      entry = { world: r.world, index: buildWorldIndex(r.world) };
      loaded.set(key, entry);
    }
    const outage = siteOutRecorder(); // per-site hours off air, for the optimiser's "auto" shortlist (reads the state only)
    const { report } = runScenario(entry.world, { seed: task.seed, untilSec: task.untilSec, index: entry.index, hourlyHashes: false, targets: task.profile ?? undefined, clockMs, onProgress: outage.onProgress });
    return sweepRow(task.variant.name, report, entry.world.sha256, outage.hours());
  };
}
