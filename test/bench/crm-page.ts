import type { CDPSession, Page } from 'playwright-core';
import type { BusinessRow } from './business-text';
import { crmRowsHtml } from './crm-rows';

/**
 * The benchmark's CRM page: a table of generated rows, with observers for long tasks and long
 * animation frames, and a probe for the first highlighted number in the viewport (checked every
 * frame from DOMContentLoaded on; `window.__firstPaint`, page clock).
 */
export function crmPage(rows: readonly BusinessRow[]): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CRM</title>
<style>body{font:13px sans-serif}td{padding:2px 6px;border-bottom:1px solid #eee}</style>
<script>
  window.__longTasks = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longTasks.push([e.startTime, e.duration]); })
    .observe({ type: 'longtask', buffered: true });
  // Rendering updates (style, layout, paint) are not long tasks; long animation frames show them.
  window.__frames = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__frames.push([e.startTime, e.duration, e.blockingDuration]); })
    .observe({ type: 'long-animation-frame', buffered: true });
  // __firstPaintFrame: the start of the animation-frame callback of the first frame whose highlight holds a range in the viewport;
  // __firstPaint: the same frame once its layout is done (the probe's box read forces it), which on
  // a big table is mostly the page's own first full layout; __pageFrame: that layout in the first
  // frame after DOMContentLoaded, whatever Dialbar did (the page's own cost, the baseline).
  window.__firstPaint = 0;
  window.__firstPaintFrame = 0;
  window.__pageFrame = 0;
  document.addEventListener('DOMContentLoaded', () => {
    const tick = () => {
      // The callback's start, before the box reads below force the frame's layout.
      const frame = performance.now();
      if (!window.__pageFrame) { document.body.getBoundingClientRect(); window.__pageFrame = performance.now(); }
      const h = CSS.highlights && CSS.highlights.get('dialbar-phone');
      if (h) for (const r of h) {
        const b = r.getBoundingClientRect();
        if (b.width > 0 && b.bottom > 0 && b.top < innerHeight) { window.__firstPaintFrame = frame; window.__firstPaint = performance.now(); return; }
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
</script></head>
<body><table><thead><tr><th>Name</th><th>Company</th><th>Email</th><th>Address</th><th>Phone</th><th>Phone 2</th>
<th>Date</th><th>Order</th><th>Price</th></tr></thead><tbody>
${crmRowsHtml(rows)}
</tbody></table></body></html>`;
}

/**
 * DOMContentLoaded → the first highlighted number in the viewport (ms, null if none yet), and
 * its baseline: DOMContentLoaded → the page's own first contentful paint (the first layout and
 * paint of a big table is the page's cost, and on a loaded machine it dominates).
 */
export async function firstPaintMs(
  page: Page,
): Promise<{ dcl: number; number: number | null; numberLaidOut: number | null; page: number | null; pageFrame: number | null }> {
  const [dcl, frame, painted, fcp, pageFrame] = (await page.evaluate(
    `[(performance.getEntriesByType('navigation')[0] || {}).domContentLoadedEventStart || 0, window.__firstPaintFrame, window.__firstPaint,
      (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || 0, window.__pageFrame]`,
  )) as [number, number, number, number, number];
  const since = (t: number) => (t > 0 ? t - dcl : null);
  return { dcl, number: since(frame), numberLaidOut: since(painted), page: since(fcp), pageFrame: since(pageFrame) };
}

/** The floor: what any page script pays to read all text once and run one regex over it. */
export const FLOOR = `(() => {
  const t0 = performance.now();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const re = /\\+?\\d[\\d\\s().\\-\\/]{5,}\\d/g;
  let found = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    re.lastIndex = 0;
    while (re.exec(n.data)) found++;
  }
  return { ms: performance.now() - t0, found };
})()`;

/** Evaluates an expression in Dialbar's isolated world with its debug hook as `d` (null before it runs). */
export async function dialbarWorld(page: Page): Promise<(expression: string) => Promise<unknown>> {
  const cdp = await page.context().newCDPSession(page);
  const contexts: Array<{ id: number; name: string; auxData?: { frameId?: string } }> = [];
  cdp.on('Runtime.executionContextCreated', (e: { context: (typeof contexts)[number] }) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
  return async (expression) => {
    const world = contexts.find((c) => c.name === 'Dialbar' && c.auxData?.frameId === frameTree.frame.id);
    if (!world) return null;
    const { result } = (await cdp.send('Runtime.evaluate', {
      contextId: world.id,
      returnByValue: true,
      expression: `(() => { const d = globalThis[Symbol.for('dialbar.debug')]; return d ? ${expression} : null; })()`,
    })) as { result: { value: unknown } };
    return result.value;
  };
}

/**
 * The renderer main thread's CPU time (ms) from CDP's performance metrics: unlike a clock, it
 * does not count the time other processes hold the cores (the benchmark machine is shared).
 */
export async function threadCpuMs(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
  return (metrics.find((m) => m.name === 'ThreadTime')?.value ?? Number.NaN) * 1000;
}

/** A trace event, as far as GcTrace reads one. */
interface TraceEvent {
  name: string;
  ph?: string;
  pid?: number;
  tid?: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/**
 * Garbage collection pauses on renderer main threads, from a trace: wall and CPU (ms) of each.
 * The trace also holds the detection worker's thread, whose collections block no page: only
 * threads named CrRendererMain are counted (the page's, and the extension's own documents,
 * which are idle while a page is scanned).
 */
export class GcTrace {
  private readonly pauses: Array<{ thread: string; wall: number; cpu: number }> = [];
  private readonly mainThreads = new Set<string>();
  private done: Promise<unknown> | null = null;

  constructor(private readonly cdp: CDPSession) {
    cdp.on('Tracing.dataCollected', (e) => {
      for (const ev of e.value as unknown as TraceEvent[]) {
        const thread = `${ev.pid}:${ev.tid}`;
        if (ev.ph === 'M' && ev.name === 'thread_name' && ev.args?.name === 'CrRendererMain') this.mainThreads.add(thread);
        else if ((ev.name === 'MinorGC' || ev.name === 'MajorGC') && ev.dur !== undefined)
          this.pauses.push({ thread, wall: ev.dur / 1000, cpu: (ev.tdur ?? ev.dur) / 1000 });
      }
    });
  }

  async start(): Promise<void> {
    this.done = new Promise((resolve) => this.cdp.once('Tracing.tracingComplete', resolve));
    await this.cdp.send('Tracing.start', { categories: 'devtools.timeline,v8', transferMode: 'ReportEvents' });
  }

  /** Ends the trace; the longest pause (wall, CPU) and the sum of all pauses (wall). */
  async stop(): Promise<{ longestWall: number; longestCpu: number; totalWall: number; count: number }> {
    await this.cdp.send('Tracing.end');
    await this.done;
    if (this.mainThreads.size === 0) throw new Error('the trace named no renderer main thread');
    const p = this.pauses.filter((x) => this.mainThreads.has(x.thread));
    return {
      longestWall: Math.max(0, ...p.map((x) => x.wall)),
      longestCpu: Math.max(0, ...p.map((x) => x.cpu)),
      totalWall: p.reduce((s, x) => s + x.wall, 0),
      count: p.length,
    };
  }
}
