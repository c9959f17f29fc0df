/**
 * The softphone end to end: the built extension in real Chromium, real Kamailio, a real JsSIP
 * customer page, real WebRTC audio (Chromium's fake microphone beeps), all on loopback.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../lab/browser';
import { type CustomerPage, type Lab, startLab } from '../lab/lab';
import { inContentScript, labAccount, liveCall, openExtensionPage, send, snapshot, until, waitForSnapshot } from './support/dialbar';

const EXTENSION = process.env.DIALBAR_EXTENSION ?? '.output/chrome-mv3';
let lab: Lab;
let customer: CustomerPage;
let popup: Page;

/** Both directions of RTP flow and the customer hears the fake microphone's beep. */
async function expectMediaBothWays(callId: string) {
  const ours = await until('Dialbar to receive RTP', async () => {
    const reply = await send(popup, 'background.callStats', { callId });
    return reply.ok && (reply.value as { bytesReceived: number }).bytesReceived > 0 ? (reply.value as { bytesReceived: number; bytesSent: number }) : false;
  });
  expect(ours.bytesSent).toBeGreaterThan(0);
  const theirs = await until('customer to receive RTP', async () => {
    const s = await customer.stats();
    return s.bytesReceived > 0 ? s : false;
  });
  expect(theirs.bytesSent).toBeGreaterThan(0);
  const level = await until('customer to hear audio', async () => {
    const l = await customer.audioLevel(1500);
    return l > 0.01 ? l : false;
  });
  expect(level).toBeGreaterThan(0.01);
}

/**
 * The account here is saved through the options form, so the agent desk runs as shipped: Not
 * ready after sign-in and after-call work after each call turn callers away. The agent goes
 * Ready before a customer calls, as a person would.
 */
async function agentReady() {
  if (await popup.getByTestId('agent-ready-button').isEnabled()) await popup.getByTestId('agent-ready-button').click();
  await waitForSnapshot(popup, (s) => s.agent.state === 'ready');
}

async function endCallFromCustomerSide() {
  if ((await customer.state()).status === 'active') await customer.hangup();
  await waitForSnapshot(popup, (s) => !liveCall(s));
}

beforeAll(async () => {
  lab = await startLab({ extensionPath: EXTENSION });
  customer = lab.customer as CustomerPage;
  lab.browser.context.setDefaultTimeout(10_000);
  popup = await openExtensionPage(lab.browser.context, 'popup.html');
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await popup.screenshot({ path: `test/.artifacts/softphone-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}.png` }).catch(() => {});
});

afterAll(async () => {
  await lab?.stop();
});

