import { notify } from '../../messaging/notify';
import type { RuntimePort } from '../../messaging/runtime-port';
import { documentOptedOut } from '../scan/dom-rules';
import type { Logger } from '../types';
import { noteConnectHeard, pageScriptRuns } from '../world-flag';
import { walkForCandidate, watchForCandidates } from './candidates';
import { lookWhileParsed } from './early-looks';

/** The bootstrap's own world flag (claimSlot), apart from the full page script's. */
export const BOOT_FLAG = Symbol.for('dialbar.boot');
/** Where the bootstrap tells tests and DevTools what it did, in the isolated world only. */
export const BOOT_STATE_KEY = Symbol.for('dialbar.boot-state');

/** off: the page opted out (only a page API `connect` loads the page script); watching: no candidate yet; asked: the full page script was asked for. */
export type BootState = 'off' | 'watching' | 'asked';

export interface BootDeps {
  runtime: Pick<RuntimePort, 'sendMessage'>;
  doc: Document;
  /** This frame's window, where a page API client posts its `connect`. */
  win: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  MutationObserver: typeof MutationObserver;
  log: Logger;
  /** The isolated world's global, where the state is shown. */
  global?: object;
  /** The clock of the looks while a long page is parsed (early-looks.ts); Date.now by default. */
  now?: () => number;
}

/** The page API client's namespace and its first message (src/page-api/client/connect.ts). */
const PAGE_API_NS = 'dialbar-page-api';

/** True for a page API client's `connect` (read loosely: the bridge checks it properly). */
export function isPageApiConnect(data: unknown): boolean {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as { ns?: unknown; kind?: unknown };
  return d.ns === PAGE_API_NS && d.kind === 'connect';
}

/**
 * The page bootstrap, in every frame: a few KB with no detector. It watches the document for a
 * candidate (candidates.ts), and the window for a page API client's `connect`, and then asks the
 * service worker to inject the full page script into this frame only (`background.loadScanner`;
 * the worker reads the frame from the sender, never from the message). A client that said
 * `connect` before the bootstrap listened says it again a moment later (connect.ts). The page
 * script's bridge then says `ready`, and the client connects again. A page with nothing to call never loads the
 * detector.
 */
export function startBoot(deps: BootDeps): { state: BootState; stop: () => void } {
  const global = (deps.global ?? globalThis) as Record<symbol, BootState>;
  const show = (state: BootState) => {
    Object.defineProperty(global, BOOT_STATE_KEY, { configurable: true, value: state });
    return state;
  };
  let state = show('watching');
  let stopCandidates = () => {};
  let stopEarlyLooks = () => {};
  // Kept after asking: a connect heard before the page script's bridge listens makes it say `ready`.
  const onMessage = (event: MessageEvent) => {
    if (event.source !== deps.win || !isPageApiConnect(event.data)) return;
    noteConnectHeard(global);
    ask();
  };
  const stopLooks = () => {
    stopEarlyLooks();
    deps.doc.removeEventListener('readystatechange', onParsed);
  };
  const stop = () => {
    stopLooks();
    stopCandidates();
    deps.win.removeEventListener('message', onMessage);
  };
  function ask(): void {
    if (state === 'asked') return;
    stopLooks();
    stopCandidates();
    state = show('asked');
    // The registration on the page API's origins (or an earlier injection) already brought it.
    if (pageScriptRuns(global)) return;
    try {
      notify(deps.runtime, 'background.loadScanner', null).catch((error: unknown) => deps.log('boot', error));
    } catch (error) {
      // An orphaned copy (extension updated): its runtime throws; the new copy does the work.
      deps.log('boot', error);
    }
  }
  // The whole document: an opted-out one is not scanned, but its page API still answers (as the page script's bridge always did).
  function onParsed(): void {
    if (deps.doc.readyState === 'loading') return;
    stopLooks();
    if (state !== 'watching') return;
    if (documentOptedOut(deps.doc)) state = show('off');
    else stopCandidates = watchForCandidates(deps, ask);
  }
  // Part of a long document: its opt-out mark (in the head) is parsed before its body.
  function lookEarly(): boolean {
    const body = deps.doc.body;
    if (state !== 'watching') return true;
    if (!body || documentOptedOut(deps.doc)) return false;
    if (walkForCandidate(body, '', () => {}).found) ask();
    return state !== 'watching';
  }
  deps.win.addEventListener('message', onMessage);
  // While the page is parsed, each piece the parser adds costs a clock read; the document is read only at the doubling looks.
  if (deps.doc.readyState === 'loading') {
    // Not DOMContentLoaded: that comes in a task of its own, which 30 busy frames can hold back by hundreds of ms.
    deps.doc.addEventListener('readystatechange', onParsed);
    // Date, not performance: a DOM interface first touched in a fresh world costs it time (world-flag.ts).
    stopEarlyLooks = lookWhileParsed({ doc: deps.doc, MutationObserver: deps.MutationObserver, now: deps.now ?? Date.now }, lookEarly);
  } else onParsed();
  return { state, stop };
}
