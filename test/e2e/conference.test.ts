/**
 * A three-way conference mixed in the offscreen document, driven from the popup: customer A
 * calls, the agent answers; customer B calls, the agent answers (A is held); Merge resumes A
 * (a sendrecv re-INVITE at A's page) and mixes. With the agent muted, each customer hears the
 * other; muting customer B silences what A receives (so A's audio was B's voice, not a leak of
 * the agent's microphone). Hanging up B from the conference view leaves A as an ordinary call
 * with the agent's microphone again. What the agent hears is measured inside the offscreen
 * document (support/agent-ear.ts): both customers through the mix, neither twice, and A through
 * its own audio element after B hangs up at its page. Real Kamailio, real WebRTC (Chromium's fake microphone
 * beeps in every page), two customer pages.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/contract/snapshot';
import type { CdpTarget } from '../lab/browser';
import { LAB_USERS } from '../lab/kamailio';
import { type CustomerPage, type Lab, startLab } from '../lab/lab';
import { type AgentEar, agentEar } from './support/agent-ear';
import { labAccount, openExtensionPage, screenshotIfFailed, send, signInFromOptions, until, waitForSnapshot } from './support/dialbar';

const EXTENSION = process.env.DIALBAR_EXTENSION ?? '.output/chrome-mv3';
const B_USER = 'second';
/**
 * Above HEARD, a customer hears the beeps (max RMS over 1.5 s; a beep measures about 0.3); below
 * SILENCE, nothing but noise. A muted party's silence reaches the other through Web Audio and a
 * second Opus encode: measured once at 0.0016, so SILENCE is 0.005, still 60 times below a beep.
 */
const HEARD = 0.01;
const SILENCE = 0.005;
let lab: Lab;
let a: CustomerPage;
let b: CustomerPage;
let popup: Page;
let offscreen: CdpTarget;
let ear: AgentEar;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const live = (s: Snapshot) => s.calls.filter((c) => c.state !== 'ended');
const callWith = (s: Snapshot, user: string) => live(s).find((c) => c.remote.number === user);
const card = (user: string): Locator => popup.locator(`[data-testid="call-card"][data-remote="${user}"]`);
const party = (user: string): Locator => popup.locator(`[data-testid="conference-party"][data-remote="${user}"]`);

async function hears(customer: CustomerPage, what: string): Promise<void> {
  await until(`${customer.user} to hear ${what}`, async () => (await customer.audioLevel(1_500)) > HEARD, 10_000);
}

/** Silence for a whole 1.5 s window that starts 0.5 s after the change (audio still in flight). */
async function hearsNothing(customer: CustomerPage): Promise<void> {
  await sleep(2_000);
  expect(await customer.audioLevel(1_500)).toBeLessThan(SILENCE);
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
  offscreen = await lab.browser.offscreenTarget();
  ear = await agentEar(offscreen);
});

afterEach(async (ctx) => {
  await screenshotIfFailed(ctx, popup, 'conference');
  await hangUpAll().catch(() => {});
});

afterAll(async () => {
  await ear?.detach().catch(() => {});
  await lab?.stop();
});

