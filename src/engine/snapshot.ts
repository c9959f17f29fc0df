import * as v from 'valibot';
import { ERROR_CODES } from '../errors';
import { CALL_COMMANDS, CALL_STATES } from '../machines/call-machine';
import { REGISTRATION_COMMANDS, REGISTRATION_STATES } from '../machines/registration-machine';

export const UserErrorSchema = v.object({
  code: v.picklist(ERROR_CODES),
  message: v.string(),
  sipStatus: v.optional(v.number()),
});

export const CallSnapshotSchema = v.object({
  id: v.string(),
  direction: v.picklist(['outgoing', 'incoming']),
  state: v.picklist(CALL_STATES),
  /** SIP URI of the other side, its display name and the number part for people. */
  remote: v.object({ uri: v.string(), displayName: v.string(), number: v.string() }),
  /** The text the call was started from (the number as shown on a page), if any. */
  shown: v.string(),
  /** Where an outgoing call was started; for a page, as the browser attested it (never the page's word). */
  origin: v.nullable(
    v.object({
      source: v.picklist(['page', 'link', 'popup', 'options', 'context-menu', 'command']),
      url: v.nullable(v.string()),
      tabId: v.nullable(v.number()),
      frameId: v.nullable(v.number()),
    }),
  ),
  createdAt: v.number(),
  answeredAt: v.nullable(v.number()),
  endedAt: v.nullable(v.number()),
  end: v.nullable(v.object({ by: v.picklist(['local', 'remote', 'system']), error: v.nullable(UserErrorSchema) })),
  /** The commands the call machine accepts now: the UI enables exactly these. */
  allowed: v.array(v.picklist(CALL_COMMANDS)),
});
export type CallSnapshot = v.InferOutput<typeof CallSnapshotSchema>;

export const CallStatsSchema = v.object({
  bytesReceived: v.number(),
  packetsReceived: v.number(),
  packetsLost: v.number(),
  bytesSent: v.number(),
  packetsSent: v.number(),
  jitter: v.number(),
  audioLevel: v.number(),
});

export const EngineSnapshotSchema = v.object({
  /** Random per offscreen document: a new engine restarts `seq`. */
  engineId: v.string(),
  /** Increases with every published change of this engine. */
  seq: v.number(),
  account: v.nullable(v.object({ uri: v.string(), displayName: v.string() })),
  registration: v.object({
    state: v.picklist(REGISTRATION_STATES),
    error: v.nullable(UserErrorSchema),
    since: v.number(),
    nextRetryAt: v.nullable(v.number()),
    allowed: v.array(v.picklist(REGISTRATION_COMMANDS)),
  }),
  /** Live calls first; the most recent ended call stays until the next one starts. */
  calls: v.array(CallSnapshotSchema),
  /** True only while a call holds the microphone. */
  microphoneOpen: v.boolean(),
});
export type EngineSnapshot = v.InferOutput<typeof EngineSnapshotSchema>;

/** The snapshot shown when no engine runs (no account, or before the offscreen document answers). */
export function idleSnapshot(engineId = 'none'): EngineSnapshot {
  return {
    engineId,
    seq: 0,
    account: null,
    registration: { state: 'signedOut', error: null, since: 0, nextRetryAt: null, allowed: ['SIGN_IN'] },
    calls: [],
    microphoneOpen: false,
  };
}
