/**
 * The bootstrap's question: could this document hold a phone number, now or after a change?
 * It must never say no where the full scanner would find a number, so it is looser than the
 * detector: any digits the detector reads (ASCII, fullwidth, Arabic-Indic, Persian, Devanagari),
 * CANDIDATE_DIGITS of them each within GAP characters of the one before, across text nodes;
 * or a tel:, callto: or sip: link. No detector, no libphonenumber metadata, no DOM writes.
 *
 * A document is first read as text only (documentHasCandidate): every element touched in a fresh
 * isolated world costs it the setup of the element interfaces, about a millisecond per frame
 * (measured in Chromium 156), and a page with nothing to call should pay for none of it.
 */
import { CANDIDATE_DIGITS, GAP, newRun, type RunState, readRun, textHasCandidate } from './digit-run';

export { CANDIDATE_DIGITS, textHasCandidate };

/** Text read beside a changed node, so a number split over elements (`<b>41</b>55…`) is seen. */
const EDGE = (CANDIDATE_DIGITS - 1) * (GAP + 1);
/** The link schemes the tel-link feature dials (CALL_SCHEMES in src/content/dial/link-target.ts). */
const CALL_LINK = /^\s*(?:tel|callto|sips?):/i;
/** Links that may be call links, for a selector query that makes no element wrapper when none matches. */
const MAYBE_CALL_LINK = ['tel:', 'callto:', 'sip:', 'sips:'].map((s) => `a[href*="${s}" i],area[href*="${s}" i]`).join(',');
/** Elements whose text the scanner never reads whatever their attributes (a subset of its skip list). */
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'TITLE', 'TEXTAREA']);
const SHOW_TEXT = 4;
/**
 * The elements of HTML (current and obsolete) that hold no shadow root in practice. Any other
 * element, a custom element above all (the host of nearly every open shadow root), matches the
 * `:not()` of them; SVG and MathML are left out whole. A selector query, not an XPath one: in a
 * fresh isolated world the first XPath evaluation costs about 0.5 ms, this query about 0.1.
 */
const HTML_NAMES =
  'html,head,title,base,link,meta,style,body,article,section,nav,aside,h1,h2,h3,h4,h5,h6,hgroup,header,footer,address,' +
  'p,hr,pre,blockquote,ol,ul,menu,li,dl,dt,dd,figure,figcaption,main,search,div,a,em,strong,small,s,cite,q,dfn,abbr,' +
  'ruby,rt,rp,rb,rtc,data,time,code,var,samp,kbd,sub,sup,i,b,u,mark,bdi,bdo,span,br,wbr,ins,del,picture,source,img,' +
  'iframe,embed,object,param,video,audio,track,map,area,table,caption,colgroup,col,tbody,thead,tfoot,tr,td,th,form,' +
  'label,input,button,select,datalist,optgroup,option,textarea,output,progress,meter,fieldset,legend,details,summary,' +
  'dialog,script,noscript,template,slot,canvas,font,center,big,tt,strike,nobr,marquee,frame,frameset,noframes,acronym,' +
  'applet,basefont,blink,dir,listing,plaintext,xmp,svg,svg *,math,math *';
const MAY_HOST_SHADOW = `:not(${HTML_NAMES})`;
/**
 * A possible call link or shadow host, in one selector, asked of a document whose text holds no
 * candidate only where its markup could not be read (no serializer given, or it threw; see
 * MARKUP_CUSTOM_TAG below). A document parses each selector it is asked: over 30
 * fresh frames (Chromium 156, 5 loads) three queries took 10–11 ms of script, one merged query 7.7.
 * Not asked first: matched against every element, on a 100,000-element table `:not()` of the HTML
 * names took about 250 ms and the links 26 ms (in an isolated world).
 */
const LINK_OR_HOST = `${MAYBE_CALL_LINK},${MAY_HOST_SHADOW}`;

/** True for an `<a>` or `<area>` whose href is a call link. */
export function isCallLink(el: Element): boolean {
  const tag = el.tagName.toUpperCase();
  return (tag === 'A' || tag === 'AREA') && CALL_LINK.test(el.getAttribute('href') ?? '');
}

/** True if `text`, an element's own, is in an element whose text the scanner never reads. */
function inSkipped(text: Node): boolean {
  for (let el = text.parentNode; el && el.nodeType === 1; el = el.parentNode) if (SKIP.has((el as Element).tagName.toUpperCase())) return true;
  return false;
}

/** True if the document's text (outside scripts, styles and the like) holds a candidate run of digits. */
export function textHasCandidateRun(doc: Document): boolean {
  const walker = doc.createTreeWalker(doc, SHOW_TEXT);
  const run = newRun();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!readRun((node as Text).data, run)) continue;
    if (!inSkipped(node)) return true;
    run.digits = 0;
  }
  return false;
}

/**
 * The markup of a document with no candidate in its text, read instead of asking selectors:
 * either pattern matching sends it on to the queries and the element walk below (a loose match
 * only costs that). Every tag of a custom element (the only HTML element that can host a shadow
 * root apart from plain ones such as `div`) holds a `-`, and a call link's href names its scheme.
 * In 30 fresh frames (Chromium 156, isolated worlds) serializing and matching took 0.14 ms a frame
 * against 0.25 for the selector of links and hosts; on a 100,000-element table, 94 against 253 ms.
 */
const MARKUP_CUSTOM_TAG = /<[a-z][^\s/>]*-/i;
const MARKUP_CALL_LINK = /\shref="[^"]*(?:tel|callto|sips?):/i;

/** The document's markup, or null (no serializer, or it failed: the selectors are asked then). */
function readMarkup(doc: Document, serialize: ((doc: Document) => string) | undefined): string | null {
  try {
    return serialize ? serialize(doc) : null;
  } catch {
    return null;
  }
}

