/**
 * Shared harness of the detection browser tests (test/e2e/detection*.test.ts): the lab's
 * Chromium launcher with the built extension and the lab's HTTP server on test/lab/pages/crm
 * (no Kamailio), plus helpers that read the `dialbar-phone` highlight, the closed-shadow card
 * (over CDP) and Dialbar's isolated-world debug hook.
 * Each test file gets its own copy of this module's state.
 */
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { type LabBrowser, launchBrowser } from '../lab/browser';
import { type LabHttpServer, startHttpServer } from '../lab/http-server';
import { evaluateIsolated } from '../lab/isolated-world';
import { DEFAULT_PREFS } from '../../src/settings/prefs';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** The built extension; DIALBAR_EXTENSION points elsewhere (e.g. a private build dir). */
export const BUILD = process.env.DIALBAR_EXTENSION ?? path.join(ROOT, '.output/chrome-mv3');
export const PAGES = path.join(ROOT, 'test/lab/pages/crm');

let server: LabHttpServer | undefined;
let browser: LabBrowser | undefined;
let base = '';
let context: BrowserContext;
let worker: Worker;
let extensionCopy = '';
/** Pages served at exact paths, set by tests: `harness.routes.set('/spa.html', html)`. */
const extraRoutes = { set: (pathname: string, html: string) => server?.route(pathname, html) };

export const hasBuild = existsSync(path.join(BUILD, 'page.js'));

/** What test/lab/pages/crm/formats.html highlights (range texts, sorted). */
export const FORMATS_EXPECTED = [
  '(415) 555-0132',
  '+1 (212) 555-0147',
  '+1 312 555 0175',
  '+1 415-555-0198 ext. 42',
  '+1 650 555 0100',
  '+33 1 42 68 53 00',
  '+44 20 7946 0958',
  '+49 30 1234567',
  '+81 3-1234-5678',
  '212.555.0147',
  '415 555-0199',
].sort();

/** The running harness: base URL, browser context, service worker, extra routes. */
export const harness = {
  get base() {
    return base;
  },
  get context() {
    return context;
  },
  get worker() {
    return worker;
  },
  routes: extraRoutes,
};

export async function startHarness(): Promise<void> {
  await startServer();
  await launch();
}

export async function stopHarness(): Promise<void> {
  await browser?.close();
  await server?.stop();
  if (extensionCopy) await rm(extensionCopy, { recursive: true, force: true });
}

/** Closes all pages and resets prefs; call before each test. */
export async function resetHarness(): Promise<void> {
  for (const p of context.pages()) await p.close();
  await setPrefs({});
}

async function startServer(): Promise<void> {
  server = await startHttpServer({ root: PAGES });
  base = server.url;
}

async function launch(): Promise<void> {
  // A private copy of the build: others may rebuild .output while this file runs.
  extensionCopy = await mkdtemp(path.join(tmpdir(), 'dialbar-detect-ext-'));
  await cp(BUILD, extensionCopy, { recursive: true });
  browser = await launchBrowser({
    extensionPath: extensionCopy,
    viewport: { width: 1200, height: 800 },
    locale: 'en-US',
    args: ['--lang=en-US'],
  });
  context = browser.context;
  worker = await browser.serviceWorker(20_000);
}

/** Texts of the ranges in the page's `dialbar-phone` highlight (null when none is registered). */
export function highlightTexts(page: Page, frame?: string): Promise<string[] | null> {
  const target = frame ? page.frame({ url: new RegExp(frame) }) : page.mainFrame();
  if (!target) throw new Error(`no frame ${frame}`);
  return target.evaluate(() => {
    const h = CSS.highlights.get('dialbar-phone');
    return h ? [...h].map((r) => r.toString()).sort() : null;
  });
}

/**
 * The same, read from a fresh isolated world over CDP: for hostile pages whose broken builtins
 * would break an evaluation in the main world.
 */
export async function highlightTextsIsolated(page: Page): Promise<string[] | null> {
  const json = await evaluateIsolated<string | null>(
    page,
    'dialbar-test-reader',
    `(() => { const h = CSS.highlights.get('dialbar-phone'); return h ? JSON.stringify([...h].map(String).sort()) : null; })()`,
  );
  return json === null ? null : (JSON.parse(json) as string[]);
}

export async function waitForHighlights(page: Page, count: number, frame?: string, timeout = 15_000): Promise<string[]> {
  const end = Date.now() + timeout;
  let last: string[] | null = null;
  while (Date.now() < end) {
    last = await highlightTexts(page, frame);
    if (last && last.length >= count) return last;
    await page.waitForTimeout(50);
  }
  throw new Error(`expected ${count} highlighted ranges, have ${JSON.stringify(last)}`);
}

/**
 * Evaluates `expression` in Dialbar's own isolated world of the page's main frame (over CDP),
 * where the content script's debug hook lives: `globalThis[Symbol.for('dialbar.debug')]`.
 */
