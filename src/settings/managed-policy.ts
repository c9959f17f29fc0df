import * as v from 'valibot';
import { type Account, AccountSchema, IceServerSchema } from './account';
import { DialPolicySchema } from './dial-policy';

/**
 * Enterprise deployment: what an administrator pushes through Chrome policy (storage.managed,
 * schema in public/managed-schema.json). Every value given overrides the local one and is
 * locked: the options page shows it disabled, and a local edit of it is refused when saved.
 */

/** Account settings an administrator may set and lock under `lockedSettings`. */
export const LOCKABLE_SETTINGS = [
  'dialPlan',
  'dtmfTransport',
  'callWaiting',
  'waitingDeclineCode',
  'autoAnswerSeconds',
  'autoAnswerByHeader',
  'displayNumber',
  'displayNumberHeader',
  'autoSignIn',
  'agentDesk',
  'historyLimit',
  'historyMaskNumbers',
] as const satisfies ReadonlyArray<keyof Account>;
export type LockableSetting = (typeof LOCKABLE_SETTINGS)[number];

/** A setting the options page shows locked: the account's own names, and `realm` (the SIP address's domain). */
export type LockedSetting = 'wsUrl' | 'realm' | 'iceServers' | 'dialPolicy' | LockableSetting;

const Realm = v.pipe(v.string(), v.trim(), v.toLowerCase(), v.regex(/^[a-z0-9.-]+(:\d+)?$/, 'a domain such as pbx.example.com'));

/** The policy keys and their checks; a key whose value fails its check is ignored (and named in `problems`). */
const MANAGED_KEYS = {
  sipServer: AccountSchema.entries.wsUrl,
  realm: Realm,
  iceServers: v.pipe(v.array(IceServerSchema), v.maxLength(8)),
  allowedOrigins: v.pipe(v.array(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(512))), v.maxLength(500)),
  dialPolicy: v.object({
    blockedPrefixes: v.optional(DialPolicySchema.entries.blockedPrefixes, () => []),
    blockInternational: v.optional(v.boolean(), false),
    allowedNumbers: v.optional(DialPolicySchema.entries.allowedNumbers, () => []),
    maxLength: v.optional(DialPolicySchema.entries.maxLength, 0),
  }),
} as const;

export interface ManagedPolicy {
  wsUrl?: string;
  realm?: string;
  iceServers?: Account['iceServers'];
  allowedOrigins?: string[];
  dialPolicy?: Account['dialPolicy'];
  settings: Partial<Pick<Account, LockableSetting>>;
  /** Keys the administrator set that were not valid, in words (ignored: the local value applies). */
  problems: string[];
}

export const NO_MANAGED_POLICY: ManagedPolicy = { settings: {}, problems: [] };

function issueWords(key: string, issues: ReadonlyArray<v.BaseIssue<unknown>>): string {
  return `${key}: ${issues[0]?.message ?? 'not valid'}`;
}

/** Reads storage.managed leniently: each key on its own, so one bad value does not drop the others. */
export function parseManagedPolicy(raw: unknown): ManagedPolicy {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { settings: {}, problems: [] };
  const source = raw as Record<string, unknown>;
  const policy: ManagedPolicy = { settings: {}, problems: [] };
  const take = <K extends keyof typeof MANAGED_KEYS>(key: K): v.InferOutput<(typeof MANAGED_KEYS)[K]> | undefined => {
    if (!Object.hasOwn(source, key) || source[key] === undefined) return undefined;
    const result = v.safeParse(MANAGED_KEYS[key], source[key]);
    if (result.success) return result.output as v.InferOutput<(typeof MANAGED_KEYS)[K]>;
    policy.problems.push(issueWords(key, result.issues));
    return undefined;
  };
  const wsUrl = take('sipServer');
  if (wsUrl !== undefined) policy.wsUrl = wsUrl;
  const realm = take('realm');
  if (realm !== undefined) policy.realm = realm;
  const iceServers = take('iceServers');
  if (iceServers !== undefined) policy.iceServers = iceServers;
  const origins = take('allowedOrigins');
  if (origins !== undefined) policy.allowedOrigins = origins;
  const dialPolicy = take('dialPolicy');
  if (dialPolicy !== undefined) policy.dialPolicy = dialPolicy;
  const locked = source.lockedSettings;
  if (typeof locked === 'object' && locked !== null && !Array.isArray(locked)) {
    for (const name of LOCKABLE_SETTINGS) {
      if (!Object.hasOwn(locked, name)) continue;
      const result = v.safeParse(AccountSchema.entries[name], (locked as Record<string, unknown>)[name]);
      if (result.success) (policy.settings as Record<string, unknown>)[name] = result.output;
      else policy.problems.push(issueWords(`lockedSettings.${name}`, result.issues));
    }
  } else if (locked !== undefined) policy.problems.push('lockedSettings: must be an object of setting names and values');
  return policy;
}

