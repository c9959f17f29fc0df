import * as v from 'valibot';
import { errorWords, t } from './i18n';
import {
  type AccountInput,
  AccountInputSchema,
  type AccountView,
  DEFAULT_AUTO_ANSWER_BY_HEADER,
  DEFAULT_AUTO_ANSWER_SECONDS,
  DEFAULT_CALL_WAITING,
  DEFAULT_DISPLAY_NUMBER_HEADER,
  DEFAULT_DTMF_TRANSPORT,
  DEFAULT_HISTORY_LIMIT,
  DEFAULT_HISTORY_MASK_NUMBERS,
  DEFAULT_WAITING_DECLINE_CODE,
  type DialPlan,
  MAX_HISTORY_LIMIT,
  MIN_HISTORY_LIMIT,
  type DtmfTransportSetting,
  type WaitingDeclineCode,
} from '../settings/account';
import { type AfterCallMode, DEFAULT_AGENT_SETTINGS, type UnavailableCode } from '../settings/agent-settings';
import { defaultDialPolicy } from '../settings/dial-policy';
import { DIAL_POLICY_KEYS, type DialPolicyForm, dialPolicyFieldKey, dialPolicyForm, dialPolicyInput } from './dial-policy-form';
import { DIAL_POLICY_WORDS } from './dial-policy-words';

/** One STUN/TURN row as typed; blank rows are dropped on submit. */
export interface IceRow {
  urls: string;
  username: string;
  credential: string;
}

/** The account form exactly as typed. Field names double as test ids and error keys. */
export interface AccountForm extends DialPolicyForm {
  wsUrl: string;
  sipUri: string;
  authUser: string;
  /** Empty keeps the stored password. */
  password: string;
  displayName: string;
  iceServers: IceRow[];
  autoSignIn: boolean;
  outboundPrefix: string;
  homeCountry: string;
  internationalPrefix: DialPlan['internationalPrefix'];
  dtmfTransport: DtmfTransportSetting;
  callWaiting: boolean;
  /** As the select shows it: "486" or "603". */
  waitingDeclineCode: `${WaitingDeclineCode}`;
  /** Seconds as typed; "0" (or empty) is off. */
  autoAnswerSeconds: string;
  autoAnswerByHeader: boolean;
  displayNumber: string;
  displayNumberHeader: string;
  /** The agent desk: Not ready reasons, comma-separated as typed. */
  agentReasons: string;
  afterCall: AfterCallMode;
  afterCallSeconds: string;
  whenUnavailable: 'reject' | 'ring';
  unavailableCode: `${UnavailableCode}`;
  /** Calls the history keeps, as typed. */
  historyLimit: string;
  historyMaskNumbers: boolean;
}

/** The agent desk's choices, set through one setter. */
export type AgentChoice = 'afterCall' | 'whenUnavailable' | 'unavailableCode';

export type TextField =
  | 'wsUrl'
  | 'sipUri'
  | 'authUser'
  | 'password'
  | 'displayName'
  | 'outboundPrefix'
  | 'homeCountry'
  | 'autoAnswerSeconds'
  | 'displayNumber'
  | 'displayNumberHeader'
  | 'agentReasons'
  | 'afterCallSeconds'
  | 'historyLimit'
  | 'blockedPrefixes'
  | 'allowedNumbers'
  | 'dialMaxLength';

/** Error keys: the test-id style names of the fields, e.g. "ws-url", "ice-0-urls". */
export type FieldErrors = Readonly<Record<string, string>>;

export const FIELD_KEYS: Record<TextField | 'internationalPrefix' | 'iceServers' | 'dtmfTransport', string> = {
  wsUrl: 'ws-url',
  sipUri: 'sip-uri',
  authUser: 'auth-user',
  password: 'password',
  displayName: 'display-name',
  outboundPrefix: 'outbound-prefix',
  homeCountry: 'home-country',
  internationalPrefix: 'international-prefix',
  iceServers: 'ice-servers',
  dtmfTransport: 'dtmf-transport',
  autoAnswerSeconds: 'auto-answer-seconds',
  displayNumber: 'display-number',
  displayNumberHeader: 'display-number-header',
  agentReasons: 'agent-reasons',
  afterCallSeconds: 'after-call-seconds',
  historyLimit: 'history-limit',
  blockedPrefixes: DIAL_POLICY_KEYS.blockedPrefixes,
  allowedNumbers: DIAL_POLICY_KEYS.allowedNumbers,
  dialMaxLength: DIAL_POLICY_KEYS.maxLength,
};

export function iceFieldKey(index: number, part: keyof IceRow): string {
  return `ice-${index}-${part}`;
}

