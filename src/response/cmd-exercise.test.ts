import { describe, expect, it } from 'vitest';
import { DrillDriver } from '../engine/driver.ts';
import { runScenario } from '../engine/run.ts';
import { buildWorldIndex } from '../engine/sim.ts';
import type { Command } from '../model/commands.ts';
import type { InjectDoc } from '../model/scenario-format.ts';
import type { World } from '../model/world.ts';
import { viewFor } from '../drill/view.ts';
import { JISHISHAN, loadWorld } from '../../test/helpers.ts';
import { commandShapeError } from './commands.ts';

// Jishishan with a small script: a generator expected of China Mobile in
// Dahejia within an hour of T+10 min, a UAV expected of the headquarters
// within 30 min of T+20 min whose miss fires a contingency held in reserve.
function scriptedWorld(): World {
  const base = loadWorld(JISHISHAN);
  const msel: InjectDoc[] = [
    ...base.msel,
    {
      id: 'x-gen-dahejia',
      tSec: 600,
      to: 'cmcc',
      text: { zh: '大河家镇基站退服，请调派发电机', en: 'Sites down in Dahejia: send a generator' },
      expect: { id: 'ea-gen', seat: 'cmcc', command: 'hookGenerator', township: 't-dahejia', withinSec: 3600 },
    },
    {
      id: 'x-uav',
      tSec: 1200,
      to: 'emhq',
      text: { zh: '请派无人机', en: 'Send a UAV' },
      expect: { id: 'ea-uav', seat: 'emhq', command: 'deployUav', withinSec: 1800, contingency: 'x-uav-reminder' },
    },
    { id: 'x-uav-reminder', tSec: 0, to: 'emhq', text: { zh: '再次请求无人机', en: 'UAV requested again' } },
  ].sort((a, b) => a.tSec - b.tSec || (a.id < b.id ? -1 : 1));
  return { ...base, msel };
}

/** A cmcc site in Dahejia that a generator can still be sent to, once the drill has run to tSec. */
function dahejiaCmccSite(world: World, driver: DrillDriver): string {
  const t = world.townships.ids.indexOf('t-dahejia');
  const st = driver.sim.state.sites;
  for (let s = 0; s < world.sites.ids.length; s++) {
    if (world.sites.township[s] === t && world.sites.operatorMask[s] & 1 && st.damageState[s] < 4 && !st.generatorInbound[s] && !st.hasGenerator[s] && world.sites.generatorFuelHours[s] === 0) return world.sites.ids[s];
  }
  throw new Error('no cmcc site in Dahejia');
}

const pool = (world: World) => world.generatorPools.find((p) => p.org === 'cmcc')!.id;
const status = (driver: DrillDriver, id: string) => driver.sim.state.drill.injects.find((s) => s.id === id)!.status;

