/**
 * Call waiting end to end, driven from the popup: the agent talks with customer A, customer B
 * calls, B rings as a second card; Answer holds A (sendonly re-INVITE at A's page) and B talks,
 * Swap goes back to A, hanging up A leaves B held until the agent resumes it. With call waiting
 * off in the options page, B hears 486 Busy Here. Real Kamailio, real WebRTC audio (Chromium's
 * fake microphone beeps), two customer pages.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/contract/snapshot';
import { LAB_USERS } from '../lab/kamailio';
import { type CustomerPage, type Lab, startLab } from '../lab/lab';
import { inContentScript, labAccount, openExtensionPage, screenshotIfFailed, signInFromOptions, snapshot, until, waitForSnapshot } from './support/dialbar';

const EXTENSION = process.env.DIALBAR_EXTENSION ?? '.output/chrome-mv3';
const B_USER = 'second';
let lab: Lab;
let a: CustomerPage;
let b: CustomerPage;
let popup: Page;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const energy = async (customer: CustomerPage) => (await customer.stats()).totalAudioEnergy ?? 0;
const live = (s: Snapshot) => s.calls.filter((c) => c.state !== 'ended');
const callWith = (s: Snapshot, user: string) => live(s).find((c) => c.remote.number === user);
const card = (user: string): Locator => popup.locator(`[data-testid="call-card"][data-remote="${user}"]`);

/** The customer's received audio energy grows by more than 1e-4 over a fresh baseline. */
async function hears(customer: CustomerPage): Promise<void> {
  const from = await energy(customer);
  await until(`${customer.user} to receive audio energy`, async () => (await energy(customer)) - from > 1e-4, 8_000);
}

/** The customer's received audio energy stays flat over 2 s (after 500 ms for audio in flight). */
async function hearsNothing(customer: CustomerPage): Promise<void> {
  await sleep(500);
  const before = await energy(customer);
  await sleep(2_000);
  expect((await energy(customer)) - before).toBeLessThan(1e-5);
}

/** The agent calls A from the popup (A answers), then B calls the agent. */
async function talkingWithAThenBCalls(): Promise<void> {
  await popup.bringToFront();
  for (const c of [a, b]) await c.clearEvents();
  await a.setAutoAnswer(true);
  await popup.getByTestId('dial-input').fill('customer');
  await popup.getByTestId('dial-button').click();
  await waitForSnapshot(popup, (s) => callWith(s, 'customer')?.state === 'talking');
  await b.call('agent');
}

async function hangUpAll(): Promise<void> {
  for (const c of [a, b]) await c.hangup().catch(() => {});
  await waitForSnapshot(popup, (s) => live(s).length === 0);
}

beforeAll(async () => {
  lab = await startLab({ extensionPath: EXTENSION, kamailio: { users: { ...LAB_USERS, [B_USER]: 'second-secret' } } });
  a = lab.customer as CustomerPage;
  b = await lab.openCustomer(B_USER);
  lab.browser.context.setDefaultTimeout(10_000);
  const reply = await signInFromOptions(lab.browser.context, labAccount(lab.kamailio.wsUrl));
  expect(reply).toMatchObject({ ok: true, value: { ok: true } });
  popup = await openExtensionPage(lab.browser.context, 'popup.html');
});

afterEach(async (ctx) => {
  await screenshotIfFailed(ctx, popup, 'call-waiting');
  await hangUpAll().catch(() => {});
});

afterAll(async () => {
  await lab?.stop();
});