export function emptyForm(): AccountForm {
  return {
    wsUrl: '',
    sipUri: '',
    authUser: '',
    password: '',
    displayName: '',
    iceServers: [],
    autoSignIn: true,
    outboundPrefix: '',
    homeCountry: '',
    internationalPrefix: '+',
    dtmfTransport: DEFAULT_DTMF_TRANSPORT,
    callWaiting: DEFAULT_CALL_WAITING,
    waitingDeclineCode: `${DEFAULT_WAITING_DECLINE_CODE}`,
    autoAnswerSeconds: `${DEFAULT_AUTO_ANSWER_SECONDS}`,
    autoAnswerByHeader: DEFAULT_AUTO_ANSWER_BY_HEADER,
    displayNumber: '',
    displayNumberHeader: DEFAULT_DISPLAY_NUMBER_HEADER,
    historyLimit: `${DEFAULT_HISTORY_LIMIT}`,
    historyMaskNumbers: DEFAULT_HISTORY_MASK_NUMBERS,
    ...agentFields(DEFAULT_AGENT_SETTINGS),
    ...dialPolicyForm(defaultDialPolicy()),
  };
}

function agentFields(agent: AccountView['agentDesk']): Pick<AccountForm, 'agentReasons' | 'afterCall' | 'afterCallSeconds' | 'whenUnavailable' | 'unavailableCode'> {
  return {
    agentReasons: agent.reasons.join(', '),
    afterCall: agent.afterCall,
    afterCallSeconds: String(agent.afterCallSeconds),
    whenUnavailable: agent.whenUnavailable,
    unavailableCode: `${agent.unavailableCode}`,
  };
}

export function formFromView(view: AccountView): AccountForm {
  return {
    wsUrl: view.wsUrl,
    sipUri: view.sipUri,
    authUser: view.authUser,
    password: '',
    displayName: view.displayName,
    iceServers: view.iceServers.map((s) => ({ urls: s.urls, username: s.username ?? '', credential: s.credential ?? '' })),
    autoSignIn: view.autoSignIn,
    outboundPrefix: view.dialPlan.outboundPrefix,
    homeCountry: view.dialPlan.homeCountry,
    internationalPrefix: view.dialPlan.internationalPrefix,
    dtmfTransport: view.dtmfTransport,
    callWaiting: view.callWaiting,
    waitingDeclineCode: `${view.waitingDeclineCode}`,
    autoAnswerSeconds: `${view.autoAnswerSeconds}`,
    autoAnswerByHeader: view.autoAnswerByHeader,
    displayNumber: view.displayNumber,
    displayNumberHeader: view.displayNumberHeader,
    ...agentFields(view.agentDesk),
    historyLimit: `${view.historyLimit}`,
    historyMaskNumbers: view.historyMaskNumbers,
    ...dialPolicyForm(view.dialPolicy),
  };
}

/** Field errors said more helpfully than the schema's words (which stay English in the settings layer). */
const SPECIFIC_MESSAGES: Record<string, () => string> = {
  'history-limit': () => t('form.historyLimit', { min: MIN_HISTORY_LIMIT, max: MAX_HISTORY_LIMIT }),
  'outbound-prefix': () => t('form.outboundPrefix'),
  'home-country': () => t('form.homeCountry'),
  'auto-answer-seconds': () => t('form.autoAnswerSeconds'),
  'display-number': () => t('form.displayNumber'),
  'display-number-header': () => t('form.displayNumberHeader'),
  'after-call-seconds': () => t('form.afterCallSeconds'),
  [DIAL_POLICY_KEYS.maxLength]: () => DIAL_POLICY_WORDS.maxLengthError,
};

/** The reasons list's own checks (src/settings/agent-settings.ts), by their schema message. */
const REASON_MESSAGES: Record<string, () => string> = {
  'a reason needs a name': () => t('form.reasonEmpty'),
  'at most 40 characters': () => t('form.reasonLong'),
  'keep at least one reason': () => t('form.reasonsNone'),
  'at most 20 reasons': () => t('form.reasonsMany'),
  'each reason only once': () => t('form.reasonTwice'),
};

export type Validation = { ok: true; input: AccountInput } | { ok: false; errors: FieldErrors };

/**
 * Checks the form with the account schema and turns it into what `background.saveAccount`
 * takes. Errors come keyed by field, in plain words.
 */
