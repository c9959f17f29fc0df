import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import type { Snapshot } from '../../../src/contract/snapshot';
import type { Account } from '../../../src/settings/account';
import { DEFAULT_AGENT_SETTINGS } from '../../../src/settings/agent-settings';

/** Pinned by the manifest key in wxt.config.ts. */
export const EXTENSION_ID = 'pblledkpgccemehljjoomehmljkfcbnl';
export const extensionUrl = (path: string) => `chrome-extension://${EXTENSION_ID}/${path.replace(/^\//, '')}`;

export function labAccount(wsUrl: string, overrides: Partial<Account> = {}): Account {
  return {
    wsUrl,
    sipUri: 'sip:agent@127.0.0.1',
    authUser: '',
    password: 'agent-secret',
    displayName: 'Agent',
    iceServers: [],
    autoSignIn: true,
    dialPlan: { outboundPrefix: '', homeCountry: '', internationalPrefix: '+' },
    dtmfTransport: 'rfc4733',
    callWaiting: true,
    waitingDeclineCode: 486,
    autoAnswerSeconds: 0,
    autoAnswerByHeader: false,
    displayNumber: '',
    displayNumberHeader: 'X-Display-Number',
    // Tests that are not about the agent desk take calls in any agent state and have no wrap-up.
    agentDesk: { ...DEFAULT_AGENT_SETTINGS, whenUnavailable: 'ring', afterCall: 'off' },
    historyLimit: 1000,
    historyMaskNumbers: false,
    dialPolicy: { blockedPrefixes: [], blockInternational: false, allowedNumbers: [], maxLength: 0 },
    ...overrides,
  };
}

type Reply = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

/** Sends a contract request from an extension page (popup or options), as that page would. */
export async function send(page: Page, type: string, payload: unknown): Promise<Reply> {
  return page.evaluate(
    ([t, p]) => chrome.runtime.sendMessage({ dialbar: 1, type: t, payload: p }) as Promise<Reply>,
    [type, payload] as const,
  );
}

export async function openExtensionPage(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(extensionUrl(path));
  return page;
}

/**
 * The lab's US dial plan: numbers written the US way (415 555 0132, +1 …) reach the lab's
 * customers, whose accounts are US numbers; 011 dials abroad.
 */
export const US_DIAL_PLAN: Account['dialPlan'] = { outboundPrefix: '', homeCountry: 'US', internationalPrefix: '011' };

/** A lab customer whose account is a US number, for the tests that dial numbers written on pages. */
export const US_USER = '4155550132';

/** Signs the lab agent in from the options page with the US dial plan (and `overrides`); throws, saying why, if it did not register. */
export async function signInWithUsPlan(context: BrowserContext, wsUrl: string, overrides: Partial<Account> = {}): Promise<void> {
  const reply = await signInFromOptions(context, labAccount(wsUrl, { dialPlan: US_DIAL_PLAN, ...overrides }));
  const registered = reply.ok && (reply.value as { ok?: unknown } | null)?.ok === true;
  if (!registered) throw new Error(`the lab agent did not sign in: ${JSON.stringify(reply)}`);
}

/**
 * Saves the lab account from the options page (as "Test connection" does) and returns the reply,
 * so a test can assert it registered.
 */
export async function signInFromOptions(context: BrowserContext, account: Account): Promise<Reply> {
  const options = await openExtensionPage(context, 'options.html');
  try {
    return await send(options, 'background.testConnection', account);
  } finally {
    await options.close();
  }
}

export async function snapshot(page: Page): Promise<Snapshot> {
  const reply = await send(page, 'background.getSnapshot', null);
  if (!reply.ok) throw new Error(`getSnapshot refused: ${reply.error.code} ${reply.error.message}`);
  return reply.value as Snapshot;
}

/** Polls the engine snapshot until `predicate` holds; the last snapshot is in the error otherwise. */
export async function waitForSnapshot(
  page: Page,
  predicate: (s: Snapshot) => boolean,
  timeoutMs = 15_000,
): Promise<Snapshot> {
  const deadline = Date.now() + timeoutMs;
  let last: Snapshot | undefined;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      last = await snapshot(page);
      if (predicate(last)) return last;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`snapshot condition not met in ${timeoutMs} ms; last: ${JSON.stringify(last)} ${lastError ?? ''}`);
}

/** Polls `probe` every 50 ms until it returns something truthy; the last error is in the timeout's message. */
export async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what} ${last ?? ''}`);
}

export const liveCall = (s: Snapshot) => s.calls.find((c) => c.state !== 'ended');

/** A handle on Dialbar's content-script world of one page, kept open for repeated evaluations. */
export interface ContentScriptWorld {
  evaluate<T>(expression: string): Promise<T>;
  close(): Promise<void>;
}

/**
 * Finds Dialbar's content-script world in `page` (where `chrome.runtime` is the extension's)
 * through CDP: page scripts cannot reach it.
 */
export async function contentScriptWorld(page: Page, timeoutMs = 10_000): Promise<ContentScriptWorld> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const contexts: Array<{ id: number; origin: string; auxData?: { isDefault?: boolean } }> = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  const deadline = Date.now() + timeoutMs;
  let target: (typeof contexts)[number] | undefined;
  while (!target && Date.now() < deadline) {
    target = contexts.find((c) => c.origin === `chrome-extension://${EXTENSION_ID}` && c.auxData?.isDefault === false);
    if (!target) await new Promise((r) => setTimeout(r, 50));
  }
  if (!target) {
    await cdp.detach().catch(() => {});
    throw new Error('Dialbar content script world not found in page');
  }
  const contextId = target.id;
  return {
    async evaluate<T>(expression: string): Promise<T> {
      const result = await cdp.send('Runtime.evaluate', { expression, contextId, awaitPromise: true, returnByValue: true });
      if (result.exceptionDetails) throw new Error(`content-script evaluation failed: ${JSON.stringify(result.exceptionDetails)}`);
      return result.result.value as T;
    },
    close: () => cdp.detach().catch(() => {}),
  };
}

/** Evaluates one expression in Dialbar's content-script world of `page`. */
export async function inContentScript<T>(page: Page, expression: string, timeoutMs = 10_000): Promise<T> {
  const world = await contentScriptWorld(page, timeoutMs);
  try {
    return await world.evaluate<T>(expression);
  } finally {
    await world.close();
  }
}

/** Saves a screenshot of `page` to test/.artifacts when the test that just ran failed, for CI logs. */
export async function screenshotIfFailed(
  ctx: { task: { name: string; result?: { state?: string } } },
  page: Page,
  prefix: string,
): Promise<void> {
  if (ctx.task.result?.state !== 'fail') return;
  const name = ctx.task.name.slice(0, 40).replace(/\W+/g, '-');
  await page.screenshot({ path: `test/.artifacts/${prefix}-${name}.png` }).catch(() => {});
}
