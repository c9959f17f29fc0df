import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { AUDIO_PREFS_KEY } from '../../../src/settings/audio-prefs';
import { AUDIO_TEST_WORDS, type AudioTestDeps, createAudioTestModel } from '../../../src/ui/audio-test-model';
import { AudioTestSection } from '../../../src/ui/components/audio-test-section';
import { createDevicesModel } from '../../../src/ui/devices-model';
import type { PrefsStorage } from '../../../src/ui/prefs-model';
import { mount, settle } from './dom';

let view: ReturnType<typeof mount> | null = null;

beforeEach(() => fakeBrowser.reset());
afterEach(() => view?.unmount());

async function show(deps: Partial<AudioTestDeps> = {}) {
  await fakeBrowser.storage.local.set({ [AUDIO_PREFS_KEY]: { microphoneId: 'usb-mic', speakerId: 'usb-headset', ringerId: 'usb-ringer', callVolume: 0.9, ringVolume: 0.4 } });
  const devices = createDevicesModel({ storage: fakeBrowser.storage.local as unknown as PrefsStorage });
  await devices.load();
  const full: AudioTestDeps = {
    getUserMedia: vi.fn(async () => ({ getTracks: () => [{ stop() {} }] }) as unknown as MediaStream),
    levelOf: () => ({ read: () => 0.7, close() {} }),
    playTone: vi.fn(async (sinkId: string) => sinkId),
    repeat: (callback) => {
      callback();
      return () => {};
    },
    ...deps,
  };
  const model = createAudioTestModel(full);
  view = mount(<AudioTestSection model={model} devices={devices} />);
  return { view, model, deps: full };
}

describe('the audio check in the options page', () => {
  it('Test microphone opens the chosen device and shows its level; the same button stops it', async () => {
    const { view, deps } = await show();
    expect(view.get('mic-test-state').textContent).toBe(AUDIO_TEST_WORDS.meterOff);
    expect(view.get('mic-test-button').getAttribute('aria-pressed')).toBe('false');
    view.click('mic-test-button');
    await settle();
    expect(deps.getUserMedia).toHaveBeenCalledWith({ audio: { deviceId: { exact: 'usb-mic' } } });
    expect(view.get('mic-test-button').getAttribute('aria-pressed')).toBe('true');
    expect(view.get('mic-test-button').textContent).toBe(AUDIO_TEST_WORDS.meterStop);
    expect(view.get('mic-level').getAttribute('data-level')).toBe('0.70');
    view.click('mic-test-button');
    await settle();
    expect(view.get('mic-test-state').getAttribute('data-state')).toBe('off');
    expect(view.get('mic-level').getAttribute('data-level')).toBe('0.00');
  });

  it('the test sounds play on the call audio and the ringtone device with their volumes; a failure is an alert', async () => {
    const { view, deps } = await show();
    view.click('speaker-test-button');
    await settle();
    expect(deps.playTone).toHaveBeenCalledWith('usb-headset', 0.9);
    expect(view.get('output-test-result').getAttribute('data-state')).toBe('played');
    expect(view.get('output-test-result').getAttribute('data-sink')).toBe('usb-headset');
    view.click('ringer-test-button');
    await settle();
    expect(deps.playTone).toHaveBeenLastCalledWith('usb-ringer', 0.4);
    view.unmount();

    const failing = await show({ playTone: () => Promise.reject(new DOMException('gone', 'NotFoundError')) });
    failing.view.click('ringer-test-button');
    await settle();
    const result = failing.view.get('output-test-result');
    expect(result.getAttribute('role')).toBe('alert');
    expect(result.textContent).toBe(AUDIO_TEST_WORDS.deviceGone);
  });

  it('a blocked microphone is an alert in words', async () => {
    const { view } = await show({ getUserMedia: () => Promise.reject(new DOMException('no', 'NotAllowedError')) });
    view.click('mic-test-button');
    await settle();
    expect(view.get('mic-test-error').textContent).toBe(AUDIO_TEST_WORDS.denied);
    expect(view.get('mic-test-error').getAttribute('role')).toBe('alert');
  });
});
