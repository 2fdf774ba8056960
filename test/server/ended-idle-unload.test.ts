// A training base runs one server for weeks: an ended drill that no terminal
// has had for endedIdleMs (300 ms here) is unloaded, its engine's worker
// stopped, and a terminal joining it later reopens it from its log at the same
// final hash. Its report, printed after-action report and log are served from
// the store meanwhile, unchanged; a drill with a terminal attached, or still
// running, stays loaded; a join that arrives while the unload is still closing
// the drill waits for it and then reopens it (never two engines of one drill);
// with two processes sharing PostgreSQL, the process that holds the unloaded
// drill reopens it for a terminal relayed from the other, and a terminal
// relayed from a process that dies does not keep it loaded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../workers/server/protocol.ts';
import { startServer } from '../../workers/server/server.ts';
import { freePort } from '../../workers/server/spawn-server.ts';
import { TerminalClient } from '../../workers/server/terminal-client.ts';
import { cleanUpAfterAll, linkOf, spawnSharedServer, sharedServicesUp, startTestServer, type TestServer } from './helpers.ts';

const IDLE_MS = 300;
type Ended = Extract<ServerMessage, { t: 'ended' }>;
type LogEntry = { seq: number; kind: string; tSec: number; body: Record<string, any> };
type Exercise = { observations: { text: string; tSec: number }[] };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const occurrences = (text: string, part: string) => text.split(part).length - 1;

const lines: string[] = [];
let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer({ endedIdleMs: IDLE_MS, log: (l) => lines.push(l) });
});
afterAll(async () => {
  await ts?.close();
});

/** A drill of 30 simulated minutes, run to its end with an evaluator and the director attached. */
async function endedDrill(seed: number) {
  const created = (await ts.api('POST', '/api/drills', { scenario: 'jishishan-2023', seed, untilSec: 1800, speed: 100_000, paused: true })).body;
  const id = created.drill as string;
  const evaluator = ts.terminal(linkOf(created, 'evaluator'));
  const director = ts.terminal(linkOf(created, 'director'));
  for (const c of [evaluator, director]) await c.waitFor((m) => m.t === 'frame', 30_000, 'the first frame', true);
  expect((await evaluator.command('recordObservation', { text: `during the run (${seed})` })).ok).toBe(true);
  // China Mobile's seat released to the doctrine: its old links no longer work (a new generation).
  expect((await director.control({ action: 'release', seat: 'cmcc' })).ok).toBe(true);
  expect((await director.control({ action: 'resume' })).ok).toBe(true);
  const ended = await evaluator.waitFor<Ended>((m) => m.t === 'ended', 60_000, 'the end', true);
  return { created, id, evaluator, director, ended };
}

const logOf = async (id: string) => (await ts.api('GET', `/api/drills/${id}/log`)).body.log as LogEntry[];

