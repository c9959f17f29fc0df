/**
 * What Dialbar costs pages with little or nothing to call (issue 13.7), in real Chromium:
 * (a) a plain page, one line of text, no number; (b) a page of 30 small same-origin iframes
 * (ad- and widget-like), one line each, no number; (c) the same 30 iframes with one number each;
 * (d) a plain page with one number. For each: Chromium's own metrics over CDP
 * (`Performance.getMetrics`: ScriptDuration, and JSHeapUsedSize after a forced GC), the median
 * of RUNS loads, in a browser without Dialbar, with this build, and with a second build for
 * comparison (DIALBAR_BASE_EXTENSION, e.g. main's, when given), all in the same run. Then the
 * time from navigation to the last frame's number highlighted (separate loads, where each frame
 * notes when its `dialbar-phone` highlight appears).
 * Run: npm run bench -- frames (DIALBAR_EXTENSION picks the build, DIALBAR_BASE_EXTENSION the other).
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import type { BrowserContext } from 'playwright-core';
import { launchBrowser } from '../lab/browser';
import { startHttpServer } from '../lab/http-server';
import { percentile, printTable } from './table';

const EXTENSION = process.env.DIALBAR_EXTENSION ?? '.output/chrome-mv3';
const BASE = process.env.DIALBAR_BASE_EXTENSION;
const RUNS = Number(process.env.DIALBAR_BENCH_RUNS ?? 5);
const FRAMES = 30;
/** After load, before the metrics: longer than the last number takes to show (the "shown" column). */
const SETTLE_MS = 3000;

/** In ?watch loads only: notes when this document's numbers are first highlighted (timers, not rAF: frames below the fold get no frames). */
const WATCH = `<script>if (location.search.includes('watch')) { const id = setInterval(() => {
  const h = CSS.highlights.get('dialbar-phone');
  if (h && h.size > 0) { window.__seen = performance.timeOrigin + performance.now(); clearInterval(id); } }, 4); }</script>`;

