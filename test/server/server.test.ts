// The joint-drill server in-process: departments play one drill from their
// own terminals, the director runs the clock, bad input is refused and
// counted without harming the drill, and the report written from the log
// replays hash for hash.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import type { Frame } from '../../src/drill/channel.ts';
import { GRID_VIEW } from '../../src/drill/view.ts';
import type { ServerMessage } from '../../workers/server/protocol.ts';
import { linkOf, startTestServer, type TestServer } from './helpers.ts';

const quiet = { log: () => {}, err: () => {} };
type Welcome = Extract<ServerMessage, { t: 'welcome' }>;
const frames = (msgs: ServerMessage[]) => msgs.filter((m): m is Extract<ServerMessage, { t: 'frame' }> => m.t === 'frame').map((m) => m.frame as Frame);

async function replayOk(report: string): Promise<{ code: number; out: string[] }> {
  const file = join(mkdtempSync(join(tmpdir(), 'drilltwin-report-')), 'report.json');
  writeFileSync(file, report);
  const out: string[] = [];
  const code = await main(['replay', file], { log: (s) => out.push(s), err: (s) => out.push(s) });
  return { code, out };
}

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer();
});
afterAll(async () => {
  await ts?.close();
});

describe('a joint drill', () => {
  it('two departments play from their own terminals; acknowledged commands are logged; the report replays hash for hash', async () => {
    const created = await ts.api('POST', '/api/drills', { scenario: 'jishishan-2023', seed: 7, untilSec: 6 * 3600, speed: 3600, paused: true, seats: { cmcc: 'person', power: 'person' } });
    expect(created.status).toBe(201);
    const id = created.body.drill as string;
    expect(created.body.links.map((l: { seat: string }) => l.seat)).toEqual(expect.arrayContaining(['director', 'evaluator', 'cmcc', 'power', 'tower']));

    const cmcc = ts.terminal(linkOf(created.body, 'cmcc'));
    const power = ts.terminal(linkOf(created.body, 'power'));
    const director = ts.terminal(linkOf(created.body, 'director'));
    for (const c of [cmcc, power, director]) await c.waitFor((m) => m.t === 'frame', 20_000, 'the first frame', true); // past: it may have come while another terminal was awaited
    const welcome = cmcc.messages[0] as Welcome;
    expect(welcome).toMatchObject({ t: 'welcome', drill: id, seat: 'cmcc', mode: 'play' });
    expect(welcome.geometry?.scenarioId).toBe('jishishan-2023');
    expect(frames(cmcc.messages)[0].full).toBe(true);

    expect((await ts.api('POST', `/api/drills/${id}/control`, { action: 'resume' }, linkOf(created.body, 'director'))).status).toBe(200);
    await cmcc.reach(1800);
    const task = await cmcc.command('assignTask', { teamId: 'tm-cmcc-jss-1', task: 'inspectSite', targetId: 's-jss-002' });
    const supply = await power.command('setPrioritySupply', { enabled: true });
    // China Mobile may not switch the grid's priority supply: queued, then refused at the gate with a reason code.
    const notAllowed = await cmcc.command('setPrioritySupply', { enabled: false });
    for (const ack of [task, supply, notAllowed]) expect(ack).toMatchObject({ t: 'ack', ok: true });
    if (!task.ok || !supply.ok || !notAllowed.ok) throw new Error('not acknowledged');

    await director.control({ action: 'speed', speed: 20_000 });
    await director.waitFor((m) => m.t === 'ended', 60_000, 'the end', true);
    const ended = director.messages.find((m) => m.t === 'ended') as Extract<ServerMessage, { t: 'ended' }>;

    // Every acknowledged command is in the log, at the second its ack named.
    const log = (await ts.api('GET', `/api/drills/${id}/log`)).body.log as { kind: string; body: { command?: { tSec: number; seat: string; type: string } } }[];
    const logged = log.filter((e) => e.kind === 'command').map((e) => e.body.command);
    expect(logged).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ tSec: task.tSec, seat: 'cmcc', type: 'assignTask' }),
        expect.objectContaining({ tSec: supply.tSec, seat: 'power', type: 'setPrioritySupply' }),
        expect.objectContaining({ tSec: notAllowed.tSec, seat: 'cmcc', type: 'setPrioritySupply' }),
      ]),
    );

    // Each sees its own picture: the power company the grid, China Mobile not; the refusal reaches its sender.
    const cmccFrames = frames(cmcc.messages);
    const powerFrames = frames(power.messages);
    expect(cmccFrames.every((f) => f.feederCode.every((c) => c === GRID_VIEW.UNKNOWN))).toBe(true);
    expect(powerFrames.some((f) => f.feederCode.some((c) => c === GRID_VIEW.DOWN))).toBe(true);
    const cmccLog = cmccFrames.flatMap((f) => f.log);
    expect(cmccLog.every((e) => e.seat === 'cmcc')).toBe(true);
    expect(cmccLog.find((e) => e.type === 'setPrioritySupply')?.result).toEqual({ rejected: 'notPermitted' });
    expect(powerFrames.flatMap((f) => f.log).some((e) => e.type === 'assignTask')).toBe(false);
    expect(frames(director.messages).flatMap((f) => f.log).some((e) => e.type === 'assignTask' && e.seat === 'cmcc')).toBe(true);

    // The report, written from the log, replays to every hourly hash and the live final hash.
    const report = await ts.api('GET', `/api/drills/${id}/report`);
    expect(report.status).toBe(200);
    expect(report.body.finalStateHash).toBe(ended.finalStateHash);
    expect(report.body.untilSec).toBe(6 * 3600);
    expect(report.body.stateHashes.length).toBe(7);
    const replay = await replayOk(JSON.stringify(report.body));
    expect(replay.out.join('\n')).toContain('replay identical');
    expect(replay.code).toBe(0);
  });

  it("the director's clock: pause, speed, stop at a time, end early; a hand-over from the doctrine is logged and replays", async () => {
    const created = await ts.api('POST', '/api/drills', { scenario: 'jishishan-2023', seed: 11, untilSec: 12 * 3600, speed: 600 });
    const id = created.body.drill as string;
    const dirToken = linkOf(created.body, 'director');
    const director = ts.terminal(dirToken);
    await director.reach(60);
    const paused = await director.control({ action: 'pause' });
    expect(paused.ok).toBe(true);
    // A step asked for before the pause may still arrive; after that the clock stands still.
    await new Promise((r) => setTimeout(r, 500));
    const still = director.tSec;
    await new Promise((r) => setTimeout(r, 300));
    expect(director.tSec).toBe(still);

    // A player takes China Tower from the doctrine by joining with its link: logged as the director's assignSeat.
    const tower = ts.terminal(linkOf(created.body, 'tower'));
    await tower.waitFor((m) => m.t === 'frame');
    const stopAt = still + 3600;
    expect((await director.control({ action: 'stopAt', tSec: stopAt })).ok).toBe(true);
    expect((await director.control({ action: 'speed', speed: 20_000 })).ok).toBe(true);
    expect((await director.control({ action: 'speed', speed: 1e9 })).ok).toBe(false);
    expect((await director.control({ action: 'resume' })).ok).toBe(true);
    await director.waitFor((m) => m.t === 'clock' && m.clock.paused && m.clock.tSec === stopAt, 20_000, 'the stop', true);
    expect(director.tSec).toBe(stopAt);
    // Released: the doctrine takes the seat back, and the old link stops working.
    expect((await director.control({ action: 'release', seat: 'tower' })).ok).toBe(true);
    await tower.waitFor((m) => m.t === 'refused' && m.code === 'revokedToken', 5000, 'the release', true);
    expect((await director.control({ action: 'end' })).ok).toBe(true);
    await director.waitFor((m) => m.t === 'ended', 20_000, 'the end', true);

    const log = (await ts.api('GET', `/api/drills/${id}/log`)).body.log as { kind: string; body: Record<string, any> }[];
    const seats = log.filter((e) => e.kind === 'command').map((e) => e.body.command);
    expect(seats).toEqual([
      expect.objectContaining({ seat: 'director', type: 'assignSeat', args: { seat: 'tower', player: 'person' } }),
      expect.objectContaining({ seat: 'director', type: 'assignSeat', args: { seat: 'tower', player: 'doctrine' } }),
    ]);
    expect(log.filter((e) => e.kind === 'control').map((e) => e.body.action)).toEqual(['speed', 'pause', 'stopAt', 'speed', 'resume', 'stoppedAt', 'release', 'end']);
    const report = await ts.api('GET', `/api/drills/${id}/report`);
    expect(report.body.untilSec).toBe(stopAt);
    expect(report.body.doctrineSeats).toContain('tower');
    expect((await replayOk(JSON.stringify(report.body))).code).toBe(0);
  });
});

