import type { InputOf, MessageType } from '../../contract/protocol';
import { notify } from '../../messaging/notify';
import type { RuntimePort } from '../../messaging/runtime-port';
import { documentOptedOut, isInteractive } from '../scan/dom-rules';
import type { Logger } from '../types';
import { noteConnectHeard, notePointer, pageScriptRuns } from '../world-flag';
import { textHasCandidateRun, watchForCandidates } from './candidates';
import { lookWhileParsed } from './early-looks';
import { type PreviewMark, previewLines, previewMarks } from './preview';

/** The bootstrap's own world flag (claimSlot), apart from the full page script's. */
export const BOOT_FLAG = Symbol.for('dialbar.boot');
/** Where the bootstrap tells tests and DevTools what it did, in the isolated world only. */
export const BOOT_STATE_KEY = Symbol.for('dialbar.boot-state');

/**
 * off: the page opted out (only a page API `connect` loads the page script); watching: no
 * candidate yet; previewing: a small frame's lines are with the service worker; previewed: its
 * numbers are painted and the page script waits for the person to come near; asked: the full
 * page script was asked for.
 */
export type BootState = 'off' | 'watching' | 'previewing' | 'previewed' | 'asked';

/** What brings the page script to a previewed frame: the pointer or the keyboard in it. */
const INTEREST_EVENTS = ['pointerover', 'pointermove', 'pointerdown', 'click', 'focusin', 'keydown'] as const;

export interface BootDeps {
  runtime: Pick<RuntimePort, 'sendMessage'>;
  doc: Document;
  /** This frame's window, where a page API client posts its `connect`. */
  win: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  MutationObserver: typeof MutationObserver;
  /** The document's markup (XMLSerializer), read where its text holds no candidate (candidates.ts). */
  serialize?: (doc: Document) => string;
  log: Logger;
  /** The isolated world's global, where the state is shown. */
  global?: object;
  /** The clock of the looks while a long page is parsed (early-looks.ts); Date.now by default. */
  now?: () => number;
  /**
   * Paints a preview's numbers (the `dialbar-phone` highlight); false when it could not. Given in
   * subframes only: there a small document is previewed (preview.ts) and the page script waits
   * for the person. Absent (a top document), the page script is asked for at the first candidate.
   */
  paintPreview?(marks: PreviewMark[]): boolean;
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
    // A preview answer that comes later is dropped (the local state only: a newer copy shows its own).
    state = 'off';
    stopLooks();
    stopCandidates();
    stopInterest();
    deps.win.removeEventListener('message', onMessage);
  };
  // In a previewed frame: the pointer or keyboard brings the page script; the pointer is noted
  // for its hover card until the page script runs.
  const onInterest = (event: Event) => {
    if (pageScriptRuns(global)) return stopInterest();
    const { clientX, clientY, pointerType, button, detail } = event as Partial<PointerEvent>;
    if (event.type === 'click') {
      // A click before the page script came is its to act on once it has read the frame (a card, or a call at once).
      if (event.isTrusted && button === 0 && typeof clientX === 'number' && typeof clientY === 'number') {
        const skip = (detail ?? 0) > 1 || event.composedPath().some((t) => (t as Node).nodeType === 1 && isInteractive(t as Element));
        notePointer(global, clientX, clientY, { x: clientX, y: clientY, at: Date.now(), skip });
      }
    } else if (typeof clientX === 'number' && typeof clientY === 'number' && pointerType !== 'touch') notePointer(global, clientX, clientY);
    ask();
  };
  function stopInterest(): void {
    for (const type of INTEREST_EVENTS) deps.win.removeEventListener(type, onInterest, true);
  }
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
  // A candidate in the parsed document: a subframe's small document is previewed; anything else loads the page script.
  function found(): void {
    if (optedOut()) return;
    const paint = deps.paintPreview;
    const body = deps.doc.body;
    const lines = paint && state === 'watching' && body ? previewLines(body) : null;
    if (!paint || !lines || lines.length === 0) {
      ask();
      return;
    }
    state = show('previewing');
    // Any change with a candidate from now on is the page script's to read.
    stopCandidates = watchForCandidates(deps, ask, false);
    const message = { dialbar: 1, type: 'background.detectPreview' satisfies MessageType, payload: { lines: lines.map((l) => l.text) } satisfies InputOf<'background.detectPreview'> };
    const failed = (error: unknown) => {
      deps.log('boot-preview', error);
      if (state === 'previewing') ask();
    };
    try {
      deps.runtime.sendMessage(message).then((raw) => {
        if (state !== 'previewing') return;
        const marks = previewMarks(raw, lines);
        if (marks === null || (marks.length > 0 && !paint(marks))) {
          ask();
          return;
        }
        state = show('previewed');
        for (const type of INTEREST_EVENTS) deps.win.addEventListener(type, onInterest, { capture: true, passive: true });
      }, failed);
    } catch (error) {
      failed(error);
    }
  }
  /**
   * An opted-out document is not scanned, but its page API still answers (as the page script's
   * bridge always did). Its mark is read only once something callable is found: a frame with
   * nothing to call is asked one selector query fewer (each is parsed anew in every fresh document).
   */
  function optedOut(): boolean {
    if (!documentOptedOut(deps.doc)) return false;
    stopLooks();
    stopCandidates();
    state = show('off');
    return true;
  }
  // The whole document, once parsed, then every change to it.
  function onParsed(): void {
    if (deps.doc.readyState === 'loading') return;
    stopLooks();
    if (state !== 'watching') return;
    const stopWatch = watchForCandidates(deps, found);
    // Found at once: the watch has stopped itself, and a previewed frame's own watch (found()) is the one to keep.
    if (state === 'watching') stopCandidates = stopWatch;
  }
  // Part of a long document, its text only: the whole document is read again, call links and shadow roots too, when parsed.
  function lookEarly(): boolean {
    if (state !== 'watching') return true;
    if (textHasCandidateRun(deps.doc) && !optedOut()) ask();
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
