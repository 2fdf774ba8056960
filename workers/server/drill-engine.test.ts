// A joint drill's terminals get the same map as the solo console: the relief
// grid and the rivers travel in the geometry the drill engine sends.
import { describe, expect, it } from 'vitest';
import { JISHISHAN, loadWorld, scenarioTexts } from '../../test/helpers.ts';
import type { ElevationGridDoc } from '../../src/model/scenario-format.ts';
import type { Command } from '../../src/model/commands.ts';
import type { World } from '../../src/model/world.ts';
import { diskReportContext } from './report-context.ts';
import { JointDrillEngine } from './drill-engine.ts';

describe('joint drill geometry', () => {
  it("carries the scenario's relief grid and rivers", () => {
    const world = loadWorld(JISHISHAN);
    expect(world.reliefGridPath).toBe('layers/elevation.json');
    const grid = JSON.parse(scenarioTexts(JISHISHAN)[world.reliefGridPath!]) as ElevationGridDoc;
    const setup = { seed: 7, untilSec: world.durationSec, doctrineSeats: [] };
    const geometry = JSON.parse(new JointDrillEngine(world, setup, undefined, grid).geometry());
    expect([geometry.terrain.cols, geometry.terrain.rows]).toEqual([grid.cols, grid.rows]);
    expect(geometry.rivers.nameEn).toEqual(['Yellow River']);
    // Without the grid (as before) the map has no relief.
    expect(JSON.parse(new JointDrillEngine(world, setup).geometry()).terrain).toBe(null);
  });
});

describe('a joint drill resumed from its snapshot', () => {
  it('replays only the logged commands after the snapshot (not-yet-due ones included once) and reaches the straight run', () => {
    const world = loadWorld(JISHISHAN);
    const setup = { seed: 7, untilSec: 4 * 3600, doctrineSeats: world.settings.doctrineSeats };
    const commands = [
      { tSec: 1801, seat: 'power', type: 'setPrioritySupply', args: { enabled: true } },
      // Queued before the snapshot at T+1 h but due after it: in the snapshot's pending list and in the log.
      { tSec: 3601, seat: 'emhq', type: 'setEmergencyRoaming', args: { enabled: true } },
      { tSec: 5401, seat: 'power', type: 'setPrioritySupply', args: { enabled: false } },
    ];
    const live = new JointDrillEngine(world, setup);
    live.queue(commands[0]);
    live.advance(1800, false, () => 0);
    live.queue(commands[1]);
    live.advance(3600, false, () => 0);
    const snapshot = live.snapshotText();
    const atSnapshot = live.hash();
    live.queue(commands[2]);
    live.advance(4 * 3600, false, () => 0);

    const resumed = new JointDrillEngine(world, setup, undefined, null, snapshot);
    expect(resumed.reachedSec).toBe(3600);
    const hashes = resumed.replayLog(commands, 4 * 3600, [3600, 7200]);
    expect(hashes[0]).toEqual({ tSec: 3600, hash: atSnapshot });
    expect(resumed.hash()).toBe(live.hash());
    expect(resumed.driver.sim.state.commandLog.length).toBe(live.driver.sim.state.commandLog.length);
  });
});

