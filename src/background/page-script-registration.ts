import type { ContentScriptRegistration, PageScriptRegistry } from '../platform';
import { FULL_PAGE_SCRIPT } from './inject-existing-tabs';
import { type PageAccess, parseOriginPattern } from '../settings/page-access';

/**
 * On the page API's allowed origins the full page script runs in every frame from the start, as
 * it did before the bootstrap: the seed shims watch localStorage keys from load, and a CRM page
 * connects without waiting for the worker to inject. Everywhere else the bootstrap
 * (src/content/boot/) asks for it where a frame has something callable or a client says
 * `connect`. The worker keeps one registration (chrome.scripting.registerContentScripts) in line
 * with the list as it applies (the person's, or an administrator's), at each worker start and on
 * each change. Registrations outlive the worker.
 */
export const PAGE_SCRIPT_REGISTRATION = 'dialbar-page-api';

/**
 * Chrome match patterns for the allowed origin patterns, sorted and without repeats. A match
 * pattern has no port (it matches every port of the host), and `*.` also takes the bare domain:
 * both wider than the rule, which is fine, as the bridge and the worker check the exact origin.
 */
export function pageApiMatches(access: PageAccess): string[] {
  const out = new Set<string>();
  for (const rule of access.origins) {
    if (rule.consent === false) continue;
    const p = parseOriginPattern(rule.pattern);
    if (p) out.add(`${p.scheme}://${p.wildcard ? '*.' : ''}${p.host}/*`);
  }
  return [...out].sort();
}

/** Whether a frame of `origin` gets the page script from the registration (so the bootstrap's request is not needed). */
export function registeredFor(matches: readonly string[], origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return matches.some((m) => {
    const [scheme, rest] = m.split('://') as [string, string];
    const host = rest.slice(0, -2);
    if (`${scheme}:` !== url.protocol) return false;
    return host.startsWith('*.') ? url.hostname === host.slice(2) || url.hostname.endsWith(host.slice(1)) : url.hostname === host;
  });
}

/** The match patterns registered now (none when nothing is registered). */
export async function registeredMatches(registry: Pick<PageScriptRegistry, 'getRegisteredContentScripts'>): Promise<string[]> {
  const [current] = await registry.getRegisteredContentScripts({ ids: [PAGE_SCRIPT_REGISTRATION] });
  return current?.matches ?? [];
}

/**
 * Makes the registration match `access`: registered, updated, or removed when no origin is
 * allowed. Returns the match patterns that were not registered before: documents already open
 * there never got the script from the registration.
 */
export async function syncPageScriptRegistration(registry: PageScriptRegistry, access: PageAccess): Promise<string[]> {
  const matches = pageApiMatches(access);
  const [current] = await registry.getRegisteredContentScripts({ ids: [PAGE_SCRIPT_REGISTRATION] });
  if (matches.length === 0) {
    if (current) await registry.unregisterContentScripts({ ids: [PAGE_SCRIPT_REGISTRATION] });
    return [];
  }
  const before = new Set(current?.matches ?? []);
  const added = matches.filter((m) => !before.has(m));
  if (current && added.length === 0 && before.size === matches.length) return [];
  const script: ContentScriptRegistration = {
    id: PAGE_SCRIPT_REGISTRATION,
    js: [FULL_PAGE_SCRIPT],
    matches,
    allFrames: true,
    // Asks for its settings while the page is parsed and starts at DOMContentLoaded (session.ts).
    runAt: 'document_start',
    persistAcrossSessions: true,
  };
  await (current ? registry.updateContentScripts([script]) : registry.registerContentScripts([script]));
  return added;
}

export interface PageAccessFollowDeps {
  registry: PageScriptRegistry;
  access(): Promise<PageAccess>;
  /** Open tabs whose URL matches one of the patterns. */
  tabsMatching(patterns: string[]): Promise<number[]>;
  /** Runs a script file in every frame of a tab. */
  injectAll(tabId: number, file: string): Promise<void>;
  log(where: string, error: unknown): void;
}

/**
 * Brings the registration in line now; `sync` is to be called on each change of the list or the
 * policy (syncs run one after another, so two quick changes cannot interleave). `matches` tells
 * the patterns registered now, read from the browser once per sync rather than at each frame's
 * request, and never waiting for a sync in progress: a frame that asks got (or did not get) the
 * script from what was registered when it loaded, and a sync's policy read (storage.managed) can
 * take seconds after the browser starts.
 */
export function followPageAccess(deps: PageAccessFollowDeps): { sync: () => void; matches: () => Promise<string[]> } {
  let queue: Promise<void> = Promise.resolve();
  let known: Promise<string[]> | null = null;
  const sync = () => {
    known = null;
    queue = queue
      .then(async () => {
        const added = await syncPageScriptRegistration(deps.registry, await deps.access());
        known = null;
        if (added.length === 0) return;
        // Documents open there before: the page script refuses a second copy in one world itself.
        for (const tabId of await deps.tabsMatching(added)) await deps.injectAll(tabId, FULL_PAGE_SCRIPT).catch((error: unknown) => deps.log('page script', error));
      })
      .catch((error: unknown) => deps.log('page script registration', error));
  };
  const matches = () => {
    known ??= registeredMatches(deps.registry).catch((error: unknown) => {
      known = null;
      deps.log('page script registration', error);
      return [];
    });
    return known;
  };
  sync();
  return { sync, matches };
}