describe('exercise control through the command gate', () => {
  const world = scriptedWorld();
  const index = buildWorldIndex(world);

  it('holds, releases, delays, skips and fires injects, each a logged command', () => {
    const d = DrillDriver.start(world, 7, { index, doctrineSeats: [] });
    const director = (tSec: number, type: string, args: Record<string, unknown>): Command => ({ tSec, seat: 'director', type, args });
    for (const c of [
      director(100, 'holdInject', { injectId: 'inj-002-alarms-cmcc' }),
      director(200, 'delayInject', { injectId: 'inj-003-trapped-dahejia', toSec: 5000 }),
      director(300, 'skipInject', { injectId: 'inj-002-alarms-cucc' }),
      director(400, 'fireInject', { injectId: 'inj-005-power-report' }),
      director(900, 'releaseInject', { injectId: 'inj-002-alarms-cmcc' }),
      director(950, 'skipInject', { injectId: 'inj-002-alarms-cucc' }),
      { tSec: 960, seat: 'emhq', type: 'fireInject', args: { injectId: 'inj-004-flowslide-zhongchuan' } },
    ]) expect(d.submit(c)).toEqual({ ok: true });
    d.advanceTo(700);
    expect(status(d, 'inj-002-alarms-cmcc')).toBe('held'); // held past its time (600)
    expect(status(d, 'inj-002-alarms-cucc')).toBe('skipped');
    expect(status(d, 'inj-002-alarms-ctcc')).toBe('delivered');
    expect(d.sim.state.drill.injects.find((s) => s.id === 'inj-005-power-report')!.deliveredAtSec).toBe(400); // due at T+6 h, fired at 400
    d.advanceTo(2000);
    expect(d.sim.state.drill.injects.find((s) => s.id === 'inj-002-alarms-cmcc')!.deliveredAtSec).toBe(900); // released after its time: at once
    expect(status(d, 'inj-003-trapped-dahejia')).toBe('scheduled'); // was due at 1800, delayed to 5000
    d.advanceTo(5000);
    expect(d.sim.state.drill.injects.find((s) => s.id === 'inj-003-trapped-dahejia')!.deliveredAtSec).toBe(5000);
    const log = d.sim.state.commandLog;
    expect(log.find((c) => c.tSec === 950)!.result).toEqual({ rejected: 'injectClosed' });
    expect(log.find((c) => c.tSec === 960)!.result).toEqual({ rejected: 'notPermitted' });
    // The cmcc seat got its alarm inject at 900, when released; the cucc seat never got its skipped one.
    expect(viewFor(world, d.sim.state, 'cmcc', index).injects.find((i) => i.id === 'inj-002-alarms-cmcc')!.tSec).toBe(900);
    expect(viewFor(world, d.sim.state, 'cucc', index).injects.some((i) => i.id === 'inj-002-alarms-cucc')).toBe(false);
  });

  it('records an expected action met by a player, and a missed one that fires its contingency', () => {
    const d = DrillDriver.start(world, 7, { index, doctrineSeats: [] });
    d.advanceTo(650);
    const site = dahejiaCmccSite(world, d);
    expect(status(d, 'x-uav-reminder')).toBe('held'); // in reserve
    d.submit({ tSec: 1500, seat: 'cmcc', type: 'hookGenerator', args: { siteId: site, poolId: pool(world) } });
    d.advanceTo(4 * 3600);
    const exp = Object.fromEntries(d.sim.state.drill.expectations.map((e) => [e.id, e]));
    expect(exp['ea-gen']).toMatchObject({ status: 'met', metAtSec: 1500, deadlineSec: 600 + 3600 });
    expect(exp['ea-uav']).toMatchObject({ status: 'missed', deadlineSec: 1200 + 1800 });
    const reminder = d.sim.state.drill.injects.find((s) => s.id === 'x-uav-reminder')!;
    expect(reminder).toMatchObject({ status: 'delivered', deliveredAtSec: 3000 });
    expect(viewFor(world, d.sim.state, 'emhq', index).injects.map((i) => i.id)).toContain('x-uav-reminder');
  });

  it('authors an aftershock that damages the twin, and a replay of the log gives the same hash', () => {
    const commands: Command[] = [
      { tSec: 3600, seat: 'director', type: 'authorInject', args: { kind: 'aftershock', magnitude: 5.8, at: [102.85, 35.74], to: 'emhq', text: '余震' } },
      { tSec: 3700, seat: 'director', type: 'authorInject', args: { kind: 'landslide', roadId: world.roads.ids[5], cutsFibre: true } },
      { tSec: 3800, seat: 'director', type: 'authorInject', args: { kind: 'substationFailure', substationId: world.substations.ids[0], outHours: 5 } },
      { tSec: 3900, seat: 'director', type: 'authorInject', args: { kind: 'siteFailure', siteId: world.sites.ids[10], atSec: 4000 } },
      { tSec: 4100, seat: 'evaluator', type: 'recordObservation', args: { text: '指挥部未及时研判余震影响', injectId: 'adhoc-1' } },
      { tSec: 4200, seat: 'evaluator', type: 'rateIndicator', args: { indicator: 'coordination', rating: 'M', reason: '需求对接迟缓' } },
      { tSec: 4300, seat: 'cmcc', type: 'recordObservation', args: { text: 'not an evaluator' } },
      { tSec: 4400, seat: 'director', type: 'setStopTime', args: { atSec: 7200 } },
    ];
    const run = () => runScenario(world, { seed: 7, untilSec: world.durationSec, commands, index, doctrineSeats: [] }).report;
    const without = runScenario(world, { seed: 7, untilSec: 7200, index, doctrineSeats: [] }).report;
    const a = run();
    const b = run();
    expect(a.finalStateHash).toBe(b.finalStateHash);
    // Through a snapshot taken mid-drill (its state schema covers the exercise state) to the same end.
    const { snapshotFile } = runScenario(world, { seed: 7, untilSec: world.durationSec, commands, index, doctrineSeats: [], snapshotAtSec: 5400 });
    const resumed = runScenario(world, { seed: 7, untilSec: world.durationSec, commands, index, from: structuredClone(snapshotFile!) }).report;
    expect(resumed.finalStateHash).toBe(a.finalStateHash);
    expect(a.untilSec).toBe(7200); // stopped by the director at T+2 h
    expect(a.stateHashes.at(-1)!.tSec).toBe(7200);
    expect(a.commands.filter((c) => 'rejected' in c.result).map((c) => [c.tSec, c.result])).toEqual([[4300, { rejected: 'notPermitted' }]]);
    expect(a.exercise!.injects.filter((s) => s.adhoc).map((s) => [s.id, s.status, s.deliveredAtSec])).toEqual([
      ['adhoc-1', 'delivered', 3600],
      ['adhoc-2', 'delivered', 3700],
      ['adhoc-3', 'delivered', 3800],
      ['adhoc-4', 'delivered', 4000],
    ]);
    expect(a.exercise!.observations).toEqual([{ tSec: 4100, seat: 'evaluator', text: '指挥部未及时研判余震影响', inject: 'adhoc-1', expectation: null, indicator: null }]);
    expect(a.exercise!.ratings).toEqual([{ tSec: 4200, seat: 'evaluator', indicator: 'coordination', rating: 'M', reason: '需求对接迟缓' }]);
    // The events changed the twin: more substations out and roads blocked than without them.
    const last = (r: typeof a, k: string) => (r.kpis.series as unknown as Record<string, number[]>)[k].at(-1)!;
    expect(last(a, 'substationsOut')).toBeGreaterThan(last(without, 'substationsOut'));
    expect(last(a, 'roadsBlocked')).toBeGreaterThan(last(without, 'roadsBlocked'));
  });

  it('refuses malformed control commands by field at submission', () => {
    const c = (args: Record<string, unknown>, type = 'authorInject') => commandShapeError({ tSec: 10, seat: 'director', type, args });
    expect(c({ kind: 'aftershock', at: [102.8, 35.7] })).toMatch(/^args\.magnitude: missing/);
    expect(c({ kind: 'aftershock', magnitude: 9.5, at: [102.8, 35.7] })).toMatch(/^args\.magnitude: 9\.5 is not valid, expected 3 to 8 Ms/);
    expect(c({ kind: 'message', to: 'cmcc' })).toMatch(/^args\.text: missing/);
    expect(c({ kind: 'landslide', roadId: 'r-1', magnitude: 5 })).toMatch(/^args\.magnitude: not an argument of a landslide inject/);
    expect(c({ atSec: 7200.5 }, 'setStopTime')).toMatch(/^args\.atSec: 7200\.5 is not valid, expected a whole number of seconds/);
    expect(c({ indicator: 'x', rating: 'A', reason: 'r' }, 'rateIndicator')).toMatch(/^args\.rating:/);
  });

  it('tells a player its upcoming injects unless the drill is no-notice, and the control cell everything', () => {
    const d = DrillDriver.start(world, 7, { index, doctrineSeats: [] });
    d.advanceTo(10);
    const upcoming = viewFor(world, d.sim.state, 'cmcc', index).script.injects.map((i) => i.id);
    expect(upcoming).toEqual(['inj-002-alarms-cmcc', 'x-gen-dahejia']);
    expect(viewFor(world, d.sim.state, 'director', index).script.injects).toHaveLength(world.msel.length);
    d.submit({ tSec: 20, seat: 'director', type: 'setNoNotice', args: { enabled: true } });
    d.advanceTo(30);
    expect(viewFor(world, d.sim.state, 'cmcc', index).script.injects).toEqual([]);
    expect(viewFor(world, d.sim.state, 'cmcc', index).script.noNotice).toBe(true);
    d.advanceTo(700);
    expect(viewFor(world, d.sim.state, 'cmcc', index).injects.map((i) => i.id)).toEqual(['inj-002-alarms-cmcc', 'x-gen-dahejia']);
  });
});

