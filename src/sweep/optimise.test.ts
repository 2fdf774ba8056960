// The optimiser's pure layer: the greedy search on a fake evaluation whose
// gains are computed by hand, budget validation with its exact messages, the
// "auto" shortlist, and the published schema.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryScenarioFiles } from '../scenario/memory-files.ts';
import { formatProblems } from '../scenario/load.ts';
import { loadProfile } from '../scoring/profile.ts';
import { JISHISHAN, ROOT, scenarioTexts } from '../../test/helpers.ts';

const jishishanFiles = () => memoryScenarioFiles('jishishan-2023', scenarioTexts(JISHISHAN));
import {
  BUDGET_SCHEMA,
  budgetOptions,
  budgetScenario,
  checkBudgetIds,
  greedySearch,
  objectiveOf,
  selectionVariant,
  shortlistSites,
  validateBudget,
  type Budget,
  type BudgetScenario,
  type Evaluation,
} from './optimise.ts';
import { SWEEP_ROW_FORMAT, type SweepRow } from './rows.ts';
import { tQuantile975 } from './stats.ts';
import type { Variant } from './variants.ts';

const SEEDS = [1, 2, 3];
const BASE_LOSS: Record<number, number> = { 1: 100, 2: 110, 3: 120 };

const scenario: BudgetScenario = {
  sites: [
    { id: 'a', township: 't1', siteClass: 'macro' },
    { id: 'b', township: 't1', siteClass: 'macro' },
    { id: 'c', township: 't2', siteClass: 'macro' },
    { id: 'z', township: 't2', siteClass: 'super' },
  ],
  townships: [{ id: 't1', population: 1000 }, { id: 't2', population: 300 }],
  uavs: ['u1'],
};

/**
 * A loss (lower is better) that each choice lowers by a fixed amount per
 * seed, read back from the variant the search builds: hardening a lowers it
 * by 10 on every seed, b by 5, 10, 15 (the same mean, 10, so a tie), c by
 * nothing; a kit for t1 by 3; the UAV at "near" by 4, at "far" by 1.
 */
const EFFECT: Record<string, Record<number, number>> = {
  a: { 1: 10, 2: 10, 3: 10 },
  b: { 1: 5, 2: 10, 3: 15 },
  c: { 1: 0, 2: 0, 3: 0 },
  't1': { 1: 3, 2: 3, 3: 3 },
  'u1@near': { 1: 4, 2: 4, 3: 4 },
  'u1@far': { 1: 1, 2: 1, 3: 1 },
};

function fakeEvaluate(calls: { names: string[]; seeds: number[] }[]) {
  return async (variants: Variant[], seeds: number[]): Promise<Evaluation> => {
    calls.push({ names: variants.map((v) => v.name), seeds });
    const out: Evaluation = new Map();
    for (const v of variants) {
      const keys = [...(v.superSites?.ids ?? []), ...(Array.isArray(v.prepositioned?.townships) ? v.prepositioned.townships : []), ...(v.moveUavs ?? []).map((m) => `${m.id}@${m.airfield[0] === 1 ? 'near' : 'far'}`)];
      out.set(v.name, new Map(seeds.map((s) => [s, BASE_LOSS[s] - keys.reduce((sum, k) => sum + EFFECT[k][s], 0)])));
    }
    return out;
  };
}

const budget = (over: Partial<Budget>): Budget => ({ format: 'drilltwin/budget@1', objective: 'serviceLoss', ...over });

