import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { RecordStore } from '../../../src/content/record-store';
import type { ViewportPainter as PainterClass } from '../../../src/content/scan/viewport-painter';

let ViewportPainter: typeof PainterClass;
beforeAll(async () => {
  ({ ViewportPainter } = await import('../../../src/content/scan/viewport-painter'));
});

// Units are siblings here: linkedom orders siblings correctly (not cousins), and a long list of
// sibling blocks is the case that matters (table rows, feed items).
const row = (id: string) => `<p id="${id}">${id}</p>`;

function list(ids: string[]) {
  const { document } = parseHTML(`<!doctype html><html><body><div id="list">${ids.map(row).join('')}</div></body></html>`);
  return document as unknown as Document;
}

/** A store where every connected unit has records; `removals` counts drops. */
function fakeStore() {
  return { needsViewport: false, removals: 0, setVisible: () => {}, has: (u: Node) => u.isConnected };
}

function painter(store = fakeStore()): PainterClass {
  return new ViewportPainter(store as unknown as RecordStore, { innerHeight: 800 } as Window);
}

/** Counts compareDocumentPosition calls: each walks the siblings between the two nodes. */
function countComparisons(doc: Document) {
  const proto = Object.getPrototypeOf(Object.getPrototypeOf(doc.body)) as Node;
  const owner = (function find(p: object | null): Node {
    for (let o = p; o; o = Object.getPrototypeOf(o)) if (Object.hasOwn(o, 'compareDocumentPosition')) return o as Node;
    throw new Error('no compareDocumentPosition');
  })(proto);
  return vi.spyOn(owner, 'compareDocumentPosition');
}

const unitsIn = (doc: Document) => [...doc.querySelectorAll('p')];
function three(doc: Document): [Element, Element, Element] {
  const [a, b, c] = unitsIn(doc);
  if (!a || !b || !c) throw new Error('three units expected');
  return [a, b, c];
}
const ids = (units: readonly unknown[]) => units.map((u) => (u as Element).id);

