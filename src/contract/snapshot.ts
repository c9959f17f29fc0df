import * as v from 'valibot';
import { ERROR_CODES, userError } from '../errors';
import { AGENT_COMMANDS, AGENT_STATES } from '../machines/agent-machine';
import { CALL_COMMANDS, CALL_STATES, MUTE_STATES, REMOTE_HOLD_STATES } from '../machines/call-machine';
import { REGISTRATION_COMMANDS, REGISTRATION_STATES } from '../machines/registration-machine';
import { CallDataSchema } from '../settings/call-data';
import { PageStateSchema } from './page-state';

/**
 * The snapshot: everything the offscreen document knows that other contexts show or act on.
 * It is composed from parts (today the phone: registration and calls; later agent state and a
 * CTI link), numbered by one `seq`, and validated on receipt like every message.
 */

export const UserErrorSchema = v.object({
  code: v.picklist(ERROR_CODES),
  message: v.string(),
  sipStatus: v.optional(v.number()),
  /** A detail sentence's key and values (see DialbarError): a few short strings. */
  params: v.optional(
    v.pipe(
      v.record(v.pipe(v.string(), v.maxLength(32)), v.pipe(v.string(), v.maxLength(300))),
      v.check((params) => Object.keys(params).length <= 8, 'at most 8 params'),
    ),
  ),
});

/** Where a call can be started from: the one list every context uses. */
export const DIAL_SOURCES = ['page', 'link', 'popup', 'options', 'context-menu', 'command', 'history', 'page-api'] as const;
export type DialSource = (typeof DIAL_SOURCES)[number];
/** The sources a content script may name; the others are the extension's own pages and the worker. */
export const PAGE_SOURCES = ['page', 'link'] as const satisfies readonly DialSource[];
export type PageSource = (typeof PAGE_SOURCES)[number];

/** Where an outgoing call was started; for a page, as the browser attested it (never the page's word). */
export const CallOriginSchema = v.object({
  source: v.picklist(DIAL_SOURCES),
  url: v.nullable(v.string()),
  tabId: v.nullable(v.number()),
  frameId: v.nullable(v.number()),
});
export type CallOrigin = v.InferOutput<typeof CallOriginSchema>;

export const TRANSFER_OUTCOMES = ['pending', 'done', 'failed'] as const;
export const CallTransferSchema = v.object({
  kind: v.picklist(['blind', 'attended']),
  /** Who the call goes to, as the person typed it (blind) or the consulted party (attended). */
  target: v.string(),
  /** The last progress heard: the REFER's answer, then each NOTIFY's status line ("180 Ringing"). */
  status: v.nullable(v.number()),
  reason: v.string(),
  outcome: v.picklist(TRANSFER_OUTCOMES),
  /** Why it failed, in words (the call stays with the agent). */
  error: v.nullable(UserErrorSchema),
});
export type CallTransfer = v.InferOutput<typeof CallTransferSchema>;

export const CallSnapshotSchema = v.object({
  id: v.string(),
  direction: v.picklist(['outgoing', 'incoming']),
  /** The main machine: set-up, talking, our hold, the end. Later consult, conference, transfer. */
  state: v.picklist(CALL_STATES),
  /** Parallel regions, each its own small machine; later regions join this object. */
  regions: v.object({ remoteHold: v.picklist(REMOTE_HOLD_STATES), mute: v.picklist(MUTE_STATES) }),
  /** SIP URI of the other side, its display name and the number part for people. */
  remote: v.object({ uri: v.string(), displayName: v.string(), number: v.string() }),
  /** The text the call was started from (the number as shown on a page), if any. */
  shown: v.string(),
  origin: v.nullable(CallOriginSchema),
  createdAt: v.number(),
  answeredAt: v.nullable(v.number()),
  endedAt: v.nullable(v.number()),
  end: v.nullable(
    v.object({
      by: v.picklist(['local', 'remote', 'system']),
      error: v.nullable(UserErrorSchema),
      /** The call ended because it was transferred (blind, or attended: both legs). */
      transferred: v.optional(v.boolean()),
    }),
  ),
  /** The latest transfer of this call: its target, the NOTIFY progress, how it ended. */
  transfer: v.optional(v.nullable(CallTransferSchema)),
  /**
   * The consult relation, kept by the call book: the held call ('original') and the call dialled
   * to consult about it ('consult'), each naming the other.
   */
  consult: v.optional(v.nullable(v.object({ role: v.picklist(['original', 'consult']), with: v.string() }))),
  /** DTMF digits sent so far (keypad and post-dial), in order; post-dial digits still to send. */
  dtmf: v.object({ sent: v.string(), pending: v.string() }),
  /**
   * Call data: the `X-` headers of an incoming call's INVITE, or those an outgoing call sent
   * (dial request and account), within the limits of `settings/call-data.ts`.
   */
  callData: CallDataSchema,
  /** When the engine answers this ringing call by itself (auto-answer), epoch ms; null: it will not. */
  autoAnswerAt: v.nullable(v.number()),
  /** The commands the call's regions accept now (their union): the UI enables exactly these. */
  allowed: v.array(v.picklist(CALL_COMMANDS)),
});
export type CallSnapshot = v.InferOutput<typeof CallSnapshotSchema>;