describe('exercise control and evaluation from the terminals of a joint drill', () => {
  it('the director fires and authors injects and reads the exercise state; the evaluator observes, scores and reads the report; players are not shown the evaluation', async () => {
    const created = (await ts.api('POST', '/api/drills', { scenario: 'jishishan-2023', seed: 3, untilSec: 3 * 3600, speed: 3600, paused: true, seats: { cmcc: 'person' } })).body;
    const id = created.drill as string;
    const director = ts.terminal(linkOf(created, 'director'));
    const evaluator = ts.terminal(linkOf(created, 'evaluator'));
    const cmcc = ts.terminal(linkOf(created, 'cmcc'));
    for (const c of [director, evaluator, cmcc]) await c.waitFor((m) => m.t === 'frame', 20_000, 'the first frame', true);
    type View = { tSec: number; injects: { id: string; status: string; deliveredAtSec: number; adhoc: unknown }[]; observations: { seat: string; text: string; inject: string | null }[] };
    const view = async (who = director): Promise<View> => {
      const a = await who.ask('exercise');
      if (!a.ok) throw new Error(a.error);
      return a.value as View;
    };

    // The MSEL as the solo console shows it: the first report delivered at T0, the operators' alarms due at T+10 min.
    const before = await view();
    const alarms = before.injects.find((i) => i.id === 'inj-002-alarms-cucc')!;
    expect(alarms).toMatchObject({ status: 'scheduled' });
    expect((await director.command('holdInject', { injectId: 'inj-002-alarms-cucc' })).ok).toBe(true);
    expect((await director.command('fireInject', { injectId: 'inj-002-alarms-cmcc' })).ok).toBe(true);
    const targets = await director.ask('injectTargets');
    expect(targets.ok && (targets.value as { roads: unknown[] }).roads.length).toBeGreaterThan(10);
    const road = targets.ok ? (targets.value as { roads: { id: string }[] }).roads[0].id : '';
    expect((await director.command('authorInject', { kind: 'landslide', roadId: road })).ok).toBe(true);
    // The evaluator records what it saw, tied to the inject; the gate logs it as the evaluator's.
    expect((await evaluator.command('recordObservation', { text: 'CMCC acknowledged the alarm inject at once', injectId: 'inj-002-alarms-cmcc' })).ok).toBe(true);
    expect((await evaluator.command('rateIndicator', { indicator: 'requestToActionTime', rating: 'P', reason: 'requests went out by phone' })).ok).toBe(true);
    expect(await evaluator.command('fireInject', { injectId: 'inj-002-alarms-cucc' })).toMatchObject({ ok: false, code: 'observer' });
    // The server's clock stops a joint drill, not the engine's stop time (which would freeze it).
    expect(await director.command('setStopTime', { atSec: 7200 })).toMatchObject({ ok: false, code: 'badCommand', error: expect.stringMatching(/stopAt/) });

    expect((await director.control({ action: 'stopAt', tSec: 1800 })).ok).toBe(true);
    expect((await director.control({ action: 'resume' })).ok).toBe(true);
    await director.waitFor((m) => m.t === 'clock' && m.clock.paused && m.clock.tSec === 1800, 20_000, 'the stop', true);

    const after = await view(evaluator);
    expect(after.tSec).toBe(1800);
    const byId = new Map(after.injects.map((i) => [i.id, i]));
    expect(byId.get('inj-002-alarms-cucc')?.status).toBe('held');
    expect(byId.get('inj-002-alarms-cmcc')).toMatchObject({ status: 'delivered', deliveredAtSec: 1 });
    expect(after.injects.filter((i) => i.adhoc !== null)).toEqual([expect.objectContaining({ status: 'delivered', deliveredAtSec: 1 })]);
    expect(after.observations).toEqual([expect.objectContaining({ seat: 'evaluator', text: 'CMCC acknowledged the alarm inject at once', inject: 'inj-002-alarms-cmcc' })]);

    const score = await evaluator.ask('score');
    expect(score).toMatchObject({ ok: true, value: { ok: true, tSec: 1800, evaluation: expect.objectContaining({ groups: expect.any(Array) }) } });
    const aar = await evaluator.ask('aar', 'en');
    const html = aar.ok ? (aar.value as { ok: boolean; html: string }).html : '';
    expect(html).toContain('CMCC acknowledged the alarm inject at once');
    expect(html).toContain('requests went out by phone');
    expect(html).toMatch(/<html[^>]*lang="en"/);
    // The director's stop time (control stopAt) is the report's, as the solo console's is the engine's.
    expect(html).toContain('Stop at: T+0 h 30 min');
    const sheet = await director.ask('mselSheet', 'en');
    expect(sheet.ok && (sheet.value as { rows: unknown[] }).rows.length).toBe(before.injects.filter((i) => i.adhoc === null).length);

    // A player sees its own picture, not the evaluation; only the director lists inject targets.
    for (const what of ['score', 'aar', 'exercise', 'mselSheet', 'injectTargets']) expect(await cmcc.ask(what)).toMatchObject({ ok: false, code: 'controlCellOnly' });
    expect(await evaluator.ask('injectTargets')).toMatchObject({ ok: false, code: 'controlCellOnly' });
    expect(await director.ask('secrets')).toMatchObject({ ok: false, code: 'malformed' });
    expect(await director.ask('score', 'fr' as 'en')).toMatchObject({ ok: false, code: 'malformed' });

    // Every one of those actions is in the log, and the report written from it replays.
    expect((await director.control({ action: 'end' })).ok).toBe(true);
    await director.waitFor((m) => m.t === 'ended', 20_000, 'the end', true);
    const log = (await ts.api('GET', `/api/drills/${id}/log`)).body.log as { kind: string; body: Record<string, any> }[];
    const commands = log.filter((e) => e.kind === 'command').map((e) => `${e.body.command.seat} ${e.body.command.type}`);
    expect(commands).toEqual(expect.arrayContaining(['director holdInject', 'director fireInject', 'director authorInject', 'evaluator recordObservation', 'evaluator rateIndicator']));
    expect(commands).not.toContain('director setStopTime');
    const report = await ts.api('GET', `/api/drills/${id}/report`);
    expect(report.body.exercise.observations).toHaveLength(1);
    expect((await replayOk(JSON.stringify(report.body))).code).toBe(0);
    // An ended drill still answers the control cell.
    expect(await director.ask('score')).toMatchObject({ ok: true, value: { ok: true, tSec: 1800 } });
    // After ENDEX the evaluator completes its guide: a rating and a note are still recorded (at the end's time),
    // apart from the run; nothing else is.
    expect(await evaluator.command('rateIndicator', { indicator: 'warningReachedShare', rating: 'S', reason: 'hot wash: SMS reached the townships late' })).toMatchObject({ ok: true, tSec: 1800 });
    expect(await evaluator.command('recordObservation', { text: 'hot wash held at 10:40' })).toMatchObject({ ok: true, tSec: 1800 });
    expect(await evaluator.command('recordObservation', { text: 'as the gate checks', injectId: 'inj-999' })).toMatchObject({ ok: false, code: 'badCommand', error: expect.stringMatching(/^args\.injectId: "inj-999" is not an inject/) });
    expect(await evaluator.command('recordObservation', { text: 'as the gate checks', expectationId: 'exp-999' })).toMatchObject({ ok: false, code: 'badCommand', error: 'args.expectationId: "exp-999" is not an expected action of this drill' });
    expect(await evaluator.command('recordObservation', { text: 'about the alarms <script>alert("x")</script> & co', injectId: 'inj-002-alarms-cmcc' })).toMatchObject({ ok: true });
    expect(await director.command('fireInject', { injectId: 'inj-002-alarms-cucc' })).toMatchObject({ ok: false, code: 'drillEnded' });
    expect(await cmcc.command('recordObservation', { text: 'a player cannot' })).toMatchObject({ ok: false });
    expect(await evaluator.command('rateIndicator', { indicator: 'warningReachedShare', rating: 'Z', reason: 'x' })).toMatchObject({ ok: false, code: 'badCommand', error: expect.stringMatching(/rating/) });
    const late = await evaluator.ask('exercise');
    expect(late.ok && (late.value as { ratings: { reason: string; tSec: number }[] }).ratings.map((r) => [r.reason, r.tSec])).toEqual([
      ['requests went out by phone', expect.any(Number)],
      ['hot wash: SMS reached the townships late', 1800],
    ]);
    // The rating counts in the score (the evaluator's rating over the measured one).
    const rescored = await evaluator.ask('score');
    const indicators = rescored.ok ? (rescored.value as { evaluation: { indicators: { id: string; rating: string }[] } }).evaluation.indicators : [];
    expect(indicators.find((x) => x.id === 'warningReachedShare')?.rating).toBe('S');
    const lateLog = (await ts.api('GET', `/api/drills/${id}/log`)).body.log as { kind: string; body: Record<string, any> }[];
    expect(lateLog.filter((e) => e.kind === 'evaluation').map((e) => e.body.command.type)).toEqual(['rateIndicator', 'recordObservation', 'recordObservation']);
    // The run report, what replays, is as written at the end.
    expect((await ts.api('GET', `/api/drills/${id}/report`)).body.exercise.ratings).toHaveLength(1);
    // And its after-action report is printed from the stored report, for an evaluator's link too, not a player's.
    const aarRes = await fetch(`${ts.base}api/drills/${id}/aar?lang=en`, { headers: { authorization: `Bearer ${linkOf(created, 'evaluator')}` } });
    expect(aarRes.status).toBe(200);
    expect(aarRes.headers.get('content-type')).toMatch(/^text\/html/);
    const printed = await aarRes.text();
    expect(printed).toContain('CMCC acknowledged the alarm inject at once');
    expect(printed).toContain('hot wash: SMS reached the townships late');
    expect(printed).toContain('hot wash held at 10:40');
    expect(printed).toContain('Stop at: T+0 h 30 min');
    // What an evaluator typed is text in the page, never markup.
    expect(printed).toContain('about the alarms &lt;script&gt;');
    expect(printed).not.toContain('<script');
    expect(aarRes.headers.get('cache-control')).toBe('no-store');
    expect(aarRes.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(printed).toMatch(/<html[^>]*lang="en"/);
    expect((await ts.api('GET', `/api/drills/${id}/aar`, undefined, linkOf(created, 'cmcc'))).status).toBe(401);
    expect(await ts.api('GET', `/api/drills/${id}/aar?lang=fr`)).toMatchObject({ status: 400, body: { error: expect.stringMatching(/^lang: "fr" is not a language/) } });
  });

  it("a running drill has no printed after-action report yet (the terminals show the drill's so far)", async () => {
    const created = (await ts.api('POST', '/api/drills', { scenario: 'jishishan-2023', untilSec: 3600, paused: true })).body;
    expect(await ts.api('GET', `/api/drills/${created.drill}/aar`)).toMatchObject({ status: 409, body: { error: expect.stringMatching(/has not ended/) } });
  });
});

describe('an evaluation after the end when the drill cannot check it', () => {
  it("is refused for good, saying where to keep it (not that the inject is not the drill's, nor 'send it again'), and is not logged", async () => {
    const created = (await ts.api('POST', '/api/drills', { scenario: 'jishishan-2023', seed: 5, untilSec: 1800, speed: 100_000 })).body;
    const evaluator = ts.terminal(linkOf(created, 'evaluator'));
    await evaluator.waitFor((m) => m.t === 'ended', 60_000, 'the end', true);
    expect((await evaluator.command('recordObservation', { text: 'checked while the thread answers', injectId: 'inj-002-alarms-cmcc' })).ok).toBe(true);
    // The drill's thread stops answering (it exits, as one out of memory would).
    const owner = ts.server.owners.get(created.drill)!;
    await (owner as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await expect.poll(async () => (await ts.api('GET', `/api/drills/${created.drill}`)).body.failure, { timeout: 10_000 }).toMatch(/worker exited/);
    for (const args of [{ text: 'about an inject', injectId: 'inj-002-alarms-cmcc' }, { text: 'about nothing in particular' }]) {
      const ack = await Promise.race([evaluator.command('recordObservation', args), evaluator.waitFor((m) => m.t === 'refused', 20_000, 'a refusal')]);
      // A failed drill never answers again, so sending it again cannot help.
      expect(ack).toMatchObject({ t: 'ack', ok: false, code: 'drillEnded', error: expect.stringMatching(/^the drill failed on this server \(worker exited.*observations file for drilltwin report --observations$/) });
    }
    const log = (await ts.api('GET', `/api/drills/${created.drill}/log`)).body.log as { kind: string; body: Record<string, any> }[];
    expect(log.filter((e) => e.kind === 'evaluation').map((e) => e.body.command.args.text)).toEqual(['checked while the thread answers']);
  });
});

describe('after a restart', () => {
  it("an ended drill's after-action report is printed from its stored report, with no engine running", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'drilltwin-aar-restart-'));
    const first = await startTestServer({ dataDir });
    const created = (await first.api('POST', '/api/drills', { scenario: 'jishishan-2023', seed: 2, untilSec: 1800, speed: 100_000 })).body;
    const director = first.terminal(linkOf(created, 'director'));
    await director.waitFor((m) => m.t === 'ended', 60_000, 'the end', true);
    expect((await director.command('recordObservation', { text: '复盘会：通信保障组协同顺畅' })).ok).toBe(true);
    const before = await first.api('GET', `/api/drills/${created.drill}/aar?lang=zh`);
    expect(before.body).toContain('复盘会：通信保障组协同顺畅');
    // No stop time was set.
    expect(before.body).toContain('演练结束时间：未设定');
    await first.close();
    const second = await startTestServer({ dataDir });
    try {
      expect(second.server.owners.has(created.drill)).toBe(false);
      const after = await second.api('GET', `/api/drills/${created.drill}/aar?lang=zh`);
      expect(after.status).toBe(200);
      expect(after.body).toBe(before.body);
      expect(after.body).toMatch(/<html[^>]*lang="zh/);
    } finally {
      await second.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('bad input is refused and counted, and the drill is unharmed', () => {
  let created: { drill: string; links: { seat: string; token: string }[] };
  beforeAll(async () => {
    created = (await ts.api('POST', '/api/drills', { scenario: 'jishishan-2023', seed: 3, untilSec: 4 * 3600, speed: 600, seats: { cmcc: 'person', power: 'person' } })).body;
  });
  const counted = () => ({ ...ts.server.refusals });

  it('a forged token, a token for no drill, and an expired one', async () => {
    const before = counted();
    const good = linkOf(created, 'cmcc');
    const forged = good.slice(0, -4) + (good.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const claims = JSON.parse(Buffer.from(good.split('.')[0], 'base64url').toString());
    const promoted = Buffer.from(JSON.stringify({ ...claims, seat: 'director' })).toString('base64url') + '.' + good.split('.')[1];
    for (const token of [forged, promoted, 'nonsense']) {
      const c = ts.terminal(token);
      const refused = await c.waitFor((m) => m.t === 'refused');
      expect(refused).toMatchObject({ code: 'badToken' });
      await new Promise((r) => setTimeout(r, 50));
      expect(c.closedFinal?.code).toBe(4001);
    }
    const short = (await ts.api('POST', '/api/drills', { scenario: 'jishishan-2023', untilSec: 3600, linkHours: 0.0003, paused: true })).body;
    await new Promise((r) => setTimeout(r, 1600));
    const late = ts.terminal(linkOf(short, 'cmcc'));
    expect(await late.waitFor((m) => m.t === 'refused')).toMatchObject({ code: 'expiredToken' });
    expect(counted().badToken - before.badToken).toBe(3);
    expect(counted().expiredToken - before.expiredToken).toBe(1);
    // Nor does a player's link open the director's API.
    expect((await ts.api('POST', `/api/drills/${created.drill}/control`, { action: 'pause' }, good)).status).toBe(401);
    expect((await ts.api('GET', '/api/drills', undefined, good)).status).toBe(401);
  });

  it('a seat acting for another, and an evaluator commanding', async () => {
    const before = counted();
    const cmcc = ts.terminal(linkOf(created, 'cmcc'));
    await cmcc.waitFor((m) => m.t === 'frame');
    expect(await cmcc.command('setPrioritySupply', { enabled: true }, { seat: 'power' })).toMatchObject({ ok: false, code: 'seatMismatch' });
    // Ordering another department's team: queued for the gate, which refuses it with a reason the sender sees.
    const other = await cmcc.command('activateTeam', { teamId: 'tm-cucc-jss-1' });
    expect(other.ok).toBe(true);
    const refusedAtGate = await cmcc.waitFor<Extract<ServerMessage, { t: 'frame' }>>((m) => m.t === 'frame' && (m.frame as Frame).log.some((e) => e.type === 'activateTeam'));
    expect((refusedAtGate.frame as Frame).log.find((e) => e.type === 'activateTeam')?.result).toMatchObject({ rejected: expect.any(String) });
    const evaluator = ts.terminal(linkOf(created, 'evaluator'));
    await evaluator.waitFor((m) => m.t === 'frame');
    expect(await evaluator.command('setPrioritySupply', { enabled: true })).toMatchObject({ ok: false, code: 'observer' });
    expect(await evaluator.control({ action: 'pause' })).toMatchObject({ ok: false, code: 'notDirector' });
    expect(await cmcc.control({ action: 'end' })).toMatchObject({ ok: false, code: 'notDirector' });
    const after = counted();
    expect(after.seatMismatch - before.seatMismatch).toBe(1);
    expect(after.observer - before.observer).toBe(1);
    expect(after.notDirector - before.notDirector).toBe(2);
  });

  it('a 10 MB message, malformed JSON, and 1,000 messages a second', async () => {
    const before = counted();
    const big = ts.terminal(linkOf(created, 'power'));
    await big.waitFor((m) => m.t === 'frame');
    const closed = new Promise<number>((r) => big.ws!.once('close', (code) => r(code)));
    big.sendRaw('x'.repeat(10 * 2 ** 20));
    expect(await closed).toBe(1009);

    const sloppy = ts.terminal(linkOf(created, 'power'), { reconnect: false });
    await sloppy.waitFor((m) => m.t === 'frame');
    for (const bad of ['{not json', '[]', '42', '{"t":7}', '{"t":"cmd","id":1,"type":"setPrioritySupply","args":[]}']) sloppy.sendRaw(bad);
    sloppy.sendRaw(Buffer.from([1, 2, 3]));
    sloppy.send({ t: 'ping' });
    await sloppy.waitFor((m) => m.t === 'pong');

    const flood = ts.terminal(linkOf(created, 'cmcc'), { reconnect: false });
    await flood.waitFor((m) => m.t === 'frame');
    const acks: Promise<unknown>[] = [];
    const started = Date.now();
    for (let i = 0; i < 1000; i++) {
      flood.sendRaw(JSON.stringify({ t: 'cmd', id: 10_000 + i, type: 'setEmergencyRoaming', args: { enabled: i % 2 === 0 } }));
      if (i % 100 === 99) await new Promise((r) => setTimeout(r, 100));
    }
    void acks;
    await new Promise((r) => setTimeout(r, 300));
    const seconds = (Date.now() - started) / 1000;
    const accepted = flood.messages.filter((m) => m.t === 'ack').length;
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThanOrEqual(40 + 20 * seconds + 1);
    expect(flood.messages.some((m) => m.t === 'refused' && m.code === 'rateLimited')).toBe(true);

    const after = counted();
    expect(after.oversized - before.oversized).toBe(1);
    expect(after.malformed - before.malformed).toBe(6);
    expect(after.rateLimited - before.rateLimited).toBe(1000 - accepted);
  });

  it('after all that, the drill runs to its end and its report replays', async () => {
    const director = ts.terminal(linkOf(created, 'director'));
    await director.waitFor((m) => m.t === 'frame');
    await director.control({ action: 'speed', speed: 20_000 });
    await director.waitFor((m) => m.t === 'ended', 30_000);
    const report = await ts.api('GET', `/api/drills/${created.drill}/report`);
    expect(report.body.commands.filter((c: { by?: string }) => c.by !== 'doctrine').length).toBeGreaterThan(2);
    expect((await replayOk(JSON.stringify(report.body))).code).toBe(0);
    const info = await ts.api('GET', `/api/drills/${created.drill}`);
    expect(info.body.failure).toBeNull();
  });
});
