// Seed-7 final state hashes of every shipped scenario, the tiny fixture and a
// small generated province. A refactor must keep them; a deliberate change of
// behaviour lands in its own commit that updates these pins and says why. Any
// change of behaviour bumps ENGINE_VERSION, so that what the old engine saved
// is refused by version rather than replayed to a hash mismatch; the pins are
// kept with the version they belong to, which catches a change that moves one.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../src/engine/run.ts';
import { ENGINE_VERSION } from '../src/engine/sim.ts';
import { loadScenario } from '../src/scenario/load.ts';
import { memoryScenarioFiles } from '../src/scenario/memory-files.ts';
import { generateProvince } from '../tools/generate-province.ts';
import { JISHISHAN, loadWorld, ROOT, TINY } from './helpers.ts';

const PINS: [string, string][] = [
  [JISHISHAN, 'a7454e8b75bfa81e'],
  [join(ROOT, 'scenarios', 'mountain-flood', 'scenario.json'), '52f1b80db7566958'],
  [join(ROOT, 'scenarios', 'jiuzhaigou-2017', 'scenario.json'), '2fcfe53598d3ceb8'],
  [join(ROOT, 'scenarios', 'dingri-2025', 'scenario.json'), '916c3b2a7093ca63'],
  [TINY, '406bbd03ad5a3653'],
];

const PROVINCE_PIN = '11c0f6662589b8a8';

/**
 * The version each set of pins belongs to, by a fingerprint of the pins. A commit that moves a pin adds the new
 * fingerprint under a new ENGINE_VERSION (under the same one only when the scenario's data changed, not the engine:
 * 0.3.0's Dingri pin moved when the scenario gained its reconnaissance Wing Loong).
 */
const PINS_OF_VERSION: Record<string, string> = { '0.2.0': '71c47282929aeb20', '0.3.0': '58fb1bb418ff891a' };

const fingerprint = () => createHash('sha256').update(JSON.stringify([PINS.map(([, h]) => h), PROVINCE_PIN])).digest('hex').slice(0, 16);

describe('golden final state hashes (seed 7, whole scenario)', () => {
  it(`belong to engine version ${ENGINE_VERSION}`, () => {
    expect(fingerprint(), 'the golden pins moved: bump ENGINE_VERSION in src/engine/sim.ts and record this fingerprint under it').toBe(PINS_OF_VERSION[ENGINE_VERSION]);
  });

  for (const [path, hash] of PINS) {
    it(path.slice(ROOT.length + 1), () => {
      const world = loadWorld(path);
      expect(runScenario(world, { seed: 7, untilSec: world.durationSec }).report.finalStateHash).toBe(hash);
    });
  }

  it('a generated province (seed 11, 2,000 sites), 24 h', () => {
    const files = generateProvince({ seed: 11, sites: 2_000, substations: 200, roadEdges: 6_000, townships: 150 });
    const result = loadScenario(memoryScenarioFiles('province', files));
    if (!result.ok) throw new Error('generated province did not load');
    expect(runScenario(result.world, { seed: 7, untilSec: 24 * 3600 }).report.finalStateHash).toBe(PROVINCE_PIN);
  });
});
