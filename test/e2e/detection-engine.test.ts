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
import { labAccount, openExtensionPage, send } from './support/dialbar';

const EXTENSION = process.env.DIALBAR_EXTENSION ?? '.output/chrome-mv3';
const hasBuild = existsSync(`${EXTENSION}/content-scripts/page.js`);

/** With home country US and international prefix 011, these are the SIP users the PBX sees. */
const US_USER = '4155550132';
const UK_USER = '011442079460958';

let lab: Lab;
let us: CustomerPage;
let uk: CustomerPage;
let crm: Page;

async function pointOfNumber(page: Page, text: string): Promise<{ x: number; y: number }> {
  for (let i = 0; i < 100; i++) {
    const point = await page.evaluate((wanted) => {
      for (const r of CSS.highlights.get('dialbar-phone') ?? []) {
        if (r.toString() !== wanted) continue;
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
      kamailio: { users: { ...LAB_USERS, [US_USER]: 'us-secret', [UK_USER]: 'uk-secret' } },
    });
    lab.browser.context.setDefaultTimeout(10_000);
    const options = await openExtensionPage(lab.browser.context, 'options.html');
    const saved = await send(
      options,
      'background.testConnection',
      labAccount(lab.kamailio.wsUrl, { dialPlan: { outboundPrefix: '', homeCountry: 'US', internationalPrefix: '011' } }),
    );
    expect(saved).toMatchObject({ ok: true, value: { ok: true } });
    await options.close();
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

  it('a tel: link with a foreign number rings it with the international prefix', async () => {
    await crm.waitForTimeout(2100);
    const since = Date.now();
    await crm.click('#uk');
    const invite = await uk.waitForEvent('invite', 15_000, since);
    expect(invite).toBeTruthy();
    await uk.reject(486);
  });
});
