/**
 * The page API end to end: the built extension in real Chromium against real Kamailio and the
 * customer's JsSIP page. A CRM page (test/lab/pages/page-api/) imports the client the extension
 * serves, in two tabs and an iframe; a click dials, every tab and frame hears the call; an
 * inbound call's ringing event carries the caller and X- data; another tab hangs up; another
 * origin (localhost instead of 127.0.0.1) is refused; a dial without a click is refused; forged
 * window messages fool nobody.
 */
import type { Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CustomerPage, type Lab, startLab } from '../lab/lab';
import { labAccount, liveCall, openExtensionPage, screenshotIfFailed, signInFromOptions, until, waitForSnapshot } from './support/dialbar';

const EXTENSION = process.env.DIALBAR_EXTENSION ?? '.output/chrome-mv3';

interface Recorded {
  type: string;
  callId: string | null;
  callState: string | null;
  direction: string | null;
  number: string | null;
  callData: Record<string, string> | null;
  by: string | null;
}
type Target = Page | Frame;

let lab: Lab;
let customer: CustomerPage;
let options: Page;
let tabA: Page;
let tabB: Page;
let frame: Frame;

const events = (t: Target) => t.evaluate(() => (window as unknown as { pageApi: { events: Recorded[] } }).pageApi.events);
const run = (t: Target, name: string, ...args: unknown[]) =>
  t.evaluate(
    ([n, a]) => (window as unknown as { pageApi: { run(n: string, ...a: unknown[]): Promise<{ ok: boolean; code?: string; message?: string; value?: unknown }> } }).pageApi.run(n, ...a),
    [name, args] as const,
  );
/**
 * Evaluates in the page's main world with no user activation: Playwright's evaluate runs as a
 * user gesture (it would activate the page), so this uses CDP's Runtime.evaluate with
 * userGesture false, as a page's own timer would run.
 */
async function quietly<T>(page: Page, expression: string): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const result = await cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true, userGesture: false });
    if (result.exceptionDetails) throw new Error(`evaluation failed: ${JSON.stringify(result.exceptionDetails)}`);
    return result.result.value as T;
  } finally {
    await cdp.detach().catch(() => {});
  }
}
const runWithoutGesture = (page: Page, name: string, ...args: unknown[]) =>
  quietly<{ ok: boolean; code?: string; message?: string }>(page, `window.pageApi.run(${JSON.stringify(name)}, ...${JSON.stringify(args)})`);
const waitEvent = (t: Target, what: string, test: (e: Recorded) => boolean) =>
  until(`${what}`, async () => (await events(t)).find(test), 20_000);

async function openCrm(url: string): Promise<Page> {
  const page = await lab.browser.context.newPage();
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  // Polled without a user gesture, so a fresh page never had user activation.
  await until('the CRM page to connect or fail', () => quietly<boolean>(page, 'Boolean(window.pageApi && (window.pageApi.connected || window.pageApi.error !== null))'), 30_000);
  return page;
}

async function setAccess(origins: unknown[]): Promise<void> {
  await options.evaluate((list) => chrome.storage.local.set({ pageAccess: { origins: list } }), origins);
}

beforeAll(async () => {
  lab = await startLab({ extensionPath: EXTENSION });
  customer = lab.customer as CustomerPage;
  lab.browser.context.setDefaultTimeout(15_000);
  const reply = await signInFromOptions(lab.browser.context, labAccount(lab.kamailio.wsUrl));
  expect(reply).toMatchObject({ ok: true, value: { ok: true } });
  options = await openExtensionPage(lab.browser.context, 'options.html');
  await waitForSnapshot(options, (s) => s.registration.state === 'registered');
  await setAccess([{ pattern: lab.http.url, silentDial: false, shims: false, consent: true }]);
  tabA = await openCrm(lab.http.pageUrl('/page-api/crm.html'));
  tabB = await openCrm(lab.http.pageUrl('/page-api/crm.html?frame=1'));
  const inner = await until('the CRM iframe', async () => tabB.frames().find((f) => f.url().includes('/page-api/frame.html')));
  await until('the iframe to connect', () => inner.evaluate(() => (window as unknown as { pageApi?: { connected: boolean } }).pageApi?.connected));
  frame = inner;
}, 180_000);

afterEach(async (ctx) => {
  await screenshotIfFailed(ctx, tabB, 'page-api');
  await customer.hangup().catch(() => {});
  await waitForSnapshot(options, (s) => !liveCall(s), 20_000).catch(() => {});
});

