import { type ReadonlySignal, signal } from '@preact/signals';
import {
  formatOriginPattern,
  type OriginRule,
  PAGE_ACCESS_KEY,
  type PageAccess,
  parseOriginPattern,
  parsePageAccess,
  withRule,
} from '../settings/page-access';
import type { PrefsStorage } from './prefs-model';
import { t } from './i18n';

/** What the page API's options and consent prompt say (one object, so it is easy to translate). */
export const PAGE_ACCESS_WORDS = {
  get placeholder() {
    return t('pageAccess.placeholder');
  },
  get title() {
    return t('pageAccess.title');
  },
  get hint() {
    return t('pageAccess.hint');
  },
  get pattern() {
    return t('pageAccess.pattern');
  },
  get add() {
    return t('pageAccess.add');
  },
  get remove() {
    return t('pageAccess.remove');
  },
  get silentDial() {
    return t('pageAccess.silentDial');
  },
  get shims() {
    return t('pageAccess.shims');
  },
  get consent() {
    return t('pageAccess.consent');
  },
  get consentUnasked() {
    return t('pageAccess.consentUnasked');
  },
  get consentDenied() {
    return t('pageAccess.consentDenied');
  },
  get badPattern() {
    return t('pageAccess.badPattern');
  },
  get none() {
    return t('pageAccess.none');
  },
  get askTitle() {
    return t('pageAccess.askTitle');
  },
  get askBody() {
    return t('pageAccess.askBody');
  },
  get allow() {
    return t('pageAccess.allow');
  },
  get deny() {
    return t('pageAccess.deny');
  },
  get allowed() {
    return t('pageAccess.allowed');
  },
  get denied() {
    return t('pageAccess.denied');
  },
  get notListed() {
    return t('pageAccess.notListed');
  },
};

export interface PageAccessModel {
  access: ReadonlySignal<PageAccess>;
  draft: ReadonlySignal<string>;
  error: ReadonlySignal<string | null>;
  load(): Promise<void>;
  setDraft(text: string): void;
  /** Adds the draft as a rule (consent not asked yet); a bad pattern is refused with words and kept. */
  add(): Promise<void>;
  remove(pattern: string): Promise<void>;
  update(pattern: string, change: Partial<Pick<OriginRule, 'silentDial' | 'shims' | 'consent'>>): Promise<void>;
}

export function createPageAccessModel(storage: PrefsStorage): PageAccessModel {
  const access = signal<PageAccess>({ origins: [] });
  const draft = signal('');
  const error = signal<string | null>(null);
  // Read afresh before each write: the consent window and the options page may both be open.
  const current = async () => parsePageAccess((await storage.get(PAGE_ACCESS_KEY))[PAGE_ACCESS_KEY]);
  const save = async (next: PageAccess) => {
    await storage.set({ [PAGE_ACCESS_KEY]: next });
    access.value = next;
  };
  return {
    access,
    draft,
    error,
    async load() {
      access.value = await current();
    },
    setDraft(text) {
      draft.value = text;
      error.value = null;
    },
    async add() {
      const parsed = parseOriginPattern(draft.value);
      if (!parsed) {
        error.value = PAGE_ACCESS_WORDS.badPattern;
        return;
      }
      const pattern = formatOriginPattern(parsed);
      const now = await current();
      const existing = now.origins.find((r) => r.pattern === pattern);
      await save(withRule(now, existing ?? { pattern, silentDial: false, shims: false, consent: null }));
      draft.value = '';
      error.value = null;
    },
    async remove(pattern) {
      const now = await current();
      await save({ origins: now.origins.filter((r) => r.pattern !== pattern) });
    },
    async update(pattern, change) {
      const now = await current();
      await save({ origins: now.origins.map((r) => (r.pattern === pattern ? { ...r, ...change } : r)) });
    },
  };
}
