/**
 * A small frame's preview: the bootstrap reads its lines as the scanner would (dom-rules.ts), the
 * service worker finds the numbers (`background.detectPreview`), and the bootstrap paints them.
 * The full page script (card, dialling, later changes) loads only when the person comes near the
 * frame (boot.ts). Anything a preview cannot read the way the scanner does (a call link, an open
 * shadow root, code, too much text) returns null, and the page script is loaded as before.
 */
import { PREVIEW_MAX_CHARS, PREVIEW_MAX_LINES, PREVIEW_MAX_SPANS } from '../../contract/preview';
import { Layout, layoutOf, MAY_HOST } from '../scan/dom-rules';
import { isCallLink, textHasCandidate } from './candidates';

/** One line of text: its text nodes in order, each with where it starts in `text`. */
export interface PreviewLine {
  text: string;
  nodes: Text[];
  starts: number[];
}

/** One number to paint. */
export interface PreviewMark {
  startNode: Text;
  startOffset: number;
  endNode: Text;
  endOffset: number;
}

const MAX_NODES = 400;
const MAX_DEPTH = 48;
const WITH_CODE = { detectInCode: true };
const WITHOUT_CODE = { detectInCode: false };

/** The body's lines that may hold a number, or null when this document is not one for a preview. */
export function previewLines(body: Element): PreviewLine[] | null {
  const lines: PreviewLine[] = [];
  let line: PreviewLine | null = null;
  let chars = 0;
  let nodes = 0;
  const endLine = () => {
    if (line && textHasCandidate(line.text)) lines.push(line);
    line = null;
  };
  const walk = (parent: Node, depth: number): boolean => {
    if (depth > MAX_DEPTH) return false;
    for (let node = parent.firstChild; node; node = node.nextSibling) {
      if (++nodes > MAX_NODES) return false;
      if (node.nodeType === 3) {
        const text = node as Text;
        chars += text.data.length;
        if (chars > PREVIEW_MAX_CHARS) return false;
        line ??= { text: '', nodes: [], starts: [] };
        line.starts.push(line.text.length);
        line.nodes.push(text);
        line.text += text.data;
        continue;
      }
      if (node.nodeType !== 1) continue;
      const el = node as Element;
      if (isCallLink(el)) return false;
      const layout = layoutOf(el, WITHOUT_CODE);
      if (layout & MAY_HOST && el.shadowRoot) return false;
      if ((layout & 3) === Layout.Skip) {
        // Code is read when the person's prefs say so, which the bootstrap does not know.
        if ((layoutOf(el, WITH_CODE) & 3) !== Layout.Skip) return false;
        continue;
      }
      const block = (layout & 3) === Layout.Block;
      if (block) endLine();
      if (!walk(el, depth + 1)) return false;
      if (block) endLine();
    }
    return true;
  };
  if (!walk(body, 0)) return null;
  endLine();
  return lines.length > PREVIEW_MAX_LINES ? null : lines;
}

/** Where offset `at` of a line falls: the node and the offset in it (`end`: at a node's end rather than the next one's start). */
function locate(line: PreviewLine, at: number, end: boolean): { node: Text; offset: number } | null {
  for (let i = line.nodes.length - 1; i >= 0; i--) {
    const start = line.starts[i] as number;
    if (end ? start < at : start <= at) {
      const node = line.nodes[i] as Text;
      return at - start <= node.data.length ? { node, offset: at - start } : null;
    }
  }
  return null;
}

const isOffset = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;

/** True while a line's nodes still hold the text that was sent. */
function sameText(line: PreviewLine): boolean {
  let at = 0;
  for (const node of line.nodes) {
    const data = node.data;
    if (!line.text.startsWith(data, at)) return false;
    at += data.length;
  }
  return at === line.text.length;
}

/**
 * The marks of the worker's answer (a response envelope, read by hand: the bootstrap carries no
 * schema code), or null when it is not a well-formed answer for these lines.
 */
export function previewMarks(raw: unknown, lines: readonly PreviewLine[]): PreviewMark[] | null {
  const reply = raw as { ok?: unknown; value?: { spans?: unknown } } | null;
  if (typeof reply !== 'object' || reply === null || reply.ok !== true) return null;
  const spans = reply.value?.spans;
  if (!Array.isArray(spans) || spans.length > PREVIEW_MAX_SPANS) return null;
  const marks: PreviewMark[] = [];
  for (const span of spans as Array<{ line?: unknown; start?: unknown; end?: unknown } | null>) {
    if (typeof span !== 'object' || span === null) return null;
    const { start, end } = span;
    const line = isOffset(span.line) ? lines[span.line] : undefined;
    if (!line || !isOffset(start) || !isOffset(end) || start >= end || end > line.text.length) return null;
    // Text changed while the worker read it (to something with no candidate, which the watch lets pass): not painted.
    if (!sameText(line)) return null;
    const from = locate(line, start, false);
    const to = locate(line, end, true);
    if (!from || !to) return null;
    marks.push({ startNode: from.node, startOffset: from.offset, endNode: to.node, endOffset: to.offset });
  }
  return marks;
}

/** RecordStore's HIGHLIGHT_NAME (record-store.ts; a unit test keeps them equal): the page script's highlight takes over the registry entry. */
export const PREVIEW_HIGHLIGHT = 'dialbar-phone';

export interface PaintEnv {
  Range: typeof Range;
  Highlight: typeof Highlight | undefined;
  highlights: HighlightRegistry | undefined;
}

/** Paints marks as the page script's highlight; false when the registry has that entry already, or a mark no longer fits its text. */
export function paintMarks(marks: readonly PreviewMark[], env: PaintEnv): boolean {
  const { Highlight: HighlightOf, highlights } = env;
  if (!HighlightOf || !highlights || highlights.has(PREVIEW_HIGHLIGHT)) return false;
  try {
    const ranges = marks.map((m) => {
      const range = new env.Range();
      range.setStart(m.startNode, m.startOffset);
      range.setEnd(m.endNode, m.endOffset);
      return range;
    });
    highlights.set(PREVIEW_HIGHLIGHT, new HighlightOf(...ranges));
    return true;
  } catch {
    return false;
  }
}
