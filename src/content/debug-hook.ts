import { debugEntries } from './debug-log';
import type { ContentContext } from './context';

/**
 * A read-only view for tests and for debugging from DevTools (choose the "Dialbar" context in
 * the console). It lives on the isolated world's global, which page script cannot reach.
 */
export const DEBUG_KEY = Symbol.for('dialbar.debug');

export function installDebugHook(global: object = globalThis): (ctx: ContentContext | null) => void {
  let current: ContentContext | null = null;
  Object.defineProperty(global, DEBUG_KEY, {
    configurable: true,
    value: Object.freeze({
      running: () => current !== null,
      count: () => current?.store.size ?? 0,
      painted: () => current?.store.paintedSize ?? 0,
      texts: () => (current ? [...current.store.all()].map((r) => r.shown).sort() : []),
      numbers: () => (current ? [...current.store.all()].map((r) => r.number) : []),
      errors: () => [...debugEntries()],
      stats: () => (current ? { ...current.store.stats } : null),
      phone: () => current?.phone.latest() ?? null,
    }),
  });
  return (ctx) => {
    current = ctx;
  };
}
