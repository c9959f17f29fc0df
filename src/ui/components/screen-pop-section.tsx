import type { ScreenPopModel } from '../screen-pop-model';
import { t } from '../i18n';

/** An https: address opened in a new tab for each inbound call (a CRM search, say). */
export function ScreenPopSection({ model }: { model: ScreenPopModel }) {
  return (
    <section aria-labelledby="screen-pop-title">
      <h2 id="screen-pop-title">{t('screenPop.title')}</h2>
      <p class="hint">
        {t('screenPop.hint', { number: '{number}', e164: '{e164}', name: '{name}', callId: '{callId}', ticket: '{X-Ticket}' })}
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void model.save();
        }}
      >
        <label class="field" for="screen-pop-template">
          <span>{t('screenPop.address')}</span>
          <input
            id="screen-pop-template"
            data-testid="screen-pop-template"
            type="url"
            placeholder={t('screenPop.placeholder', { number: '{number}' })}
            value={model.draft.value}
            onInput={(e) => model.setDraft(e.currentTarget.value)}
          />
        </label>
        <label class="field" for="screen-pop-when">
          <span>{t('screenPop.when')}</span>
          <select id="screen-pop-when" data-testid="screen-pop-when" value={model.when.value} onChange={(e) => model.setWhen(e.currentTarget.value === 'answer' ? 'answer' : 'ringing')}>
            <option value="ringing">{t('screenPop.whenRinging')}</option>
            <option value="answer">{t('screenPop.whenAnswer')}</option>
          </select>
        </label>
        <div class="actions">
          <button type="submit" data-testid="screen-pop-save">
            {t('screenPop.save')}
          </button>
        </div>
      </form>
      {model.error.value && (
        <p class="result tone-bad" role="alert" data-testid="screen-pop-error">
          {model.error.value}
        </p>
      )}
      {model.status.value === 'saved' && <p class="result tone-ok">{t('common.saved')}</p>}
    </section>
  );
}
