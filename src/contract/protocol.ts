import * as v from 'valibot';
import { CALL_COMMANDS, type CallCommand } from '../machines/call-machine';
import { DtmfDigitsSchema, TransferTargetSchema } from './call-inputs';
import { PageCommandRequestSchema, PageCommandResultSchema } from './page-api';
import { PageStateSchema } from './page-state';
import { PREVIEW_MAX_CHARS, PREVIEW_MAX_LINES, PREVIEW_MAX_SPANS } from './preview';
import { WorkbenchKeyOutcomeSchema, WorkbenchKeyReportSchema } from './workbench-key';
import { AccountInputSchema, AccountSchema, AccountViewSchema } from '../settings/account';
import { AudioPrefsSchema } from '../settings/audio-prefs';
import { CALL_DATA_LIMITS, CallDataSchema } from '../settings/call-data';
import { ManagedViewSchema } from '../settings/managed-policy';
import {
  CallOriginSchema,
  CallSnapshotSchema,
  CallStatsSchema,
  ContentSnapshotSchema,
  DIAL_SOURCES,
  HistoryPageSchema,
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

export { DtmfDigitsSchema, TransferTargetSchema };

const Offset = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(PREVIEW_MAX_CHARS));
export const PreviewRequestSchema = v.object({
  lines: v.pipe(
    v.array(v.pipe(v.string(), v.maxLength(PREVIEW_MAX_CHARS))),
    v.maxLength(PREVIEW_MAX_LINES),
    v.check((lines) => lines.reduce((n, line) => n + line.length, 0) <= PREVIEW_MAX_CHARS, 'too much text for a preview'),
  ),
});
/** A number found: its line and [start, end) in that line. */
export const PreviewResultSchema = v.object({
  spans: v.pipe(v.array(v.object({ line: v.pipe(Offset, v.maxValue(PREVIEW_MAX_LINES - 1)), start: Offset, end: Offset })), v.maxLength(PREVIEW_MAX_SPANS)),
});
export type PreviewSpan = v.InferOutput<typeof PreviewResultSchema>['spans'][number];

/** The commands that carry data: DTMF its digits, TRANSFER and CONSULT their target. */
const WITH_DATA = ['DTMF', 'TRANSFER', 'CONSULT'] as const satisfies readonly CallCommand[];
export type PlainCallCommand = Exclude<CallCommand, (typeof WITH_DATA)[number]>;
const PLAIN_COMMANDS = CALL_COMMANDS.filter((c): c is PlainCallCommand => !(WITH_DATA as readonly string[]).includes(c));

/** A call command; DTMF carries its digits, TRANSFER / CONSULT a target, the others nothing. */
export const CallControlSchema = v.variant('command', [
  v.object({ callId: CallId, command: v.picklist(PLAIN_COMMANDS) }),
  v.object({ callId: CallId, command: v.literal('DTMF'), digits: DtmfDigitsSchema }),
  v.object({ callId: CallId, command: v.picklist(['TRANSFER', 'CONSULT']), target: TransferTargetSchema }),
]);
export type CallControl = v.InferOutput<typeof CallControlSchema>;

const Dialed = v.object({ callId: CallId, call: CallSnapshotSchema });

const SipText = v.pipe(v.string(), v.minLength(1), v.maxLength(1024));
/**
 * What an in-dialog BYE needs (RFC 3261 12.2.1.1), read from the stack while a call is up, so a
 * new user agent can end the call at the far end after the offscreen document was lost.
 */
export const SipDialogSchema = v.object({
  callId: SipText,
  localTag: SipText,
  remoteTag: SipText,
  /** The far end's Contact URI: the BYE's Request-URI. */
  remoteTarget: SipText,
  /** Route header values in the order the BYE carries them. */
  routeSet: v.pipe(v.array(SipText), v.maxLength(16)),
  /** Our last CSeq in this dialog; null when we never sent a request in it (the BYE may use any). */
  cseq: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2 ** 31 - 1))),
  localUri: SipText,
  remoteUri: SipText,
});
export type SipDialog = v.InferOutput<typeof SipDialogSchema>;

/** A connected call as kept outside the engine: its dialog, and what the card showed of it. */
export const KeptCallSchema = v.object({
  dialog: SipDialogSchema,
  call: v.object({
    id: CallId,
    direction: CallSnapshotSchema.entries.direction,
    remote: CallSnapshotSchema.entries.remote,
    shown: v.string(),
    createdAt: v.number(),
    answeredAt: v.nullable(v.number()),
  }),
});
export type KeptCall = v.InferOutput<typeof KeptCallSchema>;

/**
 * The long-lived port the offscreen document holds open to the service worker: when it drops
 * and the document is gone, the worker brings the engine back at once.
 */
export const ENGINE_WATCH_PORT = 'dialbar-engine-watch';

