/**
 * Call control end to end, driven from the popup as a person would: hold and resume by re-INVITE,
 * mute, a hold by the other side, and SIP INFO DTMF (keypad, keyboard, post-dial digits), against
 * real Kamailio and the customer's JsSIP page with real WebRTC audio (Chromium's fake microphone
 * beeps). RFC 4733 events cannot be read by a browser callee: dtmf-rfc4733.test.ts proves that
 * default at baresip, a plain-RTP phone behind rtpengine.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LAB_USERS } from '../lab/kamailio';
import { type CustomerPage, type Lab, startLab } from '../lab/lab';
import { inContentScript, liveCall, openExtensionPage, screenshotIfFailed, send, signInWithUsPlan, until, US_USER, waitForSnapshot } from './support/dialbar';

const EXTENSION = process.env.DIALBAR_EXTENSION ?? '.output/chrome-mv3';
/** A lab user with a US number: +1 415 555 0132 dials it with the US dial plan. */
const EXT_PAGE = '<!doctype html><title>Extension</title><p><a id="ext" href="tel:+14155550132;ext=204">Support, ext. 204</a></p>';
let lab: Lab;
let customer: CustomerPage;
let popup: Page;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The customer's cumulative received audio energy (inbound-rtp totalAudioEnergy). */
const energy = async () => (await customer.stats()).totalAudioEnergy ?? 0;

/** Waits until the customer's received energy grows by more than `by` over a fresh baseline. */
async function energyGrows(by = 1e-4, timeoutMs = 8_000): Promise<void> {
  const from = await energy();
  await until('the customer to receive audio energy', async () => (await energy()) - from > by, timeoutMs);
}

async function dialCustomer(text = 'customer'): Promise<string> {
  // The agent looks at the popup (a tab in the background gets its frames throttled).
  await popup.bringToFront();
  await customer.setAutoAnswer(true);
  await customer.clearEvents();
  await popup.getByTestId('dial-input').fill(text);
  await popup.getByTestId('dial-button').click();
  const talking = await waitForSnapshot(popup, (s) => liveCall(s)?.state === 'talking');
  return liveCall(talking)!.id;
}

async function hangUp(): Promise<void> {
  if (!(await popup.getByTestId('hangup-button').isDisabled())) await popup.getByTestId('hangup-button').click();
  await waitForSnapshot(popup, (s) => !liveCall(s));
}

beforeAll(async () => {
  lab = await startLab({
    extensionPath: EXTENSION,
    kamailio: { users: { ...LAB_USERS, [US_USER]: 'us-secret' } },
    http: { routes: { '/ext.html': EXT_PAGE } },
  });
  customer = lab.customer as CustomerPage;
  lab.browser.context.setDefaultTimeout(10_000);
  await signInWithUsPlan(lab.browser.context, lab.kamailio.wsUrl);
  popup = await openExtensionPage(lab.browser.context, 'popup.html');
});

afterEach(async (ctx) => {
  await screenshotIfFailed(ctx, popup, 'call-control');
  await hangUp().catch(() => {});
});

afterAll(async () => {
  await lab?.stop();
});

