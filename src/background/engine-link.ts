import { DialbarError, dialbarError } from '../errors';
import type { Snapshot } from '../contract/snapshot';
import { request } from '../messaging/client';
import type { InputOf, KeptCall, OutputOf, OwnedBy } from '../contract/protocol';
import type { RuntimePort } from '../messaging/runtime-port';
import type { Account } from '../settings/account';
import type { AudioPrefs } from '../settings/audio-prefs';
import type { AccountStore } from '../settings/account-store';
import type { OffscreenPlatform } from '../platform';
import type { EngineRecordStore } from './engine-record';

export interface EngineLinkDeps {
  runtime: RuntimePort;
  platform: OffscreenPlatform;
  accounts: AccountStore;
  sleep(ms: number): Promise<void>;
  /** The profile's stable SIP instance id (see settings/instance-id.ts). */
  instanceId(): Promise<string>;
  /** The engines' records in storage.session: a replacement engine signs in like the last one, and ends its calls. */
  records?: EngineRecordStore;
  /** Told of the calls a lost engine left, after the new engine has taken them over. */
  onLostCalls?(calls: KeptCall[]): void;
  /** The stored audio device choices, handed to every engine before its account. */
  audioPrefs?(): Promise<AudioPrefs>;
}

/** How long a new offscreen document may take to answer its first ping. */
const READY_TIMEOUT_MS = 10_000;
const READY_POLL_MS = 10;
/** How long a request that needs registration waits for it (a dial after a restart). */
export const REGISTRATION_WAIT_MS = 10_000;

/**
 * The service worker's way to the engine. It keeps nothing the offscreen document or storage
 * cannot give back: every call asks or acts, and recovers when the document is gone.
 */
export function createEngineLink(deps: EngineLinkDeps) {
  const { runtime, platform, accounts } = deps;
  let starting: Promise<{ configured: boolean }> | null = null;
  let configuring: Promise<Snapshot | null> | null = null;

  const send = <T extends OwnedBy<'offscreen'>>(type: T, payload: InputOf<T>): Promise<OutputOf<T>> => request(runtime, type, payload);

  /**
   * Pings until the document's listener answers: createDocument() resolves before its script
   * runs. A document that was closing when we looked (a crash, a closed target) is made anew.
   */
  async function waitReady(): Promise<{ configured: boolean }> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      try {
        return await send('offscreen.ping', null);
      } catch (error) {
        if (!(error instanceof DialbarError) || error.code !== 'engine-unavailable' || Date.now() > deadline) throw error;
        await deps.sleep(READY_POLL_MS);
        if (!(await platform.hasDocument())) await platform.createDocument();
      }
    }
  }

  /** Single flight: many requests during start-up start one document and one user agent. */
  function ensureDocument(): Promise<{ configured: boolean }> {
    starting ??= (async () => {
      if (!(await platform.hasDocument())) await platform.createDocument();
      return waitReady();
    })().finally(() => {
      starting = null;
    });
    return starting;
  }

  /**
   * Makes sure an engine runs and holds the stored account. A fresh engine signs in when
   * `signIn` says so (a dial); else like the engine before it in this browser session (one
   * that was lost), or, with none before it, when the account is set to sign in automatically.
   */
  function ensureEngine(signIn: 'auto' | 'always'): Promise<Snapshot | null> {
    // Single flight here too: two concurrent first requests must not configure two user agents.
    configuring ??= (async () => {
      const account = await accounts.load();
      if (!account) return null;
      const { configured } = await ensureDocument();
      if (configured) return send('offscreen.getSnapshot', null);
      const previous = await deps.records?.current();
      return configureWith(account, signIn === 'always' || (previous ? previous.signedIn : account.autoSignIn));
    })().finally(() => {
      configuring = null;
    });
    return configuring;
  }

  async function configureWith(account: Account | null, signIn: boolean): Promise<Snapshot> {
    if (deps.audioPrefs) await send('offscreen.setAudio', await deps.audioPrefs());
    const snapshot = await send('offscreen.configure', { account, signIn, instanceId: await deps.instanceId() });
    // Calls a lost engine left connected: this engine shows them as lost and ends them at the far end.
    const lost = (await deps.records?.takeLost(snapshot.engineId)) ?? [];
    if (lost.length === 0) return snapshot;
    await send('offscreen.recoverCalls', { calls: lost });
    deps.onLostCalls?.(lost);
    return send('offscreen.getSnapshot', null);
  }

  /** Runs `action` against the engine; if the document is gone or fresh, restores it and tries once more. */
  async function withEngine<R>(action: () => Promise<R>, signIn: 'auto' | 'always'): Promise<R> {
    try {
      return await action();
    } catch (error) {
      if (!(error instanceof DialbarError) || !['engine-unavailable', 'not-configured', 'not-registered'].includes(error.code)) throw error;
      const snapshot = await ensureEngine(signIn);
      if (!snapshot) throw dialbarError('not-configured');
      if (error.code === 'not-registered' || signIn === 'always') {
        if (snapshot.registration.state === 'signedOut' || snapshot.registration.state === 'failed') await send('offscreen.signIn', null);
        await send('offscreen.awaitRegistration', { timeoutMs: REGISTRATION_WAIT_MS });
      }
      return action();
    }
  }

  return { send, ensureDocument, ensureEngine, configureWith, withEngine };
}

export type EngineLink = ReturnType<typeof createEngineLink>;