describe('three-way conference from the popup', () => {
  it('merges A (held) and B; each hears the other with the agent muted; B hung up leaves A talking with audio', async () => {
    await popup.bringToFront();
    for (const c of [a, b]) await c.clearEvents();

    // A calls, the agent answers; B calls, the agent answers (A is held).
    await a.call('agent');
    await waitForSnapshot(popup, (s) => callWith(s, 'customer')?.state === 'incoming');
    await card('customer').getByTestId('answer-button').click();
    await waitForSnapshot(popup, (s) => callWith(s, 'customer')?.state === 'talking');
    await b.call('agent');
    await waitForSnapshot(popup, (s) => callWith(s, B_USER)?.state === 'incoming');
    // One call alone is never offered a merge.
    expect(callWith(await waitForSnapshot(popup, () => true), 'customer')?.allowed).not.toContain('MERGE');
    await card(B_USER).getByTestId('answer-button').click();
    const pair = await waitForSnapshot(popup, (s) => callWith(s, 'customer')?.state === 'held' && callWith(s, B_USER)?.state === 'talking');
    expect(callWith(pair, 'customer')?.allowed).toContain('MERGE');
    expect(callWith(pair, B_USER)?.allowed).toContain('MERGE');

    // Merge: A's page sees the resume re-INVITE; both calls are in the conference view.
    const mergedAt = Date.now();
    await card(B_USER).getByTestId('merge-button').click();
    const merged = await waitForSnapshot(
      popup,
      (s) => callWith(s, 'customer')?.state === 'conference' && callWith(s, B_USER)?.state === 'conference',
    );
    expect(callWith(merged, 'customer')?.allowed).toEqual(['HANGUP', 'MUTE', 'DTMF']);
    const unhold = await a.waitForEvent('unhold', 10_000, mergedAt - 1_000);
    expect(unhold.by).toBe('remote');
    expect((await a.state()).remoteDirection).toBe('sendrecv');
    await expect.poll(() => popup.getByTestId('conference-party').count()).toBe(2);
    expect(await popup.getByTestId('call-card').count()).toBe(0);
    await expect.poll(() => party(B_USER).getByTestId('party-state').textContent()).toBe('In conference');
    // Readable at 360 px: nothing in the conference view is wider than the popup; keyboard: Tab reaches its buttons.
    await popup.setViewportSize({ width: 360, height: 640 });
    const overflow = await popup.getByTestId('conference').evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const hangups = popup.getByTestId('party-hangup-button');
    await hangups.first().focus();
    await popup.keyboard.press('Tab');
    expect(await popup.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(await hangups.nth(1).getAttribute('aria-label'));
    await popup.keyboard.press('Tab');
    expect(await popup.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('conference-mute-button');
    await popup.screenshot({ path: 'test/.artifacts/conference/popup-conference.png' }).catch(() => {});

    // The agent mutes: each customer still hears the other through the mix.
    await popup.getByTestId('conference-mute-button').click();
    const muted = await waitForSnapshot(popup, (s) => live(s).every((c) => c.regions.mute === 'muted'));
    expect(live(muted)).toHaveLength(2);
    await expect.poll(() => popup.getByTestId('conference-muted').isVisible()).toBe(true);
    await sleep(2_000); // the level window then holds only audio sent after the mute
    await hears(a, 'B through the mix');
    await hears(b, 'A through the mix');

    // Proof that A hears B and not the agent: B muted at its page, A receives silence; and back.
    await b.mute(true);
    await hearsNothing(a);
    await b.mute(false);
    await hears(a, 'B again');
    await a.mute(true);
    await hearsNothing(b);
    await a.mute(false);
    await hears(b, 'A again');

    // A refused merge says why, in words (the conference's calls are not a pair to merge).
    const refused = await send(popup, 'background.callControl', { callId: callWith(muted, B_USER)?.id, command: 'MERGE' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-state', message: '“MERGE” is not possible while call is conference.' } });

    // The agent unmutes (both customers muted at their pages: what they hear is the agent alone).
    await popup.getByTestId('conference-unmute-button').click();
    await waitForSnapshot(popup, (s) => live(s).every((c) => c.regions.mute === 'unmuted'));
    await a.mute(true);
    await b.mute(true);
    await sleep(2_000);
    await hears(a, 'the agent through the mix');
    await hears(b, 'the agent through the mix');
    await a.mute(false);
    await b.mute(false);

    // Hang up B from the conference view: A stays, an ordinary talking call with audio.
    await party(B_USER).getByTestId('party-hangup-button').click();
    const after = await waitForSnapshot(popup, (s) => live(s).length === 1 && callWith(s, 'customer')?.state === 'talking');
    expect(callWith(after, 'customer')).toMatchObject({ regions: { mute: 'unmuted' }, allowed: ['HANGUP', 'HOLD', 'MUTE', 'DTMF', 'TRANSFER', 'CONSULT'] });
    await b.waitForStatus('ended', 10_000);
    await expect.poll(() => popup.getByTestId('conference').count()).toBe(0);
    await expect.poll(() => card('customer').getByTestId('call-state').textContent()).toBe('In call');
    expect((await a.state()).status).toBe('active');
    await sleep(2_000);
    await hears(a, 'the agent after B left');
    // Mute works on the plain microphone track again.
    await card('customer').getByTestId('mute-button').click();
    await waitForSnapshot(popup, (s) => callWith(s, 'customer')?.regions.mute === 'muted');
    await hearsNothing(a);
  });
});

/** A calls, the agent answers; B calls, the agent answers (A is held); Merge from B's card. */
async function conferenceOfAAndB(): Promise<Snapshot> {
  await popup.bringToFront();
  for (const c of [a, b]) await c.clearEvents();
  await a.call('agent');
  await waitForSnapshot(popup, (s) => callWith(s, 'customer')?.state === 'incoming');
  await card('customer').getByTestId('answer-button').click();
  await waitForSnapshot(popup, (s) => callWith(s, 'customer')?.state === 'talking');
  await b.call('agent');
  await waitForSnapshot(popup, (s) => callWith(s, B_USER)?.state === 'incoming');
  await card(B_USER).getByTestId('answer-button').click();
  await waitForSnapshot(popup, (s) => callWith(s, 'customer')?.state === 'held' && callWith(s, B_USER)?.state === 'talking');
  await card(B_USER).getByTestId('merge-button').click();
  return waitForSnapshot(popup, (s) => callWith(s, 'customer')?.state === 'conference' && callWith(s, B_USER)?.state === 'conference');
}

/** What the agent hears in a 1.5 s window starting 2 s from now (audio sent before a change has drained). */
async function agentHearsLater(): Promise<{ mix: number; elements: number }> {
  await sleep(2_000);
  return ear.level(1_500);
}

async function agentHears(through: 'mix' | 'elements', what: string): Promise<void> {
  await until(`the agent to hear ${what} through ${through}`, async () => (await ear.level(1_500))[through] > HEARD, 10_000);
}

describe('what the agent hears in the conference (played out by the offscreen document)', () => {
  it('hears each customer through the mix and not twice; after B hangs up, keeps hearing A', async () => {
    await conferenceOfAAndB();
    // Both customers silent at their pages: the agent hears nothing (not its own microphone either).
    await a.mute(true);
    await b.mute(true);
    const quiet = await agentHearsLater();
    expect(quiet.mix).toBeLessThan(SILENCE);
    expect(quiet.elements).toBeLessThan(SILENCE);

    // Only A speaks: the agent hears A through the mix, and A's own <audio> element stays muted (no double playback).
    await a.mute(false);
    await agentHears('mix', 'A alone');
    expect((await ear.level(1_500)).elements).toBeLessThan(SILENCE);
    // Only B speaks: the agent hears B.
    await a.mute(true);
    await b.mute(false);
    await sleep(2_000);
    await agentHears('mix', 'B alone');
    const bAlone = await ear.level(1_500);
    expect(bAlone.elements).toBeLessThan(SILENCE);
    // B silent again: what the agent heard was B.
    await b.mute(true);
    expect((await agentHearsLater()).mix).toBeLessThan(SILENCE);
    // Both speak.
    await a.mute(false);
    await b.mute(false);
    await agentHears('mix', 'both');

    // B hangs up at its own page: A stays, an ordinary call, and the agent keeps hearing A.
    await b.hangup();
    await waitForSnapshot(popup, (s) => live(s).length === 1 && callWith(s, 'customer')?.state === 'talking');
    await agentHears('elements', 'A after B left');
    // The mix is closed (a window after the change: the one before it still holds the mix's last samples).
    await sleep(1_000);
    expect((await ear.level(500)).mix).toBeLessThan(SILENCE);
    // A silent at its page: the agent hears nothing, so what it heard was A.
    await a.mute(true);
    const aMuted = await agentHearsLater();
    expect(aMuted.elements).toBeLessThan(SILENCE);
    expect(aMuted.mix).toBeLessThan(SILENCE);
    await a.mute(false);
    await agentHears('elements', 'A again');
  });
});
