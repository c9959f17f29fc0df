/**
 * Errors inside the content script go here and never to the page's console: a small ring
 * buffer kept in the isolated world (page script cannot read it), printed only in dev builds.
 */
const MAX = 50;
const entries: Array<{ at: number; where: string; message: string }> = [];

export function debugLog(where: string, error: unknown): void {
  try {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    entries.push({ at: Date.now(), where, message });
    if (entries.length > MAX) entries.shift();
    if (import.meta.env?.DEV) console.debug('[dialbar]', where, message);
  } catch {
    // Logging must never throw either.
  }
}

export function debugEntries(): ReadonlyArray<{ at: number; where: string; message: string }> {
  return entries;
}

/** Wraps a callback so nothing it throws reaches the page. */
export function guard<A extends unknown[]>(where: string, fn: (...args: A) => void): (...args: A) => void {
  return (...args: A) => {
    try {
      fn(...args);
    } catch (error) {
      debugLog(where, error);
    }
  };
}
