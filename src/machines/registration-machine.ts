import { defineMachine } from './machine';

/**
 * SIP registration of the one user agent.
 * - connecting / reconnecting: the WebSocket is opening (reconnecting: it was lost, JsSIP retries with backoff)
 * - waitingToRetry: a transient registration failure (408, 5xx); the engine retries on a timer
 * - failed: the server refused us for a reason only the user can fix (credentials, 403, 404, bad URL)
 */
export const REGISTRATION_STATES = [
  'signedOut',
  'connecting',
  'registering',
  'registered',
  'reconnecting',
  'waitingToRetry',
  'failed',
] as const;
export type RegistrationState = (typeof REGISTRATION_STATES)[number];

export type RegistrationEvent =
  | 'SIGN_IN'
  | 'SIGN_OUT'
  | 'TRANSPORT_CONNECTED'
  | 'TRANSPORT_LOST'
  | 'REGISTERED'
  | 'UNREGISTERED'
  | 'TRANSIENT_FAILURE'
  | 'FINAL_FAILURE'
  | 'RETRY';

/** Commands a person can give; the UI enables them per state. */
export const REGISTRATION_COMMANDS = ['SIGN_IN', 'SIGN_OUT'] as const satisfies readonly RegistrationEvent[];
export type RegistrationCommand = (typeof REGISTRATION_COMMANDS)[number];

export const registrationMachine = defineMachine<RegistrationState, RegistrationEvent>({
  id: 'registration',
  states: {
    signedOut: { on: { SIGN_IN: 'connecting', FINAL_FAILURE: 'failed' } },
    connecting: {
      on: {
        SIGN_OUT: 'signedOut',
        TRANSPORT_CONNECTED: 'registering',
        TRANSPORT_LOST: 'reconnecting',
        REGISTERED: 'registered',
        TRANSIENT_FAILURE: 'waitingToRetry',
        FINAL_FAILURE: 'failed',
      },
    },
    registering: {
      on: {
        SIGN_OUT: 'signedOut',
        REGISTERED: 'registered',
        TRANSPORT_LOST: 'reconnecting',
        TRANSIENT_FAILURE: 'waitingToRetry',
        FINAL_FAILURE: 'failed',
      },
    },
    registered: {
      on: {
        SIGN_OUT: 'signedOut',
        REGISTERED: 'registered',
        UNREGISTERED: 'registering',
        TRANSPORT_LOST: 'reconnecting',
        TRANSIENT_FAILURE: 'waitingToRetry',
        FINAL_FAILURE: 'failed',
      },
    },
    reconnecting: {
      on: {
        SIGN_OUT: 'signedOut',
        TRANSPORT_CONNECTED: 'registering',
        TRANSPORT_LOST: 'reconnecting',
        REGISTERED: 'registered',
        TRANSIENT_FAILURE: 'reconnecting',
        FINAL_FAILURE: 'failed',
      },
    },
    waitingToRetry: {
      on: {
        SIGN_OUT: 'signedOut',
        RETRY: 'registering',
        TRANSPORT_LOST: 'reconnecting',
        REGISTERED: 'registered',
        FINAL_FAILURE: 'failed',
      },
    },
    failed: {
      on: { SIGN_IN: 'connecting', SIGN_OUT: 'signedOut', TRANSPORT_LOST: 'failed', REGISTERED: 'registered' },
    },
  },
});
