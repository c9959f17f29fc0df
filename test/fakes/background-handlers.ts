import { idleSnapshot } from '../../src/contract/snapshot';
import type { ContentPush } from '../../src/background/content-push';
import type { DialRateLimit } from '../../src/background/dial-rate-limit';
import type { EngineLink } from '../../src/background/engine-link';
import type { EngineRecordStore } from '../../src/background/engine-record';
import type { BackgroundDeps } from '../../src/background/handlers';
import type { Handlers } from '../../src/messaging/server';
import { createMemoryAccountStore } from '../../src/settings/account-store';

/** The service worker's handlers for messaging tests: each fails unless the test gives its own. */
export function backgroundHandlers(overrides: Partial<Handlers<'background'>> = {}): Handlers<'background'> {
  const fail = () => {
    throw new Error('not expected in this test');
  };
  return {
    'background.dial': fail,
    'background.callControl': fail,
    'background.getSnapshot': () => idleSnapshot(),
    'background.subscribe': fail,
    'background.loadScanner': fail,
    'background.detectPreview': fail,
    'background.callStats': fail,
    'background.setAgentState': fail,
    'background.history': fail,
    'background.clearHistory': fail,
    'background.signIn': fail,
    'background.signOut': fail,
    'background.getAccount': () => null,
    'background.saveAccount': fail,
    'background.getManaged': fail,
    'background.testConnection': fail,
    'background.keepEngineRecord': fail,
    'background.pageConnect': fail,
    'background.pageCommand': fail,
    'background.workbenchKey': fail,
    ...overrides,
  };
}

/**
 * The service worker's dependencies for tests of the messages a frame sends about itself
 * (loadScanner, detectPreview): no engine, no account; the test gives what it exercises.
 */
export function frameOnlyDeps(overrides: Partial<BackgroundDeps> = {}): BackgroundDeps {
  return {
    link: {} as EngineLink,
    accounts: createMemoryAccountStore(null),
    push: {} as ContentPush,
    hasEngine: async () => false,
    records: {} as EngineRecordStore,
    rateLimit: {} as DialRateLimit,
    loadPageScript: async () => {},
    ...overrides,
  };
}
