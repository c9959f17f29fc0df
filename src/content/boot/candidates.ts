/**
 * The bootstrap's question: could this document hold a phone number, now or after a change?
 * It must never say no where the full scanner would find a number, so it is looser than the
 * detector: any digits of any script (`\p{Nd}`: the detector reads Arabic-Indic, fullwidth …),
 * CANDIDATE_DIGITS of them each within GAP characters of the one before, across text nodes;
 * or a tel:, callto: or sip: link. No detector, no libphonenumber metadata, no DOM writes.
 */

/** The detector's least digit count (a labelled number: MIN_LABELLED_DIGITS in src/detect/pieces.ts). */
export const CANDIDATE_DIGITS = 4;
/** Separators, labels and irregular spaces between two digits of one number: never more than this. */
const GAP = 8;
/** Text kept from the nodes before, so a number split over elements (`<b>41</b>55…`) is seen. */
const TAIL = (CANDIDATE_DIGITS - 1) * (GAP + 1);

const DIGIT = /\p{Nd}/u;
const RUN = new RegExp(`\\p{Nd}(?:[^\\p{Nd}]{0,${GAP}}\\p{Nd}){${CANDIDATE_DIGITS - 1}}`, 'u');
/**
 * The same tests for text of ASCII only, tried first: a Unicode property class costs a fresh
 * process about a millisecond to build, and most frames never need it.
 */
const NON_ASCII = /[^\0-\x7f]/;
const ASCII_DIGIT = /[0-9]/;
const ASCII_RUN = new RegExp(`[0-9](?:[^0-9]{0,${GAP}}[0-9]){${CANDIDATE_DIGITS - 1}}`);

function hasDigit(text: string): boolean {
  return ASCII_DIGIT.test(text) || (NON_ASCII.test(text) && DIGIT.test(text));
}

function hasRun(text: string): boolean {
  return NON_ASCII.test(text) ? RUN.test(text) : ASCII_RUN.test(text);
}
/** The link schemes the tel-link feature dials (CALL_SCHEMES in src/content/dial/link-target.ts). */
const CALL_LINK = /^\s*(?:tel|callto|sips?):/i;
/** Elements whose text the scanner never reads whatever their attributes (a subset of its skip list). */
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'TITLE', 'TEXTAREA']);

/** True if `text` holds a digit run the detector might call a number. */
export function textHasCandidate(text: string): boolean {
  return hasDigit(text) && hasRun(text);
}

/** True for an `<a>` or `<area>` whose href is a call link. */
export function isCallLink(el: Element): boolean {
  const tag = el.tagName.toUpperCase();
  return (tag === 'A' || tag === 'AREA') && CALL_LINK.test(el.getAttribute('href') ?? '');
}

interface Walk {
  found: boolean;
  /** The last characters read, for the text that follows. */
  tail: string;
}

/**
 * Reads `root`'s text (and open shadow roots inside it) until a candidate shows, starting after
 * `before`. `onShadow` is told every open shadow root met, so it can be watched for changes.
 */
export function walkForCandidate(root: Node, before: string, onShadow: (root: ShadowRoot) => void): Walk {
  let tail = before;
  let node: Node | null = root;
  while (node) {
    let descend = false;
    if (node.nodeType === 3) {
      const data = (node as Text).data;
      if (hasDigit(data)) {
        if (hasRun(tail + data)) return { found: true, tail };
        tail = (tail + data).slice(-TAIL);
      } else tail = data.length >= TAIL ? '' : (tail + data).slice(-TAIL);
    } else if (node.nodeType === 1) {
      const el = node as Element;
      if (isCallLink(el)) return { found: true, tail };
      descend = !SKIP.has(el.tagName.toUpperCase());
      const shadow = descend ? el.shadowRoot : null;
      if (shadow) {
        onShadow(shadow);
        if (walkForCandidate(shadow, '', onShadow).found) return { found: true, tail };
      }
    } else descend = node.nodeType === 9 || node.nodeType === 11;
    if (descend && node.firstChild) {
      node = node.firstChild;
      continue;
    }
    while (node && node !== root && !node.nextSibling) node = node.parentNode;
    node = !node || node === root ? null : node.nextSibling;
  }
  return { found: false, tail };
}

/** The text at one edge of a node: a Text node's own, or the nearest Text down that edge. */
function edgeText(node: Node | null, edge: 'first' | 'last'): string {
  for (let depth = 0; node && depth < 8; depth++) {
    if (node.nodeType === 3) return edge === 'last' ? (node as Text).data.slice(-TAIL) : (node as Text).data.slice(0, TAIL);
    if (node.nodeType !== 1 || SKIP.has((node as Element).tagName.toUpperCase())) return '';
    node = edge === 'last' ? node.lastChild : node.firstChild;
  }
  return '';
}

/** True if `node`, read with the text around it, holds a candidate. */
function nodeHasCandidate(node: Node, onShadow: (root: ShadowRoot) => void): boolean {
  const walk = walkForCandidate(node, edgeText(node.previousSibling, 'last'), onShadow);
  return walk.found || textHasCandidate(walk.tail + edgeText(node.nextSibling, 'first'));
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
  const root = deps.doc.body ?? deps.doc.documentElement;
  if (readNow && root && walkForCandidate(root, '', watch).found) finish();
  return stop;
}