describe('greedy forward selection on common random numbers', () => {
  it('takes the best mean paired gain, breaks a tie by option order, and spends each budget', async () => {
    const b = budget({ hardenSites: { count: 1, candidates: ['a', 'b', 'c'], batteryKwh: 150 }, prepositionKits: { count: 1, townships: ['t1'], satPhones: 2 } });
    const options = budgetOptions(b, scenario);
    expect(options.map((o) => o.id)).toEqual(['harden:a', 'harden:b', 'harden:c', 'kit:t1']);
    const calls: { names: string[]; seeds: number[] }[] = [];
    const r = await greedySearch({ budget: b, options, counts: { harden: 1, uav: 0, kit: 1 }, higherIsBetter: false, seeds: SEEDS, context: 'test', evaluate: fakeEvaluate(calls) });

    // Every evaluation on the same seeds: the base, then 4 options, then the 1 left (the hardening budget is spent).
    expect(calls.map((c) => [c.names.length, c.seeds])).toEqual([[1, SEEDS], [4, SEEDS], [1, SEEDS]]);
    expect(r.base.mean).toBe(110);
    expect(r.steps.map((s) => s.chosen.id)).toEqual(['harden:a', 'kit:t1']);

    const [one, two] = r.steps;
    // Step 1: a and b both lower the loss by 10 on average; a comes first in the budget.
    expect(one.evaluated.map((e) => [e.option.id, e.gain])).toEqual([['harden:a', 10], ['harden:b', 10], ['harden:c', 0], ['kit:t1', 3]]);
    expect(one.tiedWith).toEqual(['harden:b']);
    expect(one.marginal.mean).toBe(-10);
    expect(one.marginal.ci95).toEqual({ lo: -10, hi: -10 }); // the same −10 on every seed
    expect(one.marginal.winShare).toBe(1);
    // b's differences −5, −10, −15: sd 5, half-width t₀.₉₇₅(2)·5/√3.
    const bDiff = one.evaluated[1].vsCurrent;
    expect(bDiff.sd).toBeCloseTo(5, 12);
    expect(bDiff.ci95.lo).toBeCloseTo(-10 - (4.302653 * 5) / Math.sqrt(3), 9);
    expect(bDiff.ci95.hi).toBeCloseTo(-10 + (tQuantile975(2) * 5) / Math.sqrt(3), 9);
    expect(one.mean).toBe(100);
    expect(one.variant.superSites).toEqual({ ids: ['a'], batteryKwh: 150 });

    // Step 2 is measured against the selection after step 1, not the base: −3 per seed.
    expect(two.marginal.mean).toBe(-3);
    expect(two.mean).toBe(97);
    expect(two.variant.superSites?.ids).toEqual(['a']);
    expect(two.variant.prepositioned).toEqual({ townships: ['t1'], satPhones: 2 });
    expect(r.final).toEqual(two.variant);
    expect(r.stop.reason).toBe('budgetSpent');
    expect(r.stop.message).toBe('every budget is spent after 2 steps');
    expect(r.unspent).toEqual({ harden: 0, uav: 0, kit: 0 });
    expect(r.rejected).toBeNull();
    expect(r.runsAsked).toBe(3 * (1 + 4 + 1));
  });

  it('stops early when no option improves, leaving the budget unspent', async () => {
    const b = budget({ hardenSites: { count: 3, candidates: ['a', 'c'] } });
    const r = await greedySearch({ budget: b, options: budgetOptions(b, scenario), counts: { harden: 3, uav: 0, kit: 0 }, higherIsBetter: false, seeds: SEEDS, context: 'test', evaluate: fakeEvaluate([]) });
    expect(r.steps.map((s) => s.chosen.id)).toEqual(['harden:a']);
    expect(r.stop).toEqual({
      reason: 'noImprovement',
      message: 'no option improves the objective at step 2 (the best, harden:c, has a mean gain of 0); the rest of the budget is left unspent',
      atStep: 2,
    });
    expect(r.unspent).toEqual({ harden: 2, uav: 0, kit: 0 });
    expect(r.rejected?.map((e) => [e.option.id, e.gain])).toEqual([['harden:c', 0]]);
  });

  it('stations a UAV once: its other airfields leave the options once it is placed', async () => {
    const b = budget({ stationUavs: { count: 2, airfields: [{ name: 'far', lonLat: [2, 2] }, { name: 'near', lonLat: [1, 1] }] } });
    const options = budgetOptions(b, scenario);
    expect(options.map((o) => o.id)).toEqual(['uav:u1@far', 'uav:u1@near']);
    const r = await greedySearch({ budget: b, options, counts: { harden: 0, uav: 2, kit: 0 }, higherIsBetter: false, seeds: SEEDS, context: 'test', evaluate: fakeEvaluate([]) });
    expect(r.steps.map((s) => [s.chosen.id, s.marginal.mean])).toEqual([['uav:u1@near', -4]]);
    expect(r.steps[0].variant.moveUavs).toEqual([{ id: 'u1', airfield: [1, 1] }]);
    expect(r.stop.reason).toBe('noOptions');
    expect(r.unspent.uav).toBe(1);
  });

  it('names a selection by what it changes, whatever the order it was chosen in', () => {
    const b = budget({ hardenSites: { count: 2, candidates: ['a', 'b'] }, prepositionKits: { count: 1, townships: ['t1'], beidou: 1 } });
    const [a, bb, k] = budgetOptions(b, scenario);
    const one = selectionVariant(b, [a, bb, k], 'ctx');
    const other = selectionVariant(b, [k, bb, a], 'ctx');
    expect(one).toEqual(other);
    expect(one.name).toMatch(/^opt-[0-9a-f]{16}$/);
    expect(one.description).toBe('harden:a + harden:b + kit:t1');
    expect(selectionVariant(b, [a, bb, k], 'another base').name).not.toBe(one.name);
    expect(selectionVariant(b, [], 'ctx').name).toBe('base');
  });
});

