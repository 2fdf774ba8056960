// Exactly-once commands: a terminal names each command with a client key
// (protocol.ts COMMAND_KEY), and a command sent again with its key (its ack
// was lost with the connection, or the server restarted, or the drill moved
// to another process) gets the first ack, the same second, and is in the log
// once. The key is kept beside the command in the log entry (`from.key`), not
// in the engine's command, so it comes back whenever the drill is rebuilt
// from its log, and the run does not depend on it.
//   in-process (embedded SQLite): twice on one connection, a different key,
//     the same key from another seat, the same key for another command, bad
//     keys, a connection closed before its ack arrived, an evaluator's observation;
//   a server process killed (-9) mid-drill and started again on its data;
//   an ended drill's late evaluation, the server killed and the drill reopened;
//   two processes (PostgreSQL + Redis): relayed, then taken over after kill -9.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import type { Frame } from '../../src/drill/channel.ts';
import type { ServerMessage } from '../../workers/server/protocol.ts';
import { freePort, spawnServer, type ServerProcess } from '../../workers/server/spawn-server.ts';
import { TerminalClient } from '../../workers/server/terminal-client.ts';
import { cleanUpAfterAll, linkOf, sharedServicesUp, spawnSharedServer, startTestServer, type TestServer } from './helpers.ts';

type LogEntry = { seq: number; kind: string; tSec: number; body: { command?: { tSec: number; seat: string; type: string; args: Record<string, unknown> }; from?: { conn?: number; key?: string }; event?: string; seat?: string; conn?: number } };
type Exercise = { observations: { seat: string; text: string; tSec: number }[] };

/** The log entries (commands and late evaluations) that carry `key`. */
const keyed = (log: LogEntry[], key: string) => log.filter((e) => e.body.from?.key === key);

const services = await sharedServicesUp();
const schema = `dt_keys_${process.pid}_${Date.now().toString(36)}`;
const tracked = cleanUpAfterAll(services ? schema : null);
const { children, dirs } = tracked;

/** The server's environment without the shared store and relay: the embedded SQLite. */
function embeddedEnv(): NodeJS.ProcessEnv {
  const { DATABASE_URL: _d, REDIS_URL: _r, DRILLTWIN_PG_SCHEMA: _s, ...rest } = process.env;
  return rest;
}

async function api(port: number, token: string, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`http://127.0.0.1:${port}/${path}`, { method, headers: { authorization: `Bearer ${token}` }, body: body === undefined ? undefined : JSON.stringify(body) });
  return res.json();
}

/**
 * A paused Jishishan drill created through the server on `port`, a terminal of `seat` joined on `wsUrl` (its
 * first frame in), then the drill resumed. `why` adds to the message if the drill is not created.
 */
async function drillWithTerminal(port: number, adminToken: string, wsUrl: string, seat: string, settings: Record<string, unknown>, why = () => '') {
  const created = await api(port, adminToken, 'POST', 'api/drills', { scenario: 'jishishan-2023', paused: true, ...settings });
  const id = created.drill as string;
  expect(id, JSON.stringify(created) + why()).toBeTruthy();
  const terminal = new TerminalClient(wsUrl, linkOf(created, seat));
  terminal.connect();
  await terminal.waitFor((m) => m.t === 'frame', 30_000, `the first frame on ${wsUrl}`, true);
  await api(port, adminToken, 'POST', `api/drills/${id}/control`, { action: 'resume' });
  return { id, created, terminal };
}

/** The first line of the process's stderr that passes `pred`, waited for a while (stderr may come after stdout). */
async function lineOf(p: ServerProcess, pred: (line: string) => boolean): Promise<string | undefined> {
  for (let i = 0; i < 100 && !p.stderr.some(pred); i++) await new Promise((r) => setTimeout(r, 100));
  return p.stderr.find(pred);
}

/** Waits for the terminal's next welcome after the `joins` it had (a reconnection). */
const rejoined = (c: TerminalClient, joins: number, what: string) => c.waitFor((m) => m.t === 'welcome', 60_000, what, c.joins > joins);

/** The first full frame after the terminal's last welcome. */
async function frameAfterLastWelcome(c: TerminalClient): Promise<Frame> {
  const last = c.messages.map((m) => m.t).lastIndexOf('welcome');
  const f = c.messages.slice(last).find((m) => m.t === 'frame');
  if (f) return (f as Extract<ServerMessage, { t: 'frame' }>).frame as Frame;
  return ((await c.waitFor((m) => m.t === 'frame', 30_000, 'the frame after the rejoin')) as Extract<ServerMessage, { t: 'frame' }>).frame as Frame;
}

