import * as v from 'valibot';

/** Digits a call may send: 0-9, *, #, A-D, and `,` for a 2 s pause. */
export const DtmfDigitsSchema = v.pipe(v.string(), v.regex(/^[0-9*#A-D,]{1,32}$/, 'DTMF digits are 0-9, *, #, A-D or a comma (up to 32)'));

/** A transfer or consult target: a number or SIP address in any typed or pasted format (the engine normalises it). */
export const TransferTargetSchema = v.pipe(v.string(), v.trim(), v.minLength(1, 'Type a number or SIP address to transfer to'), v.maxLength(256));
