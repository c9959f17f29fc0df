import { type DialPolicy, splitRuleList } from '../settings/dial-policy';

/** The dial policy's fields as typed in the account form. */
export interface DialPolicyForm {
  /** Comma-separated as typed. */
  blockedPrefixes: string;
  blockInternational: boolean;
  /** Comma-separated as typed. */
  allowedNumbers: string;
  /** Digits as typed; empty or 0 is no limit. */
  dialMaxLength: string;
}

/** Error keys (and element ids) of the dial policy's fields, by the schema's names. */
export const DIAL_POLICY_KEYS = {
  blockedPrefixes: 'blocked-prefixes',
  blockInternational: 'block-international',
  allowedNumbers: 'allowed-numbers',
  maxLength: 'dial-max-length',
} as const;

export function dialPolicyForm(policy: DialPolicy): DialPolicyForm {
  return {
    blockedPrefixes: policy.blockedPrefixes.join(', '),
    blockInternational: policy.blockInternational,
    allowedNumbers: policy.allowedNumbers.join(', '),
    dialMaxLength: `${policy.maxLength}`,
  };
}

/** What the account schema checks: lists split, the length a number (NaN when it is not one, so the schema refuses it). */
export function dialPolicyInput(form: DialPolicyForm): Record<keyof DialPolicy, unknown> {
  const length = form.dialMaxLength.trim();
  return {
    blockedPrefixes: splitRuleList(form.blockedPrefixes),
    blockInternational: form.blockInternational,
    allowedNumbers: splitRuleList(form.allowedNumbers),
    maxLength: length === '' ? 0 : /^\d{1,3}$/.test(length) ? Number(length) : Number.NaN,
  };
}

/** The field an issue at `dialPolicy.<second>` belongs to. */
export function dialPolicyFieldKey(second: unknown): string {
  return typeof second === 'string' && second in DIAL_POLICY_KEYS ? DIAL_POLICY_KEYS[second as keyof typeof DIAL_POLICY_KEYS] : DIAL_POLICY_KEYS.blockedPrefixes;
}
