import type { DialSource } from '../contract/snapshot';
import { dialableDigits } from '../detect/dialable';
import { PREFS_KEY, parsePrefs } from '../settings/prefs';
import { defaultCountry, type findPhoneNumbers } from '../detect';
import type { SelectionCallingApi } from '../platform';
import { tw } from './worker-words';

/** The phone number detector (src/detect), injected so tests can pass a stand-in. */
type Detect = typeof findPhoneNumbers;

/** Context menu item "Call “<selection>”" and keyboard command that dial the selected text. */
export const CALL_SELECTION_MENU_ID = 'dialbar-call-selection';
export const CALL_SELECTION_COMMAND = 'call-selection';

export type SelectionSource = Extract<DialSource, 'context-menu' | 'command'>;

export interface SelectionCallingDeps extends SelectionCallingApi {
  detect: Detect;
  /** The default country for numbers without +, e.g. `() => countryFromPrefs(browser.storage.local)`. */
  defaultCountry(): Promise<string>;
  dial(number: string, shown: string, source: SelectionSource): Promise<unknown>;
  /** Reads chrome.runtime.lastError in callbacks so Chrome does not log it (duplicate menu id). */
  lastError?: () => unknown;
  /** Told when the selection holds nothing dialable, or something failed. */
  onProblem?(message: string): void;
}

const MAX_SELECTION = 256;

/**
 * What a selected text dials: the first number the detector finds, else the digits when the
 * selection is a plausible dial string (short codes, extensions, numbers with * and #).
 */
export function selectionToDial(text: string, detect: Detect, defaultCountry: string): { number: string; shown: string } | null {
  const clean = text.replace(/\s+/g, ' ').trim().slice(0, MAX_SELECTION);
  if (!clean) return null;
  try {
    const [first] = detect(clean, { defaultCountry });
    if (first) return { number: first.number, shown: clean.slice(first.start, first.end) };
  } catch {
    // Fall back to the digits.
  }
  if (!/^[+\d\s().\-/*#]+$/.test(clean)) return null;
  const number = dialableDigits(clean);
  const digits = number.replace(/\D/g, '').length;
  const codes = /[*#]/.test(number);
  if (digits < (codes ? 1 : 3) || digits > 20) return null;
  return { number, shown: clean };
}

/** Runs in the page (all frames): the selected text, including inside text fields. */
function readSelection(): string {
  const active = document.activeElement;
  if (active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement) {
    const { selectionStart: a, selectionEnd: b, value } = active;
    if (a !== null && b !== null && b > a) return value.slice(a, b);
  }
  return globalThis.getSelection?.()?.toString() ?? '';
}

/** Registers the menu item and the command; call it once from the service worker's main(). */
export function registerSelectionCalling(deps: SelectionCallingDeps): void {
  const problem = (message: string) => deps.onProblem?.(message);

  const call = async (text: string, source: SelectionSource) => {
    const target = selectionToDial(text, deps.detect, await deps.defaultCountry());
    if (!target) {
      problem(tw('worker.notANumber'));
      return;
    }
    await deps.dial(target.number, target.shown, source);
  };

  try {
    deps.contextMenus.create(
      { id: CALL_SELECTION_MENU_ID, title: tw('worker.menuCall'), contexts: ['selection'] },
      () => void deps.lastError?.(),
    );
  } catch {
    // Already there (the worker restarted): fine.
  }

  deps.contextMenus.onClicked.addListener((info) => {
    if (info.menuItemId !== CALL_SELECTION_MENU_ID) return;
    call(info.selectionText ?? '', 'context-menu').catch((error: unknown) => problem(String(error)));
  });

  deps.commands.onCommand.addListener((command, tab) => {
    if (command !== CALL_SELECTION_COMMAND) return;
    (async () => {
      const tabId = tab?.id ?? (await deps.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id;
      if (tabId === undefined) return problem(tw('worker.selectFirst'));
      let results: Array<{ result?: unknown }> = [];
      try {
        results = await deps.scripting.executeScript({ target: { tabId, allFrames: true }, func: readSelection });
      } catch {
        return problem(tw('worker.cannotRead'));
      }
      const text = results.map((r) => (typeof r.result === 'string' ? r.result : '')).find((t) => t.trim() !== '');
      if (!text) return problem(tw('worker.selectFirst'));
      await call(text, 'command');
    })().catch((error: unknown) => problem(String(error)));
  });
}

/** The default country from stored prefs, else from the browser language. */
export async function countryFromPrefs(
  storage: { get(key: string): Promise<Record<string, unknown>> },
  language: string,
): Promise<string> {
  const prefs = parsePrefs((await storage.get(PREFS_KEY))[PREFS_KEY]);
  return defaultCountry(prefs.defaultCountry, language);
}
