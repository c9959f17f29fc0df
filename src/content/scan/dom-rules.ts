/**
 * Which parts of a page Dialbar reads, and how text is grouped into lines. Pure functions of an
 * element's tag, attributes and classes, so they are cheap to call for every node of a walk.
 */

/** Elements whose text is never scanned. */
const SKIP_TAGS = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'TEMPLATE', 'IFRAME',
  'OBJECT', 'EMBED', 'CANVAS', 'SVG', 'MATH', 'VIDEO', 'AUDIO', 'HEAD', 'TITLE', 'DIALBAR-CARD',
]);
const CODE_TAGS = new Set(['CODE', 'PRE', 'KBD', 'SAMP']);

/** Editors that manage their own DOM; marking text inside them would confuse people typing. */
const EDITOR_CLASSES = ['cm-editor', 'CodeMirror', 'monaco-editor', 'ProseMirror', 'kix-appview-editor', 'ace_editor'];

/** The opt-out class: no detection in this element's subtree. */
export const OPT_OUT_CLASS = 'dialbar-off';

/**
 * Inline elements: their text joins the text around them into one visual line, so
 * `<b>415</b> 555-0132` is read as "415 555-0132". Everything else separates lines.
 */
const INLINE_TAGS = new Set([
  'A', 'ABBR', 'B', 'BDI', 'BDO', 'BIG', 'CITE', 'DATA', 'DEL', 'DFN', 'EM', 'FONT', 'I', 'INS', 'KBD',
  'LABEL', 'MARK', 'NOBR', 'Q', 'S', 'SAMP', 'SMALL', 'SPAN', 'STRIKE', 'STRONG', 'SUB', 'SUP', 'TIME',
  'TT', 'U', 'VAR', 'CODE', 'WBR',
]);

export interface ScanOptions {
  detectInCode: boolean;
}

/** True if an element's whole subtree must be skipped. */
export function skipsSubtree(el: Element, opts: ScanOptions): boolean {
  return skipsTag(el.tagName.toUpperCase(), opts) || skipsByAttributes(el);
}

/** How a walk treats an element: its text joins the line, it is a block of its own, or it is skipped. */
export const Layout = { Inline: 0, Block: 1, Skip: 2 } as const;
export type Layout = (typeof Layout)[keyof typeof Layout];

/** Set in layoutOf's answer when the element may have a shadow root (then read el.shadowRoot). */
export const MAY_HOST = 4;
/** The elements attachShadow (and declarative shadow DOM) accepts, besides custom elements. */
const SHADOW_HOSTS = new Set([
  'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'DIV', 'FOOTER', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'MAIN',
  'NAV', 'P', 'SECTION', 'SPAN',
]);

/** Set in a tag's cached flags when it is a code tag (skipped unless detectInCode). */
const CODE = 8;
/** Per tag name as `tagName` gives it: Layout (without attributes) | MAY_HOST | CODE. */
const TAG_FLAGS = new Map<string, number>();

function tagFlags(name: string): number {
  const tag = name.toUpperCase();
  const custom = tag.includes('-');
  let flags: number = SKIP_TAGS.has(tag) ? Layout.Skip : INLINE_TAGS.has(tag) || custom ? Layout.Inline : Layout.Block;
  if (custom || SHADOW_HOSTS.has(tag)) flags |= MAY_HOST;
  if (CODE_TAGS.has(tag)) flags |= CODE;
  // Bounded: a page may invent any number of custom tag names.
  if (TAG_FLAGS.size < 1024) TAG_FLAGS.set(name, flags);
  return flags;
}

/**
 * skipsSubtree and isInlineTag in one call, reading the tag once (the scanner's per-element
 * step): a Layout, plus MAY_HOST, so cells and rows are never asked for a shadow root.
 */
export function layoutOf(el: Element, opts: ScanOptions): number {
  const name = el.tagName;
  const flags = TAG_FLAGS.get(name) ?? tagFlags(name);
  const host = flags & MAY_HOST;
  if ((flags & 3) === Layout.Skip || (flags & CODE && !opts.detectInCode) || skipsByAttributes(el)) return Layout.Skip | host;
  return (flags & 3) | host;
}

