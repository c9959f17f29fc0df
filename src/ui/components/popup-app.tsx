import { useEffect, useRef, useState } from 'preact/hooks';
import type { HistoryModel } from '../history-model';
import type { PopupModel } from '../popup-model';
import type { SiteSwitchModel } from '../site-switch-model';
import { AgentStatus } from './agent-status';
import { CallPanel } from './call-panel';
import { ConferencePanel } from './conference-panel';
import { HistoryPanel } from './history-panel';
import { RegistrationStatus } from './registration-status';
import { SiteSwitch } from './site-switch';
import { t } from '../i18n';
import { updateWaitingWords } from '../words';

type Tab = 'call' | 'history';
const TABS: Array<{ id: Tab; label: () => string }> = [
  { id: 'call', label: () => t('popup.tabCall') },
  { id: 'history', label: () => t('popup.tabHistory') },
];

/** The toolbar popup: registration, then a Call tab (the dial field and a card per call) and a History tab. */
export function PopupApp({ model, site, history }: { model: PopupModel; site?: SiteSwitchModel; history?: HistoryModel }) {
  const [tab, setTab] = useState<Tab>('call');
  const tabRefs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});
  const registration = model.registration.value;
  const calls = model.calls.value;
  const pending = model.pending.value;
  const input = useRef<HTMLInputElement>(null);
  const setup = model.needsSetup.value;
  // Keyboard first: the number field has focus as soon as it is shown.
  useEffect(() => {
    if (!setup && tab === 'call') input.current?.focus();
  }, [setup, tab]);

  // Tabs as WAI-ARIA describes them: arrow keys, Home and End move between them.
  const onTabKey = (event: KeyboardEvent) => {
    const at = TABS.findIndex((t) => t.id === tab);
    const next =
      event.key === 'ArrowRight' ? (at + 1) % TABS.length
      : event.key === 'ArrowLeft' ? (at + TABS.length - 1) % TABS.length
      : event.key === 'Home' ? 0
      : event.key === 'End' ? TABS.length - 1
      : -1;
    const target = TABS[next];
    if (!target) return;
    event.preventDefault();
    setTab(target.id);
    tabRefs.current[target.id]?.focus();
  };
  const showTabs = history !== undefined && !setup;

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && model.number.value !== '') {
      event.preventDefault();
      model.clearNumber();
    }
  };

  return (
    <main class="popup">
      <header class="top">
        <h1>Dialbar</h1>
        <div class="row tight">
          <button type="button" data-testid="signin-button" disabled={!registration.canSignIn || pending !== null} onClick={() => model.signIn()}>
            {t('popup.signIn')}
          </button>
          <button type="button" data-testid="signout-button" disabled={!registration.canSignOut || pending !== null} onClick={() => model.signOut()}>
            {t('popup.signOut')}
          </button>
        </div>
      </header>
      <RegistrationStatus
        view={registration}
        error={model.registrationError.value}
        stateTestId="registration-state"
        errorTestId="registration-error"
      />
      {!setup && <AgentStatus model={model.agent} />}
      {model.audioNotice.value && (
        <p class="result tone-bad" data-testid="audio-notice" role="status">
          {model.audioNotice.value}
        </p>
      )}
      {showTabs && (
        <div class="tabs" role="tablist" aria-label={t('popup.views')}>
          {TABS.map((each) => (
            <button
              key={each.id}
              type="button"
              role="tab"
              id={`tab-${each.id}`}
              data-testid={`tab-${each.id}`}
              aria-selected={tab === each.id}
              aria-controls={`panel-${each.id}`}
              tabIndex={tab === each.id ? 0 : -1}
              ref={(el) => {
                tabRefs.current[each.id] = el;
              }}
              onClick={() => setTab(each.id)}
              onKeyDown={onTabKey}
            >
              {each.label()}
            </button>
          ))}
        </div>
      )}
      {showTabs && tab === 'history' && history ? (
        <div role="tabpanel" id="panel-history" aria-labelledby="tab-history">
          <HistoryPanel model={history} onRedialed={() => setTab('call')} />
        </div>
      ) : setup ? (
        <section class="setup">
          <p>{t('popup.noAccount')}</p>
          <a
            href={model.optionsUrl}
            target="_blank"
            rel="noreferrer"
            class="button primary"
            data-testid="setup-link"
            onClick={(event) => {
              event.preventDefault();
              model.openOptions();
            }}
          >
            {t('popup.setUp')}
          </a>
        </section>
      ) : (
        <form
          class="dial"
          onSubmit={(event) => {
            event.preventDefault();
            model.dial();
          }}
        >
          <label for="dial-input">{t('popup.numberLabel')}</label>
          <div class="row">
            <input
              id="dial-input"
              data-testid="dial-input"
              type="tel"
              inputMode="tel"
              autoComplete="off"
              ref={input}
              placeholder="+1 555 0100"
              value={model.number.value}
              onInput={(event) => model.setNumber(event.currentTarget.value)}
              onKeyDown={onKeyDown}
            />
            <button type="submit" class="primary" data-testid="dial-button" disabled={!model.canDial.value}>
              {pending === 'dial' ? t('popup.calling') : t('popup.call')}
            </button>
            <button
              type="button"
              class="danger"
              data-testid="hangup-button"
              disabled={!model.canHangup.value}
              onClick={() => model.hangup()}
            >
              {t('popup.hangUp')}
            </button>
          </div>
        </form>
      )}
      {model.conference.value && (
        <ConferencePanel
          conference={model.conference.value}
          onCommand={(callId, command) => model.command(callId, command)}
          onHangupAll={() => model.hangupAll()}
        />
      )}
      {calls.map((call) => (
        <CallPanel
          key={call.id}
          call={call}
          onCommand={(command) => model.command(call.id, command)}
          onDigits={(digits) => model.sendDigitsTo(call.id, digits)}
          onTransfer={(target) => model.transfer(call.id, target)}
          onConsult={(target) => model.consult(call.id, target)}
        />
      ))}
      {model.callError.value && (
        <p class="error" data-testid="call-error" role="alert">
          {model.callError.value}
        </p>
      )}
      {model.updateWaiting.value && (
        <p class="notice" data-testid="update-waiting" role="status">
          {updateWaitingWords()}
        </p>
      )}
      {!model.loaded.value && <p class="muted">{t('popup.loading')}</p>}
      {site && <SiteSwitch model={site} />}
    </main>
  );
}
