import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { leafPosition } from '../../../src/content/scan/block-text';
import type { Scanner as ScannerClass } from '../../../src/content/scan/scanner';
import type { Detection, Unit } from '../../../src/content/types';
import { ArrayMatches, type MatchList } from '../../../src/detect/match-list';

// realm.ts captures globals on import: give it what node lacks before loading the scanner.
vi.stubGlobal('getComputedStyle', () => ({ display: 'inline' }));
let Scanner: typeof ScannerClass;
let RecordStore: typeof import('../../../src/content/record-store').RecordStore;
let RunBatch: typeof import('../../../src/content/scan/run-batch').RunBatch;
let seekRun: typeof import('../../../src/content/scan/run-batch').seekRun;
let holdsMatch: typeof import('../../../src/content/scan/run-batch').holdsMatch;
let UnitPath: typeof import('../../../src/content/scan/unit-path').UnitPath;
beforeAll(async () => {
  ({ Scanner } = await import('../../../src/content/scan/scanner'));
  ({ RecordStore } = await import('../../../src/content/record-store'));
  ({ RunBatch, seekRun, holdsMatch } = await import('../../../src/content/scan/run-batch'));
  ({ UnitPath } = await import('../../../src/content/scan/unit-path'));
});

function doc(html: string): Document {
  const d = parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`).document as unknown as Document;
  // linkedom has no contentType; the row reader reads rows' markup only in HTML documents.
  Object.defineProperty(d, 'contentType', { value: 'text/html' });
  return d;
}

/** A stand-in detector: "ddd ddd-dddd" is a number. */
function detect(text: string): Detection[] {
  const out: Detection[] = [];
  for (const m of text.matchAll(/\d{3} \d{3}-\d{4}/g)) {
    out.push({ start: m.index, end: m.index + m[0].length, number: `+1${m[0].replace(/\D/g, '')}` });
  }
  return out;
}

function scan(d: Document, root: Unit = d.body, deep = true, opts = { detectInCode: false }) {
  const store = new RecordStore();
  const calls: string[] = [];
  const scanner = new Scanner({
    doc: d,
    store,
    detect: (text) => {
      calls.push(text);
      return detect(text);
    },
    country: 'US',
    opts,
    log: (where, error) => {
      throw new Error(`${where}: ${String(error)}`);
    },
    onShadowRoot: () => {},
  });
  const run = () => {
    for (const _ of scanner.work());
  };
  scanner.enqueue(root, deep, true);
  run();
  return { store, scanner, calls, run };
}

const shown = (store: InstanceType<typeof RecordStore>) =>
  [...store.all()].map((r) => `${r.shown}@${(r.unit as Element).id || (r.unit as Element).tagName}`).sort();

describe('Scanner', () => {
  it('reads table cells whole and lines across inline elements, split at blocks and <br>', () => {
    const d = doc(`<table><tbody><tr><td id="a">415 555-0132</td><td id="b">no digits</td><td id="c">Order 12</td></tr>
      <tr><td id="d"><b>415</b> 555-0133 and <i>415 555</i><br>-0134</td></tr></tbody></table>
      <div id="e">415 555-<div id="f">0135</div></div><p id="g">x <span>415 <em>555-0136</em></span></p>`);
    const { store, calls } = scan(d);
    expect(shown(store)).toEqual(['415 555-0132@a', '415 555-0133@d', '415 555-0136@g']);
    // Cells without enough digits never reach the detector.
    expect(calls.join('\n')).not.toContain('no digits');
    expect(calls.join('\n')).not.toContain('Order 12');
  });

  it('RecordStore.dropWithin forgets the units inside an element, itself included, and no others', () => {
    const d = doc(`<section id="s"><div id="a">415 555-0132</div><div id="b"><p id="c">415 555-0133</p></div></section>
      <div id="z">415 555-0134</div>`);
    const { store } = scan(d);
    expect(store.size).toBe(3);
    store.dropWithin(d.getElementById('b') as Element);
    expect(shown(store)).toEqual(['415 555-0132@a', '415 555-0134@z']);
    store.dropWithin(d.getElementById('a') as Element);
    expect(shown(store)).toEqual(['415 555-0134@z']);
    expect(store.size).toBe(1);
  });

  it('RecordStore keeps one record per text span and unit, also for a block holding thousands', () => {
    const d = doc('<div id="u"></div>');
    const unit = d.getElementById('u') as Element;
    const nodes = Array.from({ length: 3000 }, (_, i) => unit.appendChild(d.createTextNode(`415 555-${String(i).padStart(4, '0')}`)));
    const store = new RecordStore();
    const record = (node: Text) => ({ number: '+1', shown: node.data, unit, startNode: node, startOffset: 0, endNode: node, endOffset: 12, range: null });
    for (const node of nodes) store.add(record(node));
    for (const node of nodes) store.add(record(node)); // the same content read again
    expect(store.size).toBe(3000);
    store.add({ ...record(nodes[0] as Text), startOffset: 1, endOffset: 12 }); // another span of that node
    expect(store.size).toBe(3001);
    store.dropUnit(unit);
    expect(store.size).toBe(0);
    store.add(record(nodes[0] as Text)); // forgotten records do not block a new one
    expect(store.size).toBe(1);
  });

  it('maps matches in a cell of several text nodes to the right nodes', () => {
    const d = doc('<p id="p">Call </p>');
    const p = d.getElementById('p') as Element;
    p.appendChild(d.createTextNode('415 555'));
    p.appendChild(d.createTextNode('-0132'));
    const { store } = scan(d);
    const [r] = [...store.all()];
    expect(r?.startNode).toBe(p.childNodes[1]);
    expect(r?.startOffset).toBe(0);
    expect(r?.endNode).toBe(p.childNodes[2]);
    expect(r?.endOffset).toBe(5);
  });

  it('skips code, fields, editors and opted-out subtrees', () => {
    const html = `<pre id="pre">415 555-0140</pre><div class="dialbar-off"><p>415 555-0141</p></div>
      <div contenteditable="true"><p>415 555-0142</p></div><textarea>415 555-0143</textarea><p id="ok">415 555-0144</p>`;
    expect(shown(scan(doc(html)).store)).toEqual(['415 555-0144@ok']);
    expect(shown(scan(doc(html), undefined, true, { detectInCode: true }).store)).toEqual([
      '415 555-0140@pre',
      '415 555-0144@ok',
    ]);
  });

  it('a shallow rescan reads only the unit’s own lines and keeps no duplicates', () => {
    const d = doc('<div id="u">415 555-0150<p id="n">415 555-0151</p></div>');
    const { store, scanner, run } = scan(d);
    expect(store.size).toBe(2);
    const u = d.getElementById('u') as Element;
    (u.firstChild as Text).data = '415 555-0152';
    scanner.enqueue(u, false, true);
    run();
    expect(shown(store)).toEqual(['415 555-0151@n', '415 555-0152@u']);
    // Reading the whole document again finds the same numbers once.
    scanner.enqueue(d.body, true, true);
    run();
    expect(store.size).toBe(2);
  });

  it('reads queued units first in, first out (rows added together come in document order)', () => {
    const d = doc('<table><tbody id="t"></tbody></table>');
    const { store, scanner, run } = scan(d);
    const order: string[] = [];
    store.onNewUnit = (unit) => order.push((unit as Element).id);
    const tbody = d.getElementById('t') as Element;
    tbody.innerHTML = ['r1', 'r2', 'r3', 'r4'].map((id, i) => `<tr><td id="${id}">415 555-016${i}</td></tr>`).join('');
    for (const td of tbody.querySelectorAll('td')) scanner.enqueue(td, true, true);
    run();
    expect(order).toEqual(['r1', 'r2', 'r3', 'r4']);
  });
});

/** The ids of the rows among `ids` whose markup (`innerHTML`) the scanner reads, in order. */
function markupReads(d: Document, ids: readonly string[]): string[] {
  const read: string[] = [];
  const first = d.getElementById(ids[0] ?? '');
  const innerHTML = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Object.getPrototypeOf(first)), 'innerHTML');
  for (const id of ids) {
    const row = d.getElementById(id) as Element;
    Object.defineProperty(row, 'innerHTML', {
      get: () => {
        read.push(id);
        return innerHTML?.get?.call(row);
      },
    });
  }
  return read;
}

describe('Scanner: rows read whole from their markup', () => {
  it('finds the same numbers in table rows and lists, each recorded in its own cell; other rows are walked', () => {
    const d = doc(`<table><tbody>
      <tr id="r1"><td>Anna</td><td id="a">415 555-0132</td><td id="b">2024-01-02 415 555-0133</td></tr>
      <tr id="r2"><td>Bo</td><td id="c"><b>415</b> 555-0134</td></tr>
      </tbody></table><ul><li>x</li><li id="d">Fax 415 555-0135</li></ul>`);
    const rowsRead = markupReads(d, ['r1', 'r2']);
    const { store } = scan(d);
    // Both rows' markup was read (a table with no refused row reads its rows unchecked); the
    // second holds a <b>, so its markup was refused and it was walked.
    expect(rowsRead).toEqual(['r1', 'r2']);
    expect(shown(store)).toEqual(['415 555-0132@a', '415 555-0133@b', '415 555-0134@c', '415 555-0135@d']);
    const rec = [...store.all()].find((r) => r.shown === '415 555-0133');
    expect(rec?.startNode).toBe(d.getElementById('b')?.firstChild);
    expect(rec?.startOffset).toBe(11);
  });

  it('goes from a table row read whole to the next without touching the blank text between; elsewhere text between rows is read', () => {
    const d = doc(`<table><tbody>
      <tr><td id="a">415 555-0141</td></tr>
      <tr><td id="b">415 555-0142</td></tr>
      <tr><td id="c">415 555-0143</td></tr>
      </tbody></table><ul><li id="d">415 555-0144</li></ul>`);
    // A list's text beside its items is shown, and read: this one was added by a script.
    const ul = d.querySelector('ul') as Element;
    ul.setAttribute('id', 'e');
    ul.appendChild(d.createTextNode(' or 415 555-0145'));
    const tbody = d.querySelector('tbody') as Element;
    let touched = 0;
    // The blank text before the first row is where the walk enters the body; the others lie between rows.
    for (const node of [...tbody.childNodes].filter((n) => n.nodeType === 3).slice(1)) {
      // Reading a blank text node's siblings is what visiting it would do.
      const proto = Object.getPrototypeOf(node);
      const next = Object.getOwnPropertyDescriptor(proto, 'nextSibling') ?? Object.getOwnPropertyDescriptor(Object.getPrototypeOf(proto), 'nextSibling');
      Object.defineProperty(node, 'nextSibling', {
        get: () => {
          touched++;
          return next?.get?.call(node);
        },
      });
    }
    const { store } = scan(d);
    expect(shown(store)).toEqual(['415 555-0141@a', '415 555-0142@b', '415 555-0143@c', '415 555-0144@d', '415 555-0145@e']);
    expect(touched).toBe(0);
  });
});

describe('Scanner: rows the markup reader refuses', () => {
  it('a comment that serializes into a fake cell does not fool it: the row is walked, the fake number is not found', () => {
    const d = doc('<table><tbody><tr id="r"><td id="a">call 415 555-0132 now</td></tr></tbody></table>');
    // Before the real cell: read as cells, the fake one would be cell 0 and its number would be
    // recorded over the real cell's text.
    d.getElementById('r')?.prepend(d.createComment('x--><td>415 555-0199</td><!--'));
    const { store } = scan(d);
    expect([...store.all()].map((r) => r.number)).toEqual(['+14155550132']);
    expect(shown(store)).toEqual(['415 555-0132@a']);
  });

  it('after three refused rows in one table, its other rows are walked without reading their markup', () => {
    const ids = ['r1', 'r2', 'r3', 'r4', 'r5'];
    const rows = ids.map((id, i) => `<tr id="${id}"><td>415 555-014${i}</td>stray</tr>`).join('');
    const d = doc(`<table><tbody>${rows}</tbody></table>`);
    const read = markupReads(d, ids);
    const { store } = scan(d);
    expect(read).toEqual(['r1', 'r2', 'r3']);
    expect(store.size).toBe(5);
  });

  it('after a row with an element in a cell, rows holding one are walked unread and plain rows still read whole', () => {
    const ids = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'];
    const rows = ids
      .map((id, i) => (i % 2 === 0 ? `<tr id="${id}"><td><a href="#">Anna</a></td><td>415 555-014${i}</td></tr>` : `<tr id="${id}"><td>Bo</td><td>415 555-014${i}</td></tr>`))
      .join('');
    const d = doc(`<table><tbody>${rows}</tbody></table>`);
    const read = markupReads(d, ids);
    const { store } = scan(d);
    // r1 was read unchecked and refused; later rows with a link are not read, plain ones are.
    expect(read).toEqual(['r1', 'r2', 'r4', 'r6']);
    expect([...store.all()].map((r) => r.shown).sort()).toEqual(ids.map((_, i) => `415 555-014${i}`));
  });
});

describe('Scanner: an inline root (an added span holding blocks)', () => {
  it('reads only the blocks inside it; its own text is left to the parent’s lines', () => {
    const d = doc('<div id="d">415 555-0160 <span id="s">415 555-0161<div id="in">415 555-0162</div></span></div>');
    const { store } = scan(d, d.getElementById('s') as Element);
    expect(shown(store)).toEqual(['415 555-0162@in']);
  });
});

describe('Scanner: viewport first', () => {
  it('reads from the block at the viewport top, then the rest once, in document order', () => {
    const rows = Array.from({ length: 100 }, (_, i) => `<p id="r${i}">415 555-${String(1000 + i)}</p>`).join('');
    const d = doc(rows);
    const row = (i: number) => d.getElementById(`r${i}`) as Element;
    // Scrolled so that row 50 is at the top; rows are 20 px high.
    Object.defineProperty(d, 'defaultView', { value: { scrollY: 1000, innerHeight: 100, innerWidth: 800 } });
    Object.defineProperty(d, 'elementFromPoint', { value: () => row(50) });
    for (let i = 0; i < 100; i++) Object.defineProperty(row(i), 'getBoundingClientRect', { value: () => ({ top: (i - 50) * 20 }) });
    const { store } = scan(d);
    const order = [...store.all()].map((r) => r.shown);
    expect(order).toHaveLength(100);
    expect(new Set(order).size).toBe(100);
    expect(order[0]).toBe('415 555-1050');
    // The first pass stops a while below the viewport; the document-order pass starts at the top.
    const firstTop = order.indexOf('415 555-1000');
    expect(firstTop).toBeGreaterThan(10);
    expect(order.slice(0, firstTop)).toEqual(order.slice(0, firstTop).sort());
  });
});

describe('leafPosition', () => {
  it('puts a start on a boundary in the next node and an end in the previous one', () => {
    const d = doc('<td id="c"></td>');
    const td = d.getElementById('c') as Element;
    const a = td.appendChild(d.createTextNode('415'));
    const b = td.appendChild(d.createTextNode(' 555'));
    expect(leafPosition(td, 3, false)).toEqual({ node: b, offset: 0 });
    expect(leafPosition(td, 3, true)).toEqual({ node: a, offset: 3 });
    expect(leafPosition(td, 7, true)).toEqual({ node: b, offset: 4 });
    expect(leafPosition(td, 8, true)).toBeNull();
  });
});

describe('RunBatch', () => {
  it('finds the run of a match and refuses matches across line breaks', () => {
    const d = doc('<p>x</p>');
    const t = d.createTextNode('');
    const batch = new RunBatch();
    batch.add(t, 'abc', d.body);
    batch.add(t, 'defgh', d.body);
    expect(batch.text).toBe('abc\ndefgh');
    expect(batch.texts).toEqual(['abc', 'defgh']);
    const runs = batch.take();
    expect(seekRun(runs, 5, 0)).toBe(1);
    expect(holdsMatch(runs, 1, 5, 9)).toBe(true);
    expect(holdsMatch(runs, 0, 1, 5)).toBe(false);
    expect(batch.size).toBe(0);
    expect(batch.text).toBe('');
    expect(runs.texts).toEqual(['abc', 'defgh']);
  });

  it('hands over exactly the runs added, past the arrays made ahead and below them', () => {
    const d = doc('<p>x</p>');
    const t = d.createTextNode('');
    const batch = new RunBatch();
    for (const n of [100, 3, 200, 0, 1]) {
      const texts = Array.from({ length: n }, (_, i) => `t${i}`);
      for (const [i, text] of texts.entries()) batch.add(t, text, d.body, i % 2 === 0 ? i : -1);
      expect(batch.size).toBe(n);
      // Reading the text mid-batch (some batches) cuts nothing that is added after it.
      if (n % 2 === 0) expect(batch.text).toBe(texts.join('\n'));
      batch.add(t, 'last', d.body);
      const runs = batch.take();
      for (const list of [runs.at, runs.lengths, runs.texts, runs.units, runs.cells]) expect(list).toHaveLength(n + 1);
      // The list of runs may be longer (it is reused): the batch is its first at.length.
      expect(runs.runs.slice(0, n + 1)).toEqual(Array(n + 1).fill(t));
      // A cell's text is not handed over (its record needs only offsets); other runs' texts are.
      expect(runs.texts).toEqual([...texts.map((text, i) => (i % 2 === 0 ? '' : text)), 'last']);
      expect(runs.units).toEqual(Array(n + 1).fill(d.body));
      batch.recycle(runs);
      expect(runs.runs.every((run) => run === undefined)).toBe(true);
      expect(Array.from(runs.cells)).toEqual([...texts.map((_, i) => (i % 2 === 0 ? i : -1)), -1]);
      expect(runs.at.at(-1)).toBe(texts.join('\n').length + (n > 0 ? 1 : 0));
      expect(Array.from(runs.lengths)).toEqual([...texts, 'last'].map((text) => text.length));
      expect(batch.size).toBe(0);
    }
  });

  it('a batch of cells only hands over no texts and its runs as its units, and the next batch starts clean', () => {
    const d = doc('<table><tr><td>a</td></tr><tr><td>b</td></tr></table>');
    const [row1, row2] = [...d.querySelectorAll('tr')] as unknown as [Element, Element];
    const batch = new RunBatch();
    for (let k = 0; k < 150; k++) batch.add(row1, `cell ${k}`, row1, k % 5);
    batch.add(row2, 'last cell', row2, 0);
    expect(batch.text).toBe([...Array.from({ length: 150 }, (_, k) => `cell ${k}`), 'last cell'].join('\n'));
    const cells = batch.take();
    expect(cells.texts).toHaveLength(0);
    expect(cells.units).toBe(cells.runs);
    expect(cells.at).toHaveLength(151);
    expect(cells.runs[150]).toBe(row2);
    expect(Array.from(cells.cells.subarray(148))).toEqual([3, 4, 0]);
    // The lists it kept are reused: the next, shorter batch hands over its own runs only.
    const t = d.createTextNode('x');
    batch.add(t, 'plain', d.body);
    expect(batch.text).toBe('plain');
    const plain = batch.take();
    expect(plain.texts).toEqual(['plain']);
    expect(plain.units).toEqual([d.body]);
    expect(plain.runs.slice(0, plain.at.length)).toEqual([t]);
    expect(Array.from(plain.cells)).toEqual([-1]);
    expect(cells.runs[150]).toBe(row2);
    // A list given back once its batch is recorded is the next batch's, emptied of the old nodes.
    batch.recycle(cells);
    batch.add(t, 'next', d.body);
    batch.take(); // the list made when `plain` was taken
    batch.add(t, 'again', d.body);
    const again = batch.take();
    expect(again.runs).toBe(cells.runs);
    expect(again.runs[0]).toBe(t);
    expect(again.runs.slice(1).every((run) => run === undefined)).toBe(true);
  });
});

describe('UnitPath', () => {
  it('rebuilds the path from the DOM, with each level’s unit', () => {
    const d = doc('<div id="a"><span id="s"><b id="b">x</b></span></div>');
    const path = new UnitPath(d.body);
    const text = (d.getElementById('b') as Element).firstChild as Text;
    expect(path.resync(text)).toBe(true);
    expect(path.parent).toBe(d.getElementById('b'));
    expect(path.unit).toBe(d.getElementById('a'));
    path.leave();
    path.leave();
    expect(path.unit).toBe(d.getElementById('a'));
    path.leave();
    expect(path.atRoot).toBe(true);
    expect(path.resync(d.createTextNode('elsewhere'))).toBe(false);
  });
});

describe('Scanner with a detection worker', () => {
  /** A worker stand-in: batches wait in `jobs` until the test answers them (in order, as a worker does). */
  function remoteScan(d: Document) {
    const store = new RecordStore();
    store.detectLeaf = (text) => detect(text);
    const jobs: Array<{ text: string; answer: (found: MatchList, ms: number, at: number, inWorker: boolean) => void; reread: (() => string) | null }> = [];
    const inline: string[] = [];
    const answered: number[] = [];
    const scanner = new Scanner({
      doc: d,
      store,
      detect: (text) => {
        inline.push(text);
        return detect(text);
      },
      country: 'US',
      opts: { detectInCode: false },
      log: (where, error) => {
        throw new Error(`${where}: ${String(error)}`);
      },
      onShadowRoot: () => {},
      remote: {
        state: 'running',
        get pending() {
          return jobs.length;
        },
        submit: (text, _country, answer, reread = null) => jobs.push({ text, answer, reread }),
      },
    });
    scanner.onAnswer = (at) => answered.push(at);
    const run = () => {
      for (const _ of scanner.work());
    };
    const answerAll = () => {
      while (jobs.length > 0) {
        const job = jobs.shift() as (typeof jobs)[number];
        job.answer(new ArrayMatches(detect(job.text)), 1, 0, true);
      }
    };
    return { store, scanner, jobs, inline, answered, run, answerAll };
  }
  const table = (rows: number) =>
    `<table><tbody>${Array.from({ length: rows }, (_, i) => `<tr id="r${i}"><td>Contact ${i}</td><td>415 555-${String(i % 10_000).padStart(4, '0')}</td></tr>`).join('')}</tbody></table>`;

  it('detects a first stretch itself, hands the rest to the worker, and records its answers: the same numbers', () => {
    const d = doc(table(3000));
    const t = remoteScan(d);
    t.scanner.enqueue(d.body, true, true);
    t.run();
    expect(t.scanner.idle).toBe(true);
    expect(t.scanner.settled).toBe(false);
    const before = t.store.size;
    // A big table (1,000 rows or more): the first 4,000 characters or so were detected here (13 per row), the rest are out.
    // (The last inline batch may run past it by up to 4,096: batch lengths follow the detector's measured speed.)
    expect(before).toBeGreaterThan(250);
    expect(before).toBeLessThan(700);
    expect(t.inline.join('\n').length).toBeLessThan(9_000);
    t.answerAll();
    expect(t.scanner.settled).toBe(true);
    expect(t.store.size).toBe(3000);
    expect(t.answered.length).toBeGreaterThan(0);
    const all = [...t.store.all()].map((r) => r.shown).sort();
    const { store } = scan(doc(table(3000)));
    expect(all).toEqual([...store.all()].map((r) => r.shown).sort());
  });

  it('drops an answer for a unit read again since (its old text): the new read stands alone', () => {
    const d = doc(table(3000));
    const t = remoteScan(d);
    t.scanner.enqueue(d.body, true, true);
    t.run();
    // Two rows change while their first answers are still out (the number moves within its
    // cell), and are read again: one as its row, one as its cell (what a text change queues).
    const rows = [d.getElementById('r2998') as Element, d.getElementById('r2999') as Element];
    for (const row of rows) (row.lastElementChild as Element).textContent = `Call 415 555-${row.id === 'r2998' ? '6666' : '7777'}`;
    t.scanner.enqueue(rows[0] as Element, true, true);
    t.scanner.enqueue((rows[1] as Element).lastElementChild as Element, false, true);
    t.run();
    expect(t.jobs.length).toBeGreaterThan(1);
    t.answerAll();
    expect(t.store.size).toBe(3000);
    for (const [i, row] of rows.entries()) {
      const cell = row.lastElementChild as Element;
      const found = [...t.store.all()].filter((r) => r.unit === row || r.unit === cell).map((r) => `${r.shown}@${r.startOffset}`);
      expect(found).toEqual([`415 555-${i === 0 ? '6666' : '7777'}@5`]);
    }
  });

  it('a batch whose worker failed is read again from the page: the same numbers, and a cell changed since at its new place', () => {
    const d = doc(table(3000));
    const t = remoteScan(d);
    t.scanner.enqueue(d.body, true, true);
    t.run();
    expect(t.jobs.length).toBeGreaterThan(1);
    // A cell whose batch is out changes its text but is not read again (no mutation observer here).
    const cell = (d.getElementById('r2990') as Element).lastElementChild as Element;
    cell.textContent = 'Call 415 555-8888';
    for (const job of t.jobs.splice(0)) {
      const text = (job.reread as () => string)();
      job.answer(new ArrayMatches(detect(text)), 1, 0, false);
    }
    expect(t.store.size).toBe(3000);
    const found = [...t.store.all()].filter((r) => r.unit === cell || r.unit === cell.parentElement).map((r) => `${r.shown}@${r.startOffset}`);
    expect(found).toEqual(['415 555-8888@5']);
    const others = [...t.store.all()].filter((r) => r.startNode.parentElement !== cell).map((r) => r.shown).sort();
    const { store } = scan(doc(table(3000)));
    expect(others).toEqual([...store.all()].map((r) => r.shown).filter((shown) => shown !== '415 555-2990').sort());
  });

  it('keeps a smaller table (under 1,000 rows) of under 16,000 characters to itself: no worker', () => {
    const d = doc(table(900));
    const t = remoteScan(d);
    t.scanner.enqueue(d.body, true, true);
    t.run();
    expect(t.jobs).toHaveLength(0);
    expect(t.scanner.settled).toBe(true);
    expect(t.store.size).toBe(900);
    expect(t.inline.join('\n').length).toBeGreaterThan(10_000);
  });

  it('says it is backlogged while three batches are out, and reads on once one is answered', () => {
    const d = doc(table(5000));
    const t = remoteScan(d);
    t.scanner.enqueue(d.body, true, true);
    const work = t.scanner.work();
    const states: boolean[] = [];
    // Step until the third batch is out, noting at each step whether the scan should wait.
    while (t.jobs.length < 3 && work.next().done !== true) if (t.jobs.length < 3) states.push(t.scanner.backlogged);
    expect(t.jobs.length).toBe(3);
    expect(states.includes(true)).toBe(false);
    expect(t.scanner.backlogged).toBe(true);
    const job = t.jobs.shift() as (typeof t.jobs)[number];
    job.answer(new ArrayMatches(detect(job.text)), 1, 0, true);
    expect(t.scanner.backlogged).toBe(false);
    for (let r = work.next(); r.done !== true; r = work.next());
    t.answerAll();
    expect(t.scanner.backlogged).toBe(false);
    expect(t.store.size).toBe(5000);
  });

  it('detects everything itself when the worker has failed', () => {
    const d = doc(table(3000));
    const store = new RecordStore();
    let submitted = 0;
    const scanner = new Scanner({
      doc: d,
      store,
      detect,
      country: 'US',
      opts: { detectInCode: false },
      log: () => {},
      onShadowRoot: () => {},
      remote: { state: 'failed', pending: 0, submit: () => submitted++ },
    });
    scanner.enqueue(d.body, true, true);
    for (const _ of scanner.work());
    expect(submitted).toBe(0);
    expect(store.size).toBe(3000);
  });
});
