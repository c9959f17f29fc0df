import * as v from 'valibot';
import { type UserError, userError } from '../errors';
import { PAGE_API_VERSION, type PageState } from '../page-api/client/types';
import { DtmfDigitsSchema, TransferTargetSchema } from './call-inputs';
import { PageStateSchema } from './page-state';

/**
 * The page API's wire contract: the envelope a page's client and Dialbar's content script
 * exchange. The page posts one `connect` to its own window with a MessagePort; everything else
 * travels over that port, so no other script posting to the window can forge a reply or event.
 *
 *   page → bridge  { ns: 'dialbar-page-api', v: 1, kind: 'connect' }                (window, with a port)
 *   page → bridge  { ns, v, kind: 'command', id, command: { name: 'dial', … } }      (port)
 *   bridge → page  { ns, v, kind: 'ready' }                                         (window, own origin only)
 *   bridge → page  { ns, v, kind: 'state', state: PageState }                       (port)
 *   bridge → page  { ns, v, kind: 'reply', id, ok: true, value } | { …, ok: false, error } (port)
 *   bridge → page  { ns, v, kind: 'refused', error }                                (port: connect refused)
 */
export const PAGE_NAMESPACE = 'dialbar-page-api';
export { PAGE_API_VERSION };

export const PAGE_LIMITS = {
  /** Characters of a message's JSON. */
  messageChars: 16_384,
  /** Nesting depth of a message. */
  depth: 8,
} as const;

/** Keys that could reach an object's prototype if some code merged the message into another object. */
const POLLUTING_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const CallId = v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(64)));
const RawCallData = v.custom<Record<string, unknown>>((raw) => typeof raw === 'object' && raw !== null && !Array.isArray(raw), 'callData must be an object of X- header names and values');

export const PageCommandSchema = v.variant('name', [
  v.strictObject({
    name: v.literal('dial'),
    number: v.pipe(v.string('number must be text'), v.trim(), v.minLength(1, 'number is empty'), v.maxLength(256, 'number is longer than 256 characters')),
    callData: v.optional(RawCallData),
    callerId: v.optional(v.pipe(v.string('callerId must be text'), v.trim(), v.regex(/^\+?[0-9*#]{1,32}$/, 'callerId is a number of up to 32 digits'))),
  }),
  v.strictObject({ name: v.picklist(['hangup', 'answer', 'hold', 'resume']), callId: CallId }),
  v.strictObject({ name: v.literal('sendDtmf'), digits: DtmfDigitsSchema, callId: CallId }),
  v.strictObject({ name: v.literal('transfer'), target: TransferTargetSchema, callId: CallId }),
  v.strictObject({
    name: v.literal('setAgentState'),
    state: v.picklist(['ready', 'notReady', 'endWrapUp'], 'state is ready, notReady or endWrapUp'),
    reason: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(40))),
  }),
  v.strictObject({ name: v.literal('getState') }),
]);
export type PageCommand = v.InferOutput<typeof PageCommandSchema>;
export type PageCommandName = PageCommand['name'];

const Head = { ns: v.literal(PAGE_NAMESPACE), v: v.literal(PAGE_API_VERSION) };
export const PageInboundSchema = v.variant('kind', [
  v.strictObject({ ...Head, kind: v.literal('connect') }),
  v.strictObject({ ...Head, kind: v.literal('command'), id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)), command: PageCommandSchema }),
]);
export type PageInbound = v.InferOutput<typeof PageInboundSchema>;

export type PageOutbound =
  | { ns: typeof PAGE_NAMESPACE; v: typeof PAGE_API_VERSION; kind: 'ready' }
  | { ns: typeof PAGE_NAMESPACE; v: typeof PAGE_API_VERSION; kind: 'state'; state: PageState }
  | { ns: typeof PAGE_NAMESPACE; v: typeof PAGE_API_VERSION; kind: 'reply'; id: string; ok: true; value: unknown }
  | { ns: typeof PAGE_NAMESPACE; v: typeof PAGE_API_VERSION; kind: 'reply'; id: string; ok: false; error: UserError }
  | { ns: typeof PAGE_NAMESPACE; v: typeof PAGE_API_VERSION; kind: 'refused'; error: UserError };

