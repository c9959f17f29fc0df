import { type ReadonlySignal, signal } from '@preact/signals';
import { request } from '../messaging/client';
import type { RuntimePort } from '../messaging/runtime-port';
import {
  formatOriginPattern,
  type OriginRule,
  PAGE_ACCESS_KEY,
  type PageAccess,
  parseOriginPattern,
  parsePageAccess,
  withManagedOrigins,
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
  get managed() {
    return t('pageAccess.managed');
  },
};

export interface PageAccessModel {
  /** The list as it applies: the administrator's patterns when a policy sets them, else the person's. */
  access: ReadonlySignal<PageAccess>;
  /** The administrator set the list (storage.managed `allowedOrigins`): no adding or removing here. */
  managed: ReadonlySignal<boolean>;
  draft: ReadonlySignal<string>;
  error: ReadonlySignal<string | null>;
  load(): Promise<void>;
  setDraft(text: string): void;
  /** Adds the draft as a rule (consent not asked yet); a bad pattern is refused with words and kept; a managed list is refused. */
  add(): Promise<void>;
  remove(pattern: string): Promise<void>;
  update(pattern: string, change: Partial<Pick<OriginRule, 'silentDial' | 'shims' | 'consent'>>): Promise<void>;
}

/** Reads the administrator's allowed origins through the service worker (null: no policy sets them). */
export function managedOriginsFrom(runtime: RuntimePort): () => Promise<readonly string[] | null> {
  return async () => (await request(runtime, 'background.getManaged', null)).allowedOrigins ?? null;
}

/**
 * `managedOrigins`: the administrator's list, if any. Unreadable, the person's list is shown;
 * the service worker applies the policy either way.
 */
export function createPageAccessModel(storage: PrefsStorage, managedOrigins?: () => Promise<readonly string[] | null>): PageAccessModel {
  const access = signal<PageAccess>({ origins: [] });
  const managed = signal(false);
  let policy: readonly string[] | null = null;
  const draft = signal('');
  const error = signal<string | null>(null);
  // Read afresh before each write: the consent window and the options page may both be open.
  const current = async () => parsePageAccess((await storage.get(PAGE_ACCESS_KEY))[PAGE_ACCESS_KEY]);
  const show = (local: PageAccess) => {
    access.value = withManagedOrigins(local, policy);
  };
  const save = async (next: PageAccess) => {
    await storage.set({ [PAGE_ACCESS_KEY]: next });
    show(next);
  };
  const refusedWhenManaged = () => {
    if (managed.value) error.value = PAGE_ACCESS_WORDS.managed;
    return managed.value;
  };
  return {
    access,
    managed,
    draft,
    error,
    async load() {
      policy = managedOrigins ? await managedOrigins().catch(() => null) : null;
      managed.value = policy !== null;
      show(await current());
    },
    setDraft(text) {
      draft.value = text;
      error.value = null;
    },
    async add() {
      if (refusedWhenManaged()) return;
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
      if (refusedWhenManaged()) return;
      const now = await current();
      await save({ origins: now.origins.filter((r) => r.pattern !== pattern) });
    },
    async update(pattern, change) {
      const now = await current();
      // A managed pattern the person never listed keeps its flags in their own list, so they apply.
      const rule = now.origins.find((r) => r.pattern === pattern) ?? withManagedOrigins(now, policy).origins.find((r) => r.pattern === pattern);
      if (!rule) return;
      const changed = { ...rule, ...change };
      await save({ origins: now.origins.some((r) => r.pattern === pattern) ? now.origins.map((r) => (r.pattern === pattern ? changed : r)) : [...now.origins, changed] });
    },
  };
}