const doc = (body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head>
<body style="margin:4px;font:13px sans-serif">${body}${WATCH}</body></html>`;
const frameNumber = (n: number) => `+1 415-555-01${String(n).padStart(2, '0')}`;

function routes(): Record<string, string> {
  const out: Record<string, string> = {
    '/plain.html': doc('<p>Welcome to our shop, we are glad to see you here today.</p>'),
    '/plain-number.html': doc(`<p>Questions? Call our office at ${frameNumber(99)} during opening hours.</p>`),
  };
  for (const kind of ['empty', 'number'] as const) {
    const frames = Array.from(
      { length: FRAMES },
      (_, i) => `<iframe src="/${kind}/${i}.html" width="300" height="40" style="border:0;display:block"></iframe>`,
    ).join('\n');
    out[`/frames-${kind}.html`] = doc(`<p>A page with ${kind === 'empty' ? 'widgets' : 'contact widgets'}.</p>${frames}`);
    for (let i = 0; i < FRAMES; i++) {
      out[`/${kind}/${i}.html`] = doc(kind === 'empty' ? '<p>Special offer: free shipping on everything.</p>' : `<p>Sales desk: ${frameNumber(i)}</p>`);
    }
  }
  return out;
}

/** The frame pages' own highlight watcher, in ?watch loads: iframes keep the query. */
function watched(html: string): string {
  return html.replace(/src="(\/(?:empty|number)\/\d+\.html)"/g, 'src="$1?watch"');
}

interface Page {
  name: string;
  path: string;
  /** Frames (or the page itself) expected to get a highlight. */
  numbers: number;
}
const ALL_PAGES: Page[] = [
  { name: '(a) plain page, no number', path: '/plain.html', numbers: 0 },
  { name: `(b) ${FRAMES} iframes, no number`, path: '/frames-empty.html', numbers: 0 },
  { name: `(c) ${FRAMES} iframes, one number each`, path: '/frames-number.html', numbers: FRAMES },
  { name: '(d) plain page, one number', path: '/plain-number.html', numbers: 1 },
];

/** DIALBAR_BENCH_PAGES=a,d measures only those pages. */
const PAGES = ALL_PAGES.filter((p) => !process.env.DIALBAR_BENCH_PAGES || process.env.DIALBAR_BENCH_PAGES.split(',').some((k) => p.name.startsWith(`(${k})`)));

/** Documents of the page (main frame and iframes) with a highlight. */
async function highlighted(page: import('playwright-core').Page): Promise<number> {
  let n = 0;
  for (const frame of page.frames()) {
    const size = await frame.evaluate(() => CSS.highlights.get('dialbar-phone')?.size ?? 0).catch(() => 0);
    if (size > 0) n++;
  }
  return n;
}

interface Measured {
  scriptMs: number[];
  /** CPU time of the renderer's main thread (CDP ThreadTime): not stretched by other processes waiting for a core. */
  threadMs: number[];
  heapMb: number[];
  /** Navigation → first and last expected highlight (ms), per timing load. */
  firstMs: number[];
  shownMs: number[];
}

/**
 * One load of `target`: the tab's script time and heap once the work is done. Every browser waits
 * the same SETTLE_MS and nothing of the harness runs in the tab meanwhile (a Playwright evaluate
 * in 30 frames costs script time of its own); whether every expected highlight showed is read
 * after the metrics, and a load where one did not counts as NaN.
 */
async function loadMetrics(context: BrowserContext, url: string, numbers: number): Promise<{ scriptMs: number; threadMs: number; heapMb: number }> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
  await page.waitForTimeout(SETTLE_MS);
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  const complete = numbers === 0 || (await highlighted(page)) >= numbers;
  await cdp.detach();
  await page.close();
  if (!complete) return { scriptMs: Number.NaN, threadMs: Number.NaN, heapMb: Number.NaN };
  return { scriptMs: metric('ScriptDuration') * 1000, threadMs: metric('ThreadTime') * 1000, heapMb: metric('JSHeapUsedSize') / 1024 / 1024 };
}

/** One ?watch load: navigation → the first and the last of `numbers` documents showing its highlight (NaN if not all did). */
async function loadShown(context: BrowserContext, url: string, numbers: number): Promise<{ first: number; last: number }> {
  const page = await context.newPage();
  await page.goto(`${url}?watch`, { waitUntil: 'load', timeout: 60_000 });
  let seen: number[] = [];
  for (let t = 0; t < 300; t++) {
    seen = [];
    for (const frame of page.frames()) {
      const at = (await frame.evaluate(() => (window as unknown as { __seen?: number }).__seen ?? 0).catch(() => 0)) as number;
      if (at > 0) seen.push(at);
    }
    if (seen.length >= numbers) break;
    await page.waitForTimeout(50);
  }
  const origin = (await page.evaluate(() => performance.timeOrigin)) as number;
  await page.close();
  if (seen.length < numbers) return { first: Number.NaN, last: Number.NaN };
  return { first: Math.min(...seen) - origin, last: Math.max(...seen) - origin };
}

interface Subject {
  label: string;
  /** Unpacked extension, or undefined for the browser without one. */
  extension: string | undefined;
  context?: BrowserContext;
  close?: () => Promise<void>;
  results: Measured[];
}

/**
 * Every browser is open at once and the loads take turns (page by page, run by run, browser by
 * browser, each run starting with the next browser): this machine's load drifts over minutes, and
 * must not favour one build.
 */
async function measureAll(subjects: Subject[], base: string): Promise<void> {
  for (const subject of subjects) {
    const browser = await launchBrowser({ ...(subject.extension ? { extensionPath: subject.extension } : {}), locale: 'en-US', args: ['--lang=en-US'] });
    subject.context = browser.context;
    subject.close = () => browser.close();
    if (subject.extension) await browser.serviceWorker(20_000);
    // One throwaway load: the first page of a fresh browser pays for process start-up.
    const warm = await browser.context.newPage();
    await warm.goto(`${base}/plain.html`);
    await warm.close();
  }
  for (const target of PAGES) {
    const results = subjects.map((s) => {
      const m: Measured = { scriptMs: [], threadMs: [], heapMb: [], firstMs: [], shownMs: [] };
      s.results.push(m);
      return m;
    });
    for (let i = 0; i < RUNS; i++) {
      // Each run starts with the next browser: a load measured right after another build's (its
      // worker and renderers still settling) must not always fall to the same build.
      for (let j = 0; j < subjects.length; j++) {
        const k = (i + j) % subjects.length;
        const subject = subjects[k] as Subject;
        const m = results[k] as Measured;
        const { scriptMs, threadMs, heapMb } = await loadMetrics(subject.context as BrowserContext, `${base}${target.path}`, subject.extension ? target.numbers : 0);
        m.scriptMs.push(scriptMs);
        m.threadMs.push(threadMs);
        m.heapMb.push(heapMb);
        if (subject.extension && target.numbers > 0) {
          const shown = await loadShown(subject.context as BrowserContext, `${base}${target.path}`, target.numbers);
          m.firstMs.push(shown.first);
          m.shownMs.push(shown.last);
        }
      }
    }
  }
}

export default async function run(): Promise<void> {
  const loadAtStart = loadavg()[0]?.toFixed(1);
  const http = await startHttpServer({
    routes: Object.fromEntries(
      Object.entries(routes()).map(([path, html]) => [path, (url: URL) => (url.search.includes('watch') ? watched(html) : html)]),
    ),
  });
  try {
    const subjects: Subject[] = [
      { label: 'none', extension: undefined, results: [] },
      { label: 'this build', extension: EXTENSION, results: [] },
      ...(BASE ? [{ label: 'other build', extension: BASE, results: [] }] : []),
    ];
    try {
      await measureAll(subjects, http.url);
    } finally {
      for (const s of subjects) await s.close?.();
    }
    const [none, mine, other] = subjects.map((s) => s.results) as [Measured[], Measured[], Measured[] | undefined];
    const med = (xs: number[]) => percentile(xs.filter(Number.isFinite), 50);
    const ms = (xs: number[]) => (xs.some(Number.isFinite) ? `${med(xs).toFixed(1)} (${Math.max(...xs.filter(Number.isFinite)).toFixed(1)})` : 'n/a');
    const missed = (results: Measured[]) => results.reduce((n, r) => n + r.scriptMs.filter((x) => !Number.isFinite(x)).length, 0);
    const rows: Array<Array<string | number>> = [];
    PAGES.forEach((target, i) => {
      const n = none[i] as Measured;
      const m = mine[i] as Measured;
      const o = other?.[i];
      const extra = (x: Measured) => med(x.scriptMs) - med(n.scriptMs);
      const heap = (x: Measured) => med(x.heapMb) - med(n.heapMb);
      const cpu = (x: Measured) => med(x.threadMs) - med(n.threadMs);
      const ratio = (a: number, b: number) => (Math.abs(b) < 0.05 ? '' : `${(a / b).toFixed(2)}×`);
      rows.push([
        target.name,
        `${med(m.scriptMs).toFixed(1)} / ${med(n.scriptMs).toFixed(1)} → +${extra(m).toFixed(1)}`,
        o ? `+${extra(o).toFixed(1)}` : '',
        o ? ratio(extra(m), extra(o)) : '',
        `+${cpu(m).toFixed(1)}`,
        o ? `+${cpu(o).toFixed(1)}` : '',
        o ? ratio(cpu(m), cpu(o)) : '',
        `+${heap(m).toFixed(2)}`,
        o ? `+${heap(o).toFixed(2)}` : '',
        o ? ratio(heap(m), heap(o)) : '',
        target.numbers > 0 ? `${ms(m.firstMs)} / ${ms(m.shownMs)}` : '',
        o && target.numbers > 0 ? `${ms(o.firstMs)} / ${ms(o.shownMs)}` : '',
      ]);
    });
    const size = (dir: string, file: string) => {
      try {
        const js = readFileSync(`${dir}/${file}`);
        return `${(js.length / 1024).toFixed(1)} / ${(gzipSync(js).length / 1024).toFixed(1)}`;
      } catch {
        return '-';
      }
    };
    // Builds before the page script became an unlisted script had it under content-scripts/.
    const page = (dir: string) => (size(dir, 'page.js') === '-' ? size(dir, 'content-scripts/page.js') : size(dir, 'page.js'));
    rows.push(['content scripts, KB min / gzip: boot.js, page.js', `${size(EXTENSION, 'boot.js')}, ${page(EXTENSION)}`, BASE ? `${size(BASE, 'boot.js')}, ${page(BASE)}` : '', '', '', '', '', '', '', '', '', '']);
    printTable({
      title: `Pages with little to call: ${RUNS} loads each, median (max); this build against ${BASE ? `${BASE} and ` : ''}no extension`,
      columns: [
        'page',
        'script ms: this build / none → extra',
        'extra, other build',
        'ratio',
        'main-thread CPU ms extra',
        'CPU extra, other',
        'ratio',
        'heap MB extra',
        'heap extra, other',
        'ratio',
        'navigation → first / last number shown (ms)',
        'same, other build',
      ],
      rows,
      notes: [
        `script ms = CDP Performance.getMetrics ScriptDuration of the tab (all its same-origin frames), ${SETTLE_MS / 1000} s after load in every browser (no harness script in the tab before the metrics).`,
        `loads left out because an expected highlight had not shown by then: this build ${missed(mine)}${other ? `, other build ${missed(other)}` : ''}.`,
        'main-thread CPU = ThreadTime of the same metrics (CPU time of the renderer main thread: parse, style, layout and script), minus the page without the extension.',
        'heap = JSHeapUsedSize after HeapProfiler.collectGarbage, minus the same page in a browser without the extension.',
        `load average (1 min) at the start / end: ${loadAtStart} / ${loadavg()[0]?.toFixed(1)} (2 cores)`,
        '"first / last number shown": separate loads where each document polls its own dialbar-phone highlight every 4 ms (not counted above).',
      ],
    });
  } finally {
    await http.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