describe('call waiting from the popup', () => {
  it('B rings as a second card; Answer holds A and B talks; Swap; hanging up A leaves B held; Resume B', async () => {
    await talkingWithAThenBCalls();
    const ringing = await waitForSnapshot(popup, (s) => callWith(s, B_USER)?.state === 'incoming');
    expect(live(ringing).map((c) => [c.remote.number, c.state])).toEqual([
      [B_USER, 'incoming'],
      ['customer', 'talking'],
    ]);
    await expect.poll(() => popup.getByTestId('call-card').count()).toBe(2);
    await expect.poll(() => card(B_USER).getByTestId('call-state').textContent()).toBe('Incoming call');
    await expect.poll(() => card('customer').getByTestId('call-state').textContent()).toBe('In call');
    expect(await card('customer').getByTestId('answer-button').count()).toBe(0);

    // Answer B: A's page sees the hold re-INVITE (sendonly), B talks, audio flows with B only.
    const answeredAt = Date.now();
    await card(B_USER).getByTestId('answer-button').click();
    const both = await waitForSnapshot(
      popup,
      (s) => callWith(s, 'customer')?.state === 'held' && callWith(s, B_USER)?.state === 'talking',
    );
    expect(callWith(both, 'customer')?.allowed).toContain('SWAP');
    expect(callWith(both, B_USER)?.allowed).toContain('SWAP');
    const hold = await a.waitForEvent('hold', 10_000, answeredAt - 1_000);
    expect(hold.by).toBe('remote');
    expect((await a.state()).remoteDirection).toBe('sendonly');
    expect((await b.state()).status).toBe('active');
    await hears(b);
    await hearsNothing(a);
    await expect.poll(() => card('customer').getByTestId('call-state').textContent()).toBe('On hold');
    await expect.poll(() => card(B_USER).getByTestId('call-state').textContent()).toBe('In call');

    // Swap: B is held, A talks again.
    await card(B_USER).getByTestId('swap-button').click();
    await waitForSnapshot(popup, (s) => callWith(s, 'customer')?.state === 'talking' && callWith(s, B_USER)?.state === 'held');
    await b.waitForEvent('hold');
    expect((await b.state()).remoteDirection).toBe('sendonly');
    expect((await a.state()).remoteDirection).toBe('sendrecv');
    await hears(a);
    await hearsNothing(b);

    // Hang up A (the talking call): B stays held until the agent resumes it.
    await card('customer').getByTestId('card-hangup-button').click();
    await waitForSnapshot(popup, (s) => live(s).length === 1);
    await sleep(1_500);
    const after = await waitForSnapshot(popup, (s) => live(s).length === 1);
    expect(callWith(after, B_USER)).toMatchObject({ state: 'held', allowed: ['HANGUP', 'RESUME', 'MUTE', 'TRANSFER', 'CONSULT'] });
    expect((await b.state()).remoteDirection).toBe('sendonly');
    expect((await a.state()).status).toBe('ended');
    await hearsNothing(b);

    await card(B_USER).getByTestId('resume-button').click();
    await waitForSnapshot(popup, (s) => callWith(s, B_USER)?.state === 'talking');
    await b.waitForEvent('unhold');
    expect((await b.state()).remoteDirection).toBe('sendrecv');
    await hears(b);
  });

  it('with two calls up: still one registration across many tabs, and a hostile page reads nothing and breaks neither call', async () => {
    await talkingWithAThenBCalls();
    await waitForSnapshot(popup, (s) => callWith(s, B_USER)?.state === 'incoming');
    await card(B_USER).getByTestId('answer-button').click();
    await waitForSnapshot(popup, (s) => callWith(s, 'customer')?.state === 'held' && callWith(s, B_USER)?.state === 'talking');
    const registersBefore = lab.kamailio.successfulRegisters('agent').length;

    // Six more tabs and two more popups: one engine, one binding, no new REGISTER.
    const pages: Page[] = [];
    for (let i = 0; i < 6; i++) pages.push(await lab.browser.context.newPage());
    await Promise.all(pages.map((p, i) => p.goto(lab.http.pageUrl(`/index.html?two-calls=${i}`))));
    const popups = await Promise.all([0, 1].map(() => openExtensionPage(lab.browser.context, 'popup.html')));
    const engines = await Promise.all(popups.map((p) => snapshot(p)));
    expect(new Set(engines.map((e) => e.engineId)).size).toBe(1);
    expect(await lab.kamailio.contacts('agent')).toHaveLength(1);
    expect(lab.kamailio.registrations('agent')).toHaveLength(1);

    // A page's content script: no password, no account, no engine around the worker, no call
    // control, no malformed request, and no second outgoing call on a busy line.
    const page = pages[0] as Page;
    const stored = await inContentScript<string>(page, 'chrome.storage.local.get(null).then((all) => JSON.stringify(all))');
    expect(stored).not.toContain('agent-secret');
    const ask = (type: string, payload: unknown) =>
      inContentScript<{ ok: boolean; error?: { code: string } }>(page, `chrome.runtime.sendMessage(${JSON.stringify({ dialbar: 1, type, payload })})`);
    expect(await ask('background.getAccount', null)).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(await ask('offscreen.dial', { target: 'customer', shown: '' })).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    const second = callWith(await snapshot(popup), B_USER);
    expect(await ask('background.callControl', { callId: second?.id, command: 'HANGUP' })).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(await ask('background.dial', { number: { toString: 1 }, source: 'page' })).toMatchObject({ ok: false, error: { code: 'invalid-message' } });
    expect(await ask('background.dial', { number: '4155550132', source: 'page' })).toMatchObject({ ok: false, error: { code: 'call-in-progress' } });

    // Both calls are as they were, and still nothing registered again.
    const after = await snapshot(popup);
    expect(live(after).map((c) => [c.remote.number, c.state]).sort()).toEqual([
      ['customer', 'held'],
      [B_USER, 'talking'],
    ]);
    await hears(b);
    expect(lab.kamailio.successfulRegisters('agent').length).toBe(registersBefore);
    for (const p of [...pages, ...popups]) await p.close();
  });

  describe('with call waiting off in the options page', () => {
    it('B hears 486 Busy Here while the agent talks with A, and no second card appears', async () => {
      const options = await openExtensionPage(lab.browser.context, 'options.html');
      await expect.poll(() => options.getByTestId('call-waiting').isChecked()).toBe(true); // the default
      await options.getByTestId('call-waiting').uncheck();
      const registersBefore = lab.kamailio.successfulRegisters('agent').length;
      await options.getByTestId('save-button').click();
      await expect.poll(() => options.getByTestId('save-result').getAttribute('data-state')).toBe('saved');
      await options.close();
      // Saving signs in again: wait for the new REGISTER, not a snapshot from before the save.
      await until('a new registration after the save', async () => lab.kamailio.successfulRegisters('agent').length > registersBefore, 15_000);
      await waitForSnapshot(popup, (s) => s.registration.state === 'registered');

      await talkingWithAThenBCalls();
      const failed = await b.waitForEvent('failed');
      expect(failed.code).toBe(486);
      const s = await waitForSnapshot(popup, (x) => live(x).length === 1);
      expect(callWith(s, 'customer')?.state).toBe('talking');
      expect(await popup.getByTestId('call-card').count()).toBe(1);
    });
  });
});
