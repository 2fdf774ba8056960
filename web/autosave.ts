// Autosave of the drill in progress, in the browser's IndexedDB: the drill
// log (scenario reference, seed, command log, doctrine seats — everything a
// replay needs) plus where the console was (seat, which scenario). After a
// refresh or a crash the console offers to pick the drill up where it was.
// One record, replaced on every save; cleared when the drill is deliberately
// thrown away (restart, another scenario).
import type { DrillFile } from '../workers/session-host.ts';

const DB = 'drilltwin';
const STORE = 'autosave';
const KEY = 'current';

export interface Autosave {
  /** Wall-clock time of the save, ms since the epoch. */
  savedAtMs: number;
  /** The shipped scenario's id; null for a dropped scenario (its files are not kept). */
  shippedId: string | null;
  seat: string;
  drill: DrillFile;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function run<T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = fn(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

export function writeAutosave(save: Autosave): Promise<unknown> {
  return run('readwrite', (s) => s.put(save, KEY));
}

export async function readAutosave(): Promise<Autosave | null> {
  try {
    const value = (await run('readonly', (s) => s.get(KEY))) as Autosave | undefined;
    return value && typeof value === 'object' && value.drill ? value : null;
  } catch {
    return null; // no IndexedDB (private mode, policy): nothing to recover
  }
}

export function clearAutosave(): Promise<unknown> {
  return run('readwrite', (s) => s.delete(KEY)).catch(() => undefined);
}
