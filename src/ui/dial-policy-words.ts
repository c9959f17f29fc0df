import { DIAL_POLICY_LIMITS } from '../settings/dial-policy';

/** The dial policy section of the options page, in words. */
export const DIAL_POLICY_WORDS = {
  legend: 'Dial policy',
  intro: 'Applies to every call Dialbar places or transfers: the popup, numbers on pages, links, the right-click menu, shortcuts and redials.',
  blockedPrefixes: 'Never dial numbers starting with',
  blockedPrefixesHint: 'Separated by commas, for example: +1900, +44 9, 0900. Write international prefixes with +.',
  blockInternational: 'Block international calls (numbers outside the dial plan’s home country)',
  allowedNumbers: 'Only dial numbers matching',
  allowedNumbersHint: 'Empty: any number. Separated by commas; X is any one digit, * at the end any digits after, for example: +49 30 *, 1XXX.',
  maxLength: 'Longest number (digits)',
  maxLengthHint: '0 is no limit.',
  maxLengthError: `Use a whole number from 0 (no limit) to ${DIAL_POLICY_LIMITS.maxLength}.`,
  needsHomeCountry: 'Set the home country in the dial plan first: international calls are those outside it.',
} as const;

/** Settings an administrator locked through Chrome policy, in words. */
export const MANAGED_WORDS = {
  lockedNote: 'Set by your administrator; it cannot be changed here.',
  realmNote: (realm: string) => `Your administrator set the domain: the address must end in @${realm}.`,
} as const;
