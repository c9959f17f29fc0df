import * as v from 'valibot';
import { AGENT_STATES } from '../machines/agent-machine';

/**
 * Where the offscreen document keeps the agent's state between its lives (popup closed, worker
 * stopped, document recreated, browser restarted). Offscreen documents may not use
 * chrome.storage, so it is the extension origin's IndexedDB, in its own database so that its
 * schema never has to move with the account store's.
 */
export const AgentRecordSchema = v.object({
  state: v.picklist(AGENT_STATES),
  reason: v.nullable(v.pipe(v.string(), v.maxLength(40))),
  since: v.number(),
});
export type AgentRecord = v.InferOutput<typeof AgentRecordSchema>;

export interface AgentStore {
  load(): Promise<AgentRecord | null>;
  save(record: AgentRecord): Promise<void>;
}

const DB = 'dialbar-agent';
const STORE = 'agent';
const KEY = 'state';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export function createIndexedDbAgentStore(idb: IDBFactory): AgentStore {
  let db: Promise<IDBDatabase> | null = null;
  const open = () => {
    db ??= new Promise((resolve, reject) => {
      const req = idb.open(DB, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    return db;
  };
  return {
    async load() {
      const raw = await request((await open()).transaction(STORE, 'readonly').objectStore(STORE).get(KEY));
      const parsed = v.safeParse(AgentRecordSchema, raw);
      return parsed.success ? parsed.output : null;
    },
    async save(record) {
      await request((await open()).transaction(STORE, 'readwrite').objectStore(STORE).put(v.parse(AgentRecordSchema, record), KEY));
    },
  };
}

export function createMemoryAgentStore(initial: AgentRecord | null = null): AgentStore & { readonly saved: AgentRecord | null } {
  let stored = initial;
  return {
    get saved() {
      return stored;
    },
    load: async () => stored,
    save: async (record) => {
      stored = v.parse(AgentRecordSchema, record);
    },
  };
}
