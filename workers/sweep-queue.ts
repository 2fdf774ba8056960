// A sweep spread over many machines with BullMQ on Redis. The producer
// (`drilltwin sweep --queue redis://…`) puts the sweep's spec in Redis once —
// every scenario file the variants read, the variants, the target profile —
// and adds one job per shard (one variant × a block of seeds). Workers
// (`drilltwin sweep-worker --queue redis://…`, any number, on any machine that
// reaches Redis) run a shard's seeds and write each row into one Redis hash
// keyed by (variant, seed) as it finishes. Rows are idempotent: a seed already
// in the hash is skipped, and writing a row twice writes the same field, so a
// shard retried after a worker died (BullMQ moves a job whose worker stopped
// renewing its lock back to the queue) adds neither a duplicate nor a gap.
// The producer collects rows from the hash into runs.jsonl as they appear,
// and a producer started again on the same sweep picks up the rows already
// there. The summary is then the local sweep's, from the same rows.
import { createHash } from 'node:crypto';
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { ScenarioFiles } from '../src/scenario/load.ts';
import { memoryScenarioFiles } from '../src/scenario/memory-files.ts';
import type { TargetProfile } from '../src/scoring/profile.ts';
import { rowKey, rowRunner, type RowTask, type SweepRow, type Variant } from '../src/sweep/index.ts';

export const DEFAULT_QUEUE_NAME = 'drilltwin-sweep';
/** Seeds per shard: big enough that queue overhead is small next to the runs, small enough that a lost shard costs little. */
export const DEFAULT_SHARD_SEEDS = 10;

/** Everything a worker needs to run any shard of one sweep, stored once in Redis. */
export interface SweepSpec {
  scenarioId: string;
  mainName: string;
  /** Every file the scenario and its variants read, by the path the loader asked for. */
  texts: Record<string, string>;
  variantsFile: string;
  variants: Variant[];
  untilSec: number;
  profile: TargetProfile | null;
}

export interface ShardJob {
  sweepId: string;
  variant: string;
  seeds: number[];
}

/** Scenario files that remember every text read through them (the spec workers load from). */
export function recordingFiles(inner: ScenarioFiles): { files: ScenarioFiles; texts: Record<string, string> } {
  const texts: Record<string, string> = {};
  const files: ScenarioFiles = {
    ...inner,
    size: (p) => inner.size(p),
    read: (p) => (texts[p] = inner.read(p)),
  };
  return { files, texts };
}

/** The sweep's id: the same spec gives the same id, so a producer started again finds its rows. */
export function sweepIdOf(spec: SweepSpec): string {
  return createHash('sha256').update(JSON.stringify(spec)).digest('hex').slice(0, 16);
}

const keys = (queueName: string, sweepId: string) => ({ spec: `drilltwin:${queueName}:${sweepId}:spec`, rows: `drilltwin:${queueName}:${sweepId}:rows` });

function connection(url: string): Redis {
  // BullMQ's workers block on Redis: they need commands never to give up retrying.
  return new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
}

/** Refuses a URL that is not redis:// or rediss://, naming the option. */
export function checkQueueUrl(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') return `--queue: "${url}" is not a redis:// or rediss:// URL`;
    return null;
  } catch {
    return `--queue: "${url}" is not a URL, expected redis://HOST:PORT`;
  }
}

