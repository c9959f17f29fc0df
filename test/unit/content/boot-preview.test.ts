import { parseHTML } from 'linkedom';
import * as v from 'valibot';
import { describe, expect, it, vi } from 'vitest';
import { PREVIEW_MAX_CHARS, PREVIEW_MAX_LINES, PREVIEW_MAX_SPANS } from '../../../src/contract/preview';
import { protocol } from '../../../src/contract/protocol';
import { BOOT_STATE_KEY, startBoot } from '../../../src/content/boot/boot';
import { PREVIEW_HIGHLIGHT, type PreviewMark, paintMarks, previewLines, previewMarks } from '../../../src/content/boot/preview';
import { HIGHLIGHT_NAME } from '../../../src/content/record-store';
import { claimWorld, takeBootPointer } from '../../../src/content/world-flag';
import { RequestEnvelopeSchema } from '../../../src/messaging/envelope';

function page(body: string) {
  const { document, MutationObserver } = parseHTML(`<!doctype html><html><head></head><body>${body}</body></html>`) as unknown as {
    document: Document;
    MutationObserver: typeof globalThis.MutationObserver;
  };
  return { doc: document, MutationObserver, win: new EventTarget() as unknown as Window };
}
const lines = (body: string) => previewLines(page(body).doc.body)?.map((l) => l.text) ?? null;
const delivered = () => new Promise((resolve) => setTimeout(resolve, 10));
const ok = (spans: unknown) => ({ ok: true, value: { spans } });
/** The text a mark covers. */
const covered = (m: PreviewMark) =>
  m.startNode === m.endNode
    ? m.startNode.data.slice(m.startOffset, m.endOffset)
    : m.startNode.data.slice(m.startOffset) + m.endNode.data.slice(0, m.endOffset);

describe('a small frame read for a preview', () => {
  it('reads a line per block, joining inline elements as the scanner does, and keeps only lines that may hold a number', () => {
    expect(lines('<p>Sales desk: <b>+1 415</b> 555-0100</p><div>Open <i>daily</i></div><p>Fax 030 1234567</p>')).toEqual([
      'Sales desk: +1 415 555-0100',
      'Fax 030 1234567',
    ]);
    expect(lines('<p>Welcome</p>')).toEqual([]);
  });

  it('skips what the scanner skips (scripts, styles, hidden and opted-out parts, form fields)', () => {
    expect(
      lines('<script>var id = 12345678</script><p hidden>555 0100</p><p class="x dialbar-off">555 0101</p><textarea>555 0102</textarea><p>Tel 555 0103</p>'),
    ).toEqual(['Tel 555 0103']);
  });

  it('leaves to the page script what a preview cannot read as it would: call links, code, open shadow roots, a big or deep document', () => {
    expect(lines('<p>Call <a href="tel:+14155550100">us</a> at 555 0100</p>')).toBeNull();
    expect(lines('<p>Tel 555 0100</p><code>030 1234567</code>')).toBeNull();
    const withShadow = page('<div id="host"></div><p>Tel 555 0100</p>');
    withShadow.doc.getElementById('host')?.attachShadow({ mode: 'open' });
    expect(previewLines(withShadow.doc.body)).toBeNull();
    expect(lines(`<p>Tel 555 0100 ${'x'.repeat(PREVIEW_MAX_CHARS)}</p>`)).toBeNull();
    expect(lines(Array.from({ length: PREVIEW_MAX_LINES + 1 }, (_, i) => `<p>Tel 555 01${String(i).padStart(2, '0')}</p>`).join(''))).toBeNull();
    expect(lines(`${'<div>'.repeat(60)}Tel 555 0100${'</div>'.repeat(60)}`)).toBeNull();
  });

  it('maps the worker answer to text nodes, across inline elements', () => {
    const read = previewLines(page('<p>Sales desk: <b>+1 415</b> 555-0100</p><p>Fax 030 1234567</p>').doc.body);
    expect(read).not.toBeNull();
    const marks = previewMarks(ok([{ line: 0, start: 12, end: 27 }, { line: 1, start: 4, end: 15 }]), read ?? []);
    expect(marks?.map(covered)).toEqual(['+1 415 555-0100', '030 1234567']);
    expect(marks?.[0]?.startNode.data).toBe('+1 415');
    expect(marks?.[0]?.endNode.data).toBe(' 555-0100');
  });

  it('refuses an answer for a line whose text changed meanwhile', () => {
    const read = previewLines(page('<p>Tel 555 0100</p>').doc.body) ?? [];
    (read[0]?.nodes[0] as Text).data = 'Closed for the day';
    expect(previewMarks(ok([{ line: 0, start: 4, end: 12 }]), read)).toBeNull();
  });

  it.each([
    ['a refusal', { ok: false, error: { code: 'forbidden-sender' } }],
    ['no envelope', null],
    ['spans not a list', ok({})],
    ['a line that was not sent', ok([{ line: 2, start: 0, end: 3 }])],
    ['an end past the line', ok([{ line: 0, start: 0, end: 99 }])],
    ['an empty span', ok([{ line: 0, start: 3, end: 3 }])],
    ['a fractional offset', ok([{ line: 0, start: 0.5, end: 3 }])],
    ['a span that is not an object', ok([7])],
    ['too many spans', ok(Array.from({ length: PREVIEW_MAX_SPANS + 1 }, () => ({ line: 0, start: 0, end: 3 })))],
  ])('refuses a malformed answer: %s', (_, raw) => {
    const read = previewLines(page('<p>Tel 555 0100</p>').doc.body) ?? [];
    expect(previewMarks(raw, read)).toBeNull();
  });

  it("paints under the page script's highlight name, and not over an entry already there", () => {
    expect(PREVIEW_HIGHLIGHT).toBe(HIGHLIGHT_NAME);
    const made: Array<{ start: [Node, number]; end: [Node, number] }> = [];
    class FakeRange {
      start: [Node, number] = [null as unknown as Node, 0];
      end: [Node, number] = [null as unknown as Node, 0];
      setStart(n: Node, o: number) {
        this.start = [n, o];
      }
      setEnd(n: Node, o: number) {
        this.end = [n, o];
        made.push(this);
      }
    }
    class FakeHighlight {
      ranges: unknown[];
      constructor(...ranges: unknown[]) {
        this.ranges = ranges;
      }
    }
    const registry = new Map<string, unknown>();
    const env = { Range: FakeRange as unknown as typeof Range, Highlight: FakeHighlight as unknown as typeof Highlight, highlights: registry as unknown as HighlightRegistry };
    const text = page('<p>Tel 555 0100</p>').doc.body.firstChild?.firstChild as Text;
    expect(paintMarks([{ startNode: text, startOffset: 4, endNode: text, endOffset: 12 }], env)).toBe(true);
    expect((registry.get(HIGHLIGHT_NAME) as FakeHighlight).ranges).toHaveLength(1);
    expect(made[0]).toMatchObject({ start: [text, 4], end: [text, 12] });
    expect(paintMarks([], env)).toBe(false);
    expect(paintMarks([], { ...env, Highlight: undefined })).toBe(false);
  });
});