describe('the MSEL format', () => {
  it('names only commands the gate knows as expected actions, each one a department may give', async () => {
    const { EXPECTABLE_COMMANDS } = await import('../model/msel.ts');
    const { COMMANDS } = await import('./commands.ts');
    for (const type of EXPECTABLE_COMMANDS) expect(Object.keys(COMMANDS)).toContain(type);
  });

  it('refuses a scenario whose MSEL names a missing contingency, seat or township, with the field', async () => {
    const { loadScenario, formatProblems } = await import('../scenario/load.ts');
    const { memoryScenarioFiles } = await import('../scenario/memory-files.ts');
    const { scenarioTexts } = await import('../../test/helpers.ts');
    const texts = scenarioTexts(JISHISHAN);
    const doc = JSON.parse(texts['scenario.json']);
    doc.msel.push(
      { id: 'x-1', tSec: 600, to: 'cmcc', text: { zh: '甲' }, expect: { id: 'ea-1', seat: 'cmcc', command: 'hookGenerator', township: 't-nowhere', withinSec: 3600, contingency: 'x-missing' } },
      { id: 'x-2', tSec: 700, to: 'nobody', text: { zh: '乙' }, expect: { id: 'ea-1', seat: 'cmcc', command: 'hookGenerator', withinSec: 60 } },
    );
    const result = loadScenario(memoryScenarioFiles('jishishan-2023', { ...texts, 'scenario.json': JSON.stringify(doc) }));
    expect(result.ok).toBe(false);
    const text = result.ok ? '' : formatProblems(result.problems);
    const n = doc.msel.length;
    expect(text).toContain(`#/msel/${n - 2}/expect/contingency: "x-missing" is not an inject of the MSEL`);
    expect(text).toContain(`#/msel/${n - 1}/to: "nobody" is not a seat`);
    expect(text).toContain(`#/msel/${n - 1}/expect/id: duplicate expected-action id "ea-1"`);
    doc.msel.pop();
    doc.msel.at(-1).expect.contingency = 'inj-005-power-report';
    const second = loadScenario(memoryScenarioFiles('jishishan-2023', { ...texts, 'scenario.json': JSON.stringify(doc) }));
    expect(second.ok ? '' : formatProblems(second.problems)).toContain(`#/msel/${n - 2}/expect/township: "t-nowhere" is not a township of the scenario`);
  });
});

