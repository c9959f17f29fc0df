import { guard } from '../debug-log';
import { blankJoinsNoLine, classValueSkips, documentOptedOut, isBlankText, isInlineTag, skipsSubtree, unitOf } from './dom-rules';
import { realm, yieldToPage } from '../realm';
import { Scanner } from './scanner';
import { ViewportPainter } from './viewport-painter';
import { WorkerDetector } from './worker-detector';
import type { Feature } from '../context';
import type { Unit } from '../types';

/** Work in slices this long, then give the page a turn: no task of ours comes near 50 ms. */
const SLICE_MS = 8;
/** The first pass of a page still loading reads this many blocks (a screen of table rows and more)... */
const TOP_BLOCKS = 800;
/** ...or stops after this long. */
const TOP_MS = 20;
/** Mutations are collected and handled together at most this often. */
const BATCH_MS = 60;
/** While a long scan runs, newly found numbers are painted this often. */
const PAINT_MS = 120;
/** Scrolling re-picks the painted numbers at most this often. */
const SCROLL_MS = 100;
/**
 * Attributes that turn scanning off for a subtree (dom-rules.ts). Class changes are frequent on
 * most apps: one counts only when it adds or removes the opt-out or an editor class (old value
 * against new).
 */
const SKIP_ATTRIBUTES = ['contenteditable', 'hidden', 'class'];
const OBSERVE: MutationObserverInit = {
  childList: true,
  subtree: true,
  characterData: true,
  attributes: true,
  attributeOldValue: true,
  attributeFilter: SKIP_ATTRIBUTES,
};

