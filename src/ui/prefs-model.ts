import { batch, type ReadonlySignal, signal } from '@preact/signals';
import * as v from 'valibot';
import { DEFAULT_PREFS, PREFS_KEY, type Prefs, parsePrefs, SiteRuleSchema } from '../settings/prefs';
import { t } from './i18n';

/** The slice of `browser.storage.local` the prefs editor uses. */
export interface PrefsStorage {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export type PrefsStatus = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string };

export interface PrefsModel {
  prefs: ReadonlySignal<Prefs>;
  status: ReadonlySignal<PrefsStatus>;
  hostDraft: ReadonlySignal<string>;
  hostError: ReadonlySignal<string | null>;
  countryError: ReadonlySignal<string | null>;
  load(): Promise<void>;
  setDetectNumbers(value: boolean): Promise<void>;
  setDetectInCode(value: boolean): Promise<void>;
  setClickAction(value: Prefs['clickAction']): Promise<void>;
  /** Dialbar's language: "auto" follows the browser. */
  setLanguage(value: Prefs['language']): Promise<void>;
  /** "" means: from the browser language. */
  setDefaultCountry(value: string): Promise<void>;
  /** Switches the list's meaning; every listed site follows the new mode. */
  setSiteMode(value: Prefs['siteMode']): Promise<void>;
  setHostDraft(value: string): void;
  addHost(): Promise<void>;
  removeHost(host: string): Promise<void>;
}

/** Accepts a host, or a pasted URL whose host is taken. */
function hostFrom(text: string): string {
  const trimmed = text.trim();
  if (!trimmed.includes('://')) return trimmed.replace(/\/.*$/, '');
  try {
    return new URL(trimmed).host;
  } catch {
    return trimmed;
  }
}

export function createPrefsModel(storage: PrefsStorage): PrefsModel {
  const prefs = signal<Prefs>({ ...DEFAULT_PREFS });
  const status = signal<PrefsStatus>({ kind: 'idle' });
  const hostDraft = signal('');
  const hostError = signal<string | null>(null);
  const countryError = signal<string | null>(null);

  /** Shows the change at once and stores it; a failed write says so and keeps what is shown. */
  async function commit(next: Prefs) {
    batch(() => {
      prefs.value = next;
      status.value = { kind: 'saving' };
    });
    try {
      await storage.set({ [PREFS_KEY]: next });
      if (prefs.peek() === next) status.value = { kind: 'saved' };
    } catch (error) {
      const detail = error instanceof Error && error.message ? ` (${error.message})` : '';
      status.value = { kind: 'error', message: t('prefs.saveError', { detail }) };
    }
  }

  return {
    prefs,
    status,
    hostDraft,
    hostError,
    countryError,
    async load() {
      try {
        const stored = await storage.get(PREFS_KEY);
        prefs.value = parsePrefs(stored[PREFS_KEY]);
      } catch {
        status.value = { kind: 'error', message: t('prefs.readError') };
      }
    },
    setDetectNumbers: (value) => commit({ ...prefs.peek(), detectNumbers: value }),
    setDetectInCode: (value) => commit({ ...prefs.peek(), detectInCode: value }),
    setClickAction: (value) => commit({ ...prefs.peek(), clickAction: value }),
    setLanguage: (value) => commit({ ...prefs.peek(), language: value }),
    async setDefaultCountry(value) {
      const result = v.safeParse(v.pipe(v.string(), v.trim(), v.toUpperCase(), v.regex(/^([A-Z]{2})?$/)), value);
      if (!result.success) {
        countryError.value = t('form.homeCountry');
        return;
      }
      countryError.value = null;
      await commit({ ...prefs.peek(), defaultCountry: result.output });
    },
    setSiteMode(value) {
      const detect = value === 'allow';
      const sites = prefs.peek().sites.map((rule) => ({ ...rule, detect }));
      return commit({ ...prefs.peek(), siteMode: value, sites });
    },
    setHostDraft(value) {
      batch(() => {
        hostDraft.value = value;
        hostError.value = null;
      });
    },
    async addHost() {
      const current = prefs.peek();
      const rule = v.safeParse(SiteRuleSchema, { host: hostFrom(hostDraft.peek()), detect: current.siteMode === 'allow' });
      if (!rule.success || rule.output.host === '') {
        hostError.value = t('prefs.hostInvalid');
        return;
      }
      if (current.sites.some((site) => site.host === rule.output.host)) {
        hostError.value = t('prefs.hostListed', { host: rule.output.host });
        return;
      }
      if (current.sites.length >= 500) {
        hostError.value = t('prefs.listFull');
        return;
      }
      batch(() => {
        hostDraft.value = '';
        hostError.value = null;
      });
      await commit({ ...current, sites: [...current.sites, rule.output] });
    },
    removeHost(host) {
      return commit({ ...prefs.peek(), sites: prefs.peek().sites.filter((site) => site.host !== host) });
    },
  };
}
