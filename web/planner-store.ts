// The planner's rows kept in the browser (IndexedDB), so a sweep stopped or
// cut off by a refresh resumes where it was, as `drilltwin sweep` resumes
// from its runs.jsonl. A row is stored under what makes it reusable: the
// variant's scenario hash, the run's length and the target profile, then the
// variant's name and the seed; a row of a changed variant is never reused.
import type { SweepRow } from '../src/sweep/rows.ts';
import { inStore } from './idb.ts';

const DB = 'drilltwin-planner';
const STORE = 'rows';

export const storedKey = (sha: string, untilSec: number, profileId: string | null, variant: string, seed: number): string =>
  [sha, untilSec, profileId ?? '', variant, seed].join('\u0000');

const tx = <T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T> | void) => inStore(DB, STORE, mode, fn);

/** The stored rows among the keys asked for (none when IndexedDB is unavailable: private mode, policy). */
export async function readRows(keys: string[]): Promise<Map<string, SweepRow>> {
  const found = new Map<string, SweepRow>();
  try {
    await tx('readonly', (store) => {
      for (const key of keys) {
        const req = store.get(key);
        req.onsuccess = () => {
          if (req.result) found.set(key, req.result as SweepRow);
        };
      }
    });
  } catch {
    // nothing stored is as good as nothing found
  }
  return found;
}

export function writeRow(key: string, row: SweepRow): Promise<unknown> {
  return tx('readwrite', (store) => store.put(row, key)).catch(() => undefined);
}

export function clearRows(): Promise<unknown> {
  return tx('readwrite', (store) => store.clear()).catch(() => undefined);
}