export function validateForm(form: AccountForm): Validation {
  const rows = form.iceServers
    .map((row, index) => ({ row, index }))
    .filter(({ row }) => row.urls.trim() !== '' || row.username.trim() !== '' || row.credential !== '');
  const raw = {
    wsUrl: form.wsUrl,
    sipUri: form.sipUri,
    authUser: form.authUser,
    displayName: form.displayName,
    iceServers: rows.map(({ row }) => ({
      urls: row.urls,
      ...(row.username.trim() === '' ? {} : { username: row.username }),
      ...(row.credential === '' ? {} : { credential: row.credential }),
    })),
    autoSignIn: form.autoSignIn,
    dialPlan: {
      outboundPrefix: form.outboundPrefix,
      homeCountry: form.homeCountry,
      internationalPrefix: form.internationalPrefix,
    },
    dtmfTransport: form.dtmfTransport,
    callWaiting: form.callWaiting,
    waitingDeclineCode: form.waitingDeclineCode === '603' ? 603 : 486,
    autoAnswerSeconds: secondsOf(form.autoAnswerSeconds),
    autoAnswerByHeader: form.autoAnswerByHeader,
    displayNumber: form.displayNumber,
    displayNumberHeader: form.displayNumberHeader,
    agentDesk: {
      reasons: form.agentReasons
        .split(',')
        .map((r) => r.trim())
        .filter((r) => r !== ''),
      afterCall: form.afterCall,
      afterCallSeconds: form.afterCallSeconds.trim() === '' ? Number.NaN : Number(form.afterCallSeconds),
      whenUnavailable: form.whenUnavailable,
      unavailableCode: Number(form.unavailableCode),
    },
    historyLimit: form.historyLimit.trim() === '' ? DEFAULT_HISTORY_LIMIT : wholeNumberOf(form.historyLimit),
    historyMaskNumbers: form.historyMaskNumbers,
    dialPolicy: dialPolicyInput(form),
    ...(form.password === '' ? {} : { password: form.password }),
  };
  const result = v.safeParse(AccountInputSchema, raw);
  // International is relative to the home country: without one, blocking it would block every + number.
  const needsCountry = form.blockInternational && form.homeCountry.trim() === '';
  if (result.success && !needsCountry) return { ok: true, input: result.output };
  const errors: Record<string, string> = needsCountry ? { [DIAL_POLICY_KEYS.blockInternational]: DIAL_POLICY_WORDS.needsHomeCountry } : {};
  for (const issue of result.success ? [] : result.issues) {
    const key = fieldKeyOf(issue.path?.map((item) => item.key) ?? [], rows.map(({ index }) => index));
    errors[key] ??= messageFor(key, issue);
  }
  return { ok: false, errors };
}

/** Whole seconds as typed; empty is 0 (off); anything else fails the schema's check. */
function secondsOf(text: string): number {
  const trimmed = text.trim();
  if (trimmed === '') return 0;
  return /^\d{1,3}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

function wholeNumberOf(text: string): number {
  return /^\d{1,6}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
}

function fieldKeyOf(path: unknown[], rowIndexes: number[]): string {
  const [first, second, third] = path;
  if (first === 'iceServers') {
    if (typeof second !== 'number') return FIELD_KEYS.iceServers;
    const index = rowIndexes[second] ?? second;
    return iceFieldKey(index, third === 'username' || third === 'credential' ? third : 'urls');
  }
  if (first === 'dialPolicy') return dialPolicyFieldKey(second);
  if (first === 'agentDesk') return second === 'reasons' ? FIELD_KEYS.agentReasons : FIELD_KEYS.afterCallSeconds;
  if (first === 'dialPlan' && typeof second === 'string' && second in FIELD_KEYS) {
    return FIELD_KEYS[second as keyof typeof FIELD_KEYS];
  }
  if (typeof first === 'string' && first in FIELD_KEYS) return FIELD_KEYS[first as keyof typeof FIELD_KEYS];
  return 'form';
}

function messageFor(key: string, issue: v.BaseIssue<unknown>): string {
  if (issue.message === 'bad-url' || issue.message === 'bad-uri') return errorWords({ code: issue.message });
  // The reasons list's own checks say what is wrong (too many, too long, twice, empty).
  if (key === FIELD_KEYS.agentReasons) return REASON_MESSAGES[issue.message]?.() ?? t('form.invalid');
  // The dial policy's checks name the entry that is wrong and show the syntax (the settings layer's words).
  if ((key === DIAL_POLICY_KEYS.blockedPrefixes || key === DIAL_POLICY_KEYS.allowedNumbers) && issue.type === 'check') return issue.message;
  if (issue.type === 'max_length') {
    const limit = String(issue.requirement);
    return key === FIELD_KEYS.iceServers ? t('form.maxServers', { limit }) : t('form.tooLong', { limit });
  }
  const specific = SPECIFIC_MESSAGES[key];
  if (specific) return specific();
  if (/^ice-\d+-urls$/.test(key)) return t('form.iceUrl');
  return t('form.invalid');
}
