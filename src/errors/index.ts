export { CAUSES, codeForSipStatus, ERROR_CODES, userError } from './causes';
export type { ErrorCode, UserError } from './causes';
export { DialbarError, dialbarError, InvalidStateError, toUserError } from './dialbar-error';
