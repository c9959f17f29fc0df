import { idleSnapshot } from '../../src/contract/snapshot';
import type { Handlers } from '../../src/messaging/server';

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
