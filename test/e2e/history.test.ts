/**
 * Call history end to end, driven from the popup as a person would: an answered outgoing call and
 * a missed inbound call appear in the History tab with their outcome; Redial from history rings the
 * customer; the history survives a closed offscreen document (it lives in the extension's
 * IndexedDB); Export CSV downloads the rows; content scripts cannot read it.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CustomerPage, type Lab, startLab } from '../lab/lab';
import { inContentScript, labAccount, liveCall, openExtensionPage, screenshotIfFailed, signInFromOptions, snapshot, until, waitForSnapshot } from './support/dialbar';

const EXTENSION = process.env.DIALBAR_EXTENSION ?? '.output/chrome-mv3';
let lab: Lab;
let customer: CustomerPage;
let popup: Page;

async function openHistory(page: Page): Promise<void> {
  await page.bringToFront();
  await page.getByTestId('tab-history').click();
  await page.getByTestId('history-panel').waitFor();
}

/** The History tab's rows as [direction·outcome words, who] pairs, newest first. */
async function historyRows(page: Page): Promise<Array<{ outcome: string | null; who: string; text: string }>> {
  const rows = page.getByTestId('history-entry');
  const out = [];
  for (const row of await rows.all()) {
    out.push({
      outcome: await row.getAttribute('data-outcome'),
      who: (await row.getByTestId('history-who').textContent()) ?? '',
      text: (await row.textContent()) ?? '',
    });
  }
  return out;
}

async function hangUp(): Promise<void> {
  await popup.bringToFront();
  if ((await popup.getByTestId('tab-call').getAttribute('aria-selected')) !== 'true') await popup.getByTestId('tab-call').click();
  if (!(await popup.getByTestId('hangup-button').isDisabled())) await popup.getByTestId('hangup-button').click();
  await waitForSnapshot(popup, (s) => !liveCall(s));
}

beforeAll(async () => {
  lab = await startLab({ extensionPath: EXTENSION });
  customer = lab.customer as CustomerPage;
  lab.browser.context.setDefaultTimeout(15_000);
  const reply = await signInFromOptions(lab.browser.context, labAccount(lab.kamailio.wsUrl));
  expect(reply).toMatchObject({ ok: true, value: { ok: true } });
  popup = await openExtensionPage(lab.browser.context, 'popup.html');
});

afterEach(async (ctx) => {
  await screenshotIfFailed(ctx, popup, 'history');
});

afterAll(async () => {
  await lab?.stop();
});

describe('call history', () => {
  it('lists an answered outgoing call and a missed inbound call in the History tab, newest first, with their outcome', async () => {
    // An outgoing call the customer answers, hung up by the agent.
    await popup.bringToFront();
    await customer.setAutoAnswer(true);
    await popup.getByTestId('dial-input').fill('customer');
    await popup.getByTestId('dial-button').click();
    await waitForSnapshot(popup, (s) => liveCall(s)?.state === 'talking', 20_000);
    await hangUp();
    // An inbound call the agent never answers: the customer gives up.
    await customer.call('agent');
    await waitForSnapshot(popup, (s) => liveCall(s)?.state === 'incoming', 20_000);
    await customer.hangup();
    await waitForSnapshot(popup, (s) => !liveCall(s));

    await openHistory(popup);
    await until('two history rows', async () => (await popup.getByTestId('history-entry').count()) === 2);
    const rows = await historyRows(popup);
    expect(rows.map((r) => r.outcome)).toEqual(['missed', 'answered']);
    expect(rows[0]!.text).toContain('Incoming');
    expect(rows[0]!.text).toContain('Missed');
    expect(rows[1]!.text).toContain('Outgoing');
    expect(rows[1]!.text).toContain('Answered');
    for (const row of rows) expect(`${row.who} ${row.text}`).toContain('customer');
    // Search by number or name: nothing matches a stranger.
    await popup.getByTestId('history-search').fill('nobody-here');
    await until('no rows', async () => (await popup.getByTestId('history-entry').count()) === 0);
    await expect.poll(() => popup.getByTestId('history-empty').textContent()).toBe('No call matches.');
    await popup.getByTestId('history-search').fill('cust');
    await until('two rows again', async () => (await popup.getByTestId('history-entry').count()) === 2);
  });

  it('Redial from history rings the customer through the normal dial path (source history)', async () => {
    await openHistory(popup);
    await customer.setAutoAnswer(false);
    await customer.clearEvents();
    await popup.getByTestId('history-redial').first().click();
    await customer.waitForStatus('ringing', 20_000);
    const ringing = await waitForSnapshot(popup, (s) => liveCall(s)?.origin?.source === 'history');
    expect(liveCall(ringing)?.direction).toBe('outgoing');
    // Redial goes back to the call view, where the call card is. The view switches when the dial's
    // reply arrives, which may come after the call's first snapshot: wait for it.
    await expect.poll(() => popup.getByTestId('tab-call').getAttribute('aria-selected')).toBe('true');
    await hangUp();
    await openHistory(popup);
    await until('the cancelled redial in the history', async () => (await historyRows(popup))[0]?.outcome === 'cancelled');
  });

  it('survives a closed offscreen document: a new popup shows the same history from IndexedDB', async () => {
    await openHistory(popup);
    await until('three rows', async () => (await popup.getByTestId('history-entry').count()) === 3);
    const before = await historyRows(popup);
    const engineBefore = (await snapshot(popup)).engineId;
    expect(await lab.browser.closeOffscreen()).toBe(true);
    expect(await lab.browser.hasOffscreen()).toBe(false);
    await popup.close();
    popup = await openExtensionPage(lab.browser.context, 'popup.html');
    await openHistory(popup);
    await until('the rows from before', async () => (await popup.getByTestId('history-entry').count()) === 3, 30_000);
    expect((await historyRows(popup)).map((r) => r.outcome)).toEqual(before.map((r) => r.outcome));
    expect((await snapshot(popup)).engineId).not.toBe(engineBefore);
  });

  it('exports the rows as a CSV download with a header row', async () => {
    await openHistory(popup);
    await popup.getByTestId('history-search').fill('');
    await until('three rows', async () => (await popup.getByTestId('history-entry').count()) === 3);
    const [download] = await Promise.all([popup.waitForEvent('download'), popup.getByTestId('history-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^dialbar-history-\d{4}-\d{2}-\d{2}\.csv$/);
    const path = await download.path();
    const csv = await readFile(path, 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('Started,Direction,Name,Number,Answered,Ended,Duration (s),Outcome,End cause,Ended by,Agent reason');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/,Outgoing,.*customer.*,Cancelled,/);
    expect(lines[2]).toMatch(/,Incoming,.*customer.*,Missed,/);
    expect(lines[3]).toMatch(/,Outgoing,.*customer.*,Answered,/);
  });

  it('is private: a content script may not read or clear it', async () => {
    const page = await lab.browser.context.newPage();
    await page.goto(lab.http.pageUrl('/index.html'));
    for (const type of ['background.history', 'background.clearHistory']) {
      const payload = type === 'background.history' ? '{}' : 'null';
      const reply = await inContentScript<{ ok: boolean; error?: { code: string } }>(
        page,
        `chrome.runtime.sendMessage({ dialbar: 1, type: '${type}', payload: ${payload} })`,
      );
      expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    }
    await page.close();
    await openHistory(popup);
    expect(await popup.getByTestId('history-entry').count()).toBe(3);
  });
});
