import { parsePhoneNumberWithError } from 'libphonenumber-js/min';
import { dialbarError } from '../errors';
import type { DialPlan } from '../settings/account';

const SEPARATORS = /[\s\-.()/\u00a0\u202f\u2009]/g;

/**
 * Turns what a person or a page asked to dial into the SIP URI the PBX expects.
 * - a sip:/sips: URI is used as it is;
 * - an E.164 number (from page detection, or typed with +) is an outside number: dialled in
 *   national form when it belongs to the home country, else with the international prefix,
 *   and the outbound prefix (such as 9) in front;
 * - anything else typed (an extension, a feature code, a user name) is dialled exactly as typed.
 * Post-dial digits (after a `,`, or a number's ";ext=123") are split off by `splitDialString` first.
 */
export function toDialTarget(input: string, plan: DialPlan, domain: string): string {
  const raw = input.trim();
  if (/^sips?:/i.test(raw)) {
    if (!/^sips?:[^\s@]+@[^\s@]+$/i.test(raw)) throw dialbarError('invalid-number');
    return raw;
  }
  // A SIP user name such as "support" is taken as typed; separators are only stripped from numbers.
  if (/^[a-z][a-z0-9._-]{0,63}$/i.test(raw)) return `sip:${raw}@${domain}`;
  const number = raw.split(';')[0]?.replace(SEPARATORS, '') ?? '';
  let user: string;
  if (/^\+[1-9]\d{3,14}$/.test(number)) user = plan.outboundPrefix + outsideNumber(number, plan);
  else if (/^[0-9*#]{1,32}$/.test(number)) user = number;
  else throw dialbarError('invalid-number');
  return `sip:${user.replace(/#/g, '%23')}@${domain}`;
}

/**
 * Splits what to dial from the digits to send once answered: `+14155550132,,1234#` dials the
 * number and then sends `,,1234#` (each comma a 2 s pause); `+14155550132;ext=204` (the
 * detector's E.164 with an extension) sends `204`. A sip: URI has no post-dial digits.
 */
export function splitDialString(input: string): { number: string; postDial: string } {
  const raw = input.trim();
  if (/^sips?:/i.test(raw)) return { number: raw, postDial: '' };
  const ext = /;ext=([0-9*#]{1,16})\s*$/i.exec(raw);
  if (ext) return { number: raw.slice(0, ext.index), postDial: ext[1] ?? '' };
  const comma = raw.indexOf(',');
  if (comma < 0) return { number: raw, postDial: '' };
  const postDial = raw.slice(comma).replace(SEPARATORS, '');
  if (!/^[0-9*#A-D,]{1,32}$/.test(postDial)) throw dialbarError('invalid-number');
  return { number: raw.slice(0, comma), postDial };
}

function outsideNumber(e164: string, plan: DialPlan): string {
  let country: string | undefined;
  let national: string | undefined;
  try {
    const parsed = parsePhoneNumberWithError(e164);
    country = parsed.country;
    national = parsed.format('NATIONAL').replace(/\D/g, '');
  } catch {
    // Not in the numbering plan: still a well-formed E.164 string, dial it internationally.
  }
  if (plan.homeCountry && country === plan.homeCountry && national) return national;
  const digits = e164.slice(1);
  return plan.internationalPrefix === '+' ? `+${digits}` : plan.internationalPrefix + digits;
}

/** The domain of a SIP URI such as sip:1001@pbx.example.com. */
export function domainOf(sipUri: string): string {
  return sipUri.replace(/^sips?:/i, '').split('@')[1]?.split(/[;?>]/)[0] ?? '';
}
