/**
 * Transfers end to end, driven from the popup as an agent would: a blind transfer (REFER) of the
 * customer to a second softphone typed as a formatted number, its failure (unknown target, target
 * rejects) leaving the call with the agent, a consult then attended transfer (REFER with
 * Replaces), a consult merged into a three-way call, a cancelled consult, a blind transfer of a held
 * call, a REFER that never gets a final NOTIFY (the 45 s timeout), a target that keeps its consult
 * leg (the 5 s grace), and transfers refused where the call machine says no. Real
 * Kamailio, two customer JsSIP pages that accept REFER and INVITE with Replaces, real WebRTC
 * audio (Chromium's fake microphone beeps in every page).
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/contract/snapshot';
import { CAUSES } from '../../src/errors';
import { LAB_USERS } from '../lab/kamailio';
import { type CustomerPage, type Lab, startLab } from '../lab/lab';
import { inContentScript, openExtensionPage, screenshotIfFailed, send, signInWithUsPlan, until, waitForSnapshot } from './support/dialbar';

const EXTENSION = process.env.DIALBAR_EXTENSION ?? '.output/chrome-mv3';
/** The second softphone: a US number, so "+1 (415) 555-0199" reaches it through the US dial plan. */
const B_USER = '4155550199';
const B_TYPED = '+1 (415) 555-0199';
let lab: Lab;
let a: CustomerPage;
let b: CustomerPage;
let popup: Page;