describe('an ended drill left idle', () => {
  it('is unloaded once its last terminal has gone, its report, after-action report and log unchanged; an evaluator joining again reopens it at the same hash and records a late observation once', async () => {
    const { created, id, evaluator, director, ended } = await endedDrill(4);
    expect((await evaluator.command('recordObservation', { text: 'late 1: hot wash' })).ok).toBe(true);
    // A running drill no terminal has is not unloaded (paused, so it stays running).
    const running = (await ts.api('POST', '/api/drills', { scenario: 'jishishan-2023', seed: 9, untilSec: 3600, paused: true })).body.drill as string;

    // Terminals attached: loaded, however long.
    await sleep(IDLE_MS * 5);
    expect(ts.server.owners.has(id)).toBe(true);
    director.close();
    await sleep(IDLE_MS * 5);
    expect(ts.server.owners.has(id), 'the evaluator is still attached').toBe(true);

    const report = await ts.api('GET', `/api/drills/${id}/report`);
    const links = (await ts.api('GET', `/api/drills/${id}/links`)).body.links as { seat: string; token: string }[];
    expect(linkOf({ links }, 'cmcc')).not.toBe(linkOf(created, 'cmcc'));
    const aar = await ts.api('GET', `/api/drills/${id}/aar?lang=en`);
    const logBefore = await logOf(id);
    expect(occurrences(aar.body, 'late 1: hot wash')).toBeGreaterThanOrEqual(1);
    const owner = ts.server.owners.get(id)!;
    evaluator.close();
    await expect.poll(() => ts.server.owners.has(id), { timeout: 10_000, interval: 50 }).toBe(false);
    // Its engine's thread has been stopped (the memory it held is released), and the server says so.
    await expect.poll(() => (owner as unknown as { worker: unknown }).worker, { timeout: 10_000 }).toBe(null);
    await expect.poll(() => lines.find((l) => l.startsWith(`drill ${id} unloaded`)), { timeout: 10_000 }).toMatch(/ended, and no terminal for \d+\.\d s; a terminal joining it reopens it from its log/);
    expect(ts.server.owners.has(running), 'a running drill is never unloaded').toBe(true);

    // Served from the store as before: the report as written at the end, the same after-action report,
    // and the log with nothing added but the evaluator's leaving (nothing is logged for the unload).
    expect(await ts.api('GET', `/api/drills/${id}/report`)).toEqual(report);
    expect(report.body.finalStateHash).toBe(ended.finalStateHash);
    expect(await ts.api('GET', `/api/drills/${id}/aar?lang=en`)).toEqual(aar);
    const logUnloaded = await logOf(id);
    expect(logUnloaded.slice(0, logBefore.length)).toEqual(logBefore);
    expect(logUnloaded.slice(logBefore.length).map((e) => [e.kind, e.body.event, e.body.seat])).toEqual([['terminal', 'leave', 'evaluator']]);
    expect(await ts.api('GET', `/api/drills/${id}`)).toEqual({ status: 200, body: { drill: id, status: 'ended' } });
    // The director's control is refused as the loaded ended drill refuses it.
    expect(await ts.api('POST', `/api/drills/${id}/control`, { action: 'resume' })).toMatchObject({ status: 400, body: { ok: false, code: 'drillEnded' } });
    // The links are those the loaded drill gave (the released seat's generation read from the log).
    expect((await ts.api('GET', `/api/drills/${id}/links`)).body.links).toEqual(links);

    // The evaluator comes back: reopened from its log at its end, at the same final state.
    const back = ts.terminal(linkOf(created, 'evaluator'));
    const welcome = await back.waitFor<Extract<ServerMessage, { t: 'welcome' }>>((m) => m.t === 'welcome', 60_000, 'the welcome', true);
    expect(welcome.clock).toMatchObject({ tSec: 1800, ended: true });
    expect((await back.waitFor<Ended>((m) => m.t === 'ended', 30_000, 'the end state', true)).finalStateHash).toBe(ended.finalStateHash);
    expect(ts.server.owners.has(id)).toBe(true);
    expect(lines.filter((l) => l.startsWith(`drill ${id} reopened`))).toEqual([expect.stringMatching(/at its end, T\+1800 s, for late evaluations \(.*, 0 differ,/)]);
    const shown = await back.ask('exercise');
    expect(shown.ok && (shown.value as Exercise).observations.map((o) => o.text)).toEqual(['during the run (4)', 'late 1: hot wash']);
    expect(await back.command('recordObservation', { text: 'late 2: after the unload' })).toMatchObject({ ok: true, tSec: 1800 });
    // Attached again: not unloaded while it stays.
    await sleep(IDLE_MS * 5);
    expect(ts.server.owners.has(id)).toBe(true);

    const log = await logOf(id);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    expect(log.slice(0, logUnloaded.length)).toEqual(logUnloaded);
    expect(log.filter((e) => e.kind === 'evaluation').map((e) => [e.tSec, e.body.command.args.text])).toEqual([
      [1800, 'late 1: hot wash'],
      [1800, 'late 2: after the unload'],
    ]);
    const added = log.slice(logUnloaded.length);
    expect(added.filter((e) => e.kind === 'command' || e.kind === 'checkpoint')).toEqual([]);
    expect(added.filter((e) => e.kind === 'control').map((e) => [e.body.action, e.body.atSec, e.body.mismatches])).toEqual([['reopened', 1800, 0]]);
    expect((await ts.api('GET', `/api/drills/${id}/report`)).body.finalStateHash).toBe(ended.finalStateHash);
    const aarAfter = (await ts.api('GET', `/api/drills/${id}/aar?lang=en`)).body as string;
    expect(occurrences(aarAfter, 'late 2: after the unload')).toBe(occurrences(aar.body, 'late 1: hot wash'));

    // And unloaded again once it has gone.
    back.close();
    await expect.poll(() => ts.server.owners.has(id), { timeout: 10_000, interval: 50 }).toBe(false);
    await expect.poll(() => lines.filter((l) => l.startsWith(`drill ${id} unloaded`)).length, { timeout: 10_000 }).toBe(2);
    expect((await ts.api('GET', `/api/drills/${id}/report`)).body.finalStateHash).toBe(ended.finalStateHash);
    expect(ts.server.owners.has(running)).toBe(true);
  });

  it('a terminal joining while the unload is still stopping the drill waits for it, then gets the drill reopened, not the half-closed one', async () => {
    const { created, id, evaluator, director, ended } = await endedDrill(5);
    // The unload's close is held up until the test lets it go.
    const owner = ts.server.owners.get(id)!;
    const close = owner.close.bind(owner);
    let letGo!: () => void;
    const held = new Promise<void>((r) => (letGo = r));
    let closed = false;
    owner.close = async () => {
      await held;
      await close();
      closed = true;
    };
    director.close();
    evaluator.close();
    await expect.poll(() => ts.server.owners.has(id), { timeout: 10_000, interval: 20 }).toBe(false);
    const logUnloading = await logOf(id);

    const back = ts.terminal(linkOf(created, 'evaluator'));
    try {
      await sleep(3000);
      // Still closing: the join waits (no welcome, no second engine of the drill).
      expect(back.messages.filter((m) => m.t !== 'pong')).toEqual([]);
      expect(ts.server.owners.has(id)).toBe(false);
      expect(lines.filter((l) => l.startsWith(`drill ${id} reopened`))).toEqual([]);
    } finally {
      letGo();
    }
    expect((await back.waitFor<Ended>((m) => m.t === 'ended', 60_000, 'the end state', true)).finalStateHash).toBe(ended.finalStateHash);
    expect(closed).toBe(true);
    expect(ts.server.owners.get(id)).not.toBe(owner);
    expect(lines.filter((l) => l.startsWith(`drill ${id} unloaded`))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith(`drill ${id} reopened`))).toHaveLength(1);
    expect(await back.command('recordObservation', { text: 'late: joined mid-unload' })).toMatchObject({ ok: true, tSec: 1800 });
    const log = await logOf(id);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    expect(log.slice(0, logUnloading.length)).toEqual(logUnloading);
    expect(log.filter((e) => e.kind === 'evaluation').map((e) => e.body.command.args.text)).toEqual(['late: joined mid-unload']);
    expect(log.filter((e) => e.kind === 'control' && e.body.action === 'reopened')).toHaveLength(1);
    back.close();
  });

  it('refuses an idle time out of range, from the options or the environment, saying which', async () => {
    await expect(startServer({ port: 0, consoleDir: null, endedIdleMs: 5, log: () => {} })).rejects.toThrow('ended-drill idle time: 5 ms is out of range, expected a whole number of ms from 100 to 604800000 (7 days)');
    const before = process.env.DRILLTWIN_ENDED_IDLE_MS;
    process.env.DRILLTWIN_ENDED_IDLE_MS = '10min';
    try {
      await expect(startServer({ port: 0, consoleDir: null, log: () => {} })).rejects.toThrow('ended-drill idle time: DRILLTWIN_ENDED_IDLE_MS="10min" is out of range');
    } finally {
      if (before === undefined) delete process.env.DRILLTWIN_ENDED_IDLE_MS;
      else process.env.DRILLTWIN_ENDED_IDLE_MS = before;
    }
  });
});