describe('exactly-once commands with a client key, in one server', () => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await startTestServer();
  });
  afterAll(async () => {
    await ts?.close();
  });

  it('the same key twice is one command with one ack second; another key is another; keys are per seat and name one command; bad keys are refused naming the field', async () => {
    const created = await ts.api('POST', '/api/drills', { scenario: 'jishishan-2023', seed: 11, untilSec: 4 * 3600, speed: 600, paused: true, seats: { cmcc: 'person', power: 'person' } });
    expect(created.status).toBe(201);
    const id = created.body.drill as string;
    const cmcc = ts.terminal(linkOf(created.body, 'cmcc'));
    const power = ts.terminal(linkOf(created.body, 'power'));
    const evaluator = ts.terminal(linkOf(created.body, 'evaluator'));
    for (const c of [cmcc, power, evaluator]) await c.waitFor((m) => m.t === 'frame', 30_000, 'the first frame', true);
    expect((await ts.api('POST', `/api/drills/${id}/control`, { action: 'resume' })).status).toBe(200);
    await cmcc.reach(120);

    const first = await cmcc.command('setEmergencyRoaming', { enabled: true }, { key: 'cmcc-roam-1' });
    if (!first.ok) throw new Error(`refused: ${first.error}`);
    // The clock moves on: a command submitted afresh now would be stamped later than the first.
    await cmcc.reach(first.tSec + 60);
    const again = await cmcc.command('setEmergencyRoaming', { enabled: true }, { key: 'cmcc-roam-1' });
    expect(again).toMatchObject({ t: 'ack', ok: true, tSec: first.tSec });
    const other = await cmcc.command('setEmergencyRoaming', { enabled: true }, { key: 'cmcc-roam-2' });
    if (!other.ok) throw new Error(`refused: ${other.error}`);
    expect(other.tSec).toBeGreaterThan(first.tSec);
    // Another seat's key space is its own.
    const powerSame = await power.command('setPrioritySupply', { enabled: true }, { key: 'cmcc-roam-1' });
    expect(powerSame).toMatchObject({ ok: true });
    // One key, one command: the key again for something else is refused, not acked as if it were recorded.
    const reused = await cmcc.command('setEmergencyRoaming', { enabled: false }, { key: 'cmcc-roam-1' });
    expect(reused).toMatchObject({ ok: false, code: 'badCommand' });
    expect(!reused.ok && reused.error).toMatch(/^key: cmcc-roam-1 already names another command of the cmcc seat \(setEmergencyRoaming\)/);
    // 64 characters of the alphabet is a key.
    const longest = 'A-z_09'.repeat(11).slice(0, 64);
    expect(await cmcc.command('setEmergencyRoaming', { enabled: false }, { key: longest })).toMatchObject({ ok: true });
    // Sent twice before either ack came: the second waits for the first's ack, and the command is logged once.
    const [twin1, twin2] = await Promise.all([cmcc.command('setEmergencyRoaming', { enabled: true }, { key: 'cmcc-twin' }), cmcc.command('setEmergencyRoaming', { enabled: true }, { key: 'cmcc-twin' })]);
    if (!twin1.ok) throw new Error(`refused: ${twin1.error}`);
    expect(twin2).toMatchObject({ ok: true, tSec: twin1.tSec });

    const bad: [unknown, string][] = [
      ['', '0 characters'],
      ['x'.repeat(65), '65 characters'],
      ['has space', 'the character " "'],
      ['ключ', 'the character "к"'],
      ['a.b', 'the character "."'],
      [42, 'a number'],
      [null, 'null'],
      [['k'], 'an array'],
      [{ k: 1 }, 'an object'],
      [true, 'a boolean'],
    ];
    const malformedBefore = ts.server.refusals.malformed;
    for (const [key, got] of bad) {
      const ack = await cmcc.command('setEmergencyRoaming', { enabled: true }, { key });
      expect(ack, JSON.stringify(key)).toMatchObject({ ok: false, code: 'malformed' });
      expect(!ack.ok && ack.error, JSON.stringify(key)).toBe(`key: expected 1 to 64 characters, each a letter A-Z or a-z, a digit, _ or -; got ${got}`);
    }
    expect(ts.server.refusals.malformed - malformedBefore).toBe(bad.length);

    // An evaluator's observation, sent twice with its key: recorded once, shown once.
    const observed = await evaluator.command('recordObservation', { text: 'EOC staffed, keyed' }, { key: 'ev-obs-1' });
    if (!observed.ok) throw new Error(`refused: ${observed.error}`);
    await evaluator.reach(observed.tSec + 30);
    expect(await evaluator.command('recordObservation', { text: 'EOC staffed, keyed' }, { key: 'ev-obs-1' })).toMatchObject({ ok: true, tSec: observed.tSec });
    const exercise = await evaluator.ask('exercise');
    expect(exercise.ok && (exercise.value as Exercise).observations.map((o) => [o.text, o.tSec])).toEqual([['EOC staffed, keyed', observed.tSec]]);

    // The ack lost with the connection: the command goes out, the socket is closed before any ack can
    // come back, the terminal reconnects by itself and sends it again with its key.
    const joins = cmcc.joins;
    cmcc.ws!.send(JSON.stringify({ t: 'cmd', id: 90_001, type: 'setEmergencyRoaming', args: { enabled: true }, key: 'cmcc-roam-lost' }));
    cmcc.ws!.close();
    await rejoined(cmcc, joins, 'the reconnection');
    const resent = await cmcc.command('setEmergencyRoaming', { enabled: true }, { key: 'cmcc-roam-lost' });
    if (!resent.ok) throw new Error(`refused: ${resent.error}`);

    const log = (await ts.api('GET', `/api/drills/${id}/log`)).body.log as LogEntry[];
    // Once each, at the second acked; the key beside the command, never in it (the engine's command is unchanged).
    expect(keyed(log, 'cmcc-roam-1').map((e) => [e.kind, e.body.command!.seat, e.tSec])).toEqual([
      ['command', 'cmcc', first.tSec],
      ['command', 'power', powerSame.ok ? powerSame.tSec : -1],
    ]);
    expect(keyed(log, 'cmcc-roam-2').map((e) => e.tSec)).toEqual([other.tSec]);
    expect(keyed(log, longest)).toHaveLength(1);
    expect(keyed(log, 'ev-obs-1').map((e) => [e.kind, e.tSec])).toEqual([['command', observed.tSec]]);
    for (const e of log.filter((x) => x.body.from?.key !== undefined)) {
      expect(Object.keys(e.body.command!).sort()).toEqual(['args', 'seat', 'tSec', 'type']);
      expect(JSON.stringify(e.body.command)).not.toContain(e.body.from!.key!);
    }
    // The lost one: logged once, by the connection that was closed (the resend got that one's ack).
    const lost = keyed(log, 'cmcc-roam-lost');
    expect(lost.map((e) => e.tSec)).toEqual([resent.tSec]);
    const cmccConns = log.filter((e) => e.kind === 'terminal' && e.body.event === 'join' && e.body.seat === 'cmcc').map((e) => e.body.conn);
    expect(lost[0].body.from!.conn).toBe(cmccConns[0]);
    // Nothing else from cmcc was logged: the two refused, the bad keys and the duplicates are not there.
    expect(log.filter((e) => e.kind === 'command' && e.body.command!.seat === 'cmcc').map((e) => e.body.from?.key)).toEqual(['cmcc-roam-1', 'cmcc-roam-2', longest, 'cmcc-twin', 'cmcc-roam-lost']);
  });
});