afterAll(async () => {
  await lab?.stop();
});

describe('page API', () => {
  it('connects in two tabs and an iframe of an allowed origin, with the same state', async () => {
    for (const t of [tabA, tabB, frame]) {
      const state = await t.evaluate(() => (window as unknown as { pageApi: { client: { state: unknown } } }).pageApi.client.state);
      expect(state).toMatchObject({ version: 1, registration: { state: 'registered' }, dial: { allowed: true } });
      // Nothing of the account crosses.
      expect(JSON.stringify(state)).not.toContain('agent-secret');
      expect(JSON.stringify(state)).not.toContain('sip:agent@');
    }
  });

  it('a click dials from tab A (the customer rings); tab B and the iframe hear ringing, answered and ended; tab B hangs up', async () => {
    await customer.setAutoAnswer(false);
    await customer.clearEvents();
    await tabA.bringToFront();
    await tabA.click('#dial');
    await customer.waitForEvent('invite', 20_000);
    const result = await until('the dial result', async () => (await tabA.evaluate(() => (window as unknown as { pageApi: { results: Array<{ ok: boolean; value?: { callId: string } }> } }).pageApi.results))[0]);
    expect(result).toMatchObject({ ok: true, value: { callId: expect.any(String) } });
    const callId = (result.value as { callId: string }).callId;
    for (const t of [tabB, frame]) await waitEvent(t, 'ringing (outgoing) in another tab/frame', (e) => e.type === 'ringing' && e.callId === callId);
    await customer.answer();
    for (const t of [tabA, tabB, frame]) await waitEvent(t, 'answered', (e) => e.type === 'answered' && e.callId === callId);

    // Hang up from the other tab than the one that dialled, without any click there.
    expect(await run(tabB, 'hangup')).toMatchObject({ ok: true });
    await customer.waitForEvent('hangup', 15_000);
    for (const t of [tabA, tabB, frame]) {
      const ended = await waitEvent(t, 'ended', (e) => e.type === 'ended' && e.callId === callId);
      expect(ended.by).toBe('local');
    }
    // The call data the dial sent reached the customer.
    expect((await customer.inviteHeaders()).find((h) => h.name.toLowerCase() === 'x-ticket')?.value).toBe('T-1');
  });

  it('an inbound call rings in every tab with the caller and its X- call data; a command the state forbids gets the popup’s sentence', async () => {
    await customer.clearEvents();
    await customer.call('agent', ['X-Ticket: T-4242', 'X-Customer-Id: C-7']);
    for (const t of [tabA, tabB, frame]) {
      const ringing = await waitEvent(t, 'inbound ringing', (e) => e.type === 'ringing' && e.direction === 'incoming');
      expect(ringing.number).toBe('customer');
      expect(ringing.callData).toMatchObject({ 'X-Ticket': 'T-4242', 'X-Customer-Id': 'C-7' });
    }
    // Hold on a call still ringing in: refused by the call machine, in its own words.
    const hold = await run(frame, 'hold');
    expect(hold).toMatchObject({ ok: false, code: 'invalid-state', message: expect.stringMatching(/HOLD.*not possible/) });
    expect(await run(tabA, 'answer')).toMatchObject({ ok: true });
    await waitEvent(tabB, 'inbound answered', (e) => e.type === 'answered' && e.direction === 'incoming');
    expect(await run(tabB, 'hangup')).toMatchObject({ ok: true });
    await waitEvent(tabA, 'inbound ended', (e) => e.type === 'ended' && e.direction === 'incoming');
  });

  it('a dial without a click on the page is refused, and nothing rings', async () => {
    await customer.clearEvents();
    const fresh = await openCrm(lab.http.pageUrl('/page-api/crm.html'));
    try {
      expect(await quietly<boolean>(fresh, 'navigator.userActivation.hasBeenActive')).toBe(false);
      const dial = await runWithoutGesture(fresh, 'dial', 'customer');
      expect(dial).toMatchObject({ ok: false, code: 'page-activation-needed', message: expect.stringContaining('right after you click') });
      await fresh.waitForTimeout(1_000);
      expect((await customer.events()).some((e) => e.type === 'invite')).toBe(false);
    } finally {
      await fresh.close();
    }
  });

  it('another origin (localhost instead of 127.0.0.1) is refused in words', async () => {
    const other = await openCrm(lab.http.pageUrl('/page-api/crm.html').replace('127.0.0.1', 'localhost'));
    try {
      const error = await other.evaluate(() => (window as unknown as { pageApi: { error: unknown; connected: boolean } }).pageApi);
      expect(error).toMatchObject({ connected: false, error: { code: 'page-not-allowed', message: expect.stringContaining('may not use Dialbar') } });
    } finally {
      await other.close();
    }
  });

  it('forged events and replies posted to the window (same page or another origin’s frame) do not fool the client', async () => {
    // Everything on the page runs without a user gesture: the dial must be refused for want of a click.
    await tabB.waitForTimeout(6_000); // earlier evaluations' transient activation runs out (5 s in Chromium)
    const before = await quietly<{ calls: unknown[] }>(tabB, 'window.pageApi.events.splice(0), window.pageApi.client.state');
    // A command in flight while forged "ok" replies arrive for every id, then forged states.
    const pending = quietly<{ ok: boolean; code?: string }>(
      tabB,
      `(() => {
        const result = window.pageApi.run('dial', 'customer');
        const head = { ns: 'dialbar-page-api', v: 1 };
        const call = { id: 'forged-call', direction: 'incoming', state: 'incoming', muted: false, heldByRemote: false, number: '+19005550000', displayName: 'Forged', callData: {}, createdAt: Date.now(), answeredAt: null, endedAt: null, end: null, allowed: ['ANSWER'] };
        for (let i = 0; i < 50; i++) {
          window.postMessage({ ...head, kind: 'reply', id: String(i), ok: true, value: { callId: 'forged-call' } }, '*');
          window.postMessage({ ...head, kind: 'state', state: { version: 1, registration: { state: 'registered', error: null }, agent: { state: 'ready', reason: null, since: 0, busy: false, wrapUpEndsAt: null, allowed: [], reasons: [] }, calls: [call], dial: { allowed: true, refusal: null } } }, '*');
        }
        const hostile = document.createElement('iframe');
        hostile.src = location.href.replace('127.0.0.1', 'localhost').replace(/crm[.]html.*$/, 'hostile.html');
        document.body.append(hostile);
        return result;
      })()`,
    );
    await until('the hostile frame to post', async () => (await tabB.frames().find((f) => f.url().includes('hostile.html'))?.title()) === 'hostile done');
    expect(await pending).toMatchObject({ ok: false, code: 'page-activation-needed' });
    await tabB.waitForTimeout(500);
    const heard = await events(tabB);
    expect(heard.filter((e) => e.callId === 'forged-call')).toEqual([]);
    const after = await quietly<{ calls: unknown[] }>(tabB, 'window.pageApi.client.state');
    expect(JSON.stringify(after)).not.toContain('forged-call');
    expect(after.calls.length).toBe(before.calls.length);
  });
  it('the demo CRM (point 5): a row’s Call button dials, and an inbound call pops the caller’s row in two tabs', async () => {
    const demoUrl = lab.http.pageUrl('/demo-crm.html');
    const tabs = [await lab.browser.context.newPage(), await lab.browser.context.newPage()];
    try {
      for (const t of tabs) {
        await t.goto(demoUrl, { waitUntil: 'domcontentloaded', timeout: 60_000 });
        await t.waitForFunction(() => (window as unknown as { dialbarDemo?: unknown }).dialbarDemo !== undefined, null, { timeout: 30_000 });
      }
      await customer.setAutoAnswer(true);
      await customer.clearEvents();
      const [first, second] = tabs as [Page, Page];
      await first.bringToFront();
      await first.click('button.call[data-number="customer"]');
      await customer.waitForEvent('invite', 20_000);
      await expect.poll(() => second.textContent('#call-list'), { timeout: 20_000 }).toContain('To customer: talking');
      await customer.hangup();
      await waitForSnapshot(options, (s) => !liveCall(s), 20_000);
      await customer.setAutoAnswer(false);

      await customer.call('agent', ['X-Ticket: T-9']);
      for (const t of tabs) {
        await expect.poll(() => t.evaluate(() => document.querySelector('tr[data-number="customer"]')?.classList.contains('pop')), { timeout: 20_000 }).toBe(true);
        await expect.poll(() => t.textContent('#call-list'), { timeout: 20_000 }).toContain('X-Ticket: T-9');
      }
    } finally {
      for (const t of tabs) await t.close();
    }
  });
});
