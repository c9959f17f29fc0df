import type { RegistrationView } from '../registration-view';

interface Props {
  view: RegistrationView;
  error: string | null;
  stateTestId: string;
  errorTestId: string;
}

/** Registration state in words and colour, the account, a retry countdown and the error. */
export function RegistrationStatus({ view, error, stateTestId, errorTestId }: Props) {
  return (
    <div class="registration" aria-live="polite">
      <p class={`reg-state tone-${view.tone}`} data-testid={stateTestId} data-state={view.state}>
        <span class="dot" aria-hidden="true" />
        <span class="reg-words">{view.words}</span>
        {view.retry && <span class="reg-retry"> — {view.retry}</span>}
      </p>
      {view.account && <p class="reg-account">{view.account}</p>}
      {error && (
        <p class="error" data-testid={errorTestId} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
