/**
 * The agent desk end to end, driven from the popup as an agent would: sign in (lands Not ready),
 * go Ready, take a customer's call, hang up, after-call work, Ready again by the wrap-up timer;
 * Not ready with a reason turns a caller away with 486; a failed outbound call (404) still gives
 * after-call work; the service worker stopped and the offscreen document recreated while Not
 * ready leave the agent Not ready with the same reason. Real Kamailio, real WebRTC, real Chromium.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../lab/browser';
import { type CustomerPage, type Lab, startLab } from '../lab/lab';
import { DEFAULT_AGENT_SETTINGS } from '../../src/settings/agent-settings';
import { labAccount, liveCall, openExtensionPage, screenshotIfFailed, signInFromOptions, snapshot, waitForSnapshot } from './support/dialbar';

const EXTENSION = process.env.DIALBAR_EXTENSION ?? '.output/chrome-mv3';
/** Short enough for a test, long enough to be seen under load. */
const WRAP_UP_SECONDS = 4;
let lab: Lab;
let customer: CustomerPage;
let popup: Page;

const agentState = () => popup.getByTestId('agent-state').getAttribute('data-state');
const agentWords = () => popup.getByTestId('agent-state').textContent();

beforeAll(async () => {
  lab = await startLab({ extensionPath: EXTENSION });
  customer = lab.customer as CustomerPage;
  lab.browser.context.setDefaultTimeout(15_000);
  const account = labAccount(lab.kamailio.wsUrl, {
    agentDesk: { ...DEFAULT_AGENT_SETTINGS, afterCall: 'timer', afterCallSeconds: WRAP_UP_SECONDS, whenUnavailable: 'reject', unavailableCode: 486 },
  });
  const reply = await signInFromOptions(lab.browser.context, account);
  expect(reply).toMatchObject({ ok: true, value: { ok: true } });
  popup = await openExtensionPage(lab.browser.context, 'popup.html');
});

afterEach(async (ctx) => {
  await screenshotIfFailed(ctx, popup, 'agent-desk');
});

afterAll(async () => {
  await lab?.stop();
});

describe('the agent desk from the popup', () => {
  it('signing in lands in Not ready (“Signed in”); Ready only by a click', async () => {
    await expect.poll(agentState, { timeout: 15_000 }).toBe('notReady');
    expect(await agentWords()).toBe('Not ready: Signed in');
    expect(await popup.getByTestId('agent-end-wrap-up-button').count()).toBe(0);
    await popup.getByTestId('agent-ready-button').click();
    await expect.poll(agentState).toBe('ready');
    expect(await popup.getByTestId('agent-ready-button').isDisabled()).toBe(true);
  });

  it('a customer calls, the agent answers and hangs up: after-call work, then Ready by the timer', async () => {
    await customer.clearEvents();
    await customer.call('agent');
    await waitForSnapshot(popup, (s) => liveCall(s)?.state === 'incoming');
    await popup.getByTestId('answer-button').click();
    await waitForSnapshot(popup, (s) => liveCall(s)?.state === 'talking');
    await expect.poll(() => popup.getByTestId('agent-state').getAttribute('data-busy')).toBe('true');
    expect(await agentWords()).toMatch(/^Busy \(in a call\)/);
    await popup.getByTestId('hangup-button').click();
    await customer.waitForStatus('ended', 10_000);
    const wrapping = await waitForSnapshot(popup, (s) => s.agent.state === 'afterCall');
    expect(wrapping.agent.wrapUpEndsAt).toBe(wrapping.agent.since + WRAP_UP_SECONDS * 1000);
    await expect.poll(agentState).toBe('afterCall');
    expect(await popup.getByTestId('agent-end-wrap-up-button').isEnabled()).toBe(true);
    // For people reviewing the header at popup width (not compared with anything).
    await popup.setViewportSize({ width: 360, height: 600 });
    await popup.screenshot({ path: 'test/.artifacts/agent-desk-after-call.png' }).catch(() => {});
    await expect.poll(agentState, { timeout: 20_000 }).toBe('ready');
  });

  it('Not ready with a reason: an inbound call is turned away with 486 and never rings', async () => {
    await popup.getByTestId('agent-reason').selectOption('Lunch');
    await popup.getByTestId('agent-not-ready-button').click();
    await expect.poll(agentWords).toBe('Not ready: Lunch');
    await customer.clearEvents();
    await customer.call('agent');
    const failed = await customer.waitForEvent('failed', 15_000);
    expect(failed.code).toBe(486);
    const after = await snapshot(popup);
    expect(after.calls.filter((c) => c.direction === 'incoming' && c.state !== 'ended')).toHaveLength(0);
    expect(after.agent).toMatchObject({ state: 'notReady', reason: 'Lunch' });
  });

  it('a failed outbound call (404, unknown user) still gives after-call work', async () => {
    await popup.getByTestId('agent-ready-button').click();
    await expect.poll(agentState).toBe('ready');
    await popup.getByTestId('dial-input').fill('nobody-here');
    await popup.getByTestId('dial-button').click();
    const ended = await waitForSnapshot(popup, (s) => s.calls[0]?.state === 'ended' && s.agent.state === 'afterCall');
    expect(ended.calls[0]?.end?.error).toMatchObject({ code: 'not-found', sipStatus: 404 });
    await popup.getByTestId('agent-end-wrap-up-button').click();
    await expect.poll(agentState).toBe('ready');
  });

  it('stays Not ready with the same reason and since when the worker stops and the offscreen document is recreated', async () => {
    await popup.getByTestId('agent-reason').selectOption('Training');
    await popup.getByTestId('agent-not-ready-button').click();
    const before = await waitForSnapshot(popup, (s) => s.agent.state === 'notReady' && s.agent.reason === 'Training');
    await lab.browser.stopServiceWorker();
    expect(await lab.browser.serviceWorkerStatus()).toBe('stopped');
    await lab.browser.closeOffscreen();
    expect(await lab.browser.hasOffscreen()).toBe(false);
    await popup.reload();
    const after = await waitForSnapshot(popup, (s) => s.engineId !== before.engineId && s.registration.state === 'registered', 20_000);
    expect(after.agent).toMatchObject({ state: 'notReady', reason: 'Training', since: before.agent.since });
    await expect.poll(agentWords).toBe('Not ready: Training');
    // Still turning callers away.
    await customer.clearEvents();
    await customer.call('agent');
    expect((await customer.waitForEvent('failed', 15_000)).code).toBe(486);
  });

  // Last: it quits the lab's browser.
  it('after a browser restart, an agent who was Ready comes back Not ready (“Dialbar restarted”), never Ready', async () => {
    await popup.getByTestId('agent-ready-button').click();
    await waitForSnapshot(popup, (s) => s.agent.state === 'ready');
    const profile = lab.browser.userDataDir;
    await lab.browser.context.close(); // the browser quits; its profile stays
    const again = await launchBrowser({ extensionPath: EXTENSION, userDataDir: profile });
    try {
      const page = await openExtensionPage(again.context, 'popup.html');
      const after = await waitForSnapshot(page, (s) => s.registration.state === 'registered', 20_000);
      expect(after.agent).toMatchObject({ state: 'notReady', reason: 'Dialbar restarted' });
      await expect.poll(() => page.getByTestId('agent-state').textContent()).toBe('Not ready: Dialbar restarted');
    } finally {
      await again.close();
    }
  });
});
