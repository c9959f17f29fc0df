/**
 * The push channel to content scripts, in real Chromium against Kamailio: a frame that opened
 * the hover card follows the phone's state as the service worker pushes it, sees only the calls
 * its own tab started, and keeps hearing after the service worker was stopped.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContentSnapshot } from '../../src/contract/snapshot';
import { LAB_USERS } from '../lab/kamailio';
import { type CustomerPage, type Lab, startLab } from '../lab/lab';
import { BUILD, cardText, hasBuild, pointOf } from './detection-support';
import { inContentScript, signInWithUsPlan, US_USER } from './support/dialbar';


let lab: Lab;
let customer: CustomerPage;

const phoneOf = (page: Page) => inContentScript<ContentSnapshot | null>(page, `globalThis[Symbol.for('dialbar.debug')].phone()`);

async function waitForPhone(page: Page, test: (s: ContentSnapshot) => boolean, timeoutMs = 10_000): Promise<ContentSnapshot> {
  const deadline = Date.now() + timeoutMs;
  let last: ContentSnapshot | null = null;
  while (Date.now() < deadline) {
    last = await phoneOf(page);
    if (last && test(last)) return last;
    await page.waitForTimeout(100);
  }
  throw new Error(`pushed view never matched; last: ${JSON.stringify(last)}`);
}

async function hover(page: Page, text: string): Promise<void> {
  const { x, y } = await pointOf(page, text);
  await page.mouse.move(x, y);
}

async function waitForCardText(page: Page, pattern: RegExp): Promise<string> {
  const deadline = Date.now() + 10_000;
  let last: string | null = null;
  while (Date.now() < deadline) {
    last = await cardText(page);
    if (last && pattern.test(last)) return last;
    await page.waitForTimeout(100);
  }
  throw new Error(`card never showed ${pattern}; last: ${last}`);
}

describe.skipIf(!hasBuild)('push channel to content scripts', () => {
  beforeAll(async () => {
    lab = await startLab({ extensionPath: BUILD, kamailio: { users: { ...LAB_USERS, [US_USER]: 'us-secret' } } });
    lab.browser.context.setDefaultTimeout(10_000);
    await signInWithUsPlan(lab.browser.context, lab.kamailio.wsUrl);
    customer = await lab.openCustomer(US_USER);
  });

  afterAll(async () => {
    await lab?.stop();
  });

  it('follows the phone from the first hover, tells other tabs only that the line is busy, and survives a stopped worker', async () => {
    const crm = await lab.browser.context.newPage();
    await crm.goto(lab.http.pageUrl('/crm/engine.html'));
    const other = await lab.browser.context.newPage();
    await other.goto(lab.http.pageUrl('/crm/formats.html'));

    // Nothing is followed until someone reaches for a number. The page script comes after the
    // bootstrap asked the service worker for it, which may be after the load event: wait for the mark.
    await expect.poll(() => pointOf(crm, '(415) 555-0132').then(() => true, () => false)).toBe(true);
    expect(await phoneOf(crm)).toBeNull();
    await hover(crm, '(415) 555-0132');
    const first = await waitForPhone(crm, (s) => s.registration.state === 'registered');
    expect(first).toMatchObject({ dial: { allowed: true, refusal: null }, calls: [] });
    await hover(other, '+49 30 1234567');
    await waitForPhone(other, (s) => s.dial.allowed);

    // A call from the CRM tab: that tab follows its call, the other hears only that the line is busy.
    const since = Date.now();
    const { x, y } = await pointOf(crm, '(415) 555-0132');
    await crm.mouse.click(x, y);
    await crm.waitForTimeout(300);
    await crm.keyboard.press('Enter');
    await customer.waitForEvent('invite', 15_000, since);
    await customer.answer();
    const talking = await waitForPhone(crm, (s) => s.calls[0]?.state === 'talking');
    expect(talking.dial).toEqual({ allowed: false, refusal: { code: 'call-in-progress', message: 'Finish the current call before starting another.' } });
    const busy = await waitForPhone(other, (s) => !s.dial.allowed);
    expect(busy.calls).toEqual([]);
    expect(JSON.stringify(busy)).not.toContain(US_USER);

    // The other tab's card says so before anyone clicks Call.
    await other.mouse.move(5, 5);
    await other.waitForTimeout(600);
    await hover(other, '(415) 555-0132');
    expect(await waitForCardText(other, /Finish the current call/)).toMatch(/Finish the current call before starting another\./);

    // With the worker stopped, the engine's next change still reaches both frames: the broadcast
    // wakes the worker, which reads its subscribers back from session storage.
    await lab.browser.stopServiceWorker();
    expect(await lab.browser.serviceWorkerStatus()).toBe('stopped');
    await customer.hangup();
    const ended = await waitForPhone(crm, (s) => s.calls[0]?.state === 'ended' && s.dial.allowed);
    expect(ended.seq).toBeGreaterThan(talking.seq);
    await waitForPhone(other, (s) => s.dial.allowed);
    // The hint goes with the busy line.
    await waitForCardText(other, /^(?!.*Finish the current call)/);
    await crm.close();
    await other.close();
  });
});