describe('exactly-once commands across a restart of the embedded server', () => {
  const start = async (port: number, dataDir: string) => {
    const p = await spawnServer({ port, dataDir, args: ['--max-speed', '100000'], env: embeddedEnv() });
    children.push(p.proc);
    return p;
  };
  /** A server process on a free port, with a data folder of its own (removed after all). */
  const startFresh = async (prefix: string) => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dataDir);
    return { port, wsUrl: `ws://127.0.0.1:${port}/ws`, dataDir, first: await start(port, dataDir) };
  };
  const kill = async (p: ServerProcess, signal: NodeJS.Signals) => {
    const exited = new Promise((r) => p.proc.once('exit', r));
    p.proc.kill(signal);
    await exited;
  };

  it('kill -9 mid-drill: the keyed command sent again to the new process gets its original ack, and is in the log once', async () => {
    const { port, wsUrl, dataDir, first } = await startFresh('drilltwin-keys-');
    const { id, terminal: cmcc } = await drillWithTerminal(port, first.adminToken, wsUrl, 'cmcc', { seed: 5, untilSec: 4 * 3600, speed: 600, seats: { cmcc: 'person' } });
    await cmcc.reach(600);
    const before = await cmcc.command('setEmergencyRoaming', { enabled: true }, { key: 'roam-before-kill' });
    if (!before.ok) throw new Error(`refused: ${before.error}`);
    await cmcc.reach(before.tSec + 120);

    const joins = cmcc.joins;
    await kill(first, 'SIGKILL');
    const second = await start(port, dataDir);
    const recovered = await lineOf(second, (l) => l.includes(`drill ${id} recovered`));
    expect(recovered, second.stderr.join('\n')).toMatch(/, 0 differ/);
    await rejoined(cmcc, joins, 'the reconnection after the restart');
    // The drill came back past the command's second (a checkpoint is logged before any terminal sees its time):
    // a command submitted afresh now would be stamped later.
    expect((await frameAfterLastWelcome(cmcc)).tSec).toBeGreaterThan(before.tSec);
    const resent = await cmcc.command('setEmergencyRoaming', { enabled: true }, { key: 'roam-before-kill' });
    expect(resent).toMatchObject({ ok: true, tSec: before.tSec });
    const after = await cmcc.command('setEmergencyRoaming', { enabled: false }, { key: 'roam-after-restart' });
    if (!after.ok) throw new Error(`refused: ${after.error}`);
    expect(after.tSec).toBeGreaterThan(before.tSec);

    const { log } = (await api(port, second.adminToken, 'GET', `api/drills/${id}/log`)) as { log: LogEntry[] };
    expect(log.filter((e) => e.kind === 'command' && e.body.command!.seat === 'cmcc').map((e) => [e.tSec, e.body.command!.args.enabled, e.body.from?.key])).toEqual([
      [before.tSec, true, 'roam-before-kill'],
      [after.tSec, false, 'roam-after-restart'],
    ]);
    // The report written from the log at the end (once the drill has reached the second command) has each once, and replays hash for hash.
    await cmcc.reach(after.tSec);
    expect((await api(port, second.adminToken, 'POST', `api/drills/${id}/control`, { action: 'end' })).ok).toBe(true);
    const report = await api(port, second.adminToken, 'GET', `api/drills/${id}/report`);
    type Run = { tSec: number; seat: string; type: string; args: unknown };
    expect(report.commands.filter((c: Run) => c.seat === 'cmcc').map(({ tSec, seat, type, args }: Run) => ({ tSec, seat, type, args }))).toEqual([
      { tSec: before.tSec, seat: 'cmcc', type: 'setEmergencyRoaming', args: { enabled: true } },
      { tSec: after.tSec, seat: 'cmcc', type: 'setEmergencyRoaming', args: { enabled: false } },
    ]);
    const file = join(dataDir, 'report-copy.json');
    writeFileSync(file, JSON.stringify(report));
    expect(await main(['replay', file], { log: () => {}, err: () => {} })).toBe(0);
    cmcc.close();
    await kill(second, 'SIGTERM');
  });

  it("an ended drill: an evaluator's keyed late observation sent again after kill -9 and the drill's reopening gets its original ack, and is logged and shown once", async () => {
    const { port, wsUrl, dataDir, first } = await startFresh('drilltwin-keys-late-');
    const created = await api(port, first.adminToken, 'POST', 'api/drills', { scenario: 'jishishan-2023', seed: 4, untilSec: 1800, speed: 100_000, paused: true });
    const id = created.drill as string;
    expect(id, JSON.stringify(created)).toBeTruthy();
    const evaluator = new TerminalClient(wsUrl, linkOf(created, 'evaluator'));
    evaluator.connect();
    await evaluator.waitFor((m) => m.t === 'frame', 30_000, 'the first frame', true);
    // One during the run (a command in the log), one after the end (an evaluation).
    const during = await evaluator.command('recordObservation', { text: 'during the run, keyed' }, { key: 'ev-run-1' });
    if (!during.ok) throw new Error(`refused: ${during.error}`);
    expect(during.tSec).toBeLessThan(1800);
    await api(port, first.adminToken, 'POST', `api/drills/${id}/control`, { action: 'resume' });
    await evaluator.waitFor((m) => m.t === 'ended', 60_000, 'the end', true);
    const late = await evaluator.command('recordObservation', { text: 'late, keyed' }, { key: 'ev-late-1' });
    expect(late).toMatchObject({ ok: true, tSec: 1800 });
    expect(await evaluator.command('recordObservation', { text: 'late, keyed' }, { key: 'ev-late-1' })).toMatchObject({ ok: true, tSec: 1800 });

    const joins = evaluator.joins;
    await kill(first, 'SIGKILL');
    const second = await start(port, dataDir);
    // The terminal reconnects by itself; its join reopens the ended drill from its log.
    await rejoined(evaluator, joins, 'the reconnection after the restart');
    await evaluator.waitFor((m) => m.t === 'ended' && evaluator.messages.lastIndexOf(m) > evaluator.messages.map((x) => x.t).lastIndexOf('welcome'), 30_000, 'the end state after the rejoin', true);
    await lineOf(second, (l) => l.includes(`drill ${id} reopened`));
    expect(second.stderr.filter((l) => l.includes(`drill ${id} reopened`)), second.stderr.join('\n')).toHaveLength(1);
    // Both sent again: the late one gets its ack, the one from the run its own second (not a late evaluation at the end's).
    expect(await evaluator.command('recordObservation', { text: 'late, keyed' }, { key: 'ev-late-1' })).toMatchObject({ ok: true, tSec: 1800 });
    expect(await evaluator.command('recordObservation', { text: 'during the run, keyed' }, { key: 'ev-run-1' })).toMatchObject({ ok: true, tSec: during.tSec });
    expect(await evaluator.command('recordObservation', { text: 'late, another key' }, { key: 'ev-late-2' })).toMatchObject({ ok: true, tSec: 1800 });

    const exercise = await evaluator.ask('exercise');
    expect(exercise.ok && (exercise.value as Exercise).observations.map((o) => o.text)).toEqual(['during the run, keyed', 'late, keyed', 'late, another key']);
    const { log } = (await api(port, second.adminToken, 'GET', `api/drills/${id}/log`)) as { log: LogEntry[] };
    expect(log.filter((e) => e.kind === 'evaluation').map((e) => [e.body.command!.args.text, e.body.from?.key])).toEqual([
      ['late, keyed', 'ev-late-1'],
      ['late, another key', 'ev-late-2'],
    ]);
    expect(keyed(log, 'ev-run-1').map((e) => [e.kind, e.tSec])).toEqual([['command', during.tSec]]);
    evaluator.close();
    await kill(second, 'SIGTERM');
  });
});