function skipsTag(tag: string, opts: ScanOptions): boolean {
  return SKIP_TAGS.has(tag) || (!opts.detectInCode && CODE_TAGS.has(tag));
}

function skipsByAttributes(el: Element): boolean {
  // Most elements of a big page have no attributes at all: one call instead of four.
  if (!el.hasAttributes()) return false;
  if (el.hasAttribute('hidden')) return true;
  const editable = el.getAttribute('contenteditable');
  if (editable !== null && editable.toLowerCase() !== 'false') return true;
  // One attribute read and string scans, not a classList call per class name.
  return classValueSkips(el.getAttribute('class'));
}

/**
 * True if a class attribute value names the opt-out class or an editor class. Also used on the old
 * and new values of a class change, so most changes (styling, state classes) cost two string scans.
 */
export function classValueSkips(value: string | null): boolean {
  if (!value) return false;
  if (!value.includes(OPT_OUT_CLASS) && !EDITOR_CLASSES.some((name) => value.includes(name))) return false;
  const names = value.split(/[\t\n\f\r ]+/); // classList's separators (ASCII whitespace)
  return names.includes(OPT_OUT_CLASS) || EDITOR_CLASSES.some((name) => names.includes(name));
}

/** True if an element lays out inline (by its tag; custom elements count as inline). */
export function isInlineTag(el: Element): boolean {
  const tag = el.tagName.toUpperCase();
  return INLINE_TAGS.has(tag) || tag.includes('-');
}

const BLANK = /^\s*$/;

/** Only whitespace: such text starts no line (LineReader). */
export function isBlank(data: string): boolean {
  return BLANK.test(data);
}

/** A text node holding only whitespace (the newlines between rows). */
export function isBlankText(node: Node): boolean {
  return node.nodeType === 3 && isBlank((node as Text).data);
}

/**
 * True if a blank text node that came or went right after `prev` (null: first child of `parent`)
 * changes no line: a line ends at every block, and blank text starts none (LineReader), so blank
 * text after a block or first in a block joins nothing. Rows added with the newlines between them
 * then cost no second read of their parent (a table body of ten thousand rows).
 */
export function blankJoinsNoLine(text: Node, prev: Node | null, parent: Node): boolean {
  if (!isBlankText(text)) return false;
  const before = prev ?? parent;
  // Before: a block (or a shadow root / document, which are never inline).
  return before.nodeType !== 1 || !isInlineTag(before as Element);
}

/** `<meta name="dialbar" content="off">` turns Dialbar off for the whole document. */
export function documentOptedOut(doc: Document): boolean {
  // One querySelector first: on most pages it finds nothing, and no NodeList is made.
  if (!doc.querySelector('meta[name="dialbar" i]')) return false;
  for (const meta of doc.querySelectorAll('meta[name]')) {
    if ((meta.getAttribute('name') ?? '').toLowerCase() !== 'dialbar') continue;
    if ((meta.getAttribute('content') ?? '').trim().toLowerCase() === 'off') return true;
  }
  return false;
}

/** Elements where a click has its own meaning for the page: a number there is never click-called. */
const INTERACTIVE = 'a[href],button,input,select,textarea,label,summary,[contenteditable]:not([contenteditable="false"]),[role="button"],[role="link"],[role="menuitem"],[role="tab"],[role="checkbox"],[role="option"],[onclick]';

export function isInteractive(el: Element | null): boolean {
  return el?.closest(INTERACTIVE) != null;
}

/** The unit whose text a node belongs to: its nearest non-inline ancestor, or its shadow root. */
export function unitOf(node: Node): Element | ShadowRoot | null {
  let el: Node | null = node.nodeType === 1 ? node : node.parentNode;
  while (el) {
    if (el.nodeType === 11) return (el as ShadowRoot).host ? (el as ShadowRoot) : null;
    if (el.nodeType !== 1) return null;
    if (!isInlineTag(el as Element)) return el as Element;
    el = el.parentNode;
  }
  return null;
}
