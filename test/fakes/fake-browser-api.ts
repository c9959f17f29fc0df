import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { BrowserApi } from '../../src/platform';

/**
 * WXT 0.20's fakeBrowser (@webext-core/fake-browser 1.5) is typed with webextension-polyfill's
 * types, the real `browser` with @wxt-dev/browser's. Both describe the same calls; this is the
 * one place the tests bridge the two.
 */
export const fakeBrowserApi = fakeBrowser as unknown as BrowserApi;

/** The options of each notification fakeBrowser shows now, by id (fake-browser 1.5 keeps them as getAll()'s values). */
export async function notificationOptions(): Promise<Record<string, { title?: string; message?: string; buttons?: unknown }>> {
  return fakeBrowser.notifications.getAll();
}

/** Whether a fake event has listeners: fake-browser has `hasListeners` at run time, its types omit it. */
export function hasListeners(event: object): boolean {
  const probe = event as { hasListeners?: () => boolean };
  if (typeof probe.hasListeners !== 'function') throw new Error('not a fakeBrowser event');
  return probe.hasListeners();
}
