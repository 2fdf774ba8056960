// A live session, advanced in irregular steps with commands from several
// seats, must end in exactly the state a headless run of its log reaches.
import { describe, expect, it } from 'vitest';
import { JISHISHAN, loadWorld, scenarioTexts } from '../test/helpers.ts';
import { viewFor } from '../src/drill/view.ts';
import { runScenario } from '../src/engine/run.ts';
import { Sim } from '../src/engine/sim.ts';
import { createSessionHost, type SessionHost } from './session-host.ts';
import { frameTransferables, type Frame } from '../src/drill/channel.ts';

const world = () => loadWorld(JISHISHAN);

function loaded(): SessionHost {
  const host = createSessionHost();
  const answer = host.load('jishishan-2023', scenarioTexts(JISHISHAN));
  if (!answer.ok) throw new Error(answer.problems.join('\n'));
  return host;
}

/** Applies frames to a local picture, as the page does. */
function picture(n: number) {
  const sites = new Uint8Array(n).fill(255);
  return {
    sites,
    apply(f: Frame) {
      for (let i = 0; i < f.siteIdx.length; i++) sites[f.siteIdx[i]] = f.siteCode[i];
    },
  };
}

describe('seats changing hands', () => {
  it('a person who takes a seat mid-drill stops the doctrine playing it from that second, and a replay agrees', () => {
    const w = world();
    const host = loaded();
    host.start(7, 'director');
    host.advance(3 * 3600);
    host.setSeat('cmcc');
    host.advance(12 * 3600);
    const log = host.getLog();
    expect(log.commands).toEqual([{ tSec: 3 * 3600 + 1, seat: 'director', type: 'assignSeat', args: { seat: 'cmcc', player: 'person' } }]);
    // The log says who the doctrine played at T0; the hand-over is a command in it.
    expect(log.doctrineSeats).toContain('cmcc');
    expect(host.info().doctrineSeats).not.toContain('cmcc');
    // The doctrine gave China Mobile orders before the hand-over and none after.
    const sim = Sim.create(w, 7, undefined, log.doctrineSeats);
    for (const c of log.commands) sim.submit(c);
    sim.advanceTo(12 * 3600);
    const cmccOrders = sim.state.commandLog.filter((c) => c.by === 'doctrine' && c.seat === 'cmcc');
    expect(cmccOrders.length).toBeGreaterThan(0);
    expect(cmccOrders.every((c) => c.tSec <= 3 * 3600)).toBe(true);
    expect(sim.hash()).toBe(log.stateHash);
    // The person leaves the seat: the doctrine, which played it when the drill began, takes it back.
    host.setSeat('director');
    host.advance(18 * 3600);
    expect(host.info().doctrineSeats).toContain('cmcc');
    expect(host.getLog().commands.at(-1)).toEqual({ tSec: 12 * 3600 + 1, seat: 'director', type: 'assignSeat', args: { seat: 'cmcc', player: 'doctrine' } });
    // The saved drill replays to the same state, seeking back included.
    const saved = host.getLog();
    const replay = loaded();
    expect(replay.loadDrill(saved)).toMatchObject({ ok: true });
    replay.seek(saved.reachedSec);
    expect(replay.finalHash()).toBe(saved.stateHash);
    replay.seek(3600);
    replay.seek(saved.reachedSec);
    expect(replay.finalHash()).toBe(saved.stateHash);
    // Only the director may hand seats over.
    host.setSeat('emhq');
    host.submit({ type: 'assignSeat', args: { seat: 'fire', player: 'nobody' } });
    const frame = host.advance(18 * 3600 + 10);
    expect(frame.log.filter((c) => c.type === 'assignSeat' && c.seat === 'emhq').map((c) => c.result)).toEqual([{ rejected: 'notPermitted' }]);
  });
});

