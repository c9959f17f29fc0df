import { describe, expect, it } from 'vitest';
import { createAudioSink } from '../../../src/engine/browser-media';
import { AudioSettings, documentRingtone } from '../../../src/offscreen/audio-settings';
import { DEFAULT_AUDIO_PREFS } from '../../../src/settings/audio-prefs';
import { fakeStream } from '../../fakes/fake-sip-stack';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Output devices present now: setSinkId to any other id fails as Chromium's does (NotFoundError). */
let present = new Set(['', 'usb-headset', 'usb-ringer']);

class FakeAudioElement {
  dataset: Record<string, string> = {};
  sinkId = '';
  srcObject: unknown = null;
  volume = 1;
  muted = false;
  paused = true;
  autoplay = false;
  async setSinkId(id: string): Promise<void> {
    if (!present.has(id)) throw Object.assign(new Error('Requested device not found'), { name: 'NotFoundError' });
    this.sinkId = id;
  }
  async play(): Promise<void> {
    this.paused = false;
  }
  pause(): void {
    this.paused = true;
  }
  remove(): void {}
}

function fakeDocument() {
  const elements: FakeAudioElement[] = [];
  const document = {
    createElement: () => {
      const element = new FakeAudioElement();
      elements.push(element);
      return element;
    },
    body: { append: () => {} },
  } as unknown as Document;
  return { document, elements };
}

function fakeContext(): AudioContext {
  const node = () => ({ connect: () => {}, disconnect: () => {} });
  return {
    currentTime: 0,
    resume: async () => {},
    createMediaStreamDestination: () => ({ ...node(), stream: fakeStream('ring') }),
    createGain: () => ({ ...node(), gain: { setValueAtTime: () => {} } }),
    createOscillator: () => ({ ...node(), frequency: { value: 0 }, start: () => {}, stop: () => {} }),
  } as unknown as AudioContext;
}

function settings(prefs: Partial<typeof DEFAULT_AUDIO_PREFS>) {
  const audio = new AudioSettings();
  audio.set({ ...DEFAULT_AUDIO_PREFS, ...prefs });
  return audio;
}

describe('output devices unplugged mid-call or mid-ring', () => {
  it('the ringer: the ring goes on on the default device, the snapshot says so; plugged back, the chosen one again', async () => {
    present = new Set(['', 'usb-headset', 'usb-ringer']);
    const { document, elements } = fakeDocument();
    const devices = new EventTarget();
    const audio = settings({ ringerId: 'usb-ringer' });
    const ringtone = documentRingtone(audio, document, fakeContext, devices as MediaDevices);
    ringtone.set(true);
    await settle();
    const [element] = elements;
    expect(element).toMatchObject({ sinkId: 'usb-ringer', paused: false, dataset: { state: 'ringing' } });
    expect(audio.read().notice).toBeNull();

    present.delete('usb-ringer');
    devices.dispatchEvent(new Event('devicechange'));
    await settle();
    expect(element).toMatchObject({ sinkId: '', paused: false, dataset: { state: 'ringing' } });
    expect(audio.read().notice?.code).toBe('ringer-fallback');

    present.add('usb-ringer');
    devices.dispatchEvent(new Event('devicechange'));
    await settle();
    expect(element?.sinkId).toBe('usb-ringer');
    expect(audio.read().notice).toBeNull();

    // Not ringing: a device change touches nothing.
    ringtone.set(false);
    present.delete('usb-ringer');
    devices.dispatchEvent(new Event('devicechange'));
    await settle();
    expect(element?.sinkId).toBe('usb-ringer');
    expect(audio.read().notice).toBeNull();
  });

  it('the speaker: each call’s audio moves to the default device with the notice', async () => {
    present = new Set(['', 'usb-headset']);
    const { document, elements } = fakeDocument();
    const devices = new EventTarget();
    const audio = settings({ speakerId: 'usb-headset' });
    const sink = createAudioSink(document, audio.choice('speaker'), devices as MediaDevices);
    sink.play('call-1', fakeStream('voice'));
    await settle();
    expect(elements[0]?.sinkId).toBe('usb-headset');
    present.delete('usb-headset');
    devices.dispatchEvent(new Event('devicechange'));
    await settle();
    expect(elements[0]).toMatchObject({ sinkId: '', paused: false });
    expect(audio.read().notice?.code).toBe('speaker-fallback');
  });
});
