import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { RowReader } from '../../../src/content/scan/row-reader';
import { RunBatch } from '../../../src/content/scan/run-batch';

function table(rows: number): Document {
  const body = Array.from({ length: rows }, (_, i) => `<tr><td>Row ${i}</td><td>030 1234${String(i).padStart(4, '0')}</td></tr>`).join('\n');
  const { document } = parseHTML(`<!doctype html><html><body><table><thead><tr><th>Name</th><th>Phone</th></tr></thead><tbody>\n${body}\n</tbody></table><div></div></body></html>`);
  // linkedom has no contentType; the row reader reads rows' markup only in HTML documents.
  Object.defineProperty(document, 'contentType', { value: 'text/html' });
  return document as unknown as Document;
}

/** The section's children are never counted (on a 50,000-row body that walked every row): counting throws here. */
function forbidCounting(el: Element): void {
  for (const key of ['childElementCount', 'children']) {
    Object.defineProperty(el, key, {
      get() {
        throw new Error(`${key} read on ${el.tagName}`);
      },
    });
  }
}

describe('RowReader', () => {
  it('counts the children of a row only; other elements say whether they have any', () => {
    const doc = table(3);
    const reader = new RowReader(new RunBatch(), doc);
    const tbody = doc.querySelector('tbody') as Element;
    forbidCounting(tbody);
    expect(reader.children(tbody)).toBe(-1);
    expect(reader.children(tbody.firstElementChild as Element)).toBe(2);
    expect(reader.children(doc.querySelector('td') as Element)).toBe(0);
    expect(reader.children(doc.querySelector('div') as Element)).toBe(0);
  });

  it('marks the batch as a big table once a section of 1,000 rows is read, and not for 999', () => {
    for (const [rows, big] of [
      [999, false],
      [1000, true],
    ] as const) {
      const doc = table(rows);
      const batch = new RunBatch();
      const reader = new RowReader(batch, doc);
      const thead = doc.querySelector('thead') as Element;
      const tbody = doc.querySelector('tbody') as Element;
      forbidCounting(tbody);
      expect(reader.read(thead.firstElementChild as Element, 2, thead)).toBe(true);
      expect(batch.bigTable).toBe(false);
      expect(reader.read(tbody.firstElementChild as Element, 2, tbody)).toBe(true);
      expect(batch.bigTable, `${rows} rows`).toBe(big);
      // Batched: the cells with digits enough for a number (the phone cell), and the header's none.
      expect(batch.texts).toEqual(['030 12340000']);
    }
  });
});
