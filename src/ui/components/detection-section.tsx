import { useMemo } from 'preact/hooks';
import type { Prefs } from '../../settings/prefs';
import { countryOptions, regionOf } from '../countries';
import type { PrefsModel } from '../prefs-model';
import { Checkbox, FieldError } from './field';
import { t } from '../i18n';

/** Number detection preferences, stored in storage.local as they change. */
export function DetectionSection({ model, language }: { model: PrefsModel; language: string }) {
  const prefs = model.prefs.value;
  const status = model.status.value;
  const countries = useMemo(() => countryOptions(language), [language]);
  const browserRegion = regionOf(language);
  const browserCountry = countries.find((c) => c.code === browserRegion)?.name ?? browserRegion ?? t('detect.unknownCountry');
  const listWord = prefs.siteMode === 'block' ? t('detect.neverOn') : t('detect.onlyOn');

  return (
    <section aria-labelledby="detection-title">
      <h2 id="detection-title">{t('detect.title')}</h2>
      <Checkbox
        id="detect-numbers"
        label={t('detect.numbers')}
        checked={prefs.detectNumbers}
        hint={t('detect.numbersHint')}
        onChange={(value) => model.setDetectNumbers(value)}
      />
      <fieldset disabled={!prefs.detectNumbers}>
        <legend>{t('detect.how')}</legend>
        <div class="pair">
          <div class="field">
            <label for="default-country">{t('detect.country')}</label>
            <select
              id="default-country"
              data-testid="default-country"
              value={prefs.defaultCountry}
              aria-describedby={model.countryError.value ? 'default-country-error' : undefined}
              onChange={(event) => model.setDefaultCountry(event.currentTarget.value)}
            >
              <option value="">{t('detect.browserCountry', { country: browserCountry })}</option>
              {countries.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name} ({c.code})
                </option>
              ))}
            </select>
            <FieldError id="default-country" error={model.countryError.value} />
          </div>
          <div class="field">
            <label for="click-action">{t('detect.click')}</label>
            <select
              id="click-action"
              data-testid="click-action"
              value={prefs.clickAction}
              onChange={(event) => model.setClickAction(event.currentTarget.value as Prefs['clickAction'])}
            >
              <option value="card">{t('detect.clickCard')}</option>
              <option value="call">{t('detect.clickCall')}</option>
            </select>
          </div>
        </div>
        <Checkbox
          id="detect-in-code"
          label={t('detect.inCode')}
          checked={prefs.detectInCode}
          onChange={(value) => model.setDetectInCode(value)}
        />
      </fieldset>
      <fieldset disabled={!prefs.detectNumbers}>
        <legend>{t('detect.sites')}</legend>
        <div class="field">
          <label for="site-mode">{t('detect.siteList')}</label>
          <select
            id="site-mode"
            data-testid="site-mode"
            value={prefs.siteMode}
            onChange={(event) => model.setSiteMode(event.currentTarget.value as Prefs['siteMode'])}
          >
            <option value="block">{t('detect.modeBlock')}</option>
            <option value="allow">{t('detect.modeAllow')}</option>
          </select>
        </div>
        <form
          class="field"
          onSubmit={(event) => {
            event.preventDefault();
            model.addHost();
          }}
        >
          <label for="site-host">{t('detect.addSite')}</label>
          <div class="row">
            <input
              id="site-host"
              data-testid="site-host"
              type="text"
              value={model.hostDraft.value}
              placeholder={t('detect.hostPlaceholder')}
              autoComplete="off"
              spellcheck={false}
              aria-invalid={model.hostError.value ? 'true' : undefined}
              aria-describedby={model.hostError.value ? 'site-host-error' : undefined}
              onInput={(event) => model.setHostDraft(event.currentTarget.value)}
            />
            <button type="submit" data-testid="site-add">
              {t('common.add')}
            </button>
          </div>
          <FieldError id="site-host" error={model.hostError.value} />
        </form>
        <p class="list-title">
          {prefs.sites.length === 0 ? t('detect.listEmpty', { list: listWord }) : t('detect.listCount', { list: listWord, count: prefs.sites.length })}
        </p>
        <ul class="sites" data-testid="site-list">
          {prefs.sites.map((site) => (
            <li key={site.host} data-host={site.host}>
              <span>{site.host}</span>
              <button
                type="button"
                class="link"
                data-testid={`site-remove-${site.host}`}
                aria-label={t('detect.removeHost', { host: site.host })}
                onClick={() => model.removeHost(site.host)}
              >
                {t('common.remove')}
              </button>
            </li>
          ))}
        </ul>
      </fieldset>
      <p class={`result result-${status.kind}`} data-testid="prefs-status" data-state={status.kind} aria-live="polite">
        {status.kind === 'saving' && t('common.saving')}
        {status.kind === 'saved' && t('detect.saved')}
        {status.kind === 'error' && status.message}
      </p>
    </section>
  );
}