describe('an ad-hoc flood stage change', () => {
  it('raises a zone to the level set, through the flood exposures, and the director sees the level', async () => {
    const { ROOT } = await import('../../test/helpers.ts');
    const { join } = await import('node:path');
    const flood = loadWorld(join(ROOT, 'scenarios', 'mountain-flood', 'scenario.json'));
    const index = buildWorldIndex(flood);
    const d = DrillDriver.start(flood, 7, { index, doctrineSeats: [] });
    const r007 = flood.roads.ids.indexOf('r-007'); // in zone z1-shimen, ground 561.8 m
    d.submit({ tSec: 1800, seat: 'director', type: 'authorInject', args: { kind: 'floodStage', zoneId: 'z1-shimen', levelM: 563 } });
    d.advanceTo(1799);
    expect(d.sim.state.roads.waterDepthM[r007]).toBe(0);
    d.advanceTo(1800);
    // Before the flood's own onset (T+1 h) the water stands 1.2 m over the road.
    expect(d.sim.state.roads.waterDepthM[r007]).toBeCloseTo(1.2, 6);
    const zone = flood.floods[0].zones.findIndex((z) => z.zoneId === 'z1-shimen');
    expect(viewFor(flood, d.sim.state, 'director', index).floodLevelsM[zone]).toBe(563);
    // The level stands through the hydrograph's steps until another is set.
    d.advanceTo(4 * 3600);
    expect(d.sim.state.roads.waterDepthM[r007]).toBeCloseTo(1.2, 6);
    expect(d.submit({ tSec: 4 * 3600 + 1, seat: 'director', type: 'authorInject', args: { kind: 'floodStage', zoneId: 'z9', levelM: 1 } })).toEqual({ ok: true });
    d.advanceTo(4 * 3600 + 1);
    expect(d.sim.state.commandLog.at(-1)!.result).toEqual({ rejected: 'unknownTarget' });
  });
});