export async function inDialbarWorld<T>(page: Page, expression: string): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const contexts: Array<{ id: number; name: string; auxData?: { frameId?: string; isDefault?: boolean } }> = [];
    cdp.on('Runtime.executionContextCreated', (e: { context: (typeof contexts)[number] }) => contexts.push(e.context));
    await cdp.send('Runtime.enable');
    const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
    const world = contexts.find((c) => c.name === 'Dialbar' && c.auxData?.frameId === frameTree.frame.id);
    if (!world) throw new Error('no Dialbar world in this page');
    const { result, exceptionDetails } = (await cdp.send('Runtime.evaluate', {
      contextId: world.id,
      returnByValue: true,
      expression: `(() => { const d = globalThis[Symbol.for('dialbar.debug')]; return ${expression}; })()`,
    })) as { result: { value: T }; exceptionDetails?: unknown };
    if (exceptionDetails) throw new Error(JSON.stringify(exceptionDetails));
    return result.value;
  } finally {
    await cdp.detach();
  }
}

/** Centre of the first box of the highlighted range whose text is `text`. */
export async function pointOf(page: Page, text: string): Promise<{ x: number; y: number }> {
  const point = await page.evaluate((wanted) => {
    const h = CSS.highlights.get('dialbar-phone');
    for (const r of h ?? []) {
      if (r.toString() !== wanted) continue;
      const first = (r as Range).getClientRects()[0];
      if (first && (first.top < 0 || first.bottom > innerHeight)) {
        scrollBy(0, first.top - innerHeight / 2);
      }
      const box = (r as Range).getClientRects()[0];
      if (box) return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    }
    return null;
  }, text);
  if (!point) throw new Error(`no highlighted range "${text}"`);
  return point;
}

/** Text inside the card's closed shadow root in any frame of `page`, read over CDP (page script cannot); null: no card host. */
export async function cardText(page: Page): Promise<string | null> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const host = findNode(root, (n) => n.nodeName === 'DIALBAR-CARD');
    if (!host) return null;
    const parts: string[] = [];
    const walk = (n: CdpNode, hidden: boolean) => {
      const isHidden = hidden || (n.attributes ?? []).includes('hidden');
      if (n.nodeType === 3 && !isHidden) parts.push(n.nodeValue ?? '');
      for (const c of kids(n)) walk(c, isHidden);
    };
    walk(host, false);
    return parts.join(' ').replace(/\s+/g, ' ').trim();
  } finally {
    await cdp.detach();
  }
}
interface CdpNode {
  nodeType: number;
  nodeName: string;
  nodeValue?: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
  contentDocument?: CdpNode;
}
/** A node's shadow roots, children and (an iframe's) document. */
function kids(n: CdpNode): CdpNode[] {
  return [...(n.shadowRoots ?? []), ...(n.children ?? []), ...(n.contentDocument ? [n.contentDocument] : [])];
}
function findNode(n: CdpNode, pred: (n: CdpNode) => boolean): CdpNode | null {
  if (pred(n)) return n;
  for (const c of kids(n)) {
    const hit = findNode(c, pred);
    if (hit) return hit;
  }
  return null;
}

export async function waitForCard(page: Page, pattern: RegExp, timeout = 8000): Promise<string> {
  const end = Date.now() + timeout;
  let last: string | null = null;
  while (Date.now() < end) {
    last = await cardText(page);
    if (last && pattern.test(last)) return last;
    await page.waitForTimeout(100);
  }
  throw new Error(`card never matched ${pattern}; last: ${JSON.stringify(last)}`);
}

/** Starts counting `background.dial` requests in the service worker; returns a reader of the numbers. */
export async function countDials(): Promise<() => Promise<string[]>> {
  await worker.evaluate(() => {
    const g = globalThis as unknown as { __dials?: string[] };
    if (g.__dials) {
      g.__dials.length = 0;
      return;
    }
    g.__dials = [];
    chrome.runtime.onMessage.addListener((m: { type?: string; payload?: { number?: string } }) => {
      if (m?.type === 'background.dial') g.__dials?.push(String(m.payload?.number));
    });
  });
  return () => worker.evaluate(() => [...((globalThis as unknown as { __dials?: string[] }).__dials ?? [])]);
}

export async function setPrefs(prefs: Record<string, unknown>): Promise<void> {
  await worker.evaluate((p) => chrome.storage.local.set({ prefs: p }), { ...DEFAULT_PREFS, ...prefs });
}

export async function open(pathname: string): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    const fromExtension = m.location().url.startsWith('chrome-extension://');
    if (m.type() === 'error' && (fromExtension || /dialbar/i.test(m.text()))) errors.push(m.text());
  });
  (page as Page & { dialbarErrors?: string[] }).dialbarErrors = errors;
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      (window as unknown as { __domAtLoad: string }).__domAtLoad = document.documentElement.outerHTML;
    });
  });
  await page.goto(base + pathname);
  return page;
}
