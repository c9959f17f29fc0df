/**
 * One SIP instance id (a UUID) per browser profile, kept in storage.local: it is not secret.
 * Registering with the same +sip.instance lets the registrar replace the binding of an engine
 * that died without un-registering, instead of keeping a stale second contact.
 */
export interface KeyValueArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

const KEY = 'sipInstanceId';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createInstanceId(area: KeyValueArea, newId: () => string): () => Promise<string> {
  let pending: Promise<string> | null = null;
  return () => {
    pending ??= (async () => {
      const stored = (await area.get(KEY))[KEY];
      if (typeof stored === 'string' && UUID.test(stored)) return stored;
      const id = newId();
      await area.set({ [KEY]: id });
      return id;
    })().finally(() => {
      pending = null;
    });
    return pending;
  };
}
