/**
 * The detection worker in real Chromium: a big table's batches are detected in the worker the
 * page script starts from a blob of detect-worker.js, and on a page whose CSP forbids blob
 * workers the page script detects them itself: the same numbers either way, no errors.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { harness, hasBuild, inDialbarWorld, open, resetHarness, startHarness, stopHarness } from './detection-support';

const ROWS = 3000;
/** A CRM-like table: one number per row among words, dates and ids (13 per cell, ~40 kB of candidate text). */
function bigTable(csp: string | null): string {
  const rows = Array.from(
    { length: ROWS },
    (_, i) =>
      `<tr><td>Contact ${i}</td><td>+1 415 555 ${String(1000 + (i % 9000)).padStart(4, '0')}</td><td>2024-03-${String((i % 28) + 1).padStart(2, '0')}</td><td>Order ${700_000 + i}</td></tr>`,
  ).join('');
  const policy = csp === null ? '' : `<meta http-equiv="Content-Security-Policy" content="${csp}">`;
  return `<!doctype html><html><head><meta charset="utf-8">${policy}<title>Accounts</title></head><body><table><tbody>${rows}</tbody></table></body></html>`;
}

interface Stats {
  workerBatches: number;
  backlogWaits: number;
  workerMs: number;
  detectMs: number;
  idleAt: number;
}

async function scanned(page: Page): Promise<Stats> {
  await expect.poll(() => inDialbarWorld<number>(page, 'd.count()'), { timeout: 60_000 }).toBe(ROWS);
  await expect.poll(async () => (await inDialbarWorld<Stats>(page, 'd.stats()'))?.idleAt, { timeout: 30_000 }).toBeGreaterThan(0);
  return inDialbarWorld<Stats>(page, 'd.stats()');
}

describe.skipIf(!hasBuild)('the detection worker', () => {
  beforeAll(startHarness);
  afterAll(stopHarness);
  beforeEach(resetHarness);

  test('a big table is detected in the worker: every number, the worker answered batches, no errors', async () => {
    harness.routes.set('/worker-table.html', bigTable(null));
    const page = await open('/worker-table.html');
    const stats = await scanned(page);
    console.log(`worker: ${stats.workerBatches} batches, ${stats.workerMs.toFixed(0)} ms in the worker, ${stats.detectMs.toFixed(0)} ms detected in the page script, ${stats.backlogWaits} waits for it`);
    expect(stats.workerBatches).toBeGreaterThan(0);
    expect(stats.workerMs).toBeGreaterThan(0);
    // The worker takes longer to start (fetch, compile) than the scan takes to fill three batches:
    // the scan waited for it, and still every number is found below.
    expect(stats.backlogWaits).toBeGreaterThan(0);
    // The last rows were handed over (the first stretch is detected in the page script): their numbers are there.
    const numbers = await inDialbarWorld<string[]>(page, 'd.numbers()');
    expect(new Set(numbers).size).toBe(ROWS);
    expect(numbers).toContain(`+1415555${1000 + ROWS - 1}`);
    expect(await inDialbarWorld<unknown[]>(page, 'd.errors()')).toEqual([]);
    expect((page as Page & { dialbarErrors?: string[] }).dialbarErrors).toEqual([]);
  });

  test("where the page's CSP forbids blob workers, the page script detects every number itself", async () => {
    for (const csp of ["worker-src 'none'", "default-src 'self' 'unsafe-inline'"]) {
      harness.routes.set('/worker-csp.html', bigTable(csp));
      const page = await open('/worker-csp.html');
      const stats = await scanned(page);
      expect(stats.workerBatches, csp).toBe(0);
      expect(await inDialbarWorld<unknown[]>(page, 'd.errors()'), csp).toEqual([]);
      await page.close();
    }
  });
});
