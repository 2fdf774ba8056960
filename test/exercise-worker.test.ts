// A directed drill's log (held inject, ad-hoc aftershock and landslide, stop
// time, an evaluator's note) gives the same hashes in a worker_threads worker
// as on the main thread: the exercise commands are ordinary logged commands.
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../src/engine/run.ts';
import type { Command } from '../src/model/commands.ts';
import type { EngineHost } from '../workers/engine-host.ts';
import { JISHISHAN, loadWorld, scenarioTexts } from './helpers.ts';

const commands: Command[] = [
  { tSec: 300, seat: 'director', type: 'holdInject', args: { injectId: 'inj-003-trapped-dahejia' } },
  { tSec: 400, seat: 'director', type: 'setStopTime', args: { atSec: 3 * 3600 } },
  { tSec: 3600, seat: 'director', type: 'authorInject', args: { kind: 'aftershock', magnitude: 5.6, at: [102.8, 35.72], to: 'emhq', text: '余震' } },
  { tSec: 3700, seat: 'director', type: 'authorInject', args: { kind: 'landslide', roadId: 'r-037', cutsFibre: true } },
  { tSec: 4000, seat: 'evaluator', type: 'recordObservation', args: { text: '道路抢通队伍未及时出动', injectId: 'adhoc-2' } },
];

describe('a directed drill in a worker thread', () => {
  it('ends at the stop time with the same hashes as on the main thread', async () => {
    const worker = new Worker(new URL('../workers/node-worker.mjs', import.meta.url));
    try {
      const host = Comlink.wrap<EngineHost>(nodeEndpoint(worker as never));
      expect((await host.load('jishishan-2023', scenarioTexts(JISHISHAN))).ok).toBe(true);
      const inWorker = await host.run({ seed: 7, commands });
      const world = loadWorld(JISHISHAN);
      const onMain = runScenario(world, { seed: 7, untilSec: world.durationSec, commands }).report;
      expect(onMain.untilSec).toBe(3 * 3600);
      expect(inWorker.finalStateHash).toBe(onMain.finalStateHash);
      expect(inWorker.stateHashes).toEqual(onMain.stateHashes);
      expect(onMain.exercise!.injects.find((s) => s.id === 'inj-003-trapped-dahejia')!.status).toBe('held');
    } finally {
      await worker.terminate();
    }
  });
});
