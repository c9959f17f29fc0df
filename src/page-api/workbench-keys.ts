/**
 * The Alibaba workbench SDK's multi-tab localStorage keys (002, section 10) and their values, read
 * the same way by the content script that notices a write and by the service worker that acts on
 * it (which never trusts the content script's reading). Pure: no browser API.
 *
 * - `workbenchSdkCall`: JSON `{ callee, caller?, publicKey?, useVirNumCall?, random }`; a new value dials.
 * - `workbenchSdkHangup`: any new value (002 writes `Math.random()`) hangs up.
 * - `workbenchSdkStatus`: written by Dialbar, 002's status code (see client/workbench-status.ts).
 */
export const WORKBENCH_CALL_KEY = 'workbenchSdkCall';
export const WORKBENCH_HANGUP_KEY = 'workbenchSdkHangup';
export const WORKBENCH_STATUS_KEY = 'workbenchSdkStatus';
/** The keys whose writes are commands. */
export const WORKBENCH_COMMAND_KEYS = [WORKBENCH_CALL_KEY, WORKBENCH_HANGUP_KEY] as const;
export type WorkbenchCommandKey = (typeof WORKBENCH_COMMAND_KEYS)[number];
/** A longer value is not 002's and is ignored (it would only cost memory in the dedup record). */
export const WORKBENCH_VALUE_MAX = 2048;

export type WorkbenchCall = { ok: true; number: string; callerId?: string } | { ok: false; reason: string };

/** Reads a `workbenchSdkCall` value; a value Dialbar cannot dial says why, in words. */
export function parseWorkbenchCall(raw: string): WorkbenchCall {
  if (raw.length > WORKBENCH_VALUE_MAX) return { ok: false, reason: 'The workbenchSdkCall value is too long.' };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'The workbenchSdkCall value is not JSON such as {"callee":"15588888888","random":0.23}.' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'The workbenchSdkCall value is not an object with a callee.' };
  }
  const record = value as Record<string, unknown>;
  const callee = typeof record.callee === 'number' ? String(record.callee) : record.callee;
  if (typeof callee !== 'string' || callee.trim() === '') return { ok: false, reason: 'The workbenchSdkCall value has no callee.' };
  if (typeof record.publicKey === 'string' && record.publicKey !== '') {
    return { ok: false, reason: 'Dialbar cannot dial an encrypted number: write the number itself as callee.' };
  }
  const caller = typeof record.caller === 'number' ? String(record.caller) : record.caller;
  // 002: '' or absent is the default number, 'auto' picks one by region; Dialbar uses the account's for both.
  const callerId = typeof caller === 'string' && caller.trim() !== '' && caller !== 'auto' ? caller.trim() : undefined;
  // The page API's shape of a caller id: the display number the called side should see.
  if (callerId !== undefined && !/^\+?[0-9*#]{1,32}$/.test(callerId)) {
    return { ok: false, reason: 'The workbenchSdkCall caller is not a number of up to 32 digits.' };
  }
  return callerId ? { ok: true, number: callee.trim(), callerId } : { ok: true, number: callee.trim() };
}

export function isWorkbenchCommandKey(key: unknown): key is WorkbenchCommandKey {
  return key === WORKBENCH_CALL_KEY || key === WORKBENCH_HANGUP_KEY;
}
