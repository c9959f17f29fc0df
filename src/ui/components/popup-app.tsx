import { useEffect, useRef } from 'preact/hooks';
import type { PopupModel } from '../popup-model';
import type { SiteSwitchModel } from '../site-switch-model';
import { CallPanel } from './call-panel';
import { RegistrationStatus } from './registration-status';
import { SiteSwitch } from './site-switch';

/** The toolbar popup: registration, the dial field and a card per call. */
export function PopupApp({ model, site }: { model: PopupModel; site?: SiteSwitchModel }) {
  const registration = model.registration.value;
  const calls = model.calls.value;
  const pending = model.pending.value;
  const input = useRef<HTMLInputElement>(null);
  const setup = model.needsSetup.value;
  // Keyboard first: the number field has focus as soon as it is shown.
  useEffect(() => {
    if (!setup) input.current?.focus();
  }, [setup]);

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
            Sign in
          </button>
          <button type="button" data-testid="signout-button" disabled={!registration.canSignOut || pending !== null} onClick={() => model.signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <RegistrationStatus
        view={registration}
        error={model.registrationError.value}
        stateTestId="registration-state"
        errorTestId="registration-error"
      />
      {model.audioNotice.value && (
        <p class="result tone-bad" data-testid="audio-notice" role="status">
          {model.audioNotice.value}
        </p>
      )}
      {setup ? (
        <section class="setup">
          <p>Dialbar has no phone account yet.</p>
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
            Set up your phone account
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
          <label for="dial-input">Number or SIP address</label>
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
              {pending === 'dial' ? 'Calling…' : 'Call'}
            </button>
            <button
              type="button"
              class="danger"
              data-testid="hangup-button"
              disabled={!model.canHangup.value}
              onClick={() => model.hangup()}
            >
              Hang up
            </button>
          </div>
        </form>
      )}
      {calls.map((call) => (
        <CallPanel
          key={call.id}
          call={call}
          onCommand={(command) => model.command(call.id, command)}
          onDigits={(digits) => model.sendDigitsTo(call.id, digits)}
        />
      ))}
      {model.callError.value && (
        <p class="error" data-testid="call-error" role="alert">
          {model.callError.value}
        </p>
      )}
      {!model.loaded.value && <p class="muted">Asking the phone engine…</p>}
      {site && <SiteSwitch model={site} />}
    </main>
  );
}
