import { describe, expect, it, vi } from 'vitest';
import { levelOfSamples } from '../../../src/ui/audio-probe';
import { AUDIO_TEST_WORDS, type AudioTestDeps, createAudioTestModel } from '../../../src/ui/audio-test-model';

const fail = (name: string) => Promise.reject(new DOMException('no', name));

function fakes(overrides: Partial<AudioTestDeps> = {}) {
  const stopped: string[] = [];
  const stream = (label: string) => ({ getTracks: () => [{ stop: () => stopped.push(label) }] }) as unknown as MediaStream;
  let tick: (() => void) | null = null;
  let reading = 0;
  const closed: number[] = [];
  const deps: AudioTestDeps = {
    getUserMedia: vi.fn(async (c: MediaStreamConstraints) => stream(JSON.stringify(c.audio))),
    levelOf: () => ({ read: () => reading, close: () => closed.push(1) }),
    playTone: vi.fn(async (sinkId: string) => sinkId),
    repeat: (callback) => {
      tick = callback;
      return () => {
        tick = null;
      };
    },
    ...overrides,
  };
  return {
    deps,
    stopped,
    closed,
    setLevel(l: number) {
      reading = l;
      tick?.();
    },
    ticking: () => tick !== null,
  };
}

describe('the options page’s audio check', () => {
  it('the meter opens the chosen microphone only while asked, follows its level, and closes it again', async () => {
    const fx = fakes();
    const model = createAudioTestModel(fx.deps);
    expect(model.meterWords.value).toBe(AUDIO_TEST_WORDS.meterOff);
    expect(fx.deps.getUserMedia).not.toHaveBeenCalled();
    await model.toggleMeter('usb-mic');
    expect(fx.deps.getUserMedia).toHaveBeenCalledWith({ audio: { deviceId: { exact: 'usb-mic' } } });
    expect(model.meterOn.value).toBe(true);
    expect(model.meterWords.value).toBe(AUDIO_TEST_WORDS.meterOn);
    fx.setLevel(0.8);
    expect(model.level.value).toBe(0.8);
    fx.setLevel(0);
    expect(model.level.value).toBeGreaterThan(0); // falls back slowly
    expect(model.level.value).toBeLessThan(0.8);
    await model.toggleMeter('usb-mic');
    expect(model.meterOn.value).toBe(false);
    expect(model.level.value).toBe(0);
    expect(fx.stopped).toHaveLength(1);
    expect(fx.closed).toHaveLength(1);
    expect(fx.ticking()).toBe(false);
  });

  it('a chosen microphone that is not connected: the default one, and the words say so', async () => {
    const fx = fakes();
    fx.deps.getUserMedia = vi.fn(async (c: MediaStreamConstraints) => (c.audio === true ? ({ getTracks: () => [] } as unknown as MediaStream) : fail('OverconstrainedError')));
    const model = createAudioTestModel(fx.deps);
    await model.toggleMeter('gone-mic');
    expect(model.meterOn.value).toBe(true);
    expect(model.meterWords.value).toBe(AUDIO_TEST_WORDS.meterFallback);
  });

  it('a blocked or missing microphone is told in words; nothing stays open', async () => {
    for (const [name, words] of [
      ['NotAllowedError', AUDIO_TEST_WORDS.denied],
      ['NotFoundError', AUDIO_TEST_WORDS.missing],
      ['NotReadableError', AUDIO_TEST_WORDS.busy],
    ] as const) {
      const fx = fakes({ getUserMedia: () => fail(name) });
      const model = createAudioTestModel(fx.deps);
      await model.toggleMeter('');
      expect(model.meterError.value).toBe(words);
      expect(model.meterOn.value).toBe(false);
      expect(fx.ticking()).toBe(false);
    }
  });

  it('dispose (the page closes) stops a running meter', async () => {
    const fx = fakes();
    const model = createAudioTestModel(fx.deps);
    await model.toggleMeter('');
    model.dispose();
    expect(fx.stopped).toHaveLength(1);
    expect(model.meterOn.value).toBe(false);
  });

  it('the test sound plays on the chosen output at its volume and says so; a gone or forbidden device in words', async () => {
    const fx = fakes();
    const model = createAudioTestModel(fx.deps);
    const playing = model.playTest('ringer', 'usb-ringer', 0.6);
    expect(model.output.value).toMatchObject({ kind: 'ringer', state: 'playing' });
    await playing;
    expect(fx.deps.playTone).toHaveBeenCalledWith('usb-ringer', 0.6);
    expect(model.output.value).toEqual({ kind: 'ringer', state: 'played', words: AUDIO_TEST_WORDS.played, sinkId: 'usb-ringer' });

    for (const [name, words] of [
      ['NotFoundError', AUDIO_TEST_WORDS.deviceGone],
      ['NotAllowedError', AUDIO_TEST_WORDS.outputDenied],
      ['AbortError', AUDIO_TEST_WORDS.outputFailed],
    ] as const) {
      const failing = createAudioTestModel(fakes({ playTone: () => fail(name) }).deps);
      await failing.playTest('speaker', 'x', 1);
      expect(failing.output.value).toEqual({ kind: 'speaker', state: 'failed', words });
    }
  });

  it('the level bar: silence empty, -60 dBFS empty, a full-scale tone full, -30 dBFS half', () => {
    expect(levelOfSamples(new Float32Array(64))).toBe(0);
    expect(levelOfSamples(new Float32Array(64).fill(0.001))).toBeCloseTo(0, 5);
    expect(levelOfSamples(new Float32Array(64).fill(1))).toBe(1);
    expect(levelOfSamples(new Float32Array(64).fill(10 ** (-30 / 20)))).toBeCloseTo(0.5, 5);
  });
});