describe('ViewportPainter keeps units in document order', () => {
  it('appends units noted in order, one comparison each', () => {
    const doc = list(Array.from({ length: 500 }, (_, i) => `r${i}`));
    const p = painter();
    const spy = countComparisons(doc);
    for (const td of unitsIn(doc)) p.note(td);
    expect(spy.mock.calls.length).toBeLessThanOrEqual(500);
    expect(ids(p.ordered())).toEqual(ids(unitsIn(doc)));
    spy.mockRestore();
  });

  it('merges rows prepended to a long list as one run, not a binary search per row', () => {
    const doc = list(Array.from({ length: 2000 }, (_, i) => `r${i}`));
    const p = painter();
    for (const td of unitsIn(doc)) p.note(td);
    p.ordered();
    const box = doc.getElementById('list') as HTMLElement;
    box.insertAdjacentHTML('afterbegin', Array.from({ length: 500 }, (_, i) => row(`new${i}`)).join(''));
    const spy = countComparisons(doc);
    for (const td of doc.querySelectorAll('p[id^="new"]')) p.note(td);
    const ordered = p.ordered();
    // One look at the list's end, one per neighbour, a binary search for the run: ~520, where a
    // search per row made ~5,500.
    expect(spy.mock.calls.length).toBeLessThan(600);
    expect(ids(ordered)).toEqual(ids(unitsIn(doc)));
    spy.mockRestore();
  });

  it('places units noted in any order (rows inserted in several places)', () => {
    const doc = list(Array.from({ length: 300 }, (_, i) => `r${i}`));
    const p = painter();
    for (const td of unitsIn(doc)) p.note(td);
    const box = doc.getElementById('list') as HTMLElement;
    const added: Element[] = [];
    for (const at of [250, 3, 120, 0, 299, 121]) {
      const ref = box.children[at] as Element;
      ref.insertAdjacentHTML('beforebegin', row(`at${at}`));
      added.push(doc.getElementById(`at${at}`) as Element);
    }
    // Notes in a scrambled order, including two neighbours noted back to front.
    for (const td of [added[2], added[5], added[0], added[3], added[1], added[4]]) p.note(td as Element);
    expect(ids(p.ordered())).toEqual(ids(unitsIn(doc)));
  });

  it('lists a unit once when it is noted again after its records were dropped (read again after an edit)', () => {
    const doc = list(['a', 'b', 'c']);
    const store = fakeStore();
    const p = painter(store);
    const [a, b, c] = three(doc);
    for (const td of [a, b, c]) p.note(td);
    store.removals++; // b and a were read again: their records dropped and found anew
    for (const td of [b, a]) p.note(td);
    expect(ids(p.ordered())).toEqual(ids([a, b, c]));
    store.removals++;
    p.note(c);
    expect(p.size).toBe(4); // listed twice until the next sweep
    expect(ids(p.ordered())).toEqual(ids([a, b, c]));
  });

  it('lists a unit once when the lists are swept while it is noted again', () => {
    const doc = list(Array.from({ length: 65 }, (_, i) => `r${i}`));
    const store = fakeStore();
    const p = painter(store);
    const units = unitsIn(doc);
    for (const u of units.slice(0, 64)) p.note(u);
    store.removals++;
    // This note sweeps first (the lists reached 64): the unit noted must still not stay listed twice.
    p.note(units[0] as Element);
    p.note(units[64] as Element);
    expect(ids(p.ordered())).toEqual(ids(units));
  });

  it('drops units that left the page before they were merged', () => {
    const doc = list(['a', 'b', 'c']);
    const p = painter();
    const [a, b, c] = three(doc);
    p.note(c);
    p.note(a);
    p.note(b);
    a.remove();
    expect(ids(p.ordered())).toEqual(ids([b, c]));
    // Once gone from the list, a unit put back is listed again.
    (doc.getElementById('list') as HTMLElement).prepend(a);
    p.note(a);
    expect(ids(p.ordered())).toEqual(ids([a, b, c]));
  });

  it('does not keep units of a list the page re-renders again and again (few numbers, never refreshed)', () => {
    const doc = list([]);
    const store = fakeStore();
    const p = painter(store);
    const box = doc.getElementById('list') as HTMLElement;
    for (let round = 0; round < 200; round++) {
      box.innerHTML = Array.from({ length: 20 }, (_, i) => row(`r${round}-${i}`)).join('');
      store.removals++; // the old rows' records were dropped
      for (const p2 of unitsIn(doc)) p.note(p2);
    }
    // 4000 units were noted; only the 20 in the page matter. Sweeps keep the lists within about
    // twice that, plus a constant.
    expect(p.size).toBeLessThanOrEqual(2 * 20 + 64 + 20);
    expect(ids(p.ordered())).toEqual(ids(unitsIn(doc)));
  });
});

