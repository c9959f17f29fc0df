/**
 * Call data and auto-answer end to end: real Kamailio, the built extension in real Chromium, the
 * customer's JsSIP page with real WebRTC audio. The customer's page reads the headers of the
 * INVITE it received; an inbound call's X- headers show in the popup's snapshot; auto-answer by
 * the account's setting (changed in the options page) and by the INVITE's Call-Info, honoured only
 * when the setting allows it.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/contract/snapshot';
import type { Account } from '../../src/settings/account';
import { type CustomerPage, type Lab, startLab } from '../lab/lab';
import {
  inContentScript,
  labAccount,
  liveCall,
  openExtensionPage,
  screenshotIfFailed,
  send,
  signInFromOptions,
  snapshot,
  until,
  waitForSnapshot,
} from './support/dialbar';

const EXTENSION = process.env.DIALBAR_EXTENSION ?? '.output/chrome-mv3';
const DISPLAY = { displayNumber: '+4930123456', displayNumberHeader: 'X-Display-Number' } as const;
let lab: Lab;
let customer: CustomerPage;
let popup: Page;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const header = (headers: Array<{ name: string; value: string }>, name: string) =>
  headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;

async function signIn(overrides: Partial<Account>): Promise<void> {
  const registersBefore = lab.kamailio.successfulRegisters('agent').length;
  const reply = await signInFromOptions(lab.browser.context, labAccount(lab.kamailio.wsUrl, overrides));
  expect(reply).toMatchObject({ ok: true, value: { ok: true } });
  // The new account signs in again: wait for its REGISTER, not a snapshot of the old one.
  await until('a new registration after the save', async () => lab.kamailio.successfulRegisters('agent').length > registersBefore, 15_000);
  await waitForSnapshot(popup, (s) => s.registration.state === 'registered');
}

/** The customer's INVITE headers once a call from Dialbar has reached it (it answers at once). */
async function invitedHeaders(): Promise<Array<{ name: string; value: string }>> {
  await customer.waitForEvent('invite', 15_000);
  await waitForSnapshot(popup, (s) => liveCall(s)?.state === 'talking');
  return customer.inviteHeaders();
}

async function hangUpAll(): Promise<void> {
  await customer.hangup().catch(() => {});
  await waitForSnapshot(popup, (s) => !liveCall(s));
}

/** The agent's received RTP grows: media flows from the customer into Dialbar. */
async function mediaFlows(callId: string): Promise<void> {
  const bytes = async () => {
    const reply = await send(popup, 'background.callStats', { callId });
    return reply.ok ? (reply.value as { bytesReceived: number }).bytesReceived : 0;
  };
  const from = await bytes();
  await until('Dialbar to receive RTP from the customer', async () => (await bytes()) > from + 1_000, 10_000);
  const energyFrom = (await customer.stats()).totalAudioEnergy ?? 0;
  await until('the customer to hear Dialbar', async () => ((await customer.stats()).totalAudioEnergy ?? 0) - energyFrom > 1e-4, 10_000);
}

beforeAll(async () => {
  lab = await startLab({ extensionPath: EXTENSION });
  customer = lab.customer as CustomerPage;
  lab.browser.context.setDefaultTimeout(10_000);
  popup = await openExtensionPage(lab.browser.context, 'popup.html');
  await signIn(DISPLAY);
});

afterEach(async (ctx) => {
  await screenshotIfFailed(ctx, popup, 'call-data');
  await hangUpAll().catch(() => {});
});

afterAll(async () => {
  await lab?.stop();
});

