import { useMemo } from 'preact/hooks';
import type { Prefs } from '../../settings/prefs';
import { countryOptions, regionOf } from '../countries';
import type { PrefsModel } from '../prefs-model';
import { Checkbox, FieldError } from './field';

/** Number detection preferences, stored in storage.local as they change. */
export function DetectionSection({ model, language }: { model: PrefsModel; language: string }) {
  const prefs = model.prefs.value;
  const status = model.status.value;
  const countries = useMemo(() => countryOptions(language), [language]);
  const browserRegion = regionOf(language);
  const browserCountry = countries.find((c) => c.code === browserRegion)?.name ?? browserRegion ?? 'unknown';
  const listWord = prefs.siteMode === 'block' ? 'Never detect on' : 'Only detect on';

  return (
    <section aria-labelledby="detection-title">
      <h2 id="detection-title">Number detection</h2>
      <Checkbox
        id="detect-numbers"
        label="Detect phone numbers on pages"
        checked={prefs.detectNumbers}
        hint="Numbers become clickable; clicking one calls it with Dialbar."
        onChange={(value) => model.setDetectNumbers(value)}
      />
      <fieldset disabled={!prefs.detectNumbers}>
        <legend>How numbers are read and used</legend>
        <div class="pair">
          <div class="field">
            <label for="default-country">Numbers without a country code are from</label>
            <select
              id="default-country"
              data-testid="default-country"
              value={prefs.defaultCountry}
              aria-describedby={model.countryError.value ? 'default-country-error' : undefined}
              onChange={(event) => model.setDefaultCountry(event.currentTarget.value)}
            >
              <option value="">The browser language’s country ({browserCountry})</option>
              {countries.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name} ({c.code})
                </option>
              ))}
            </select>
            <FieldError id="default-country" error={model.countryError.value} />
          </div>
          <div class="field">
            <label for="click-action">Clicking a number</label>
            <select
              id="click-action"
              data-testid="click-action"
              value={prefs.clickAction}
              onChange={(event) => model.setClickAction(event.currentTarget.value as Prefs['clickAction'])}
            >
              <option value="card">Shows a card with a Call button</option>
              <option value="call">Calls at once</option>
            </select>
          </div>
        </div>
        <Checkbox
          id="detect-in-code"
          label="Also detect inside code blocks"
          checked={prefs.detectInCode}
          onChange={(value) => model.setDetectInCode(value)}
        />
      </fieldset>
      <fieldset disabled={!prefs.detectNumbers}>
        <legend>Sites</legend>
        <div class="field">
          <label for="site-mode">Site list</label>
          <select
            id="site-mode"
            data-testid="site-mode"
            value={prefs.siteMode}
            onChange={(event) => model.setSiteMode(event.currentTarget.value as Prefs['siteMode'])}
          >
            <option value="block">Detect everywhere except the listed sites</option>
            <option value="allow">Detect only on the listed sites</option>
          </select>
        </div>
        <form
          class="field"
          onSubmit={(event) => {
            event.preventDefault();
            model.addHost();
          }}
        >
          <label for="site-host">Add a site</label>
          <div class="row">
            <input
              id="site-host"
              data-testid="site-host"
              type="text"
              value={model.hostDraft.value}
              placeholder="crm.example.com or *.example.com"
              autoComplete="off"
              spellcheck={false}
              aria-invalid={model.hostError.value ? 'true' : undefined}
              aria-describedby={model.hostError.value ? 'site-host-error' : undefined}
              onInput={(event) => model.setHostDraft(event.currentTarget.value)}
            />
            <button type="submit" data-testid="site-add">
              Add
            </button>
          </div>
          <FieldError id="site-host" error={model.hostError.value} />
        </form>
        <p class="list-title">
          {listWord} {prefs.sites.length === 0 ? 'any site yet.' : `${prefs.sites.length} site(s):`}
        </p>
        <ul class="sites" data-testid="site-list">
          {prefs.sites.map((site) => (
            <li key={site.host} data-host={site.host}>
              <span>{site.host}</span>
              <button
                type="button"
                class="link"
                data-testid={`site-remove-${site.host}`}
                aria-label={`Remove ${site.host}`}
                onClick={() => model.removeHost(site.host)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      </fieldset>
      <p class={`result result-${status.kind}`} data-testid="prefs-status" data-state={status.kind} aria-live="polite">
        {status.kind === 'saving' && 'Saving…'}
        {status.kind === 'saved' && 'Detection settings saved.'}
        {status.kind === 'error' && status.message}
      </p>
    </section>
  );
}
