import { PAGE_DIAL_LIMIT } from '../../../src/background/dial-rate-limit';
import { describe, expect, it, vi } from 'vitest';
import { createDialRateLimit } from '../../../src/background/dial-rate-limit';
import type { EngineLink } from '../../../src/background/engine-link';
import { createBackgroundHandlers } from '../../../src/background/handlers';
import type { RequestContext } from '../../../src/messaging/server';
import { createMemoryAccountStore } from '../../../src/settings/account-store';
import { defaultDialPolicy } from '../../../src/settings/dial-policy';
import type { KeyValueArea } from '../../../src/settings/instance-id';
import { ACCOUNT } from '../../fakes/engine-fixture';

function session(): KeyValueArea {
  const data = new Map<string, unknown>();
  return {
    get: async (key) => (data.has(key) ? { [key]: data.get(key) } : {}),
    set: async (items) => {
      for (const [k, v] of Object.entries(items)) data.set(k, v);
    },
  };
}

/** The service worker's dial handler with an engine link that records what reaches it. */
function handlers() {
  const sent: unknown[] = [];
  const link = {
    withEngine: (action: () => Promise<unknown>) => action(),
    send: vi.fn(async (type: string, payload: unknown) => {
      sent.push({ type, payload });
      return { callId: 'c1', call: {} };
    }),
  } as unknown as EngineLink;
  const accounts = createMemoryAccountStore({ ...ACCOUNT, dialPolicy: { ...defaultDialPolicy(), blockedPrefixes: ['+1900'] } });
  const rateLimit = createDialRateLimit({ session: session(), now: () => 1_000 });
  const h = createBackgroundHandlers({ link, accounts, push: {} as never, hasEngine: async () => true, records: {} as never, rateLimit, loadPageScript: async () => {} });
  const fromPage: RequestContext = { role: 'content', sender: { origin: 'https://crm.example.com', tab: { id: 7 } as never, frameId: 0 } };
  const fromPopup: RequestContext = { role: 'popup', sender: {} };
  return { h, sent, fromPage, fromPopup };
}

describe('the service worker checks dials from content scripts before the engine sees them', () => {
  it('refuses a blocked number from a page: nothing is sent to the engine', async () => {
    const { h, sent, fromPage } = handlers();
    await expect(h['background.dial']({ number: '+1 900 555 0100', shown: '', source: 'page' }, fromPage)).rejects.toMatchObject({
      code: 'dial-policy-blocked-prefix',
    });
    expect(sent).toEqual([]);
  });

  it('refuses a page dial of an origin past its limit in a minute: nothing more is sent to the engine', async () => {
    const { h, sent, fromPage } = handlers();
    for (let i = 0; i < PAGE_DIAL_LIMIT.dials; i++) await h['background.dial']({ number: '+1 415 555 0132', shown: '', source: 'page' }, fromPage);
    expect(sent).toHaveLength(PAGE_DIAL_LIMIT.dials);
    await expect(h['background.dial']({ number: '+1 415 555 0132', shown: '', source: 'page' }, fromPage)).rejects.toMatchObject({ code: 'dial-rate-limited' });
    expect(sent).toHaveLength(PAGE_DIAL_LIMIT.dials);
  });

  it('leaves the popup to the engine’s own check and out of the page rate limit', async () => {
    const { h, sent, fromPopup } = handlers();
    for (let i = 0; i < PAGE_DIAL_LIMIT.dials + 2; i++) await h['background.dial']({ number: '+1 415 555 0132', shown: '', source: 'popup' }, fromPopup);
    expect(sent).toHaveLength(PAGE_DIAL_LIMIT.dials + 2);
  });
});
