import { isLanguageChoice, LANGUAGE_CHOICES } from '../../i18n/locale';
import { t } from '../i18n';
import type { PrefsModel } from '../prefs-model';

/** Dialbar's language: as the browser, or English or Simplified Chinese whatever the browser says. */
export function LanguageSection({ model, language }: { model: PrefsModel; language: string }) {
  const choice = model.prefs.value.language;
  return (
    <section aria-labelledby="language-title">
      <h2 id="language-title">{t('language.title')}</h2>
      <div class="field">
        <label for="language">{t('language.label')}</label>
        <select
          id="language"
          data-testid="language"
          value={choice}
          aria-describedby="language-hint"
          onChange={(event) => {
            const value = event.currentTarget.value;
            if (isLanguageChoice(value)) void model.setLanguage(value);
          }}
        >
          {LANGUAGE_CHOICES.map((value) => (
            <option key={value} value={value}>
              {value === 'auto' ? t('language.auto', { language }) : t(`language.${value}`)}
            </option>
          ))}
        </select>
        <p class="hint" id="language-hint">
          {t('language.hint')}
        </p>
      </div>
    </section>
  );
}
