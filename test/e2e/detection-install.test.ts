/**
 * Pages opened before Dialbar was installed or updated. Chromium does not put a manifest's
 * content scripts into pages that are already open; Dialbar's service worker injects its page
 * script into them on install and update. Here the browser starts without Dialbar, a page is
 * opened, and Dialbar is installed into the running browser (DevTools' Extensions.loadUnpacked),
 * then installed again from the same folder, which Chromium treats as an update.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type LabBrowser, launchBrowser } from '../lab/browser';
import { type LabHttpServer, startHttpServer } from '../lab/http-server';
import { BUILD, FORMATS_EXPECTED, hasBuild, highlightTexts, PAGES, pointOf, waitForCard } from './detection-support';

let browser: LabBrowser;
let server: LabHttpServer;
let browserCdp: CDPSession;
let copy = '';
let page: Page;
const errors: string[] = [];

/** Installs (or, the second time, updates) Dialbar from the copy of the build. */
async function install(): Promise<string> {
  const { id } = (await browserCdp.send('Extensions.loadUnpacked' as never, { path: copy } as never)) as { id: string };
  return id;
}

/** Clicks a number, checks there is exactly one card, presses "Call": the worker's answer shows. */
async function dialFromCard(shown: RegExp, number: string): Promise<void> {
  const { x, y } = await pointOf(page, number);
  await page.mouse.click(x, y);
  await waitForCard(page, shown);
  expect(await page.evaluate(() => document.querySelectorAll('dialbar-card').length)).toBe(1);
  await page.keyboard.press('Enter'); // focus is on "Call"
  // No account in this browser: the worker says so, which proves the request reached it.
  const text = await waitForCard(page, /no phone account/);
  expect(text).not.toMatch(/Something went wrong|invalidated/i);
  await page.keyboard.press('Escape');
}

describe.skipIf(!hasBuild)('pages opened before Dialbar was installed or updated', () => {
  beforeAll(async () => {
    // A private copy: other test files may rebuild .output meanwhile.
    copy = await mkdtemp(path.join(tmpdir(), 'dialbar-install-ext-'));
    await cp(BUILD, copy, { recursive: true });
    server = await startHttpServer({ root: PAGES });
    browser = await launchBrowser({ args: ['--enable-unsafe-extension-debugging'], locale: 'en-US' });
    browserCdp = await browser.browser.newBrowserCDPSession();
    page = await browser.context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && m.location().url.startsWith('chrome-extension://')) errors.push(m.text());
    });
    await page.goto(`${server.url}/formats.html`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (copy) await rm(copy, { recursive: true, force: true });
  });

  test('on install, an open page gets marks, a card and dials, without being reloaded', async () => {
    await page.waitForTimeout(500);
    expect(await highlightTexts(page)).toBeNull();
    expect(await install()).toBe('pblledkpgccemehljjoomehmljkfcbnl');
    await expect.poll(() => highlightTexts(page), { timeout: 15_000 }).toEqual(FORMATS_EXPECTED);
    await dialFromCard(/\+33 1 42 68 53 00.*France/, '+33 1 42 68 53 00');
    expect(errors).toEqual([]);
  });

  test('on update, the new page script takes over from the orphaned one: its own highlight, one card, dials', async () => {
    await page.evaluate(() => {
      (window as unknown as { before: unknown }).before = CSS.highlights.get('dialbar-phone');
    });
    await page.waitForTimeout(2100); // the same number may not be dialled twice within 2 s
    await install();
    await expect
      .poll(
        () =>
          page.evaluate(() => {
            const now = CSS.highlights.get('dialbar-phone');
            return now !== undefined && now !== (window as unknown as { before: unknown }).before;
          }),
        { timeout: 15_000 },
      )
      .toBe(true);
    await expect.poll(() => highlightTexts(page), { timeout: 15_000 }).toEqual(FORMATS_EXPECTED);
    await dialFromCard(/\+44 20 7946 0958/, '+44 20 7946 0958');
    expect(errors).toEqual([]);
  });
});
