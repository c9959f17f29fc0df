/**
 * Three-way conference cost in the real lab (Kamailio, Chromium with the built extension, two
 * customer pages): the offscreen document's main-thread time per second of wall time (CDP
 * `Performance.getMetrics` TaskDuration and ScriptDuration on the offscreen target) and its JS
 * heap after GC, in one call (the baseline) and in a conference of two calls mixed with Web
 * Audio, alternating round by round in the same run, with the ratio.
 * Not counted: Web Audio's rendering thread and WebRTC's audio threads (off the main thread).
 * Run: npm run bench -- conference (npm run bench builds first).
 */
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type { Snapshot } from '../../src/contract/snapshot';
import { labAccount, openExtensionPage, send, signInFromOptions, waitForSnapshot } from '../e2e/support/dialbar';
import { LAB_USERS } from '../lab/kamailio';
import type { CdpTarget } from '../lab/browser';
import { type CustomerPage, startLab } from '../lab/lab';
import { percentile, printTable } from './table';

const ROUNDS = Number(process.env.DIALBAR_BENCH_ROUNDS ?? 3);
const WINDOW_MS = Number(process.env.DIALBAR_BENCH_WINDOW_MS ?? 10_000);
const SETTLE_MS = 2_000;
const B_USER = 'second';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const live = (s: Snapshot) => s.calls.filter((c) => c.state !== 'ended');
const callWith = (s: Snapshot, user: string) => live(s).find((c) => c.remote.number === user);

interface Sample {
  /** Main-thread task time, ms per s of wall time. */
  task: number;
  /** Script time, ms per s. */
  script: number;
  /** JS heap after GC, MiB. */
  heap: number;
}

async function metrics(target: CdpTarget): Promise<Record<string, number>> {
  const { metrics } = await target.send<{ metrics: Array<{ name: string; value: number }> }>('Performance.getMetrics');
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

/** Main-thread time over a window of wall time, then the heap after GC. */
async function measure(target: CdpTarget): Promise<Sample> {
  await sleep(SETTLE_MS);
  const before = await metrics(target);
  const t0 = Date.now();
  await sleep(WINDOW_MS);
  const after = await metrics(target);
  const seconds = (Date.now() - t0) / 1000;
  const perSecond = (name: string) => (((after[name] ?? 0) - (before[name] ?? 0)) * 1000) / seconds;
  const heap = await target.evaluateExpression<number>(
    `(() => { if (typeof gc === 'function') gc(); return performance.memory.usedJSHeapSize; })()`,
  );
  return { task: perSecond('TaskDuration'), script: perSecond('ScriptDuration'), heap: heap / 1024 / 1024 };
}

async function command(popup: Page, callId: string | undefined, name: string): Promise<void> {
  const reply = await send(popup, 'background.callControl', { callId, command: name });
  if (!reply.ok) throw new Error(`${name} refused: ${JSON.stringify(reply)}`);
}

/** A calls and is answered; with `b`, B calls and is answered too (A held). */
async function answer(popup: Page, customer: CustomerPage, user: string): Promise<void> {
  await customer.call('agent');
  const ringing = await waitForSnapshot(popup, (s) => callWith(s, user)?.state === 'incoming', 10_000);
  await command(popup, callWith(ringing, user)?.id, 'ANSWER');
  await waitForSnapshot(popup, (s) => callWith(s, user)?.state === 'talking', 10_000);
}

async function hangUpAll(popup: Page, customers: CustomerPage[]): Promise<void> {
  for (const c of customers) await c.hangup().catch(() => {});
  await waitForSnapshot(popup, (s) => live(s).length === 0, 10_000);
  for (const c of customers) await c.waitForStatus('ended', 10_000).catch(() => {});
}

export default async function run(): Promise<void> {
  const lab = await startLab({
    extensionPath: process.env.DIALBAR_EXTENSION ?? '.output/chrome-mv3',
    kamailio: { users: { ...LAB_USERS, [B_USER]: 'second-secret' } },
    browser: { args: ['--enable-precise-memory-info', '--js-flags=--expose-gc'] },
  });
  try {
    const a = lab.customer as CustomerPage;
    const b = await lab.openCustomer(B_USER);
    const reply = await signInFromOptions(lab.browser.context, labAccount(lab.kamailio.wsUrl));
    if (!reply.ok) throw new Error(`lab account did not register: ${JSON.stringify(reply)}`);
    const popup = await openExtensionPage(lab.browser.context, 'popup.html');
    await waitForSnapshot(popup, (s) => s.registration.state === 'registered', 10_000);
    const offscreen = await lab.browser.offscreenTarget();
    await offscreen.send('Performance.enable', { timeDomain: 'timeTicks' });

    const one: Sample[] = [];
    const conference: Sample[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await answer(popup, a, 'customer');
      one.push(await measure(offscreen));
      await answer(popup, b, B_USER);
      const both = await waitForSnapshot(popup, (s) => callWith(s, 'customer')?.state === 'held', 10_000);
      await command(popup, callWith(both, B_USER)?.id, 'MERGE');
      await waitForSnapshot(popup, (s) => live(s).length === 2 && live(s).every((c) => c.state === 'conference'), 10_000);
      conference.push(await measure(offscreen));
      await hangUpAll(popup, [a, b]);
    }
    await offscreen.detach();

    const p50 = (xs: Sample[], key: keyof Sample) => percentile(xs.map((x) => x[key]), 50);
    const row = (name: string, xs: Sample[]) => [name, p50(xs, 'task'), p50(xs, 'script'), p50(xs, 'heap')];
    printTable({
      title: `Offscreen document in a three-way conference vs one call (${ROUNDS} rounds, ${WINDOW_MS / 1000} s windows, p50; loopback)`,
      columns: ['state', 'main-thread task ms/s', 'script ms/s', 'JS heap after GC, MiB'],
      rows: [
        row('baseline: one call', one),
        row('three-way conference (Web Audio mix)', conference),
        ['ratio conference / one call', p50(conference, 'task') / p50(one, 'task'), p50(conference, 'script') / p50(one, 'script'), p50(conference, 'heap') / p50(one, 'heap')],
      ],
      notes: [
        `per round, task ms/s one call: ${one.map((x) => x.task.toFixed(2)).join(', ')}; conference: ${conference.map((x) => x.task.toFixed(2)).join(', ')}`,
        'Web Audio rendering and WebRTC audio run off the main thread and are not in these numbers.',
      ],
    });
  } finally {
    await lab.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