/** The settings this policy locks, in the options page's order. */
export function lockedSettings(policy: ManagedPolicy): LockedSetting[] {
  const top: LockedSetting[] = [];
  if (policy.wsUrl !== undefined) top.push('wsUrl');
  if (policy.realm !== undefined) top.push('realm');
  if (policy.iceServers !== undefined) top.push('iceServers');
  if (policy.dialPolicy !== undefined) top.push('dialPolicy');
  return [...top, ...LOCKABLE_SETTINGS.filter((name) => Object.hasOwn(policy.settings, name))];
}

/** `sip:user@domain` with the realm as its domain (a realm locks the domain, the user stays the person's). */
export function withRealm(sipUri: string, realm: string): string {
  const match = /^(sips?):([^@]+)@/i.exec(sipUri);
  return match ? `${match[1]}:${match[2]}@${realm}` : sipUri;
}

/** The account as it applies: the administrator's values over the local ones. */
export function overlayAccount(account: Account, policy: ManagedPolicy): Account {
  return {
    ...account,
    ...policy.settings,
    ...(policy.wsUrl !== undefined ? { wsUrl: policy.wsUrl } : {}),
    ...(policy.realm !== undefined ? { sipUri: withRealm(account.sipUri, policy.realm) } : {}),
    ...(policy.iceServers !== undefined ? { iceServers: policy.iceServers } : {}),
    ...(policy.dialPolicy !== undefined ? { dialPolicy: policy.dialPolicy } : {}),
  };
}

/** Empty optional strings dropped, so a form that leaves out an empty ICE user name compares equal. */
function comparable(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) return inner;
    return Object.fromEntries(
      Object.entries(inner)
        .filter(([, item]) => item !== '' && item !== undefined)
        .sort(([a], [b]) => a.localeCompare(b)),
    );
  });
}

/** The locked settings `next` would change, or an empty list. */
export function lockedChanges(next: Account, policy: ManagedPolicy): LockedSetting[] {
  const applied = overlayAccount(next, policy);
  return lockedSettings(policy).filter((name) => {
    if (name === 'realm') return applied.sipUri.toLowerCase() !== next.sipUri.toLowerCase();
    return comparable(applied[name]) !== comparable(next[name]);
  });
}

/** The administrator's allowed page-API origins (patterns such as https://*.example-crm.com), or null when not set. */
export async function managedAllowedOrigins(read: () => Promise<ManagedPolicy>): Promise<string[] | null> {
  return (await read()).allowedOrigins ?? null;
}

/** An account with nothing typed yet: what the administrator's values are laid over before the person saves one. */
export function blankAccount(): Account {
  return v.parse(LooseAccountSchema, {
    wsUrl: '',
    sipUri: '',
    authUser: '',
    password: '',
    displayName: '',
    iceServers: [],
    autoSignIn: true,
    dialPlan: { outboundPrefix: '', homeCountry: '', internationalPrefix: '+' },
  });
}

/** The account schema with the server and address free, for a form not filled in yet. */
const LooseAccountSchema = v.object({ ...AccountSchema.entries, wsUrl: v.string(), sipUri: v.string() });

const LOCKED_NAMES = ['wsUrl', 'realm', 'iceServers', 'dialPolicy', ...LOCKABLE_SETTINGS] as const satisfies readonly LockedSetting[];

/** What the options page is told: which settings are locked, the account as it applies (no password), and ignored policy keys. */
export const ManagedViewSchema = v.object({
  locked: v.array(v.picklist(LOCKED_NAMES)),
  /** The SIP domain the administrator set (the address must end in it), or null. */
  realm: v.nullable(v.string()),
  account: v.object({ ...v.omit(LooseAccountSchema, ['password']).entries }),
  problems: v.pipe(v.array(v.pipe(v.string(), v.maxLength(512))), v.maxLength(50)),
  /** The page API's allowed origins the administrator set (they replace the person's list), or null. */
  allowedOrigins: v.optional(v.nullable(v.pipe(v.array(v.pipe(v.string(), v.maxLength(512))), v.maxLength(500))), null),
});
export type ManagedView = v.InferOutput<typeof ManagedViewSchema>;

export function managedView(local: Account | null, policy: ManagedPolicy): ManagedView {
  const { password: _secret, ...account } = overlayAccount(local ?? blankAccount(), policy);
  return {
    locked: lockedSettings(policy),
    realm: policy.realm ?? null,
    account,
    problems: policy.problems.slice(0, 50),
    allowedOrigins: policy.allowedOrigins?.slice(0, 500) ?? null,
  };
}
