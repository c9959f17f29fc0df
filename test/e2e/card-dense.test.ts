/**
 * The card never gets in the way (issue 13, point 6), on a dense CRM list
 * (test/lab/pages/crm/dense.html: 200 rows about 23 px high, one number in each): in card mode
 * an agent clicks one number after another down the list and each click reaches its number;
 * with "call at once" each click dials (the dial requests are counted in the service worker)
 * and no card opens. Dialbar's boxes (card, call status) are read over CDP from the closed
 * shadow root and must not overlap any other highlighted number.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { cardText, countDials, hasBuild, open, pointOf, resetHarness, setPrefs, startHarness, stopHarness, waitForCard, waitForHighlights } from './detection-support';

/** The number in row `i` (0-based) of dense.html, as printed. */
const row = (i: number) => `+1 ${i < 100 ? '415' : '212'} 555 ${String(100 + (i % 100)).padStart(4, '0')}`;
const e164 = (i: number) => row(i).replace(/ /g, '');

interface Box {
  cls: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Boxes of the shown (not hidden) top-level parts of Dialbar's closed shadow root, over CDP. */
async function dialbarBoxes(page: Page): Promise<Box[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    type Node = { nodeId: number; nodeName: string; attributes?: string[]; children?: Node[]; shadowRoots?: Node[] };
    await cdp.send('DOM.enable');
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: Node };
    const find = (n: Node): Node | null => {
      if (n.nodeName === 'DIALBAR-CARD') return n;
      for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) {
        const hit = find(c);
        if (hit) return hit;
      }
      return null;
    };
    const host = find(root);
    const boxes: Box[] = [];
    for (const part of host?.shadowRoots?.[0]?.children ?? []) {
      const attrs = part.attributes ?? [];
      if (part.nodeName === 'STYLE' || attrs.includes('hidden')) continue;
      const cls = attrs[attrs.indexOf('class') + 1] ?? '';
      try {
        const { model } = (await cdp.send('DOM.getBoxModel', { nodeId: part.nodeId })) as { model: { border: number[] } };
        const [x1 = 0, y1 = 0, , , x3 = 0, y3 = 0] = model.border;
        if (x3 > x1 && y3 > y1) boxes.push({ cls, left: x1, top: y1, right: x3, bottom: y3 });
      } catch {
        // Not rendered (display: none): no box.
      }
    }
    return boxes;
  } finally {
    await cdp.detach();
  }
}

/** Highlighted numbers in the viewport that a Dialbar box overlaps, other than `except`. */
async function coveredNumbers(page: Page, except: string): Promise<string[]> {
  const boxes = await dialbarBoxes(page);
  if (boxes.length === 0) return [];
  return page.evaluate(
    ({ boxes, except }) => {
      const out: string[] = [];
      for (const r of CSS.highlights.get('dialbar-phone') ?? []) {
        const text = r.toString();
        if (text === except) continue;
        for (const b of (r as Range).getClientRects()) {
          if (b.bottom < 0 || b.top > innerHeight) continue;
          if (boxes.some((c) => c.left < b.right && c.right > b.left && c.top < b.bottom && c.bottom > b.top)) out.push(text);
        }
      }
      return out;
    },
    { boxes, except },
  );
}

async function cardShown(page: Page): Promise<boolean> {
  return (await dialbarBoxes(page)).some((b) => b.cls === 'card');
}

describe.skipIf(!hasBuild)('the card on a dense list', () => {
  beforeAll(startHarness);
  afterAll(stopHarness);
  beforeEach(resetHarness);

  test('card mode: clicking down 10 rows, each click opens the card of its own number, beside it', async () => {
    const page = await open('/dense.html');
    await waitForHighlights(page, 200);
    for (let i = 0; i < 10; i++) {
      const { x, y } = await pointOf(page, row(i));
      await page.mouse.click(x, y);
      const text = await waitForCard(page, new RegExp(row(i).replace(/\+/g, '\\+')), 3000);
      expect(text).toContain('Call');
      expect(await coveredNumbers(page, row(i))).toEqual([]);
    }
    await page.keyboard.press('Escape');
    await expect.poll(() => cardShown(page)).toBe(false);
  });

  test('card mode: a click elsewhere closes the card, Escape too', async () => {
    const page = await open('/dense.html');
    await waitForHighlights(page, 200);
    let at = await pointOf(page, row(3));
    await page.mouse.click(at.x, at.y);
    await waitForCard(page, /\+1 415 555 0103/);
    await page.click('#title');
    await expect.poll(() => cardShown(page)).toBe(false);
    at = await pointOf(page, row(4));
    await page.mouse.click(at.x, at.y);
    await waitForCard(page, /\+1 415 555 0104/);
    await page.keyboard.press('Escape');
    await expect.poll(() => cardShown(page)).toBe(false);
  });

  test('call mode: five clicks down the list send five dials, open no card and cover no other number', async () => {
    await setPrefs({ clickAction: 'call' });
    const dials = await countDials();
    const page = await open('/dense.html');
    await waitForHighlights(page, 200);
    for (let i = 0; i < 5; i++) {
      const { x, y } = await pointOf(page, row(i));
      await page.mouse.click(x, y);
      await page.waitForTimeout(250);
      expect(await cardShown(page)).toBe(false);
      expect(await coveredNumbers(page, row(i))).toEqual([]);
    }
    await expect.poll(dials).toEqual([0, 1, 2, 3, 4].map(e164));
    // The outcome stays readable somewhere near the last number (no SIP account in this harness).
    expect(await waitForCard(page, /no phone account|not signed in|engine/)).toMatch(/\+1 415 555 0104|no phone account/);
    await page.waitForTimeout(500);
    expect(await cardShown(page)).toBe(false);
    expect(await cardText(page)).not.toMatch(/Copy/);
  });
});
