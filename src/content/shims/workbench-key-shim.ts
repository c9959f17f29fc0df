/**
 * The workbench SDK's localStorage trick (002, section 10), served by Dialbar in every document of
 * an origin whose seed shims are on: a page that only writes `workbenchSdkCall` or
 * `workbenchSdkHangup` dials or hangs up, and `workbenchSdkStatus` holds 002's status code.
 * The content script's isolated world shares the page's localStorage, so no page script is needed.
 *
 * Noticing a write. A `storage` event fires in every OTHER document of the origin, never in the one
 * that wrote, so with a single tab open nobody would hear it. So each document also reads the two
 * keys itself: right after trusted input (a click handler that writes is seen at once) and on a
 * slow poll (writes from timers or network callbacks). A `storage` event only triggers the same read.
 *
 * Exactly once. With five tabs, one write is noticed by up to five documents (the writer by its
 * read, the others by the event; a document may even read the new value before its event
 * arrives). Each reports what it saw; the dedup is NOT here, where a racing or compromised tab
 * could skip it, but in the service worker (background/workbench-key-gate.ts): it claims each
 * (origin, key, value) once, one report after another, and keeps the claims in storage.session,
 * so a restarted worker still knows them. A value already in a key when a document starts is
 * old news and never reported. 002 makes each write unique (its `random`); a value written
 * twice is one command.
 *
 * A report says whether this frame had transient user activation when it read the write; only a
 * read right after input or on the poll can be the writer's, so an event-triggered read says no.
 */
import { workbenchStatus } from '../../page-api/client/workbench-status';
import type { PageState } from '../../page-api/client/types';
import { WORKBENCH_COMMAND_KEYS, WORKBENCH_STATUS_KEY, WORKBENCH_VALUE_MAX, type WorkbenchCommandKey } from '../../page-api/workbench-keys';
import type { Logger } from '../types';

export interface KeyReport {
  key: WorkbenchCommandKey;
  value: string;
  /** The frame had transient user activation when it read the new value. */
  activation: boolean;
}

export interface WorkbenchKeyDeps {
  /** The page's localStorage, as the isolated world sees it. */
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  /** The document's window: `storage` events and trusted input. */
  target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  /** `navigator.userActivation.isActive`. */
  activation(): boolean;
  /** Tells the service worker; it decides, once per write, what happens. */
  report(report: KeyReport): Promise<unknown>;
  timers: {
    setInterval(run: () => void, ms: number): unknown;
    clearInterval(id: unknown): void;
    setTimeout(run: () => void, ms: number): unknown;
  };
  log: Logger;
}

/** Reads between writes from timers or network callbacks; input-driven writes are read at once. */
export const KEY_POLL_MS = 250;
const INPUT_EVENTS = ['click', 'keydown', 'pointerup', 'submit'] as const;

export interface WorkbenchKeyShim {
  /** Writes 002's status code of a new Dialbar state into `workbenchSdkStatus` (only when it changes). */
  status(state: PageState): void;
}

export function startWorkbenchKeyShim(deps: WorkbenchKeyDeps, signal: AbortSignal): WorkbenchKeyShim {
  const read = (key: string): string | null => {
    try {
      return deps.storage.getItem(key);
    } catch (error) {
      deps.log('workbench key read', error);
      return null;
    }
  };
  // What each key held when this document started, or after its last change: only news is reported.
  const seen = new Map<WorkbenchCommandKey, string | null>(WORKBENCH_COMMAND_KEYS.map((key) => [key, read(key)]));

  const check = (mayBeWriter: boolean) => {
    if (signal.aborted) return;
    for (const key of WORKBENCH_COMMAND_KEYS) {
      const value = read(key);
      if (value === seen.get(key)) continue;
      seen.set(key, value);
      if (value === null || value.length > WORKBENCH_VALUE_MAX) continue;
      const activation = mayBeWriter && deps.activation();
      deps.report({ key, value, activation }).catch((error: unknown) => deps.log('workbench key report', error));
    }
  };

  const onStorage = (event: Event) => {
    const key = (event as StorageEvent).key;
    // null: the origin's storage was cleared.
    if (key === null || (WORKBENCH_COMMAND_KEYS as readonly (string | null)[]).includes(key)) check(false);
  };
  const onInput = (event: Event) => {
    if (event.isTrusted) deps.timers.setTimeout(() => check(true), 0);
  };
  deps.target.addEventListener('storage', onStorage);
  for (const type of INPUT_EVENTS) deps.target.addEventListener(type, onInput, { capture: true, passive: true });
  const poll = deps.timers.setInterval(() => check(true), KEY_POLL_MS);
  signal.addEventListener('abort', () => {
    deps.timers.clearInterval(poll);
    deps.target.removeEventListener('storage', onStorage);
    for (const type of INPUT_EVENTS) deps.target.removeEventListener(type, onInput, { capture: true });
  });

  return {
    status(state) {
      if (signal.aborted) return;
      const code = String(workbenchStatus(state));
      // Several documents of the origin write the same code; an equal value is not written again.
      if (read(WORKBENCH_STATUS_KEY) === code) return;
      try {
        deps.storage.setItem(WORKBENCH_STATUS_KEY, code);
      } catch (error) {
        deps.log('workbench status write', error);
      }
    },
  };
}
