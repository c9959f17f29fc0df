import { describe, expect, it } from 'vitest';
import { createMemoryAccountStore } from '../../../src/settings/account-store';
import { createManagedAccountStore } from '../../../src/settings/managed-account-store';
import {
  lockedChanges,
  lockedSettings,
  managedAllowedOrigins,
  managedView,
  overlayAccount,
  parseManagedPolicy,
} from '../../../src/settings/managed-policy';
import { ACCOUNT } from '../../fakes/engine-fixture';

/** What an administrator writes in the Chrome policy file (3rdparty.extensions.<id>). */
const POLICY = {
  sipServer: 'wss://pbx.corp.example:8089/ws',
  realm: 'PBX.corp.example',
  iceServers: [{ urls: 'turn:turn.corp.example:3478', username: 'agent', credential: 'secret' }],
  allowedOrigins: ['https://*.example-crm.com'],
  dialPolicy: { blockedPrefixes: ['+1900', '+44 9'], blockInternational: true },
  lockedSettings: { callWaiting: false, dialPlan: { outboundPrefix: '0', homeCountry: 'de', internationalPrefix: '00' } },
};

describe('the managed policy (storage.managed)', () => {
  it('reads every key, fills the dial policy with its defaults, and lists what it locks', () => {
    const policy = parseManagedPolicy(POLICY);
    expect(policy.problems).toEqual([]);
    expect(policy.realm).toBe('pbx.corp.example');
    expect(policy.dialPolicy).toEqual({ blockedPrefixes: ['+1900', '+44 9'], blockInternational: true, allowedNumbers: [], maxLength: 0 });
    expect(policy.settings).toEqual({ callWaiting: false, dialPlan: { outboundPrefix: '0', homeCountry: 'DE', internationalPrefix: '00' } });
    expect(lockedSettings(policy)).toEqual(['wsUrl', 'realm', 'iceServers', 'dialPolicy', 'dialPlan', 'callWaiting']);
  });

  it('ignores a bad value, names it, and keeps the others', () => {
    const policy = parseManagedPolicy({
      sipServer: 'http://not-a-websocket',
      dialPolicy: { blockedPrefixes: ['premium'] },
      lockedSettings: { callWaiting: 'yes', historyLimit: 50, unknownThing: 1 },
      allowedOrigins: ['https://crm.example.com'],
    });
    expect(policy.wsUrl).toBeUndefined();
    expect(policy.dialPolicy).toBeUndefined();
    expect(policy.settings).toEqual({ historyLimit: 50 });
    expect(policy.allowedOrigins).toEqual(['https://crm.example.com']);
    expect(policy.problems).toEqual([
      'sipServer: bad-url',
      expect.stringContaining('dialPolicy: “premium” is not a prefix'),
      expect.stringMatching(/^lockedSettings\.callWaiting: /),
    ]);
  });

  it.each([null, undefined, 'x', [], 42])('reads %s as no policy', (raw) => {
    expect(lockedSettings(parseManagedPolicy(raw))).toEqual([]);
  });

  it('lays the managed values over the local account; the SIP user stays the person’s', () => {
    const applied = overlayAccount(ACCOUNT, parseManagedPolicy(POLICY));
    expect(applied).toMatchObject({
      wsUrl: 'wss://pbx.corp.example:8089/ws',
      sipUri: 'sip:agent@pbx.corp.example',
      iceServers: POLICY.iceServers,
      callWaiting: false,
      dialPlan: { outboundPrefix: '0', homeCountry: 'DE', internationalPrefix: '00' },
      password: ACCOUNT.password,
      displayName: ACCOUNT.displayName,
    });
    expect(applied.dialPolicy.blockedPrefixes).toEqual(['+1900', '+44 9']);
  });

  it('exposes the allowed origins through a reader (null when the administrator set none)', async () => {
    expect(await managedAllowedOrigins(async () => parseManagedPolicy(POLICY))).toEqual(['https://*.example-crm.com']);
    expect(await managedAllowedOrigins(async () => parseManagedPolicy({}))).toBeNull();
  });
});

describe('the managed account store', () => {
  const setup = (raw: unknown = POLICY) => {
    const local = createMemoryAccountStore(ACCOUNT);
    let managed = parseManagedPolicy(raw);
    const store = createManagedAccountStore(local, async () => managed);
    return { local, store, setManaged: (next: unknown) => (managed = parseManagedPolicy(next)) };
  };

  it('loads the account with the administrator’s values; a policy change shows at the next load', async () => {
    const { store, setManaged } = setup();
    expect(await store.load()).toMatchObject({ wsUrl: POLICY.sipServer, callWaiting: false });
    setManaged({});
    expect(await store.load()).toMatchObject({ wsUrl: ACCOUNT.wsUrl, callWaiting: true });
  });

  it('saves an edit of unlocked settings when the locked ones are as the administrator set them', async () => {
    const { store, local } = setup();
    const applied = (await store.load())!;
    await store.save({ ...applied, displayName: 'Front desk', historyLimit: 50 });
    expect(await local.load()).toMatchObject({ displayName: 'Front desk', historyLimit: 50 });
  });

  it.each([
    ['the server', { wsUrl: 'wss://evil.example/ws' }, 'SIP WebSocket URL'],
    ['the SIP domain', { sipUri: 'sip:agent@evil.example' }, 'SIP domain'],
    ['the dial policy', { dialPolicy: { blockedPrefixes: [], blockInternational: false, allowedNumbers: [], maxLength: 0 } }, 'dial policy'],
    ['a locked setting', { callWaiting: true }, 'call waiting'],
    ['the TURN servers', { iceServers: [] }, 'STUN/TURN servers'],
  ])('refuses a local edit of %s, whatever sent it, and saves nothing', async (_what, patch, words) => {
    const { store, local } = setup();
    const applied = (await store.load())!;
    await expect(store.save({ ...applied, displayName: 'Changed', ...patch })).rejects.toMatchObject({
      code: 'setting-locked',
      message: expect.stringContaining(`Locked: ${words}.`),
    });
    expect((await local.load())?.displayName).toBe(ACCOUNT.displayName);
  });

  it('compares ICE servers as the options form sends them (empty user names left out)', async () => {
    const { store } = setup({ iceServers: [{ urls: 'stun:stun.corp.example', username: '', credential: '' }] });
    const applied = (await store.load())!;
    await store.save({ ...applied, iceServers: [{ urls: 'stun:stun.corp.example' }] });
    expect(lockedChanges({ ...applied, iceServers: [{ urls: 'stun:stun.corp.example' }] }, parseManagedPolicy({ iceServers: [{ urls: 'stun:stun.corp.example', username: '' }] }))).toEqual([]);
  });

  it('tells the options page what is locked, with values even before an account is saved (never a password)', () => {
    const view = managedView(null, parseManagedPolicy(POLICY));
    expect(view.locked).toContain('dialPolicy');
    expect(view.realm).toBe('pbx.corp.example');
    expect(view.account).toMatchObject({ wsUrl: POLICY.sipServer, sipUri: '', callWaiting: false });
    expect(view.account).not.toHaveProperty('password');
    expect(view.allowedOrigins).toEqual(['https://*.example-crm.com']);
    expect(managedView(null, parseManagedPolicy({})).allowedOrigins).toBeNull();
  });
});