describe("a joint drill's read-outs for the control cell and the evaluators", () => {
  it('answer what the drill is now (a new observation shows at the next second), and a drill resumed from its snapshot answers the same', () => {
    const world = loadWorld(JISHISHAN);
    // The profile the drill thread reads: ../targets/ beside the scenario's folder.
    const ctx = diskReportContext(JISHISHAN, world);
    expect(ctx.profileProblem).toBe(null);
    const setup = { seed: 4, untilSec: 3 * 3600, doctrineSeats: world.settings.doctrineSeats };
    const live = new JointDrillEngine(world, setup);
    live.advance(1800, false, () => 0);
    const before = JSON.parse(live.answer('exercise', 'en', ctx, 1_000));
    expect(before.observations).toEqual([]);
    live.queue({ tSec: 1801, seat: 'evaluator', type: 'recordObservation', args: { text: 'first report at 00:05' } });
    // Queued, not yet applied: not in the answer, seconds later either.
    expect(JSON.parse(live.answer('exercise', 'en', ctx, 9_000)).observations).toEqual([]);
    live.advance(3600, false, () => 0);
    expect(JSON.parse(live.answer('exercise', 'en', ctx, 9_100)).observations).toEqual([expect.objectContaining({ tSec: 1801, seat: 'evaluator', text: 'first report at 00:05' })]);
    const score = JSON.parse(live.answer('score', 'en', ctx, 5_000));
    expect(score).toMatchObject({ ok: true, tSec: 3600 });
    // Within the same wall-clock second the clock's progress is not recomputed; the next second it is
    // (a drill with no doctrine, so no command is applied meanwhile).
    const quiet = new JointDrillEngine(world, { ...setup, doctrineSeats: [] });
    quiet.advance(3600, false, () => 0);
    expect(JSON.parse(quiet.answer('score', 'en', ctx, 5_000)).tSec).toBe(3600);
    quiet.advance(3660, false, () => 0);
    expect(JSON.parse(quiet.answer('score', 'en', ctx, 5_900)).tSec).toBe(3600);
    expect(JSON.parse(quiet.answer('score', 'en', ctx, 6_000)).tSec).toBe(3660);
    const snapshot = live.snapshotText();
    const resumed = new JointDrillEngine(world, setup, undefined, null, snapshot);
    expect(resumed.answer('score', 'en', ctx, 20_000)).toBe(live.answer('score', 'en', ctx, 20_000));
    expect(resumed.answer('exercise', 'zh', ctx, 20_000)).toBe(live.answer('exercise', 'zh', ctx, 20_000));
    const aar = JSON.parse(live.answer('aar', 'zh', ctx, 20_000));
    expect(aar.html).toContain('first report at 00:05');
    expect(aar.html).toMatch(/<html[^>]*lang="zh/);
  });
});

describe("a joint drill's stop time in its after-action report", () => {
  it("shows the director's (the server clock's) as the solo report shows the engine's, and a new one at once", () => {
    const world = loadWorld(JISHISHAN);
    const ctx = diskReportContext(JISHISHAN, world);
    const engine = new JointDrillEngine(world, { seed: 4, untilSec: 3600, doctrineSeats: [] });
    engine.advance(1800, false, () => 0);
    const settings = (lang: 'zh' | 'en', stopAtSec: number | null) => /<section class="exercise">[\s\S]*?<p>(.*?)<\/p>/.exec(JSON.parse(engine.answer('aar', lang, ctx, 1_000, stopAtSec)).html)?.[1];
    expect(settings('en', null)).toBe('Stop at: not set · No-notice mode: off');
    // Within the same wall-clock second: a stop time set meanwhile shows all the same.
    expect(settings('en', 1800)).toBe('Stop at: T+0 h 30 min · No-notice mode: off');
    expect(settings('zh', 1800)).toBe('演练结束时间：T+0小时30分 · 双盲模式：关闭');
    // The score is the same either way (the stop time is not an indicator).
    expect(engine.answer('score', 'en', ctx, 2_000, 1800)).toBe(engine.answer('score', 'en', ctx, 2_000, null));
  });
});

describe('an evaluation given after the drill ended', () => {
  it("is checked by the gate's rules against the ended drill: who may give it, its shape, and the inject or expected action it names", () => {
    const base = loadWorld(JISHISHAN);
    // The shipped MSEL with one expected action (the shipped one has none).
    const msel = base.msel.map((inj) => (inj.id === 'inj-002-alarms-cmcc' ? { ...inj, expect: { id: 'exp-cmcc-generator', seat: 'cmcc', command: 'hookGenerator', withinSec: 3600, text: { zh: '移动调派发电机', en: 'China Mobile sends a generator' } } } : inj));
    const world = { ...base, msel } as World;
    const ctx = diskReportContext(JISHISHAN, world);
    const setup = { seed: 4, untilSec: 1800, doctrineSeats: [] };
    const engine = new JointDrillEngine(world, setup);
    engine.advance(setup.untilSec, false, () => 0);
    const late = (seat: string, type: string, args: Record<string, unknown>): Command => ({ tSec: setup.untilSec, seat, type, args });

    expect(engine.checkLate(late('evaluator', 'recordObservation', { text: 'x', expectationId: 'exp-nope' }))).toEqual({ code: 'badCommand', error: 'args.expectationId: "exp-nope" is not an expected action of this drill' });
    expect(engine.checkLate(late('evaluator', 'recordObservation', { text: 'x', injectId: 'inj-999' }))).toEqual({ code: 'badCommand', error: 'args.injectId: "inj-999" is not an inject of this drill' });
    expect(engine.checkLate(late('evaluator', 'rateIndicator', { indicator: 'warningReachedShare', rating: 'Z', reason: 'x' }))).toMatchObject({ code: 'badCommand', error: expect.stringMatching(/^args\.rating: /) });
    // After the end only the evaluators and the director, and only observations and ratings.
    expect(engine.checkLate(late('cmcc', 'recordObservation', { text: 'a player cannot' }))).toMatchObject({ code: 'drillEnded' });
    expect(engine.checkLate(late('director', 'fireInject', { injectId: 'inj-002-alarms-cucc' }))).toMatchObject({ code: 'drillEnded' });
    expect(engine.checkLate(late('evaluator', 'noSuchCommand', {}))).toMatchObject({ code: 'drillEnded' });

    const valid = late('evaluator', 'recordObservation', { text: 'generator ordered within minutes', expectationId: 'exp-cmcc-generator', injectId: 'inj-002-alarms-cmcc' });
    expect(engine.checkLate(valid)).toBe(null);
    expect(engine.checkLate(late('director', 'rateIndicator', { indicator: 'warningReachedShare', rating: 'S', reason: 'hot wash' }))).toBe(null);
    engine.addLate(valid);
    expect(JSON.parse(engine.answer('exercise', 'en', ctx, 1_000)).observations).toEqual([expect.objectContaining({ seat: 'evaluator', text: 'generator ordered within minutes', inject: 'inj-002-alarms-cmcc', expectation: 'exp-cmcc-generator' })]);
  });
});
