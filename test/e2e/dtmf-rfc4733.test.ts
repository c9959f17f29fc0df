/**
 * RFC 4733 DTMF (RTP telephone-events, Dialbar's default) proven at a callee that reads RTP
 * events, which a browser cannot: Dialbar dials Debian's baresip, a plain-RTP phone, through
 * Kamailio with rtpengine anchoring the media (DTLS-SRTP and ICE toward Chromium, RTP/AVP toward
 * baresip). baresip logs every telephone-event it decodes (`received event: 'K'`) apart from SIP
 * INFO digits (`call: received DTMF: 'K'`), so the test knows which transport carried each digit.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Baresip } from '../lab/baresip';
import { type Lab, startLab } from '../lab/lab';
import type { Account } from '../../src/settings/account';
import { labAccount, liveCall, openExtensionPage, screenshotIfFailed, send, signInFromOptions, until, waitForSnapshot } from './support/dialbar';

const EXTENSION = process.env.DIALBAR_EXTENSION ?? '.output/chrome-mv3';
let lab: Lab;
let baresip: Baresip;
let popup: Page;

interface Stats {
  bytesReceived: number;
  bytesSent: number;
  audioLevel: number;
}

async function callStats(callId: string): Promise<Stats | undefined> {
  const reply = await send(popup, 'background.callStats', { callId });
  return reply.ok ? (reply.value as Stats) : undefined;
}

/** Dials from the popup as the agent would, and waits until baresip (auto-answer) took the call. */
async function dial(text: string): Promise<string> {
  await popup.bringToFront();
  baresip.clearLog();
  lab.kamailio.clearLog();
  await popup.getByTestId('dial-input').fill(text);
  await popup.getByTestId('dial-button').click();
  const talking = await waitForSnapshot(popup, (s) => liveCall(s)?.state === 'talking', 20_000);
  return liveCall(talking)!.id;
}

async function hangUp(): Promise<void> {
  if (!(await popup.getByTestId('hangup-button').isDisabled())) await popup.getByTestId('hangup-button').click();
  await waitForSnapshot(popup, (s) => !liveCall(s));
}

beforeAll(async () => {
  lab = await startLab({ extensionPath: EXTENSION, customer: false, rtpCallee: true });
  baresip = lab.baresip as Baresip;
  lab.browser.context.setDefaultTimeout(10_000);
  // No DTMF setting saved: the account gets Dialbar's default, RFC 4733.
  const { dtmfTransport: _unset, ...account } = labAccount(lab.kamailio.wsUrl);
  const reply = await signInFromOptions(lab.browser.context, account as Account);
  expect(reply).toMatchObject({ ok: true, value: { ok: true } });
  popup = await openExtensionPage(lab.browser.context, 'popup.html');
});

afterEach(async (ctx) => {
  await screenshotIfFailed(ctx, popup, 'dtmf-rfc4733');
  await hangUp().catch(() => {});
});

afterAll(async () => {
  await lab?.stop();
});

describe('RFC 4733 DTMF at a plain-RTP phone behind rtpengine', () => {
  it('the call carries audio both ways, and keypad digits reach baresip as RTP telephone-events, in order', async () => {
    const callId = await dial('baresip');
    expect(lab.kamailio.events('RTPENGINE-ANSWER').length).toBeGreaterThan(0);
    // baresip's sine reaches Dialbar; Chromium's fake microphone (a beep) reaches baresip's decoder.
    const ours = await until('Dialbar to hear baresip', async () => {
      const s = await callStats(callId);
      return s && s.audioLevel > 0.01 ? s : false;
    });
    expect(ours.bytesSent).toBeGreaterThan(0);
    const heard = await until('baresip to hear Dialbar', async () => {
      const level = baresip.receivedLevel(1.5);
      return level > 0.01 ? level : false;
    });
    expect(heard).toBeGreaterThan(0.01);

    await popup.getByTestId('keypad-button').click();
    for (const key of ['1', '2', '3', '#', '0', '*']) await popup.getByTestId(`key-${key}`).click();
    await expect.poll(() => baresip.rtpDigits(), { timeout: 15_000 }).toBe('123#0*');
    await expect.poll(() => popup.getByTestId('digits-sent').textContent()).toBe('123#0*');
    // Each digit is one event that also ended (its end packets arrived), and none came as SIP INFO.
    await expect.poll(() => baresip.telephoneEvents().filter((e) => e.end).length, { timeout: 5_000 }).toBe(6);
    expect(baresip.infoDigits()).toBe('');
  });

  it('post-dial digits after the commas of a dial string go as telephone-events once answered, after the pauses', async () => {
    await dial('baresip,,42#');
    await expect.poll(() => baresip.rtpDigits(), { timeout: 20_000 }).toBe('42#');
    expect(baresip.infoDigits()).toBe('');
    const established = baresip.callEstablishedAt();
    const first = baresip.telephoneEvents()[0];
    expect(established && first).toBeTruthy();
    // Two commas are two 2 s pauses after the answer (a lower bound: load only lengthens it).
    expect(first!.seenAt - established!).toBeGreaterThan(3_000);
    await expect.poll(() => popup.getByTestId('digits-sent').textContent()).toBe('42#');
  });

  it('a hold and resume (re-INVITEs through rtpengine) keep the call, and digits after it still arrive as events', async () => {
    const callId = await dial('baresip');
    await popup.getByTestId('hold-button').click();
    await waitForSnapshot(popup, (s) => liveCall(s)?.state === 'held');
    await popup.getByTestId('resume-button').click();
    await waitForSnapshot(popup, (s) => liveCall(s)?.state === 'talking');
    // The first INVITE, the hold and the resume: each offer rewritten by rtpengine.
    expect(lab.kamailio.events('RTPENGINE-OFFER')).toHaveLength(3);
    expect(lab.kamailio.events('RTPENGINE-ANSWER').length).toBeGreaterThanOrEqual(3);
    await until('Dialbar to hear baresip after the resume', async () => ((await callStats(callId))?.audioLevel ?? 0) > 0.01);
    await popup.getByTestId('keypad-button').click();
    for (const key of ['9', '5']) await popup.getByTestId(`key-${key}`).click();
    await expect.poll(() => baresip.rtpDigits(), { timeout: 15_000 }).toBe('95');
  });

  it('with DTMF switched to SIP INFO, baresip gets the digits as INFO and no telephone-event', async () => {
    const options = await openExtensionPage(lab.browser.context, 'options.html');
    await expect.poll(() => options.getByTestId('dtmf-transport').inputValue()).toBe('rfc4733');
    await options.getByTestId('dtmf-transport').selectOption('info');
    await options.getByTestId('save-button').click();
    await waitForSnapshot(popup, (s) => s.registration.state === 'registered');
    await options.close();
    await dial('baresip');
    await popup.getByTestId('keypad-button').click();
    for (const key of ['7', '8']) await popup.getByTestId(`key-${key}`).click();
    await expect.poll(() => baresip.infoDigits(), { timeout: 15_000 }).toBe('78');
    expect(baresip.rtpDigits()).toBe('');
  });
});