describe('call control from the popup', () => {
  it('Hold sends a sendonly re-INVITE the customer sees, its received audio stops, through a service-worker restart; Resume brings it back', async () => {
    await dialCustomer();
    await energyGrows();
    await popup.getByTestId('hold-button').click();
    const held = await waitForSnapshot(popup, (s) => liveCall(s)?.state === 'held');
    expect(liveCall(held)?.allowed).toEqual(['HANGUP', 'RESUME', 'MUTE', 'TRANSFER', 'CONSULT']);
    await expect.poll(() => popup.getByTestId('call-state').textContent()).toBe('On hold');
    expect(await popup.getByTestId('resume-button').isDisabled()).toBe(false);
    const hold = await customer.waitForEvent('hold');
    expect(hold.by).toBe('remote');
    expect((await customer.state()).remoteDirection).toBe('sendonly');
    await sleep(500); // audio already on its way
    const before = await energy();
    await sleep(2_000);
    const during = (await energy()) - before;
    expect(during).toBeLessThan(1e-5);
    expect(await customer.audioLevel(1_500)).toBeLessThan(0.001);

    // The hold lives in the offscreen engine: a stopped service worker changes nothing.
    await lab.browser.stopServiceWorker();
    expect(await lab.browser.serviceWorkerStatus()).toBe('stopped');
    expect(liveCall(await waitForSnapshot(popup, (s) => liveCall(s) !== undefined))?.state).toBe('held');
    await popup.getByTestId('resume-button').click();
    await waitForSnapshot(popup, (s) => liveCall(s)?.state === 'talking');
    await expect.poll(() => popup.getByTestId('call-state').textContent()).toBe('In call');
    const unhold = await customer.waitForEvent('unhold');
    expect(unhold.by).toBe('remote');
    expect((await customer.state()).remoteDirection).toBe('sendrecv');
    await energyGrows();
    await until('the customer to hear the beep again', async () => (await customer.audioLevel(1_500)) > 0.01);
  });

  it('Mute silences what the customer hears without a re-INVITE, through a service-worker restart; Unmute restores it', async () => {
    await dialCustomer();
    await until('the customer to hear the beep', async () => (await customer.audioLevel(1_500)) > 0.01);
    await popup.getByTestId('mute-button').click();
    await waitForSnapshot(popup, (s) => liveCall(s)?.regions.mute === 'muted');
    await expect.poll(() => popup.getByTestId('call-regions').textContent()).toBe('Muted');
    expect(await popup.getByTestId('unmute-button').getAttribute('aria-pressed')).toBe('true');
    await sleep(1_700);
    expect(await customer.audioLevel(1_500)).toBeLessThan(0.001);
    expect((await customer.events()).filter((e) => e.type === 'remoteSdp')).toHaveLength(1); // the first answer only

    await lab.browser.stopServiceWorker();
    expect(liveCall(await waitForSnapshot(popup, (s) => liveCall(s) !== undefined))?.regions.mute).toBe('muted');
    expect(await customer.audioLevel(1_000)).toBeLessThan(0.001);
    await popup.getByTestId('unmute-button').click();
    await waitForSnapshot(popup, (s) => liveCall(s)?.regions.mute === 'unmuted');
    await until('the customer to hear the beep again', async () => (await customer.audioLevel(1_500)) > 0.01);
    expect(await popup.getByTestId('call-regions').count()).toBe(0);
  });

  it('shows a hold by the customer as "Held by the other side", and its end', async () => {
    await dialCustomer();
    await customer.hold(true);
    const held = await waitForSnapshot(popup, (s) => liveCall(s)?.regions.remoteHold === 'heldByRemote');
    expect(liveCall(held)?.state).toBe('talking');
    await expect.poll(() => popup.getByTestId('call-regions').textContent()).toBe('Held by the other side');
    await customer.hold(false);
    await waitForSnapshot(popup, (s) => liveCall(s)?.regions.remoteHold === 'none');
    expect(await popup.getByTestId('call-regions').count()).toBe(0);
  });

  it('refuses what the table refuses, in words, from an extension page and from a content script', async () => {
    const callId = await dialCustomer();
    expect(await send(popup, 'background.callControl', { callId, command: 'RESUME' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-state', message: '“RESUME” is not possible while call is talking.' },
    });
    expect(await send(popup, 'background.callControl', { callId, command: 'UNMUTE' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-state', message: '“UNMUTE” is not possible while the microphone is unmuted.' },
    });
    expect(await send(popup, 'background.callControl', { callId, command: 'DTMF', digits: '1; DROP' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-message' },
    });
    // Pages may dial; they may not control calls.
    const page = await lab.browser.context.newPage();
    try {
      await page.goto(lab.http.pageUrl('/index.html'));
      const fromPage = await inContentScript<{ ok: boolean; error?: { code: string; message: string } }>(
        page,
        `chrome.runtime.sendMessage({ dialbar: 1, type: 'background.callControl', payload: { callId: ${JSON.stringify(callId)}, command: 'HOLD' } })`,
      );
      expect(fromPage).toMatchObject({ ok: false, error: { code: 'forbidden-sender', message: expect.stringMatching(/may not ask Dialbar/) } });
    } finally {
      await page.close();
    }
    expect(liveCall(await waitForSnapshot(popup, (s) => liveCall(s) !== undefined))).toMatchObject({ state: 'talking', regions: { mute: 'unmuted' } });
  });

  describe('with DTMF set to SIP INFO in the options page', () => {
    it('the options page shows RFC 4733 as the default and saves SIP INFO', async () => {
      const options = await openExtensionPage(lab.browser.context, 'options.html');
      await expect.poll(() => options.getByTestId('dtmf-transport').inputValue()).toBe('rfc4733'); // the default
      await options.getByTestId('dtmf-transport').selectOption('info');
      await options.getByTestId('save-button').click();
      await waitForSnapshot(popup, (s) => s.registration.state === 'registered');
      await options.reload();
      await expect.poll(() => options.getByTestId('dtmf-transport').inputValue()).toBe('info');
      await options.close();
    });

    it('keypad buttons and digit keys on the focused call card reach the customer in order', async () => {
      await dialCustomer();
      await popup.getByTestId('keypad-button').click();
      for (const key of ['1', '2', '3']) await popup.getByTestId(`key-${key}`).click();
      await popup.getByTestId('call-card').focus();
      await popup.keyboard.press('#');
      await popup.keyboard.press('0');
      await expect.poll(() => customer.dtmfReceived(), { timeout: 10_000 }).toBe('123#0');
      await expect.poll(() => popup.getByTestId('digits-sent').textContent()).toBe('123#0');
    });

    it('post-dial digits typed after the number go once the customer answered, after the 2 s pauses', async () => {
      await dialCustomer('customer,,42#');
      await expect.poll(() => customer.dtmfReceived(), { timeout: 15_000 }).toBe('42#');
      const events = await customer.events();
      const answered = events.find((e) => e.type === 'answered');
      const first = events.find((e) => e.type === 'dtmf');
      expect(answered && first).toBeTruthy();
      // Two commas: about 4 s between the answer and the first digit.
      expect(first!.at - answered!.at).toBeGreaterThan(3_800);
      await expect.poll(() => popup.getByTestId('digits-sent').textContent()).toBe('42#');
    });

    it('a tel: link with ;ext=204 dials the main number and sends 204 once answered', async () => {
      const office = await lab.openCustomer(US_USER, { autoAnswer: true });
      const page = await lab.browser.context.newPage();
      try {
        await page.goto(lab.http.pageUrl('/ext.html'));
        await page.locator('#ext').click();
        const talking = await waitForSnapshot(popup, (s) => liveCall(s)?.state === 'talking');
        expect(liveCall(talking)?.remote.number).toBe(US_USER);
        await expect.poll(() => office.dtmfReceived(), { timeout: 10_000 }).toBe('204');
        const events = await office.events();
        const answered = events.find((e) => e.type === 'answered');
        const first = events.find((e) => e.type === 'dtmf');
        expect(first!.at).toBeGreaterThan(answered!.at);
        await hangUp();
      } finally {
        await page.close();
        await office.close();
      }
    });
  });
});
