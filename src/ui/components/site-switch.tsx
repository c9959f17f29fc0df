import type { SiteSwitchModel } from '../site-switch-model';
import { t } from '../i18n';

/** "Detect numbers on this site" for the active tab. */
export function SiteSwitch({ model }: { model: SiteSwitchModel }) {
  const host = model.host.value;
  if (!host) return null;
  return (
    <section class="site-switch">
      <label class="row">
        <input
          type="checkbox"
          data-testid="site-detect"
          checked={model.enabled.value}
          disabled={model.globallyOff.value}
          onChange={(event) => model.setEnabled(event.currentTarget.checked)}
        />
        <span>
          {t('site.detectOn')} <strong>{host}</strong>
        </span>
      </label>
      {model.globallyOff.value && <p class="muted">{t('site.globallyOff')}</p>}
      {model.error.value && (
        <p class="error" role="alert">
          {model.error.value}
        </p>
      )}
    </section>
  );
}