describe('a hand-over scheduled ahead', () => {
  it('applies at the second given, is in the log, and a replay of the log reaches the same state', () => {
    const w = world();
    const host = loaded();
    host.start(7, 'director');
    host.advance(1800);
    expect(host.submitAt({ type: 'assignSeat', args: { seat: 'cmcc', player: 'nobody' } }, 7200)).toEqual({ ok: true, tSec: 7200 });
    expect(host.submitAt({ type: 'assignSeat', args: { seat: 'cucc', player: 'nobody' } }, 1800)).toMatchObject({ ok: false });
    expect(host.submitAt({ type: 'assignSeat', args: { seat: 'cucc', player: 'nobody' } }, w.durationSec + 1)).toMatchObject({ ok: false });
    host.advance(7199);
    expect(host.info().doctrineSeats).toContain('cmcc');
    host.advance(7200);
    expect(host.info().doctrineSeats).not.toContain('cmcc');
    host.advance(4 * 3600);
    const log = host.getLog();
    expect(log.commands).toEqual([{ tSec: 7200, seat: 'director', type: 'assignSeat', args: { seat: 'cmcc', player: 'nobody' } }]);
    const sim = Sim.create(w, 7, undefined, log.doctrineSeats);
    for (const c of log.commands) sim.submit(c);
    sim.advanceTo(4 * 3600);
    expect(sim.hash()).toBe(log.stateHash);
    // The doctrine gave China Mobile no order after the hand-over.
    expect(sim.state.commandLog.filter((c) => c.by === 'doctrine' && c.seat === 'cmcc' && c.tSec > 7200)).toEqual([]);
  });
});

describe('resuming a drill after a refresh', () => {
  it('picks an autosaved log up live where it was, and goes on to the same end as the drill it came from', () => {
    const w = world();
    const cmccSite = w.sites.ids.find((_, i) => w.sites.operatorMask[i] & 1 && w.sites.generatorFuelHours[i] === 0)!; // no standby generator of its own
    const original = loaded();
    original.start(7, 'cmcc');
    original.advance(2 * 3600);
    original.submit({ type: 'hookGenerator', args: { siteId: cmccSite, poolId: 'gp-cmcc' } });
    original.advance(2 * 3600 + 30);
    const saved = original.getLog();

    const resumed = loaded();
    const answer = resumed.resume(JSON.parse(JSON.stringify(saved)));
    expect(answer).toMatchObject({ ok: true, reachedSec: 2 * 3600 + 30 });
    expect(resumed.info()).toMatchObject({ mode: 'live', tSec: 2 * 3600 + 30 });
    expect(resumed.finalHash()).toBe(saved.stateHash);
    // Both go on with the same next order and reach the same end.
    for (const host of [original, resumed]) {
      host.setSeat('cmcc');
      expect(host.submit({ type: 'hookGenerator', args: { siteId: w.sites.ids[3], poolId: 'gp-cmcc' } })).toEqual({ ok: true, tSec: 2 * 3600 + 31 });
      host.advance(w.durationSec);
    }
    expect(resumed.finalHash()).toBe(original.finalHash());
    expect(resumed.getLog().commands).toEqual(original.getLog().commands);
    expect(loaded().resume({ format: 'nope' })).toMatchObject({ ok: false });
  });
});

