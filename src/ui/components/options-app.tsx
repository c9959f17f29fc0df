import type { AccountModel } from '../account-model';
import type { AudioTestModel } from '../audio-test-model';
import type { DevicesModel } from '../devices-model';
import type { ScreenPopModel } from '../screen-pop-model';
import type { MicModel } from '../mic-model';
import type { PageAccessModel } from '../page-access-model';
import type { PrefsModel } from '../prefs-model';
import type { StatusModel } from '../status-model';
import { AccountSection } from './account-section';
import { AudioTestSection } from './audio-test-section';
import { DetectionSection } from './detection-section';
import { DevicesSection } from './devices-section';
import { LanguageSection } from './language-section';
import { ScreenPopSection } from './screen-pop-section';
import { MicSection } from './mic-section';
import { PageAccessSection } from './page-access-section';
import { t } from '../i18n';
import { useEffect } from 'preact/hooks';

export interface OptionsModels {
  account: AccountModel;
  status: StatusModel;
  mic: MicModel;
  prefs: PrefsModel;
  devices?: DevicesModel;
  audioTest?: AudioTestModel;
  screenPop?: ScreenPopModel;
  pageAccess?: PageAccessModel;
}

/** The options page: live status, phone account, microphone and number detection. */
export function OptionsApp({ models, language }: { models: OptionsModels; language: string }) {
  const registration = models.status.registration.value;
  const error = models.status.error.value;
  const title = t('options.title');
  useEffect(() => {
    document.title = title;
  }, [title]);
  return (
    <main class="options">
      <header class="page-head">
        <h1>{title}</h1>
        <div class={`status tone-${registration.tone}`} data-testid="status" data-state={registration.state} aria-live="polite">
          <p class="status-line">
            <span class="dot" aria-hidden="true" />
            <strong>{registration.words}</strong>
            {registration.account && <span class="muted"> {registration.account}</span>}
            {registration.retry && <span class="muted"> — {registration.retry}</span>}
          </p>
          {error && (
            <p class="error" data-testid="status-error">
              {error}
            </p>
          )}
        </div>
      </header>
      <LanguageSection model={models.prefs} language={language} />
      <AccountSection model={models.account} status={models.status} />
      <MicSection model={models.mic} />
      {models.devices && <DevicesSection model={models.devices} />}
      {models.devices && models.audioTest && <AudioTestSection model={models.audioTest} devices={models.devices} />}
      {models.screenPop && <ScreenPopSection model={models.screenPop} />}
      <DetectionSection model={models.prefs} language={language} />
      {models.pageAccess && <PageAccessSection model={models.pageAccess} />}
    </main>
  );
}