export const RegistrationSnapshotSchema = v.object({
  state: v.picklist(REGISTRATION_STATES),
  error: v.nullable(UserErrorSchema),
  since: v.number(),
  nextRetryAt: v.nullable(v.number()),
  allowed: v.array(v.picklist(REGISTRATION_COMMANDS)),
});

/** Whether a new outgoing call may start now, and if not, the sentence every context shows. */
export const DialAllowanceSchema = v.object({ allowed: v.boolean(), refusal: v.nullable(UserErrorSchema) });
export type DialAllowance = v.InferOutput<typeof DialAllowanceSchema>;

/** The phone part: the one user agent's account, registration and calls. */
export const PhoneSnapshotSchema = v.object({
  account: v.nullable(v.object({ uri: v.string(), displayName: v.string() })),
  registration: RegistrationSnapshotSchema,
  /** Live calls first; the most recent ended call stays until the next one starts. */
  calls: v.array(CallSnapshotSchema),
  /** The line policy's answer to "may I dial now?" (a dial while signed out signs in first). */
  dial: DialAllowanceSchema,
  /** True only while a call holds the microphone. */
  microphoneOpen: v.boolean(),
  /** An extension update waits for the live calls to end (absent: none waits). */
  updateWaiting: v.optional(v.boolean()),
});
export type PhoneSnapshot = v.InferOutput<typeof PhoneSnapshotSchema>;

/**
 * The agent part: the agent machine's state, its reason, since when (epoch ms, so every context
 * counts time in state itself), Busy (a live call, read from the call book and layered on top),
 * the commands the state accepts, and the reasons to choose from.
 */
export const AgentSnapshotSchema = v.object({
  state: v.picklist(AGENT_STATES),
  /** Not ready's reason (also kept through after-call work that returns to it); "Signed out" when the person chose it. */
  reason: v.nullable(v.string()),
  since: v.number(),
  busy: v.boolean(),
  /** When after-call work ends by itself (timer mode), else null. */
  wrapUpEndsAt: v.nullable(v.number()),
  allowed: v.array(v.picklist(AGENT_COMMANDS)),
  reasons: v.array(v.string()),
});
export type AgentSnapshot = v.InferOutput<typeof AgentSnapshotSchema>;
/** The audio part: a chosen device that is gone, and the default standing in for it, said in words. */
export const AudioSnapshotSchema = v.object({ notice: v.nullable(UserErrorSchema) });
export type AudioSnapshot = v.InferOutput<typeof AudioSnapshotSchema>;

export const SnapshotSchema = v.object({
  /** Random per offscreen document: a new document restarts `seq`. */
  engineId: v.string(),
  /** Increases with every published change of any part. */
  seq: v.number(),
  ...PhoneSnapshotSchema.entries,
  agent: AgentSnapshotSchema,
  /** Absent from engines without device choice (and from older snapshots). */
  audio: v.optional(AudioSnapshotSchema),
});
export type Snapshot = v.InferOutput<typeof SnapshotSchema>;

/**
 * What a content script is told: enough to answer "may I dial now?" and to follow the calls its
 * own tab started. Content scripts live in web pages' processes, so they never get the account,
 * other tabs' calls or incoming callers; the page API widens this per allowed origin.
 */
export const ContentSnapshotSchema = v.object({
  engineId: v.string(),
  seq: v.number(),
  registration: v.object({ state: RegistrationSnapshotSchema.entries.state }),
  dial: DialAllowanceSchema,
  calls: v.array(CallSnapshotSchema),
  /** The page API's view, only for frames whose origin the person allowed (and consented to). */
  page: v.optional(PageStateSchema),
});
export type ContentSnapshot = v.InferOutput<typeof ContentSnapshotSchema>;

