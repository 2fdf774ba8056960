// Model parameters from a file change the run, and only through world.params:
// halving generator fuel on Jishishan (seed 7) makes the response measurably
// worse (fewer site-hours on generator, more without power); tables used at load time (link budget, helicopter
// defaults, attenuation, routing speeds) follow the overrides; the CLI records
// the overrides in the report and a replay insists on the same.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diskScenarioFiles } from '../cli/files.ts';
import { main } from '../cli/main.ts';
import { runScenario } from '../src/engine/run.ts';
import { buildWorldIndex } from '../src/engine/sim.ts';
import { DEFAULT_PARAMS, type ModelParams } from '../src/model/params/index.ts';
import type { World } from '../src/model/world.ts';
import { openRoadConditions } from '../src/response/routing.ts';
import { loadScenario } from '../src/scenario/load.ts';
import { applyParamOverrides, PARAMS_FORMAT } from '../src/scenario/params.ts';
import { captureOut, JISHISHAN, loadWorld, ROOT } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'drilltwin-params-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HALF_FUEL = { format: PARAMS_FORMAT, infra: { GENERATOR_FUEL: { fuelHoursFactor: { value: 0.5, source: 'what-if: half a tank' } } } };

function paramsFrom(doc: unknown): ModelParams {
  const result = applyParamOverrides(DEFAULT_PARAMS, doc, 'test.json');
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.params;
}

