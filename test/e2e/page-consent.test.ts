/**
 * The page API's consent window end to end: the built extension in real Chromium against real
 * Kamailio and the customer's JsSIP page. An allowed origin whose consent was never asked uses
 * the API; the service worker opens Dialbar's own consent window (consent.html in a popup
 * window, which the page can neither draw nor answer); meanwhile the page is refused with
 * page-consent-needed; Allow lets the next click dial (the customer rings). A second origin
 * answered "Don't allow" is refused with page-consent-refused and nothing rings.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CustomerPage, type Lab, startLab } from '../lab/lab';
import { labAccount, liveCall, openExtensionPage, screenshotIfFailed, signInFromOptions, until, waitForSnapshot } from './support/dialbar';

const EXTENSION = process.env.DIALBAR_EXTENSION ?? '.output/chrome-mv3';

interface DialResult {
  ok: boolean;
  code?: string;
  message?: string;
  value?: unknown;
}

let lab: Lab;
let customer: CustomerPage;
let options: Page;
let current: Page | undefined;

const results = (page: Page) => page.evaluate(() => (window as unknown as { pageApi: { results: DialResult[] } }).pageApi.results);

/** Clicks the CRM's Call button (a real click: transient activation) and returns that click's result. */
async function clickDial(page: Page): Promise<DialResult> {
  const before = (await results(page)).length;
  await page.bringToFront();
  await page.click('#dial');
  return until('the click’s result', async () => (await results(page))[before], 30_000);
}

async function openCrm(url: string): Promise<Page> {
  const page = await lab.browser.context.newPage();
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await until('the CRM page to connect or fail', () => page.evaluate(() => {
    const api = (window as unknown as { pageApi?: { connected: boolean; error: unknown } }).pageApi;
    return Boolean(api && (api.connected || api.error !== null));
  }), 30_000);
  return page;
}

/** Dialbar's consent window for `origin`, found among the browser's pages by its URL. */
function consentWindow(origin: string): Promise<Page> {
  return until(
    `the consent window for ${origin}`,
    async () => lab.browser.context.pages().find((p) => p.url().includes('consent.html') && new URL(p.url()).searchParams.get('origin') === origin),
    30_000,
  );
}

const storedConsent = (pattern: string) =>
  options.evaluate(
    async (p) => ((await chrome.storage.local.get('pageAccess')).pageAccess as { origins: Array<{ pattern: string; consent: boolean | null }> }).origins.find((r) => r.pattern === p)?.consent,
    pattern,
  );

let first: string;
let second: string;

beforeAll(async () => {
  lab = await startLab({ extensionPath: EXTENSION });
  customer = lab.customer as CustomerPage;
  lab.browser.context.setDefaultTimeout(15_000);
  const reply = await signInFromOptions(lab.browser.context, labAccount(lab.kamailio.wsUrl));
  expect(reply).toMatchObject({ ok: true, value: { ok: true } });
  options = await openExtensionPage(lab.browser.context, 'options.html');
  await waitForSnapshot(options, (s) => s.registration.state === 'registered');
  first = new URL(lab.http.url).origin;
  second = first.replace('127.0.0.1', 'localhost');
  // Both origins allowed, neither asked yet (consent null).
  await options.evaluate(
    (list) => chrome.storage.local.set({ pageAccess: { origins: list } }),
    [first, second].map((pattern) => ({ pattern, silentDial: false, shims: false, consent: null })),
  );
}, 180_000);

afterEach(async (ctx) => {
  if (current) await screenshotIfFailed(ctx, current, 'page-consent');
  await customer.hangup().catch(() => {});
  await waitForSnapshot(options, (s) => !liveCall(s), 20_000).catch(() => {});
});

afterAll(async () => {
  await lab?.stop();
});

describe('page API consent window', () => {
  it('asks in Dialbar’s own window; the page is refused meanwhile; Allow lets the next click dial (the customer rings)', async () => {
    await customer.setAutoAnswer(false);
    await customer.clearEvents();
    const page = await openCrm(lab.http.pageUrl('/page-api/crm.html'));
    current = page;
    const prompt = await consentWindow(first);
    expect(await prompt.textContent('[data-testid="consent-origin"]')).toBe(first);

    // While the question is open, a click on the page is refused in words, and nothing rings.
    const waiting = await clickDial(page);
    expect(waiting).toMatchObject({ ok: false, code: 'page-consent-needed', message: expect.stringContaining('permission') });
    expect((await customer.events()).some((e) => e.type === 'invite')).toBe(false);

    await prompt.click('[data-testid="consent-allow"]');
    await until('the consent to be stored', async () => (await storedConsent(first)) === true, 15_000);

    const dialled = await clickDial(page);
    expect(dialled).toMatchObject({ ok: true, value: { callId: expect.any(String) } });
    await customer.waitForEvent('invite', 20_000);
  });

  it('a second origin answered “Don’t allow” is refused with page-consent-refused, and nothing rings', async () => {
    await customer.clearEvents();
    const page = await openCrm(lab.http.pageUrl('/page-api/crm.html').replace('127.0.0.1', 'localhost'));
    current = page;
    const prompt = await consentWindow(second);
    expect(await prompt.textContent('[data-testid="consent-origin"]')).toBe(second);
    await prompt.click('[data-testid="consent-deny"]');
    await until('the refusal to be stored', async () => (await storedConsent(second)) === false, 15_000);

    const refused = await clickDial(page);
    expect(refused).toMatchObject({ ok: false, code: 'page-consent-refused', message: expect.stringContaining('did not allow') });
    await page.waitForTimeout(1_000);
    expect((await customer.events()).some((e) => e.type === 'invite')).toBe(false);
    // The first origin's consent is untouched by the second's answer.
    expect(await storedConsent(first)).toBe(true);
  });
});