// ---- two processes sharing PostgreSQL and Redis

const services = await sharedServicesUp();
const schema = `dt_idle_${process.pid}_${Date.now().toString(36)}`;
const tracked = cleanUpAfterAll(services ? schema : null);

describe.skipIf(!services)('an ended drill unloaded by one of two processes sharing PostgreSQL', () => {
  it('is reopened by the process that holds it when an evaluator joins the other (relayed there), and unloaded again after, also when the other dies with the terminal', async () => {
    const start = (port: number) => spawnSharedServer(port, schema, tracked, { DRILLTWIN_LEASE_MS: '1500', DRILLTWIN_ENDED_IDLE_MS: String(IDLE_MS) });
    const [portA, portB] = [await freePort(), await freePort()];
    const a = await start(portA);
    const b = await start(portB);
    const api = async (port: number, token: string, method: string, path: string, body?: unknown) =>
      (await fetch(`http://127.0.0.1:${port}/${path}`, { method, headers: { authorization: `Bearer ${token}` }, body: body === undefined ? undefined : JSON.stringify(body) })).json();
    const health = async (port: number) => (await (await fetch(`http://127.0.0.1:${port}/api/health`)).json()).drills as number;

    const created = await api(portA, a.adminToken, 'POST', 'api/drills', { scenario: 'jishishan-2023', seed: 6, untilSec: 1800, speed: 100_000, paused: true });
    const id = created.drill as string;
    const evaluatorToken = linkOf(created, 'evaluator');
    const onA = new TerminalClient(`ws://127.0.0.1:${portA}/ws`, evaluatorToken);
    onA.connect();
    await onA.waitFor((m) => m.t === 'frame', 30_000, 'the first frame', true);
    await api(portA, a.adminToken, 'POST', `api/drills/${id}/control`, { action: 'resume' });
    const ended = await onA.waitFor<Ended>((m) => m.t === 'ended', 60_000, 'the end', true);
    onA.close();
    const unloaded = (p: { stderr: string[] }) => p.stderr.filter((l) => l.startsWith(`drill ${id} unloaded`)).length;
    await expect.poll(() => unloaded(a), { timeout: 15_000 }).toBe(1);
    expect(await health(portA)).toBe(0);

    // Joining B: A holds the drill (its claim kept, its lease renewed), so the terminal is relayed there, and A reopens it.
    const onB = new TerminalClient(`ws://127.0.0.1:${portB}/ws`, evaluatorToken);
    onB.connect();
    expect((await onB.waitFor<Ended>((m) => m.t === 'ended', 60_000, 'the end, through B', true)).finalStateHash).toBe(ended.finalStateHash);
    expect(a.stderr.filter((l) => l.startsWith(`drill ${id} reopened`))).toEqual([expect.stringMatching(/at its end, T\+1800 s, for late evaluations \(.*, 0 differ,/)]);
    expect(b.stderr.join('\n')).not.toContain(`drill ${id} reopened`);
    expect(await health(portB)).toBe(0);
    expect(await onB.command('recordObservation', { text: 'late, through B after the unload' })).toMatchObject({ ok: true, tSec: 1800 });
    onB.close();
    await expect.poll(() => unloaded(a), { timeout: 15_000 }).toBe(2);
    expect(await health(portA)).toBe(0);

    const log = (await api(portB, b.adminToken, 'GET', `api/drills/${id}/log`)).log as LogEntry[];
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    expect(log.filter((e) => e.kind === 'evaluation').map((e) => e.body.command.args.text)).toEqual(['late, through B after the unload']);
    expect(log.filter((e) => e.kind === 'control' && e.body.action === 'reopened').map((e) => e.body.mismatches)).toEqual([0]);
    expect((await api(portB, b.adminToken, 'GET', `api/drills/${id}/report`)).finalStateHash).toBe(ended.finalStateHash);

    // A terminal relayed from B, and B killed: B sends no 'leave' for it, so A drops it once B is no longer
    // among the live processes, and unloads the drill (a terminal that never left would keep it loaded).
    const viaB = new TerminalClient(`ws://127.0.0.1:${portB}/ws`, evaluatorToken, { reconnect: false });
    viaB.connect();
    await viaB.waitFor((m) => m.t === 'ended', 60_000, 'the end, through B again', true);
    expect(a.stderr.filter((l) => l.startsWith(`drill ${id} reopened`))).toHaveLength(2);
    await sleep(IDLE_MS * 5);
    expect(unloaded(a)).toBe(2);
    b.proc.kill('SIGKILL');
    await expect.poll(() => unloaded(a), { timeout: 20_000 }).toBe(3);
    expect(await health(portA)).toBe(0);
    viaB.close();
    a.proc.kill('SIGKILL');
  });
});
