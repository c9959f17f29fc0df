/**
 * Page detection end to end with the real softphone: a number detected on a CRM page is
 * clicked, Dialbar's engine places the call through Kamailio, and the customer softphone
 * registered under the expected dial string rings. Needs the lab (Kamailio, test/lab) and a
 * build (`npx wxt build`; DIALBAR_EXTENSION overrides the path).
 */
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CustomerPage, type Lab, startLab } from '../lab/lab';
import { LAB_USERS } from '../lab/kamailio';
import { liveCall, openExtensionPage, signInWithUsPlan, US_USER, waitForSnapshot } from './support/dialbar';

const EXTENSION = process.env.DIALBAR_EXTENSION ?? '.output/chrome-mv3';
const hasBuild = existsSync(`${EXTENSION}/page.js`);

/** With home country US and international prefix 011, these are the SIP users the PBX sees. */
const UK_USER = '011442079460958';

/**
 * Every number of the formats page (test/lab/pages/crm/formats.html) with the user it must reach.
 * The one in a <button> is left out: a click there keeps the button's meaning (tested in
 * detection.test.ts), and "+1 650 555 0100" is a tel: link, dialled by a click on the link.
 */
const FORMATS_DIALS: Array<[shown: string, user: string]> = [
  ['+49 30 1234567', '01149301234567'],
  ['(415) 555-0132', US_USER],
  ['415 555-0199', '4155550199'],
  ['+1 415-555-0198 ext. 42', '4155550198'], // the extension is dropped (reached by DTMF later)
  ['+44 20 7946 0958', UK_USER],
  ['+33 1 42 68 53 00', '01133142685300'],
  ['+1 (212) 555-0147', '2125550147'],
  ['+81 3-1234-5678', '01181312345678'],
  ['+1 312 555 0175', '3125550175'], // in an open shadow root
];
const TEL_LINK_USER = '6505550100';

let lab: Lab;
let us: CustomerPage;
let uk: CustomerPage;
let crm: Page;

async function pointOfNumber(page: Page, text: string): Promise<{ x: number; y: number }> {
  for (let i = 0; i < 100; i++) {
    const point = await page.evaluate((wanted) => {
      for (const r of CSS.highlights.get('dialbar-phone') ?? []) {
        if (r.toString() !== wanted) continue;
        const first = (r as Range).getClientRects()[0];
        // Scrolled to the middle of the viewport when below or above it (a click there would miss).
        if (first && (first.top < 0 || first.bottom > innerHeight)) scrollBy(0, first.top - innerHeight / 2);
        const box = (r as Range).getClientRects()[0];
        if (box) return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
      }
      return null;
    }, text);
    if (point) return point;
    await page.waitForTimeout(50);
  }
  throw new Error(`"${text}" was never highlighted`);
}

describe.skipIf(!hasBuild)('detected numbers ring the right phone', () => {
  beforeAll(async () => {
    lab = await startLab({
      extensionPath: EXTENSION,
      kamailio: {
        users: {
          ...LAB_USERS,
          ...Object.fromEntries([...FORMATS_DIALS.map(([, user]) => user), TEL_LINK_USER].map((u) => [u, `${u}-secret`])),
          [US_USER]: 'us-secret',
          [UK_USER]: 'uk-secret',
        },
      },
    });
    lab.browser.context.setDefaultTimeout(10_000);
    await signInWithUsPlan(lab.browser.context, lab.kamailio.wsUrl);
    us = await lab.openCustomer(US_USER);
    uk = await lab.openCustomer(UK_USER);
    crm = await lab.browser.context.newPage();
    await crm.goto(lab.http.pageUrl('/crm/engine.html'));
  });

  afterAll(async () => {
    await lab?.stop();
  });

  it('a click on a detected national number, then "Call" on the card, rings it in national form', async () => {
    const since = Date.now();
    const { x, y } = await pointOfNumber(crm, '(415) 555-0132');
    await crm.mouse.click(x, y);
    await crm.waitForTimeout(300);
    await crm.keyboard.press('Enter'); // focus is on the card's "Call"
    const invite = await us.waitForEvent('invite', 15_000, since);
    expect(invite).toBeTruthy();
    await us.reject(486);
  });

  it('hovering then clicking each number of the formats page rings the customer under its dial string; traps ring no one', async () => {
    const customers = new Map<string, CustomerPage>([
      [US_USER, us],
      [UK_USER, uk],
    ]);
    for (const user of [...FORMATS_DIALS.map(([, u]) => u), TEL_LINK_USER]) {
      if (!customers.has(user)) customers.set(user, await lab.openCustomer(user));
    }
    const popup = await openExtensionPage(lab.browser.context, 'popup.html');
    const page = await lab.browser.context.newPage();
    await page.goto(lab.http.pageUrl('/crm/formats.html'));
    const reached: string[] = [];
    for (const [shown, user] of FORMATS_DIALS) {
      const customer = customers.get(user) as CustomerPage;
      const since = Date.now();
      const { x, y } = await pointOfNumber(page, shown);
      await page.mouse.move(x, y);
      await page.waitForTimeout(250); // the hover card opens
      await page.mouse.click(x, y);
      await page.waitForTimeout(300);
      await page.keyboard.press('Enter'); // focus is on the card's "Call"
      await customer.waitForEvent('invite', 15_000, since);
      await customer.reject(486);
      reached.push(user);
      await page.keyboard.press('Escape');
      await waitForSnapshot(popup, (snap) => liveCall(snap) === undefined); // the call ended
    }
    expect(reached).toEqual(FORMATS_DIALS.map(([, user]) => user));
    const since = Date.now();
    await page.click('#tel');
    const linked = customers.get(TEL_LINK_USER) as CustomerPage;
    await linked.waitForEvent('invite', 15_000, since);
    await linked.reject(486);
    // Traps on the same page: a click and Enter on each reaches no one.
    await page.waitForTimeout(1000);
    const invitesBefore = lab.kamailio.invites().length;
    for (const trap of ['100234567', '15.03.2024', '4111 1111 1111 1111', '192.168.0.1', '94107-1234', 'DE89 3704']) {
      const point = await page.evaluate((wanted) => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const at = (n as Text).data.indexOf(wanted);
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(n, at);
          range.setEnd(n, at + wanted.length);
          range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
          const box = range.getBoundingClientRect();
          return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
        }
        return null;
      }, trap);
      expect(point, trap).not.toBeNull();
      await page.mouse.move(point!.x, point!.y);
      await page.mouse.click(point!.x, point!.y);
      await page.keyboard.press('Enter');
    }
    await page.waitForTimeout(1500);
    expect(lab.kamailio.invites().length).toBe(invitesBefore);
    await page.close();
    await popup.close();
    for (const [user, customer] of customers) if (user !== US_USER && user !== UK_USER) await customer.close();
  });

  it('a tel: link with a foreign number rings it with the international prefix', async () => {
    await crm.waitForTimeout(2100);
    const since = Date.now();
    await crm.click('#uk');
    const invite = await uk.waitForEvent('invite', 15_000, since);
    expect(invite).toBeTruthy();
    await uk.reject(486);
  });
});
