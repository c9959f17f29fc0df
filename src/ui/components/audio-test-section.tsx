import { AUDIO_TEST_WORDS, type AudioTestModel, type OutputKind } from '../audio-test-model';
import type { DevicesModel } from '../devices-model';

/**
 * Check the audio before a call: a live microphone level (the microphone opens only while the
 * test runs) and a test sound on the call audio and on the ringtone device, as chosen above.
 */
export function AudioTestSection({ model, devices }: { model: AudioTestModel; devices: DevicesModel }) {
  const prefs = devices.prefs.value;
  const on = model.meterOn.value;
  const level = model.level.value;
  const output = model.output.value;
  const play = (kind: OutputKind) =>
    model.playTest(kind, kind === 'speaker' ? prefs.speakerId : prefs.ringerId, kind === 'speaker' ? prefs.callVolume : prefs.ringVolume);
  return (
    <section aria-labelledby="audio-test-title" class="audio-test">
      <h2 id="audio-test-title">{AUDIO_TEST_WORDS.title}</h2>
      <div class="actions">
        <button type="button" data-testid="mic-test-button" aria-pressed={on} onClick={() => model.toggleMeter(prefs.microphoneId)}>
          {on ? AUDIO_TEST_WORDS.meterStop : AUDIO_TEST_WORDS.meterStart}
        </button>
      </div>
      <label class="field meter-field" for="mic-level">
        <span>{AUDIO_TEST_WORDS.meterLabel}</span>
        <meter id="mic-level" data-testid="mic-level" data-level={level.toFixed(2)} min={0} max={1} low={0.25} high={0.9} optimum={0.5} value={level} />
      </label>
      <p class="hint" data-testid="mic-test-state" data-state={on ? 'on' : 'off'} aria-live="polite">
        {model.meterWords.value}
      </p>
      {model.meterError.value && (
        <p class="result tone-bad" data-testid="mic-test-error" role="alert">
          {model.meterError.value}
        </p>
      )}
      <div class="actions">
        <button type="button" data-testid="speaker-test-button" disabled={output?.state === 'playing'} onClick={() => play('speaker')}>
          {AUDIO_TEST_WORDS.speakerTest}
        </button>
        <button type="button" data-testid="ringer-test-button" disabled={output?.state === 'playing'} onClick={() => play('ringer')}>
          {AUDIO_TEST_WORDS.ringerTest}
        </button>
      </div>
      {output && (
        <p
          class={`result tone-${output.state === 'failed' ? 'bad' : output.state === 'played' ? 'ok' : 'off'}`}
          data-testid="output-test-result"
          data-kind={output.kind}
          data-state={output.state}
          data-sink={output.sinkId ?? ''}
          role={output.state === 'failed' ? 'alert' : 'status'}
        >
          {output.words}
        </p>
      )}
    </section>
  );
}
