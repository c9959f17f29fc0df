import { CAUSES, type ErrorCode, type UserError, userError } from './causes';

/** An error every Dialbar context understands: a stable code plus the text a person is shown. */
export class DialbarError extends Error {
  override readonly name: string = 'DialbarError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly sipStatus?: number,
  ) {
    super(message);
  }
}

/** Thrown when an action is not allowed in the current state (after JsSIP's InvalidStateError). */
export class InvalidStateError extends DialbarError {
  override readonly name = 'InvalidStateError';
  constructor(
    readonly machine: string,
    readonly state: string,
    readonly event: string,
  ) {
    super('invalid-state', `“${event}” is not possible while ${machine} is ${state}.`);
  }
}

export function dialbarError(code: ErrorCode, sipStatus?: number): DialbarError {
  return new DialbarError(code, CAUSES[code].message, sipStatus);
}

/** Normalises anything thrown into a UserError without losing a DialbarError's code. */
export function toUserError(error: unknown): UserError {
  if (error instanceof DialbarError) {
    return error.sipStatus === undefined
      ? { code: error.code, message: error.message }
      : { code: error.code, message: error.message, sipStatus: error.sipStatus };
  }
  return userError('internal');
}
