import { join } from 'node:path';
import { median } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { loadWorld, ROOT, scenarioTexts } from '../../test/helpers.ts';
import { memoryScenarioFiles } from '../scenario/memory-files.ts';
import { runScenario } from '../engine/run.ts';
import { Sim } from '../engine/sim.ts';
import { DEFAULT_PARAMS, type ModelParams } from '../model/params/index.ts';
import type { World } from '../model/world.ts';
import { loadScenario } from '../scenario/load.ts';
import { variantFiles, variantParams } from '../sweep/index.ts';
import { depthAt, levelAt } from './flood.ts';
import { scaledLevelM } from './flood-effects.ts';

const times = Float64Array.from([0, 3600, 7200, 36000]);
const levels = Float64Array.from([100, 102, 103.5, 99]);

describe('flood stage hydrograph', () => {
  it('interpolates linearly between points and holds the ends', () => {
    expect(levelAt(times, levels, -10)).toBe(100);
    expect(levelAt(times, levels, 1800)).toBe(101);
    expect(levelAt(times, levels, 5400)).toBe(102.75);
    expect(levelAt(times, levels, 99999)).toBe(99);
  });

  it('gives depth = level − ground, never negative, with recession', () => {
    expect(depthAt(times, levels, 101, 7200)).toBeCloseTo(2.5, 12);
    expect(depthAt(times, levels, 101, 36000)).toBe(0);
    // Recession: from 103.5 at 2 h to 99 at 10 h: at 6 h the level is 101.25.
    expect(depthAt(times, levels, 101, 21600)).toBeCloseTo(0.25, 12);
  });
});

describe('flood uncertainty (model/params/flood.ts)', () => {
  const FLOOD = join(ROOT, 'scenarios', 'mountain-flood', 'scenario.json');
  const floodFiles = () => memoryScenarioFiles('mountain-flood', scenarioTexts(FLOOD));
  const drawsOf = (world: World, seed: number) => {
    const sim = Sim.create(world, seed);
    const d = sim.state.floodDraws!;
    return { stage: Array.from(d.stageFactor), threshold: Array.from(d.thresholdM) };
  };
  const withParams = (params: ModelParams) => {
    const r = loadScenario(floodFiles(), params);
    if (!r.ok) throw new Error('mountain-flood does not load');
    return r.world;
  };

  it('scales the rise above the first level, keeping the timing', () => {
    expect(scaledLevelM(times, levels, 1, 5400)).toBe(102.75);
    expect(scaledLevelM(times, levels, 1.5, 7200)).toBe(105.25);
    expect(scaledLevelM(times, levels, 0.5, 7200)).toBe(101.75);
    expect(scaledLevelM(times, levels, 2, 0)).toBe(100);
  });

  it('draws per seed: rise factors within their clamp, failure depths around their medians', () => {
    const world = loadWorld(FLOOD);
    const a = drawsOf(world, 1), b = drawsOf(world, 2);
    expect(a).toEqual(drawsOf(world, 1));
    expect(a.stage).not.toEqual(b.stage);
    const { min, max } = world.params.flood.FLOOD_STAGE_UNCERTAINTY;
    for (const f of [...a.stage, ...b.stage]) expect(f >= min.value && f <= max.value).toBe(true);
    // Over many seeds the median rise factor is about 1 and the site failure depths centre on 0.3 m.
    const factors: number[] = [], siteDepths: number[] = [];
    const sites = world.floods[0].exposures.map((e, k) => (e.kind === 'site' ? k : -1)).filter((k) => k >= 0);
    for (let seed = 1; seed <= 200; seed++) {
      const d = drawsOf(world, seed);
      factors.push(d.stage[0]);
      for (const k of sites) siteDepths.push(d.threshold[k]);
    }
    expect(median(factors)).toBeGreaterThan(0.9);
    expect(median(factors)).toBeLessThan(1.1);
    expect(median(siteDepths)).toBeCloseTo(0.3, 1);
    expect(Math.min(...siteDepths)).toBeLessThan(0.15);
  });

  it('with no dispersion the flood is the scenario as given: factor 1, every depth at its median', () => {
    const defaults = DEFAULT_PARAMS.flood;
    const world = withParams({
      ...DEFAULT_PARAMS,
      flood: {
        ...defaults,
        FLOOD_STAGE_UNCERTAINTY: { ...defaults.FLOOD_STAGE_UNCERTAINTY, eventSigma: { value: 0 }, zoneSigma: { value: 0 } },
        FLOOD_EQUIPMENT_FAILURE: { ...defaults.FLOOD_EQUIPMENT_FAILURE, site: { medianM: { value: 0.3 }, beta: { value: 0 } }, substation: { medianM: { value: 0.3 }, beta: { value: 0 } } },
      },
    });
    const d = drawsOf(world, 9);
    expect(new Set(d.stage)).toEqual(new Set([1]));
    world.floods[0].exposures.forEach((e, k) => {
      if (e.kind === 'site' || e.kind === 'substation') expect(d.threshold[k]).toBe(0.3);
    });
  });

  it('common random numbers: a variant that leaves the flood and its assets alone draws the same water', () => {
    const base = loadWorld(FLOOD);
    const r = loadScenario(
      variantFiles(floodFiles(), { name: 'v', settings: { emergencyRoaming: true, doctrineSeats: 'none' }, removeTeams: [base.teams[0].id] }),
      variantParams({ name: 'v' }, 'test.json'),
    );
    if (!r.ok) throw new Error('variant does not load');
    for (const seed of [1, 7, 42]) expect(drawsOf(r.world, seed)).toEqual(drawsOf(base, seed));
  });

  it('gives the flood a spread: seeds end differently, and deeper rises drown more sites', () => {
    const world = loadWorld(FLOOD);
    const runs = [1, 2, 3, 4, 5, 6].map((seed) => {
      const sim = Sim.create(world, seed, undefined, []);
      sim.advanceTo(14 * 3600); // past every zone's peak
      const flooded = Array.from(sim.state.sites.damageState).filter((d) => d >= 3).length;
      return { factor: sim.state.floodDraws!.stageFactor[1], flooded, hash: sim.hash() };
    });
    expect(new Set(runs.map((r) => r.hash)).size).toBe(runs.length);
    expect(new Set(runs.map((r) => r.flooded)).size).toBeGreaterThan(1);
    const byFactor = [...runs].sort((a, b) => a.factor - b.factor);
    expect(byFactor[byFactor.length - 1].flooded).toBeGreaterThanOrEqual(byFactor[0].flooded);
  });

  it('the draws travel in the state: a run resumed from a snapshot ends where the straight run does', () => {
    const world = loadWorld(FLOOD);
    const straight = runScenario(world, { seed: 3, untilSec: 24 * 3600 });
    const first = runScenario(world, { seed: 3, untilSec: 24 * 3600, snapshotAtSec: 6 * 3600 });
    const file = JSON.parse(JSON.stringify(first.snapshotFile));
    const resumed = runScenario(world, { seed: 3, untilSec: 24 * 3600, from: file });
    expect(resumed.report.finalStateHash).toBe(straight.report.finalStateHash);
    expect(straight.report.hazards[0].zones).toEqual(resumed.report.hazards[0].zones);
  });
});
