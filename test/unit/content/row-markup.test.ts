import { describe, expect, it } from 'vitest';
import { enoughDigits } from '../../../src/content/scan/block-text';
import { MarkupCells, parseRowMarkup } from '../../../src/content/scan/row-markup';

/** The cells parseRowMarkup reads, as [index, text] pairs; null when it refuses the row. */
function cells(html: string): Array<[number, string]> | null {
  const out = new MarkupCells();
  if (!parseRowMarkup(html, out)) return null;
  return out.texts.slice(0, out.size).map((text, i) => [out.indexes[i] as number, text]);
}

/** How many cells (skipped ones included) the markup held, or null when refused. */
function count(html: string): number | null {
  const out = new MarkupCells();
  return parseRowMarkup(html, out) ? out.count : null;
}

// Inputs are written as Chromium's HTML serializer writes a row's innerHTML.
describe('parseRowMarkup', () => {
  it('reads only the cells a filter keeps (digits enough for a number), and counts them all', () => {
    const out = new MarkupCells();
    const html = '<td>Ann &amp; Bob 1</td><td>030&nbsp;1234 5678</td><td>3 &lt; 4</td><td class="x">Fax 030 7654321</td><td></td>';
    expect(parseRowMarkup(html, out, enoughDigits)).toBe(true);
    expect(out.count).toBe(5);
    expect(out.size).toBe(2);
    expect(out.indexes.slice(0, out.size)).toEqual([1, 3]);
    expect(out.texts.slice(0, out.size)).toEqual(['030\u00a01234 5678', 'Fax 030 7654321']);
  });

  it('reused for the next row, holds only that row\'s cells (the arrays are not emptied, the size is)', () => {
    const out = new MarkupCells();
    expect(parseRowMarkup('<td>030 1234567</td><td>040 7654321</td><td>089 1111111</td>', out, enoughDigits)).toBe(true);
    expect(out.size).toBe(3);
    expect(parseRowMarkup('<td>Ann</td><td>0221 555555</td>', out, enoughDigits)).toBe(true);
    expect(out.size).toBe(1);
    expect(out.count).toBe(2);
    expect([out.indexes[0], out.texts[0]]).toEqual([1, '0221 555555']);
    expect(parseRowMarkup('<td>no digits</td>', out, enoughDigits)).toBe(true);
    expect(out.size).toBe(0);
  });

  it('reads the cells of a row and of a list, with the blank text between them', () => {
    expect(cells('<td>Anna Müller</td><td>+49 30 1234567</td><td></td>')).toEqual([
      [0, 'Anna Müller'],
      [1, '+49 30 1234567'],
      [2, ''],
    ]);
    expect(cells('\n  <li>Sales 030 1234567</li>\n  <li>Fax 030 7654321</li>\n')).toEqual([
      [0, 'Sales 030 1234567'],
      [1, 'Fax 030 7654321'],
    ]);
    expect(cells('<dt>Phone</dt><dd>(415) 555-0132</dd><th scope="row">x</th>')).toEqual([
      [0, 'Phone'],
      [1, '(415) 555-0132'],
      [2, 'x'],
    ]);
  });

  it('decodes the entities the serializer writes, so offsets are those of textContent', () => {
    expect(cells('<td>A&amp;B&nbsp;030&nbsp;1234567 &lt;main&gt;</td>')).toEqual([[0, 'A&B\u00a0030\u00a01234567 <main>']]);
  });

  it('reads attributes, with ">" inside a quoted value, and skips cells the walk skips (keeping their index)', () => {
    expect(cells('<td title="a > b" class="num">030 1</td><td hidden="">030 2</td><td contenteditable="true">030 3</td>')).toEqual([
      [0, '030 1'],
    ]);
    expect(cells('<td class="x dialbar-off">030 4</td><td contenteditable="false">030 5</td><td class="CodeMirror">030 6</td><td>030 7</td>')).toEqual([
      [1, '030 5'],
      [3, '030 7'],
    ]);
    // Names only as long as ours, or ending like them, skip nothing; a bare attribute ends at the next space.
    expect(cells('<td clasz="dialbar-off" data-hidden="" hiddenx="">030 8</td><td aria-contenteditable="true" xcontenteditable="true">030 9</td><td hidden class="num">030 0</td>')).toEqual([
      [0, '030 8'],
      [1, '030 9'],
    ]);
  });

  it('steps over comments between cells (a framework’s <!--v-if-->) and counts every cell, skipped ones too', () => {
    expect(cells('<!--v-if--><td>a</td><!----><td hidden="">b</td>\n<td>030 1234567</td><!--end-->')).toEqual([
      [0, 'a'],
      [2, '030 1234567'],
    ]);
    expect(count('<!--v-if--><td>a</td><!----><td hidden="">b</td>\n<td>030 1234567</td>')).toBe(3);
    // A comment whose data holds "-->" serializes into what looks like one more cell: the count
    // shows it (the row reader compares it with the row's element children and walks the row).
    expect(count('<td>a</td><!--x--><td>+1 900 555 0100</td><!---->')).toBe(2);
  });

  it('refuses rows it cannot read exactly: nested markup, comments, text beside cells, other tags, unknown entities', () => {
    expect(cells('<td><b>415</b> 555-0132</td>')).toBeNull();
    expect(cells('<td>415 555-0132<br></td>')).toBeNull();
    expect(cells('<td>a<!-- note -->b</td>')).toBeNull();
    expect(cells('<td>a</td><!-- never closed')).toBeNull();
    expect(cells('<td>a</td>stray<td>b</td>')).toBeNull();
    expect(cells('<div>030 1234567</div>')).toBeNull();
    expect(cells('<my-cell>030 1234567</my-cell>')).toBeNull();
    expect(cells('<td>a &copy; b</td>')).toBeNull();
    expect(cells('<td>a &constructor; b</td>')).toBeNull();
    expect(cells('<td>unclosed')).toBeNull();
    expect(cells('<td>a</th>')).toBeNull();
    expect(cells('<td/>')).toBeNull();
    expect(cells('<tdx>a</tdx>')).toBeNull();
    expect(cells('<td>a</tdx>')).toBeNull();
    expect(cells('<li>a</dd>')).toBeNull();
  });
});
