/**
 * The dial policy and the page dial rate limit, end to end: the built extension in headless
 * Chromium against real Kamailio. A premium-rate number (+1 900 555 0100) is a registered lab
 * phone (user 9005550100, what the US dial plan dials it as), so a dial that slipped through would
 * ring it: each source is refused with the rule named and that phone never sees an INVITE.
 * Context menu and shortcut are triggered as in commands-menu.test.ts (see its notes).
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PREFS } from '../../src/settings/prefs';
import { LAB_USERS } from '../lab/kamailio';
import { type CustomerPage, type Lab, startLab } from '../lab/lab';
import { pointOf, waitForCard } from './detection-support';
import { clickContextMenuItem, notificationsShown, pressShortcut, recordNotifications, selectText } from './support/commands-menu';
import { inContentScript, openExtensionPage, screenshotIfFailed, signInWithUsPlan, until } from './support/dialbar';

const EXTENSION = process.env.DIALBAR_EXTENSION ?? '.output/chrome-mv3';
const PREMIUM = '9005550100';
const CRM = '<!doctype html><title>CRM</title><p id="premium">+1 (900) 555-0100</p><p id="office">+1 (415) 555-0132</p>';
const BLOCKED = /Dialbar’s dial policy blocks this number: it starts with a blocked prefix.*Blocked: numbers starting with \+1 900\./;

let lab: Lab;
let premium: CustomerPage;
let popup: Page;
let crm: Page;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
type Reply = { ok: boolean; error?: { code: string; message: string } };
const forgedDial = (page: Page, number: string) =>
  inContentScript<Reply>(page, `chrome.runtime.sendMessage({ dialbar: 1, type: 'background.dial', payload: { number: ${JSON.stringify(number)}, shown: 'x', source: 'page' } })`);

/** The premium phone saw no INVITE at all (given time for one to arrive). */
async function premiumNeverRang(): Promise<void> {
  await sleep(2_000);
  expect((await premium.events()).filter((e) => e.type === 'invite')).toEqual([]);
}

/** The next problem notification's message. */
async function nextProblem(before: number): Promise<string> {
  return until('a notification', async () => {
    const { messages } = await notificationsShown(lab.browser);
    return messages.length > before && messages[messages.length - 1];
  });
}

beforeAll(async () => {
  lab = await startLab({
    extensionPath: EXTENSION,
    kamailio: { users: { ...LAB_USERS, [PREMIUM]: 'premium-secret' } },
    http: { routes: { '/crm.html': CRM } },
  });
  premium = await lab.openCustomer(PREMIUM, { autoAnswer: true });
  lab.browser.context.setDefaultTimeout(10_000);
  await signInWithUsPlan(lab.browser.context, lab.kamailio.wsUrl, {
    dialPolicy: { blockedPrefixes: ['+1 900'], blockInternational: false, allowedNumbers: [], maxLength: 0 },
  });
  // A click on a number calls at once (no card first), as an agent may set it.
  await lab.browser.swEvaluate((prefs) => chrome.storage.local.set({ prefs }), { ...DEFAULT_PREFS, clickAction: 'call' as const });
  popup = await openExtensionPage(lab.browser.context, 'popup.html');
  crm = await lab.browser.context.newPage();
  await crm.goto(lab.http.pageUrl('/crm.html'));
  await recordNotifications(lab.browser);
  await premium.clearEvents();
});

afterEach(async (ctx) => {
  await screenshotIfFailed(ctx, crm, 'dial-policy');
});

afterAll(async () => {
  await lab?.stop();
});

describe('a blocked prefix is refused from every source, and nothing rings', () => {
  it('from the popup: the call error names the rule', async () => {
    await popup.bringToFront();
    await popup.getByTestId('dial-input').fill('+1 (900) 555-0100');
    await popup.getByTestId('dial-button').click();
    await expect.poll(() => popup.getByTestId('call-error').textContent(), { timeout: 15_000 }).toMatch(BLOCKED);
    await premiumNeverRang();
  });

  it('from a click on the number on a page: the card says why', async () => {
    await crm.bringToFront();
    const { x, y } = await until('the number to be highlighted', async () => pointOf(crm, '+1 (900) 555-0100').catch(() => false));
    await crm.mouse.click(x, y);
    expect(await waitForCard(crm, /dial policy/, 15_000)).toMatch(BLOCKED);
    await premiumNeverRang();
  });

  it('from a forged content-script message (a compromised renderer): the service worker refuses it', async () => {
    expect(await forgedDial(crm, '1-900-555-0100')).toMatchObject({ ok: false, error: { code: 'dial-policy-blocked-prefix', message: expect.stringMatching(BLOCKED) } });
    await premiumNeverRang();
  });

  it('from the context menu and the call-selection shortcut: a notification names the rule', async () => {
    let before = (await notificationsShown(lab.browser)).messages.length;
    expect(await selectText(crm, '#premium')).toContain('+1 (900) 555-0100');
    await clickContextMenuItem(lab.browser, crm, 'dialbar-call-selection');
    expect(await nextProblem(before)).toMatch(BLOCKED);

    before = (await notificationsShown(lab.browser)).messages.length;
    expect(await selectText(crm, '#premium')).toContain('+1 (900) 555-0100');
    await pressShortcut(crm, 'D');
    expect(await nextProblem(before)).toMatch(BLOCKED);
    await premiumNeverRang();
  });
});

describe('the rate limit on page dials', () => {
  it('refuses a burst from one origin past 20 dials a minute, also after the worker restarts, and a click then says why', async () => {
    // Another origin than the tests above (localhost, not 127.0.0.1): its own, untouched count.
    const page = await lab.browser.context.newPage();
    await page.goto(lab.http.pageUrl('/crm.html').replace('127.0.0.1', 'localhost'));
    const replies = await Promise.all(Array.from({ length: 24 }, () => forgedDial(page, '+19005550100')));
    const codes = replies.map((r) => r.error?.code);
    expect(codes.filter((c) => c === 'dial-policy-blocked-prefix')).toHaveLength(20);
    expect(codes.filter((c) => c === 'dial-rate-limited')).toHaveLength(4);
    expect(replies.find((r) => r.error?.code === 'dial-rate-limited')?.error?.message).toMatch(
      /This page asked to dial too often.*http:\/\/localhost:\d+ may dial at most 20 times in 60 s/,
    );

    // The count is in storage.session: a stopped worker does not forget it.
    await lab.browser.stopServiceWorker();
    expect(await forgedDial(page, '+14155550132')).toMatchObject({ ok: false, error: { code: 'dial-rate-limited' } });

    // A real click on an allowed number from that origin is refused with the same sentence.
    await page.bringToFront();
    const { x, y } = await until('the number to be highlighted', async () => pointOf(page, '+1 (415) 555-0132').catch(() => false));
    await page.mouse.click(x, y);
    expect(await waitForCard(page, /too often/, 15_000)).toMatch(/This page asked to dial too often/);
    await premiumNeverRang();
    await page.close();
  });
});
