/**
 * Ring → notification, in the real lab (Kamailio, Chromium with the built extension): from the
 * customer's INVITE leaving its page (JsSIP's call() in the customer page) to
 *   - the Answer / Decline notification existing (chrome.notifications.create resolved in the
 *     service worker), and
 *   - the ringtone element playing in the offscreen document (its `playing` event),
 * against the floor: the same customer page's INVITE reaching a second JsSIP page (its
 * newRTCSession). The lab wraps notifications.create and listens for `playing` over DevTools; the
 * extension is not changed for it. Each round the caller gives up (CANCEL) once the ring is seen.
 * Dialbar and the floor alternate round by round, so both see the same machine load. All times
 * are page clocks (performance.timeOrigin + now) of one machine.
 * Run: npm run bench -- ring (needs `npm run build` first; npm run bench builds).
 */
import { labAccount, liveCall, openExtensionPage, send, waitForSnapshot } from '../e2e/support/dialbar';
import { LAB_USERS } from '../lab/kamailio';
import { type CustomerPage, startLab } from '../lab/lab';
import { percentile, printTable } from './table';

const ROUNDS = Number(process.env.DIALBAR_BENCH_RING_ROUNDS ?? 15);
const WARMUP = 2;
/** The floor's callee: a second softphone page. */
const CALLEE = 'callee';

type Marks = { notified: number[]; ringing: number[] };

async function until<T>(what: string, read: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export default async function run(): Promise<void> {
  const lab = await startLab({
    extensionPath: process.env.DIALBAR_EXTENSION ?? '.output/chrome-mv3',
    kamailio: { users: { ...LAB_USERS, [CALLEE]: `${CALLEE}-secret` } },
  });
  try {
    const customer = lab.customer as CustomerPage;
    const callee = await lab.openCustomer(CALLEE, { autoAnswer: false });
    const options = await openExtensionPage(lab.browser.context, 'options.html');
    const saved = await send(options, 'background.testConnection', labAccount(lab.kamailio.wsUrl));
    await options.close();
    if (!saved.ok || !(saved.value as { ok: boolean }).ok) throw new Error(`lab account did not register: ${JSON.stringify(saved)}`);
    const popup = await openExtensionPage(lab.browser.context, 'popup.html');
    const offscreen = await lab.browser.offscreenTarget();

    // The marks: when each notification was created and when the ringtone started playing.
    await lab.browser.swEvaluate(() => {
      const g = globalThis as unknown as { labMarks?: Marks };
      if (g.labMarks) return;
      const marks: Marks = { notified: [], ringing: [] };
      g.labMarks = marks;
      const api = chrome.notifications;
      const create = api.create.bind(api) as (...args: unknown[]) => Promise<string>;
      (api as unknown as { create: (...args: unknown[]) => Promise<string> }).create = async (...args: unknown[]) => {
        const id = await create(...args);
        marks.notified.push(performance.timeOrigin + performance.now());
        return id;
      };
    });
    await offscreen.evaluate(() => {
      const g = globalThis as unknown as { labRinging?: number[] };
      if (g.labRinging) return;
      const ringing: number[] = [];
      g.labRinging = ringing;
      document.addEventListener(
        'playing',
        (event) => {
          if ((event.target as HTMLElement).dataset?.role === 'ringtone') ringing.push(performance.timeOrigin + performance.now());
        },
        true,
      );
    });
    const notifiedAfter = (t0: number) =>
      lab.browser.swEvaluate((t) => (globalThis as unknown as { labMarks: Marks }).labMarks.notified.find((at) => at >= t), t0);
    const ringingAfter = (t0: number) => offscreen.evaluate((t) => (globalThis as unknown as { labRinging: number[] }).labRinging.find((at) => at >= t), t0);
    const callFromCustomer = (to: string) =>
      customer.page.evaluate((target) => {
        const t = performance.timeOrigin + performance.now();
        window.customer.call(target);
        return t;
      }, to);

    const dialbar = { notified: [] as number[], ringing: [] as number[] };
    const floor: number[] = [];
    for (let i = 0; i < ROUNDS + WARMUP; i++) {
      const keep = i >= WARMUP;
      const d0 = await callFromCustomer('agent');
      const [notifiedAt, ringingAt] = await Promise.all([
        until('the notification', () => notifiedAfter(d0)),
        until('the ringtone playing', () => ringingAfter(d0)),
      ]);
      if (keep) {
        dialbar.notified.push(notifiedAt - d0);
        dialbar.ringing.push(ringingAt - d0);
      }
      await customer.hangup();
      await waitForSnapshot(popup, (s) => !liveCall(s), 15_000);

      const f0 = await callFromCustomer(CALLEE);
      const inviteAt = await until('the INVITE at the callee', async () => (await callee.events()).find((e) => e.type === 'invite' && e.at >= f0 - 1)?.at);
      if (keep) floor.push(inviteAt - f0);
      await customer.hangup();
      await until('the callee to see the CANCEL', async () => ((await callee.events()).some((e) => e.type === 'failed' && e.at >= inviteAt) ? true : undefined));
      for (const page of [customer, callee]) await page.clearEvents();
    }

    const row = (name: string, sample: number[]) => [name, percentile(sample, 50), percentile(sample, 95), Math.min(...sample), Math.max(...sample)];
    const ratio = (name: string, a: number[], b: number[]) => [name, percentile(a, 50) / percentile(b, 50), percentile(a, 95) / percentile(b, 95), '', ''];
    printTable({
      title: `Ring → notification, ms (${ROUNDS} rounds each, alternating, after ${WARMUP} warm-up; loopback)`,
      columns: ['path', 'p50', 'p95', 'min', 'max'],
      rows: [
        row('Dialbar: customer INVITE sent → notification created', dialbar.notified),
        row('Dialbar: customer INVITE sent → ringtone element playing', dialbar.ringing),
        row('floor: customer INVITE sent → INVITE at a second JsSIP page', floor),
        ratio('ratio notification / floor', dialbar.notified, floor),
        ratio('ratio ringtone / floor', dialbar.ringing, floor),
      ],
      notes: [
        'The notification needs the engine snapshot to reach the service worker (offscreen → worker message) and chrome.notifications.create;',
        'the ringtone needs setSinkId on the ringer device and play(). The floor is the network + JsSIP part alone.',
      ],
    });
  } finally {
    await lab.stop();
  }
}
