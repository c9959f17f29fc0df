import * as v from 'valibot';
import { HistoryEntrySchema } from '../contract/snapshot';
import type { HistoryBackend } from './call-history';

/**
 * The call history in the extension origin's IndexedDB (as the account's password is): only
 * extension pages can open it, never a web page's content script. Its own database, so its
 * versions never clash with the account store's.
 */
const DB = 'dialbar-history';
const STORE = 'calls';

export function createIndexedDbHistoryBackend(idb: IDBFactory): HistoryBackend {
  let opening: Promise<IDBDatabase> | null = null;
  const open = () => {
    opening ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = idb.open(DB, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'id' });
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    }).catch((error) => {
      opening = null;
      throw error;
    });
    return opening;
  };
  const run = async <T>(mode: IDBTransactionMode, body: (store: IDBObjectStore) => IDBRequest<T> | undefined): Promise<T | undefined> => {
    const db = await open();
    return new Promise<T | undefined>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = body(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req?.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  };
  return {
    async all() {
      const raw = (await run('readonly', (s) => s.getAll())) ?? [];
      // A damaged row is skipped, not fatal: the rest of the history still shows.
      return raw.flatMap((row) => {
        const parsed = v.safeParse(HistoryEntrySchema, row);
        return parsed.success ? [parsed.output] : [];
      });
    },
    async put(entry) {
      await run('readwrite', (s) => s.put(v.parse(HistoryEntrySchema, entry)));
    },
    async remove(ids) {
      await run('readwrite', (s) => {
        for (const id of ids) s.delete(id);
        return undefined;
      });
    },
    async clear() {
      await run('readwrite', (s) => s.clear());
    },
  };
}
