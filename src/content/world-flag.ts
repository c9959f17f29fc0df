/**
 * One Dialbar per page per world: the content script may be injected twice (manifest + the
 * service worker's injection into tabs open at install). The flag lives on the isolated world's
 * global, which page script cannot see or set.
 */
const FLAG = Symbol.for('dialbar.page-script');

interface Claim {
  alive(): boolean;
}

/**
 * Returns the AbortController of this copy, or null if a live copy already runs in this world.
 * `alive` tells whether this copy's extension context is still valid (not orphaned by an update).
 */
export function claimWorld(alive: () => boolean, global: object = globalThis): AbortController | null {
  const slot = global as Record<symbol, Claim | undefined>;
  const previous = slot[FLAG];
  if (previous?.alive()) return null;
  const controller = new AbortController();
  slot[FLAG] = { alive: () => !controller.signal.aborted && alive() };
  return controller;
}