describe('session host', () => {
  it('ends with the same finalStateHash as runScenario on the same seed and command log', () => {
    const w = world();
    const host = loaded();
    const seen = picture(w.sites.ids.length);
    seen.apply(host.start(7, 'cmcc'));
    const cmccSite = w.sites.ids.find((_, i) => w.sites.operatorMask[i] & 1 && w.sites.generatorFuelHours[i] === 0)!; // no standby generator of its own
    const steps = [0, 1, 7, 61, 599, 600, 1799, 3601, 3602, 7300, 20_000, 40_001, 86_399, 100_000, 200_000, w.durationSec];
    const results: string[] = [];
    const mine = new Set([62, 1800, 3602, 7301]); // the engine's doctrine may add commands of its own
    for (const [i, t] of steps.entries()) {
      const frame = host.advance(t);
      seen.apply(frame);
      results.push(...frame.log.filter((c) => mine.has(c.tSec)).map((c) => ('ok' in c.result ? 'ok' : c.result.rejected)));
      if (i === 3) expect(host.submit({ type: 'hookGenerator', args: { siteId: cmccSite, poolId: 'gp-cmcc' } })).toEqual({ ok: true, tSec: 62 });
      if (i === 6) host.submit({ type: 'hookGenerator', args: { siteId: cmccSite, poolId: 'gp-cmcc' } }); // already inbound
      if (i === 7) host.submit({ seat: 'cucc', type: 'hookGenerator', args: { siteId: cmccSite, poolId: 'gp-cmcc' } }); // not its pool
      if (i === 9) {
        host.setSeat('tower');
        host.submit({ type: 'hookGenerator', args: { siteId: w.sites.ids[5], poolId: 'gp-tower' } });
        host.setSeat('cmcc');
      }
    }
    expect(results).toEqual(['ok', 'generatorAlreadyThere']); // cmcc sees only its own commands
    const log = host.getLog();
    // Moving to tower takes it from the doctrine, and moving back hands it back: logged director's commands.
    expect(log.commands.map((c) => [c.tSec, c.type])).toEqual([
      [62, 'hookGenerator'],
      [1800, 'hookGenerator'],
      [3602, 'hookGenerator'],
      [7301, 'assignSeat'],
      [7301, 'hookGenerator'],
      [7301, 'assignSeat'],
    ]);
    expect(log.commands.filter((c) => c.type === 'assignSeat').map((c) => [c.seat, c.args])).toEqual([
      ['director', { seat: 'tower', player: 'person' }],
      ['director', { seat: 'tower', player: 'doctrine' }],
    ]);
    expect(log.reachedSec).toBe(w.durationSec);

    expect(log.doctrineSeats).toEqual(w.settings.doctrineSeats.filter((s) => s !== 'cmcc').sort());
    const headless = runScenario(w, { seed: 7, untilSec: w.durationSec, commands: log.commands, doctrineSeats: log.doctrineSeats }).report;
    expect(host.finalHash()).toBe(headless.finalStateHash);
    expect(log.stateHash).toBe(headless.finalStateHash);
    expect(log.stateHashes).toEqual(headless.stateHashes);
    const ours = headless.commands.filter((c) => mine.has(c.tSec) && c.type === 'hookGenerator');
    expect(ours.map((c) => ('ok' in c.result ? 'ok' : c.result.rejected))).toEqual(['ok', 'generatorAlreadyThere', 'notPermitted', 'ok']);
    // Commands change the outcome, so the comparison above means something.
    expect(runScenario(w, { seed: 7, untilSec: w.durationSec, doctrineSeats: log.doctrineSeats }).report.finalStateHash).not.toBe(headless.finalStateHash);

    // The diffs, applied in order, rebuild the seat's picture exactly.
    const sim = Sim.create(w, 7, undefined, log.doctrineSeats);
    for (const c of log.commands) sim.submit(c);
    sim.advanceTo(w.durationSec);
    expect(seen.sites).toEqual(viewFor(w, sim.state, 'cmcc', sim.ctx.index).sites);
  });

  it('sends diffs that add up to the view, and only what changed', () => {
    const w = world();
    const host = loaded();
    const seen = picture(w.sites.ids.length);
    const first = host.start(7, 'director');
    expect(first.full).toBe(true);
    expect(first.siteIdx.length).toBe(w.sites.ids.length);
    seen.apply(first);
    const quiet = host.advance(-5);
    expect(quiet.siteIdx.length).toBe(0);
    const shock = host.advance(0);
    expect(shock.siteIdx.length).toBeGreaterThan(0);
    expect(shock.siteIdx.length).toBeLessThan(w.sites.ids.length);
    seen.apply(shock);
    seen.apply(host.advance(5 * 3600));
    expect(host.advance(5 * 3600).siteIdx.length).toBe(0);

    // The picture built from diffs equals the pure view of the same state.
    const sim = Sim.create(w, 7);
    sim.advanceTo(5 * 3600);
    expect(seen.sites).toEqual(viewFor(w, sim.state, 'director', sim.ctx.index).sites);
    expect(host.finalHash()).toBe(sim.hash());
  });

  it('gives a player seat no outage causes and every KPI sample on the grid', () => {
    const host = loaded();
    host.start(7, 'fire');
    const f = host.advance(3600);
    expect(Math.max(...f.siteCode)).toBeLessThanOrEqual(3);
    const stride = f.kpis.length + 1;
    expect(f.kpiSamples.length).toBe(61 * stride); // t = 0, 60, ..., 3600
    expect(f.kpiSamples[60 * stride]).toBe(3600);
    expect(Number.isNaN(f.kpis[2])).toBe(true); // sitesOutPower is hidden
    const again = host.setSeat('director')!;
    expect(again.full).toBe(true);
    expect(again.kpiSamples.length).toBe(61 * stride);
    expect(Math.max(...again.siteCode)).toBeGreaterThan(3);
  });

  it('replays a saved drill, seeks back and forth, and matches the live run', () => {
    const w = world();
    const host = loaded();
    host.start(11, 'tower');
    host.advance(1000);
    host.submit({ type: 'hookGenerator', args: { siteId: w.sites.ids[7], poolId: 'gp-tower' } });
    host.advance(w.durationSec);
    const live = host.getLog();
    const saved = JSON.parse(JSON.stringify(live));

    const replay = loaded();
    const answer = replay.loadDrill(saved);
    if (!answer.ok) throw new Error(answer.problems.join('\n'));
    expect(replay.submit({ type: 'hookGenerator', args: {} })).toMatchObject({ ok: false });
    replay.seek(w.durationSec);
    expect(replay.finalHash()).toBe(live.stateHash);
    const back = replay.seek(2 * 3600);
    expect(back.full).toBe(true);
    expect(back.tSec).toBe(2 * 3600);
    expect(replay.seek(w.durationSec).ended).toBe(true);
    expect(replay.finalHash()).toBe(live.stateHash);
    expect(replay.getLog().stateHashes).toEqual(live.stateHashes);
  });

  it('refuses a drill file from another scenario version and a malformed one, with readable problems', () => {
    const host = loaded();
    host.start(7);
    const log = host.getLog();
    expect(host.loadDrill({ ...log, scenario: { ...log.scenario, sha256: 'ab'.repeat(32) } })).toMatchObject({ ok: false, problems: [expect.stringContaining('different version')] });
    expect(host.loadDrill({ format: 'x', seed: 1.5, commands: [{ tSec: -1 }] })).toEqual({ ok: false, problems: ['drill#/format: "x" is not a drilltwin drill file format, expected "drilltwin/drill@1"'] });
    const bad = host.loadDrill({ ...log, seed: 1.5, commands: [{ tSec: -1 }] });
    expect(bad).toEqual({ ok: false, problems: ['drill#/seed: 1.5 has the wrong type, expected an integer', 'drill#/commands/0/seat: missing required field "seat"', 'drill#/commands/0/type: missing required field "type"', 'drill#/commands/0/args: missing required field "args"', 'drill#/commands/0/tSec: -1 is out of range, expected an integer from 0 to 2592000'] });
  });

  it('reports every problem of a bad scenario as text and keeps working', () => {
    const host = createSessionHost();
    const texts = scenarioTexts(JISHISHAN);
    const doc = JSON.parse(texts['scenario.json']);
    doc.durationHours = -1;
    delete doc.layers.sites;
    const answer = host.load('broken', { ...texts, 'scenario.json': JSON.stringify(doc) });
    expect(answer.ok).toBe(false);
    if (!answer.ok) {
      expect(answer.problems.some((p) => p.startsWith('scenario.json#/durationHours'))).toBe(true);
      expect(answer.problems.some((p) => p.includes('"sites"'))).toBe(true);
    }
    expect(host.load('broken', { 'scenario.json': '{not json' })).toMatchObject({ ok: false, problems: [expect.stringContaining('not valid JSON')] });
    expect(host.load('jishishan-2023', texts).ok).toBe(true);
  });

  it('sends team positions, statuses and task changes, the UAVs and the emergency cells, as the seat may see them', () => {
    const w = world();
    const host = createSessionHost();
    const answer = host.load('jishishan-2023', scenarioTexts(JISHISHAN));
    if (!answer.ok) throw new Error(answer.problems.join('\n'));
    const geo = answer.geometry;
    expect(geo.teams.ids).toEqual(w.teams.map((t) => t.id));
    expect(geo.taskTypesByKind.operatorCrew).toContain('inspectSite');
    expect(geo.taskTarget.inspectSite).toBe('site');
    expect(geo.teamStatusNames[3]).toBe('travelling');
    const team = geo.teams.ids.indexOf('tm-cmcc-jss-1');
    const hidden = geo.teams.org.indexOf('power');

    const first = host.start(7, 'cmcc');
    expect(first.teamXM.length).toBe(w.teams.length);
    expect(first.teamXM[team]).toBe(w.bases.xM[geo.teams.base[team]]);
    expect(first.teamXM[hidden]).toBeNaN();
    expect(first.teamStatus[hidden]).toBe(255);
    expect(first.uavs.length).toBe(3 * w.uavs.length);
    host.advance(1799);
    expect(host.submit({ type: 'assignTask', args: { teamId: 'tm-cmcc-jss-1', task: 'inspectSite', targetId: 's-jss-015' } })).toEqual({ ok: true, tSec: 1800 });
    const a = host.advance(2000);
    expect(a.teamStatus[team]).toBe(3);
    expect(a.teamTasks.filter((v) => v.team === team)).toEqual([expect.objectContaining({ type: 'inspectSite', target: 's-jss-015', status: 'travelling' })]);
    expect(a.teamTasks.every((v) => geo.teams.org[v.team] === 'cmcc')).toBe(true);
    const b = host.advance(2100);
    expect(b.teamTasks.some((v) => v.team === team)).toBe(false); // unchanged: not sent again
    expect(Math.hypot(b.teamXM[team] - a.teamXM[team], b.teamYM[team] - a.teamYM[team])).toBeGreaterThan(50);
    const c = host.advance(3000);
    expect(c.teamStatus[team]).toBe(4);
    expect(c.teamTasks.filter((v) => v.team === team)).toEqual([expect.objectContaining({ status: 'working' })]);
    const director = host.setSeat('director')!;
    expect(director.full).toBe(true);
    expect(director.teamTasks.some((v) => v.team === team)).toBe(true);
    expect(Number.isNaN(director.teamXM[hidden])).toBe(false);
    expect(director.cellXYR.length).toBe(3 * director.cellKind.length);
  });

  it('puts every typed array of a frame in its own transferable buffer', () => {
    const host = loaded();
    const f = host.start(7);
    const buffers = frameTransferables(f);
    expect(new Set(buffers).size).toBe(buffers.length);
    expect(f.siteIdx.buffer.byteLength).toBe(f.siteIdx.byteLength);
  });
});

describe('the site details a seat may read', () => {
  it('tells the director which sites an emergency cell stands in for (counted as restored), as a headless run of the same seed has them, and tells a department nothing of it', () => {
    const w = world();
    const host = loaded();
    host.start(7, 'director');
    host.advance(14 * 3600);
    const headless = Sim.create(w, 7);
    headless.advanceTo(14 * 3600);
    const stoodIn = w.sites.ids.flatMap((_, s) => (headless.state.sites.standIn[s] ? [s] : []));
    // Seed 7 has destroyed or badly damaged sites that the doctrine's operators have stood in for by T+14 h.
    expect(stoodIn.length).toBeGreaterThan(0);
    for (let s = 0; s < w.sites.ids.length; s++) expect(host.siteDetail(s)?.standIn).toBe(stoodIn.includes(s));
    host.setSeat('cmcc');
    expect(host.siteDetail(stoodIn[0])).toEqual({ id: w.sites.ids[stoodIn[0]] });
  });
});
