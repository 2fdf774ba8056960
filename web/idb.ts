// One object store in the browser's IndexedDB, opened for each transaction and
// closed after it (the console's autosave and the planner's rows: a database
// held open would block a newer page's schema upgrade).

/** Runs `fn` in a transaction on `store` of database `db`; resolves with its request's result once the transaction commits. */
export async function inStore<T>(db: string, store: string, mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
  const conn = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(db, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(store);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  try {
    return await new Promise<T | undefined>((resolve, reject) => {
      const t = conn.transaction(store, mode);
      const req = fn(t.objectStore(store));
      t.oncomplete = () => resolve(req ? req.result : undefined);
      t.onerror = () => reject(t.error);
      t.onabort = () => reject(t.error);
    });
  } finally {
    conn.close();
  }
}
