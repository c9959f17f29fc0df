/**
 * Detection loads in two steps (issue 13.7), in real Chromium against Kamailio: every page and
 * frame gets only the small bootstrap (boot.js); the full page script (detector, scanner, card)
 * is injected by the service worker into a frame once that frame holds something callable,
 * now or later. A small subframe is previewed first: the worker finds its numbers, the bootstrap
 * paints them, and the full script comes when the pointer or the keyboard does. Whether the full script runs in a frame is read from Dialbar's isolated world
 * over CDP: the bootstrap's state (`Symbol.for('dialbar.boot-state')`) and the full script's
 * debug hook (`Symbol.for('dialbar.debug')`), with no `dialbar-phone` highlight and no card host.
 */
import type { CDPSession, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALBAR_EXTENSION_ID } from '../lab/browser';
import { LAB_USERS } from '../lab/kamailio';
import { type CustomerPage, type Lab, startLab } from '../lab/lab';
import { DEFAULT_PREFS } from '../../src/settings/prefs';
import { BUILD, cardText, hasBuild } from './detection-support';
import { openExtensionPage, signInWithUsPlan, US_USER } from './support/dialbar';

const FRAMES = 30;

let lab: Lab;
let customer: CustomerPage;

const doc = (body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>frames</title></head>
<body style="margin:4px;font:14px sans-serif">${body}</body></html>`;
const frameList = (kind: string) =>
  Array.from({ length: FRAMES }, (_, i) => `<iframe src="/frames/${kind}/${i}.html" width="320" height="36" style="border:0;display:block"></iframe>`).join('\n');
const frameNumber = (i: number) => `+1 212 555 01${String(i).padStart(2, '0')}`;

function routes(): Record<string, string> {
  const out: Record<string, string> = {
    '/frames/plain.html': doc('<p>Welcome to our shop, we are glad to see you here today.</p>'),
    '/frames/empty.html': doc(`<p>A page with widgets.</p>${frameList('empty')}`),
    '/frames/numbers.html': doc(`<p>A page with contact widgets.</p>${frameList('number')}`),
    '/frames/later.html': doc('<p>Your account.</p><iframe src="/frames/later-frame.html" width="500" height="80" style="border:0"></iframe>'),
    '/frames/later-frame.html': doc('<p id="line">Loading your contact…</p>'),
    // The only numbers in open shadow roots of custom elements: one the parser makes (declarative), one a script makes.
    '/frames/shadow-only.html': doc(`<p>Our desks.</p>
<sales-desk><template shadowrootmode="open"><p>Sales: +1 415 555 0132</p></template></sales-desk>
<support-desk id="support"></support-desk>
<script>document.getElementById('support').attachShadow({ mode: 'open' }).innerHTML = '<p>Support: +1 415 555 0199</p>';</script>`),
    '/frames/tel-link.html': doc('<p>Questions? <a id="call" href="tel:+14155550132">Call our sales team</a>.</p>'),
    // A CRM page with no number that only uses the page API: its client connects at once.
    '/frames/api.html': doc(`<p>Agent desk.</p><script type="module">
import { connect } from 'chrome-extension://${DIALBAR_EXTENSION_ID}/dialbar-client.js';
window.result = null;
connect({ timeoutMs: 20000 }).then(
  (client) => { window.result = { ok: true, registration: client.state.registration.state }; },
  (error) => { window.result = { ok: false, code: error.code, message: error.message }; });
</script>`),
  };
  for (let i = 0; i < FRAMES; i++) {
    out[`/frames/empty/${i}.html`] = doc('<p>Special offer: free shipping on everything.</p>');
    out[`/frames/number/${i}.html`] = doc(`<p>Sales desk: ${frameNumber(i)}</p>`);
  }
  return out;
}

interface WorldState {
  boot: string | null;
  fullScript: boolean;
}

/** The bootstrap's state and whether the full page script runs, in Dialbar's world of every frame of `page`. */
async function dialbarWorlds(page: Page): Promise<Map<string, WorldState>> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  try {
    const contexts: Array<{ id: number; name: string; auxData?: { frameId?: string } }> = [];
    cdp.on('Runtime.executionContextCreated', (e: { context: (typeof contexts)[number] }) => contexts.push(e.context));
    await cdp.send('Runtime.enable');
    const out = new Map<string, WorldState>();
    for (const c of contexts.filter((x) => x.name === 'Dialbar')) {
      const { result } = (await cdp.send('Runtime.evaluate', {
        contextId: c.id,
        returnByValue: true,
        expression: `({ boot: globalThis[Symbol.for('dialbar.boot-state')] ?? null, fullScript: globalThis[Symbol.for('dialbar.debug')] !== undefined })`,
      })) as { result: { value: WorldState } };
      out.set(c.auxData?.frameId ?? String(c.id), result.value);
    }
    return out;
  } finally {
    await cdp.detach();
  }
}

/** Texts of the `dialbar-phone` highlight of one frame (null: none registered). */
function frameHighlights(frame: Frame): Promise<string[] | null> {
  return frame.evaluate(() => {
    const h = CSS.highlights.get('dialbar-phone');
    return h ? [...h].map((r) => r.toString()).sort() : null;
  });
}

/** Centre of the highlighted range `text` in `frame`, in page coordinates. */
async function pointInFrame(frame: Frame, text: string): Promise<{ x: number; y: number }> {
  const inner = await frame.evaluate((wanted) => {
    for (const r of CSS.highlights.get('dialbar-phone') ?? []) {
      const box = r.toString() === wanted ? (r as Range).getClientRects()[0] : undefined;
      if (box) return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    }
    return null;
  }, text);
  const outer = await (await frame.frameElement()).boundingBox();
  if (!inner || !outer) throw new Error(`no highlighted "${text}" in ${frame.url()}`);
  return { x: outer.x + inner.x, y: outer.y + inner.y };
}

async function openPage(path: string): Promise<Page> {
  const page = await lab.browser.context.newPage();
  await page.goto(lab.http.pageUrl(path), { waitUntil: 'load' });
  return page;
}

async function cardHosts(page: Page): Promise<number> {
  let n = 0;
  for (const frame of page.frames()) n += await frame.evaluate(() => document.querySelectorAll('dialbar-card').length);
  return n;
}

describe.skipIf(!hasBuild)('detection loads only where there is something to call', () => {
  beforeAll(async () => {
    lab = await startLab({ extensionPath: BUILD, kamailio: { users: { ...LAB_USERS, [US_USER]: 'us-secret' } } });
    lab.browser.context.setDefaultTimeout(15_000);
    for (const [path, html] of Object.entries(routes())) lab.http.route(path, html);
    await signInWithUsPlan(lab.browser.context, lab.kamailio.wsUrl);
    customer = await lab.openCustomer(US_USER);
  });

  afterAll(async () => {
    await lab?.stop();
  });

  it('a page and 30 frames with no number run only the bootstrap: no detector, no highlight, no card', async () => {
    for (const [path, documents] of [['/frames/plain.html', 1], ['/frames/empty.html', FRAMES + 1]] as const) {
      const page = await openPage(path);
      await expect.poll(async () => [...(await dialbarWorlds(page)).values()].filter((w) => w.boot === 'watching').length).toBe(documents);
      await page.waitForTimeout(1500); // time enough for an injection, had one been asked for
      const worlds = [...(await dialbarWorlds(page)).values()];
      expect(worlds).toHaveLength(documents);
      expect(worlds.every((w) => w.boot === 'watching' && !w.fullScript), JSON.stringify(worlds)).toBe(true);
      for (const frame of page.frames()) expect(await frameHighlights(frame)).toBeNull();
      expect(await cardHosts(page)).toBe(0);
      await page.close();
    }
  });

  it('30 frames with a number each: every one is highlighted, and the full script comes only to the frame the pointer comes to', async () => {
    const page = await openPage('/frames/numbers.html');
    const frames = page.frames().filter((f) => f !== page.mainFrame());
    expect(frames).toHaveLength(FRAMES);
    for (const frame of frames) {
      const i = Number(/\/(\d+)\.html$/.exec(frame.url())?.[1]);
      await expect.poll(() => frameHighlights(frame), { timeout: 20_000 }).toEqual([frameNumber(i)]);
    }
    // Each frame's numbers were found by the service worker and painted by its bootstrap: no
    // frame loaded the full script; the main frame, with nothing to call, kept only the bootstrap.
    const worlds = [...(await dialbarWorlds(page)).values()];
    expect(worlds.filter((w) => !w.fullScript && w.boot === 'previewed')).toHaveLength(FRAMES);
    expect(worlds.filter((w) => !w.fullScript && w.boot === 'watching')).toHaveLength(1);
    expect(await frameHighlights(page.mainFrame())).toBeNull();

    // The pointer over one frame's number brings the full script into that frame only, and its card opens there.
    const third = frames.find((f) => f.url().endsWith('/number/3.html')) as Frame;
    const { x, y } = await pointInFrame(third, frameNumber(3));
    await page.mouse.move(x, y);
    await expect.poll(() => cardText(page)).toMatch(/\+1 212 555 0103/);
    const after = [...(await dialbarWorlds(page)).values()];
    expect(after.filter((w) => w.fullScript && w.boot === 'asked')).toHaveLength(1);
    expect(after.filter((w) => !w.fullScript && w.boot === 'previewed')).toHaveLength(FRAMES - 1);
    expect(await frameHighlights(third)).toEqual([frameNumber(3)]);
    await page.close();
  });

  it('frames of a site where detection is off get no preview: the worker finds nothing for them', async () => {
    const before = await lab.browser.swEvaluate(async () => (await chrome.storage.local.get('prefs')).prefs ?? null);
    const host = new URL(lab.http.url).hostname;
    const off = { ...DEFAULT_PREFS, ...(before as object | null), sites: [{ host, detect: false }] };
    await lab.browser.swEvaluate((prefs) => chrome.storage.local.set({ prefs }), off);
    try {
      const page = await openPage('/frames/numbers.html');
      await expect.poll(async () => [...(await dialbarWorlds(page)).values()].filter((w) => w.boot === 'previewed').length).toBe(FRAMES);
      for (const frame of page.frames()) expect(await frameHighlights(frame)).toBeNull();
      expect([...(await dialbarWorlds(page)).values()].some((w) => w.fullScript)).toBe(false);
      await page.close();
    } finally {
      await lab.browser.swEvaluate((prefs) => (prefs ? chrome.storage.local.set({ prefs }) : chrome.storage.local.remove('prefs')), before);
    }
  });

  it('a frame whose text gains a number later gets highlighted, and its card dials the customer', async () => {
    const page = await openPage('/frames/later.html');
    const frame = page.frames().find((f) => f.url().endsWith('/later-frame.html')) as Frame;
    await expect.poll(async () => [...(await dialbarWorlds(page)).values()].filter((w) => w.boot === 'watching').length).toBe(2);
    await page.waitForTimeout(1000);
    expect(await frameHighlights(frame)).toBeNull();
    expect([...(await dialbarWorlds(page)).values()].some((w) => w.fullScript)).toBe(false);

    await frame.evaluate(() => {
      const line = document.getElementById('line') as HTMLElement;
      line.textContent = 'Your sales contact: ';
      const b = document.createElement('b');
      b.textContent = '(415) 555-0132';
      line.append(b);
    });
    await expect.poll(() => frameHighlights(frame), { timeout: 20_000 }).toEqual(['(415) 555-0132']);
    expect(await frameHighlights(page.mainFrame())).toBeNull();

    const since = Date.now();
    const { x, y } = await pointInFrame(frame, '(415) 555-0132');
    await page.mouse.click(x, y);
    await expect.poll(() => cardText(page)).toMatch(/\+1 415 555 0132.*Call/);
    await page.keyboard.press('Enter'); // focus is on "Call"
    await customer.waitForEvent('invite', 15_000, since);
    await customer.reject(486);
    await page.close();
  });

  it('a page whose only numbers are in custom elements’ open shadow roots gets them highlighted', async () => {
    const page = await openPage('/frames/shadow-only.html');
    await expect.poll(() => frameHighlights(page.mainFrame()), { timeout: 20_000 }).toEqual(['+1 415 555 0132', '+1 415 555 0199']);
    expect([...(await dialbarWorlds(page)).values()].map((w) => w.boot)).toEqual(['asked']);
    await page.close();
  });

  it('a tel: link on a page with no other digits dials the customer', async () => {
    const page = await openPage('/frames/tel-link.html');
    await expect.poll(async () => [...(await dialbarWorlds(page)).values()][0]?.fullScript ?? false).toBe(true);
    const since = Date.now();
    await page.click('#call');
    await customer.waitForEvent('invite', 15_000, since);
    expect(page.url()).toMatch(/\/frames\/tel-link\.html$/);
    await customer.reject(486);
    await page.close();
  });

  it('the page API answers on a page with no number: connected on an allowed origin (registered page script), refused in words elsewhere', async () => {
    const options = await openExtensionPage(lab.browser.context, 'options.html');
    // localhost is the same server as 127.0.0.1 but another origin: only it is allowed.
    const allowed = new URL(lab.http.url.replace('127.0.0.1', 'localhost')).origin;
    await options.evaluate((pattern) => chrome.storage.local.set({ pageAccess: { origins: [{ pattern, consent: true }] } }), allowed);
    const worker = await lab.browser.serviceWorker();
    await expect
      .poll(() => worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).flatMap((s) => s.matches ?? [])))
      .toEqual(['http://localhost/*']);
    try {
      const page = await lab.browser.context.newPage();
      await page.goto(`${allowed}/frames/api.html`, { waitUntil: 'load' });
      await expect.poll(() => page.evaluate(() => (window as unknown as { result: unknown }).result), { timeout: 30_000 }).toEqual({ ok: true, registration: 'registered' });
      expect([...(await dialbarWorlds(page)).values()].map((w) => w.fullScript)).toEqual([true]);
      await page.close();

      const other = await openPage('/frames/api.html');
      await expect
        .poll(() => other.evaluate(() => (window as unknown as { result: unknown }).result), { timeout: 30_000 })
        .toMatchObject({ ok: false, code: 'page-not-allowed', message: expect.stringContaining('may not use Dialbar') });
      // The connect brought the page script into this frame only for that answer; nothing is highlighted.
      expect([...(await dialbarWorlds(other)).values()]).toEqual([{ boot: 'asked', fullScript: true }]);
      await other.close();
    } finally {
      await options.evaluate(() => chrome.storage.local.remove('pageAccess'));
      await expect.poll(() => worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).length)).toBe(0);
      await options.close();
    }
  });
});
