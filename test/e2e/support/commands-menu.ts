/**
 * The closest routes to a person that headless Chromium 156 offers for Dialbar's keyboard
 * commands and its "Call selection" menu item (measured in the lab, see
 * test/e2e/commands-menu.test.ts for what each leaves unproven).
 */
import type { Page } from 'playwright-core';
import type { LabBrowser } from '../../lab/browser';

const ALT = 1;
const SHIFT = 8;

/**
 * Presses Alt+Shift+<letter> on `page` as a key event the browser receives (CDP
 * Input.dispatchKeyEvent, `rawKeyDown` then `keyUp`): Chrome's own accelerator handling sees it
 * before the page and turns a bound shortcut into `commands.onCommand`. Playwright's
 * `keyboard.press('Alt+Shift+…')` did not fire extension commands here; this does.
 */
export async function pressShortcut(page: Page, letter: string): Promise<void> {
  const key = letter.toUpperCase();
  const keyCode = key.charCodeAt(0);
  await page.bringToFront();
  const cdp = await page.context().newCDPSession(page);
  try {
    for (const type of ['rawKeyDown', 'keyUp'] as const) {
      await cdp.send('Input.dispatchKeyEvent', {
        type,
        modifiers: ALT | SHIFT,
        key,
        code: `Key${key}`,
        windowsVirtualKeyCode: keyCode,
        nativeVirtualKeyCode: keyCode,
      });
    }
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** The shortcuts Chrome has bound for the extension now, by command name ('' = none). */
export async function boundShortcuts(browser: LabBrowser): Promise<Record<string, string>> {
  const commands = await browser.swEvaluate(() => chrome.commands.getAll());
  return Object.fromEntries(commands.map((c) => [c.name ?? '', c.shortcut ?? '']));
}

/** Selects the whole text of the element matching `selector` with a real triple click. */
export async function selectText(page: Page, selector: string): Promise<string> {
  await page.bringToFront();
  await page.click(selector, { clickCount: 3 });
  return page.evaluate(() => getSelection()?.toString() ?? '');
}

/**
 * Clicks the extension's context-menu item on `page`'s current selection. Headless Chromium
 * opens no context menu and CDP has no command for one, so the click is dispatched in the
 * service worker (CDP Runtime.evaluate) through `chrome.contextMenus.onClicked.dispatch`: the
 * listeners Dialbar registered get the OnClickData Chrome builds for a click (menu item id,
 * the page's selection as `selectionText`, page URL, frame, not editable) and the real tab.
 * It first checks the item exists (`contextMenus.update` rejects an unknown id).
 */
export async function clickContextMenuItem(browser: LabBrowser, page: Page, menuItemId: string): Promise<void> {
  const selectionText = await page.evaluate(() => getSelection()?.toString() ?? '');
  await browser.swEvaluate(
    async ({ menuItemId, pageUrl, selectionText }) => {
      await chrome.contextMenus.update(menuItemId, {});
      const [tab] = await chrome.tabs.query({ url: pageUrl });
      if (!tab) throw new Error(`no tab with ${pageUrl}`);
      const info = { menuItemId, selectionText, pageUrl, frameId: 0, editable: false };
      (chrome.contextMenus.onClicked as unknown as { dispatch(info: object, tab: chrome.tabs.Tab): void }).dispatch(info, tab);
    },
    { menuItemId, pageUrl: page.url(), selectionText },
  );
}

/**
 * Records the message of every notification the worker creates from now on (the notifications
 * API's getAll() gives ids only). The recorder calls through, so the notification is still shown.
 */
export async function recordNotifications(browser: LabBrowser): Promise<void> {
  await browser.swEvaluate(() => {
    const g = globalThis as unknown as { shownMessages?: string[] };
    if (g.shownMessages) return;
    g.shownMessages = [];
    const spaces = new Set([chrome.notifications, (globalThis as unknown as { browser?: typeof chrome }).browser?.notifications]);
    for (const api of spaces) {
      if (!api) continue;
      const create = api.create.bind(api) as (...args: unknown[]) => unknown;
      (api as unknown as { create: (...args: unknown[]) => unknown }).create = (...args: unknown[]) => {
        const options = args.find((a): a is { message: string } => typeof a === 'object' && a !== null && 'message' in a);
        if (options) g.shownMessages?.push(options.message);
        return create(...args);
      };
    }
  });
}

/** The messages recorded since recordNotifications, and the ids of the notifications shown now. */
export async function notificationsShown(browser: LabBrowser): Promise<{ messages: string[]; ids: string[] }> {
  return browser.swEvaluate(async () => ({
    messages: (globalThis as unknown as { shownMessages?: string[] }).shownMessages ?? [],
    ids: Object.keys(await chrome.notifications.getAll()),
  }));
}
