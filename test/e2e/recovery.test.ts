/**
 * Recovery end to end: a lost engine comes back by itself, its call is ended at the far end,
 * an update waits for the call, and going back online reconnects at once. Real Chromium with the
 * built extension, real Kamailio, a real JsSIP customer page.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CustomerPage, type Lab, startLab } from '../lab/lab';
import { labAccount, liveCall, openExtensionPage, screenshotIfFailed, send, signInFromOptions, until, waitForSnapshot } from './support/dialbar';

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

  it('an answered incoming call (Dialbar the callee, on hold) is ended at the caller too when the document is lost', async () => {
    await popup.bringToFront();
    await customer.clearEvents();
    await customer.call('agent');
    await waitForSnapshot(popup, (s) => liveCall(s)?.state === 'incoming');
    await popup.getByTestId('answer-button').click();
    await waitForSnapshot(popup, (s) => liveCall(s)?.state === 'talking');
    // A hold re-INVITE moves our CSeq in this dialog: the kept record must follow it.
    await popup.getByTestId('hold-button').click();
    const held = await waitForSnapshot(popup, (s) => liveCall(s)?.state === 'held');
    await customer.waitForEvent('hold', 10_000);
    await until('the held call kept in storage.session', async () => (await keptCalls()) === 1);
    await customer.clearEvents();
    await lab.browser.closeOffscreen();
    await customer.waitForEvent('hangup', 15_000);
    expect((await customer.state()).lastEndedBy).toBe('remote');
    const after = await waitForSnapshot(popup, (s) => s.engineId !== held.engineId && s.calls[0]?.end?.error?.code === 'call-lost');
    expect(after.calls[0]).toMatchObject({ direction: 'incoming', remote: { number: 'customer' } });
  });

  it('back online, registers at once instead of at the end of the retry backoff', async () => {
    // Every REGISTER fails with 503 until the engine's backoff puts its next retry 8 s or more away.
    await lab.kamailio.setRegisterFault(503);
    const offscreen = await lab.browser.offscreenTarget();
    try {
      await offscreen.evaluateExpression('(async () => 1)()');
      const reply = await send(popup, 'background.signIn', null);
      expect(reply.ok).toBe(true);
      const waiting = await waitForSnapshot(
        popup,
        (s) => s.registration.state === 'waitingToRetry' && (s.registration.nextRetryAt ?? 0) - Date.now() >= 8_000,
        40_000,
      );
      const retryAt = waiting.registration.nextRetryAt as number;
      await lab.kamailio.setRegisterFault(null);
      const registersBefore = lab.kamailio.successfulRegisters('agent').length;
      // The browser says the network is back (the lab runs in a namespace without a network, so
      // Chromium's own online state never changes: the event is dispatched in the document).
      await offscreen.evaluateExpression("dispatchEvent(new Event('online'))");
      const registered = await until(
        'a REGISTER accepted before the scheduled retry',
        async () => lab.kamailio.successfulRegisters('agent')[registersBefore],
        Math.max(1_000, retryAt - Date.now() - 1_000),
      );
      expect(registered.at).toBeLessThan(retryAt);
      await waitForSnapshot(popup, (s) => s.registration.state === 'registered');
    } finally {
      await lab.kamailio.setRegisterFault(null);
      await offscreen.detach();
    }
  });

  it('an update during a call waits, says so in the popup, and the worker reloads the extension once the call ended', async () => {
    await talking();
    // In this lab a real runtime.reload() leaves the command-line-loaded extension gone (no
    // targets for 20 s, measured), so the worker's reload is counted instead of done.
    await lab.browser.swEvaluate(() => {
      const count = () => {
        const g = globalThis as { dialbarReloads?: number };
        g.dialbarReloads = (g.dialbarReloads ?? 0) + 1;
      };
      for (const ns of [chrome, (globalThis as { browser?: typeof chrome }).browser]) {
        if (ns?.runtime) Object.defineProperty(ns.runtime, 'reload', { value: count, configurable: true, writable: true });
      }
    });
    const reloads = () => lab.browser.swEvaluate(() => (globalThis as { dialbarReloads?: number }).dialbarReloads ?? 0);
    // Chromium's extension events can be dispatched from the worker itself (DevTools only):
    // this runs Dialbar's own onUpdateAvailable listener as an update download would.
    await lab.browser.swEvaluate(() => {
      (chrome.runtime.onUpdateAvailable as unknown as { dispatch(details: { version: string }): void }).dispatch({ version: '9.9.9' });
    });
    await expect.poll(() => popup.getByTestId('update-waiting').textContent()).toBe('An update is waiting for your call to end.');
    expect((await waitForSnapshot(popup, (s) => s.updateWaiting === true)).calls.some((c) => c.state === 'talking')).toBe(true);
    expect(await lab.browser.swEvaluate(async () => (await chrome.storage.session.get('updatePending')).updatePending)).toBe(true);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await reloads()).toBe(0);
    await customer.hangup();
    await until('the worker to reload the extension', async () => (await reloads()) === 1, 10_000);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await reloads()).toBe(1);
  });
});
