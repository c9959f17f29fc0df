/**
 * Ringing that is never missed, in the built extension against real Kamailio: a customer calls,
 * the service worker shows the Answer/Decline notification, the offscreen document's ringtone
 * element plays on the ringer device chosen in storage, answering through the notification's
 * button listener stops the ring; a caller who gives up stops it too; a ringer device that is gone
 * falls back to the default with a notice in the snapshot. Chromium's fake devices offer one
 * fake microphone and the default output only: a second real output is not proven here.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CdpTarget } from '../lab/browser';
import { type CustomerPage, type Lab, startLab } from '../lab/lab';
import { labAccount, liveCall, openExtensionPage, screenshotIfFailed, signInFromOptions, until, waitForSnapshot } from './support/dialbar';

const EXTENSION = process.env.DIALBAR_EXTENSION ?? '.output/chrome-mv3';
let lab: Lab;
let customer: CustomerPage;
let popup: Page;
let offscreen: CdpTarget;

interface RingState {
  present: boolean;
  state: string;
  paused: boolean;
  sinkId: string;
}
const ring = (): Promise<RingState> =>
  offscreen.evaluate(() => {
    const audio = document.querySelector<HTMLAudioElement & { sinkId: string }>('audio[data-role="ringtone"]');
    return { present: audio !== null, state: audio?.dataset.state ?? '', paused: audio?.paused ?? true, sinkId: audio?.sinkId ?? '' };
  });

async function chooseRinger(ringerId: string): Promise<void> {
  await popup.evaluate((id) => chrome.storage.local.set({ audio: { microphoneId: '', speakerId: '', ringerId: id, callVolume: 1, ringVolume: 0.5 } }), ringerId);
}

async function notificationIds(): Promise<string[]> {
  return Object.keys(await lab.browser.swEvaluate(() => chrome.notifications.getAll()));
}

beforeAll(async () => {
  lab = await startLab({ extensionPath: EXTENSION });
  customer = lab.customer as CustomerPage;
  lab.browser.context.setDefaultTimeout(10_000);
  const reply = await signInFromOptions(lab.browser.context, labAccount(lab.kamailio.wsUrl));
  expect(reply).toMatchObject({ ok: true, value: { ok: true } });
  popup = await openExtensionPage(lab.browser.context, 'popup.html');
  offscreen = await lab.browser.offscreenTarget();
});

afterEach(async (ctx) => {
  await screenshotIfFailed(ctx, popup, 'ringing');
  await customer.hangup().catch(() => {});
  await waitForSnapshot(popup, (s) => !liveCall(s)).catch(() => {});
});

afterAll(async () => {
  await lab?.stop();
});

describe('ringing', () => {
  it('rings on the chosen ringer device with a notification; Answer from the notification stops the ring', async () => {
    const outputs = await offscreen.evaluate(async () =>
      (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'audiooutput').map((d) => d.deviceId),
    );
    // The fake devices give the default output only: its id is the one a user could choose here.
    const chosen = outputs.find((id) => id !== '') ?? 'default';
    await chooseRinger(chosen);
    // A background tab is focused, not a Dialbar page: the notification and the ring must not depend on it.
    const other = await lab.browser.context.newPage();
    await other.goto('about:blank');
    await other.bringToFront();
    await customer.call('agent');
    const ringing = await waitForSnapshot(popup, (s) => liveCall(s)?.state === 'incoming');
    const callId = liveCall(ringing)!.id;
    await until('the incoming-call notification', async () => (await notificationIds()).includes(`incoming:${callId}`));
    const playing = await until('the ringtone to play', async () => {
      const r = await ring();
      return r.state === 'ringing' && !r.paused && r;
    });
    expect(playing.sinkId).toBe(chosen);

    // The notification's Answer button: the worker's own onButtonClicked listener, button 0.
    const dispatched = await lab.browser.swEvaluate(
      (id) => {
        const event = chrome.notifications.onButtonClicked as unknown as { dispatch?: (id: string, button: number) => void };
        if (typeof event.dispatch !== 'function') return false;
        event.dispatch(id, 0);
        return true;
      },
      `incoming:${callId}`,
    );
    expect(dispatched).toBe(true);
    await waitForSnapshot(popup, (s) => liveCall(s)?.state === 'talking');
    await until('the ringtone to stop', async () => {
      const r = await ring();
      return r.state === 'silent' && r.paused;
    });
    await until('the notification to be cleared', async () => !(await notificationIds()).includes(`incoming:${callId}`));
    // The badge runs the call timer from the answer time, with ticks from the offscreen document.
    const badge = () => lab.browser.swEvaluate(() => chrome.action.getBadgeText({}));
    const first = await until('the badge call timer', async () => /^\d:\d\d$/.test(await badge()) && badge());
    await until('the badge timer to move on', async () => {
      const now = await badge();
      return /^\d:\d\d$/.test(now) && now > first;
    });
    await other.close();
  });

  it('stops ringing and clears the notification when the caller gives up', async () => {
    await chooseRinger('');
    await customer.call('agent');
    const ringing = await waitForSnapshot(popup, (s) => liveCall(s)?.state === 'incoming');
    const callId = liveCall(ringing)!.id;
    await until('the ringtone to play', async () => !(await ring()).paused);
    await customer.hangup();
    await waitForSnapshot(popup, (s) => !liveCall(s));
    await until('the ringtone to stop', async () => (await ring()).paused);
    await until('the notification to be cleared', async () => !(await notificationIds()).includes(`incoming:${callId}`));
  });

  it('rings on the default device, with a notice, when the chosen ringer is gone', async () => {
    await chooseRinger('unplugged-ringer-device');
    await customer.call('agent');
    await waitForSnapshot(popup, (s) => liveCall(s)?.state === 'incoming');
    const noticed = await waitForSnapshot(popup, (s) => s.audio?.notice?.code === 'ringer-fallback');
    expect(noticed.audio?.notice?.message).toContain('default device');
    await expect.poll(() => popup.getByTestId('audio-notice').textContent()).toBe(noticed.audio?.notice?.message);
    const playing = await until('the ringtone to play', async () => {
      const r = await ring();
      return !r.paused && r;
    });
    expect(playing.sinkId).toBe('');
    await customer.hangup();
  });

  it('screen pop: the expanded https address opens in one new tab when the call rings', async () => {
    await chooseRinger('');
    // No TLS server in the lab: a loopback https address that refuses the connection. The opened
    // tab's address proves the expansion and the opening; the page itself cannot load.
    const template = 'https://127.0.0.1:9/crm?phone={number}&ticket={X-Ticket}&n={name}';
    await popup.evaluate((t) => chrome.storage.local.set({ screenPop: { template: t, when: 'ringing' } }), template);
    await customer.call('agent', ['X-Ticket: T 42&x']);
    const ringing = await waitForSnapshot(popup, (s) => liveCall(s)?.state === 'incoming');
    const name = liveCall(ringing)!.remote.displayName;
    const expected = `https://127.0.0.1:9/crm?phone=customer&ticket=T%2042%26x&n=${encodeURIComponent(name)}`;
    const crmTabs = () =>
      lab.browser.swEvaluate(async () => (await chrome.tabs.query({})).map((t) => t.pendingUrl || t.url || '').filter((u) => u.startsWith('https://127.0.0.1:9/')));
    const tabs = await until('the screen pop tab', async () => {
      const found = await crmTabs();
      return found.length > 0 && found;
    });
    expect(tabs).toEqual([expected]);
    await popup.getByTestId('answer-button').click();
    await waitForSnapshot(popup, (s) => liveCall(s)?.state === 'talking');
    expect(await crmTabs()).toHaveLength(1);
    await popup.evaluate(() => chrome.storage.local.remove('screenPop'));
  });
});