/**
 * The whole document, as the bootstrap first reads it: its text in order with a tree walker that
 * makes wrappers for text nodes only; then (no candidate there) its call links and possible
 * shadow hosts, from its markup when `serialize` is given (the browser's XMLSerializer), else by
 * one selector. An element is touched only where a digit run ends (is it in a script or a style?)
 * or where a link or a host may be. Open shadow roots are read by the element walk below, and
 * only where the document has an element that is not plain HTML: a shadow root on a plain `div`
 * in a document with no other candidate is not seen by the bootstrap (unless its host is added
 * later: an added node is walked whole). A big page's text shows a candidate within its first rows.
 */
export function documentHasCandidate(doc: Document, onShadow: (root: ShadowRoot) => void, serialize?: (doc: Document) => string): boolean {
  if (textHasCandidateRun(doc)) return true;
  const markup = readMarkup(doc, serialize);
  let mayLink = true;
  let mayHost = true;
  if (markup !== null) {
    mayLink = MARKUP_CALL_LINK.test(markup);
    mayHost = MARKUP_CUSTOM_TAG.test(markup);
    if (!mayLink && !mayHost) return false;
  } else if (!doc.querySelector(LINK_OR_HOST)) return false; // querySelector: no match makes no list and no wrapper.
  if (mayLink && doc.querySelector(MAYBE_CALL_LINK)) for (const link of doc.querySelectorAll(MAYBE_CALL_LINK)) if (isCallLink(link)) return true;
  // A custom tag in the markup is a host to look at; without markup, the selector says whether there is one.
  if (!mayHost || (markup === null && !doc.querySelector(MAY_HOST_SHADOW))) return false;
  const root = doc.body ?? doc.documentElement;
  return root !== null && walkForCandidate(root, newRun(), onShadow);
}

/**
 * Reads `root`'s elements and text (and open shadow roots inside it) until a candidate shows, on
 * from `run` (left where the text read ends). `onShadow` is told every open shadow root met, so it
 * can be watched for changes.
 */
export function walkForCandidate(root: Node, run: RunState, onShadow: (root: ShadowRoot) => void): boolean {
  let node: Node | null = root;
  while (node) {
    let descend = false;
    if (node.nodeType === 3) {
      if (readRun((node as Text).data, run)) return true;
    } else if (node.nodeType === 1) {
      const el = node as Element;
      if (isCallLink(el)) return true;
      descend = !SKIP.has(el.tagName.toUpperCase());
      const shadow = descend ? el.shadowRoot : null;
      if (shadow) {
        onShadow(shadow);
        if (walkForCandidate(shadow, newRun(), onShadow)) return true;
      }
    } else descend = node.nodeType === 9 || node.nodeType === 11;
    if (descend && node.firstChild) {
      node = node.firstChild;
      continue;
    }
    while (node && node !== root && !node.nextSibling) node = node.parentNode;
    node = !node || node === root ? null : node.nextSibling;
  }
  return false;
}

/** The text at one edge of a node: a Text node's own, or the nearest Text down that edge. */
function edgeText(node: Node | null, edge: 'first' | 'last'): string {
  for (let depth = 0; node && depth < 8; depth++) {
    if (node.nodeType === 3) return edge === 'last' ? (node as Text).data.slice(-EDGE) : (node as Text).data.slice(0, EDGE);
    if (node.nodeType !== 1 || SKIP.has((node as Element).tagName.toUpperCase())) return '';
    node = edge === 'last' ? node.lastChild : node.firstChild;
  }
  return '';
}

/** True if `node`, read with the text around it, holds a candidate. */
function nodeHasCandidate(node: Node, onShadow: (root: ShadowRoot) => void): boolean {
  const run = newRun();
  return readRun(edgeText(node.previousSibling, 'last'), run) || walkForCandidate(node, run, onShadow) || readRun(edgeText(node.nextSibling, 'first'), run);
}

export const WATCH_OPTIONS: MutationObserverInit = {
  childList: true,
  subtree: true,
  characterData: true,
  attributes: true,
  attributeFilter: ['href'],
};

/** True if a batch of DOM changes brought a candidate (new nodes, changed text, a new call link). */
export function mutationsHaveCandidate(records: readonly MutationRecord[], onShadow: (root: ShadowRoot) => void): boolean {
  for (const record of records) {
    if (record.type === 'childList') {
      for (const node of record.addedNodes) if (nodeHasCandidate(node, onShadow)) return true;
    } else if (record.type === 'characterData') {
      if (nodeHasCandidate(record.target, onShadow)) return true;
    } else if (record.target.nodeType === 1 && isCallLink(record.target as Element)) return true;
  }
  return false;
}

export interface CandidateWatchDeps {
  doc: Document;
  MutationObserver: typeof MutationObserver;
  /** The document's markup (XMLSerializer), read where its text holds no candidate; absent, selectors are asked. */
  serialize?: (doc: Document) => string;
}

/**
 * Calls `onFound` once, as soon as the document (its text now, unless `readNow` is false, or any
 * later change to it) holds a candidate; then stops watching. Returns a function that stops it sooner.
 */
export function watchForCandidates(deps: CandidateWatchDeps, onFound: () => void, readNow = true): () => void {
  let done = false;
  const observer = new deps.MutationObserver((records) => {
    if (done || !mutationsHaveCandidate(records, watch)) return;
    finish();
  });
  function watch(root: Node): void {
    observer.observe(root, WATCH_OPTIONS);
  }
  const stop = () => {
    done = true;
    observer.disconnect();
  };
  function finish(): void {
    stop();
    onFound();
  }
  watch(deps.doc);
  if (readNow && documentHasCandidate(deps.doc, watch, deps.serialize)) finish();
  return stop;
}
