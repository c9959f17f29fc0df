import { causeMessages } from '../i18n/messages/causes';
import { fill } from '../i18n/translate';
import { CAUSES, type ErrorCode, type UserError, userError } from './causes';

/** A `cause.detail.*` message: a failure's particulars, filled from the error's params. */
export type CauseDetail = Extract<keyof (typeof causeMessages)['en'], `cause.detail.${string}`>;

/** An error every Dialbar context understands: a stable code plus the text a person is shown. */
export class DialbarError extends Error {
  override readonly name: string = 'DialbarError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly sipStatus?: number,
    /** The values of a detail sentence (`detail` names it), so views can say it in their language. */
    readonly params?: Record<string, string>,
  ) {
    super(message);
  }
}

/**
 * A failure whose sentence has particulars (a header name, a state): the code's sentence and the
 * detail's, in English as `message`, and the detail's key and values as params for other languages.
 */
export function detailedError(code: ErrorCode, detail: CauseDetail, values: Record<string, string | number>): DialbarError {
  const params: Record<string, string> = { detail };
  for (const [name, value] of Object.entries(values)) params[name] = String(value);
  return new DialbarError(code, `${CAUSES[code].message} ${fill(causeMessages.en[detail], params)}`, undefined, params);
}

/** Thrown when an action is not allowed in the current state (after JsSIP's InvalidStateError). */
export class InvalidStateError extends DialbarError {
  override readonly name = 'InvalidStateError';
  constructor(
    readonly machine: string,
    readonly state: string,
    readonly event: string,
  ) {
    const params = { detail: 'cause.detail.invalid-state', machine, state, event };
    super('invalid-state', fill(causeMessages.en['cause.detail.invalid-state'], params), undefined, params);
  }
}

export function dialbarError(code: ErrorCode, sipStatus?: number): DialbarError {
  return new DialbarError(code, CAUSES[code].message, sipStatus);
}

/** Normalises anything thrown into a UserError without losing a DialbarError's code. */
export function toUserError(error: unknown): UserError {
  if (error instanceof DialbarError) {
    const out: UserError = { code: error.code, message: error.message };
    if (error.sipStatus !== undefined) out.sipStatus = error.sipStatus;
    if (error.params !== undefined) out.params = error.params;
    return out;
  }
  return userError('internal');
}
