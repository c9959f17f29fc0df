import * as v from 'valibot';

/**
 * The agent desk's settings (part of the account, so the offscreen engine gets them with it).
 * Nothing secret: reasons and timings.
 */
export const DEFAULT_NOT_READY_REASONS = ['Break', 'Lunch', 'Meeting', 'Training'] as const;

/** After-call work: ends by a timer (seconds), only by hand, or is off (like 002's afterCallRule). */
export const AFTER_CALL_MODES = ['timer', 'manual', 'off'] as const;
export type AfterCallMode = (typeof AFTER_CALL_MODES)[number];

/** What a new inbound call gets while the agent is Not ready or in after-call work. */
export const UNAVAILABLE_RULES = ['reject', 'ring'] as const;
/** The status such a caller hears: 486 Busy Here (default), 480 Temporarily Unavailable, 603 Decline. */
export const UNAVAILABLE_CODES = [486, 480, 603] as const;
export type UnavailableCode = (typeof UNAVAILABLE_CODES)[number];

const Reason = v.pipe(v.string(), v.trim(), v.minLength(1, 'a reason needs a name'), v.maxLength(40, 'at most 40 characters'));

export const AgentSettingsSchema = v.object({
  reasons: v.pipe(
    v.array(Reason),
    v.minLength(1, 'keep at least one reason'),
    v.maxLength(20, 'at most 20 reasons'),
    v.check((list) => new Set(list.map((r) => r.toLowerCase())).size === list.length, 'each reason only once'),
  ),
  afterCall: v.picklist(AFTER_CALL_MODES),
  afterCallSeconds: v.pipe(v.number(), v.integer(), v.minValue(1, 'at least 1 second'), v.maxValue(3600, 'at most 3600 seconds')),
  whenUnavailable: v.picklist(UNAVAILABLE_RULES),
  unavailableCode: v.picklist(UNAVAILABLE_CODES),
});
export type AgentSettings = v.InferOutput<typeof AgentSettingsSchema>;

export const DEFAULT_AGENT_SETTINGS: AgentSettings = {
  reasons: [...DEFAULT_NOT_READY_REASONS],
  afterCall: 'timer',
  afterCallSeconds: 15,
  whenUnavailable: 'reject',
  unavailableCode: 486,
};

/** Reasons the system gives, not chosen from the list. */
export const SIGNED_IN_REASON = 'Signed in';
export const RESTARTED_REASON = 'Dialbar restarted';
