export { CAUSES, codeForSipStatus, dialbarError, ERROR_CODES, toUserError, userError } from './causes';
export type { ErrorCode, UserError } from './causes';
export { DialbarError, InvalidStateError } from './dialbar-error';