describe('X- headers on outbound calls', () => {
  it('a dial from the popup carries the account’s display number header to the customer', async () => {
    await popup.bringToFront();
    await customer.setAutoAnswer(true);
    await customer.clearEvents();
    await popup.getByTestId('dial-input').fill('customer');
    await popup.getByTestId('dial-button').click();
    const headers = await invitedHeaders();
    expect(header(headers, 'X-Display-Number')).toBe('+4930123456');
    expect((await snapshot(popup)).calls[0]?.callData).toEqual({ 'X-Display-Number': '+4930123456' });
  });

  it('a dial request from the popup with call data: every X- header arrives; bad call data is refused in words and rings nobody', async () => {
    await customer.setAutoAnswer(true);
    await customer.clearEvents();
    const bad = await send(popup, 'background.dial', {
      number: 'customer',
      source: 'popup',
      callData: { 'X-Note': 'hi\r\nVia: SIP/2.0/WS evil' },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-call-data', message: expect.stringContaining('X-Note holds a line break') } });
    const proto = await popup.evaluate(() =>
      chrome.runtime.sendMessage({ dialbar: 1, type: 'background.dial', payload: JSON.parse('{"number":"customer","source":"popup","callData":{"__proto__":"x"}}') }),
    );
    expect(proto).toMatchObject({ ok: false, error: { code: 'bad-call-data' } });
    await sleep(1_000);
    expect((await customer.events()).some((e) => e.type === 'invite')).toBe(false);

    const ok = await send(popup, 'background.dial', {
      number: 'customer',
      source: 'popup',
      callData: { 'X-Ticket': 'T-4711', 'X-Customer-Name': 'Zoë Müller / ACME', 'x-display-number': '+4930999' },
    });
    expect(ok).toMatchObject({ ok: true });
    const headers = await invitedHeaders();
    expect(header(headers, 'X-Ticket')).toBe('T-4711');
    expect(header(headers, 'X-Customer-Name')).toBe('Zoë Müller / ACME');
    // The request's value wins over the account's for the same header.
    expect(header(headers, 'X-Display-Number')).toBe('+4930999');
    expect(headers.filter((h) => h.name.toLowerCase() === 'x-display-number')).toHaveLength(1);
    expect(headers.some((h) => h.name.toLowerCase() === 'via' && h.value.includes('evil'))).toBe(false);
  });

  it('a dial from a content script carries the account’s header; a content script may attach no call data of its own', async () => {
    await customer.setAutoAnswer(true);
    await customer.clearEvents();
    const page = await lab.browser.context.newPage();
    try {
      await page.goto(lab.http.pageUrl('/index.html'));
      const refused = await inContentScript<{ ok: boolean; error?: { code: string } }>(
        page,
        `chrome.runtime.sendMessage({ dialbar: 1, type: 'background.dial', payload: { number: 'customer', source: 'page', callData: { 'X-Ticket': '1' } } })`,
      );
      expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
      const reply = await inContentScript<{ ok: boolean }>(
        page,
        `chrome.runtime.sendMessage({ dialbar: 1, type: 'background.dial', payload: { number: 'customer', shown: 'customer', source: 'page' } })`,
      );
      expect(reply.ok).toBe(true);
      const headers = await invitedHeaders();
      expect(header(headers, 'X-Display-Number')).toBe('+4930123456');
      expect(header(headers, 'X-Ticket')).toBeUndefined();
    } finally {
      await page.close();
    }
  });
});

describe('X- headers of an inbound call', () => {
  it('appear in the popup’s snapshot, bad ones left out; no auto-answer without the setting', async () => {
    await customer.call('agent', ['X-Ticket: T-77', 'X-Queue: Billing 2nd level', 'X-Bad_Name: 1', 'Subject: not call data']);
    const ringing = await waitForSnapshot(popup, (s) => liveCall(s)?.state === 'incoming');
    expect(liveCall(ringing)?.callData).toEqual({ 'X-Ticket': 'T-77', 'X-Queue': 'Billing 2nd level' });
    expect(liveCall(ringing)?.autoAnswerAt).toBeNull();
    await sleep(2_000);
    expect(liveCall(await snapshot(popup))?.state).toBe('incoming');
  });
});

/** Auto-answer works only while the agent is Ready: the first sign-in lands in Not ready. */
async function goReady(): Promise<void> {
  await popup.bringToFront();
  await waitForSnapshot(popup, (s) => s.agent.state !== 'signingIn' && s.agent.state !== 'signedOut');
  if ((await snapshot(popup)).agent.state === 'ready') return;
  await expect.poll(() => popup.getByTestId('agent-ready-button').isEnabled(), { timeout: 15_000 }).toBe(true);
  await popup.getByTestId('agent-ready-button').click();
  await waitForSnapshot(popup, (s) => s.agent.state === 'ready');
}

describe('auto-answer', () => {
  it('by the setting in the options page: the card counts down, the call is answered with no click, media flows', async () => {
    const options = await openExtensionPage(lab.browser.context, 'options.html');
    await expect.poll(() => options.getByTestId('auto-answer-seconds').inputValue()).toBe('0'); // the default
    await options.getByTestId('auto-answer-seconds').fill('3');
    const registersBefore = lab.kamailio.successfulRegisters('agent').length;
    await options.getByTestId('save-button').click();
    await expect.poll(() => options.getByTestId('save-result').getAttribute('data-state')).toBe('saved');
    await options.close();
    // Saving signs in again: wait for the new REGISTER, not a snapshot from before the save.
    await until('a new registration after the save', async () => lab.kamailio.successfulRegisters('agent').length > registersBefore, 15_000);
    await waitForSnapshot(popup, (s) => s.registration.state === 'registered');

    await goReady();
    await customer.clearEvents();
    await customer.call('agent');
    const ringing = await waitForSnapshot(popup, (s) => liveCall(s)?.state === 'incoming');
    expect(liveCall(ringing)?.autoAnswerAt).toEqual(expect.any(Number));
    await expect.poll(() => popup.getByTestId('auto-answer').textContent()).toMatch(/^Answering automatically in [123] s$/);
    const talking = await waitForSnapshot(popup, (s) => liveCall(s)?.state === 'talking', 20_000);
    await customer.waitForStatus('active', 10_000);
    expect(await popup.getByTestId('auto-answer').count()).toBe(0);
    await mediaFlows(liveCall(talking)?.id ?? '');
  });

  it('by the INVITE’s Call-Info answer-after=0 when the header setting is on', async () => {
    await signIn({ ...DISPLAY, autoAnswerByHeader: true });
    await goReady();
    await customer.clearEvents();
    await customer.call('agent', ['Call-Info: <sip:127.0.0.1>;answer-after=0']);
    const talking = await waitForSnapshot(popup, (s) => liveCall(s)?.state === 'talking', 20_000);
    await customer.waitForStatus('active', 10_000);
    await mediaFlows(liveCall(talking)?.id ?? '');
  });

  it('the same INVITE keeps ringing when the header setting is off', async () => {
    await signIn({ ...DISPLAY, autoAnswerByHeader: false });
    await goReady();
    await customer.clearEvents();
    await customer.call('agent', ['Call-Info: <sip:127.0.0.1>;answer-after=0']);
    const ringing = await waitForSnapshot(popup, (s: Snapshot) => liveCall(s)?.state === 'incoming');
    expect(liveCall(ringing)?.autoAnswerAt).toBeNull();
    await sleep(3_000);
    expect(liveCall(await snapshot(popup))?.state).toBe('incoming');
    expect((await customer.state()).status).toBe('calling');
  });

  it('only while Ready: Not ready with calls allowed, the same INVITE rings and the card offers Answer; Ready again answers it', async () => {
    await signIn({ ...DISPLAY, autoAnswerByHeader: true, autoAnswerSeconds: 1 });
    await goReady();
    await popup.getByTestId('agent-reason').selectOption('Break');
    await popup.getByTestId('agent-not-ready-button').click();
    await waitForSnapshot(popup, (s) => s.agent.state === 'notReady' && s.agent.reason === 'Break');
    await customer.clearEvents();
    await customer.call('agent', ['Call-Info: <sip:127.0.0.1>;answer-after=0']);
    const ringing = await waitForSnapshot(popup, (s: Snapshot) => liveCall(s)?.state === 'incoming');
    expect(liveCall(ringing)?.autoAnswerAt).toBeNull();
    await expect.poll(() => popup.getByTestId('answer-button').isEnabled()).toBe(true);
    expect(await popup.getByTestId('auto-answer').count()).toBe(0);
    await sleep(3_000);
    expect(liveCall(await snapshot(popup))?.state).toBe('incoming');
    expect((await customer.state()).status).toBe('calling');
    await customer.hangup();
    await waitForSnapshot(popup, (s) => !liveCall(s));

    // Back to Ready: the same request is answered by itself.
    await goReady();
    await customer.call('agent', ['Call-Info: <sip:127.0.0.1>;answer-after=0']);
    await waitForSnapshot(popup, (s) => liveCall(s)?.state === 'talking', 20_000);
    await customer.waitForStatus('active', 10_000);
  });
});