/** What the engine asks the worker to keep in storage.session, so a lost engine can be brought back. */
export const EngineRecordSchema = v.object({
  engineId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  /** Signed in (or trying to be): a replacement engine signs in too. */
  signedIn: v.boolean(),
  calls: v.pipe(v.array(KeptCallSchema), v.maxLength(8)),
});
export type EngineRecord = v.InferOutput<typeof EngineRecordSchema>;
/** A person's agent command; Not ready names its reason (one of the configured list, checked by the engine). */
export const AgentCommandSchema = v.variant('command', [
  v.object({ command: v.picklist(['READY', 'END_WRAP_UP'] as const) }),
  v.object({ command: v.literal('NOT_READY'), reason: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(40)) }),
]);
export type AgentCommandRequest = v.InferOutput<typeof AgentCommandSchema>;
/** At most this many history entries per request. */
export const HISTORY_PAGE_MAX = 1000;

/** A history query: newest first, `offset` entries skipped, matching `query` in the number or name. */
export const HistoryQuerySchema = v.object({
  query: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(128)), ''),
  offset: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 0),
  limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(HISTORY_PAGE_MAX)), 100),
});
export type HistoryQuery = v.InferOutput<typeof HistoryQuerySchema>;

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
  /**
   * The page API (README, "Page API"): a content script in a frame of an allowed origin connects
   * its page (subscribing the frame to the page view) and forwards the page's commands. The
   * service worker reads the origin from `sender`, never from the payload.
   */
  'background.pageConnect': message(['content'], None, PageStateSchema),
  'background.pageCommand': message(['content'], PageCommandRequestSchema, PageCommandResultSchema),
  /**
   * The workbench SDK's localStorage keys (README): a frame of an origin with seed shims on saw a
   * write of workbenchSdkCall / workbenchSdkHangup. Every frame that saw it reports; one acts.
   */
  'background.workbenchKey': message(['content'], WorkbenchKeyReportSchema, WorkbenchKeyOutcomeSchema),
  /**
   * The page bootstrap found something callable in its frame: inject the full page script into
   * that frame (the one the browser names as sender, never one the payload could name).
   */
  'background.loadScanner': message(['content'], None, None),
  /**
   * A small frame's bootstrap sends its lines of text (in document order, each a block's text) and
   * gets the numbers in them, found by the worker's detector with the person's default country,
   * none where detection is off for the frame's host (read from `sender`). The bootstrap paints
   * them and loads the page script when the person comes near (boot/preview.ts).
   */
  'background.detectPreview': message(['content'], PreviewRequestSchema, PreviewResultSchema),
  /** RTP counters of a live call (call quality, and proof of media in tests). */
  'background.callStats': message(['popup', 'options'], v.object({ callId: CallId }), CallStatsSchema),
  /** Ready, Not ready with a reason, End wrap-up (later also from the page API). */
  'background.setAgentState': message(['popup', 'options'], AgentCommandSchema, None),
  /** Call history is private: the extension's own pages only, never a content script. */
  'background.history': message(['popup', 'options'], HistoryQuerySchema, HistoryPageSchema),
  'background.clearHistory': message(['popup', 'options'], None, None),
  'background.signIn': message(['popup', 'options'], None, None),
  'background.signOut': message(['popup', 'options'], None, None),
  'background.getAccount': message(['options'], None, v.nullable(AccountViewSchema)),
  'background.saveAccount': message(['options'], AccountInputSchema, None),
  /** The administrator's managed policy as the options page shows it: locked settings and their values. */
  'background.getManaged': message(['options'], None, ManagedViewSchema),
  /** Saves the form, signs in with it and reports how registration ended. */
  'background.testConnection': message(['options'], AccountInputSchema, RegistrationOutcomeSchema),
  /** The engine's record for recovery (sign-in wanted, connected calls' dialogs), kept in storage.session. */
  'background.keepEngineRecord': message(['offscreen'], EngineRecordSchema, None),

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
  'offscreen.setAgentState': message(['background'], AgentCommandSchema, None),
  'offscreen.history': message(['background'], HistoryQuerySchema, HistoryPageSchema),
  'offscreen.clearHistory': message(['background'], None, None),
  'offscreen.signIn': message(['background'], None, None),
  'offscreen.signOut': message(['background'], None, None),
  /** The chosen audio devices and volumes (from storage, on start and on every change). */
  'offscreen.setAudio': message(['background'], AudioPrefsSchema, None),
  'offscreen.awaitRegistration': message(
    ['background'],
    v.object({ timeoutMs: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(60_000)) }),
    RegistrationOutcomeSchema,
  ),
  /** Calls of a lost engine: shown as lost, and ended at the far end with a BYE from this user agent. */
  'offscreen.recoverCalls': message(['background'], v.object({ calls: v.pipe(v.array(KeptCallSchema), v.maxLength(16)) }), None),
  /** An extension update waits for the live calls to end; the snapshot says so. */
  'offscreen.setUpdateWaiting': message(['background'], v.object({ waiting: v.boolean() }), None),
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