type Body<T> = T extends unknown ? Omit<T, 'ns' | 'v'> : never;
export function pageOutbound(body: Body<PageOutbound>): PageOutbound {
  return { ns: PAGE_NAMESPACE, v: PAGE_API_VERSION, ...body } as PageOutbound;
}

/** How a message from a page was read: ours and valid, ours and refused (with the words to reply), or not ours. */
export type PageReading =
  | { status: 'ok'; message: PageInbound }
  | { status: 'refused'; id: string | null; error: UserError }
  | { status: 'foreign' };

function refused(id: string | null, code: 'page-bad-request' | 'page-unknown-version', detail?: string): PageReading {
  const base = userError(code);
  return { status: 'refused', id, error: detail ? { ...base, message: `${base.message} ${detail}` } : base };
}

/** A key that reaches a prototype, or nesting deeper than the limit, anywhere in `value`; null when clean. */
function shapeProblem(value: unknown, depth = 0): string | null {
  if (typeof value !== 'object' || value === null) return null;
  if (depth >= PAGE_LIMITS.depth) return `it is nested deeper than ${PAGE_LIMITS.depth} levels.`;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) return 'it holds something other than plain data.';
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key !== 'string') return 'it holds a symbol key.';
    if (POLLUTING_KEYS.has(key)) return `the key “${key}” is not allowed.`;
    const inner = shapeProblem((value as Record<string, unknown>)[key], depth + 1);
    if (inner) return inner;
  }
  return null;
}

/**
 * Reads one message from a page. Anything without our namespace is foreign (ignored, no reply:
 * pages use postMessage for their own things). Ours is refused in words when it is too large,
 * nested too deep, holds prototype keys, names another version, or has the wrong types.
 */
export function readPageMessage(raw: unknown): PageReading {
  if (typeof raw !== 'object' || raw === null || (raw as { ns?: unknown }).ns !== PAGE_NAMESPACE) return { status: 'foreign' };
  const rawId = (raw as { id?: unknown }).id;
  const id = typeof rawId === 'string' && rawId.length > 0 && rawId.length <= 64 ? rawId : null;
  let chars: number;
  try {
    chars = JSON.stringify(raw)?.length ?? 0;
  } catch {
    return refused(id, 'page-bad-request', 'It cannot be read as data.');
  }
  if (chars > PAGE_LIMITS.messageChars) return refused(id, 'page-bad-request', `It is ${chars} characters long, more than ${PAGE_LIMITS.messageChars}.`);
  const shape = shapeProblem(raw);
  if (shape) return refused(id, 'page-bad-request', `Refused because ${shape}`);
  if ((raw as { v?: unknown }).v !== PAGE_API_VERSION) return refused(id, 'page-unknown-version');
  const parsed = v.safeParse(PageInboundSchema, raw);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const where = issue.path?.map((p) => String(p.key)).join('.') ?? '';
    return refused(id, 'page-bad-request', `${where ? `${where}: ` : ''}${issue.message}.`);
  }
  return { status: 'ok', message: parsed.output };
}


/** What the content script forwards to the service worker: the command, and whether the frame had user activation when it arrived. */
export const PageCommandRequestSchema = v.object({ command: PageCommandSchema, activated: v.boolean() });
export type PageCommandRequest = v.InferOutput<typeof PageCommandRequestSchema>;
/** A dial's call id, getState's state; nothing for the others. */
export const PageCommandResultSchema = v.object({ callId: v.optional(v.string()), state: v.optional(PageStateSchema) });
export type PageCommandResult = v.InferOutput<typeof PageCommandResultSchema>;