function worldWith(doc: unknown): World {
  const result = loadScenario(diskScenarioFiles(JISHISHAN), paramsFrom(doc));
  if (!result.ok) throw new Error('Jishishan did not load');
  return result.world;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('model parameter overrides', () => {
  it('halving generator fuel on Jishishan (seed 7) costs generator hours and leaves sites longer without power', () => {
    const base = loadWorld(JISHISHAN);
    const half = worldWith(HALF_FUEL);
    expect(half.params.infra.GENERATOR_FUEL.fuelHoursFactor.value).toBe(0.5);
    // Every generator carries half: site tanks, pools, team loadouts.
    expect(Array.from(half.sites.generatorFuelHours)).toEqual(Array.from(base.sites.generatorFuelHours, (h) => h / 2));
    expect(half.generatorPools.map((g) => g.fuelHours)).toEqual(base.generatorPools.map((g) => g.fuelHours / 2));
    expect(half.teams.map((t) => t.loadout.fuelHours)).toEqual(base.teams.map((t) => t.loadout.fuelHours / 2));

    const a = runScenario(base, { seed: 7, untilSec: base.durationSec }).report;
    const b = runScenario(half, { seed: 7, untilSec: half.durationSec }).report;
    expect(b.finalStateHash).not.toBe(a.finalStateHash);
    const sa = a.kpis.series, sb = b.kpis.series;
    // With half a tank the crews refuel twice as often, so most sites stay lit: site-hours on generator fall
    // (794 → 744) and site-hours without power rise (143 → 149). Service over the 72 h barely moves
    // (68.48 → 68.58 share-hours: the doctrine's repair order adapts), so it is not asserted.
    const hours = (xs: number[]) => sum(xs) / 60;
    expect(hours(sb.sitesOnGenerator)).toBeLessThan(0.97 * hours(sa.sitesOnGenerator));
    expect(hours(sb.sitesOutPower)).toBeGreaterThan(hours(sa.sitesOutPower) + 2);
  });

  it('a file that gives the defaults again runs to the same hash', () => {
    const same = worldWith({ format: PARAMS_FORMAT, infra: { GENERATOR_FUEL: { fuelHoursFactor: { value: 1 } } }, movement: { ROAD_SPEED_KMH: { road: { kmh: { county: 40 } } } } });
    expect(same.params).toEqual(DEFAULT_PARAMS);
    expect(runScenario(same, { seed: 7, untilSec: 12 * 3600 }).report.finalStateHash).toBe(
      runScenario(loadWorld(JISHISHAN), { seed: 7, untilSec: 12 * 3600 }).report.finalStateHash,
    );
  });

  it('reaches the tables used while loading and indexing: link budget, helicopter defaults, attenuation, routing speeds', () => {
    const base = loadWorld(JISHISHAN);
    const changed = worldWith({
      format: PARAMS_FORMAT,
      radio: { HATA_LINK_BUDGET: { maxPathLossDb: { value: 130 } } },
      airlift: { AIRLIFT: { defaultSpeedKmh: { value: 180 } } },
      attenuation: { ATTENUATION_TABLE: Array.from({ length: 8 }, (_, i) => (i === 6 ? { a: 6.0 } : {})) },
      movement: { ROAD_SPEED_KMH: { road: { kmh: { national: 40, provincial: 30, county: 20, rural: 15 } } } },
    });
    // Every Jishishan site takes its radius from the link budget.
    for (let s = 0; s < base.sites.ids.length; s++) expect(changed.sites.coverageRadiusM[s]).toBeLessThan(base.sites.coverageRadiusM[s]);
    expect(changed.helicopters[0].speedKmh).toBe(180);
    expect(changed.earthquakes[0].attenuationTable).toBe(changed.params.attenuation.ATTENUATION_TABLE);
    expect(changed.earthquakes[0].attenuationTable[6]).toMatchObject({ zone: 'qinghai-tibet', axis: 'long', a: 6.0, source: 'override: test.json' });

    const route = (world: World) => {
      const router = buildWorldIndex(world).router;
      const r = router.route({ fromNode: 0, toNode: world.roads.nodeXM.length - 1, mode: 'road', roadState: openRoadConditions(world) });
      if (!r.ok) throw new Error('no route');
      return r.totalSec;
    };
    expect(route(changed)).toBeGreaterThan(route(base));
  });
});

describe('drilltwin run/replay --params', () => {
  const write = (name: string, value: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
    return path;
  };

  it('runs with a params file, records it in the report, and replays only with the same values', async () => {
    const params = write('half-fuel.json', HALF_FUEL);
    const reportPath = join(dir, 'half.json');
    const run = captureOut();
    expect(await main(['run', JISHISHAN, '--seed', '7', '--until', '24h', '--params', params, '--out', reportPath], run.io)).toBe(0);
    expect(run.out.stdout).toContain(`model parameters: 1 value overridden by ${params} (/infra/GENERATOR_FUEL/fuelHoursFactor/value = 0.5)`);
    const report = JSON.parse(readFileSync(reportPath, 'utf8'));
    expect(report.params).toEqual({
      file: params,
      overrides: [{ pointer: '/infra/GENERATOR_FUEL/fuelHoursFactor/value', value: 0.5, source: 'override: half-fuel.json: what-if: half a tank' }],
    });

    const prevCwd = process.cwd();
    process.chdir(ROOT);
    try {
      const without = captureOut();
      expect(await main(['replay', reportPath], without.io)).toBe(2);
      expect(without.out.stderr).toContain(`#/params: the report's run used parameters from ${params} (/infra/GENERATOR_FUEL/fuelHoursFactor/value = 0.5), this replay default parameters; replay it with --params ${params}`);

      const other = captureOut();
      expect(await main(['replay', reportPath, '--params', write('third.json', { format: PARAMS_FORMAT, infra: { GENERATOR_FUEL: { fuelHoursFactor: { value: 0.3 } } } })], other.io)).toBe(2);
      expect(other.out.stderr).toContain('this replay parameters from');

      const same = captureOut();
      expect(await main(['replay', reportPath, '--params', params], same.io)).toBe(0);
      expect(same.out.stdout).toMatch(/^replay identical: 25 hourly hashes/);
    } finally {
      process.chdir(prevCwd);
    }
  });

  it('refuses a bad params file before running, with every problem at its pointer (exit 2)', async () => {
    const bad = write('bad.json', {
      format: PARAMS_FORMAT,
      infra: { SUPPLY_TRANSFER_SEC: { value: -60 } },
      tasks: { TASK_DURATION_SEC: { repairSiteByDamageState: { value: [3600, 7200] } } },
      typhoon: {},
    });
    const run = captureOut();
    expect(await main(['run', JISHISHAN, '--params', bad, '--quiet'], run.io)).toBe(2);
    expect(run.out.stderr.split('\n')).toEqual([
      `${bad}: the params file is invalid (3 problems):`,
      'bad.json#/typhoon: unknown field "typhoon", expected one of: $schema, format, description, airlift, attenuation, fragility, infra, flood, movement, radio, tasks, uav',
      'bad.json#/infra/SUPPLY_TRANSFER_SEC/value: -60 is out of range, expected an integer ≥ 0',
      'bad.json#/tasks/TASK_DURATION_SEC/repairSiteByDamageState/value: has 2 items, expected exactly 4',
      '',
    ]);
    const missing = captureOut();
    expect(await main(['run', JISHISHAN, '--params', join(dir, 'nope.json'), '--quiet'], missing.io)).toBe(2);
    expect(missing.out.stderr).toContain('nope.json: file not found');
    const notJson = captureOut();
    expect(await main(['run', JISHISHAN, '--params', write('broken.json', '{"format": '), '--quiet'], notJson.io)).toBe(2);
    expect(notJson.out.stderr).toMatch(/^\S*broken\.json: the params file is invalid \(1 problem\):\nbroken\.json: /);
  });
});
