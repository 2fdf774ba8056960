// One hindcast run (seed × doctrine on/off) in a thread of the sweep's
// piscina pool: workers/sweep-worker.mjs exports it as runHindcastTask beside
// the sweep's own task, so the pool, its tsx bootstrap and its one-thread-per-
// core sizing are the sweep's. The world is loaded as the sweep loads its base
// variant (loadVariantWorld) and indexed once per thread; what a run returns
// is the pure extraction of src/sweep/hindcast.ts.
import { runScenario } from '../src/engine/run.ts';
import { buildWorldIndex } from '../src/engine/sim.ts';
import type { WorldIndex } from '../src/model/context.ts';
import { observedOf } from '../src/model/scenario-format.ts';
import type { World } from '../src/model/world.ts';
import { hindcastRunValues, type DoctrineCase, type HindcastRunValues } from '../src/sweep/hindcast.ts';
import { roadSectionRecorder } from '../src/sweep/road-sections.ts';
import { townshipRecorder } from '../src/sweep/township-restoration.ts';
import { BASE_VARIANT } from '../src/sweep/variants.ts';
import { loadVariantWorld } from './sweep-worker.ts';

export interface HindcastTask {
  scenarioPath: string;
  seed: number;
  doctrine: DoctrineCase;
  /** The seats the doctrine plays when on. */
  doctrineSeatsOn: string[];
  untilSec: number;
  /** A params file (`--params`): its path, for messages, and its body, checked by the command. */
  params?: { file: string; body: Record<string, unknown> };
}

const loaded = new Map<string, { world: World; index: WorldIndex }>();

export function runHindcastTask(task: HindcastTask): HindcastRunValues {
  const key = `${task.scenarioPath}\u0000${JSON.stringify(task.params?.body ?? null)}`;
  let entry = loaded.get(key);
  if (!entry) {
    // The overrides go in as a variant's params, as a sweep's variants file gives them.
    const r = loadVariantWorld(task.scenarioPath, { name: BASE_VARIANT, ...(task.params ? { params: task.params.body } : {}) }, task.params?.file ?? '');
    if (!r.ok) throw new Error(r.message);
    entry = { world: r.world, index: buildWorldIndex(r.world) };
    loaded.set(key, entry);
  }
  const points = observedOf(entry.world.metadata)?.points ?? [];
  const townships = townshipRecorder();
  const sections = roadSectionRecorder(points);
  const { report } = runScenario(entry.world, {
    seed: task.seed,
    untilSec: task.untilSec,
    index: entry.index,
    hourlyHashes: false,
    doctrineSeats: task.doctrine === 'on' ? task.doctrineSeatsOn : [],
    // Road sections are read at every KPI sample; the township recorder keeps to whole hours itself.
    progressEverySec: entry.world.kpiIntervalSec,
    onProgress: (tSec, untilSec, ctx) => {
      townships.onProgress(tSec, untilSec, ctx);
      sections.onProgress(tSec, untilSec, ctx);
    },
  });
  return hindcastRunValues(task.seed, task.doctrine, report.kpis.series, points, entry.world.sites.ids.length, task.untilSec, townships.values(), sections.values());
}