describe('the "auto" shortlist', () => {
  const row = (seed: number, siteOutHours?: Record<string, number>): SweepRow => ({
    format: SWEEP_ROW_FORMAT, variant: 'base', seed, scenarioSha256: 'x', untilSec: 3600, score: null, rating: null, pass: null, indicators: {}, kpis: {}, finalStateHash: 'h', wallMs: 0, ...(siteOutHours ? { siteOutHours } : {}),
  });

  it('ranks sites by population-hours lost (hours off air × people per site), mean over seeds, ties in scenario order', () => {
    // a and b share t1's 1000 people (500 each), c has t2's 300 to itself (z is super, left out... but counts as a site of t2: 150 each).
    const rows = [row(1, { a: 2, c: 10, z: 50 }), row(2, { a: 4, b: 6, c: 10 })];
    // a: mean 3 h × 500 = 1500; b: 3 h × 500 = 1500 (tie, a first); c: 10 h × 150 = 1500 (tie, after b).
    expect(shortlistSites(scenario, rows, 3)).toEqual([
      { id: 'a', populationHours: 1500 },
      { id: 'b', populationHours: 1500 },
      { id: 'c', populationHours: 1500 },
    ]);
    expect(shortlistSites(scenario, [row(1, { c: 20 })], 1)).toEqual([{ id: 'c', populationHours: 3000 }]);
  });

  it('is refused (null) when a row carries no per-site hours', () => {
    expect(shortlistSites(scenario, [row(1, { a: 1 }), row(2)], 2)).toBeNull();
  });
});

