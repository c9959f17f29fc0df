/**
 * Page scan cost against page size: the CRM table of page-scan.bench.ts at 10,000, 20,000 and
 * 50,000 rows, in one run, with both floors (a TreeWalker + regex pass run as a page script and
 * in an isolated world, as a content script runs) measured on the same pages.
 * - Dialbar busy: the sum of its slices (its own clock, wall time);
 * - main-thread CPU: the CPU time of the new tab's renderer main thread once the scan is idle,
 *   with detection on, minus the same page's with detection off (CDP ThreadTime; the machine is shared,
 *   and CPU time does not count the time other processes hold the cores);
 * - the longest slice, the longest garbage collection pause (trace events MinorGC / MajorGC),
 *   DOMContentLoaded → the first frame with a highlighted number in the viewport, against the
 *   page's own first frame after DOMContentLoaded (on a big table that frame's layout takes
 *   seconds: the page's own cost, which any number shown in it waits for).
 * Run: npm run bench -- page-scan-scale. Env: DIALBAR_BENCH_SIZES (default 10000,20000,50000),
 * DIALBAR_BENCH_SCALE_RUNS (default 3), DIALBAR_EXTENSION (build dir).
 */
import type { Page } from 'playwright-core';
import { type LabBrowser, launchBrowser } from '../lab/browser';
import { startHttpServer } from '../lab/http-server';
import { evaluateIsolated } from '../lab/isolated-world';
import { generateBusinessRows } from './business-text';
import { crmPage, dialbarWorld, FLOOR, firstPaintMs, GcTrace, threadCpuMs } from './crm-page';
import { percentile, printTable } from './table';

const EXTENSION = process.env.DIALBAR_EXTENSION ?? '.output/chrome-mv3';
const SIZES = (process.env.DIALBAR_BENCH_SIZES ?? '10000,20000,50000').split(',').map(Number);
const RUNS = Number(process.env.DIALBAR_BENCH_SCALE_RUNS ?? 3);
const COUNTRY = 'DE';
const LOAD_MS = 300_000;

interface Sample {
  busy: number;
  cpuOn: number;
  cpuOff: number;
  floorPage: number;
  floorIso: number;
  floorPageCpu: number;
  floorIsoCpu: number;
  maxSlice: number;
  maxSliceKind: string;
  gcOn: number;
  gcOnCpu: number;
  gcOff: number;
  firstPaint: number;
  pagePaint: number;
  pageFrame: number;
  highlightAt: number;
  found: number;
}

interface Stats {
  busyMs: number;
  firstPaintAt: number;
  maxSliceMs: number;
  maxSliceKind?: string;
  idleAt: number;
}

async function measured<T>(page: Page, body: (cpu: () => Promise<number>) => Promise<T>): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  try {
    return await body(() => threadCpuMs(cdp));
  } finally {
    await cdp.detach();
  }
}

/** One page load: CPU and GC from navigation until Dialbar is idle (on) or the page settled (off). */
async function loadOnce(browser: LabBrowser, url: string, on: boolean, offMs = 1000) {
  const page = await browser.context.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const gc = new GcTrace(cdp);
  await gc.start();
  await page.goto(url, { waitUntil: 'load', timeout: LOAD_MS });
  let stats: Stats | null = null;
  let found = 0;
  const loaded = Date.now();
  const world = await dialbarWorld(page);
  if (on) {
    for (let t = 0; t < 6000; t++) {
      stats = (await world('d.stats()')) as Stats | null;
      if (stats && stats.idleAt > 0) {
        found = (await world('d.count()')) as number;
        if (found > 0) break;
      }
      await page.waitForTimeout(50);
    }
    if (!stats?.idleAt) throw new Error('Dialbar did not finish on the benchmark page');
  } else {
    // As long as the scan took, polling the same way: both pages pay the same DevTools calls.
    for (const end = loaded + offMs; Date.now() < end; ) {
      await world('d.stats()');
      await page.waitForTimeout(50);
    }
  }
  const waitedMs = Date.now() - loaded;
  // The tab's renderer is new (its first navigation): its main thread's CPU time is this page's.
  const cpu = await threadCpuMs(cdp);
  const pauses = await gc.stop();
  const paint = on ? await firstPaintMs(page) : null;
  await cdp.detach();
  return { page, cpu, pauses, stats, found, paint, waitedMs };
}