describe('an expected action done after its deadline', () => {
  it('is late, after it was missed', () => {
    const world = scriptedWorld();
    const index = buildWorldIndex(world);
    const d = DrillDriver.start(world, 7, { index, doctrineSeats: [] });
    d.advanceTo(650);
    const site = dahejiaCmccSite(world, d);
    d.submit({ tSec: 5000, seat: 'cmcc', type: 'hookGenerator', args: { siteId: site, poolId: pool(world) } });
    d.advanceTo(4300);
    expect(d.sim.state.drill.expectations.find((e) => e.id === 'ea-gen')).toMatchObject({ status: 'missed', metAtSec: -1 });
    d.advanceTo(5000);
    expect(d.sim.state.drill.expectations.find((e) => e.id === 'ea-gen')).toMatchObject({ status: 'late', metAtSec: 5000 });
  });
});

describe('a snapshot of a directed drill', () => {
  it('is refused, naming the field, when its exercise state does not fit the scenario', () => {
    const world = scriptedWorld();
    const index = buildWorldIndex(world);
    const commands: Command[] = [
      { tSec: 100, seat: 'director', type: 'authorInject', args: { kind: 'landslide', roadId: world.roads.ids[3], atSec: 9000 } },
      { tSec: 200, seat: 'director', type: 'holdInject', args: { injectId: 'inj-005-power-report' } },
    ];
    const { snapshotFile } = runScenario(world, { seed: 7, untilSec: 4 * 3600, commands, index, doctrineSeats: [], snapshotAtSec: 3600 });
    const corrupt = (edit: (state: Record<string, any>) => void) => { // eslint-disable-line @typescript-eslint/no-explicit-any
      const file = structuredClone(snapshotFile!);
      const state = JSON.parse(file.snapshot.state);
      edit(state);
      file.snapshot.state = JSON.stringify(state);
      try {
        DrillDriver.resume(world, file.snapshot, file.observations, index);
        return 'accepted';
      } catch (err) {
        return (err as Error).message;
      }
    };
    expect(corrupt(() => {})).toBe('accepted');
    const adhoc = world.msel.length;
    expect(corrupt((s) => (s.drill.injects[adhoc].adhoc.args.roadId = ''))).toContain(`#/snapshot/state/drill/injects/${adhoc}/adhoc/args/roadId`);
    expect(corrupt((s) => (s.drill.injects[adhoc].adhoc.kind = 'meteor'))).toContain(`#/snapshot/state/drill/injects/${adhoc}/adhoc: is not an ad-hoc inject`);
    expect(corrupt((s) => (s.drill.injects[0].id = 'x'))).toContain('#/snapshot/state/drill/injects/0/id');
    expect(corrupt((s) => s.drill.delivered.push(999))).toMatch(/#\/snapshot\/state\/drill\/delivered\/\d+: 999 is not an inject/);
    expect(corrupt((s) => (s.drill.expectations[0].inject = 0))).toContain('#/snapshot/state/drill/expectations/0/inject');
    expect(corrupt((s) => s.drill.expectations.pop())).toContain('#/snapshot/state/drill/expectations: has 1 expected actions, expected the MSEL\'s 2');
  });
});
