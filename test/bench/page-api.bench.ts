/**
 * Page API benchmark in the real lab: a CRM page's `dialbar.dial()` (the client the extension
 * serves, over the MessagePort bridge and the service worker's checks) → INVITE at the customer,
 * beside the click-to-call path (a content script's background.dial, what a click on a number
 * sends) in the same run, call by call alternating so both see the same load.
 * Run: npm run bench -- page-api (needs `npm run build` first; npm run bench builds).
 */
import { contentScriptWorld, labAccount, liveCall, openExtensionPage, send, waitForSnapshot } from '../e2e/support/dialbar';
import { type CustomerPage, startLab } from '../lab/lab';
import { percentile, printTable } from './table';

// The page API allows 30 dials a minute per origin: stay under it.
const CALLS = Number(process.env.DIALBAR_BENCH_CALLS ?? 20);
const WARMUP = 2;

async function inviteAfter(customer: CustomerPage, t0: number): Promise<number> {
  for (let i = 0; i < 500; i++) {
    const invite = (await customer.events()).find((e) => e.type === 'invite' && e.at >= t0 - 1);
    if (invite) return invite.at;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('no INVITE reached the customer');
}

export default async function run(): Promise<void> {
  const lab = await startLab({ extensionPath: process.env.DIALBAR_EXTENSION ?? '.output/chrome-mv3' });
  try {
    const customer = lab.customer as CustomerPage;
    const options = await openExtensionPage(lab.browser.context, 'options.html');
    const saved = await send(options, 'background.testConnection', labAccount(lab.kamailio.wsUrl));
    if (!saved.ok || !(saved.value as { ok: boolean }).ok) throw new Error(`lab account did not register: ${JSON.stringify(saved)}`);
    await options.evaluate((pattern) => chrome.storage.local.set({ pageAccess: { origins: [{ pattern, consent: true }] } }), lab.http.url);
    const crm = await lab.browser.context.newPage();
    await crm.goto(lab.http.pageUrl('/page-api/crm.html'), { waitUntil: 'domcontentloaded' });
    await crm.waitForFunction(() => (window as unknown as { pageApi?: { connected: boolean } }).pageApi?.connected, null, { timeout: 30_000 });
    const world = await contentScriptWorld(crm);
    await customer.setAutoAnswer(false);

    const settle = async () => {
      await customer.waitForStatus('ringing', 10_000);
      await customer.reject(486);
      await waitForSnapshot(options, (s) => !liveCall(s), 10_000);
      await new Promise((r) => setTimeout(r, 200));
    };
    const pageApi: number[] = [];
    const click: number[] = [];
    for (let i = 0; i < CALLS + WARMUP; i++) {
      await customer.clearEvents();
      // Playwright's evaluate runs as a user gesture: the frame has transient activation, as after a click.
      const t0 = await crm.evaluate(() => {
        const t = performance.timeOrigin + performance.now();
        void (window as unknown as { pageApi: { client: { dial(n: string): Promise<unknown> } } }).pageApi.client.dial('customer');
        return t;
      });
      const at = await inviteAfter(customer, t0);
      if (i >= WARMUP) pageApi.push(at - t0);
      await settle();

      await customer.clearEvents();
      const c0 = await world.evaluate<number>(`(() => {
        const t0 = performance.timeOrigin + performance.now();
        chrome.runtime.sendMessage({ dialbar: 1, type: 'background.dial', payload: { number: 'customer', shown: 'customer', source: 'page' } });
        return t0;
      })()`);
      const cat = await inviteAfter(customer, c0);
      if (i >= WARMUP) click.push(cat - c0);
      await settle();
    }
    await world.close();

    const p = (s: number[], q: number) => percentile(s, q);
    printTable({
      title: `Page API dial() → INVITE at the customer (ms, ${CALLS} calls each, alternating, same run)`,
      columns: ['path', 'p50', 'p95', 'min', 'max', 'ratio p50 to click-to-call', 'ratio p95'],
      rows: [
        ['page API: dialbar.dial() in the CRM page', p(pageApi, 50), p(pageApi, 95), Math.min(...pageApi), Math.max(...pageApi), p(pageApi, 50) / p(click, 50), p(pageApi, 95) / p(click, 95)],
        ['click-to-call: content script background.dial', p(click, 50), p(click, 95), Math.min(...click), Math.max(...click), 1, 1],
      ],
      notes: ['The page API adds a MessagePort hop, the envelope check and the worker’s origin, consent and rate checks (storage.local read) before the same offscreen dial.'],
    });
  } finally {
    await lab.stop();
  }
}
