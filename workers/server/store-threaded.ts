// The embedded log as the server's main thread uses it: every call goes to
// the log writer's thread (store-thread.ts) and comes back as a promise, so
// a slow fsync never blocks the sockets.
import { Worker } from 'node:worker_threads';
import type { DrillRecord, DrillStatus, DrillStore, LogEntry, LogKind, StoredSnapshot } from './store.ts';
import type { StoreAnswer } from './store-thread.ts';

export class ThreadedSqliteStore implements DrillStore {
  readonly kind = 'sqlite';
  private nextId = 1;
  private readonly waiting = new Map<number, { done: (v: unknown) => void; fail: (e: Error) => void }>();

  private constructor(private readonly worker: Worker) {
    worker.on('message', (a: StoreAnswer) => {
      const w = this.waiting.get(a.id);
      this.waiting.delete(a.id);
      if (a.error !== undefined) w?.fail(new Error(a.error));
      else w?.done(a.value);
    });
    // The log is gone: nothing waiting for it will be answered, and nothing may be acknowledged.
    worker.on('error', (err) => {
      for (const w of this.waiting.values()) w.fail(err);
      this.waiting.clear();
    });
  }

  static async open(dataDir: string): Promise<ThreadedSqliteStore> {
    const worker = new Worker(new URL('./store-thread.mjs', import.meta.url), { workerData: { dataDir }, name: 'drill-log' });
    await new Promise<void>((done, fail) => {
      const onError = (err: Error) => fail(err);
      worker.once('error', onError);
      worker.once('message', () => {
        worker.off('error', onError);
        done();
      });
    });
    return new ThreadedSqliteStore(worker);
  }

  private call<T>(method: string, ...args: unknown[]): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((done, fail) => {
      this.waiting.set(id, { done: done as (v: unknown) => void, fail });
      this.worker.postMessage({ id, method, args });
    });
  }

  getMeta = (key: string) => this.call<string | null>('getMeta', key);
  initMeta = (key: string, value: string) => this.call<string>('initMeta', key, value);
  createDrill = (drill: DrillRecord, owner: string) => this.call<void>('createDrill', drill, owner);
  getDrill = (id: string) => this.call<DrillRecord | null>('getDrill', id);
  listDrills = () => this.call<DrillRecord[]>('listDrills');
  setStatus = (id: string, status: DrillStatus) => this.call<void>('setStatus', id, status);
  append = (drillId: string, entry: LogEntry, owner: string) => this.call<void>('append', drillId, entry, owner);
  readLog = (drillId: string, kind?: LogKind) => this.call<LogEntry[]>('readLog', drillId, kind);
  putReport = (drillId: string, finalStateHash: string, report: string, wallMs: number) => this.call<void>('putReport', drillId, finalStateHash, report, wallMs);
  getReport = (drillId: string) => this.call<string | null>('getReport', drillId);
  claim = (drillId: string, owner: string, staleBeforeMs: number) => this.call<boolean>('claim', drillId, owner, staleBeforeMs);
  heartbeat = (owner: string) => this.call<string[]>('heartbeat', owner);
  ownerOf = (drillId: string) => this.call<string | null>('ownerOf', drillId);
  putSnapshot = (drillId: string, snap: StoredSnapshot) => this.call<void>('putSnapshot', drillId, snap);
  latestSnapshot = (drillId: string, atOrBeforeSec: number) => this.call<StoredSnapshot | null>('latestSnapshot', drillId, atOrBeforeSec);

  async close(): Promise<void> {
    await this.call<void>('close');
    await this.worker.terminate();
  }
}
