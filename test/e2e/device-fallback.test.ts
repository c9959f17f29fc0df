/**
 * A microphone unplugged mid-call, in the built extension against real Kamailio and a customer
 * page with real WebRTC audio. Chromium's fake devices cannot be unplugged, so the lab does what
 * an unplug does to the offscreen document: the microphone track of the call ends by itself
 * (stopped and its `ended` event fired over CDP; the lab records the tracks getUserMedia hands
 * out by wrapping it in the offscreen page before the call). Dialbar must open the default
 * microphone, put it on the call's sender, keep the mute as it was, and say so in the popup; the
 * customer keeps hearing the agent.
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

/** Wraps getUserMedia in the offscreen page so the lab can reach the tracks the engine opened. */
async function recordMicrophones(): Promise<void> {
  await offscreen.evaluate(() => {
    const g = globalThis as unknown as { labMics?: Array<{ constraints: string; tracks: MediaStreamTrack[] }> };
    if (g.labMics) return;
    g.labMics = [];
    const devices = navigator.mediaDevices;
    const original = devices.getUserMedia.bind(devices);
    devices.getUserMedia = async (constraints) => {
      const stream = await original(constraints);
      g.labMics?.push({ constraints: JSON.stringify(constraints ?? {}), tracks: stream.getAudioTracks() });
      return stream;
    };
  });
}

/** What an unplug does: every live microphone track ends by itself. Returns how many ended. */
function unplugMicrophones(): Promise<number> {
  return offscreen.evaluate(() => {
    const g = globalThis as unknown as { labMics?: Array<{ tracks: MediaStreamTrack[] }> };
    let ended = 0;
    for (const { tracks } of g.labMics ?? []) {
      for (const track of tracks.filter((t) => t.readyState === 'live')) {
        track.stop();
        track.dispatchEvent(new Event('ended'));
        ended += 1;
      }
    }
    return ended;
  });
}

/** The constraints of each getUserMedia call the engine made, in order. */
function microphoneRequests(): Promise<string[]> {
  return offscreen.evaluate(() => ((globalThis as unknown as { labMics?: Array<{ constraints: string }> }).labMics ?? []).map((m) => m.constraints));
}

/** The customer hears the fake microphone's beep (received audio level over 1.5 s). */
async function customerHearsAgent(): Promise<void> {
  await until('the customer to hear the beep', async () => (await customer.audioLevel(1_500)) > 0.01, 15_000);
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
  await screenshotIfFailed(ctx, popup, 'device-fallback');
  await customer.hangup().catch(() => {});
  await waitForSnapshot(popup, (s) => !liveCall(s)).catch(() => {});
});

afterAll(async () => {
  await lab?.stop();
});

describe('a microphone unplugged mid-call', () => {
  it('falls back to the default microphone with a message; the customer still hears the agent; mute stays as it was', async () => {
    // Choose a named (fake) microphone, as a person does in the options.
    const chosen = await offscreen.evaluate(async () =>
      (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'audioinput' && d.deviceId !== 'default' && d.deviceId !== '').map((d) => d.deviceId),
    );
    expect(chosen.length).toBeGreaterThan(0);
    await popup.evaluate((id) => chrome.storage.local.set({ audio: { microphoneId: id, speakerId: '', ringerId: '', callVolume: 1, ringVolume: 0.5 } }), chosen[0] ?? '');
    await recordMicrophones();

    await customer.call('agent');
    await waitForSnapshot(popup, (s) => liveCall(s)?.state === 'incoming');
    await popup.getByTestId('answer-button').click();
    await waitForSnapshot(popup, (s) => liveCall(s)?.state === 'talking');
    await customer.waitForStatus('active', 10_000);
    await customerHearsAgent();
    const requests = await microphoneRequests();
    expect(requests).toHaveLength(1);
    expect(requests[0]).toContain(chosen[0]);
    expect(await popup.getByTestId('audio-notice').count()).toBe(0);

    // Muted, then unplugged: the new microphone must stay muted.
    await popup.getByTestId('mute-button').click();
    await waitForSnapshot(popup, (s) => liveCall(s)?.regions.mute === 'muted');
    expect(await unplugMicrophones()).toBe(1);

    const noticed = await waitForSnapshot(popup, (s) => s.audio?.notice?.code === 'microphone-fallback', 15_000);
    expect(liveCall(noticed)).toMatchObject({ state: 'talking', regions: { mute: 'muted' } });
    await expect.poll(() => popup.getByTestId('audio-notice').textContent()).toContain('default microphone');
    const after = await microphoneRequests();
    expect(after).toHaveLength(2);
    expect(after[1]).not.toContain(chosen[0]); // the system default, no deviceId
    await until('the new microphone to be live in the engine', async () => (await waitForSnapshot(popup, () => true)).microphoneOpen, 10_000);
    // Silence within a few seconds (the muted call's last packets drain; a loaded machine is slow):
    // an enabled new track would keep the beep above 0.01.
    await until('the customer to hear silence from the muted call', async () => (await customer.audioLevel(1_500)) < 0.001, 10_000);

    // Unmute: the customer hears the agent through the default microphone.
    await popup.getByTestId('unmute-button').click();
    await waitForSnapshot(popup, (s) => liveCall(s)?.regions.mute === 'unmuted');
    await customerHearsAgent();
    expect(liveCall(await waitForSnapshot(popup, () => true))?.state).toBe('talking');
  });
});

describe('the audio check in the options page', () => {
  it('Test microphone shows the fake microphone’s level and closes it again; a test sound plays on the default output, a gone ringer is told in words', async () => {
    await popup.evaluate(() => chrome.storage.local.set({ audio: { microphoneId: '', speakerId: '', ringerId: 'unplugged-ringer', callVolume: 1, ringVolume: 0.5 } }));
    const options = await openExtensionPage(lab.browser.context, 'options.html');
    try {
      await options.setViewportSize({ width: 360, height: 800 });
      await options.getByTestId('mic-test-button').focus();
      await options.keyboard.press('Enter');
      await expect.poll(() => options.getByTestId('mic-test-state').getAttribute('data-state')).toBe('on');
      // Chromium's fake microphone beeps: the bar moves above a quiet room's level.
      await expect.poll(async () => Number(await options.getByTestId('mic-level').getAttribute('data-level')), { timeout: 10_000 }).toBeGreaterThan(0.3);
      await options.getByTestId('mic-test-button').click();
      await expect.poll(() => options.getByTestId('mic-test-state').getAttribute('data-state')).toBe('off');
      expect(await options.getByTestId('mic-level').getAttribute('data-level')).toBe('0.00');

      await options.getByTestId('speaker-test-button').click();
      await expect.poll(() => options.getByTestId('output-test-result').getAttribute('data-state'), { timeout: 10_000 }).toBe('played');
      expect(await options.getByTestId('output-test-result').getAttribute('data-sink')).toBe('');

      await options.getByTestId('ringer-test-button').click();
      await expect.poll(() => options.getByTestId('output-test-result').getAttribute('data-state'), { timeout: 10_000 }).toBe('failed');
      expect(await options.getByTestId('output-test-result').textContent()).toContain('not connected');
      // Readable at 360 px: nothing wider than the page.
      expect(await options.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    } finally {
      await options.close();
    }
  });
});
