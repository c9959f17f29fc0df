import { getCountryCallingCode, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { type CauseDetail, CAUSES, detailedError, type ErrorCode } from '../errors';
import { causeMessages } from '../i18n/messages/causes';
import { fill } from '../i18n/translate';
import type { DialPlan } from './account';
import { compactRule, type DialPolicy } from './dial-policy';

/** Separators people and pages put in numbers: ignored, as the dial string does. */
const SEPARATORS = /[\s\-.()/\u00a0\u202f\u2009]/g;

/**
 * The ways one dialled number can be read, so a rule cannot be dodged by writing the number
 * another way: `typed` as dialled (and without the outbound prefix), `e164` in international
 * form (from +, from an international prefix such as 00 or 011, or a national number of the home
 * country), `national` the home country's national form of an e164 reading.
 */
export interface NumberReadings {
  typed: string[];
  e164: string[];
  national: string[];
  /** Digits, * and # dialled (no +, no post-dial digits). */
  length: number;
}

/** The user part of a sip: URI, or the number before its post-dial digits; null for a name. */
function numberPart(target: string): string | null {
  const raw = target.trim();
  let part: string;
  if (/^sips?:/i.test(raw)) {
    const user = raw.replace(/^sips?:/i, '').split('@')[0] ?? '';
    part = (user.split(';')[0] ?? '').replace(/%23/gi, '#');
  } else {
    // Post-dial digits (after a comma) and a page's ";ext=" are sent after the answer: not dialled.
    part = raw.split(/[;,]/)[0] ?? '';
  }
  const compact = part.replace(SEPARATORS, '');
  return /^\+?[0-9*#]{1,64}$/.test(compact) ? compact : null;
}

function isCountry(code: string): code is CountryCode {
  try {
    getCountryCallingCode(code as CountryCode);
    return true;
  } catch {
    return false;
  }
}

/** International prefixes that turn a typed number into an international one under this plan. */
function internationalPrefixes(plan: DialPlan): string[] {
  const own = plan.internationalPrefix === '+' ? [] : [plan.internationalPrefix];
  const home = plan.homeCountry && isCountry(plan.homeCountry) ? plan.homeCountry : null;
  // North America dials out with 011; most of the world (and the ITU's recommendation) with 00.
  const usual = home && getCountryCallingCode(home) === '1' ? '011' : '00';
  return [...new Set([...own, usual])];
}

/** How `target` reads under `plan`; null when it is not a number (a user name, a named sip: address). */
export function readNumber(target: string, plan: DialPlan): NumberReadings | null {
  const typed = numberPart(target);
  if (typed === null) return null;
  const rests = [typed];
  if (plan.outboundPrefix && typed.startsWith(plan.outboundPrefix) && typed.length > plan.outboundPrefix.length) {
    rests.push(typed.slice(plan.outboundPrefix.length));
  }
  const home = plan.homeCountry && isCountry(plan.homeCountry) ? plan.homeCountry : undefined;
  const e164 = new Set<string>();
  for (const rest of rests) {
    if (/^\+\d+$/.test(rest)) e164.add(rest);
    const idd = internationalPrefixes(plan).find((p) => rest.startsWith(p) && rest.length > p.length && /^\d+$/.test(rest));
    if (idd) e164.add(`+${rest.slice(idd.length)}`);
    // A national number of the home country: what follows the outbound prefix when there is one.
    else if (home && rest === rests[rests.length - 1] && /^\d+$/.test(rest)) {
      const parsed = parsePhoneNumberFromString(rest, home);
      if (parsed?.isPossible()) e164.add(parsed.number);
    }
  }
  const national = new Set<string>();
  for (const number of e164) {
    const parsed = parsePhoneNumberFromString(number);
    if (home && parsed && parsed.country === home) national.add(parsed.format('NATIONAL').replace(/\D/g, ''));
  }
  return { typed: rests, e164: [...e164], national: [...national], length: typed.replace(/^\+/, '').length };
}

/** Whether `e164` is a number of another country than `homeCountry` (any number, without a home country). */
export function isInternational(e164: string, homeCountry: string): boolean {
  if (!homeCountry || !isCountry(homeCountry)) return true;
  const parsed = parsePhoneNumberFromString(e164);
  // The country, not only the calling code: +1 876 (Jamaica) is international from the US.
  if (parsed?.country) return parsed.country !== homeCountry;
  return !e164.startsWith(`+${getCountryCallingCode(homeCountry)}`);
}

function patternRegex(pattern: string): RegExp {
  const compact = compactRule(pattern);
  if (compact === '*') return /^\+?[0-9*#]*$/;
  const open = compact.endsWith('*');
  const body = (open ? compact.slice(0, -1) : compact).replace(/\+/g, '\\+').replace(/[Xx]/g, '[0-9]');
  return new RegExp(`^${body}${open ? '[0-9*#]*' : ''}$`);
}

/** The readings a rule written with or without a + is compared with. */
function readingsFor(rule: string, readings: NumberReadings): string[] {
  return compactRule(rule).startsWith('+') ? readings.e164 : [...readings.typed, ...readings.national];
}

export interface DialPolicyRefusal {
  code: Extract<ErrorCode, `dial-policy-${string}`>;
  /** The English sentence with the rule named (logs, tests); other languages use detail and values. */
  message: string;
  detail: CauseDetail;
  values: Record<string, string | number>;
}

function refuse(code: DialPolicyRefusal['code'], detail: CauseDetail, values: Record<string, string | number> = {}): DialPolicyRefusal {
  const params = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)]));
  return { code, detail, values, message: `${CAUSES[code].message} ${fill(causeMessages.en[detail], params)}` };
}

