// kill -9 the drill server mid-drill and start it again on the same data
// folder: the drill is rebuilt from its log at the same state hash, the
// terminals reconnect by themselves and carry on, no acknowledged command is
// lost, and the report at the end replays hash for hash. The drill comes back
// from its latest engine snapshot (kept every 30 simulated minutes) and
// replays only the commands after it, checking every hash logged after it.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import type { Frame } from '../../src/drill/channel.ts';
import type { ServerMessage } from '../../workers/server/protocol.ts';
import { freePort, spawnServer } from '../../workers/server/spawn-server.ts';
import { TerminalClient } from '../../workers/server/terminal-client.ts';

const startChild = (port: number, dataDir: string) => spawnServer({ port, dataDir, args: ['--max-speed', '100000'] });

const children: ChildProcess[] = [];
const dataDir = mkdtempSync(join(tmpdir(), 'drilltwin-recovery-'));
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('recovery after kill -9', () => {
  it('comes back at the same hash, with every acknowledged command, and the terminals carry on', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}/`;
    const first = await startChild(port, dataDir);
    children.push(first.proc);
    const api = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(base + path, { method, headers: { authorization: `Bearer ${first.adminToken}` }, body: body === undefined ? undefined : JSON.stringify(body) });
      return (await res.json()) as any;
    };
    const created = await api('POST', 'api/drills', { scenario: 'jishishan-2023', seed: 5, untilSec: 8 * 3600, speed: 3000, paused: true, seats: { cmcc: 'person', power: 'person' } });
    const id = created.drill as string;
    const token = (seat: string) => created.links.find((l: { seat: string }) => l.seat === seat).token as string;
    const cmcc = new TerminalClient(`ws://127.0.0.1:${port}/ws`, token('cmcc'));
    const power = new TerminalClient(`ws://127.0.0.1:${port}/ws`, token('power'));
    cmcc.connect();
    power.connect();
    await cmcc.waitFor((m) => m.t === 'frame', 20_000, 'the first frame', true);
    await power.waitFor((m) => m.t === 'frame', 20_000, 'the first frame', true);
    await api('POST', `api/drills/${id}/control`, { action: 'resume' });

    // Commands keep coming from both seats until the server dies.
    const acked: { seat: string; tSec: number; type: string; args: Record<string, unknown> }[] = [];
    let sending = true;
    const sender = (async () => {
      let i = 0;
      while (sending) {
        for (const [seat, c] of [['cmcc', cmcc], ['power', power]] as const) {
          if (c.ws?.readyState !== 1) continue;
          const type = seat === 'power' ? 'setPrioritySupply' : 'setEmergencyRoaming';
          const args = { enabled: i % 2 === 0 };
          void c.command(type, args).then((a) => {
            if (a.ok) acked.push({ seat, tSec: a.tSec, type, args });
          });
        }
        i++;
        await new Promise((r) => setTimeout(r, 40));
      }
    })();
    await cmcc.reach(2 * 3600 + 600);
    first.proc.kill('SIGKILL');
    await new Promise((r) => first.proc.once('exit', r));
    const seenBeforeKill = Math.max(cmcc.tSec, power.tSec);
    const ackedBeforeKill = acked.length;
    expect(ackedBeforeKill).toBeGreaterThan(5);

    const second = await startChild(port, dataDir);
    children.push(second.proc);
    const recovered = second.stderr.find((l) => l.includes(`drill ${id} recovered`));
    console.log(`recovery: ${recovered}`);
    expect(recovered, second.stderr.join('\n')).toMatch(/, 0 differ/);
    expect(recovered).toMatch(/from the snapshot at T\+\d+ s/);
    // Both terminals reconnect by themselves and get a fresh full picture where the drill resumed.
    await cmcc.waitFor((m) => m.t === 'welcome', 30_000, 'the reconnection', cmcc.joins >= 2);
    await power.waitFor((m) => m.t === 'welcome', 30_000, 'the reconnection', power.joins >= 2);
    const lastWelcome = cmcc.messages.map((m) => m.t).lastIndexOf('welcome');
    const afterWelcome = cmcc.messages.slice(lastWelcome);
    const fresh = (await new Promise<Frame>((done) => {
      const f = afterWelcome.find((m) => m.t === 'frame');
      if (f) return done((f as Extract<ServerMessage, { t: 'frame' }>).frame as Frame);
      void cmcc.waitFor((m) => m.t === 'frame').then((m) => done((m as Extract<ServerMessage, { t: 'frame' }>).frame as Frame));
    })) as Frame;
    expect(fresh.full).toBe(true);
    expect(fresh.tSec).toBeGreaterThanOrEqual(seenBeforeKill);

    // And carry on: commands after the restart are acknowledged too, and the drill runs to its end.
    await cmcc.reach(fresh.tSec + 1800);
    sending = false;
    await sender;
    expect(acked.length).toBeGreaterThan(ackedBeforeKill);
    await cmcc.waitFor((m) => m.t === 'ended', 60_000, 'the end', true);

    const api2 = async (path: string) => (await (await fetch(base + path, { headers: { authorization: `Bearer ${second.adminToken}` } })).json()) as any;
    const { log } = await api2(`api/drills/${id}/log`);
    const logged = new Set(log.filter((e: { kind: string }) => e.kind === 'command').map((e: { body: { command: object } }) => JSON.stringify(e.body.command)));
    for (const a of acked) expect(logged.has(JSON.stringify({ tSec: a.tSec, seat: a.seat, type: a.type, args: a.args })), JSON.stringify(a)).toBe(true);
    const resumed = log.find((e: { body: { action?: string } }) => e.body.action === 'recovered');
    expect(resumed.body).toMatchObject({ mismatches: 0 });
    expect(resumed.body.checked).toBeGreaterThan(0);
    // From a snapshot taken at or after T+2 h (the kill came after T+2 h 10 min), not from T0:
    // only the commands after it were replayed, and every hash logged after it was checked.
    expect(resumed.body.fromSnapshotSec).toBeGreaterThanOrEqual(2 * 3600);
    expect(resumed.body.fromSnapshotSec).toBeLessThanOrEqual(resumed.body.atSec);
    const loggedCommands = log.filter((e: { kind: string; seq: number }) => e.kind === 'command' && e.seq < resumed.seq);
    expect(resumed.body.replayedCommands).toBe(loggedCommands.filter((e: { body: { command: { tSec: number } } }) => e.body.command.tSec > resumed.body.fromSnapshotSec).length);
    expect(resumed.body.replayedCommands).toBeLessThan(loggedCommands.length);
    const hashedAfter = new Set(
      log
        .filter((e: { kind: string; seq: number; tSec: number }) => e.kind === 'checkpoint' && e.seq < resumed.seq && e.tSec >= resumed.body.fromSnapshotSec)
        .flatMap((e: { tSec: number; body: { hash?: string; hourly?: { tSec: number }[] } }) => [...(e.body.hash ? [e.tSec] : []), ...(e.body.hourly ?? []).map((h) => h.tSec)])
        .filter((t: number) => t >= resumed.body.fromSnapshotSec),
    );
    // Every logged hash after the snapshot, and the snapshot's own hash when no checkpoint logged one at its time.
    expect(resumed.body.checked - hashedAfter.size).toBeGreaterThanOrEqual(0);
    expect(resumed.body.checked - hashedAfter.size).toBeLessThanOrEqual(1);

    // The hashes the first process logged before it died are the ones a headless replay of the log reaches.
    const report = await api2(`api/drills/${id}/report`);
    // The live drill (resumed from the snapshot) ended at the hash of a straight run of the log from T0.
    const ended = cmcc.messages.find((m) => m.t === 'ended') as Extract<ServerMessage, { t: 'ended' }>;
    expect(ended.finalStateHash).toBe(report.finalStateHash);
    const replayed = new Map(report.stateHashes.map((h: { tSec: number; hash: string }) => [h.tSec, h.hash]));
    const loggedHourly = log.flatMap((e: { kind: string; body: { hourly?: { tSec: number; hash: string }[] } }) => (e.kind === 'checkpoint' ? (e.body.hourly ?? []) : []));
    expect(loggedHourly.filter((h: { tSec: number }) => h.tSec <= seenBeforeKill).length).toBeGreaterThanOrEqual(2);
    for (const h of loggedHourly) expect(replayed.get(h.tSec)).toBe(h.hash);
    const file = join(dataDir, 'report-copy.json');
    writeFileSync(file, JSON.stringify(report));
    const out: string[] = [];
    expect(await main(['replay', file], { log: (s) => out.push(s), err: (s) => out.push(s) })).toBe(0);
    cmcc.close();
    power.close();
    second.proc.kill('SIGTERM');
  });
});
