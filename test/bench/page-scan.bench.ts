/**
 * Page scanning in real Chromium: a 10,000-row CRM table (labelled rows from business-text.ts)
 * served locally and opened with the built extension.
 * - time from load to every number detected (and those near the viewport painted);
 * - Dialbar's longest slice of main-thread work (its own clock) and the page's long tasks;
 * - DOMContentLoaded → the first highlighted number in the viewport (a probe in the page);
 * - the floors, in the same run: a TreeWalker over the same page plus one regex pass, run in
 *   the page as an ordinary script and in an isolated world (as a content script runs: the target);
 * - the content-script bundle (minified, gzip) and the JS heap with and without the extension.
 * The 20,000- and 50,000-row pages: page-scan-scale.bench.ts.
 * Run: npm run bench -- page-scan (after a build; DIALBAR_EXTENSION picks another build dir).
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../lab/browser';
import { startHttpServer } from '../lab/http-server';
import { evaluateIsolated } from '../lab/isolated-world';
import { generateBusinessRows } from './business-text';
import { crmPage, dialbarWorld, FLOOR, firstPaintMs } from './crm-page';
import { crmRowsHtml } from './crm-rows';
import { percentile, printTable } from './table';

const EXTENSION = process.env.DIALBAR_EXTENSION ?? '.output/chrome-mv3';
const ROWS = Number(process.env.DIALBAR_BENCH_ROWS ?? 10_000);
// Five: the floors move by 20–40 % from page to page, and the median of three followed them.
const RUNS = Number(process.env.DIALBAR_BENCH_RUNS ?? 5);
const COUNTRY = 'DE';
/** Rows added to the scanned table at its end (infinite scroll), then at its top (newest first). */
const GROW_ROWS = 1000;

/**
 * The same floor in an isolated world of its own, as any content script runs: DOM calls from an
 * isolated world cost more (each node gets a wrapper of that world).
 */
async function isolatedFloor(page: Page): Promise<number> {
  return (await evaluateIsolated<{ ms: number }>(page, 'floor', FLOOR)).ms;
}

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize / 1024 / 1024;
}

interface Stats {
  slices: number;
  maxStepMs: number;
  maxRepaintMs: number;
  slicesOver16Ms: number;
  maxSliceMs: number;
  maxSliceKind?: string;
  busyMs: number;
  detectMs?: number;
  workerMs?: number;
  workerBatches?: number;
  backlogWaits?: number;
  answerMs?: number;
  startedAt: number;
  idleAt: number;
}

