// The SQLite log in a thread of its own. better-sqlite3 is synchronous, and
// an fsync can take tens of milliseconds on a busy disk: on the main thread
// that would hold up every drill's frames and every terminal's acks. Here it
// holds up only the log. Appends that arrive together are committed together
// (one transaction, one fsync), in the order they arrived; any other call
// first commits what is waiting, so reads see every append made before them.
import { parentPort, workerData } from 'node:worker_threads';
import { NotOwnerError, SqliteStore, type LogEntry } from './store.ts';

export type StoreCall = { id: number; method: string; args: unknown[] };
export type StoreAnswer = { id: number; value?: unknown; error?: string };

const port = parentPort!;
const store = new SqliteStore((workerData as { dataDir: string }).dataDir);
let queue: { id: number; drillId: string; entry: LogEntry; owner: string }[] = [];
let scheduled = false;

function flush(): void {
  scheduled = false;
  if (queue.length === 0) return;
  const batch = queue;
  queue = [];
  let error: string | undefined;
  let refused = new Set<number>();
  try {
    refused = new Set(store.appendBatch(batch));
  } catch (err) {
    error = (err as Error).message;
  }
  batch.forEach((b, i) => port.postMessage({ id: b.id, error: error ?? (refused.has(i) ? new NotOwnerError(b.drillId, b.owner).message : undefined) } satisfies StoreAnswer));
}

port.on('message', async (call: StoreCall) => {
  if (call.method === 'append') {
    queue.push({ id: call.id, drillId: call.args[0] as string, entry: call.args[1] as LogEntry, owner: call.args[2] as string });
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
    return;
  }
  flush();
  try {
    const value = await (store as unknown as Record<string, (...a: unknown[]) => unknown>)[call.method](...call.args);
    port.postMessage({ id: call.id, value } satisfies StoreAnswer);
  } catch (err) {
    port.postMessage({ id: call.id, error: (err as Error).message } satisfies StoreAnswer);
  }
});
port.postMessage({ id: 0, value: 'ready' } satisfies StoreAnswer);