/**
 * Why the dial policy refuses `target` under `plan`, or null when it may be dialled. The rule
 * that refused is named in the sentence. Checked in the engine for every dial, transfer and
 * consult, and in the service worker for what content scripts send.
 */
export function dialPolicyRefusal(target: string, policy: DialPolicy, plan: DialPlan): DialPolicyRefusal | null {
  const readings = readNumber(target, plan);
  if (readings === null) {
    return policy.allowedNumbers.length > 0
      ? refuse('dial-policy-not-allowed', 'cause.detail.policy-not-a-number')
      : null;
  }
  if (policy.maxLength > 0 && readings.length > policy.maxLength) {
    return refuse('dial-policy-too-long', 'cause.detail.policy-too-long', { digits: readings.length, limit: policy.maxLength });
  }
  for (const prefix of policy.blockedPrefixes) {
    const compact = compactRule(prefix);
    if (readingsFor(prefix, readings).some((reading) => reading.startsWith(compact))) {
      return refuse('dial-policy-blocked-prefix', 'cause.detail.policy-prefix', { prefix });
    }
  }
  if (policy.blockInternational && readings.e164.some((number) => isInternational(number, plan.homeCountry))) {
    return plan.homeCountry
      ? refuse('dial-policy-international', 'cause.detail.policy-home', { country: plan.homeCountry })
      : refuse('dial-policy-international', 'cause.detail.policy-no-home');
  }
  if (policy.allowedNumbers.length > 0) {
    const allowed = policy.allowedNumbers.some((pattern) => {
      const regex = patternRegex(pattern);
      return readingsFor(pattern, readings).some((reading) => regex.test(reading));
    });
    if (!allowed) return refuse('dial-policy-not-allowed', 'cause.detail.policy-allowed', { list: policy.allowedNumbers.join(', ') });
  }
  return null;
}

/** Throws the dial policy's refusal of `target` as a DialbarError. */
export function assertDialPolicy(target: string, policy: DialPolicy, plan: DialPlan): void {
  const refusal = dialPolicyRefusal(target, policy, plan);
  if (refusal) throw detailedError(refusal.code, refusal.detail, refusal.values);
}