/** Null when Redis answers at the URL, else why not (one try, a few seconds at most). */
export async function redisProblem(url: string): Promise<string | null> {
  const r = new Redis(url, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  r.on('error', () => undefined);
  try {
    await r.connect();
    await r.ping();
    return null;
  } catch (err) {
    return `--queue: no Redis answers at ${url} (${err instanceof Error ? err.message : 'connection failed'})`;
  } finally {
    r.disconnect();
  }
}

export interface ProduceOptions {
  url: string;
  queueName: string;
  spec: SweepSpec;
  /** (variant, seed) pairs still to run. */
  tasks: { variant: string; seed: number }[];
  shardSeeds: number;
  onRow: (row: SweepRow) => void;
  /** How long to wait with no new row and no worker on the queue before giving up (ms). */
  idleTimeoutMs?: number;
  wallClockMs: () => number;
  log: (s: string) => void;
}

/** Adds the shards, then collects rows until every task has one. Throws when a shard fails for good. */
export async function produceOnQueue(o: ProduceOptions): Promise<void> {
  const redis = connection(o.url);
  const queueConnection = connection(o.url);
  const queue = new Queue<ShardJob>(o.queueName, { connection: queueConnection });
  try {
    const sweepId = sweepIdOf(o.spec);
    const k = keys(o.queueName, sweepId);
    await redis.set(k.spec, JSON.stringify(o.spec), 'EX', 7 * 86_400);
    const pending = new Set(o.tasks.map((t) => rowKey(t.variant, t.seed)));
    const collect = async () => {
      const wanted = [...pending];
      for (let i = 0; i < wanted.length; i += 500) {
        const chunk = wanted.slice(i, i + 500);
        const values = await redis.hmget(k.rows, ...chunk);
        values.forEach((text, j) => {
          if (text === null) return;
          pending.delete(chunk[j]);
          o.onRow(JSON.parse(text) as SweepRow);
        });
      }
    };
    await collect(); // rows a previous producer's workers already wrote
    // Shards of the remaining seeds, variant by variant.
    const byVariant = new Map<string, number[]>();
    for (const t of o.tasks) if (pending.has(rowKey(t.variant, t.seed))) byVariant.set(t.variant, [...(byVariant.get(t.variant) ?? []), t.seed]);
    const jobs: { name: string; data: ShardJob; opts: object }[] = [];
    for (const [variant, seeds] of byVariant) {
      for (let i = 0; i < seeds.length; i += o.shardSeeds) {
        const block = seeds.slice(i, i + o.shardSeeds);
        jobs.push({
          name: 'shard',
          data: { sweepId, variant, seeds: block },
          // The id makes adding the same shard twice (a producer started again) a no-op while it is queued.
          opts: { jobId: `${sweepId}-${variant}-${block[0]}-${block[block.length - 1]}`, attempts: 5, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: true, removeOnFail: 1000 },
        });
      }
    }
    for (let i = 0; i < jobs.length; i += 500) await queue.addBulk(jobs.slice(i, i + 500) as never);
    o.log(`queued ${jobs.length} shard${jobs.length === 1 ? '' : 's'} of sweep ${sweepId} on ${o.queueName}; start workers with: drilltwin sweep-worker --queue ${o.url}${o.queueName === DEFAULT_QUEUE_NAME ? '' : ` --queue-name ${o.queueName}`}`);

    let lastProgressMs = o.wallClockMs();
    let before = pending.size;
    while (pending.size > 0) {
      await new Promise((r) => setTimeout(r, 300));
      await collect();
      if (pending.size < before) {
        before = pending.size;
        lastProgressMs = o.wallClockMs();
      }
      const failed = (await queue.getFailed(0, 1000)).filter((j) => j.data?.sweepId === sweepId && j.attemptsMade >= (j.opts.attempts ?? 1));
      if (failed.length) throw new Error(`shard ${failed[0].data.variant} seeds ${failed[0].data.seeds[0]}…${failed[0].data.seeds.at(-1)} failed ${failed[0].attemptsMade} times: ${failed[0].failedReason}`);
      if (o.idleTimeoutMs !== undefined && o.wallClockMs() - lastProgressMs > o.idleTimeoutMs) {
        const workers = await queue.getWorkersCount();
        if (workers === 0) throw new Error(`no row for ${Math.round(o.idleTimeoutMs / 1000)} s and no worker on ${o.queueName}; ${pending.size} runs left (start drilltwin sweep-worker, then run this again: it resumes)`);
        lastProgressMs = o.wallClockMs();
      }
    }
  } finally {
    await queue.close();
    // A connection handed to BullMQ is the caller's to close.
    queueConnection.disconnect();
    redis.disconnect();
  }
}

/** Row runners by sweep (each keeps its variants' worlds for the worker's later shards): the CLI's and the page's row code. */
const runners = new Map<string, (task: RowTask) => SweepRow>();

function runnerFor(sweepId: string, spec: SweepSpec, clockMs: () => number): (task: RowTask) => SweepRow {
  const known = runners.get(sweepId);
  if (known) return known;
  if (runners.size > 16) runners.clear(); // a worker that has served many sweeps keeps only recent worlds
  const run = rowRunner(() => memoryScenarioFiles(spec.scenarioId, spec.texts, spec.mainName), spec.variantsFile, clockMs);
  runners.set(sweepId, run);
  return run;
}

export interface WorkerOptions {
  url: string;
  queueName: string;
  /** Lock on a shard while it runs; a worker that stops renewing it (killed) loses the shard to another after about this long. */
  lockMs: number;
  clockMs: () => number;
  log: (s: string) => void;
}

/** Runs shards until closed; resolves with the worker so the caller can close it on a signal. */
export function startSweepWorker(o: WorkerOptions): { close: () => Promise<void>; done: Promise<void> } {
  const redis = connection(o.url);
  const workerConnection = connection(o.url);
  const specs = new Map<string, SweepSpec>();
  const worker = new Worker<ShardJob>(
    o.queueName,
    async (job: Job<ShardJob>) => {
      const { sweepId, variant: name, seeds } = job.data;
      const k = keys(o.queueName, sweepId);
      let spec = specs.get(sweepId);
      if (!spec) {
        const text = await redis.get(k.spec);
        if (text === null) throw new Error(`sweep ${sweepId}: its spec is gone from Redis (expired or deleted); run the producer again`);
        spec = JSON.parse(text) as SweepSpec;
        specs.set(sweepId, spec);
      }
      const variant = spec.variants.find((v) => v.name === name);
      if (!variant) throw new Error(`sweep ${sweepId}: no variant "${name}" in its spec`);
      const run = runnerFor(sweepId, spec, o.clockMs);
      o.log(`shard ${job.id}: ${seeds.length} seeds of ${name}`);
      let done = 0;
      for (const seed of seeds) {
        const field = rowKey(name, seed);
        if (!(await redis.hexists(k.rows, field))) {
          const row = run({ variant, seed, untilSec: spec.untilSec, profile: spec.profile });
          await redis.hset(k.rows, field, JSON.stringify(row));
          o.log(`row ${name} ${seed}`);
        }
        await job.updateProgress(Math.round((100 * ++done) / seeds.length));
      }
      return seeds.length;
    },
    { connection: workerConnection, concurrency: 1, lockDuration: o.lockMs, stalledInterval: Math.max(1000, Math.round(o.lockMs / 2)), maxStalledCount: 5 },
  );
  worker.on('failed', (job, err) => o.log(`shard ${job?.id ?? '?'} failed: ${err.message}`));
  let closed: () => void;
  const done = new Promise<void>((r) => (closed = r));
  return {
    done,
    close: async () => {
      await worker.close();
      workerConnection.disconnect();
      redis.disconnect();
      closed();
    },
  };
}