/** The content view of a snapshot for one tab. */
export function contentView(snapshot: Snapshot, tabId: number): ContentSnapshot {
  return {
    engineId: snapshot.engineId,
    seq: snapshot.seq,
    registration: { state: snapshot.registration.state },
    dial: snapshot.dial,
    // DTMF digits can be PINs or card numbers typed to an IVR: they never reach a web page's process.
    calls: snapshot.calls.filter((c) => c.origin?.tabId === tabId).map((c) => ({ ...c, dtmf: { sent: '', pending: '' } })),
  };
}

export const CallStatsSchema = v.object({
  bytesReceived: v.number(),
  packetsReceived: v.number(),
  packetsLost: v.number(),
  bytesSent: v.number(),
  packetsSent: v.number(),
  /** Seconds, from the inbound RTP report. */
  jitter: v.number(),
  /** 0..1 level of the received audio, when the browser reports it. */
  audioLevel: v.number(),
});
export type CallStats = v.InferOutput<typeof CallStatsSchema>;

/** How a sign-in settled (Test connection, a dial that had to sign in first). */
export const RegistrationOutcomeSchema = v.object({
  ok: v.boolean(),
  state: RegistrationSnapshotSchema.entries.state,
  error: v.nullable(UserErrorSchema),
});
export type RegistrationOutcome = v.InferOutput<typeof RegistrationOutcomeSchema>;

/**
 * The snapshot shown when no engine runs: no account, or an account whose offscreen document
 * has not started yet (then a dial may go ahead: it starts the engine and signs in).
 */
export function idleSnapshot(engineId = 'none', configured = false): Snapshot {
  return {
    engineId,
    seq: 0,
    account: null,
    registration: { state: 'signedOut', error: null, since: 0, nextRetryAt: null, allowed: ['SIGN_IN'] },
    calls: [],
    dial: configured ? { allowed: true, refusal: null } : { allowed: false, refusal: userError('not-configured') },
    microphoneOpen: false,
    agent: { state: 'signedOut', reason: null, since: 0, busy: false, wrapUpEndsAt: null, allowed: [], reasons: [] },
  };
}

/** How a call ended, for history: answered, or which way it did not connect. */
export const CALL_OUTCOMES = ['answered', 'missed', 'declined', 'failed', 'cancelled'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** One ended call in the call history (kept by the offscreen document in the extension's IndexedDB). */
export const HistoryEntrySchema = v.object({
  /** The call's id: one entry per call. */
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  direction: v.picklist(['outgoing', 'incoming']),
  /** The number (or SIP URI) to redial, in full; the UI may mask it. */
  number: v.pipe(v.string(), v.maxLength(512)),
  displayName: v.pipe(v.string(), v.maxLength(256)),
  startedAt: v.number(),
  answeredAt: v.nullable(v.number()),
  endedAt: v.number(),
  /** Seconds talked (answer to end), 0 when never answered. */
  durationSeconds: v.pipe(v.number(), v.minValue(0)),
  outcome: v.picklist(CALL_OUTCOMES),
  /** Why it ended, in words (the cause sentence of `errors/causes.ts`, or who hung up). */
  endCause: v.pipe(v.string(), v.maxLength(512)),
  /** The failure's code, when a failure ended it: views say the cause in their language from it (older entries lack it). */
  endCode: v.optional(v.picklist(ERROR_CODES)),
  /** Who ended it: this agent, the other side, or Dialbar itself (sign-out, lost connection). */
  endedBy: v.picklist(['local', 'remote', 'system']),
  /** The agent state reason at the time the call ended (filled by the agent part), if any. */
  agentReason: v.nullable(v.pipe(v.string(), v.maxLength(128))),
});
export type HistoryEntry = v.InferOutput<typeof HistoryEntrySchema>;

/** A page of history, newest first, and what the UI needs to show it. */
export const HistoryPageSchema = v.object({
  entries: v.array(HistoryEntrySchema),
  /** Entries matching the query, all pages together. */
  total: v.number(),
  /** The account's setting: show numbers partly masked. */
  maskNumbers: v.boolean(),
});
export type HistoryPage = v.InferOutput<typeof HistoryPageSchema>;
