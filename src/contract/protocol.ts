import * as v from 'valibot';
import { CALL_COMMANDS, type CallCommand } from '../machines/call-machine';
import { AccountInputSchema, AccountSchema, AccountViewSchema } from '../settings/account';
import { AudioPrefsSchema } from '../settings/audio-prefs';
import { CALL_DATA_LIMITS, CallDataSchema } from '../settings/call-data';
import {
  CallOriginSchema,
  CallSnapshotSchema,
  CallStatsSchema,
  ContentSnapshotSchema,
  DIAL_SOURCES,
  RegistrationOutcomeSchema,
  SnapshotSchema,
} from './snapshot';

/**
 * The whole contract between Dialbar's contexts. A message's owner (the context that handles
 * it) is the first part of its name; `from` lists the contexts allowed to send it. Payloads and
 * results are validated on receipt, on both sides.
 */
export type Role = 'content' | 'popup' | 'options' | 'offscreen' | 'background';
export type Owner = 'background' | 'offscreen';

interface MessageSpec<I extends v.GenericSchema, O extends v.GenericSchema> {
  from: readonly Role[];
  input: I;
  output: O;
}
function message<I extends v.GenericSchema, O extends v.GenericSchema>(
  from: readonly Role[],
  input: I,
  output: O,
): MessageSpec<I, O> {
  return { from, input, output };
}

const None = v.null();
const CallId = v.pipe(v.string(), v.minLength(1), v.maxLength(64));

/** Any plain object of at most a few times the limits: the checks with words come after. */
const RawCallDataSchema = v.custom<Record<string, unknown>>(
  (raw) =>
    typeof raw === 'object' &&
    raw !== null &&
    !Array.isArray(raw) &&
    Reflect.ownKeys(raw).length <= CALL_DATA_LIMITS.count * 4 &&
    JSON.stringify(raw).length <= CALL_DATA_LIMITS.total * 4,
  'bad-call-data',
);

export const DialRequestSchema = v.object({
  /** E.164 from page detection, or what a person typed: digits, *, #, +, or a sip: URI. */
  number: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(256)),
  /** The text as shown where the call was started, for the call card and history. */
  shown: v.optional(v.pipe(v.string(), v.maxLength(256)), ''),
  source: v.picklist(DIAL_SOURCES),
  /**
   * Call data: `X-` header name → value, sent on the INVITE. Only its shape is checked here (an
   * object of bounded size), so the service worker can say exactly what is wrong with it
   * (`checkCallData`, DialbarError 'bad-call-data'); the offscreen side takes only valid data.
   */
  callData: v.optional(RawCallDataSchema),
});
export type DialRequest = v.InferOutput<typeof DialRequestSchema>;

/** Digits a call may send: 0-9, *, #, A-D, and `,` for a 2 s pause. */
export const DtmfDigitsSchema = v.pipe(v.string(), v.regex(/^[0-9*#A-D,]{1,32}$/, 'DTMF digits are 0-9, *, #, A-D or a comma (up to 32)'));

/** A call command; DTMF carries its digits, the others carry nothing. */
export const CallControlSchema = v.variant('command', [
  v.object({ callId: CallId, command: v.picklist(CALL_COMMANDS.filter((c) => c !== 'DTMF') as Exclude<CallCommand, 'DTMF'>[]) }),
  v.object({ callId: CallId, command: v.literal('DTMF'), digits: DtmfDigitsSchema }),
]);
export type CallControl = v.InferOutput<typeof CallControlSchema>;

const Dialed = v.object({ callId: CallId, call: CallSnapshotSchema });

export const protocol = {
  // Handled by the service worker.
  'background.dial': message(['content', 'popup', 'options'], DialRequestSchema, Dialed),
  'background.callControl': message(['popup', 'options'], CallControlSchema, None),
  'background.getSnapshot': message(['popup', 'options'], None, SnapshotSchema),
  /**
   * A content script asks for its view of the snapshot and for every later change of it
   * (`background.contentSnapshot` pushes to that frame, until the frame goes away).
   */
  'background.subscribe': message(['content'], None, ContentSnapshotSchema),
  /** RTP counters of a live call (call quality, and proof of media in tests). */
  'background.callStats': message(['popup', 'options'], v.object({ callId: CallId }), CallStatsSchema),
  'background.signIn': message(['popup', 'options'], None, None),
  'background.signOut': message(['popup', 'options'], None, None),
  'background.getAccount': message(['options'], None, v.nullable(AccountViewSchema)),
  'background.saveAccount': message(['options'], AccountInputSchema, None),
  /** Saves the form, signs in with it and reports how registration ended. */
  'background.testConnection': message(['options'], AccountInputSchema, RegistrationOutcomeSchema),

  // Handled by the offscreen document; only the service worker talks to it.
  'offscreen.ping': message(['background'], None, v.object({ engineId: v.string(), configured: v.boolean() })),
  'offscreen.configure': message(
    ['background'],
    v.object({ account: v.nullable(AccountSchema), signIn: v.boolean(), instanceId: v.pipe(v.string(), v.uuid()) }),
    SnapshotSchema,
  ),
  'offscreen.dial': message(
    ['background'],
    v.object({
      target: DialRequestSchema.entries.number,
      shown: v.string(),
      origin: v.nullable(CallOriginSchema),
      callData: v.optional(CallDataSchema, {}),
    }),
    Dialed,
  ),
  'offscreen.callControl': message(['background'], CallControlSchema, None),
  'offscreen.getSnapshot': message(['background'], None, SnapshotSchema),
  'offscreen.callStats': message(['background'], v.object({ callId: CallId }), CallStatsSchema),
  'offscreen.signIn': message(['background'], None, None),
  'offscreen.signOut': message(['background'], None, None),
  /** The chosen audio devices and volumes (from storage, on start and on every change). */
  'offscreen.setAudio': message(['background'], AudioPrefsSchema, None),
  'offscreen.awaitRegistration': message(
    ['background'],
    v.object({ timeoutMs: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(60_000)) }),
    RegistrationOutcomeSchema,
  ),
} as const;

/** Broadcasts: one sender (the first part of the name), any number of listeners, no reply. */
export const broadcasts = {
  /** To extension pages (popup, options, service worker), straight from the engine. */
  'offscreen.snapshot': { from: ['offscreen'] as readonly Role[], payload: SnapshotSchema },
  /** To the service worker only, once a second while a call is connected: the badge's call timer. */
  'offscreen.tick': { from: ['offscreen'] as readonly Role[], payload: SnapshotSchema },
  /** To subscribed content scripts, one frame at a time, relayed by the service worker. */
  'background.contentSnapshot': { from: ['background'] as readonly Role[], payload: ContentSnapshotSchema },
} as const;

export type Protocol = typeof protocol;
export type MessageType = keyof Protocol;
export type OwnedBy<O extends Owner> = Extract<MessageType, `${O}.${string}`>;
export type InputOf<T extends MessageType> = v.InferInput<Protocol[T]['input']>;
export type ParsedInputOf<T extends MessageType> = v.InferOutput<Protocol[T]['input']>;
export type OutputOf<T extends MessageType> = v.InferOutput<Protocol[T]['output']>;
export type BroadcastType = keyof typeof broadcasts;
export type BroadcastPayload<T extends BroadcastType> = v.InferOutput<(typeof broadcasts)[T]['payload']>;

export function ownerOf(type: MessageType): Owner {
  return type.startsWith('offscreen.') ? 'offscreen' : 'background';
}

export function isMessageType(type: unknown): type is MessageType {
  return typeof type === 'string' && Object.hasOwn(protocol, type);
}
