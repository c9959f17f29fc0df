/**
 * Diagnostic, not a benchmark module: opens the 10k-row CRM page with the extension, records a
 * CPU profile (Profiler domain, 200 µs sampling) and long-animation-frame entries, writes the
 * profiles to /tmp/dialbar-scan-<run>.cpuprofile (open them in DevTools) and prints the frames
 * over 50 ms (duration / rendering part) and the functions with the most self time.
 * Run: npm run build && node test/lab/run-lab.mjs npx tsx test/bench/profile-scan.ts
 * Env: RUNS (default 2), ROWS (default 10000), WAIT ms after load (default 6000), OFF=1 (detection off),
 * NOPROF=1 (frames only), DIALBAR_EXTENSION (build dir).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { launchBrowser } from '../lab/browser';
import { startHttpServer } from '../lab/http-server';
import { generateBusinessRows } from './business-text';
import { crmRowsHtml } from './crm-rows';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface CpuProfile {
  nodes: Array<{ id: number; callFrame: CallFrame }>;
  samples: number[];
  timeDeltas: number[];
}
interface Frame {
  start: number;
  dur: number;
  render: number;
}

const EXTENSION = process.env.DIALBAR_EXTENSION ?? '.output/chrome-mv3';
const RUNS = Number(process.env.RUNS ?? 2);
const rows = generateBusinessRows(Number(process.env.ROWS ?? 10_000), { defaultCountry: 'DE', seed: 7 });
const body = crmRowsHtml(rows);
const html = `<!doctype html><html><head><meta charset="utf-8"><style>body{font:13px sans-serif}td{padding:2px 6px}</style>
<script>window.__frames = [];
new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__frames.push({ start: e.startTime, dur: e.duration,
  render: e.renderStart ? e.startTime + e.duration - e.renderStart : 0 }); }).observe({ type: 'long-animation-frame', buffered: true });
</script></head><body><table><tbody>${body}</tbody></table></body></html>`;

/** The bundle's lines, to show where a minified function starts. */
const bundle = readFileSync(`${EXTENSION}/page.js`, 'utf8').split('\n');

function selfTimes(profile: CpuProfile): Array<[string, number]> {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const where = (f: CallFrame) =>
    f.url.endsWith('page.js') ? ` «${(bundle[f.lineNumber] ?? '').slice(f.columnNumber, f.columnNumber + 60)}»` : '';
  const self = new Map<string, number>();
  profile.samples.forEach((id, k) => {
    const f = nodes.get(id)?.callFrame;
    if (!f) return;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}${where(f)}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[k + 1] ?? 0) / 1000);
  });
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, 30);
}

const http = await startHttpServer({ routes: { '/crm.html': html } });
const browser = await launchBrowser({ extensionPath: EXTENSION });
try {
  const worker = await browser.serviceWorker();
  await worker.evaluate(
    (on) => chrome.storage.local.set({ prefs: { detectNumbers: on, defaultCountry: 'DE' } }),
    process.env.OFF !== '1',
  );
  for (let i = 0; i < RUNS; i++) {
    const page = await browser.context.newPage();
    const cdp = await page.context().newCDPSession(page);
    const profiling = process.env.NOPROF !== '1';
    if (profiling) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    await page.goto(http.pageUrl('/crm.html'), { waitUntil: 'load', timeout: 120_000 });
    await page.waitForTimeout(Number(process.env.WAIT ?? 6000));
    const frames = (await page.evaluate('window.__frames')) as Frame[];
    console.log(`run ${i}: frames over 50 ms (start: duration / rendering):`);
    console.log(`  ${frames.map((f) => `@${f.start.toFixed(0)}: ${f.dur.toFixed(0)} / ${f.render.toFixed(0)}`).join(', ')}`);
    if (profiling) {
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
      writeFileSync(`/tmp/dialbar-scan-${i}.cpuprofile`, JSON.stringify(profile));
      for (const [name, ms] of selfTimes(profile)) console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${name}`);
    }
    await page.close();
  }
} finally {
  await browser.close();
  await http.stop();
}
