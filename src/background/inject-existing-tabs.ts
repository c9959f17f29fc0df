import type { FrameTarget, InjectTabsApi } from '../platform';

/**
 * Tabs open when Dialbar is installed or updated have no (or an orphaned) page bootstrap; inject
 * it, with its CSS, into every frame where that is allowed. It then asks for the full page
 * script where a frame holds something callable (injectPageScript). Both guard themselves
 * against running twice in one world, so a tab that already has them is not scanned twice.
 */
export const PAGE_SCRIPT = 'boot.js';
/** The full page script (detector, scanner, card, page API bridge): an unlisted script, injected where a frame asks. */
export const FULL_PAGE_SCRIPT = 'page.js';

export type InjectDeps = InjectTabsApi;

/** Pages the browser lets extensions script (file: only with the user's permission; failures are ignored). */
export function scriptableUrl(url: string | undefined): boolean {
  if (!url) return false;
  if (!/^(https?|file):/i.test(url)) return false;
  return !/^https:\/\/(chrome\.google\.com\/webstore|chromewebstore\.google\.com)\//i.test(url);
}

/** The page script's files as the manifest names them (WXT may hash or rename them). */
export function pageScriptFiles(manifest: ReturnType<InjectDeps['runtime']['getManifest']>): { js: string[]; css: string[] } {
  const entry = manifest.content_scripts?.find((c) => c.js?.includes(PAGE_SCRIPT)) ?? manifest.content_scripts?.[0];
  return { js: entry?.js ?? [PAGE_SCRIPT], css: entry?.css ?? [] };
}

export async function injectIntoOpenTabs(deps: InjectDeps): Promise<{ injected: number; failed: number }> {
  const files = pageScriptFiles(deps.runtime.getManifest());
  const tabs = (await deps.tabs.query({})).filter((t) => t.id !== undefined && !t.discarded && scriptableUrl(t.url));
  const results = await Promise.allSettled(
    tabs.map(async (tab) => {
      const target = { tabId: tab.id as number, allFrames: true };
      if (files.css.length > 0) await deps.scripting.insertCSS({ target, files: files.css });
      await deps.scripting.executeScript({ target, files: files.js });
    }),
  );
  const injected = results.filter((r) => r.status === 'fulfilled').length;
  return { injected, failed: results.length - injected };
}

/**
 * Injects the full page script into exactly one document (or frame, where the browser names no
 * document), at once rather than at its document_idle. `target` comes from the browser's own
 * sender record of the asking bootstrap, so a page cannot point it at another frame.
 */
export async function injectPageScript(deps: Pick<InjectDeps, 'scripting'>, target: FrameTarget): Promise<void> {
  const frame = target.documentId
    ? { tabId: target.tabId, documentIds: [target.documentId] }
    : { tabId: target.tabId, frameIds: [target.frameId] };
  // The style is already there (manifest, beside the bootstrap): one call, not two, before numbers can show.
  await deps.scripting.executeScript({ target: frame, files: [FULL_PAGE_SCRIPT], injectImmediately: true });
}

/** Call once from the service worker's main(). */
export function registerInjectExistingTabs(deps: InjectDeps): void {
  deps.runtime.onInstalled.addListener((details) => {
    if (details.reason !== 'install' && details.reason !== 'update') return;
    injectIntoOpenTabs(deps).catch(() => {
      // No tabs API answer (shutting down): nothing to do.
    });
  });
}