describe('budget files', () => {
  const messages = (value: unknown) => {
    const r = validateBudget(value, 'budget.json');
    return r.ok ? [] : formatProblems(r.problems).split('\n');
  };

  it('refuses bad budgets with the field and what was expected', () => {
    expect(messages({ format: 'drilltwin/budget@1', objective: 'serviceLoss' })).toEqual(['budget.json: no budget to spend, expected at least one of hardenSites, stationUavs, prepositionKits']);
    expect(messages({ format: 'drilltwin/budget@2', objective: 'serviceLoss', hardenSites: { count: 0, candidates: ['a'] } })).toEqual([
      'budget.json#/format: "drilltwin/budget@2" is not allowed, expected "drilltwin/budget@1"',
      'budget.json#/hardenSites/count: 0 is out of range, expected an integer from 1 to 100',
    ]);
    expect(messages({ format: 'drilltwin/budget@1', objective: 'serviceLoss', seeds: '1..x', hardenSites: { count: 3, candidates: ['a', 'b'], shortlist: 4 }, prepositionKits: { count: 1, townships: 'all' } })).toEqual([
      'budget.json#/prepositionKits: a kit holds no terminals, expected satPhones or beidou (or both)',
      'budget.json#/seeds: "1..x" is not a list of seeds, expected ranges and numbers such as "1..40" or "1..5,42"',
      'budget.json#/hardenSites/shortlist: a shortlist applies only to candidates "auto", expected it left out with a list of candidates',
      'budget.json#/hardenSites/count: 3 is more than the 2 candidate sites, expected at most 2',
    ]);
    expect(messages({ format: 'drilltwin/budget@1', objective: 'serviceLoss', stationUavs: { count: 2, uavs: ['u1'], airfields: [{ name: 'x', lonLat: [1, 2] }, { name: 'x', lonLat: [3, 4] }] } })).toEqual([
      'budget.json#/stationUavs/airfields/1/name: "x" is already the name of /stationUavs/airfields/0, expected a unique name',
      'budget.json#/stationUavs/count: 2 is more than the 1 UAVs listed, expected at most 1',
    ]);
    expect(messages({ format: 'drilltwin/budget@1', objective: 'serviceLoss', extra: 1, hardenSites: { count: 1, candidates: 'auto', shortlist: 3 } })).toEqual([
      'budget.json#/extra: unknown field "extra", expected one of: $schema, format, description, objective, seeds, hardenSites, stationUavs, prepositionKits',
    ]);
  });

  it('checks ids against the scenario', () => {
    const s = budgetScenario(jishishanFiles());
    const b = budget({ hardenSites: { count: 1, candidates: ['s-jss-001', 's-nope'] }, stationUavs: { count: 1, uavs: ['uav-x'], airfields: [{ name: 'a', lonLat: [102.8, 35.7] }] }, prepositionKits: { count: 30, townships: 'all', beidou: 1 } });
    expect(formatProblems(checkBudgetIds(b, s, 'budget.json')).split('\n')).toEqual([
      'budget.json#/hardenSites/candidates/0: "s-jss-001" is already a super site, expected a site to harden',
      'budget.json#/hardenSites/candidates/1: "s-nope" is not a site of the scenario',
      'budget.json#/stationUavs/uavs/0: "uav-x" is not a UAV of the scenario',
      'budget.json#/prepositionKits/count: 30 is more than the scenario\'s 23 townships, expected at most 23',
    ]);
  });

  it('names the objective it cannot measure', () => {
    const loaded = loadProfile(readFileSync(join(ROOT, 'scenarios', 'targets', '2027-emergency-comms.json'), 'utf8'), 'targets.json');
    if (!loaded.ok) throw new Error('the shipped profile is invalid');
    const loss = objectiveOf('serviceLoss', loaded.profile);
    expect(loss.ok && [loss.objective.metric, loss.objective.higherIsBetter]).toEqual(['resilienceLoss72h', false]);
    const bad = objectiveOf('nope', loaded.profile);
    expect(bad.ok ? '' : bad.message).toMatch(/^"nope" is not a metric of the sweep summary, expected one of serviceLoss, pass, score, uavCoverageArea, /);
    const noProfile = objectiveOf('serviceLoss', null);
    expect(noProfile.ok ? '' : noProfile.message).toBe(
      '"serviceLoss" needs a target profile (its indicator resilienceLoss72h), and the scenario has none; expected one of populationServedFracMin, populationServedFracFinal, sitesOutPowerPeak, sitesOutDamagePeak, sitesOutTransportPeak, substationsOutPeak',
    );
  });

  it('the shipped example is valid against Jishishan', () => {
    const r = validateBudget(JSON.parse(readFileSync(join(ROOT, 'scenarios', 'jishishan-2023', 'budget.example.json'), 'utf8')), 'budget.example.json');
    expect(r.ok ? checkBudgetIds(r.budget, budgetScenario(jishishanFiles()), 'budget.example.json') : r.problems).toEqual([]);
  });

  it('publishes the schema it validates with (run tools/write-schemas.ts after a change)', () => {
    expect(JSON.parse(readFileSync(join(ROOT, 'scenarios', 'schema', 'budget.schema.json'), 'utf8'))).toEqual(BUDGET_SCHEMA);
  });
});
