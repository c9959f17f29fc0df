/**
 * Diagnostic, not a benchmark module: what the page scan finds on the benchmark's CRM pages, as
 * one hash per page (sorted "shown → number" pairs), to compare two builds' detection results.
 * Run: npm run build && node test/lab/run-lab.mjs npx tsx test/bench/scan-hash.ts
 * Env: DIALBAR_EXTENSION (build dir), ROWS (comma list, default 10000,20000).
 */
import { createHash } from 'node:crypto';
import { launchBrowser } from '../lab/browser';
import { startHttpServer } from '../lab/http-server';
import { generateBusinessRows } from './business-text';
import { crmRowsHtml } from './crm-rows';

const EXTENSION = process.env.DIALBAR_EXTENSION ?? '.output/chrome-mv3';
const SIZES = (process.env.ROWS ?? '10000,20000').split(',').map(Number);
const DEBUG = `globalThis[Symbol.for('dialbar.debug')]`;

const routes: Record<string, string> = {};
for (const rows of SIZES) {
  const body = crmRowsHtml(generateBusinessRows(rows, { defaultCountry: 'DE', seed: 7 }));
  routes[`/crm-${rows}.html`] = `<!doctype html><html><head><meta charset="utf-8"></head><body><table><tbody>${body}</tbody></table></body></html>`;
}
const http = await startHttpServer({ routes });
const browser = await launchBrowser({ extensionPath: EXTENSION });
try {
  const worker = await browser.serviceWorker();
  await worker.evaluate(() => chrome.storage.local.set({ prefs: { detectNumbers: true, defaultCountry: 'DE' } }));
  for (const rows of SIZES) {
    const page = await browser.context.newPage();
    const cdp = await page.context().newCDPSession(page);
    const contexts: Array<{ id: number; name: string }> = [];
    cdp.on('Runtime.executionContextCreated', (e: { context: { id: number; name: string } }) => contexts.push(e.context));
    await cdp.send('Runtime.enable');
    await page.goto(http.pageUrl(`/crm-${rows}.html`), { waitUntil: 'load', timeout: 400_000 });
    const evaluate = async (expression: string) => {
      const world = contexts.find((c) => c.name === 'Dialbar');
      if (!world) return null;
      const { result } = (await cdp.send('Runtime.evaluate', { contextId: world.id, returnByValue: true, expression })) as {
        result: { value: unknown };
      };
      return result.value;
    };
    for (let t = 0; t < 2400; t++) {
      const s = (await evaluate(`${DEBUG}?.stats()`)) as { idleAt: number } | null;
      if (s && s.idleAt > 0) {
        await page.waitForTimeout(500);
        const numbers = (await evaluate(`${DEBUG}.numbers().slice().sort()`)) as string[];
        const shown = (await evaluate(`${DEBUG}.texts()`)) as string[];
        const hash = createHash('sha256').update(JSON.stringify([numbers, shown])).digest('hex').slice(0, 16);
        console.log(`${rows} rows: ${numbers.length} numbers, hash ${hash}`);
        break;
      }
      await page.waitForTimeout(100);
    }
    await page.close();
  }
} finally {
  await browser.close();
  await http.stop();
}