describe('the bootstrap of a subframe', () => {
  /** A worker that answers detectPreview with `spans` (or as `answer` says) and loadScanner with null. */
  function worker(answer: (payload: { lines: string[] }) => unknown = () => ok([])) {
    return {
      sendMessage: vi.fn(async (message: unknown) => {
        const { type, payload } = v.parse(RequestEnvelopeSchema, message);
        return type === 'background.detectPreview' ? answer(payload as { lines: string[] }) : { ok: true, value: null };
      }),
    };
  }
  const types = (rt: ReturnType<typeof worker>) => rt.sendMessage.mock.calls.map((c) => v.parse(RequestEnvelopeSchema, c[0]).type);

  /** A frame showing 'Tel 555 0100', previewed with that number painted. */
  async function previewed() {
    const rt = worker(() => ok([{ line: 0, start: 4, end: 12 }]));
    const p = page('<p>Tel 555 0100</p>');
    const global = {};
    startBoot({ ...p, runtime: rt, log: vi.fn(), global, paintPreview: () => true });
    await delivered();
    return { rt, p, global };
  }

  it('sends its lines in a request the contract accepts, paints the answer, and loads no page script', async () => {
    const rt = worker(() => ok([{ line: 0, start: 12, end: 27 }]));
    const paint = vi.fn((_marks: PreviewMark[]) => true);
    const global = {};
    startBoot({ ...page('<p>Sales desk: +1 415-555-0100</p>'), runtime: rt, log: vi.fn(), global, paintPreview: paint });
    await delivered();
    const request = v.parse(RequestEnvelopeSchema, rt.sendMessage.mock.calls[0]?.[0]);
    expect(request.type).toBe('background.detectPreview');
    expect(v.parse(protocol['background.detectPreview'].input, request.payload)).toEqual({ lines: ['Sales desk: +1 415-555-0100'] });
    expect(paint.mock.calls[0]?.[0].map(covered)).toEqual(['+1 415-555-0100']);
    expect(types(rt)).toEqual(['background.detectPreview']);
    expect((global as Record<symbol, unknown>)[BOOT_STATE_KEY]).toBe('previewed');
  });

  it('loads the page script when the pointer comes, and notes where it is for the hover card', async () => {
    const { rt, p, global } = await previewed();
    p.win.dispatchEvent(Object.assign(new Event('pointerover'), { clientX: 30, clientY: 12, pointerType: 'mouse' }));
    expect(types(rt)).toEqual(['background.detectPreview', 'background.loadScanner']);
    expect((global as Record<symbol, unknown>)[BOOT_STATE_KEY]).toBe('asked');
    // Moves before the page script runs update the position; it is read once.
    p.win.dispatchEvent(Object.assign(new Event('pointermove'), { clientX: 40, clientY: 14, pointerType: 'mouse' }));
    expect(takeBootPointer(global)).toEqual({ x: 40, y: 14 });
    expect(takeBootPointer(global)).toBeNull();
    expect(types(rt)).toHaveLength(2);
    // Once the page script runs, the bootstrap stops noting.
    claimWorld(() => true, global);
    p.win.dispatchEvent(Object.assign(new Event('pointermove'), { clientX: 50, clientY: 14, pointerType: 'mouse' }));
    expect(takeBootPointer(global)).toBeNull();
  });

  it('notes a click made before the page script came, at its own place, for the page script to act on', async () => {
    const { rt, p, global } = await previewed();
    const click = (detail: number) => {
      const event = Object.assign(new Event('click'), { clientX: 30, clientY: 12, button: 0, detail });
      Object.defineProperty(event, 'isTrusted', { value: true });
      p.win.dispatchEvent(event);
    };
    click(1);
    p.win.dispatchEvent(Object.assign(new Event('pointermove'), { clientX: 60, clientY: 20, pointerType: 'mouse' }));
    const noted = takeBootPointer(global);
    expect(noted).toMatchObject({ x: 60, y: 20, click: { x: 30, y: 12, skip: false } });
    expect(Math.abs((noted?.click?.at ?? 0) - Date.now())).toBeLessThan(1000);
    expect(types(rt)).toEqual(['background.detectPreview', 'background.loadScanner']);
    // A double click never calls; an untrusted (scripted) click is not noted at all.
    click(2);
    expect(takeBootPointer(global)?.click?.skip).toBe(true);
    p.win.dispatchEvent(Object.assign(new Event('click'), { clientX: 30, clientY: 12, button: 0, detail: 1 }));
    expect(takeBootPointer(global)).toBeNull();
  });

  it('loads the page script on focus or a key, and when a number comes later', async () => {
    for (const event of ['focusin', 'keydown', 'mutation']) {
      const { rt, p } = await previewed();
      expect(types(rt)).toEqual(['background.detectPreview']);
      if (event === 'mutation') p.doc.body.insertAdjacentHTML('beforeend', '<p>Fax 555 0199</p>');
      else p.win.dispatchEvent(new Event(event));
      await delivered();
      expect(types(rt)).toEqual(['background.detectPreview', 'background.loadScanner']);
    }
  });

  it('with no number in the answer paints nothing and keeps watching', async () => {
    const rt = worker(() => ok([]));
    const paint = vi.fn(() => true);
    const p = page('<p>Copyright 2024</p>');
    const global = {};
    startBoot({ ...p, runtime: rt, log: vi.fn(), global, paintPreview: paint });
    await delivered();
    expect(paint).not.toHaveBeenCalled();
    expect((global as Record<symbol, unknown>)[BOOT_STATE_KEY]).toBe('previewed');
    p.doc.body.insertAdjacentHTML('beforeend', '<p>Call 555 0132</p>');
    await delivered();
    expect(types(rt)).toEqual(['background.detectPreview', 'background.loadScanner']);
  });

  it.each([
    ['the worker refuses', () => ({ ok: false, error: { code: 'forbidden-sender', message: 'no' } })],
    ['the answer is malformed', () => ok([{ line: 5, start: 0, end: 1 }])],
    ['the worker is gone', () => Promise.reject(new Error('Could not establish connection.'))],
  ])('loads the page script when %s', async (_, answer) => {
    const rt = worker(answer);
    startBoot({ ...page('<p>Tel 555 0100</p>'), runtime: rt, log: vi.fn(), global: {}, paintPreview: () => true });
    await delivered();
    expect(types(rt)).toEqual(['background.detectPreview', 'background.loadScanner']);
  });

  it('paints nothing and asks nothing when stopped (a newer copy took over) before the answer came', async () => {
    let answer: (value: unknown) => void = () => {};
    const rt = worker(() => new Promise((resolve) => (answer = resolve)));
    const paint = vi.fn(() => true);
    const p = page('<p>Tel 555 0100</p>');
    const boot = startBoot({ ...p, runtime: rt, log: vi.fn(), global: {}, paintPreview: paint });
    await delivered();
    boot.stop();
    answer(ok([{ line: 0, start: 4, end: 12 }]));
    await delivered();
    p.win.dispatchEvent(new Event('pointerover'));
    expect(paint).not.toHaveBeenCalled();
    expect(types(rt)).toEqual(['background.detectPreview']);
    // Nor does a number that comes after: the preview's watch stopped with the rest.
    p.doc.body.insertAdjacentHTML('beforeend', '<p>Fax 555 0199</p>');
    await delivered();
    expect(types(rt)).toEqual(['background.detectPreview']);
  });

  it('loads the page script when painting fails, and for a document a preview cannot read', async () => {
    const failing = worker(() => ok([{ line: 0, start: 4, end: 12 }]));
    startBoot({ ...page('<p>Tel 555 0100</p>'), runtime: failing, log: vi.fn(), global: {}, paintPreview: () => false });
    await delivered();
    expect(types(failing)).toEqual(['background.detectPreview', 'background.loadScanner']);
    const linked = worker();
    startBoot({ ...page('<p><a href="tel:5550100">Call</a> 555 0100</p>'), runtime: linked, log: vi.fn(), global: {}, paintPreview: () => true });
    expect(types(linked)).toEqual(['background.loadScanner']);
  });
});
