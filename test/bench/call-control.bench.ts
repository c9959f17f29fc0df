/**
 * Call-control benchmarks in the real lab (Kamailio, Chromium with the built extension):
 * - hold: a click on the popup's Hold button → the re-INVITE (sendonly) at the customer, against
 *   the floor: JsSIP's own hold() in an ordinary page → the re-INVITE at its callee;
 * - blind transfer: a click on the transfer dialog's Blind transfer → the REFER at the proxy
 *   (Kamailio's log) and at the customer, against the floor: JsSIP's own refer() in a page.
 * The callees refuse the REFER (NOTIFY 603), so each call stays up for the next round. Dialbar and
 * the floor alternate round by round, so both see the same machine load.
 * Run: npm run bench -- call-control (needs `npm run build` first; npm run bench builds).
 */
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { labAccount, liveCall, openExtensionPage, send, waitForSnapshot } from '../e2e/support/dialbar';
import type { Kamailio } from '../lab/kamailio';
import { LAB_USERS } from '../lab/kamailio';
import { type CustomerPage, startLab } from '../lab/lab';
import { percentile, printTable } from './table';

const ROUNDS = Number(process.env.DIALBAR_BENCH_CALL_CONTROL_ROUNDS ?? 15);
const WARMUP = 2;
/** The floor's callee: a second softphone page, so both calls stay up side by side. */
const CALLEE = 'callee';

/** The first event of `type` (and `by`) at the page at or after `t0`, as the page's clock saw it. */
async function eventAt(page: CustomerPage, type: string, t0: number, by?: string): Promise<number> {
  for (let i = 0; i < 500; i++) {
    const hit = (await page.events()).find((e) => e.type === type && e.at >= t0 - 1 && (by === undefined || e.by === by));
    if (hit) return hit.at;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no ${type} reached ${page.user}`);
}

const referAtProxy = async (kamailio: Kamailio, from: string, t0: number) =>
  (await kamailio.waitForEvent((e) => e.kind === 'REFER' && e.fields.from === from && e.at >= t0 - 1, 10_000)).at;

/** Clicks a popup button from inside the page and returns the page's clock just before the click. */
const clickAt = (popup: Page, testId: string) =>
  popup.evaluate((id) => {
    const button = document.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`);
    if (!button || button.disabled) throw new Error(`${id} is not enabled`);
    const t = performance.timeOrigin + performance.now();
    button.click();
    return t;
  }, testId);

const stateIs = (popup: Page, state: string) => waitForSnapshot(popup, (s) => liveCall(s)?.state === state, 15_000);

