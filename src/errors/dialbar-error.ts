import type { ErrorCode } from './causes';

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
