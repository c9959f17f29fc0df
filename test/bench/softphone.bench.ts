/**
 * Softphone benchmarks in the real lab (Kamailio, Chromium with the built extension):
 * - dial latency: runtime.sendMessage of a dial request in a content script → INVITE at the
 *   customer, against the floor: a JsSIP UA in an ordinary page calling the same customer;
 * - incoming: INVITE sent by the customer → ringing in Dialbar's snapshot (seen by a page);
 * - memory: JS heap of the offscreen document idle-registered and in a call, beside a JsSIP
 *   page registered the same way.
 * Run: npm run bench -- softphone (needs `npm run build` first; npm run bench builds).
 */
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { contentScriptWorld, labAccount, liveCall, openExtensionPage, send, waitForSnapshot } from '../e2e/support/dialbar';
import { type CustomerPage, startLab } from '../lab/lab';
import { percentile, printTable } from './table';

const CALLS = Number(process.env.DIALBAR_BENCH_CALLS ?? 40);
const WARMUP = 3;

const inviteAfter = async (customer: CustomerPage, t0: number) => {
  for (let i = 0; i < 200; i++) {
    const invite = (await customer.events()).find((e) => e.type === 'invite' && e.at >= t0 - 1);
    if (invite) return invite.at;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('no INVITE reached the customer');
};

async function settle(popup: Page, customer: CustomerPage) {
  await waitForSnapshot(popup, (s) => !liveCall(s), 10_000);
  for (let i = 0; i < 100 && (await customer.state()).status !== 'idle' && (await customer.state()).status !== 'ended'; i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
}

const heap = (expr: () => Promise<number>) => expr().then((b) => b / 1024 / 1024);

export default async function run(): Promise<void> {
  const lab = await startLab({
    extensionPath: process.env.DIALBAR_EXTENSION ?? '.output/chrome-mv3',
    browser: { args: ['--enable-precise-memory-info', '--js-flags=--expose-gc'] },
  });
  try {
    const customer = lab.customer as CustomerPage;
    const floor = await lab.openCustomer('floor');
    const popup = await openExtensionPage(lab.browser.context, 'popup.html');
    const options = await openExtensionPage(lab.browser.context, 'options.html');
    const saved = await send(options, 'background.testConnection', labAccount(lab.kamailio.wsUrl));
    await options.close();
    if (!saved.ok || !(saved.value as { ok: boolean }).ok) throw new Error(`lab account did not register: ${JSON.stringify(saved)}`);
    const crm = await lab.browser.context.newPage();
    await crm.goto(lab.http.pageUrl('/index.html'));
    const world = await contentScriptWorld(crm);
    await customer.setAutoAnswer(false);

    // Dial latency: Dialbar and the floor (the same customer called by JsSIP in an ordinary page,
    // no extension hops) alternate call by call, so both see the same machine load.
    const dialbar: number[] = [];
    const floorMs: number[] = [];
    for (let i = 0; i < CALLS + WARMUP; i++) {
      await customer.clearEvents();
      const t0 = await world.evaluate<number>(`(() => {
        const t0 = performance.timeOrigin + performance.now();
        chrome.runtime.sendMessage({ dialbar: 1, type: 'background.dial', payload: { number: 'customer', shown: 'customer', source: 'page' } });
        return t0;
      })()`);
      const at = await inviteAfter(customer, t0);
      if (i >= WARMUP) dialbar.push(at - t0);
      await customer.waitForStatus('ringing', 5_000);
      await customer.reject(486);
      await settle(popup, customer);

      await customer.clearEvents();
      const f0 = await floor.page.evaluate(() => {
        const t = performance.timeOrigin + performance.now();
        window.customer.call('customer');
        return t;
      });
      const fat = await inviteAfter(customer, f0);
      if (i >= WARMUP) floorMs.push(fat - f0);
      await customer.waitForStatus('ringing', 5_000);
      await customer.reject(486);
      await floor.waitForStatus('ended', 5_000);
    }

    // Incoming: customer's call() → an extension page sees the ringing snapshot.
    await popup.evaluate(() => {
      const w = window as unknown as { ringAt: number[] };
      w.ringAt = [];
      chrome.runtime.onMessage.addListener((m: { broadcast?: string; payload?: { calls?: Array<{ state: string }> } }) => {
        if (m?.broadcast === 'offscreen.snapshot' && m.payload?.calls?.some((c) => c.state === 'incoming')) {
          w.ringAt.push(performance.timeOrigin + performance.now());
        }
      });
    });
    const incoming: number[] = [];
    for (let i = 0; i < CALLS + WARMUP; i++) {
      await popup.evaluate(() => {
        (window as unknown as { ringAt: number[] }).ringAt = [];
      });
      const t0 = await customer.page.evaluate(() => {
        const t = performance.timeOrigin + performance.now();
        window.customer.call('agent');
        return t;
      });
      const ringing = await waitForSnapshot(popup, (s) => liveCall(s)?.state === 'incoming', 5_000);
      const ringAt = await popup.evaluate(() => (window as unknown as { ringAt: number[] }).ringAt[0] ?? 0);
      if (i >= WARMUP && ringAt > 0) incoming.push(ringAt - t0);
      await send(popup, 'background.callControl', { callId: liveCall(ringing)!.id, command: 'DECLINE' });
      await settle(popup, customer);
    }

    // Memory: offscreen document vs a JsSIP page, both registered; then both in a call.
    const offscreen = await lab.browser.offscreenTarget();
    const gcHeap = `(() => { if (typeof gc === 'function') gc(); return performance.memory.usedJSHeapSize; })()`;
    const idleOffscreen = await heap(() => offscreen.evaluateExpression<number>(gcHeap));
    const idleFloor = await heap(() => floor.page.evaluate(gcHeap));
    await customer.setAutoAnswer(true);
    await world.evaluate(`chrome.runtime.sendMessage({ dialbar: 1, type: 'background.dial', payload: { number: 'customer', shown: '', source: 'page' } })`);
    await waitForSnapshot(popup, (s) => liveCall(s)?.state === 'talking');
    await new Promise((r) => setTimeout(r, 1_000));
    const callOffscreen = await heap(() => offscreen.evaluateExpression<number>(gcHeap));
    await customer.hangup();
    await settle(popup, customer);
    await floor.call('customer');
    await floor.waitForStatus('active', 5_000);
    await new Promise((r) => setTimeout(r, 1_000));
    const callFloor = await heap(() => floor.page.evaluate(gcHeap));
    await floor.hangup();
    await world.close();
    await offscreen.detach();

    const p50 = percentile(dialbar, 50);
    const p95 = percentile(dialbar, 95);
    const f50 = percentile(floorMs, 50);
    const f95 = percentile(floorMs, 95);
    printTable({
      title: `Dial latency, ms (${CALLS} calls each, alternating, after ${WARMUP} warm-up; loopback)`,
      columns: ['path', 'p50', 'p95', 'min', 'max', 'target'],
      rows: [
        ['Dialbar: content script sendMessage → INVITE at customer', p50, p95, Math.min(...dialbar), Math.max(...dialbar), 'p50 <= 20, p95 <= 30'],
        ['floor: JsSIP in a page call() → INVITE at customer', f50, f95, Math.min(...floorMs), Math.max(...floorMs), ''],
        ['ratio Dialbar / floor', p50 / f50, p95 / f95, '', '', '<= 1.3'],
      ],
    });
    printTable({
      title: `Incoming call, ms (${incoming.length} calls)`,
      columns: ['path', 'p50', 'p95', 'min', 'max'],
      rows: [['customer call() → ringing snapshot seen by an extension page', percentile(incoming, 50), percentile(incoming, 95), Math.min(...incoming), Math.max(...incoming)]],
    });
    printTable({
      title: 'JS heap after GC, MiB',
      columns: ['context', 'registered, idle', 'in a call'],
      rows: [
        ['Dialbar offscreen document', idleOffscreen, callOffscreen],
        ['baseline: JsSIP customer page', idleFloor, callFloor],
        ['ratio', idleOffscreen / idleFloor, callOffscreen / callFloor],
      ],
      notes: ['The baseline page also holds its test harness (WebAudio level meter, event log).'],
    });
  } finally {
    await lab.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
