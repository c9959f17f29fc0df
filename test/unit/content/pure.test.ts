import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { Run, windows } from '../../../src/content/scan/block-text';
import { DialGate } from '../../../src/content/dial/dial-gate';
import { blankJoinsNoLine, classValueSkips, documentOptedOut, isBlankText, isInlineTag, skipsSubtree, unitOf } from '../../../src/content/scan/dom-rules';
import { claimWorld } from '../../../src/content/world-flag';

function doc(html: string): Document {
  return parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`).document as unknown as Document;
}

describe('Run: text of one line across inline elements, offsets mapped back', () => {
  const d = doc('<td id="c"><b>415</b> 555-0132<i></i> x</td>');
  const td = d.getElementById('c') as Element;
  const b = td.firstChild?.firstChild as Text;
  const rest = td.childNodes[1] as Text;
  const tail = td.childNodes[3] as Text;
  const run = new Run();
  run.add(b);
  run.add(rest);
  run.add(tail);

  it('joins the nodes', () => {
    expect(run.text).toBe('415 555-0132 x');
  });

  it('maps start and end offsets to the right nodes', () => {
    expect(run.locate(0, false)).toEqual({ node: b, offset: 0 });
    expect(run.locate(12, true)).toEqual({ node: rest, offset: 9 });
    // A boundary: a start belongs to the next node, an end to the previous one.
    expect(run.locate(3, false)).toEqual({ node: rest, offset: 0 });
    expect(run.locate(3, true)).toEqual({ node: b, offset: 3 });
    expect(run.nodesIn(0, 12)).toEqual([b, rest]);
    expect(run.nodesIn(4, 12)).toEqual([rest]);
  });
});

describe('windows: long texts are detected in overlapping slices', () => {
  it('keeps a short text whole', () => {
    expect(windows(100)).toEqual([{ from: 0, to: 100, acceptFrom: 0, acceptTo: 100 }]);
  });

  it('covers every start offset exactly once and bounds each slice', () => {
    const length = 1_000_000;
    const ws = windows(length, 4096, 128);
    expect(ws[0]?.acceptFrom).toBe(0);
    expect(ws.at(-1)?.acceptTo).toBe(length);
    for (let i = 1; i < ws.length; i++) expect(ws[i]?.acceptFrom).toBe(ws[i - 1]?.acceptTo);
    for (const w of ws) {
      expect(w.to - w.from).toBeLessThanOrEqual(4096);
      // A match accepted here has at least 64 characters of room before the slice ends.
      if (w.to !== length) expect(w.to - w.acceptTo).toBe(64);
      if (w.from !== 0) expect(w.acceptFrom - w.from).toBe(64);
    }
  });
});

describe('DOM rules', () => {
  const d = doc(`
    <div id="plain">x</div><pre id="pre">x</pre><code id="code">x</code><textarea id="ta"></textarea>
    <div id="ce" contenteditable="true">x</div><div id="cef" contenteditable="false">x</div>
    <div id="off" class="dialbar-off">x</div><div id="cm" class="cm-editor">x</div>
    <div id="monaco" class="monaco-editor">x</div><div id="pm" class="ProseMirror">x</div>
    <div id="kix" class="kix-appview-editor">x</div><div id="hid" hidden>x</div>
    <p id="p"><span><b id="deep">x</b></span></p>`);
  const el = (id: string) => d.getElementById(id) as Element;

  it('skips code (unless asked), fields, editors, hidden and opted-out subtrees', () => {
    const opts = { detectInCode: false };
    for (const id of ['pre', 'code', 'ta', 'ce', 'off', 'cm', 'monaco', 'pm', 'kix', 'hid']) {
      expect(skipsSubtree(el(id), opts), id).toBe(true);
    }
    expect(skipsSubtree(el('plain'), opts)).toBe(false);
    expect(skipsSubtree(el('cef'), opts)).toBe(false);
    expect(skipsSubtree(el('pre'), { detectInCode: true })).toBe(false);
    expect(skipsSubtree(el('code'), { detectInCode: true })).toBe(false);
  });

  it('tells whether a class attribute value names the opt-out or an editor class, by whole names', () => {
    for (const v of ['dialbar-off', 'row dialbar-off', '  selected\tcm-editor ', 'x ProseMirror y']) expect(classValueSkips(v), v).toBe(true);
    for (const v of [null, '', 'selected', 'dialbar-offline', 'my-cm-editor-wrap', 'ProseMirror-focused']) expect(classValueSkips(v), String(v)).toBe(false);
  });

  it('groups text by its nearest non-inline ancestor', () => {
    expect(isInlineTag(el('deep'))).toBe(true);
    expect(isInlineTag(el('p'))).toBe(false);
    expect(unitOf(el('deep').firstChild as Node)).toBe(el('p'));
  });

  it('knows blank text after a block (or first in a block) joins no line', () => {
    const t = doc('<div id="list"><p>a</p>\n<p>b</p></div><p id="line"><b>415</b> <i>555</i>\n</p>');
    const list = t.getElementById('list') as Element;
    const between = (list.firstChild as Node).nextSibling as Node;
    expect(isBlankText(between)).toBe(true);
    expect(blankJoinsNoLine(between, between.previousSibling, list)).toBe(true);
    // First in a block, or a removed one that followed a block.
    expect(blankJoinsNoLine(between, null, list)).toBe(true);
    const line = t.getElementById('line') as Element;
    const space = (line.firstChild as Node).nextSibling as Node;
    // Between two inline elements it is part of the line "415 555".
    expect(blankJoinsNoLine(space, space.previousSibling, line)).toBe(false);
    // First in an inline element: the line may be open from before it.
    expect(blankJoinsNoLine(space, null, line.firstChild as Node)).toBe(false);
    expect(blankJoinsNoLine(line.firstChild?.firstChild as Node, null, line)).toBe(false); // "415" is not blank
  });

  it('honours <meta name="dialbar" content="off">', () => {
    expect(documentOptedOut(d)).toBe(false);
    const off = parseHTML('<html><head><meta name="Dialbar" content=" OFF "></head><body></body></html>')
      .document as unknown as Document;
    expect(documentOptedOut(off)).toBe(true);
  });
});

describe('DialGate: the same number is not dialled twice within 2 s', () => {
  it('refuses a repeat inside the window and allows it after', () => {
    let now = 1000;
    const gate = new DialGate(2000, () => now);
    expect(gate.tryAcquire('+14155550132')).toBe(true);
    now += 1999;
    expect(gate.tryAcquire('+1 415 555 0132')).toBe(false);
    expect(gate.tryAcquire('+442079460958')).toBe(true);
    now += 1;
    expect(gate.tryAcquire('+14155550132')).toBe(true);
  });
});

describe('claimWorld: one page script per world', () => {
  it('refuses a second copy while the first lives, and takes over from an orphaned one', () => {
    const world = {};
    let firstAlive = true;
    const first = claimWorld(() => firstAlive, world);
    expect(first).not.toBeNull();
    expect(claimWorld(() => true, world)).toBeNull();
    firstAlive = false; // the extension was reloaded: the old copy is orphaned
    expect(claimWorld(() => true, world)).not.toBeNull();
  });

  it('takes over once the first copy stopped', () => {
    const world = {};
    const first = claimWorld(() => true, world);
    first?.abort();
    expect(claimWorld(() => true, world)).not.toBeNull();
  });
});