describe('ViewportPainter.refresh', () => {
  const ROW = 30;
  /** Units laid out as rows ROW px high from `scroll` up; counts box reads. */
  function laidOut(count: number) {
    const doc = list(Array.from({ length: count }, (_, i) => `r${i}`));
    const layout = { scroll: 0, reads: 0 };
    const place = (el: Element, i: number) => {
      (el as unknown as { getBoundingClientRect: () => object }).getBoundingClientRect = () => {
        layout.reads++;
        const top = i * ROW - layout.scroll;
        return { top, bottom: top + ROW, width: 100, height: ROW };
      };
    };
    unitsIn(doc).forEach(place);
    const add = (n: number) => {
      const parent = doc.getElementById('list') as HTMLElement;
      const added: Element[] = [];
      for (let k = 0; k < n; k++) {
        parent.insertAdjacentHTML('beforeend', row(`r${unitsIn(doc).length}`));
        const el = parent.lastElementChild as Element;
        place(el, unitsIn(doc).length - 1);
        added.push(el);
      }
      return added;
    };
    return { doc, layout, add };
  }
  function painted() {
    const store = { ...fakeStore(), needsViewport: true, visible: [] as string[], calls: 0 };
    store.setVisible = ((units: Set<Element>) => {
      store.calls++;
      store.visible = ids([...units]);
    }) as never;
    return store;
  }

  it('keeps its last answer while a scan only appends units below the band, reading two boxes', async () => {
    const { realm } = await import('../../../src/content/realm');
    let now = 0;
    const clock = vi.spyOn(realm, 'now').mockImplementation(() => now);
    const { doc, layout, add } = laidOut(200);
    const store = painted();
    const p = new ViewportPainter(store as unknown as RecordStore, { innerHeight: 800 } as Window);
    for (const u of unitsIn(doc)) p.note(u);
    p.refresh();
    // The band is one screen above and below the 800 px view: rows 0–53 (up to 1,600 px).
    expect(store.visible).toEqual(Array.from({ length: 54 }, (_, i) => `r${i}`));
    const fullReads = layout.reads;
    expect(fullReads).toBeGreaterThan(54);

    for (const u of add(100)) p.note(u);
    layout.reads = 0;
    now = 100;
    p.refresh();
    expect(layout.reads).toBe(2);
    expect(store.calls).toBe(1);

    // Scrolled: read again in full.
    layout.scroll = 3000;
    layout.reads = 0;
    now = 200;
    p.refresh();
    expect(layout.reads).toBeGreaterThan(54);
    expect(store.calls).toBe(2);
    expect(store.visible[0]).toBe('r73');

    // Nothing moved, but the last full read is older than a second: read again in full.
    for (const u of add(10)) p.note(u);
    now = 1300;
    layout.reads = 0;
    p.refresh();
    expect(layout.reads).toBeGreaterThan(2);
    expect(store.calls).toBe(3);

    // A unit noted out of order (merged) also brings a full read.
    const first = unitsIn(doc)[0] as Element;
    const parent = doc.getElementById('list') as HTMLElement;
    parent.insertAdjacentHTML('afterbegin', row('top'));
    p.note(parent.firstElementChild as Element);
    expect(first.id).toBe('r0');
    now = 1400;
    layout.reads = 0;
    p.refresh();
    expect(layout.reads).toBeGreaterThan(2);
    expect(store.calls).toBe(4);
    clock.mockRestore();
  });

  it('reads in full when the walk reached the list’s end (units appended later may be in the band)', () => {
    const { doc, layout, add } = laidOut(20);
    const store = painted();
    const p = new ViewportPainter(store as unknown as RecordStore, { innerHeight: 800 } as Window);
    for (const u of unitsIn(doc)) p.note(u);
    p.refresh();
    expect(store.visible).toHaveLength(20);
    for (const u of add(5)) p.note(u);
    layout.reads = 0;
    p.refresh();
    expect(store.visible).toHaveLength(25);
    expect(layout.reads).toBeGreaterThan(2);
  });

  it('compares a unit of the document’s own tree with no getRootNode call', () => {
    const doc = list(Array.from({ length: 50 }, (_, i) => `r${i}`));
    const owner = (function find(o: object | null): object {
      for (; o; o = Object.getPrototypeOf(o)) if (Object.hasOwn(o, 'getRootNode')) return o;
      throw new Error('no getRootNode');
    })(doc.body);
    const roots = vi.spyOn(owner as Node, 'getRootNode');
    const p = painter();
    for (const u of unitsIn(doc)) p.note(u);
    // The first unit is listed by its anchor; every later one is compared as it is.
    expect(roots.mock.calls.length).toBeLessThanOrEqual(1);
    expect(ids(p.ordered())).toEqual(ids(unitsIn(doc)));
    roots.mockRestore();
  });
});
