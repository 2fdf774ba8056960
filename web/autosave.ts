// Autosave of the drill in progress, in the browser's IndexedDB: the drill
// log (scenario reference, seed, command log, doctrine seats — everything a
// replay needs) plus where the console was (seat, which scenario). After a
// refresh or a crash the console offers to pick the drill up where it was.
// One record, replaced on every save; cleared when the drill is deliberately
// thrown away (restart, another scenario).
import type { DrillFile } from '../workers/session-host.ts';
import { inStore } from './idb.ts';

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

const run = <T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T>) => inStore(DB, STORE, mode, fn);

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
