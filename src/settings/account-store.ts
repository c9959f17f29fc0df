import * as v from 'valibot';
import { type Account, AccountSchema } from './account';

/**
 * Where the phone account (with its password) lives. Not in storage.local, which every content
 * script can read: in the extension origin's IndexedDB, which only extension pages and the
 * service worker can open.
 */
export interface AccountStore {
  load(): Promise<Account | null>;
  save(account: Account): Promise<void>;
}

const DB = 'dialbar';
const STORE = 'secrets';
const KEY = 'account';

function open(idb: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = idb.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function run<T>(idb: IDBFactory, mode: IDBTransactionMode, body: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return open(idb).then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const req = body(tx.objectStore(STORE));
        tx.oncomplete = () => {
          db.close();
          resolve(req.result);
        };
        tx.onerror = () => {
          db.close();
          reject(tx.error);
        };
      }),
  );
}

export function createIndexedDbAccountStore(idb: IDBFactory): AccountStore {
  return {
    async load() {
      const raw = await run(idb, 'readonly', (s) => s.get(KEY));
      const parsed = v.safeParse(AccountSchema, raw);
      return parsed.success ? parsed.output : null;
    },
    async save(account) {
      await run(idb, 'readwrite', (s) => s.put(v.parse(AccountSchema, account), KEY));
    },
  };
}

export function createMemoryAccountStore(initial: Account | null = null): AccountStore {
  let stored = initial;
  return {
    load: async () => stored,
    save: async (account) => {
      stored = v.parse(AccountSchema, account);
    },
  };
}
