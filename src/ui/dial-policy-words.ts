import { DIAL_POLICY_LIMITS } from '../settings/dial-policy';
import { t } from './i18n';

/** The dial policy section of the options page, in words (in the page's language: read at render). */
export const DIAL_POLICY_WORDS = {
  get none() {
    return t('policy.none');
  },
  get anyNumber() {
    return t('policy.anyNumber');
  },
  get legend() {
    return t('policy.legend');
  },
  get intro() {
    return t('policy.intro');
  },
  get blockedPrefixes() {
    return t('policy.blockedPrefixes');
  },
  get blockedPrefixesHint() {
    return t('policy.blockedPrefixesHint');
  },
  get blockInternational() {
    return t('policy.blockInternational');
  },
  get allowedNumbers() {
    return t('policy.allowedNumbers');
  },
  get allowedNumbersHint() {
    return t('policy.allowedNumbersHint');
  },
  get maxLength() {
    return t('policy.maxLength');
  },
  get maxLengthHint() {
    return t('policy.maxLengthHint');
  },
  get needsHomeCountry() {
    return t('policy.needsHomeCountry');
  },
  get maxLengthError() {
    return t('policy.maxLengthError', { max: DIAL_POLICY_LIMITS.maxLength });
  },
};

/** Settings an administrator locked through Chrome policy, in words. */
export const MANAGED_WORDS = {
  get lockedNote() {
    return t('managed.lockedNote');
  },
  realmNote: (realm: string) => t('managed.realmNote', { realm }),
};
