// `drilltwin bench --server`: N concurrent drills with M terminals each
// against a real server process on loopback (the terminals run in this
// process, as they would on other computers). Figures, not pass/fail:
//   updateP95Ms  engine step finished (worker) → a terminal has the frame
//   ackP95Ms     command sent → its acknowledgement received (logged, fsynced)
//   scoreP95Ms   an evaluator's terminal asks for the live score (once a second,
//                as the console does) → the answer received
//   memoryPerDrillMb  server RSS with the drills running, less before, per drill
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEPARTMENTS } from '../../src/model/seats.ts';
import type { Frame } from '../../src/drill/channel.ts';
import { freePort, spawnServer, type ServerProcess } from './spawn-server.ts';
import { TerminalClient } from './terminal-client.ts';

type Out = { log(s: string): void; err(s: string): void };

function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** What each seat orders now and then (refused or not at the gate, each is logged and acknowledged). */
function benchCommand(seat: string, i: number): { type: string; args: Record<string, unknown> } {
  if (seat === 'power') return { type: 'setPrioritySupply', args: { enabled: i % 2 === 0 } };
  if (seat === 'emhq') return { type: 'setEmergencyRoaming', args: { enabled: i % 2 === 0 } };
  return { type: 'requestSupport', args: { kind: 'other', note: `bench ${seat} ${i}` } };
}

export async function serverBench(argv: string[], out: Out): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { json: { type: 'boolean' }, drills: { type: 'string' }, terminals: { type: 'string' }, evaluators: { type: 'string' }, seconds: { type: 'string' }, speed: { type: 'string' }, 'command-every': { type: 'string' } },
  });
  const drills = Number(values.drills ?? 10);
  const terminalsPerDrill = Math.min(Number(values.terminals ?? 9), DEPARTMENTS.length);
  const evaluatorsPerDrill = Number(values.evaluators ?? 1);
  const seconds = Number(values.seconds ?? 30);
  const speed = Number(values.speed ?? 60);
  const commandEveryMs = Number(values['command-every'] ?? 5000);
  const dataDir = mkdtempSync(join(tmpdir(), 'drilltwin-bench-server-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}/`;
  let server: ServerProcess | undefined;
  try {
    server = await spawnServer({ port, dataDir });
    const token = server.adminToken;
    const api = async (method: string, path: string, body?: unknown) => (await (await fetch(base + path, { method, headers: { authorization: `Bearer ${token}` }, body: body === undefined ? undefined : JSON.stringify(body) })).json()) as any;
    const rssBefore = (await api('GET', 'api/stats')).memory.rss as number;

    const updateMs: number[] = [];
    const ackMs: number[] = [];
    const scoreMs: number[] = [];
    let frames = 0;
    const clients: TerminalClient[] = [];
    const evaluators: TerminalClient[] = [];
    const seats = DEPARTMENTS.slice(0, terminalsPerDrill);
    const created: string[] = [];
    for (let d = 0; d < drills; d++) {
      out.err(`  creating drill ${d + 1} of ${drills}`);
      const body = await api('POST', 'api/drills', { scenario: 'jishishan-2023', seed: 7 + d, speed, paused: true, seats: Object.fromEntries(seats.map((s) => [s, 'person'])) });
      created.push(body.drill);
      for (const seat of seats) {
        const link = body.links.find((l: { seat: string }) => l.seat === seat).token;
        let measuring = false;
        const c = new TerminalClient(`ws://127.0.0.1:${port}/ws`, link, {
          keep: false,
          skimFrames: true,
          onMessage(m, atMs) {
            if (m.t !== 'frame') return;
            const f = m.frame as Frame;
            if (measuring && !f.full) {
              updateMs.push(atMs - m.stepAtMs);
              frames++;
            }
            measuring = true;
          },
        });
        c.connect();
        clients.push(c);
      }
      for (let k = 0; k < evaluatorsPerDrill; k++) {
        const e = new TerminalClient(`ws://127.0.0.1:${port}/ws`, body.links.find((l: { seat: string }) => l.seat === 'evaluator').token, { keep: false, skimFrames: true });
        e.connect();
        evaluators.push(e);
      }
    }
    await Promise.all([...clients, ...evaluators].map((c) => (c.tSec >= 0 ? null : c.waitFor((m) => m.t === 'frame', 60_000, 'the first frame'))));
    for (const id of created) await api('POST', `api/drills/${id}/control`, { action: 'resume' });
    out.err(`  ${drills} drills × ${terminalsPerDrill} terminals at ${speed}× for ${seconds} s`);
    await api('GET', 'api/stats?reset');
    const startedMs = Date.now();
    let rssPeak = 0;
    let i = 0;
    const stagger = commandEveryMs / clients.length;
    const commanding = clients.map((c, k) =>
      (async () => {
        await new Promise((r) => setTimeout(r, k * stagger));
        while (Date.now() - startedMs < seconds * 1000) {
          const cmd = benchCommand(seats[k % seats.length], i++);
          const sent = performance.now();
          const ack = await c.command(cmd.type, cmd.args);
          if (ack.ok) ackMs.push(performance.now() - sent);
          await new Promise((r) => setTimeout(r, commandEveryMs));
        }
      })(),
    );
    const scoring = evaluators.map((e, k) =>
      (async () => {
        await new Promise((r) => setTimeout(r, (k * 1000) / evaluators.length));
        while (Date.now() - startedMs < seconds * 1000) {
          const sent = performance.now();
          const answer = await e.ask('score');
          if (answer.ok) scoreMs.push(performance.now() - sent);
          await new Promise((r) => setTimeout(r, 1000));
        }
      })(),
    );
    while (Date.now() - startedMs < seconds * 1000) {
      await new Promise((r) => setTimeout(r, 1000));
      rssPeak = Math.max(rssPeak, (await api('GET', 'api/stats')).memory.rss);
    }
    await Promise.all([...commanding, ...scoring]);
    const stats = await api('GET', 'api/stats');
    for (const c of [...clients, ...evaluators]) c.close();
    const result = {
      node: process.version,
      server: {
        drills,
        terminalsPerDrill,
        speed,
        seconds,
        updateP95Ms: round1(percentile(updateMs, 95)),
        updateP50Ms: round1(percentile(updateMs, 50)),
        updateMaxMs: round1(Math.max(...updateMs)),
        ackP95Ms: round1(percentile(ackMs, 95)),
        ackP50Ms: round1(percentile(ackMs, 50)),
        evaluatorsPerDrill,
        scoreP95Ms: round1(percentile(scoreMs, 95)),
        scoreP50Ms: round1(percentile(scoreMs, 50)),
        scoreAnswers: scoreMs.length,
        frames,
        commands: ackMs.length,
        memoryPerDrillMb: round1((rssPeak - rssBefore) / drills / 2 ** 20),
        serverRssMb: round1(rssPeak / 2 ** 20),
        simulatedSecPerDrill: Math.min(...stats.drills.map((d: { clock: { tSec: number } }) => d.clock.tSec)),
        serverEventLoopDelayP99Ms: round1(stats.eventLoopDelayMs.p99),
        refusals: Object.values(stats.refusals as Record<string, number>).reduce((a, b) => a + b, 0),
      },
    };
    if (values.json) out.log(JSON.stringify(result, null, 2));
    else out.log(JSON.stringify(result, null, 2).replace(/[{}",]/g, '').replace(/\n\s*\n/g, '\n'));
    return 0;
  } finally {
    const proc = server?.proc;
    if (proc && proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}
