// Two drill-server processes on loopback sharing PostgreSQL (the log) and
// Redis (terminals relayed to the drill's owner): a terminal connected to the
// process that does not own its drill plays it all the same; kill -9 the
// owner and the other process takes the drill over from the log once the
// owner's lease (1.5 s here) runs out, and both terminals carry on: the one
// on the other process, and the one on the dead owner, which reconnects to
// the other process (the welcome names every live process). Skipped where
// PostgreSQL or Redis is not running (the embedded default needs neither).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import type { ServerMessage } from '../../workers/server/protocol.ts';
import { freePort } from '../../workers/server/spawn-server.ts';
import { TerminalClient } from '../../workers/server/terminal-client.ts';
import { cleanUpAfterAll, sharedServicesUp, spawnSharedServer } from './helpers.ts';

const services = await sharedServicesUp();

const LEASE_MS = 1500;
const schema = `dt_test_${process.pid}_${Date.now().toString(36)}`;
const tracked = cleanUpAfterAll(services ? schema : null);
const { dirs } = tracked;

const startProcess = (port: number) => spawnSharedServer(port, schema, tracked, { DRILLTWIN_LEASE_MS: String(LEASE_MS) });

/** Two processes sharing the schema; A is started first. */
async function startPair() {
  const [portA, portB] = [await freePort(), await freePort()];
  const a = await startProcess(portA);
  const b = await startProcess(portB);
  return { portA, portB, a, b };
}

/** A JSON API call to the process on `port`. */
async function api(port: number, token: string, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`http://127.0.0.1:${port}/${path}`, { method, headers: { authorization: `Bearer ${token}` }, body: body === undefined ? undefined : JSON.stringify(body) });
  return res.json();
}

