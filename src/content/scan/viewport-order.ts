import { isInlineTag } from './dom-rules';
import { realm } from '../realm';
import type { Unit } from '../types';

/**
 * On huge pages, the rows a person sees come first. When the whole document is read, the block
 * at the top of the viewport is where a first pass starts (the scanner reads on from there to a
 * screen below the viewport, then reads the document in order, jumping over that stretch).
 * Null when there is no such block (not the document's root unit, no layout, a skipped block) or
 * the window is scrolled less than half a screen.
 */
export function viewportStart(doc: Document, root: Unit, skipped: (el: Element) => boolean): Element | null {
  if (root !== doc.body && root !== doc.documentElement) return null;
  const view = doc.defaultView;
  if (!view || typeof doc.elementFromPoint !== 'function') return null;
  // Near the top, document order already starts with what is seen; the hit test costs a huge
  // page several milliseconds.
  if (view.scrollY < view.innerHeight / 2) return null;
  // The top edge first; a fixed or sticky header there says nothing of where the content is.
  for (const y of [1, view.innerHeight / 4]) {
    let el = doc.elementFromPoint(view.innerWidth / 2, y);
    while (el && el !== root && isInlineTag(el)) el = el.parentElement;
    if (!el || el === root || !root.contains(el) || skipped(el) || pinned(el, root)) continue;
    return el;
  }
  return null;
}

function pinned(el: Element, root: Unit): boolean {
  for (let e: Element | null = el; e && e !== root; e = e.parentElement) {
    const position = realm.getComputedStyle(e).position;
    if (position === 'fixed' || position === 'sticky') return true;
  }
  return false;
}
