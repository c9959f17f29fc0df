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

/** What the page API's options and consent prompt say (one object, so it is easy to translate). */
export const PAGE_ACCESS_WORDS = {
  title: 'Pages that may use Dialbar',
  hint: 'Web pages on these sites may dial, answer and hang up through Dialbar and see incoming callers and their call data. They never see your account, your history or calls other sites started. Use https://crm.example.com, or https://*.example.com for its subdomains; add :8080 for another port.',
  pattern: 'Site',
  add: 'Add site',
  remove: 'Remove',
  silentDial: 'May dial without a click',
  shims: 'Seed SDK shims',
  consent: 'Allowed by you',
  consentUnasked: 'Not asked yet',
  consentDenied: 'Refused',
  badPattern: 'That is not a site address. Write it like https://crm.example.com or https://*.example.com (http or https, a host name, an optional port).',
  none: 'No site may use Dialbar’s page API yet.',
  askTitle: 'Let this site use Dialbar?',
  askBody: 'It could place calls when you click on it, answer and hang up calls, change your agent state, and see incoming callers with their call data. It never sees your account, password or call history.',
  allow: 'Allow',
  deny: 'Don’t allow',
  allowed: 'Allowed. You can close this window.',
  denied: 'Not allowed. You can change this in Dialbar’s options.',
  notListed: 'This site is no longer in the list of allowed sites.',
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