export default async function run(): Promise<void> {
  const rows = generateBusinessRows(ROWS, { defaultCountry: COUNTRY, seed: 7 });
  const labelled = rows.reduce((n, r) => n + 1 + (r.phone2 ? 1 : 0), 0);
  const http = await startHttpServer({ routes: { '/crm-10k.html': crmPage(rows) } });
  const url = http.pageUrl('/crm-10k.html');

  const extra = generateBusinessRows(GROW_ROWS, { defaultCountry: COUNTRY, seed: 11 });
  const extraHtml = crmRowsHtml(extra);
  const firstPaint: number[] = [];
  const firstPagePaint: number[] = [];
  const appendMs: number[] = [];
  const prependMs: number[] = [];
  const growSlice: number[] = [];
  const detectMs: number[] = [];
  const fromLoadMs: number[] = [];
  const maxSlice: number[] = [];
  const maxSliceKinds: string[] = [];
  const sliceCounts: string[] = [];
  const busy: number[] = [];
  const detectBusy: number[] = [];
  const workerBusy: number[] = [];
  const workerBatches: number[] = [];
  const backlogWaits: number[] = [];
  const answerBusy: number[] = [];
  const floorMs: number[] = [];
  const floorIsoMs: number[] = [];
  const longOn: number[] = [];
  const longOff: number[] = [];
  const frameOn: number[] = [];
  const frameOff: number[] = [];
  const blockOn: number[] = [];
  const blockOff: number[] = [];
  /** Animation frames starting after `from`: the longest duration and the longest blocking duration. */
  const longestFrame = async (p: Page, from: number) => {
    const frames = ((await p.evaluate('window.__frames')) as Array<[number, number, number]>).filter(([t]) => t >= from - 1);
    return [Math.max(0, ...frames.map(([, d]) => d)), Math.max(0, ...frames.map(([, , b]) => b))] as const;
  };
  let found = 0;
  let painted = 0;
  let heapOn = 0;
  let heapOff = 0;
  let heapNone = 0;

  const browser = await launchBrowser({ extensionPath: EXTENSION, args: ['--enable-precise-memory-info'] });
  try {
    const worker = await browser.serviceWorker();
    const setPrefs = (on: boolean) =>
      worker.evaluate(
        ([detect, country]) => chrome.storage.local.set({ prefs: { detectNumbers: detect, defaultCountry: country } }),
        [on, COUNTRY] as const,
      );
    for (let i = 0; i < RUNS; i++) {
      // Dialbar on.
      await setPrefs(true);
      const page = await browser.context.newPage();
      await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
      const world = await dialbarWorld(page);
      let stats: Stats | null = null;
      for (let t = 0; t < 1200; t++) {
        stats = (await world('d.stats()')) as Stats | null;
        if (stats && stats.idleAt > 0 && (await world('d.count()')) !== 0) break;
        await page.waitForTimeout(50);
      }
      if (!stats) throw new Error('Dialbar did not run on the benchmark page');
      const loadEnd = (await page.evaluate(
        '(performance.getEntriesByType("navigation")[0] || {}).loadEventEnd || 0',
      )) as number;
      detectMs.push(stats.idleAt);
      const paint = await firstPaintMs(page);
      firstPaint.push(paint.number ?? Number.NaN);
      firstPagePaint.push(paint.pageFrame ?? Number.NaN);
      fromLoadMs.push(stats.idleAt - loadEnd);
      maxSlice.push(stats.maxSliceMs);
      maxSliceKinds.push(stats.maxSliceKind ?? '');
      sliceCounts.push(
        `${stats.slicesOver16Ms}/${stats.slices} (longest step ${stats.maxStepMs.toFixed(1)}, repaint ${stats.maxRepaintMs.toFixed(1)})`,
      );
      busy.push(stats.busyMs);
      detectBusy.push(stats.detectMs ?? 0);
      workerBusy.push(stats.workerMs ?? 0);
      workerBatches.push(stats.workerBatches ?? 0);
      backlogWaits.push(stats.backlogWaits ?? 0);
      answerBusy.push(stats.answerMs ?? 0);
      found = (await world('d.count()')) as number;
      painted = (await page.evaluate('CSS.highlights.get("dialbar-phone")?.size ?? 0')) as number;
      const tasks = (await page.evaluate('window.__longTasks')) as Array<[number, number]>;
      longOn.push(Math.max(0, ...tasks.filter(([t]) => t >= stats.startedAt - 1).map(([, d]) => d)));
      const [frame, blocking] = await longestFrame(page, stats.startedAt);
      frameOn.push(frame);
      blockOn.push(blocking);
      if (i === RUNS - 1) heapOn = await heapMb(page);
      // The scanned table grows: Dialbar's extra work per row, against its first scan's.
      for (const [where, out] of [['beforeend', appendMs], ['afterbegin', prependMs]] as const) {
        const before = (await world('d.stats()')) as Stats;
        const count = (await world('d.count()')) as number;
        await page.evaluate(([w, html]) => document.querySelector('tbody')?.insertAdjacentHTML(w as InsertPosition, html), [where, extraHtml] as const);
        let after = before;
        for (let t = 0, still = 0; t < 600 && still < 3; t++) {
          await page.waitForTimeout(100);
          const next = (await world('d.stats()')) as Stats;
          still = next.busyMs === after.busyMs && ((await world('d.count()')) as number) > count ? still + 1 : 0;
          after = next;
        }
        out.push(after.busyMs - before.busyMs);
        growSlice.push(after.maxSliceMs);
      }
      await page.close();

      // Dialbar off (script loaded, idle): the page's own long tasks and the floor.
      await setPrefs(false);
      const off = await browser.context.newPage();
      await off.goto(url, { waitUntil: 'load', timeout: 120_000 });
      await off.waitForTimeout(500);
      const floor = (await off.evaluate(FLOOR)) as { ms: number; found: number };
      floorMs.push(floor.ms);
      const offTasks = (await off.evaluate('window.__longTasks')) as Array<[number, number]>;
      // From DOMContentLoaded, where the scan starts: the same stretch of the page's own load as the run with detection on.
      const offStart = (await off.evaluate('performance.getEntriesByType("navigation")[0].domContentLoadedEventStart')) as number;
      longOff.push(Math.max(0, ...offTasks.filter(([t]) => t >= offStart - 1).map(([, d]) => d)));
      const [frameOffMs, blockingOff] = await longestFrame(off, offStart);
      frameOff.push(frameOffMs);
      blockOff.push(blockingOff);
      if (i === RUNS - 1) heapOff = await heapMb(off);
      await off.close();
      // A fresh page: a first read leaves caches (strings of text nodes) that would favour a second.
      const iso = await browser.context.newPage();
      await iso.goto(url, { waitUntil: 'load', timeout: 120_000 });
      await iso.waitForTimeout(500);
      floorIsoMs.push(await isolatedFloor(iso));
      await iso.close();
    }
  } finally {
    await browser.close();
  }

  // The same page in a browser without the extension.
  const plain = await launchBrowser({});
  try {
    const page = await plain.context.newPage();
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    await page.waitForTimeout(500);
    heapNone = await heapMb(page);
  } finally {
    await plain.close();
    await http.stop();
  }

  const js = readFileSync(`${EXTENSION}/page.js`);
  const css = readFileSync(`${EXTENSION}/page.css`);
  const med = (xs: number[]) => percentile(xs, 50);
  printTable({
    title: `Page scan: ${ROWS.toLocaleString('en')}-row CRM table (${labelled.toLocaleString('en')} labelled numbers), ${RUNS} runs, median (max)`,
    columns: ['measure', 'Dialbar', 'floor / baseline', 'ratio'],
    rows: [
      ['numbers found', found, labelled, `${((found / labelled) * 100).toFixed(1)} %`],
      ['painted (near viewport)', painted, '', ''],
      [
        'DOMContentLoaded → the first frame with a highlighted number in the viewport (ms, at its animation-frame callback) vs the page\'s own first frame after DOMContentLoaded (its layout done)',
        `${med(firstPaint).toFixed(0)} (${Math.max(...firstPaint).toFixed(0)})`,
        `${med(firstPagePaint).toFixed(0)} (${Math.max(...firstPagePaint).toFixed(0)})`,
        '',
      ],
      ['load end → all detected (ms)', `${med(fromLoadMs).toFixed(0)} (${Math.max(...fromLoadMs).toFixed(0)})`, '', ''],
      ['navigation → all detected (ms)', `${med(detectMs).toFixed(0)} (${Math.max(...detectMs).toFixed(0)})`, '', ''],
      [
        'main-thread work (ms): Dialbar busy vs TreeWalker+regex',
        `${med(busy).toFixed(0)} (${Math.max(...busy).toFixed(0)})`,
        `${med(floorMs).toFixed(1)} (${Math.max(...floorMs).toFixed(1)})`,
        `${(med(busy) / med(floorMs)).toFixed(1)}×`,
      ],
      [
        '  the same floor run in an isolated world (as a content script)',
        '',
        `${med(floorIsoMs).toFixed(1)} (${Math.max(...floorIsoMs).toFixed(1)})`,
        `${(med(busy) / med(floorIsoMs)).toFixed(1)}×`,
      ],
      ['  of which detector calls (ms)', `${med(detectBusy).toFixed(0)} (${Math.max(...detectBusy).toFixed(0)})`, '', ''],
      ['  of which recording the worker\'s answers (ms: reading them, matching them to the page, painting)', `${med(answerBusy).toFixed(0)} (${Math.max(...answerBusy).toFixed(0)})`, '', ''],
      [
        'detection worker: its own detector time (ms, off the main thread, not in busy) / batches it answered / times the scan waited for it (3 batches out)',
        `${med(workerBusy).toFixed(0)} (${Math.max(...workerBusy).toFixed(0)}) / ${med(workerBatches).toFixed(0)} / ${med(backlogWaits).toFixed(0)}`,
        '',
        '',
      ],
      ['longest Dialbar slice (ms, own clock), and what each run\'s was', `${med(maxSlice).toFixed(1)} (${Math.max(...maxSlice).toFixed(1)})`, maxSliceKinds.join(', '), ''],
      [
        `${GROW_ROWS} rows appended to the scanned table: Dialbar busy (ms) vs the first scan per ${GROW_ROWS} rows`,
        `${med(appendMs).toFixed(0)} (${Math.max(...appendMs).toFixed(0)})`,
        `${((med(busy) * GROW_ROWS) / ROWS).toFixed(0)}`,
        `${(med(appendMs) / ((med(busy) * GROW_ROWS) / ROWS)).toFixed(1)}×`,
      ],
      [
        `${GROW_ROWS} rows put on top of it (newest first): the same`,
        `${med(prependMs).toFixed(0)} (${Math.max(...prependMs).toFixed(0)})`,
        `${((med(busy) * GROW_ROWS) / ROWS).toFixed(0)}`,
        `${(med(prependMs) / ((med(busy) * GROW_ROWS) / ROWS)).toFixed(1)}×`,
      ],
      ['  longest Dialbar slice once grown (ms, own clock)', `${med(growSlice).toFixed(1)} (${Math.max(...growSlice).toFixed(1)})`, '', ''],
      ['Dialbar slices over 16 ms / all, per run (ms)', sliceCounts.join(', '), '', ''],
      [
        'longest page long task after scan start (ms, any cause) vs detection off (after DOMContentLoaded)',
        `${med(longOn).toFixed(0)} (${Math.max(...longOn).toFixed(0)})`,
        `${med(longOff).toFixed(0)} (${Math.max(...longOff).toFixed(0)})`,
        '',
      ],
      [
        'longest animation frame after scan start (ms, any cause, incl. rendering) vs detection off (after DOMContentLoaded)',
        `${med(frameOn).toFixed(0)} (${Math.max(...frameOn).toFixed(0)})`,
        `${med(frameOff).toFixed(0)} (${Math.max(...frameOff).toFixed(0)})`,
        '',
      ],
      [
        'longest blocking duration of those frames (ms; input waits this long at worst)',
        `${med(blockOn).toFixed(0)} (${Math.max(...blockOn).toFixed(0)})`,
        `${med(blockOff).toFixed(0)} (${Math.max(...blockOff).toFixed(0)})`,
        '',
      ],
      ['JS heap after GC (MB): on / off / no extension', heapOn.toFixed(1), `${heapOff.toFixed(1)} / ${heapNone.toFixed(1)}`, `+${(heapOn - heapNone).toFixed(1)} MB`],
      ['content script page.js (KB min / gzip)', (js.length / 1024).toFixed(1), (gzipSync(js).length / 1024).toFixed(1), ''],
      ['content CSS page.css (bytes)', css.length, '', ''],
    ],
    notes: [
      'Dialbar busy = sum of its time slices (8 ms budget each); the floor reads the text once and runs one regex, without validation, ranges or painting.',
      'Long tasks are not attributable to a script: both columns show the page long tasks seen after load, with detection on and off.',
      'Animation frames over 50 ms include rendering work (a highlight change repaints the document) and back-to-back slices with no frame between them.',
    ],
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
