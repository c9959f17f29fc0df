/**
 * Number detection in real Chromium with the built extension (.output/chrome-mv3, or
 * DIALBAR_EXTENSION; run `npx wxt build` first): formats and traps, the card, clicks, tel:
 * links, SPAs, frames, shadow roots, opt-out, prefs. Dials are observed on the page: the card's
 * status shows the service worker's answer (without an account: "Dialbar has no phone account
 * yet…"), which proves the request reached the worker.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  cardText,
  countDials,
  FORMATS_EXPECTED,
  harness,
  hasBuild,
  highlightTexts,
  open,
  pointOf,
  resetHarness,
  setPrefs,
  startHarness,
  stopHarness,
  waitForCard,
  waitForHighlights,
} from './detection-support';


describe.skipIf(!hasBuild)('number detection in Chromium', () => {
  beforeAll(startHarness);
  afterAll(stopHarness);
  beforeEach(resetHarness);

  const EXPECTED = FORMATS_EXPECTED;

  test('highlights exactly the numbers on a page of formats and traps', async () => {
    const page = await open('/formats.html');
    await waitForHighlights(page, EXPECTED.length);
    await page.waitForTimeout(300);
    expect(await highlightTexts(page)).toEqual(EXPECTED);
  });

  test('an element that becomes editable or hidden loses its marks; one that stops being so gets them', async () => {
    const page = await open('/formats.html');
    await waitForHighlights(page, EXPECTED.length);
    const set = (selector: string, attribute: string, value: string | null) =>
      page.evaluate(
        ({ sel, name, v }) => {
          const el = document.querySelector(sel) as Element;
          if (v === null) el.removeAttribute(name);
          else el.setAttribute(name, v);
        },
        { sel: selector, name: attribute, v: value },
      );
    const marks = () => highlightTexts(page);
    // Editing switched off, then on again (the "click to edit" pattern).
    await set('#editable', 'contenteditable', 'false');
    await expect.poll(marks).toEqual([...EXPECTED, '+1 415 555 0115'].sort());
    await set('#editable', 'contenteditable', '');
    await expect.poll(marks).toEqual(EXPECTED);
    // A hidden block shown; a table cell, then an inline element, becoming editable.
    await set('div[hidden]', 'hidden', null);
    await expect.poll(marks).toEqual([...EXPECTED, '+1 415 555 0117'].sort());
    await set('#uk', 'contenteditable', 'true');
    await expect.poll(marks).not.toContain('+44 20 7946 0958');
    await set('#split b', 'contenteditable', 'plaintext-only');
    await expect.poll(marks).not.toContain('415 555-0199');
    await set('#split b', 'contenteditable', null);
    await expect.poll(marks).toContain('415 555-0199');
  });

  test('an element that gains the opt-out or an editor class loses its marks; losing it brings them back', async () => {
    const page = await open('/formats.html');
    await waitForHighlights(page, EXPECTED.length);
    const setClass = (selector: string, value: string) =>
      page.evaluate(({ sel, v }) => (document.querySelector(sel) as Element).setAttribute('class', v), { sel: selector, v: value });
    const marks = () => highlightTexts(page);
    const UK = '+44 20 7946 0958';
    // A styling class changes nothing: not even a rescan, which would replace the number's range.
    const keepUkRange = () =>
      page.evaluate(() => {
        const h = CSS.highlights.get('dialbar-phone') as Highlight;
        const cell = document.getElementById('uk') as Element;
        const range = [...h].find((r) => cell.contains(r.startContainer)) as Range;
        (window as unknown as { ukRange: Range }).ukRange = range;
        return range !== undefined;
      });
    expect(await keepUkRange()).toBe(true);
    await setClass('#uk', 'selected row-3');
    await page.waitForTimeout(400);
    expect(await marks()).toEqual(EXPECTED);
    expect(
      await page.evaluate(() =>
        (CSS.highlights.get('dialbar-phone') as Highlight).has((window as unknown as { ukRange: Range }).ukRange),
      ),
    ).toBe(true);
    await setClass('#uk', 'selected dialbar-off');
    await expect.poll(marks).not.toContain(UK);
    await setClass('#uk', 'selected');
    await expect.poll(marks).toEqual(EXPECTED);
    // An editor mounted on an existing element (its class arrives after the scan), then removed.
    await setClass('#split', 'ProseMirror');
    await expect.poll(marks).not.toContain('415 555-0199');
    await setClass('#split', '');
    await expect.poll(marks).toEqual(EXPECTED);
  });

  test('numbers written only in full-width or Arabic-Indic digits are found, short digit runs skipped', async () => {
    harness.routes.set(
      '/wide-digits.html',
      `<!doctype html><html><head><meta charset="utf-8"></head><body><table>
      <tr><td>＋８５２ ２５２５ ２７３８</td><td>Room 12</td></tr>
      <tr><td>+1 415 555 0132</td><td>١٢٣</td></tr>
      </table></body></html>`,
    );
    const page = await open('/wide-digits.html');
    await waitForHighlights(page, 2);
    await page.waitForTimeout(300);
    expect(await highlightTexts(page)).toEqual(['+1 415 555 0132', '＋８５２ ２５２５ ２７３８']);
  });

  test('the serialised DOM is unchanged apart from the card host', async () => {
    const page = await open('/formats.html');
    await waitForHighlights(page, EXPECTED.length);
    await page.mouse.move(...Object.values(await pointOf(page, '+49 30 1234567')) as [number, number]);
    await waitForCard(page, /\+49 30 1234567/);
    const { before, after, hosts, styles } = await page.evaluate(() => {
      const hosts = document.querySelectorAll('dialbar-card').length;
      const html = document.documentElement.outerHTML.replace(/<dialbar-card[^>]*><\/dialbar-card>/g, '');
      return {
        before: (window as unknown as { __domAtLoad: string }).__domAtLoad,
        after: html,
        hosts,
        styles: document.querySelectorAll('style').length,
      };
    });
    expect(hosts).toBe(1);
    expect(styles).toBe(1); // the page's own
    expect(after).toBe(before);
  });

  test('hovering a number shows the card; Escape closes it', async () => {
    const page = await open('/formats.html');
    await waitForHighlights(page, EXPECTED.length);
    const { x, y } = await pointOf(page, '+44 20 7946 0958');
    await page.mouse.move(x - 3, y);
    await page.mouse.move(x, y);
    const text = await waitForCard(page, /\+44 20 7946 0958/);
    expect(text).toContain('United Kingdom');
    expect(text).toContain('Call');
    expect(text).toContain('Copy');
    await page.keyboard.press('Escape');
    await expect.poll(() => cardText(page)).toBe('');
  });

  test('clicking a trap does nothing; clicking a number opens the card and Enter dials', async () => {
    const page = await open('/formats.html');
    await waitForHighlights(page, EXPECTED.length);
    await page.click('#trap-order', { position: { x: 120, y: 8 } });
    await page.waitForTimeout(400);
    expect(await page.evaluate(() => document.querySelectorAll('dialbar-card').length)).toBe(0);
    const { x, y } = await pointOf(page, '+33 1 42 68 53 00');
    await page.mouse.click(x, y);
    await waitForCard(page, /\+33 1 42 68 53 00.*France/);
    await page.keyboard.press('Enter'); // focus is on "Call"
    const text = await waitForCard(page, /no phone account|not signed in|engine|Calling…/);
    expect(text).not.toMatch(/Something went wrong/);
  });

  test('a click in a button keeps its page meaning (no call, no card from the click)', async () => {
    const page = await open('/formats.html');
    await waitForHighlights(page, EXPECTED.length);
    await page.evaluate(() => {
      (window as unknown as { clicks: number }).clicks = 0;
      document.getElementById('btn')?.addEventListener('click', () => {
        (window as unknown as { clicks: number }).clicks++;
      });
    });
    const { x, y } = await pointOf(page, '212.555.0147');
    await page.mouse.click(x, y);
    await page.waitForTimeout(600);
    expect(await page.evaluate(() => (window as unknown as { clicks: number }).clicks)).toBe(1);
    expect(await cardText(page)).not.toMatch(/Calling|no phone account/);
  });

  test('a synthetic el.click() from page script never dials', async () => {
    const page = await open('/formats.html');
    await waitForHighlights(page, EXPECTED.length);
    await page.evaluate(() => {
      // Keep the browser from handing tel: to the OS (that would swallow later input in headless).
      document.addEventListener('click', (e) => e.preventDefault());
      document.getElementById('tel')?.click();
      document.getElementById('tel-plain')?.click();
      const number = document.getElementById('us-paren');
      const box = number?.getBoundingClientRect();
      number?.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: (box?.left ?? 0) + 60, clientY: (box?.top ?? 0) + 8 }));
    });
    await page.waitForTimeout(600);
    expect(await page.evaluate(() => document.querySelectorAll('dialbar-card').length)).toBe(0);
  });

  test('a tel: link is dialled through Dialbar on a real click, once within 2 s', async () => {
    const page = await open('/formats.html');
    await waitForHighlights(page, EXPECTED.length);
    const dials = await countDials();
    // A second click right after the first, within the 2 s: not waiting for the first call's outcome,
    // which a loaded machine may take longer than 2 s to give.
    await page.click('#tel-plain');
    await page.click('#tel-plain');
    // The card shows the refusal of the second click and the first call's outcome, in whichever order they came.
    const text = await waitForCard(page, /no phone account|not signed in|engine|Already calling this number/);
    expect(text).toContain('5550100');
    expect(page.url()).toBe(`${harness.base}/formats.html`);
    // Once: the second click's dial was refused in the page (it would have been sent during that click).
    await expect.poll(async () => (await dials()).length).toBeGreaterThan(0);
    await page.waitForTimeout(300);
    expect(await dials()).toEqual(['5550100']);
  });

  test('an SPA that re-renders its list keeps working; new and edited rows are detected', async () => {
    const page = await open('/spa.html');
    await waitForHighlights(page, 2);
    await page.evaluate(() => (window as unknown as { addRow: (a: string, b: string) => void }).addRow('Cy', '+1 415 555 0103'));
    await expect.poll(() => highlightTexts(page)).toEqual(['+1 415 555 0101', '+1 415 555 0102', '+1 415 555 0103']);
    await page.evaluate(() => (window as unknown as { editFirst: (a: string) => void }).editFirst('+44 20 7946 0000'));
    await expect.poll(() => highlightTexts(page)).toEqual(['+1 415 555 0102', '+1 415 555 0103', '+44 20 7946 0000']);
    const { x, y } = await pointOf(page, '+1 415 555 0103');
    await page.mouse.move(x, y);
    await waitForCard(page, /\+1 415 555 0103/);
  });

  test('a block put between two halves of a number splits it; taking it out joins them again', async () => {
    harness.routes.set(
      '/split.html',
      `<!doctype html><html><head><meta charset="utf-8"></head><body>
      <p id="line"><span id="a">+1 415</span> <span id="b">555 0132</span></p><p>+1 212 555 0199</p></body></html>`,
    );
    const page = await open('/split.html');
    expect(await waitForHighlights(page, 2)).toEqual(['+1 212 555 0199', '+1 415 555 0132']);
    await page.evaluate(() => {
      const div = document.createElement('div');
      div.id = 'wedge';
      div.textContent = 'moved';
      document.getElementById('b')?.before(div);
    });
    await expect.poll(() => highlightTexts(page)).toEqual(['+1 212 555 0199']);
    await page.evaluate(() => document.getElementById('wedge')?.remove());
    await expect.poll(() => highlightTexts(page)).toEqual(['+1 212 555 0199', '+1 415 555 0132']);
  });

  test('iframes and open shadow roots are scanned', async () => {
    const page = await open('/frame.html');
    expect(await waitForHighlights(page, 1)).toEqual(['+1 646 555 0101']);
    expect(await waitForHighlights(page, 1, 'frame-child')).toEqual(['+1 617 555 0123']);
    const formats = await open('/formats.html');
    expect(await waitForHighlights(formats, EXPECTED.length)).toContain('+1 312 555 0175');
    const { x, y } = await pointOf(formats, '+1 312 555 0175');
    await formats.mouse.move(x, y);
    await waitForCard(formats, /\+1 312 555 0175/);
  });

  test('styles do not leak into the card from a hostile page, nor out of it into the page', async () => {
    harness.routes.set(
      '/hostile-css.html',
      `<!doctype html><html><head><meta charset="utf-8"><style>
        * { color: rgb(255, 0, 0) !important; font: 40px serif !important; }
        button { background: rgb(0, 255, 0) !important; padding: 50px !important; }
        dialbar-card, dialbar-card * { display: none !important; opacity: 0 !important; }
        .card, .call { visibility: hidden !important; }
      </style></head><body>
      <p>Support: +1 415 555 0132</p><button class="call" id="page-button">Page button</button>
      </body></html>`,
    );
    const page = await open('/hostile-css.html');
    await waitForHighlights(page, 1);
    const pageButton = () =>
      page.evaluate(() => {
        const cs = getComputedStyle(document.getElementById('page-button') as Element);
        return [cs.backgroundColor, cs.paddingTop, cs.color, cs.visibility];
      });
    const before = await pageButton();
    expect(before).toEqual(['rgb(0, 255, 0)', '50px', 'rgb(255, 0, 0)', 'hidden']);
    const { x, y } = await pointOf(page, '+1 415 555 0132');
    await page.mouse.move(x, y);
    await waitForCard(page, /\+1 415 555 0132/);
    // Computed styles inside the closed shadow root, read through DevTools.
    const cdp = await harness.context.newCDPSession(page);
    try {
      await cdp.send('DOM.enable');
      await cdp.send('CSS.enable');
      type Node = { nodeId: number; nodeName: string; attributes?: string[]; children?: Node[]; shadowRoots?: Node[] };
      const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: Node };
      const find = (n: Node, pred: (n: Node) => boolean): Node | null => {
        if (pred(n)) return n;
        for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) {
          const hit = find(c, pred);
          if (hit) return hit;
        }
        return null;
      };
      const style = async (n: Node | null) => {
        expect(n).not.toBeNull();
        const { computedStyle } = (await cdp.send('CSS.getComputedStyleForNode', { nodeId: (n as Node).nodeId })) as {
          computedStyle: Array<{ name: string; value: string }>;
        };
        return Object.fromEntries(computedStyle.map((p) => [p.name, p.value]));
      };
      const host = find(root, (n) => n.nodeName === 'DIALBAR-CARD');
      const inCard = (cls: string) =>
        find(host as Node, (n) => (n.attributes ?? []).some((a, i) => i % 2 === 1 && a.split(' ').includes(cls)));
      const hostStyle = await style(host);
      expect([hostStyle.display, hostStyle.opacity]).toEqual(['block', '1']);
      const card = await style(inCard('card'));
      expect([card.display, card.visibility, card['font-size']]).toEqual(['block', 'visible', '13px']);
      const call = await style(inCard('call'));
      expect([call['background-color'], call.color, call['font-size'], call['padding-top'], call.visibility]).toEqual([
        'rgb(31, 136, 61)',
        'rgb(255, 255, 255)',
        '13px',
        '5px',
        'visible',
      ]);
    } finally {
      await cdp.detach();
    }
    // The card's own rules (button, .call) do not reach the page's button.
    expect(await pageButton()).toEqual(before);
  });

  test('<meta name="dialbar" content="off"> opts the page out', async () => {
    const page = await open('/optout.html');
    await page.waitForTimeout(1200);
    expect(await highlightTexts(page)).toBeNull();
  });

  test('the page cannot make Dialbar dial a range it added to the highlight', async () => {
    const page = await open('/formats.html');
    await waitForHighlights(page, EXPECTED.length);
    // The page adds its own range over a trap and deletes the registry entry.
    await page.evaluate(() => {
      const h = CSS.highlights.get('dialbar-phone');
      const text = document.getElementById('trap-order')?.firstChild;
      if (!h || !text) throw new Error('setup');
      const r = new Range();
      r.setStart(text, 0);
      r.setEnd(text, 20);
      h.add(r);
    });
    const box = await page.evaluate(() => {
      const r = document.getElementById('trap-order')?.getBoundingClientRect();
      return r ? { x: r.left + 30, y: r.top + r.height / 2 } : null;
    });
    await page.mouse.move(box!.x, box!.y);
    await page.mouse.click(box!.x, box!.y);
    await page.waitForTimeout(600);
    expect(await page.evaluate(() => document.querySelectorAll('dialbar-card').length)).toBe(0);
    // Deleted from the registry: Dialbar puts it back (on pointer activity or the next batch).
    await page.evaluate(() => CSS.highlights.delete('dialbar-phone'));
    await page.mouse.move(box!.x + 5, box!.y);
    await page.waitForTimeout(700);
    await page.mouse.move(box!.x + 10, box!.y);
    await expect.poll(() => highlightTexts(page)).toEqual(EXPECTED);
  });

  test('turning detection off for the site removes the marks live, and back on restores them', async () => {
    const page = await open('/formats.html');
    await waitForHighlights(page, EXPECTED.length);
    await setPrefs({ sites: [{ host: '127.0.0.1', detect: false }] });
    await expect.poll(() => highlightTexts(page)).toBeNull();
    await setPrefs({});
    await expect.poll(() => highlightTexts(page)).toEqual(EXPECTED);
  });

  test('clickAction "call" dials on a click at once', async () => {
    await setPrefs({ clickAction: 'call' });
    const page = await open('/formats.html');
    await waitForHighlights(page, EXPECTED.length);
    const { x, y } = await pointOf(page, '+81 3-1234-5678');
    await page.mouse.click(x, y);
    await waitForCard(page, /no phone account|not signed in|engine/);
  });

  test('with clickAction "call", a number inside a link or a label still keeps its page meaning', async () => {
    await setPrefs({ clickAction: 'call' });
    harness.routes.set(
      '/links.html',
      `<!doctype html><html><head><meta charset="utf-8"></head><body>
      <p><a id="lnk" href="#contact-7">Contact 7: +1 415 555 0161</a></p>
      <p><label for="agree">Call me on +1 415 555 0162</label> <input id="agree" type="checkbox"></p>
      <p id="plain">Desk: +1 415 555 0163</p>
      </body></html>`,
    );
    const page = await open('/links.html');
    await waitForHighlights(page, 3);
    let at = await pointOf(page, '+1 415 555 0161');
    await page.mouse.click(at.x, at.y);
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#contact-7');
    at = await pointOf(page, '+1 415 555 0162');
    await page.mouse.click(at.x, at.y);
    await expect.poll(() => page.evaluate(() => (document.getElementById('agree') as HTMLInputElement).checked)).toBe(true);
    await page.waitForTimeout(600);
    expect(await cardText(page)).not.toMatch(/Calling|no phone account/);
    // The same setting dials a number outside them at once (the two above were not refused for another
    // reason). The hover card of the label's number sits over the next line: close it first.
    await page.keyboard.press('Escape');
    await page.mouse.move(1, 1);
    await expect.poll(async () => (await cardText(page)) ?? '').toBe('');
    at = await pointOf(page, '+1 415 555 0163');
    await page.mouse.click(at.x, at.y);
    await waitForCard(page, /no phone account|not signed in|engine/);
  });

  test('Copy on the card copies the E.164 number (keyboard: Tab, Enter)', async () => {
    await harness.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: harness.base });
    const page = await open('/formats.html');
    await waitForHighlights(page, EXPECTED.length);
    const { x, y } = await pointOf(page, '(415) 555-0132');
    await page.mouse.click(x, y);
    await waitForCard(page, /\+1 415 555 0132/);
    await page.keyboard.press('Tab'); // from "Call" to "Copy"
    await page.keyboard.press('Enter');
    await waitForCard(page, /Copied\./);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('+14155550132');
  });

});