const live = (s: Snapshot) => s.calls.filter((c) => c.state !== 'ended');
const callWith = (s: Snapshot, user: string) => live(s).find((c) => c.remote.number === user);
const card = (user: string): Locator => popup.locator(`[data-testid="call-card"][data-remote="${user}"]`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const energy = async (customer: CustomerPage) => (await customer.stats()).totalAudioEnergy ?? 0;

/** The customer's received audio energy grows by more than 1e-4 over a fresh baseline. */
async function hears(customer: CustomerPage): Promise<void> {
  const from = await energy(customer);
  await until(`${customer.user} to receive audio energy`, async () => (await energy(customer)) - from > 1e-4, 10_000);
  await until(`${customer.user} to hear a level above silence`, async () => (await customer.audioLevel(1_500)) > 0.01, 10_000);
}

/** The agent calls A from the popup; A answers. */
async function talkingWithA(): Promise<string> {
  await popup.bringToFront();
  for (const c of [a, b]) await c.clearEvents();
  await a.setAutoAnswer(true);
  await popup.getByTestId('dial-input').fill('customer');
  await popup.getByTestId('dial-button').click();
  const s = await waitForSnapshot(popup, (x) => callWith(x, 'customer')?.state === 'talking');
  return callWith(s, 'customer')!.id;
}

/** Nothing in the popup is wider than a 360 px window (no sideways scrolling); a screenshot for people. */
async function fitsIn360(name: string): Promise<void> {
  await popup.setViewportSize({ width: 360, height: 720 });
  const overflow = await popup.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await popup.screenshot({ path: `test/.artifacts/transfer-${name}.png` }).catch(() => {});
}

/** Opens A's transfer dialog from its card and types the target. */
async function transferDialog(target: string): Promise<void> {
  await card('customer').getByTestId('transfer-button').click();
  await popup.getByTestId('transfer-target').fill(target);
}

async function hangUpAll(): Promise<void> {
  for (const c of [a, b]) await c.hangup().catch(() => {});
  await waitForSnapshot(popup, (s) => live(s).length === 0);
  for (const c of [a, b]) await c.waitForStatus('ended', 5_000).catch(() => {});
}

beforeAll(async () => {
  lab = await startLab({ extensionPath: EXTENSION, kamailio: { users: { ...LAB_USERS, [B_USER]: `${B_USER}-secret` } } });
  a = lab.customer as CustomerPage;
  b = await lab.openCustomer(B_USER);
  lab.browser.context.setDefaultTimeout(10_000);
  await signInWithUsPlan(lab.browser.context, lab.kamailio.wsUrl);
  popup = await openExtensionPage(lab.browser.context, 'popup.html');
});

afterEach(async (ctx) => {
  await screenshotIfFailed(ctx, popup, 'transfer');
  await hangUpAll().catch(() => {});
  await b.setAutoAnswer(false);
  await a.setReferSilent(false);
  await b.setKeepReplaced(false);
});

afterAll(async () => {
  await lab?.stop();
});

describe('blind transfer from the popup', () => {
  it('a typed, formatted number: B rings (shown on the card), answers, our leg ends as transferred, A and B hear each other', async () => {
    await talkingWithA();
    await b.setAutoAnswer(true, 2_500); // B rings for a moment, so the card shows the NOTIFY progress
    await transferDialog(B_TYPED);
    await popup.getByTestId('blind-transfer-button').click();
    await expect.poll(() => card('customer').getByTestId('call-transfer').textContent(), { timeout: 10_000 }).toBe(`Transferring to ${B_TYPED}… 180 Ringing`);
    expect(await card('customer').getByTestId('call-state').textContent()).toBe('Transferring…');
    const refer = await a.waitForEvent('refer');
    expect(refer.detail).toBe(`sip:${B_USER}@127.0.0.1`);
    expect(lab.kamailio.events('REFER').some((e) => e.fields.from === 'agent')).toBe(true);

    const ended = await waitForSnapshot(popup, (s) => live(s).length === 0, 20_000);
    expect(ended.calls[0]).toMatchObject({ state: 'ended', end: { by: 'local', error: null, transferred: true }, transfer: { outcome: 'done' } });
    await expect.poll(() => popup.getByTestId('call-state').textContent()).toBe(`Ended: transferred to ${B_TYPED}.`);
    await b.waitForStatus('active');
    expect((await b.state()).peer).toBe('customer');
    expect((await a.state()).status).toBe('active');
    expect((await a.events()).find((e) => e.type === 'otherCallEnded')).toMatchObject({ by: 'remote' }); // our BYE
    await hears(a);
    await hears(b);
  });

  it('fails in words and leaves the call with the agent: an unknown target, then a target that rejects', async () => {
    await talkingWithA();
    await transferDialog('nobody');
    await popup.getByTestId('blind-transfer-button').click();
    await waitForSnapshot(popup, (s) => callWith(s, 'customer')?.transfer?.outcome === 'failed');
    await expect.poll(() => card('customer').getByTestId('call-transfer').textContent()).toBe(`Transfer to nobody failed: ${CAUSES['transfer-failed'].message}`);
    expect(callWith(await waitForSnapshot(popup, () => true), 'customer')).toMatchObject({ state: 'talking', transfer: { status: 404 } });
    expect(await popup.getByTestId('transfer-dialog').count()).toBe(0); // the request was taken: the dialog closed
    expect((await a.state()).status).toBe('active');
    await hears(a);

    // B rejects with 486: the NOTIFY says so, the call is still ours.
    await transferDialog(B_TYPED);
    await popup.getByTestId('blind-transfer-button').click();
    await b.waitForStatus('ringing');
    await b.reject(486);
    const failed = await waitForSnapshot(popup, (s) => callWith(s, 'customer')?.transfer?.status === 486);
    expect(callWith(failed, 'customer')).toMatchObject({ state: 'talking', transfer: { outcome: 'failed', error: { code: 'transfer-failed', sipStatus: 486 } } });
    await hears(a);
    // The call goes on as before: hold works.
    await card('customer').getByTestId('hold-button').click();
    await waitForSnapshot(popup, (s) => callWith(s, 'customer')?.state === 'held');
  });
});

describe('blind transfer of a held call, and a transfer that never ends', () => {
  /** The agent holds A from its card; A's page sees the sendonly re-INVITE. */
  async function holdA(): Promise<void> {
    await card('customer').getByTestId('hold-button').click();
    await waitForSnapshot(popup, (s) => callWith(s, 'customer')?.state === 'held');
    expect((await a.waitForEvent('hold')).by).toBe('remote');
  }

  it('from held: the REFER goes out, B answers, our leg ends as transferred, A and B hear each other', async () => {
    await talkingWithA();
    await holdA();
    expect(await card('customer').getByTestId('transfer-button').isEnabled()).toBe(true);
    await b.setAutoAnswer(true, 2_500);
    await transferDialog(B_TYPED);
    await popup.getByTestId('blind-transfer-button').click();
    await waitForSnapshot(popup, (s) => callWith(s, 'customer')?.state === 'transferringHeld');
    expect((await a.waitForEvent('refer')).detail).toBe(`sip:${B_USER}@127.0.0.1`);
    const ended = await waitForSnapshot(popup, (s) => live(s).length === 0, 20_000);
    expect(ended.calls[0]).toMatchObject({ state: 'ended', end: { by: 'local', transferred: true }, transfer: { kind: 'blind', outcome: 'done' } });
    await b.waitForStatus('active');
    expect((await b.state()).peer).toBe('customer');
    await hears(a);
    await hears(b);
  });

  it(
    'a REFER accepted but never answered by a final NOTIFY: after 45 s the call is held as before, with the sentence, and resumes',
    async () => {
      await talkingWithA();
      await holdA();
      await a.setReferSilent(true); // 202 and NOTIFY 100 Trying, then nothing
      await transferDialog(B_TYPED);
      await popup.getByTestId('blind-transfer-button').click();
      await a.waitForEvent('refer');
      const pending = await waitForSnapshot(popup, (s) => callWith(s, 'customer')?.transfer?.status === 100);
      expect(callWith(pending, 'customer')).toMatchObject({ state: 'transferringHeld', transfer: { outcome: 'pending' } });
      await expect.poll(() => card('customer').getByTestId('call-state').textContent()).toBe('Transferring…');
      // Nothing final: the transfer timer (45 s, a product constant) decides.
      const failed = await waitForSnapshot(popup, (s) => callWith(s, 'customer')?.transfer?.outcome === 'failed', 70_000);
      expect(callWith(failed, 'customer')).toMatchObject({ state: 'held', transfer: { outcome: 'failed', error: { code: 'transfer-timeout' } } });
      await expect.poll(() => card('customer').getByTestId('call-transfer').textContent()).toBe(`Transfer to ${B_TYPED} failed: ${CAUSES['transfer-timeout'].message}`);
      expect((await b.events()).some((e) => e.type === 'invite')).toBe(false); // B never rang
      expect((await a.state()).status).toBe('active');
      // The call goes on as it was: resume brings A's audio back.
      await a.clearEvents();
      await card('customer').getByTestId('resume-button').click();
      await waitForSnapshot(popup, (s) => callWith(s, 'customer')?.state === 'talking');
      expect((await a.waitForEvent('unhold')).by).toBe('remote');
      await hears(a);
    },
    120_000,
  );
});

describe('consult, then transfer or cancel', () => {
  /** The agent consults B about A: A held, B answers the consult call. */
  async function consultB(): Promise<void> {
    await talkingWithA();
    await b.setAutoAnswer(true);
    await transferDialog(B_TYPED);
    await fitsIn360('dialog');
    await popup.getByTestId('consult-button').click();
    await waitForSnapshot(popup, (s) => callWith(s, 'customer')?.state === 'held' && callWith(s, B_USER)?.state === 'talking');
    expect((await a.waitForEvent('hold')).by).toBe('remote');
    await expect.poll(() => card(B_USER).getByTestId('call-consult').textContent()).toBe('Consult call about customer');
    await expect.poll(() => card('customer').getByTestId('call-consult').textContent()).toBe(`Waiting while you consult ${B_USER}`);
    await expect.poll(() => card(B_USER).getByTestId('complete-transfer-button').isEnabled()).toBe(true);
    expect(await card(B_USER).getByTestId('swap-button').isEnabled()).toBe(true);
    await fitsIn360('consult');
    await hears(b);
  }

  it('Transfer: a REFER with Replaces; B takes A in place of the agent; Dialbar has no call; A and B hear each other', async () => {
    await consultB();
    await card(B_USER).getByTestId('complete-transfer-button').click();
    const refer = await a.waitForEvent('refer');
    expect(refer.detail).toMatch(new RegExp(`^sip:${B_USER}@127\\.0\\.0\\.1\\?Replaces=`, 'i'));
    await b.waitForEvent('replaces');
    const done = await waitForSnapshot(popup, (s) => live(s).length === 0, 20_000);
    for (const c of done.calls.filter((x) => x.state === 'ended')) expect(c.end).toMatchObject({ transferred: true });
    expect(lab.kamailio.events('INVITE').some((e) => e.fields.from === 'customer' && e.fields.replaces !== '<null>')).toBe(true);
    await a.waitForStatus('active');
    await b.waitForStatus('active');
    expect((await b.state()).peer).toBe('customer');
    await hears(a);
    await hears(b);
  });

  it('Transfer to a B that keeps its consult leg: A is with B, and Dialbar hangs up the consult leg itself after its 5 s grace', async () => {
    await consultB();
    await b.setKeepReplaced(true);
    await b.clearEvents();
    await card(B_USER).getByTestId('complete-transfer-button').click();
    await a.waitForEvent('refer');
    await b.waitForEvent('replacedKept', 15_000);
    // A's leg ended as transferred; the consult leg is still up (B did not end it).
    const between = await waitForSnapshot(popup, (s) => !callWith(s, 'customer') && callWith(s, B_USER) !== undefined, 15_000);
    expect(callWith(between, B_USER)).toMatchObject({ state: 'talking', transfer: { kind: 'attended', outcome: 'done' } });
    expect((await b.events()).some((e) => e.type === 'otherCallEnded')).toBe(false);
    // The grace ends: Dialbar's BYE ends B's old call; B stays with A.
    const done = await waitForSnapshot(popup, (s) => live(s).length === 0, 20_000);
    expect(done.calls.find((c) => c.remote.number === B_USER)).toMatchObject({ state: 'ended', end: { by: 'local', transferred: true } });
    expect((await b.waitForEvent('otherCallEnded')).by).toBe('remote');
    await b.waitForStatus('active');
    expect((await b.state()).peer).toBe('customer');
    await hears(a);
    await hears(b);
  });

  it('Merge instead of transfer: the consult pair becomes a three-way call; with the agent muted, A and B hear each other', async () => {
    await consultB();
    await a.clearEvents();
    expect(await card(B_USER).getByTestId('merge-button').isEnabled()).toBe(true);
    await card(B_USER).getByTestId('merge-button').click();
    await waitForSnapshot(popup, (s) => callWith(s, 'customer')?.state === 'conference' && callWith(s, B_USER)?.state === 'conference');
    expect((await a.waitForEvent('unhold')).by).toBe('remote'); // A resumed into the mix
    await expect.poll(() => popup.getByTestId('conference-party').count()).toBe(2);
    await popup.getByTestId('conference-mute-button').click();
    await waitForSnapshot(popup, (s) => live(s).every((c) => c.regions.mute === 'muted'));
    await hears(a);
    await hears(b);
    // What A hears is B: B silent at its page, A receives silence.
    // (Audio in flight drains for a second or more on a loaded machine: wait for the silence, then hold it 1.5 s.)
    await b.mute(true);
    await until('A to receive silence', async () => (await a.audioLevel(1_000)) < 0.005, 10_000);
    await sleep(1_000);
    expect(await a.audioLevel(1_500)).toBeLessThan(0.005);
    await b.mute(false);
    await hears(a);
  });

  it('Swap between the two, then Cancel consult hangs up B and resumes A (its audio is back)', async () => {
    await consultB();
    await card(B_USER).getByTestId('swap-button').click();
    await waitForSnapshot(popup, (s) => callWith(s, 'customer')?.state === 'talking' && callWith(s, B_USER)?.state === 'held');
    await hears(a);
    await card(B_USER).getByTestId('swap-button').click();
    await waitForSnapshot(popup, (s) => callWith(s, 'customer')?.state === 'held' && callWith(s, B_USER)?.state === 'talking');
    await a.clearEvents();
    await card('customer').getByTestId('cancel-consult-button').click();
    const back = await waitForSnapshot(popup, (s) => live(s).length === 1 && callWith(s, 'customer')?.state === 'talking');
    expect(callWith(back, 'customer')?.allowed).toContain('CONSULT');
    await b.waitForStatus('ended');
    expect((await a.waitForEvent('unhold')).by).toBe('remote');
    expect((await a.state()).remoteDirection).toBe('sendrecv');
    await hears(a);
    expect(await popup.getByTestId('call-consult').count()).toBe(0);
  });
});

describe('transfers refused where the call machine says no', () => {
  it('a ringing call offers no Transfer and refuses one in words; a page may not transfer; no consult pair, no attended transfer', async () => {
    await popup.bringToFront();
    await b.setAutoAnswer(false);
    await popup.getByTestId('dial-input').fill(B_TYPED);
    await popup.getByTestId('dial-button').click();
    const ringing = await waitForSnapshot(popup, (s) => callWith(s, B_USER)?.state === 'ringing');
    const callId = callWith(ringing, B_USER)!.id;
    expect(await popup.getByTestId('transfer-button').count()).toBe(0);
    expect(await send(popup, 'background.callControl', { callId, command: 'TRANSFER', target: 'customer' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-state', message: '“TRANSFER” is not possible while call is ringing.' },
    });
    expect(await send(popup, 'background.callControl', { callId, command: 'TRANSFER', target: '' })).toMatchObject({ ok: false, error: { code: 'invalid-message' } });
    const page = await lab.browser.context.newPage();
    try {
      await page.goto(lab.http.pageUrl('/index.html'));
      const fromPage = await inContentScript<{ ok: boolean; error?: { code: string } }>(
        page,
        `chrome.runtime.sendMessage({ dialbar: 1, type: 'background.callControl', payload: { callId: ${JSON.stringify(callId)}, command: 'TRANSFER', target: 'customer' } })`,
      );
      expect(fromPage).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    } finally {
      await page.close();
    }
    await b.answer();
    await waitForSnapshot(popup, (s) => callWith(s, B_USER)?.state === 'talking');
    expect(await send(popup, 'background.callControl', { callId, command: 'COMPLETE_TRANSFER' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-state', message: '“COMPLETE_TRANSFER” is not possible while call is talking.' },
    });
    expect((await b.events()).some((e) => e.type === 'refer')).toBe(false);
    expect(callWith(await waitForSnapshot(popup, () => true), B_USER)?.state).toBe('talking');
  });
});