async function floors(browser: LabBrowser, url: string) {
  const out = { page: 0, iso: 0, pageCpu: 0, isoCpu: 0 };
  for (const world of ['page', 'iso'] as const) {
    // A fresh page each: a first read leaves caches (strings of text nodes) that would favour a second.
    const page = await browser.context.newPage();
    await page.goto(url, { waitUntil: 'load', timeout: LOAD_MS });
    await page.waitForTimeout(500);
    await measured(page, async (cpu) => {
      const c0 = await cpu();
      const r =
        world === 'page'
          ? ((await page.evaluate(FLOOR)) as { ms: number })
          : await evaluateIsolated<{ ms: number }>(page, 'floor', FLOOR);
      const c = (await cpu()) - c0;
      if (world === 'page') [out.page, out.pageCpu] = [r.ms, c];
      else [out.iso, out.isoCpu] = [r.ms, c];
    });
    await page.close();
  }
  return out;
}

export default async function run(): Promise<void> {
  const routes: Record<string, string> = {};
  for (const size of SIZES) routes[`/crm-${size}.html`] = crmPage(generateBusinessRows(size, { defaultCountry: COUNTRY, seed: 7 }));
  const http = await startHttpServer({ routes });
  const samples = new Map<number, Sample[]>(SIZES.map((s) => [s, []]));
  const browser = await launchBrowser({ extensionPath: EXTENSION });
  try {
    const worker = await browser.serviceWorker();
    const setPrefs = (on: boolean) =>
      worker.evaluate(
        ([detect, country]) => chrome.storage.local.set({ prefs: { detectNumbers: detect, defaultCountry: country } }),
        [on, COUNTRY] as const,
      );
    // The extension's first seconds (its worker starting, its scripts registered) are not what a page load costs.
    await setPrefs(true);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    for (let i = 0; i < RUNS; i++) {
      for (const size of SIZES) {
        const url = http.pageUrl(`/crm-${size}.html`);
        await setPrefs(true);
        const on = await loadOnce(browser, url, true);
        await on.page.close();
        await setPrefs(false);
        const off = await loadOnce(browser, url, false, on.waitedMs);
        await off.page.close();
        const f = await floors(browser, url);
        samples.get(size)?.push({
          busy: on.stats?.busyMs ?? 0,
          cpuOn: on.cpu,
          cpuOff: off.cpu,
          floorPage: f.page,
          floorIso: f.iso,
          floorPageCpu: f.pageCpu,
          floorIsoCpu: f.isoCpu,
          maxSlice: on.stats?.maxSliceMs ?? 0,
          maxSliceKind: on.stats?.maxSliceKind ?? '',
          gcOn: on.pauses.longestWall,
          gcOnCpu: on.pauses.longestCpu,
          gcOff: off.pauses.longestWall,
          firstPaint: on.paint?.number ?? Number.NaN,
          pagePaint: on.paint?.page ?? Number.NaN,
          pageFrame: on.paint?.pageFrame ?? Number.NaN,
          highlightAt: on.stats && on.paint?.dcl ? on.stats.firstPaintAt - on.paint.dcl : Number.NaN,
          found: on.found,
        });
      }
    }
  } finally {
    await browser.close();
    await http.stop();
  }

  const med = (xs: number[]) => percentile(xs, 50);
  const cell = (xs: number[], digits = 0) => `${med(xs).toFixed(digits)} (${Math.max(...xs).toFixed(digits)})`;
  const of = (size: number) => samples.get(size) ?? [];
  const base = SIZES[0] as number;
  const baseBusy = med(of(base).map((s) => s.busy));
  const baseCpu = med(of(base).map((s) => s.cpuOn - s.cpuOff));
  const rows: Array<Array<string | number>> = [];
  for (const size of SIZES) {
    const xs = of(size);
    const busy = xs.map((s) => s.busy);
    const cpu = xs.map((s) => s.cpuOn - s.cpuOff);
    const k = `${(size / 1000).toFixed(0)}k`;
    rows.push(
      [`${k}: numbers found`, xs[0]?.found ?? 0, '', ''],
      [`${k}: Dialbar busy (ms, own clock) vs ${base / 1000}k page`, cell(busy), `linear: ${((baseBusy * size) / base).toFixed(0)}`, `${(med(busy) / baseBusy).toFixed(2)}× for ${(size / base).toFixed(0)}× rows`],
      [`${k}: Dialbar main-thread CPU, on − off (ms) vs ${base / 1000}k page`, cell(cpu), '', `${(med(cpu) / baseCpu).toFixed(2)}× for ${(size / base).toFixed(0)}× rows`],
      [`${k}: floor as a page script (ms wall / CPU)`, '', `${cell(xs.map((s) => s.floorPage), 1)} / ${cell(xs.map((s) => s.floorPageCpu), 1)}`, `busy ${(med(busy) / med(xs.map((s) => s.floorPage))).toFixed(1)}×`],
      [`${k}: floor in an isolated world (ms wall / CPU): the target`, '', `${cell(xs.map((s) => s.floorIso), 1)} / ${cell(xs.map((s) => s.floorIsoCpu), 1)}`, `busy ${(med(busy) / med(xs.map((s) => s.floorIso))).toFixed(1)}×, CPU ${(med(cpu) / med(xs.map((s) => s.floorIsoCpu))).toFixed(1)}×`],
      [`${k}: longest Dialbar slice (ms), and what each run's was`, cell(xs.map((s) => s.maxSlice), 1), xs.map((s) => s.maxSliceKind).join(', '), ''],
      [`${k}: longest GC pause, detection on vs off (ms wall; on: CPU)`, `${cell(xs.map((s) => s.gcOn), 1)}; CPU ${cell(xs.map((s) => s.gcOnCpu), 1)}`, cell(xs.map((s) => s.gcOff), 1), ''],
      [
        `${k}: DOMContentLoaded → the first frame with a highlighted number in the viewport (ms, at its animation-frame callback) vs the page's own first frame after DOMContentLoaded (its layout done)`,
        cell(xs.map((s) => s.firstPaint)),
        cell(xs.map((s) => s.pageFrame)),
        `Dialbar − page: ${cell(xs.map((s) => s.firstPaint - s.pageFrame))}`,
      ],
      [`${k}: DOMContentLoaded → Dialbar's highlight holds its first numbers (ms, Dialbar's clock)`, cell(xs.map((s) => s.highlightAt)), '', ''],
      [`${k}: the page's first contentful paint (from DOMContentLoaded; negative: painted while parsing)`, '', cell(xs.map((s) => s.pagePaint)), ''],
    );
  }
  printTable({
    title: `Page scan against page size: CRM tables of ${SIZES.map((s) => s.toLocaleString('en')).join(' / ')} rows, ${RUNS} runs each, median (max)`,
    columns: ['measure', 'Dialbar', 'floor / baseline', 'ratio'],
    rows,
    notes: [
      'CPU: the new tab\'s renderer main-thread CPU time (CDP ThreadTime) at scan idle, detection on, minus the same page\'s with detection off, kept open as long (includes loading the content script and the rendering our highlights cause).',
      'Floors: one TreeWalker over the text nodes and one regex, without validation, ranges or painting; each on a fresh page.',
      'GC pauses: MinorGC/MajorGC trace events on renderer main threads (not the detection worker\'s) from navigation on (the page\'s own parsing included in both columns); wall time counts the time other processes hold the cores.',
    ],
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