/** Finds numbers in the page and its open shadow roots, then keeps up with DOM changes. */
export const scanFeature: Feature = {
  name: 'scan',
  start(ctx, signal) {
    const { store } = ctx;
    const observed = new WeakSet<Node>();
    /** Units to scan again, true if their whole subtree (new content) rather than their own lines. */
    const pendingUnits = new Map<Unit, boolean>();
    const pend = (unit: Unit | null, deep: boolean) => {
      if (unit && (deep || !pendingUnits.has(unit))) pendingUnits.set(unit, deep);
    };
    let needPrune = false;
    let batchTimer: ReturnType<typeof setTimeout> | undefined;
    let running = false;
    let scrollTimer: ReturnType<typeof setTimeout> | undefined;
    const painter = new ViewportPainter(store, window);
    store.onNewUnit = (unit) => painter.note(unit);
    // Choosing what to paint reads layout boxes; doing it right after a frame (layout clean)
    // keeps it from forcing a synchronous layout in the middle of the page's own updates.
    // During a scan the timer would wait behind every scheduler.yield() continuation (they run
    // first), so the next slice also runs a refresh that is due (a frame has passed).
    let refreshQueued = false;
    let frameSeen = false;
    const refreshNow = () => {
      refreshQueued = false;
      frameSeen = false;
      if (!signal.aborted) painter.refresh();
    };
    const refreshSoon = () => {
      if (refreshQueued) return;
      refreshQueued = true;
      realm.requestAnimationFrame(() => {
        frameSeen = true;
        realm.setTimeout(
          guard('paint', () => {
            if (refreshQueued) refreshNow();
          }),
          0,
        );
      });
    };
    const repaint = () => {
      store.flush();
      store.verify();
      if (store.needsViewport || store.paintedSize !== store.size) refreshSoon();
    };

    const scanOptions = { detectInCode: ctx.prefs().detectInCode };
    const starter = ctx.workerStarter;
    const remote = starter
      ? new WorkerDetector({
          starter,
          detect: ctx.detect,
          log: ctx.log,
          setTimeout: (fn, ms) => realm.setTimeout(guard('detect-worker', fn), ms),
          clearTimeout: (timer) => realm.clearTimeout(timer as number),
          now: realm.now,
        })
      : null;
    const scanner = new Scanner({
      remote,
      doc: document,
      store,
      detect: ctx.detect,
      country: ctx.country(),
      opts: scanOptions,
      log: ctx.log,
      onShadowRoot: (root) => {
        observe(root);
        store.shadowRoots.add(root);
      },
    });

    // A worker's answer is recorded in a task of its own: counted as a slice, painted like a pump slice.
    let answerPaintAt = 0;
    scanner.onAnswer = (receivedAt) => {
      const finished = !running && scanner.idle && scanner.settled;
      if (finished || realm.now() - answerPaintAt > PAINT_MS) {
        repaint();
        answerPaintAt = realm.now();
      }
      if (finished) store.stats.idleAt = realm.now();
      const took = realm.now() - receivedAt;
      store.stats.answerMs += took;
      noteSlice(took, 'answer');
      wakePump();
    };
    // A pump waiting for the worker to catch up (scanner.backlogged) resumes at its next answer, or when the scan stops.
    let waking: (() => void) | null = null;
    const wakePump = () => {
      const wake = waking;
      waking = null;
      wake?.();
    };
    const answered = () => new Promise<void>((resolve) => {
      waking = resolve;
    });

    const observer = new realm.MutationObserver(
      guard('mutations', (records: MutationRecord[]) => {
        let relevant = false;
        for (const record of records) if (noteMutation(record)) relevant = true;
        // Pages that only restyle (class changes) cost no batch.
        if (relevant && batchTimer === undefined) batchTimer = realm.setTimeout(guard('batch', runBatch), BATCH_MS);
      }),
    );

    function observe(root: Node): void {
      if (observed.has(root)) return;
      observed.add(root);
      observer.observe(root, OBSERVE);
    }

    /** Notes what a mutation asks to rescan; false if it asks nothing (a class change that does not matter). */
    function noteMutation(record: MutationRecord): boolean {
      const target = record.target;
      if (record.type === 'characterData') {
        pend(unitOf(target), false);
        return true;
      }
      if (record.type === 'attributes') {
        // An element became editable, hidden or opted out: its numbers go. It stopped being so: read it
        // (the scanner checks its ancestors, which may still be skipped).
        const el = target as Element;
        if (record.attributeName === 'class' && classValueSkips(record.oldValue) === classValueSkips(el.getAttribute('class'))) return false;
        const inline = isInlineTag(el);
        if (skipsSubtree(el, scanOptions)) {
          store.dropWithin(el);
          if (inline) pend(unitOf(el), false); // its text was part of its block's lines
        } else pend(inline ? unitOf(el) : el, true);
        return true;
      }
      // childList: new blocks are units of their own (read deep); new or removed text changes the
      // parent's lines (read again, shallow); an inline element holding elements may bring blocks,
      // so it is read deep too (only the blocks in it: its own text belongs to the parent's lines).
      let parentChanged = false;
      for (const node of record.addedNodes) {
        if (node.nodeType === 1 && !isInlineTag(node as Element)) {
          pend(node as Element, true);
          // A block put between two pieces of one line splits it.
          if (lineAround(node.previousSibling, true) && lineAround(node.nextSibling, false)) parentChanged = true;
        } else if (node.nodeType === 1 || (node.nodeType === 3 && !blankJoinsNoLine(node, node.previousSibling, target))) {
          parentChanged = true;
          if (node.nodeType === 1 && (node as Element).firstElementChild !== null) pend(node as Element, true);
        }
      }
      for (const node of record.removedNodes) {
        // The record's previousSibling is the removed run's: right for its first node only.
        if (blankJoinsNoLine(node, record.previousSibling, target) && record.removedNodes.length === 1) continue;
        needPrune = true;
        // Inline content changes its line; a block that separated two pieces of one joins them.
        if (inLine(node) || (lineAround(record.previousSibling, true) && lineAround(record.nextSibling, false))) parentChanged = true;
      }
      if (parentChanged) pend(unitOf(target), false);
      return true;
    }

    /** True for text and inline elements: what lines are made of. */
    function inLine(node: Node | null): boolean {
      return node !== null && (node.nodeType === 3 || (node.nodeType === 1 && isInlineTag(node as Element)));
    }

    /** True if the nearest sibling that is not blank text (before or after) is line content. */
    function lineAround(node: Node | null, before: boolean): boolean {
      let n = node;
      // A few steps: a run of blank nodes longer than that counts as line content (read again).
      for (let steps = 0; n !== null && isBlankText(n); steps++) {
        if (steps === 8) return true;
        n = before ? n.previousSibling : n.nextSibling;
      }
      return inLine(n);
    }

    function runBatch(): void {
      batchTimer = undefined;
      if (signal.aborted) return;
      if (documentOptedOut(document)) {
        ctx.stop();
        return;
      }
      if (needPrune) {
        needPrune = false;
        for (const unit of store.prune()) scanner.enqueue(unit, false);
      }
      for (const [unit, deep] of pendingUnits) scanner.enqueue(unit, deep);
      pendingUnits.clear();
      repaint();
      void pump();
    }

    async function pump(): Promise<void> {
      if (running) return;
      running = true;
      try {
        const work = scanner.work();
        let lastPaint = realm.now();
        const stats = store.stats;
        if (stats.startedAt === 0) stats.startedAt = realm.now();
        for (;;) {
          const begin = realm.now();
          const end = begin + SLICE_MS;
          if (frameSeen && refreshQueued) refreshNow();
          let done = false;
          let t = begin;
          do {
            done = work.next().done === true;
            const after = realm.now();
            if (after - t > stats.maxStepMs) stats.maxStepMs = after - t;
            t = after;
          } while (!done && t < end);
          // Batched runs are detected before the page can change the DOM under them.
          if (!done) scanner.flush();
          if (done || t - lastPaint > PAINT_MS) {
            repaint();
            lastPaint = realm.now();
            if (lastPaint - t > stats.maxRepaintMs) stats.maxRepaintMs = lastPaint - t;
          }
          noteSlice(realm.now() - begin, 'scan');
          // With batches still out with the worker, its last answer says when the scan ended.
          if (done && scanner.settled) stats.idleAt = realm.now();
          if (done || signal.aborted) break;
          await yieldToPage();
          // The worker is behind: wait for its answers rather than read on. What is out with it
          // keeps its rows' text alive, and on a big page every major collection marks all of that.
          while (scanner.backlogged && !signal.aborted) {
            stats.backlogWaits++;
            await answered();
            await yieldToPage();
          }
          if (signal.aborted) break;
        }
      } catch (error) {
        ctx.log('scan', error);
      } finally {
        running = false;
      }
      // Units queued while the last slice finished are picked up by a fresh pass.
      if (!signal.aborted && !scanner.idle) void pump();
    }

    const onScroll = guard('scroll-paint', () => {
      if (scrollTimer !== undefined || !store.needsViewport) return;
      scrollTimer = realm.setTimeout(
        guard('scroll-repaint', () => {
          scrollTimer = undefined;
          if (!signal.aborted) repaint();
        }),
        SCROLL_MS,
      );
    });
    window.addEventListener('scroll', onScroll, { capture: true, passive: true, signal });
    window.addEventListener('resize', onScroll, { passive: true, signal });

    signal.addEventListener('abort', () => {
      observer.disconnect();
      remote?.close();
      wakePump();
      if (batchTimer !== undefined) realm.clearTimeout(batchTimer);
      if (scrollTimer !== undefined) realm.clearTimeout(scrollTimer);
      store.clear();
    });

    observe(document);
    const root = document.body ?? document.documentElement;
    if (root) scanner.enqueue(root, true);
    // A page still loading is at its top: its first screen is read now, before its first full
    // layout (on a big table that layout takes seconds), and painted in the frame that shows it.
    if (root && document.readyState !== 'complete') guard('top-scan', () => readTop(root))();
    // The rest after the page's next frame: its first layout happens in its own task, not in a
    // slice of ours (the viewport-first ordering reads layout boxes).
    realm.requestAnimationFrame(() => realm.setTimeout(guard('first-scan', () => void pump()), 0));

    function readTop(root: Unit): void {
      const stats = store.stats;
      const begin = realm.now();
      if (stats.startedAt === 0) stats.startedAt = begin;
      const work = scanner.readTop(root, TOP_BLOCKS);
      while (!work.next().done && realm.now() - begin < TOP_MS);
      work.return();
      store.flush();
      store.verify();
      noteSlice(realm.now() - begin, 'top');
    }

    /** Counts one slice of ours (the top pass or a pump slice) in the scan's timings. */
    function noteSlice(took: number, kind: 'top' | 'scan' | 'answer'): void {
      const stats = store.stats;
      stats.slices++;
      stats.busyMs += took;
      if (took > stats.maxSliceMs) {
        stats.maxSliceMs = took;
        stats.maxSliceKind = kind;
      }
      if (took > 16) stats.slicesOver16Ms++;
    }
  },
};
