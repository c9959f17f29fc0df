import { isInlineTag } from './dom-rules';
import type { Unit } from './types';

/**
 * On huge pages, the rows a person sees come first. When the whole document is read, the block
 * near the top of the viewport is where a first pass starts (the scanner reads on from there to a
 * screen below the viewport, then reads the document in order, jumping over that stretch).
 * Null when there is no such block: not the document's root unit, no layout, or a skipped block.
 */
export function viewportStart(doc: Document, root: Unit, skipped: (el: Element) => boolean): Element | null {
  if (root !== doc.body && root !== doc.documentElement) return null;
  const view = doc.defaultView;
  if (!view || typeof doc.elementFromPoint !== 'function') return null;
  let el = doc.elementFromPoint(view.innerWidth / 2, view.innerHeight / 10);
  while (el && el !== root && isInlineTag(el)) el = el.parentElement;
  if (!el || el === root || !root.contains(el) || skipped(el)) return null;
  return el;
}
