import type { Snapshot } from '../contract/snapshot';
import type { RegistrationState } from '../machines/registration-machine';
import { errorWords, t } from './i18n';
import { REGISTRATION_TONES, registrationWords, retryWords, type Tone } from './words';

export interface RegistrationView {
  /** The machine state, or "unknown" before the first snapshot. */
  state: RegistrationState | 'unknown';
  words: string;
  tone: Tone;
  /** The engine's registration error, in words. */
  error: string | null;
  /** "retrying in Ns" while a retry is scheduled. */
  retry: string | null;
  /** The signed-in account's SIP URI, if any. */
  account: string | null;
  canSignIn: boolean;
  canSignOut: boolean;
}

export function registrationView(snapshot: Snapshot | null, now: number): RegistrationView {
  if (snapshot === null) {
    return {
      state: 'unknown',
      words: t('reg.checking'),
      tone: 'off',
      error: null,
      retry: null,
      account: null,
      canSignIn: false,
      canSignOut: false,
    };
  }
  const { registration } = snapshot;
  return {
    state: registration.state,
    words: registrationWords(registration.state),
    tone: REGISTRATION_TONES[registration.state],
    error: registration.error ? errorWords(registration.error) : null,
    retry: retryWords(registration.nextRetryAt, now),
    account: snapshot.account?.uri ?? null,
    canSignIn: registration.allowed.includes('SIGN_IN'),
    canSignOut: registration.allowed.includes('SIGN_OUT'),
  };
}