describe('Dialbar softphone against Kamailio', () => {
  it('says in plain words when the server address is malformed or cannot be reached', async () => {
    const options = await openExtensionPage(lab.browser.context, 'options.html');
    await options.getByTestId('ws-url').fill('http://127.0.0.1/ws');
    await options.getByTestId('sip-uri').fill('sip:agent@127.0.0.1');
    await options.getByTestId('password').fill('agent-secret');
    await options.getByTestId('save-button').click();
    await expect.poll(() => options.getByTestId('field-error-ws-url').textContent()).toMatch(/must start with ws:\/\/ or wss:\/\//);
    // Nothing listens on port 1: the test answers as soon as the connection fails.
    await options.getByTestId('ws-url').fill('ws://127.0.0.1:1/ws');
    const started = Date.now();
    await options.getByTestId('test-button').click();
    await expect.poll(() => options.getByTestId('test-result').textContent(), { timeout: 10_000 }).toMatch(/Cannot reach the phone server/);
    expect(Date.now() - started).toBeLessThan(9_000); // well inside the 10 s registration wait
    await expect.poll(() => popup.getByTestId('registration-error').textContent(), { timeout: 10_000 }).toMatch(/Cannot reach the phone server/);
    expect(await options.getByTestId('ws-url').inputValue()).toBe('ws://127.0.0.1:1/ws'); // nothing typed is lost
    await options.close();
  });

  it('tells a wrong password in the options page and the popup, then registers with the right one without a reload', async () => {
    const options = await openExtensionPage(lab.browser.context, 'options.html');
    const account = labAccount(lab.kamailio.wsUrl, { password: 'wrong-password' });
    await options.getByTestId('ws-url').fill(account.wsUrl);
    await options.getByTestId('sip-uri').fill(account.sipUri);
    await options.getByTestId('password').fill(account.password);
    await options.getByTestId('display-name').fill(account.displayName);
    await options.getByTestId('test-button').click();
    await expect.poll(() => options.getByTestId('test-result').textContent(), { timeout: 15_000 }).toMatch(/user name or password/);
    await expect.poll(() => popup.getByTestId('registration-error').textContent(), { timeout: 10_000 }).toMatch(/user name or password/);
    const failed = lab.kamailio.registerLog('agent').filter((e) => e.type === 'reply').map((e) => e.code);
    expect(failed).toContain(401);
    expect(failed).not.toContain(200);

    await options.getByTestId('password').fill('agent-secret');
    await options.getByTestId('save-button').click();
    await expect.poll(() => popup.getByTestId('registration-state').getAttribute('data-state'), { timeout: 15_000 }).toBe('registered');
    expect(await popup.getByTestId('registration-state').textContent()).toMatch(/registered/i);
    await options.close();
  });

  it('registers with a 401 challenge followed by 200', async () => {
    const replies = lab.kamailio.registerLog('agent').filter((e) => e.type === 'reply');
    const ok = replies.findIndex((e) => e.code === 200);
    expect(ok).toBeGreaterThan(0);
    expect(replies[ok - 1]?.code).toBe(401);
    const contacts = await lab.kamailio.contacts('agent');
    expect(contacts).toHaveLength(1);
  });

  it('keeps exactly one registration with ten tabs and a second window open', async () => {
    const before = lab.kamailio.successfulRegisters('agent').length;
    const pages: Page[] = [];
    for (let i = 0; i < 10; i++) pages.push(await lab.browser.context.newPage());
    await Promise.all(pages.map((p, i) => p.goto(lab.http.pageUrl(`/index.html?tab=${i}`))));
    const extensionTabs = await Promise.all(Array.from({ length: 4 }, () => openExtensionPage(lab.browser.context, 'popup.html')));
    const cdp = await lab.browser.context.newCDPSession(popup);
    await cdp.send('Target.createTarget', { url: lab.http.pageUrl('/index.html?window=2'), newWindow: true });
    const snapshots = await Promise.all(extensionTabs.map((p) => snapshot(p)));
    expect(new Set(snapshots.map((s) => s.engineId)).size).toBe(1);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await lab.kamailio.contacts('agent')).toHaveLength(1);
    expect(lab.kamailio.registrations('agent')).toHaveLength(1);
    expect(lab.kamailio.successfulRegisters('agent').length).toBe(before);
    for (const p of [...pages, ...extensionTabs]) await p.close();
    await cdp.detach();
  });

  it('calls from the popup: the customer rings and answers, audio flows both ways, Dialbar hangs up', async () => {
    await customer.setAutoAnswer(false);
    await customer.clearEvents();
    await popup.getByTestId('dial-input').fill('customer');
    await popup.getByTestId('dial-button').click();
    await customer.waitForStatus('ringing', 10_000);
    await expect.poll(() => popup.getByTestId('call-state').getAttribute('data-state')).toBe('ringing');
    await customer.answer();
    const active = await waitForSnapshot(popup, (s) => liveCall(s)?.state === 'talking');
    expect(active.microphoneOpen).toBe(true);
    await expectMediaBothWays(liveCall(active)!.id);
    await expect.poll(() => popup.getByTestId('call-duration').textContent(), { timeout: 5_000 }).toMatch(/^0:0[1-9]|^00:0[1-9]/);

    await popup.getByTestId('hangup-button').click();
    await customer.waitForStatus('ended', 10_000);
    expect((await customer.state()).lastEndedBy).toBe('remote');
    const ended = await waitForSnapshot(popup, (s) => !liveCall(s));
    expect(ended.calls[0]).toMatchObject({ state: 'ended', end: { by: 'local', error: null } });
    expect(ended.microphoneOpen).toBe(false);
  });

  it('a hang-up from the customer ends the call in Dialbar and the popup shows it', async () => {
    await customer.setAutoAnswer(true);
    await popup.getByTestId('dial-input').fill('customer');
    await popup.getByTestId('dial-button').click();
    await waitForSnapshot(popup, (s) => liveCall(s)?.state === 'talking');
    await customer.hangup();
    const ended = await waitForSnapshot(popup, (s) => !liveCall(s));
    expect(ended.calls[0]?.end).toMatchObject({ by: 'remote' });
    await expect.poll(() => popup.getByTestId('call-state').getAttribute('data-state')).toBe('ended');
    expect(ended.microphoneOpen).toBe(false);
  });

  it('the customer busy: Dialbar says the line is busy', async () => {
    await customer.setAutoAnswer(false);
    await popup.getByTestId('dial-input').fill('customer');
    await popup.getByTestId('dial-button').click();
    await customer.waitForStatus('ringing', 10_000);
    await customer.reject(486);
    const ended = await waitForSnapshot(popup, (s) => !liveCall(s));
    expect(ended.calls[0]?.end?.error).toMatchObject({ code: 'busy', sipStatus: 486 });
    await expect.poll(() => popup.getByTestId('call-state').textContent()).toMatch(/line is busy/i);
  });

  it('sends later calls already authenticated, on a connection prepared in advance, with audio both ways', async () => {
    await customer.setAutoAnswer(true);
    const dialAndAnswer = async () => {
      const before = lab.kamailio.invites().length;
      await popup.getByTestId('dial-input').fill('customer');
      await popup.getByTestId('dial-button').click();
      const active = await waitForSnapshot(popup, (s) => liveCall(s)?.state === 'talking');
      const invite = await until('the INVITE in the proxy log', async () => lab.kamailio.invites().slice(before).find((i) => i.to === 'customer'));
      return { invite, callId: liveCall(active)!.id };
    };
    // One call meets the proxy's challenge (unless an earlier test's call did); from then on the
    // INVITE carries its answer.
    await dialAndAnswer();
    await popup.getByTestId('hangup-button').click();
    await waitForSnapshot(popup, (s) => !liveCall(s));
    for (let i = 0; i < 2; i++) {
      const { invite, callId } = await dialAndAnswer();
      try {
        expect(invite.challengedAt).toBeUndefined();
        await expectMediaBothWays(callId);
      } finally {
        await popup.getByTestId('hangup-button').click();
      }
      const ended = await waitForSnapshot(popup, (s) => !liveCall(s));
      expect(ended.calls[0]?.end).toMatchObject({ by: 'local', error: null });
      expect(ended.microphoneOpen).toBe(false);
    }
  });

  it('rings for an incoming call; answering in the popup connects audio', async () => {
    await agentReady();
    await customer.call('agent');
    const ringing = await waitForSnapshot(popup, (s) => liveCall(s)?.state === 'incoming');
    expect(liveCall(ringing)?.remote.number).toBe('customer');
    expect(ringing.microphoneOpen).toBe(false);
    // The service worker tells the agent even with no Dialbar page open: a notification and the badge.
    const callId = liveCall(ringing)!.id;
    await until('the incoming-call notification', async () =>
      Object.keys(await lab.browser.swEvaluate(() => chrome.notifications.getAll())).includes(`incoming:${callId}`),
    );
    expect(await lab.browser.swEvaluate(() => chrome.action.getBadgeText({}))).toBe('RING');
    await popup.getByTestId('answer-button').click();
    const active = await waitForSnapshot(popup, (s) => liveCall(s)?.state === 'talking');
    await expectMediaBothWays(liveCall(active)!.id);
    await endCallFromCustomerSide();
  });

  it('declining an incoming call sends 603 to the caller', async () => {
    await customer.clearEvents();
    await agentReady();
    await customer.call('agent');
    await waitForSnapshot(popup, (s) => liveCall(s)?.state === 'incoming');
    await popup.getByTestId('decline-button').click();
    const failed = await customer.waitForEvent('failed', 10_000);
    expect(failed.code).toBe(603);
  });

  it('keeps the call when the service worker is stopped, and a later hang-up reaches the same user agent', async () => {
    const registersBefore = lab.kamailio.successfulRegisters('agent').length;
    await customer.setAutoAnswer(true);
    await popup.getByTestId('dial-input').fill('customer');
    await popup.getByTestId('dial-button').click();
    const active = await waitForSnapshot(popup, (s) => liveCall(s)?.state === 'talking');
    await lab.browser.stopServiceWorker();
    expect(await lab.browser.serviceWorkerStatus()).toBe('stopped');
    const before = (await customer.stats()).bytesReceived;
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await customer.state()).status).toBe('active');
    expect((await customer.stats()).bytesReceived).toBeGreaterThan(before);
    // The popup's hang-up wakes the worker, which must find the same engine.
    await popup.getByTestId('hangup-button').click();
    await customer.waitForStatus('ended', 10_000);
    const after = await waitForSnapshot(popup, (s) => !liveCall(s));
    expect(after.engineId).toBe(active.engineId);
    expect(lab.kamailio.successfulRegisters('agent').length).toBe(registersBefore);
  });

  it('a closed offscreen document is recreated (by the worker itself, or by the next dial from a page), registers again and connects', async () => {
    const registersBefore = lab.kamailio.successfulRegisters('agent').length;
    const before = await snapshot(popup);
    expect(await lab.browser.closeOffscreen()).toBe(true);
    // The worker recreates the document by itself now (test/e2e/recovery.test.ts); a dial that
    // arrives meanwhile shares that start-up and makes no second registration.
    const page = await lab.browser.context.newPage();
    await page.goto(lab.http.pageUrl('/index.html'));
    const reply = await inContentScript<{ ok: boolean; value?: { call: { state: string; origin: unknown } } }>(
      page,
      `chrome.runtime.sendMessage({ dialbar: 1, type: 'background.dial', payload: { number: 'customer', shown: 'customer', source: 'page' } })`,
    );
    expect(reply.ok).toBe(true);
    expect(reply.value?.call.origin).toMatchObject({ source: 'page', url: new URL(lab.http.url).origin, frameId: 0 });
    const active = await waitForSnapshot(popup, (s) => liveCall(s)?.state === 'talking');
    expect(active.engineId).not.toBe(before.engineId);
    expect(lab.kamailio.successfulRegisters('agent').length).toBe(registersBefore + 1);
    // Same +sip.instance: the registrar replaced the dead engine's binding instead of keeping two.
    expect(await lab.kamailio.contacts('agent')).toHaveLength(1);
    await endCallFromCustomerSide();
    await page.close();
  });

  it('never lets a content script read the password, reach the engine directly or slip a malformed request through', async () => {
    const page = await lab.browser.context.newPage();
    await page.goto(lab.http.pageUrl('/index.html'));
    const stored = await inContentScript<string>(page, 'chrome.storage.local.get(null).then((all) => JSON.stringify(all))');
    expect(stored).not.toContain('agent-secret');
    const refused = await inContentScript<{ ok: boolean; error?: { code: string } }>(
      page,
      `chrome.runtime.sendMessage({ dialbar: 1, type: 'background.getAccount', payload: null })`,
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    // Straight to the engine, around the service worker: refused by the offscreen document.
    const direct = await inContentScript<{ ok: boolean; error?: { code: string } }>(
      page,
      `chrome.runtime.sendMessage({ dialbar: 1, type: 'offscreen.dial', payload: { target: 'customer', shown: '' } })`,
    );
    expect(direct).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    const malformed = await inContentScript<{ ok: boolean; error?: { code: string; message: string } }>(
      page,
      `chrome.runtime.sendMessage({ dialbar: 1, type: 'background.dial', payload: { number: { toString: 1 }, source: 'page' } })`,
    );
    expect(malformed).toMatchObject({ ok: false, error: { code: 'invalid-message', message: expect.stringMatching(/malformed/) } });
    expect((await snapshot(popup)).calls.filter((c) => c.state !== 'ended')).toHaveLength(0);
    await page.close();
  });

  it('re-registers by itself after Kamailio restarts, and says what happened meanwhile', async () => {
    await lab.kamailio.stop();
    const lost = await waitForSnapshot(popup, (s) => s.registration.state === 'reconnecting', 15_000);
    expect(lost.registration.error?.code).toMatch(/connection-lost|server-unreachable/);
    await expect.poll(() => popup.getByTestId('registration-error').textContent()).toMatch(/reconnecting|Cannot reach/i);
    await lab.kamailio.start();
    const back = await waitForSnapshot(popup, (s) => s.registration.state === 'registered', 30_000);
    expect(back.registration.error).toBeNull();
    expect(await lab.kamailio.contacts('agent')).toHaveLength(1);
  });

  it('signs in by itself when the browser starts again, with the account set to sign in automatically', async () => {
    const profile = lab.browser.userDataDir;
    const registersBefore = lab.kamailio.successfulRegisters('agent').length;
    await lab.browser.context.close(); // the browser quits; its profile stays
    const again = await launchBrowser({ extensionPath: EXTENSION, userDataDir: profile });
    try {
      // No Dialbar page is opened: the worker's start-up alone must bring the phone back.
      await until('a registration after the restart', async () => lab.kamailio.successfulRegisters('agent').length > registersBefore, 20_000);
      const page = await openExtensionPage(again.context, 'popup.html');
      const snapshotAfter = await waitForSnapshot(page, (s) => s.registration.state === 'registered');
      expect(snapshotAfter.account?.uri).toBe('sip:agent@127.0.0.1');
      // The same +sip.instance replaced the old browser's binding.
      expect(await lab.kamailio.contacts('agent')).toHaveLength(1);
    } finally {
      await again.close();
    }
  });
});
