import { PAGE_ACCESS_WORDS as W, type PageAccessModel } from '../page-access-model';
import { LockedNote } from './field';

/** The allowed origins of the page API, with silent dialling, the seed SDK shims and consent per origin. */
export function PageAccessSection({ model }: { model: PageAccessModel }) {
  const rules = model.access.value.origins;
  const managed = model.managed.value;
  return (
    <section aria-labelledby="page-access-title" data-testid="page-access">
      <h2 id="page-access-title">{W.title}</h2>
      <p class="hint">{W.hint}</p>
      {managed && (
        <p class="hint" data-testid="page-access-managed">
          {W.managed}
        </p>
      )}
      {managed && <LockedNote id="page-access" />}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void model.add();
        }}
      >
        <label class="field" for="page-access-pattern">
          <span>{W.pattern}</span>
          <input
            id="page-access-pattern"
            data-testid="page-access-pattern"
            type="text"
            placeholder={W.placeholder}
            value={model.draft.value}
            disabled={managed}
            aria-describedby={managed ? 'page-access-locked' : undefined}
            onInput={(e) => model.setDraft(e.currentTarget.value)}
          />
        </label>
        <div class="actions">
          <button type="submit" data-testid="page-access-add" disabled={managed}>
            {W.add}
          </button>
        </div>
      </form>
      {model.error.value && (
        <p class="result tone-bad" role="alert" data-testid="page-access-error">
          {model.error.value}
        </p>
      )}
      {rules.length === 0 ? (
        <p class="muted">{W.none}</p>
      ) : (
        <ul class="page-access-list">
          {rules.map((rule) => (
            <li key={rule.pattern} data-testid="page-access-rule" data-pattern={rule.pattern}>
              <strong>{rule.pattern}</strong>
              <label>
                <input type="checkbox" checked={rule.silentDial} onChange={(e) => void model.update(rule.pattern, { silentDial: e.currentTarget.checked })} /> {W.silentDial}
              </label>
              <label>
                <input type="checkbox" checked={rule.shims} onChange={(e) => void model.update(rule.pattern, { shims: e.currentTarget.checked })} /> {W.shims}
              </label>
              <label>
                <input
                  type="checkbox"
                  data-testid="page-access-consent"
                  checked={rule.consent === true}
                  onChange={(e) => void model.update(rule.pattern, { consent: e.currentTarget.checked })}
                />{' '}
                {W.consent}
                {rule.consent === null && <span class="muted"> ({W.consentUnasked})</span>}
                {rule.consent === false && <span class="muted"> ({W.consentDenied})</span>}
              </label>
              <button type="button" data-testid="page-access-remove" disabled={managed} onClick={() => void model.remove(rule.pattern)}>
                {W.remove}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
