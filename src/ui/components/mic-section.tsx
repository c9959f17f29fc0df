import type { MicModel } from '../mic-model';
import { t } from '../i18n';

/** Asks for the microphone from this visible page, so the hidden engine may use it later. */
export function MicSection({ model }: { model: MicModel }) {
  const state = model.state.value;
  const tone = state === 'granted' ? 'ok' : state === 'denied' || state === 'missing' || state === 'failed' ? 'bad' : 'off';
  return (
    <section aria-labelledby="mic-title">
      <h2 id="mic-title">{t('mic.title')}</h2>
      <p class="hint">{t('mic.hint')}</p>
      <div class="actions">
        <button type="button" class="primary" data-testid="mic-button" disabled={!model.canRequest.value} onClick={() => model.request()}>
          {t('mic.allow')}
        </button>
      </div>
      <p class={`result tone-${tone}`} data-testid="mic-state" data-state={state} aria-live="polite">
        {model.words.value}
      </p>
    </section>
  );
}
