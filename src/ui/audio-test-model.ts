import { computed, type ReadonlySignal, signal } from '@preact/signals';
import { t } from './i18n';

/** Every sentence the audio check shows (plain English; the i18n helper moves them to _locales). */
export const AUDIO_TEST_WORDS = {
  get title() {
    return t('audioTest.title');
  },
  get meterStart() {
    return t('audioTest.meterStart');
  },
  get meterStop() {
    return t('audioTest.meterStop');
  },
  get meterLabel() {
    return t('audioTest.meterLabel');
  },
  get meterOff() {
    return t('audioTest.meterOff');
  },
  get meterOn() {
    return t('audioTest.meterOn');
  },
  get meterFallback() {
    return t('audioTest.meterFallback');
  },
  get speakerTest() {
    return t('audioTest.speakerTest');
  },
  get ringerTest() {
    return t('audioTest.ringerTest');
  },
  get playing() {
    return t('audioTest.playing');
  },
  get played() {
    return t('audioTest.played');
  },
  get denied() {
    return t('audioTest.denied');
  },
  get missing() {
    return t('audioTest.missing');
  },
  get busy() {
    return t('audioTest.busy');
  },
  get deviceGone() {
    return t('audioTest.deviceGone');
  },
  get outputDenied() {
    return t('audioTest.outputDenied');
  },
  get outputFailed() {
    return t('audioTest.outputFailed');
  },
};

/** One analyser read: the time-domain samples of the microphone now. */
export interface LevelSource {
  read(): number;
  close(): void;
}

/** The browser parts the check uses; the options page passes the real ones, tests fakes. */
export interface AudioTestDeps {
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
  /** Measures a stream's level (RMS, 0..1) with Web Audio. */
  levelOf(stream: MediaStream): LevelSource;
  /** Plays a short test tone on `sinkId` ("" = default) at `volume`; resolves with the sink it played on, rejects as setSinkId / play do. */
  playTone(sinkId: string, volume: number): Promise<string>;
  repeat(callback: () => void, ms: number): () => void;
}

export type OutputKind = 'speaker' | 'ringer';
export interface OutputResult {
  kind: OutputKind;
  state: 'playing' | 'played' | 'failed';
  words: string;
  /** The output the sound played on ("" = default), once played. */
  sinkId?: string;
}

export interface AudioTestModel {
  meterOn: ReadonlySignal<boolean>;
  /** 0..1, smoothed for the eye. */
  level: ReadonlySignal<number>;
  meterWords: ReadonlySignal<string>;
  meterError: ReadonlySignal<string | null>;
  output: ReadonlySignal<OutputResult | null>;
  /** Starts the meter on `deviceId` ("" = default), or stops it when it runs. */
  toggleMeter(deviceId: string): Promise<void>;
  stopMeter(): void;
  playTest(kind: OutputKind, deviceId: string, volume: number): Promise<void>;
  dispose(): void;
}

function errorName(error: unknown): string {
  return typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
}

function micWords(error: unknown): string {
  const name = errorName(error);
  if (name === 'NotAllowedError' || name === 'SecurityError') return AUDIO_TEST_WORDS.denied;
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return AUDIO_TEST_WORDS.missing;
  return AUDIO_TEST_WORDS.busy;
}

function outputWords(error: unknown): string {
  const name = errorName(error);
  if (name === 'NotFoundError') return AUDIO_TEST_WORDS.deviceGone;
  if (name === 'NotAllowedError' || name === 'SecurityError') return AUDIO_TEST_WORDS.outputDenied;
  return AUDIO_TEST_WORDS.outputFailed;
}

const METER_MS = 50;

/**
 * The audio check of the options page: a live microphone level meter that opens the chosen
 * microphone only while the person asks for it (the engine opens it otherwise only for calls),
 * and a test sound on the call audio or the ringer device (setSinkId), each failure in words.
 */
export function createAudioTestModel(deps: AudioTestDeps): AudioTestModel {
  const meterOn = signal(false);
  const level = signal(0);
  const meterError = signal<string | null>(null);
  const fellBack = signal(false);
  const output = signal<OutputResult | null>(null);
  let running: { stream: MediaStream; source: LevelSource; stop: () => void } | null = null;
  let opening = false;

  async function open(deviceId: string): Promise<MediaStream> {
    fellBack.value = false;
    if (deviceId === '') return deps.getUserMedia({ audio: true });
    try {
      return await deps.getUserMedia({ audio: { deviceId: { exact: deviceId } } });
    } catch (error) {
      const name = errorName(error);
      if (name !== 'NotFoundError' && name !== 'OverconstrainedError') throw error;
      const stream = await deps.getUserMedia({ audio: true });
      fellBack.value = true;
      return stream;
    }
  }

  function stopMeter(): void {
    const r = running;
    running = null;
    meterOn.value = false;
    level.value = 0;
    if (!r) return;
    r.stop();
    r.source.close();
    for (const track of r.stream.getTracks()) track.stop();
  }

  return {
    meterOn,
    level,
    meterError,
    output,
    meterWords: computed(() => (!meterOn.value ? AUDIO_TEST_WORDS.meterOff : fellBack.value ? AUDIO_TEST_WORDS.meterFallback : AUDIO_TEST_WORDS.meterOn)),
    async toggleMeter(deviceId) {
      if (running) return stopMeter();
      if (opening) return;
      opening = true;
      meterError.value = null;
      try {
        const stream = await open(deviceId);
        const source = deps.levelOf(stream);
        const stop = deps.repeat(() => {
          // Fast up, slow down: a meter the eye can follow.
          const now = Math.min(1, source.read());
          level.value = now > level.peek() ? now : level.peek() * 0.85 + now * 0.15;
        }, METER_MS);
        running = { stream, source, stop };
        meterOn.value = true;
      } catch (error) {
        meterError.value = micWords(error);
      } finally {
        opening = false;
      }
    },
    stopMeter,
    async playTest(kind, deviceId, volume) {
      output.value = { kind, state: 'playing', words: AUDIO_TEST_WORDS.playing };
      try {
        const sinkId = await deps.playTone(deviceId, volume);
        output.value = { kind, state: 'played', words: AUDIO_TEST_WORDS.played, sinkId };
      } catch (error) {
        output.value = { kind, state: 'failed', words: outputWords(error) };
      }
    },
    dispose: stopMeter,
  };
}
