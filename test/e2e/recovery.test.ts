/**
 * Recovery end to end: a lost engine comes back by itself, its call is ended at the far end,
 * an update waits for the call, and going back online reconnects at once. Real Chromium with the
 * built extension, real Kamailio, a real JsSIP customer page.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CustomerPage, type Lab, startLab } from '../lab/lab';
import { labAccount, liveCall, openExtensionPage, screenshotIfFailed, signInFromOptions, until, waitForSnapshot } from './support/dialbar';

const EXTENSION = process.env.DIALBAR_EXTENSION ?? '.output/chrome-mv3';
let lab: Lab;
let customer: CustomerPage;
let popup: Page;

/** Dials the customer from the popup; the customer answers; both sides are connected. */
async function talking() {
  await customer.setAutoAnswer(true);
  await popup.bringToFront();
  await popup.getByTestId('dial-input').fill('customer');
  await popup.getByTestId('dial-button').click();
  const s = await waitForSnapshot(popup, (x) => liveCall(x)?.state === 'talking');
  await customer.waitForStatus('active', 10_000);
  return s;
}

/** The worker's storage.session, as the engine's record was kept there. */
async function keptCalls(): Promise<number> {
  return lab.browser.swEvaluate(async () => {
    const { engineRecord } = (await chrome.storage.session.get('engineRecord')) as { engineRecord?: { calls: unknown[] } };
    return engineRecord?.calls.length ?? 0;
  });
}

beforeAll(async () => {
  lab = await startLab({ extensionPath: EXTENSION });
  customer = lab.customer as CustomerPage;
  lab.browser.context.setDefaultTimeout(10_000);
  const reply = await signInFromOptions(lab.browser.context, labAccount(lab.kamailio.wsUrl, { autoSignIn: false }));
  expect(reply).toMatchObject({ ok: true, value: { ok: true } });
  popup = await openExtensionPage(lab.browser.context, 'popup.html');
});

afterEach(async (ctx) => {
  await screenshotIfFailed(ctx, popup, 'recovery');
  if ((await customer.state()).status === 'active') await customer.hangup().catch(() => {});
});

afterAll(async () => {
  await lab?.stop();
});

describe('recovery', () => {
  it('probe', async () => {
    const r = await lab.browser.swEvaluate(() => {
      const ev = chrome.runtime.onUpdateAvailable as unknown as Record<string, unknown>;
      return Object.getOwnPropertyNames(Object.getPrototypeOf(ev)).join(',') + ' | ' + Object.keys(ev).join(',');
    });
    console.log('onUpdateAvailable props', r);
  });

  it('a closed offscreen document comes back by itself, registers again, ends the call at the customer and shows the loss', async () => {
    const before = await talking();
    await until('the call kept in storage.session', async () => (await keptCalls()) === 1);
    const registersBefore = lab.kamailio.successfulRegisters('agent').length;
    await customer.clearEvents();
    await lab.browser.closeOffscreen();
    // Nothing touched from here: no popup click, no dial.
    await until('a new REGISTER at Kamailio', async () => lab.kamailio.successfulRegisters('agent').length > registersBefore, 5_000);
    await customer.waitForEvent('hangup', 10_000);
    expect((await customer.state()).lastEndedBy).toBe('remote');
    const after = await waitForSnapshot(popup, (s) => s.engineId !== before.engineId && s.registration.state === 'registered');
    expect(after.calls[0]).toMatchObject({ state: 'ended', end: { by: 'system', error: { code: 'call-lost' } } });
    await expect.poll(() => popup.getByTestId('call-lost').textContent()).toContain('was lost when Dialbar’s phone restarted');
    expect(await lab.kamailio.contacts('agent')).toHaveLength(1);
  });
});
