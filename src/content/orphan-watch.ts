/** How often, at most, a pointer move checks whether the extension is still there. */
const CHECK_EVERY_MS = 2000;

export interface OrphanWatchDeps {
  /** The extension's runtime id, e.g. `() => browser.runtime?.id`; missing or throwing once it is gone. */
  runtimeId(): unknown;
  /** Told when the script host (WXT) invalidates this context, e.g. `(cb) => wxtContext.onInvalidated(cb)`. */
  onInvalidated(listener: () => void): void;
  /** Where pointer moves are heard (the window). */
  target: Pick<EventTarget, 'addEventListener'>;
  now?: () => number;
}

/**
 * Aborts `life` once this copy of the page script is orphaned: the extension was reloaded,
 * updated, disabled or uninstalled, so its runtime is gone.
 */
export function watchForOrphan(life: AbortController, deps: OrphanWatchDeps): void {
  const now = deps.now ?? (() => Date.now());
  const orphaned = () => {
    try {
      return deps.runtimeId() == null;
    } catch {
      return true;
    }
  };
  // WXT invalidates this context when a newer copy starts; stop only if the extension is
  // really gone (reloaded/updated), not when a second injection into this world was refused.
  deps.onInvalidated(() => {
    if (orphaned()) life.abort();
  });
  // Disabled or uninstalled with no newer copy to notify us: notice on the next pointer use.
  let checked = 0;
  const check = () => {
    const t = now();
    if (t - checked < CHECK_EVERY_MS) return;
    checked = t;
    if (orphaned()) life.abort();
  };
  deps.target.addEventListener('pointermove', check, { capture: true, passive: true, signal: life.signal });
}
