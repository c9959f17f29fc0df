/**
 * Three-way conference cost in the real lab (Kamailio, Chromium with the built extension, two
 * customer pages): the offscreen document's main-thread time per second of wall time (CDP
 * `Performance.getMetrics` TaskDuration and ScriptDuration on the offscreen target) and its JS
 * heap after GC, in one call (the baseline) and in a conference of two calls mixed with Web
 * Audio, alternating round by round in the same run, with the ratio.
 * Main-thread task time is wall time of tasks (it grows when the machine is loaded), so the
 * table also gives the CPU time (user + system, from /proc) of the extension's renderer
 * processes, which holds every thread of the offscreen document: Web Audio's rendering thread
 * and WebRTC's audio coding too. (The popup, open but idle, lives in the same process.)
 * Run: npm run bench -- conference (npm run bench builds first).
 */
import { readdirSync, readFileSync } from 'node:fs';
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

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_S = 100;

/** CPU ms (user + system) of the browser's extension renderer processes, from /proc. */
function extensionCpuMs(browserPid: number): number {
  const parent = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(entry), Number(fields[1]));
      ticks.set(Number(entry), Number(fields[11]) + Number(fields[12]));
    } catch {
      // The process ended while we read.
    }
  }
  const descends = (pid: number): boolean => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === browserPid) return true;
    return false;
  };
  let total = 0;
  for (const [pid, t] of ticks) {
    if (!descends(pid)) continue;
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (cmdline.includes('--type=renderer') && cmdline.includes('--extension-process')) total += t;
  }
  return (total * 1000) / TICKS_PER_S;
}

interface Sample {
  /** CPU of the extension renderer process(es), ms per s of wall time. */
  cpu: number;
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
async function measure(target: CdpTarget, browserPid: number): Promise<Sample> {
  await sleep(SETTLE_MS);
  const before = await metrics(target);
  const cpu0 = extensionCpuMs(browserPid);
  const t0 = Date.now();
  await sleep(WINDOW_MS);
  const after = await metrics(target);
  const cpu1 = extensionCpuMs(browserPid);
  const seconds = (Date.now() - t0) / 1000;
  const perSecond = (name: string) => (((after[name] ?? 0) - (before[name] ?? 0)) * 1000) / seconds;
  const heap = await target.evaluateExpression<number>(
    `(() => { if (typeof gc === 'function') gc(); return performance.memory.usedJSHeapSize; })()`,
  );
  return { cpu: (cpu1 - cpu0) / seconds, task: perSecond('TaskDuration'), script: perSecond('ScriptDuration'), heap: heap / 1024 / 1024 };
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
    const browserPid = lab.browser.pid;
    if (browserPid === undefined) throw new Error('no Chromium pid');
    await offscreen.send('Performance.enable', { timeDomain: 'timeTicks' });

    const one: Sample[] = [];
    const conference: Sample[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await answer(popup, a, 'customer');
      one.push(await measure(offscreen, browserPid));
      await answer(popup, b, B_USER);
      const both = await waitForSnapshot(popup, (s) => callWith(s, 'customer')?.state === 'held', 10_000);
      await command(popup, callWith(both, B_USER)?.id, 'MERGE');
      await waitForSnapshot(popup, (s) => live(s).length === 2 && live(s).every((c) => c.state === 'conference'), 20_000);
      conference.push(await measure(offscreen, browserPid));
      await hangUpAll(popup, [a, b]);
    }
    await offscreen.detach();

    const p50 = (xs: Sample[], key: keyof Sample) => percentile(xs.map((x) => x[key]), 50);
    const row = (name: string, xs: Sample[]) => [name, p50(xs, 'cpu'), p50(xs, 'task'), p50(xs, 'script'), p50(xs, 'heap')];
    const ratio = (key: keyof Sample) => p50(conference, key) / p50(one, key);
    printTable({
      title: `Offscreen document in a three-way conference vs one call (${ROUNDS} rounds, ${WINDOW_MS / 1000} s windows, p50; loopback)`,
      columns: ['state', 'extension process CPU ms/s', 'main-thread task ms/s', 'script ms/s', 'JS heap after GC, MiB'],
      rows: [
        row('baseline: one call', one),
        row('three-way conference (Web Audio mix)', conference),
        ['ratio conference / one call', ratio('cpu'), ratio('task'), ratio('script'), ratio('heap')],
      ],
      notes: [
        `per round, CPU ms/s one call: ${one.map((x) => x.cpu.toFixed(0)).join(', ')}; conference: ${conference.map((x) => x.cpu.toFixed(0)).join(', ')}`,
        `per round, task ms/s one call: ${one.map((x) => x.task.toFixed(1)).join(', ')}; conference: ${conference.map((x) => x.task.toFixed(1)).join(', ')}`,
        'Main-thread task time is wall time and grows with machine load; process CPU counts every thread (Web Audio, WebRTC).',
      ],
    });
  } finally {
    await lab.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
