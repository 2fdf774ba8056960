// Scale-out over Redis: a producer and two worker processes on loopback, one
// worker killed with SIGKILL in the middle of a shard. The sweep must still
// finish, with every (variant, seed) row exactly once and the same summary as
// a local sweep of the same seeds. Skipped when no Redis answers on
// 127.0.0.1:6379 (CI starts one).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { captureOut, JISHISHAN, ROOT } from './helpers.ts';

const URL = 'redis://127.0.0.1:6379';

async function redisUp(): Promise<boolean> {
  const r = new Redis(URL, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

const up = await redisUp();
const dir = mkdtempSync(join(tmpdir(), 'drilltwin-queue-'));
const queueName = `drilltwin-test-${process.pid}`;
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
  if (!up) return;
  const queue = new Queue(queueName, { connection: { host: '127.0.0.1', port: 6379 } });
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  const r = new Redis(URL);
  const stale = await r.keys(`drilltwin:${queueName}:*`);
  if (stale.length) await r.del(...stale);
  r.disconnect();
});

/** A drilltwin process whose stderr lines are kept as they come. */
function drilltwin(args: string[]): { child: ChildProcess; lines: string[]; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'drilltwin.mjs'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const lines: string[] = [];
  let partial = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString('utf8')).split('\n');
    partial = parts.pop()!;
    lines.push(...parts);
  });
  child.stdout!.resume();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, lines, exited };
}

async function until(what: string, cond: () => boolean, timeoutMs: number): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe.skipIf(!up)('drilltwin sweep --queue (BullMQ on Redis)', () => {
  it('a worker killed mid-shard loses no row and duplicates none; the summary equals the local sweep', async () => {
    const variants = join(dir, 'variants.json');
    writeFileSync(variants, JSON.stringify({ format: 'drilltwin/variants@1', variants: [{ name: 'roaming', settings: { emergencyRoaming: true } }] }));
    const common = [JISHISHAN, '--variants', variants, '--seeds', '1..12', '--until', '12h'];
    const workerArgs = ['sweep-worker', '--queue', URL, '--queue-name', queueName, '--lock-sec', '3'];
    const a = drilltwin(workerArgs);
    const b = drilltwin(workerArgs);
    const producer = drilltwin(['sweep', ...common, '--queue', URL, '--queue-name', queueName, '--shard-seeds', '6', '--out', join(dir, 'queued')]);

    // Kill worker A once it is inside a shard: it has started one and written at least one of its rows, not all six.
    const rowsInShard = () => {
      const last = a.lines.map((l, i) => (l.startsWith('shard ') ? i : -1)).reduce((m, i) => Math.max(m, i), -1);
      return last < 0 ? -1 : a.lines.slice(last + 1).filter((l) => l.startsWith('row ')).length;
    };
    await until('worker A to be in the middle of a shard', () => rowsInShard() >= 1 && rowsInShard() < 6, 120_000);
    a.child.kill('SIGKILL');
    expect(await a.exited).toBe(null);

    expect(await Promise.race([producer.exited, new Promise((r) => setTimeout(() => r('timeout'), 240_000))])).toBe(0);
    b.child.kill('SIGTERM');
    await b.exited;
    // Worker B picked the dead worker's shard up again.
    expect(b.lines.filter((l) => l.startsWith('shard ')).length).toBeGreaterThanOrEqual(2);

    const queued = readFileSync(join(dir, 'queued', 'runs.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const keys = queued.map((r) => `${r.variant}/${r.seed}`);
    expect(keys.length).toBe(24);
    expect(new Set(keys).size).toBe(24);

    const local = captureOut();
    expect(await main(['sweep', ...common, '--workers', '2', '--quiet', '--out', join(dir, 'local')], local.io)).toBe(0);
    const localRows = readFileSync(join(dir, 'local', 'runs.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const hashOf = (rows: { variant: string; seed: number; finalStateHash: string }[]) => Object.fromEntries(rows.map((r) => [`${r.variant}/${r.seed}`, r.finalStateHash]));
    expect(hashOf(queued)).toEqual(hashOf(localRows));
    expect(JSON.parse(readFileSync(join(dir, 'queued', 'summary.json'), 'utf8'))).toEqual(JSON.parse(readFileSync(join(dir, 'local', 'summary.json'), 'utf8')));
  }, 400_000);
});
