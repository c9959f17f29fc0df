import { computed, type ReadonlySignal, signal } from '@preact/signals';
import { detectionEnabledFor, PREFS_KEY, type Prefs, parsePrefs, withSiteDetection } from '../settings/prefs';
import type { PrefsStorage } from './prefs-model';
import { t } from './i18n';

export interface SiteSwitchDeps {
  storage: PrefsStorage & {
    onChanged?: { addListener(fn: (changes: Record<string, unknown>) => void): void; removeListener(fn: (changes: Record<string, unknown>) => void): void };
  };
  /** The host of the active tab, or null for pages Dialbar does not run on (chrome://, the new tab page). */
  activeHost(): Promise<string | null>;
}

export interface SiteSwitchModel {
  /** Null until known, or when the active tab is not a web page. */
  host: ReadonlySignal<string | null>;
  /** Whether numbers are detected on this site now. */
  enabled: ReadonlySignal<boolean>;
  /** Off because the global switch is off: the site switch cannot turn it on alone. */
  globallyOff: ReadonlySignal<boolean>;
  error: ReadonlySignal<string | null>;
  setEnabled(on: boolean): Promise<void>;
  dispose(): void;
}

/** The popup's "Detect numbers on this site" switch, written to the same prefs the options page edits. */
export function createSiteSwitchModel(deps: SiteSwitchDeps): SiteSwitchModel {
  const host = signal<string | null>(null);
  const prefs = signal<Prefs | null>(null);
  const error = signal<string | null>(null);
  const load = async () => {
    prefs.value = parsePrefs((await deps.storage.get(PREFS_KEY))[PREFS_KEY]);
  };
  const onChanged = (changes: Record<string, unknown>) => {
    if (PREFS_KEY in changes) load().catch(() => {});
  };
  deps.storage.onChanged?.addListener(onChanged);
  Promise.all([deps.activeHost().then((h) => (host.value = h)), load()]).catch(() => {
    error.value = t('site.readError');
  });

  const enabled = computed(() => (prefs.value && host.value ? detectionEnabledFor(prefs.value, host.value) : false));
  const globallyOff = computed(() => prefs.value !== null && !prefs.value.detectNumbers);

  return {
    host,
    enabled,
    globallyOff,
    error,
    async setEnabled(on) {
      const current = prefs.peek();
      const h = host.peek();
      if (!current || !h) return;
      const next = withSiteDetection(current, h, on);
      try {
        await deps.storage.set({ [PREFS_KEY]: next });
        prefs.value = next;
        error.value = null;
      } catch {
        error.value = t('site.saveError');
      }
    },
    dispose() {
      deps.storage.onChanged?.removeListener(onChanged);
    },
  };
}

/** The host Dialbar's content script would see for a tab URL, or null when it does not run there. */
export function hostOfTabUrl(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' || parsed.protocol === 'file:' ? parsed.host || 'file' : null;
  } catch {
    return null;
  }
}