describe.skipIf(!services)('exactly-once commands across two processes sharing PostgreSQL and Redis', () => {
  it('a keyed command relayed to the owner, sent again through the other process before and after kill -9 of the owner, is acked with its first second and logged once', async () => {
    const [portA, portB] = [await freePort(), await freePort()];
    const env = { DRILLTWIN_LEASE_MS: '1500' };
    const a = await spawnSharedServer(portA, schema, tracked, env);
    const b = await spawnSharedServer(portB, schema, tracked, env);
    // Created on A, so A owns it; the terminal is on B, relayed to A.
    const { id, created, terminal: cmcc } = await drillWithTerminal(portA, a.adminToken, `ws://127.0.0.1:${portB}/ws`, 'cmcc', { seed: 9, untilSec: 6 * 3600, speed: 2000, seats: { cmcc: 'person' } }, () => a.stderr.join('\n'));
    await cmcc.reach(900);
    const first = await cmcc.command('setEmergencyRoaming', { enabled: true }, { key: 'relayed-1' });
    if (!first.ok) throw new Error(`refused: ${first.error}`);
    await cmcc.reach(first.tSec + 120);
    // Through B to A again: the key travels with the relayed command.
    expect(await cmcc.command('setEmergencyRoaming', { enabled: true }, { key: 'relayed-1' })).toMatchObject({ ok: true, tSec: first.tSec });

    const joins = cmcc.joins;
    a.proc.kill('SIGKILL');
    await rejoined(cmcc, joins, 'the rejoin on B after the take-over');
    expect(await lineOf(b, (l) => l.includes(`drill ${id} taken over`)), b.stderr.join('\n')).toMatch(/ from its log at T\+\d+ s \(0 hashes differ;/);
    expect((await frameAfterLastWelcome(cmcc)).tSec).toBeGreaterThan(first.tSec);
    // B rebuilt the drill, and its keys, from the log A wrote.
    expect(await cmcc.command('setEmergencyRoaming', { enabled: true }, { key: 'relayed-1' })).toMatchObject({ ok: true, tSec: first.tSec });
    const after = await cmcc.command('setEmergencyRoaming', { enabled: false }, { key: 'on-b-1' });
    if (!after.ok) throw new Error(`refused: ${after.error}`);

    const { log } = (await api(portB, b.adminToken, 'GET', `api/drills/${id}/log`)) as { log: LogEntry[] };
    expect(log.filter((e) => e.kind === 'command' && e.body.command!.seat === 'cmcc').map((e) => [e.tSec, e.body.from?.key])).toEqual([
      [first.tSec, 'relayed-1'],
      [after.tSec, 'on-b-1'],
    ]);
    cmcc.close();
    b.proc.kill('SIGKILL');
  });
});
