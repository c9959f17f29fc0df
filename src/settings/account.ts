import * as v from 'valibot';
import { isCallDataName } from './call-data';
import { AgentSettingsSchema, DEFAULT_AGENT_SETTINGS } from './agent-settings';
import { DialPolicySchema, defaultDialPolicy } from './dial-policy';

const trimmed = v.pipe(v.string(), v.trim());

export const IceServerSchema = v.object({
  urls: v.pipe(trimmed, v.regex(/^(stun|stuns|turn|turns):\S+$/, 'must start with stun:, stuns:, turn: or turns:')),
  username: v.optional(v.pipe(trimmed, v.maxLength(256))),
  credential: v.optional(v.pipe(v.string(), v.maxLength(256))),
});
export type IceServer = v.InferOutput<typeof IceServerSchema>;

/** How an E.164 number from a page becomes what the PBX expects. */
export const DialPlanSchema = v.object({
  /** Digits dialled before an outside number, e.g. "9"; empty for none. */
  outboundPrefix: v.pipe(trimmed, v.regex(/^[0-9*#]{0,8}$/, 'digits, * or # only (up to 8)')),
  /** ISO country of the PBX; numbers of this country are dialled in national form. */
  homeCountry: v.pipe(trimmed, v.toUpperCase(), v.regex(/^([A-Z]{2})?$/, 'a two-letter country code')),
  /** How other countries are dialled: "+" keeps E.164, "00" or "011" replaces the plus. */
  internationalPrefix: v.picklist(['+', '00', '011']),
});
export type DialPlan = v.InferOutput<typeof DialPlanSchema>;

/** How DTMF digits travel: RTP telephone-events (RFC 4733, the default) or SIP INFO. */
export const DTMF_TRANSPORTS = ['rfc4733', 'info'] as const;
export type DtmfTransportSetting = (typeof DTMF_TRANSPORTS)[number];
export const DEFAULT_DTMF_TRANSPORT: DtmfTransportSetting = 'rfc4733';

/** What a declined waiting call hears: 486 Busy Here (the default) or 603 Decline. */
export const WAITING_DECLINE_CODES = [486, 603] as const;
export type WaitingDeclineCode = (typeof WAITING_DECLINE_CODES)[number];
export const DEFAULT_CALL_WAITING = true;
export const DEFAULT_WAITING_DECLINE_CODE: WaitingDeclineCode = 486;

/** Auto-answer: off (0) by default; at most a minute. An INVITE may ask for it only when allowed. */
export const DEFAULT_AUTO_ANSWER_SECONDS = 0;
export const MAX_AUTO_ANSWER_SECONDS = 60;
export const DEFAULT_AUTO_ANSWER_BY_HEADER = false;
/** The header that carries the display number on outbound calls (000's makeCall `originForDisplay`). */
export const DEFAULT_DISPLAY_NUMBER_HEADER = 'X-Display-Number';

/** Call history: the last 1000 calls by default (10 to 10000); numbers shown in full unless masked. */
export const DEFAULT_HISTORY_LIMIT = 1000;
export const MIN_HISTORY_LIMIT = 10;
export const MAX_HISTORY_LIMIT = 10_000;
export const DEFAULT_HISTORY_MASK_NUMBERS = false;

export const AccountSchema = v.object({
  wsUrl: v.pipe(trimmed, v.maxLength(2048), v.regex(/^wss?:\/\/[^\s/?#]+(\/\S*)?$/i, 'bad-url')),
  sipUri: v.pipe(trimmed, v.maxLength(512), v.regex(/^sips?:[^\s@:]+@[^\s@]+$/i, 'bad-uri')),
  authUser: v.pipe(trimmed, v.maxLength(256)),
  password: v.pipe(v.string(), v.maxLength(1024)),
  displayName: v.pipe(trimmed, v.maxLength(128)),
  iceServers: v.pipe(v.array(IceServerSchema), v.maxLength(8)),
  autoSignIn: v.boolean(),
  dialPlan: DialPlanSchema,
  /** Accounts saved before the setting existed read as the default. */
  dtmfTransport: v.optional(v.picklist(DTMF_TRANSPORTS), DEFAULT_DTMF_TRANSPORT),
  /** A second inbound call while one is connected rings (call waiting); off: it hears 486. */
  callWaiting: v.optional(v.boolean(), DEFAULT_CALL_WAITING),
  waitingDeclineCode: v.optional(v.picklist(WAITING_DECLINE_CODES), DEFAULT_WAITING_DECLINE_CODE),
  /** Answer an incoming call by itself after this many seconds; 0 = never. */
  autoAnswerSeconds: v.optional(
    v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_AUTO_ANSWER_SECONDS)),
    DEFAULT_AUTO_ANSWER_SECONDS,
  ),
  /** An INVITE's `Call-Info: …;answer-after=N` or `Alert-Info: …auto answer` is honoured. */
  autoAnswerByHeader: v.optional(v.boolean(), DEFAULT_AUTO_ANSWER_BY_HEADER),
  /** The number the called side should see, sent in `displayNumberHeader` on every outbound call; empty: none. */
  displayNumber: v.optional(v.pipe(trimmed, v.regex(/^\+?[0-9*#]{0,32}$/, 'digits, * or # only (up to 32), with an optional leading +')), ''),
  displayNumberHeader: v.optional(
    v.pipe(trimmed, v.check(isCallDataName, 'X- followed by letters, digits or hyphens (up to 64 characters)')),
    DEFAULT_DISPLAY_NUMBER_HEADER,
  ),
  /** The agent desk: Not ready reasons, after-call work, what callers hear while unavailable. */
  agentDesk: v.optional(AgentSettingsSchema, () => ({ ...DEFAULT_AGENT_SETTINGS, reasons: [...DEFAULT_AGENT_SETTINGS.reasons] })),
  /** How many ended calls the history keeps; the oldest go first. */
  historyLimit: v.optional(
    v.pipe(v.number(), v.integer(), v.minValue(MIN_HISTORY_LIMIT), v.maxValue(MAX_HISTORY_LIMIT)),
    DEFAULT_HISTORY_LIMIT,
  ),
  /** Show numbers partly masked in the history (like 002's hide-digits); redial still uses the full number. */
  historyMaskNumbers: v.optional(v.boolean(), DEFAULT_HISTORY_MASK_NUMBERS),
  /** Which numbers may be dialled at all (blocked prefixes, international, an allow list, a length). */
  dialPolicy: v.optional(DialPolicySchema, defaultDialPolicy),
});
export type Account = v.InferOutput<typeof AccountSchema>;

/** The account as the options page sees it: never the password itself. */
export const AccountViewSchema = v.object({
  ...v.omit(AccountSchema, ['password']).entries,
  hasPassword: v.boolean(),
});
export type AccountView = v.InferOutput<typeof AccountViewSchema>;

/** What the options page saves: an empty password keeps the stored one. */
export const AccountInputSchema = v.object({
  ...v.omit(AccountSchema, ['password']).entries,
  password: v.optional(v.pipe(v.string(), v.maxLength(1024))),
});
export type AccountInput = v.InferOutput<typeof AccountInputSchema>;

export const DEFAULT_DIAL_PLAN: DialPlan = { outboundPrefix: '', homeCountry: '', internationalPrefix: '+' };

export function toAccountView(account: Account): AccountView {
  const { password, ...rest } = account;
  return { ...rest, hasPassword: password.length > 0 };
}

/** Merges a form submission into the stored account; an empty password keeps the old one. */
export function mergeAccountInput(input: AccountInput, stored: Account | null): Account {
  const { password, ...rest } = input;
  return { ...rest, password: password ? password : (stored?.password ?? '') };
}
