// The engine's shortcuts for speed change no result: a KPI sample after a
// quiet interval repeats the last values exactly as reading every reporter
// again would (pre-positioned terminals, whose use depends on the clock
// alone, included); a damage draw decided by the first exceedance equals the
// full sampling.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diskScenarioFiles } from '../cli/files.ts';
import { DrillDriver } from '../src/engine/driver.ts';
import { Sim } from '../src/engine/sim.ts';
import type { World } from '../src/model/world.ts';
import { lognormalCdf } from '../src/core/dmath.ts';
import { CELL_SITE_FRAGILITY, SUBSTATION_FRAGILITY, sampleDamageState, type FragilityCurve } from '../src/model/params/fragility.ts';
import { loadScenario } from '../src/scenario/load.ts';
import { emptySeries, repeatKpis, sampleKpis } from '../src/scoring/kpis.ts';
import { variantFiles, variantParams } from '../src/sweep/index.ts';
import { JISHISHAN, ROOT } from './helpers.ts';

const FLOOD = join(ROOT, 'scenarios', 'mountain-flood', 'scenario.json');

function withTerminals(path: string): World {
  const r = loadScenario(variantFiles(diskScenarioFiles(path), { name: 'kits', prepositioned: { townships: 'all', satPhones: 2 } }), variantParams({ name: 'kits' }, 'test.json'));
  if (!r.ok) throw new Error(JSON.stringify(r.problems.slice(0, 3)));
  return r.world;
}

describe('KPI samples after quiet intervals', () => {
  for (const [name, path] of [['jishishan-2023', JISHISHAN], ['mountain-flood', FLOOD]] as const) {
    it(`${name}, with pre-positioned terminals: the driver's series equals reading every reporter at every sample`, () => {
      const world = withTerminals(path);
      const untilSec = 30 * 3600;
      const driver = DrillDriver.start(world, 5);
      driver.advanceTo(untilSec);
      const sim = Sim.create(world, 5);
      const full = emptySeries();
      for (let t = 0; t <= untilSec; t += world.kpiIntervalSec) {
        sim.advanceTo(t);
        sampleKpis(sim.ctx, full);
      }
      expect(driver.observations.series).toEqual(full);
      // Jishishan's townships are cut off, then brought back by their stored terminals half an hour later with no event between (the reporter that reads the clock).
      if (name === 'jishishan-2023') expect(full.townshipsIsolated.some((n) => n > 0)).toBe(true);
    });
  }
});

describe('a sample after the clock alone moved', () => {
  it('repeats every reporter but those that read the clock, and equals reading them all', () => {
    const world = withTerminals(JISHISHAN);
    const sim = Sim.create(world, 5);
    sim.advanceTo(120); // the mainshock at T0 has cut townships off; their stored terminals are not in use yet
    const repeated = emptySeries(), full = emptySeries();
    sampleKpis(sim.ctx, repeated);
    sampleKpis(sim.ctx, full);
    expect(full.townshipsIsolated[0]).toBeGreaterThan(0);
    // Only the clock moves, past the half hour the terminals take (no event processed).
    sim.state.clockSec = 2 * 3600;
    repeatKpis(sim.ctx, repeated);
    sampleKpis(sim.ctx, full);
    expect(repeated).toEqual(full);
    expect(full.townshipsIsolated[1]).toBeLessThan(full.townshipsIsolated[0]);
  });
});

describe('damage draws', () => {
  /** The full sampling: all four exceedances, kept ordered by a running minimum, then the highest state the draw falls under. */
  function fullSample(curve: FragilityCurve, x: number, u: number): number {
    let previous = 1;
    const e = curve.medians.map((median, k) => (previous = Math.min(previous, lognormalCdf(x, median, curve.betas[k]))));
    return u < e[3] ? 4 : u < e[2] ? 3 : u < e[1] ? 2 : u < e[0] ? 1 : 0;
  }

  it('the first-exceedance shortcut gives the state the four exceedances give', () => {
    const curves = [CELL_SITE_FRAGILITY.ordinary, CELL_SITE_FRAGILITY.superBaseStation, ...Object.values(SUBSTATION_FRAGILITY)];
    let damaged = 0;
    for (const curve of curves) {
      for (const pgaG of [0, 1e-4, 0.05, 0.2, 0.35, 0.7, 1.5, 4, Infinity]) {
        for (let i = 0; i <= 200; i++) {
          const u = i / 200;
          expect(sampleDamageState(curve, pgaG, u), `pga ${pgaG} g, u ${u}`).toBe(fullSample(curve, pgaG, u));
          if (fullSample(curve, pgaG, u) > 0) damaged++;
        }
      }
    }
    expect(damaged).toBeGreaterThan(100);
  });
});