export default async function run(): Promise<void> {
  const lab = await startLab({
    extensionPath: process.env.DIALBAR_EXTENSION ?? '.output/chrome-mv3',
    kamailio: { users: { ...LAB_USERS, [CALLEE]: `${CALLEE}-secret` } },
  });
  try {
    const customer = lab.customer as CustomerPage;
    const floor = await lab.openCustomer('floor');
    const callee = await lab.openCustomer(CALLEE, { autoAnswer: true });
    const options = await openExtensionPage(lab.browser.context, 'options.html');
    const saved = await send(options, 'background.testConnection', labAccount(lab.kamailio.wsUrl));
    await options.close();
    if (!saved.ok || !(saved.value as { ok: boolean }).ok) throw new Error(`lab account did not register: ${JSON.stringify(saved)}`);
    const popup = await openExtensionPage(lab.browser.context, 'popup.html');
    for (const page of [customer, callee]) await page.setAcceptRefer(false);

    // Both calls up: Dialbar with the customer, the floor with its callee.
    await customer.setAutoAnswer(true);
    await popup.bringToFront();
    await popup.getByTestId('dial-input').fill('customer');
    await popup.getByTestId('dial-button').click();
    await stateIs(popup, 'talking');
    await floor.call(CALLEE);
    await floor.waitForStatus('active', 10_000);

    const hold = { dialbar: [] as number[], floor: [] as number[] };
    const refer = { dialbarProxy: [] as number[], dialbarCustomer: [] as number[], floorProxy: [] as number[], floorCallee: [] as number[] };
    for (let i = 0; i < ROUNDS + WARMUP; i++) {
      const keep = i >= WARMUP;
      // Dialbar hold: click → re-INVITE at the customer; then resume, untimed.
      const h0 = await clickAt(popup, 'hold-button');
      const hAt = await eventAt(customer, 'hold', h0, 'remote');
      if (keep) hold.dialbar.push(hAt - h0);
      await stateIs(popup, 'held');
      await popup.getByTestId('resume-button').click();
      await stateIs(popup, 'talking');

      // Floor hold: JsSIP's hold() in its page → re-INVITE at its callee.
      const f0 = await floor.page.evaluate(() => {
        const t = performance.timeOrigin + performance.now();
        window.customer.hold(true);
        return t;
      });
      const fAt = await eventAt(callee, 'hold', f0, 'remote');
      if (keep) hold.floor.push(fAt - f0);
      // JsSIP refuses unhold() until its hold re-INVITE is answered: ask again until it is taken.
      for (let tries = 0; ; tries++) {
        try {
          await floor.hold(false);
          break;
        } catch (error) {
          if (tries >= 50) throw error;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      await eventAt(callee, 'unhold', fAt, 'remote');

      // Dialbar blind transfer: the dialog is opened and filled untimed; the click is timed.
      await popup.getByTestId('transfer-button').click();
      await popup.getByTestId('transfer-target').fill('floor');
      const r0 = await clickAt(popup, 'blind-transfer-button');
      const [proxyAt, customerAt] = await Promise.all([referAtProxy(lab.kamailio, 'agent', r0), eventAt(customer, 'refer', r0)]);
      if (keep) {
        refer.dialbarProxy.push(proxyAt - r0);
        refer.dialbarCustomer.push(customerAt - r0);
      }
      // The customer refused: NOTIFY 603, the call is back to talking.
      await waitForSnapshot(popup, (s) => liveCall(s)?.state === 'talking' && liveCall(s)?.transfer?.outcome === 'failed', 15_000);

      // Floor refer: JsSIP's refer() in its page.
      const g0 = await floor.page.evaluate(() => {
        const t = performance.timeOrigin + performance.now();
        window.customer.refer('customer');
        return t;
      });
      const [fProxyAt, calleeAt] = await Promise.all([referAtProxy(lab.kamailio, 'floor', g0), eventAt(callee, 'refer', g0)]);
      if (keep) {
        refer.floorProxy.push(fProxyAt - g0);
        refer.floorCallee.push(calleeAt - g0);
      }
      await eventAt(floor, 'referNotify', calleeAt); // its NOTIFY 603 came back
      for (const page of [customer, callee, floor]) await page.clearEvents();
    }
    await customer.hangup();
    await floor.hangup();

    const row = (name: string, sample: number[]) => [name, percentile(sample, 50), percentile(sample, 95), Math.min(...sample), Math.max(...sample)];
    const ratio = (a: number[], b: number[]) => ['ratio Dialbar / floor', percentile(a, 50) / percentile(b, 50), percentile(a, 95) / percentile(b, 95), '', ''];
    const columns = ['path', 'p50', 'p95', 'min', 'max'];
    printTable({
      title: `Hold, ms (${ROUNDS} rounds each, alternating, after ${WARMUP} warm-up; loopback)`,
      columns,
      rows: [
        row('Dialbar: popup Hold click → re-INVITE at customer', hold.dialbar),
        row('floor: JsSIP hold() in a page → re-INVITE at callee', hold.floor),
        ratio(hold.dialbar, hold.floor),
      ],
    });
    printTable({
      title: `Blind transfer, ms (${ROUNDS} rounds each, alternating, after ${WARMUP} warm-up; loopback)`,
      columns,
      rows: [
        row('Dialbar: popup Blind transfer click → REFER at proxy', refer.dialbarProxy),
        row('floor: JsSIP refer() in a page → REFER at proxy', refer.floorProxy),
        ratio(refer.dialbarProxy, refer.floorProxy),
        row('Dialbar: click → REFER at customer', refer.dialbarCustomer),
        row('floor: refer() → REFER at callee', refer.floorCallee),
        ratio(refer.dialbarCustomer, refer.floorCallee),
      ],
      notes: [
        'Proxy times are Kamailio’s log clock ($TV(Sn)); page times are performance.timeOrigin + now(); one machine clock.',
        'The floor starts inside its page; Dialbar’s path adds popup → service worker → offscreen document.',
      ],
    });
  } finally {
    await lab.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