describe.skipIf(!services)('two server processes sharing PostgreSQL and Redis', () => {
  it('a terminal on the other process plays the drill, and after kill -9 of the owner the other takes it over from the log', async () => {
    const { portA, portB, a, b } = await startPair();

    // Created on A, so A owns it; B knows it from the shared store.
    const created = await api(portA, a.adminToken, 'POST', 'api/drills', { scenario: 'jishishan-2023', seed: 9, untilSec: 6 * 3600, speed: 2000, paused: true, seats: { cmcc: 'person', power: 'person' } });
    const id = created.drill as string;
    expect(id, JSON.stringify(created) + a.stderr.join('\n')).toBeTruthy();
    expect((await api(portB, b.adminToken, 'GET', 'api/drills')).drills.map((d: { drill: string }) => d.drill)).toContain(id);
    const cmccToken = created.links.find((l: { seat: string }) => l.seat === 'cmcc').token;
    const cmcc = new TerminalClient(`ws://127.0.0.1:${portB}/ws`, cmccToken);
    cmcc.connect();
    await cmcc.waitFor((m) => m.t === 'frame', 30_000, 'the first frame through B', true);
    expect(cmcc.messages[0]).toMatchObject({ t: 'welcome', drill: id, seat: 'cmcc' });
    // The power company's terminal is on A, the owner; its welcome names both processes.
    const powerToken = created.links.find((l: { seat: string }) => l.seat === 'power').token;
    const power = new TerminalClient(`ws://127.0.0.1:${portA}/ws`, powerToken);
    power.connect();
    const welcome = await power.waitFor<Extract<ServerMessage, { t: 'welcome' }>>((m) => m.t === 'welcome', 30_000, 'the welcome on A', true);
    expect(new Set(welcome.peers)).toEqual(new Set([`ws://127.0.0.1:${portA}/ws`, `ws://127.0.0.1:${portB}/ws`]));

    await api(portA, a.adminToken, 'POST', `api/drills/${id}/control`, { action: 'resume' }).catch((e) => {
      throw new Error(`A: ${a.proc.exitCode} ${a.stderr.join('\n')}\nB: ${b.stderr.join('\n')}`);
    });
    await cmcc.reach(1800);
    const acked: { tSec: number }[] = [];
    for (const enabled of [true, false, true]) {
      const ack = await cmcc.command('setEmergencyRoaming', { enabled });
      expect(ack.ok).toBe(true);
      if (ack.ok) acked.push({ tSec: ack.tSec });
    }
    await cmcc.reach(2 * 3600);

    const powerAck = await power.command('setPrioritySupply', { enabled: true });
    expect(powerAck.ok).toBe(true);
    if (powerAck.ok) acked.push({ tSec: powerAck.tSec });

    // An evaluator on B (not the owner): its observation and its read-outs are relayed to A and back.
    const evaluator = new TerminalClient(`ws://127.0.0.1:${portB}/ws`, created.links.find((l: { seat: string }) => l.seat === 'evaluator').token);
    evaluator.connect();
    await evaluator.waitFor((m) => m.t === 'frame', 30_000, "the evaluator's first frame through B", true);
    const observed = await evaluator.command('recordObservation', { text: 'power asked for priority supply' });
    if (!observed.ok) throw new Error(`the observation was refused: ${observed.error}`);
    const relayedScore = await evaluator.ask('score');
    expect(relayedScore).toMatchObject({ ok: true, what: 'score', value: { ok: true, evaluation: expect.any(Object) } });
    expect(await cmcc.ask('score')).toMatchObject({ ok: false, code: 'controlCellOnly' });

    a.proc.kill('SIGKILL');
    const killedAt = Date.now();
    // B notices A's lease has run out, claims the drill, rebuilds it from the log; the
    // terminal on B rejoins there, and the one on A reconnects to B by itself.
    await cmcc.waitFor((m) => m.t === 'welcome', 40_000, 'the rejoin on B', cmcc.joins >= 2);
    await power.waitFor((m) => m.t === 'welcome', 40_000, "the power terminal's rejoin on B", power.joins >= 2);
    console.log(`take-over: both terminals rejoined ${Date.now() - killedAt} ms after the kill (lease ${LEASE_MS} ms); ${b.stderr.find((l) => l.includes("taken over"))}`);
    expect(power.connectedUrl).toBe(`ws://127.0.0.1:${portB}/ws`);
    expect(b.stderr.join('\n')).toMatch(new RegExp(`drill ${id} taken over from its log at T\\+\\d+ s \\(0 hashes differ;`));
    // From the latest snapshot A had stored in PostgreSQL (every 30 simulated minutes; the kill came after T+2 h).
    expect(b.stderr.join('\n')).toMatch(new RegExp(`drill ${id} taken over from its log at T\\+\\d+ s \\(0 hashes differ; from the snapshot at T\\+\\d+ s`));
    // B rebuilt the drill from the log, the evaluator's observation among it.
    await evaluator.waitFor((m) => m.t === 'welcome', 40_000, "the evaluator's rejoin", evaluator.joins >= 2);
    // The observation is stamped for the second after the last step A asked for, which can be past
    // A's last checkpoint: B then has it queued, as A had, and shows it once the drill reaches that
    // second. A frame that late, from either process, says the drill is there (a checkpoint is
    // logged before any frame naming its time, so B rebuilt at least that far).
    await evaluator.waitFor((m) => m.t === 'frame' && (m.frame as { tSec: number }).tSec >= observed.tSec, 40_000, `T+${observed.tSec} on B`, true);
    const rebuilt = await evaluator.ask('exercise');
    expect(rebuilt.ok && (rebuilt.value as { observations: { text: string }[] }).observations.map((o) => o.text)).toEqual(['power asked for priority supply']);
    const after = await cmcc.command('setEmergencyRoaming', { enabled: false });
    expect(after.ok).toBe(true);
    const powerAfter = await power.command('setPrioritySupply', { enabled: false });
    expect(powerAfter.ok).toBe(true);
    await api(portB, b.adminToken, 'POST', `api/drills/${id}/control`, { action: 'speed', speed: 20_000 });
    await cmcc.waitFor((m) => m.t === 'ended', 60_000, 'the end', true);

    const { log } = await api(portB, b.adminToken, 'GET', `api/drills/${id}/log`);
    const commands = log.filter((e: { kind: string }) => e.kind === 'command').map((e: { body: { command: { tSec: number; seat: string } } }) => e.body.command);
    for (const ack of [...acked, after.ok ? { tSec: after.tSec } : null, powerAfter.ok ? { tSec: powerAfter.tSec } : null]) expect(commands.some((c: { tSec: number; seat: string }) => c.tSec === ack!.tSec)).toBe(true);
    const report = await api(portB, b.adminToken, 'GET', `api/drills/${id}/report`);
    const file = join(dirs[0], 'report.json');
    writeFileSync(file, JSON.stringify(report));
    expect(await main(['replay', file], { log: () => {}, err: () => {} })).toBe(0);
    cmcc.close();
    power.close();
    evaluator.close();
    // Gone before the next test, whose drill it could otherwise take over.
    b.proc.kill('SIGKILL');
  });

  it('an ended drill: an evaluator on the other process is relayed to its owner, and after kill -9 of the owner the other reopens it, at its final hash, for more late evaluations', async () => {
    const { portA, portB, a, b } = await startPair();
    const created = await api(portA, a.adminToken, 'POST', 'api/drills', { scenario: 'jishishan-2023', seed: 6, untilSec: 1800, speed: 100_000, paused: true });
    const id = created.drill as string;
    const evaluatorToken = created.links.find((l: { seat: string }) => l.seat === 'evaluator').token;
    await api(portA, a.adminToken, 'POST', `api/drills/${id}/control`, { action: 'resume' });
    const onA = new TerminalClient(`ws://127.0.0.1:${portA}/ws`, evaluatorToken);
    onA.connect();
    const ended = await onA.waitFor<Extract<ServerMessage, { t: 'ended' }>>((m) => m.t === 'ended', 60_000, 'the end', true);
    // Joining B after the end: relayed to A, which ran the drill and holds it; B does not open it too.
    const onB = new TerminalClient(`ws://127.0.0.1:${portB}/ws`, evaluatorToken);
    onB.connect();
    expect(await onB.waitFor((m) => m.t === 'ended', 30_000, 'the end, through B', true)).toEqual(ended);
    expect(await onB.command('recordObservation', { text: 'late 1, through B' })).toMatchObject({ ok: true, tSec: 1800 });
    expect(await onA.command('recordObservation', { text: 'late 2, on A' })).toMatchObject({ ok: true, tSec: 1800 });
    expect(b.stderr.join('\n')).not.toContain(`drill ${id} reopened`);

    a.proc.kill('SIGKILL');
    const killedAt = Date.now();
    // Both terminals find the drill on B: the one on A reconnects there, the one on B rejoins; B reopens the drill once the lease has run out.
    await onB.waitFor((m) => m.t === 'welcome', 40_000, 'the rejoin on B', onB.joins >= 2);
    await onA.waitFor((m) => m.t === 'welcome', 40_000, "the A terminal's rejoin on B", onA.joins >= 2);
    console.log(`ended drill reopened: both terminals back ${Date.now() - killedAt} ms after the kill (lease ${LEASE_MS} ms); ${b.stderr.find((l) => l.includes('reopened'))}`);
    expect(onA.connectedUrl).toBe(`ws://127.0.0.1:${portB}/ws`);
    expect(b.stderr.filter((l) => l.includes(`drill ${id} reopened`))).toEqual([expect.stringMatching(/at its end, T\+1800 s, for late evaluations \(.*, 0 differ,/)]);
    for (const c of [onA, onB]) expect((await c.waitFor<Extract<ServerMessage, { t: 'ended' }>>((m) => m.t === 'ended' && c.messages.lastIndexOf(m) > c.messages.map((x) => x.t).lastIndexOf('welcome'), 30_000, 'the end state after the rejoin', true)).finalStateHash).toBe(ended.finalStateHash);
    expect(await onB.command('recordObservation', { text: 'late 3, on B' })).toMatchObject({ ok: true, tSec: 1800 });
    expect(await onA.command('recordObservation', { text: 'late 4, from the A terminal on B' })).toMatchObject({ ok: true, tSec: 1800 });
    const x = await onB.ask('exercise');
    expect(x.ok && (x.value as { observations: { text: string }[] }).observations.map((o) => o.text)).toEqual(['late 1, through B', 'late 2, on A', 'late 3, on B', 'late 4, from the A terminal on B']);

    const { log } = await api(portB, b.adminToken, 'GET', `api/drills/${id}/log`);
    const entries = log as { seq: number; kind: string; body: Record<string, any> }[];
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
    expect(entries.filter((e) => e.kind === 'evaluation').map((e) => e.body.command.args.text)).toEqual(['late 1, through B', 'late 2, on A', 'late 3, on B', 'late 4, from the A terminal on B']);
    expect(entries.filter((e) => e.kind === 'control' && e.body.action === 'reopened').map((e) => e.body.mismatches)).toEqual([0]);
    expect((await api(portB, b.adminToken, 'GET', `api/drills/${id}/report`)).finalStateHash).toBe(ended.finalStateHash);
    onA.close();
    onB.close();
    b.proc.kill('SIGKILL');
  });

  // Running, the woken owner finds out at its next append (the fence refuses it); paused, it appends
  // nothing, and finds out at its next heartbeat (the drills it still owns).
  it.each(['running', 'paused'])('an owner that stalls past its lease (SIGSTOP) loses the drill to the other process, and writes nothing more to its log when it wakes (drill %s)', async (state) => {
    const { portA, portB, a, b } = await startPair();
    const created = await api(portA, a.adminToken, 'POST', 'api/drills', { scenario: 'jishishan-2023', seed: 12, untilSec: 4 * 3600, speed: 600, seats: { cmcc: 'person' } });
    const id = created.drill as string;
    const cmcc = new TerminalClient(`ws://127.0.0.1:${portA}/ws`, created.links.find((l: { seat: string }) => l.seat === 'cmcc').token);
    cmcc.connect();
    await cmcc.reach(600);
    expect((await cmcc.command('setEmergencyRoaming', { enabled: true })).ok).toBe(true);
    if (state === 'paused') await api(portA, a.adminToken, 'POST', `api/drills/${id}/control`, { action: 'pause' });

    // A stops (a long GC pause, a frozen VM): its lease runs out and B takes the drill over from the log.
    a.proc.kill('SIGSTOP');
    const taken = () => b.stderr.some((l) => l.includes(`drill ${id} taken over`));
    for (let i = 0; i < 300 && !taken(); i++) await new Promise((r) => setTimeout(r, 100));
    expect(taken(), b.stderr.join('\n')).toBe(true);
    // Every entry, whole: what A might write after the take-over would show as a changed or extra entry.
    const logAtTakeOver = (await api(portB, b.adminToken, 'GET', `api/drills/${id}/log`)).log as unknown[];
    // A wakes with the drill still in its hands: its next append is refused, so it lets the drill go.
    a.proc.kill('SIGCONT');
    const letGo = () => a.stderr.some((l) => l.includes(`drill ${id}: another server process owns it now`));
    for (let i = 0; i < 300 && !letGo(); i++) await new Promise((r) => setTimeout(r, 100));
    expect(letGo(), a.stderr.join('\n')).toBe(true);
    expect(a.stderr.join('\n')).not.toMatch(/log append failed|UNIQUE|duplicate key/);

    // The terminal on A was closed as "moved" and carries on at B (relayed through A, or straight there).
    await cmcc.waitFor((m) => m.t === 'welcome', 40_000, 'the rejoin', cmcc.joins >= 2);
    const after = await cmcc.command('setEmergencyRoaming', { enabled: false });
    expect(after.ok).toBe(true);
    await api(portB, b.adminToken, 'POST', `api/drills/${id}/control`, { action: 'speed', speed: 20_000 });
    if (state === 'paused') await api(portB, b.adminToken, 'POST', `api/drills/${id}/control`, { action: 'resume' });
    await cmcc.waitFor((m) => m.t === 'ended', 60_000, 'the end', true);

    // One history: every entry A wrote is from before the take-over, sequence numbers run without a gap,
    // the clock's checkpoints never go back, and the report written from the log replays.
    const { log } = await api(portB, b.adminToken, 'GET', `api/drills/${id}/log`);
    const entries = log as { seq: number; kind: string; tSec: number }[];
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
    expect(entries.slice(0, logAtTakeOver.length)).toEqual(logAtTakeOver);
    const checkpoints = entries.filter((e) => e.kind === 'checkpoint').map((e) => e.tSec);
    expect(checkpoints).toEqual([...checkpoints].sort((x, y) => x - y));
    const report = await api(portB, b.adminToken, 'GET', `api/drills/${id}/report`);
    expect(report.commands.filter((c: { seat: string }) => c.seat === 'cmcc').map((c: { args: { enabled: boolean } }) => c.args.enabled)).toEqual([true, false]);
    const file = join(dirs[0], 'stalled-report.json');
    writeFileSync(file, JSON.stringify(report));
    expect(await main(['replay', file], { log: () => {}, err: () => {} })).toBe(0);
    cmcc.close();
    a.proc.kill('SIGKILL');
    b.proc.kill('SIGKILL');
  });
});
