import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, DERIVED_PARAMS, paramRange } from '../model/params/index.ts';
import { applyParamOverrides, loadParams, PARAMS_FORMAT } from './params.ts';
import { memoryScenarioFiles } from './memory-files.ts';
import { formatProblem } from './problems.ts';

type Json = unknown;

/** Every number and switch of a value, with its pointer and the nearest enclosing object that has a source. */
function leaves(value: Json, pointer = '', owner: string | null = null, out: { pointer: string; value: number | boolean; owner: string | null }[] = []) {
  if (typeof value === 'number' || typeof value === 'boolean') out.push({ pointer, value, owner });
  else if (value !== null && typeof value === 'object') {
    const here = !Array.isArray(value) && 'source' in value ? pointer : owner;
    for (const [k, v] of Object.entries(value)) leaves(v, `${pointer}/${k}`, here, out);
  }
  return out;
}

function problems(doc: Json): string[] {
  const result = applyParamOverrides(DEFAULT_PARAMS, doc, 'params.json');
  if (result.ok) throw new Error('expected the document to be refused');
  return result.problems.map(formatProblem);
}

const doc = (tables: Record<string, Json>) => ({ format: PARAMS_FORMAT, ...tables });

describe('ModelParams', () => {
  it('gives every number a range that its default satisfies, and a source', () => {
    const all = leaves(DEFAULT_PARAMS);
    expect(all.length).toBeGreaterThan(300);
    for (const { pointer, value, owner } of all) {
      expect(owner, `${pointer} has no source`).not.toBeNull();
      if (typeof value !== 'number') continue;
      const range = paramRange(pointer);
      expect(range, `${pointer} has no range`).not.toBeNull();
      if (!range || range.fixed) continue;
      if (range.integer) expect(Number.isInteger(value), pointer).toBe(true);
      if (range.minimum !== undefined) expect(value, pointer).toBeGreaterThanOrEqual(range.minimum);
      if (range.maximum !== undefined) expect(value, pointer).toBeLessThanOrEqual(range.maximum);
      if (range.exclusiveMinimum !== undefined) expect(value, pointer).toBeGreaterThan(range.exclusiveMinimum);
      if (range.exclusiveMaximum !== undefined) expect(value, pointer).toBeLessThan(range.exclusiveMaximum);
    }
  });

  it('an empty override file gives the defaults, the very same tables, and no overrides', () => {
    const result = applyParamOverrides(DEFAULT_PARAMS, doc({}));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.overrides).toEqual([]);
    expect(result.params).toEqual(DEFAULT_PARAMS);
    expect(result.params.infra.SITE_POWER).toBe(DEFAULT_PARAMS.infra.SITE_POWER);
  });

  it('a file that repeats every default value overrides nothing', () => {
    const repeat = (v: Json, pointer: string): Json => {
      if (DERIVED_PARAMS.some((d) => d.pointer === pointer)) return undefined;
      if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
      if (typeof v === 'boolean' || v === null || typeof v === 'string') return v;
      if (Array.isArray(v)) return v.map((x, i) => repeat(x, `${pointer}/${i}`));
      const o: Record<string, Json> = {};
      for (const [k, x] of Object.entries(v as object)) if (k !== 'source') o[k] = repeat(x, `${pointer}/${k}`);
      return o;
    };
    const result = applyParamOverrides(DEFAULT_PARAMS, doc(repeat(DEFAULT_PARAMS, '') as Record<string, Json>));
    expect(result.ok && result.overrides).toEqual([]);
  });

  it('applies a value, relabels its table\'s source, and leaves the defaults alone', () => {
    const result = applyParamOverrides(
      DEFAULT_PARAMS,
      doc({
        tasks: { TASK_DURATION_SEC: { inspectSite: { value: 900 }, repairSiteByDamageState: { value: [3600, 7200, 36000, -1], source: 'drill 2025 timings' } } },
        infra: { FEEDER_TRIP: { probabilityByIntensity: [[5, 0], [6, 0.2], [7, 0.6], [8, 0.8], [9, 0.95]] } },
      }),
      'fast.json',
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.params.tasks.TASK_DURATION_SEC.inspectSite).toEqual({ value: 900, source: 'override: fast.json' });
    expect(result.params.tasks.TASK_DURATION_SEC.repairSiteByDamageState.source).toBe('override: fast.json: drill 2025 timings');
    expect(result.params.tasks.TASK_DURATION_SEC.hookGenerator).toBe(DEFAULT_PARAMS.tasks.TASK_DURATION_SEC.hookGenerator);
    expect(result.params.infra.FEEDER_TRIP.source).toBe('override: fast.json');
    expect(DEFAULT_PARAMS.tasks.TASK_DURATION_SEC.inspectSite.value).toBe(1800);
    expect(result.overrides).toEqual([
      { pointer: '/infra/FEEDER_TRIP/probabilityByIntensity/1/1', value: 0.2, source: 'override: fast.json' },
      { pointer: '/tasks/TASK_DURATION_SEC/inspectSite/value', value: 900, source: 'override: fast.json' },
      { pointer: '/tasks/TASK_DURATION_SEC/repairSiteByDamageState/value/1', value: 7200, source: 'override: fast.json: drill 2025 timings' },
    ]);
  });

  it('lists overrides in table order whatever the file\'s key order', () => {
    const a = applyParamOverrides(DEFAULT_PARAMS, doc({ uav: { UAV_DEFAULT_MAX_WEATHER_WAIT_SEC: { value: 60 } }, airlift: { AIRLIFT: { walkKmh: { value: 2 } } } }));
    const b = applyParamOverrides(DEFAULT_PARAMS, { airlift: { AIRLIFT: { walkKmh: { value: 2 } } }, uav: { UAV_DEFAULT_MAX_WEATHER_WAIT_SEC: { value: 60 } }, format: PARAMS_FORMAT });
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) expect(a.overrides).toEqual(b.overrides);
  });

  it('carries the at-grade flood depth over to routing\'s flooded threshold', () => {
    const result = applyParamOverrides(DEFAULT_PARAMS, doc({ infra: { AT_GRADE_FAILURE_DEPTH_M: { value: 0.5 } } }), 'deep.json');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.params.movement.FLOODED_ABOVE_M.value).toBe(0.5);
    expect(result.params.movement.FLOODED_ABOVE_M.source).toBe('follows /infra/AT_GRADE_FAILURE_DEPTH_M/value: override: deep.json');
    expect(DEFAULT_PARAMS.movement.FLOODED_ABOVE_M.value).toBe(0.3);
  });

  it('refuses a bad file with every problem, each at its pointer', () => {
    expect(
      problems({
        infra: { GENERATOR_FUEL: { fuelHoursFactor: { value: 'half' } }, SUPPLY_TRANSFER_SEC: { value: -60 } },
        tasks: { TASK_DURATION_SEC: { inspectSite: { value: -1 }, repairSiteByDamageState: { value: [3600, 7200, 36000] } } },
        weather: { windForce: 3 },
        fragility: { CELL_SITE_FRAGILITY: { ordinary: { id: 'other', medians: [0.2, 0.45, 0.8, 1.5, 2] } } },
        movement: { FLOODED_ABOVE_M: { value: 0.5 }, ROAD_SPEED_KMH: { road: { kmh: { county: 0 } } }, BLOCKED_PASSAGE: { foot: { onMountain: 'yes' } } },
      }),
    ).toEqual([
      'params.json#/format: missing required field "format"',
      'params.json#/weather: unknown field "weather", expected one of: $schema, format, description, airlift, attenuation, fragility, infra, flood, movement, radio, tasks, uav',
      'params.json#/fragility/CELL_SITE_FRAGILITY/ordinary/id: "other" is not allowed, expected "ordinary"',
      'params.json#/fragility/CELL_SITE_FRAGILITY/ordinary/medians: has 5 items, expected exactly 4',
      'params.json#/infra/GENERATOR_FUEL/fuelHoursFactor/value: "half" has the wrong type, expected a number',
      'params.json#/infra/SUPPLY_TRANSFER_SEC/value: -60 is out of range, expected an integer ≥ 0',
      'params.json#/movement/ROAD_SPEED_KMH/road/kmh/county: 0 is out of range, expected a number > 0',
      'params.json#/movement/BLOCKED_PASSAGE/foot/onMountain: "yes" has the wrong type, expected true or false',
      'params.json#/tasks/TASK_DURATION_SEC/inspectSite/value: -1 is out of range, expected an integer ≥ 0',
      'params.json#/tasks/TASK_DURATION_SEC/repairSiteByDamageState/value: has 3 items, expected exactly 4',
      'params.json#/movement/FLOODED_ABOVE_M/value: follows #/infra/AT_GRADE_FAILURE_DEPTH_M/value and cannot be set itself, expected no value here',
    ]);
  });

  it('refuses values that do not fit together', () => {
    expect(
      problems(
        doc({
          infra: {
            OPERATOR_SHARE: { cmcc: 0.7 },
            FEEDER_REPAIR: { hours: { min: 9 } },
            SLIDES_PER_KM: { flat: [[6.5, 0], [7, 0.004], [7, 0.012], [9, 0.033], [10, 0.065]] },
            BATTERY_CAPACITY_BY_TEMPERATURE: { shareByTempC: [[-20, 1], [25, 0.64]] },
          },
          tasks: { WORK_AT_ALTITUDE: { labour: [[3000, 1.13], [2000, 1.3], [4000, 1.37]], machine: [[2000, 1.29], [3000, 1.54], [4000, 1.5]] } },
        }),
      ),
    ).toEqual([
      'params.json#/infra/SLIDES_PER_KM/flat/2/0: 7 is not above 7, expected intensities in ascending order',
      'params.json#/tasks/WORK_AT_ALTITUDE/labour/1/0: 2000 is not above 3000, expected altitudes in ascending order',
      'params.json#/infra/BATTERY_CAPACITY_BY_TEMPERATURE/shareByTempC/1/1: 0.64 is below 1, expected shares that do not fall as it gets warmer',
      'params.json#/tasks/WORK_AT_ALTITUDE/machine/2/1: 1.5 is below 1.54, expected factors that do not fall with altitude',
      'params.json#/infra/FEEDER_REPAIR/hours/min: 9 is above max 6, expected min ≤ max',
      'params.json#/infra/OPERATOR_SHARE: the shares add up to 1.12, expected 1',
    ]);
  });

  it('refuses a battery table whose temperatures do not rise', () => {
    expect(problems(doc({ infra: { BATTERY_CAPACITY_BY_TEMPERATURE: { shareByTempC: [[25, 0.64], [-20, 1]] } } }))).toEqual([
      'params.json#/infra/BATTERY_CAPACITY_BY_TEMPERATURE/shareByTempC/1/0: -20 is not above 25, expected temperatures in ascending order',
    ]);
  });

  it('reads a file with the scenario loader\'s limits: not JSON, NaN-free, an object', () => {
    const read = (text: string) => {
      const result = loadParams(memoryScenarioFiles('', { 'p.json': text }, 'p.json'), 'p.json');
      return result.ok ? 'ok' : result.problems.map(formatProblem);
    };
    expect(read(JSON.stringify(doc({})))).toBe('ok');
    expect(read('{"format": "drilltwin/params@1", "infra": {"SA1_OVER_PGA": {"value": 1e999}}}')).toEqual([
      'p.json#/infra/SA1_OVER_PGA/value: Infinity is not a finite number, expected a finite number',
    ]);
    expect(read('[1, 2]')).toEqual(['p.json: the document is an array, expected a JSON object']);
    expect(read('{"format": "drilltwin/params@2"}')).toEqual(['p.json#/format: "drilltwin/params@2" is not allowed, expected "drilltwin/params@1"']);
    expect(loadParams(memoryScenarioFiles('', {}), 'missing.json')).toEqual({ ok: false, problems: [{ file: 'missing.json', pointer: '', message: 'file not found' }] });
  });
});
