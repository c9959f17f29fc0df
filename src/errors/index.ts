export { CAUSES, codeForSipStatus, ERROR_CODES, userError } from './causes';
export type { ErrorCode, UserError } from './causes';
export { DialbarError, detailedError, dialbarError, InvalidStateError, toUserError } from './dialbar-error';
export type { CauseDetail } from './dialbar-error';
export { causeText } from './cause-text';
export type { SayableError } from './cause-text';
