import * as v from 'valibot';

/**
 * The dial policy: which numbers Dialbar may dial at all, whatever asked (popup, a click on a
 * page, a tel: link, the context menu, a shortcut, a redial, a transfer, a page API). Written for
 * an administrator, not a programmer: prefixes and patterns are digits with an optional leading
 * `+`; spaces, dashes, dots and brackets may be typed and are ignored.
 */

/** Formatting an administrator may type inside a prefix or pattern: ignored. */
const FORMATTING = /[\s\-.()/\u00a0\u202f\u2009]/g;

export const DIAL_POLICY_LIMITS = { entries: 200, maxLength: 64 } as const;

/** A prefix or pattern without its formatting characters. */
export function compactRule(text: string): string {
  return text.replace(FORMATTING, '');
}

/** `+1900`, `+44 9`, `0900`: digits, an optional leading +. */
export function isPrefix(text: string): boolean {
  return /^\+?[0-9]{1,20}$/.test(compactRule(text));
}

/**
 * `+49 30 *`, `+1 415 555 XXXX`, `1XXX`: digits, an optional leading +, X for any one digit, and
 * an optional * at the end for any digits after. Without *, the whole number must match.
 */
export function isAllowPattern(text: string): boolean {
  return /^\+?[0-9Xx]{1,20}\*?$/.test(compactRule(text)) || compactRule(text) === '*';
}

export const PREFIX_RULE_WORDS = 'a prefix is digits with an optional + at the start, for example +1900 or +44 9';
export const PATTERN_RULE_WORDS =
  'a pattern is digits with an optional + at the start, X for any one digit and * at the end for any digits after, for example +49 30 * or 1XXX';

const Entry = v.pipe(v.string(), v.trim(), v.maxLength(40));

export const DialPolicySchema = v.object({
  /** Numbers starting with one of these are never dialled. */
  blockedPrefixes: v.pipe(
    v.array(v.pipe(Entry, v.check(isPrefix, (issue) => `“${String(issue.input)}” is not a prefix: ${PREFIX_RULE_WORDS}`))),
    v.maxLength(DIAL_POLICY_LIMITS.entries),
  ),
  /** Numbers of another country than the dial plan's home country are never dialled. */
  blockInternational: v.boolean(),
  /** When not empty, only numbers matching one of these may be dialled (names and sip: addresses that are no number are refused). */
  allowedNumbers: v.pipe(
    v.array(v.pipe(Entry, v.check(isAllowPattern, (issue) => `“${String(issue.input)}” is not a pattern: ${PATTERN_RULE_WORDS}`))),
    v.maxLength(DIAL_POLICY_LIMITS.entries),
  ),
  /** At most this many digits (0: no limit). */
  maxLength: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(DIAL_POLICY_LIMITS.maxLength)),
});
export type DialPolicy = v.InferOutput<typeof DialPolicySchema>;

/** Nothing blocked, nothing required: what an account saved before the policy existed reads as. */
export const DEFAULT_DIAL_POLICY: DialPolicy = { blockedPrefixes: [], blockInternational: false, allowedNumbers: [], maxLength: 0 };

export function defaultDialPolicy(): DialPolicy {
  return { ...DEFAULT_DIAL_POLICY, blockedPrefixes: [], allowedNumbers: [] };
}

/** A list as an administrator types it in one field: separated by commas, semicolons or new lines. */
export function splitRuleList(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}
