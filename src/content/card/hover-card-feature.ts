import { guard } from '../debug-log';
import { dialWithNotice } from './dial-report';
import { isInteractive } from '../scan/dom-rules';
import { hitTest } from './hit-test';
import { numberBoxes } from './number-boxes';
import { realm } from '../realm';
import type { ContentContext, Feature } from '../context';
import type { PhoneRecord } from '../types';

const CHECK_MS = 40;
const SHOW_DELAY_MS = 180;
const HIDE_DELAY_MS = 350;
const VERIFY_EVERY_MS = 500;

function pathHasInteractive(path: readonly EventTarget[]): boolean {
  for (const target of path) if (target instanceof Element && isInteractive(target)) return true;
  return false;
}

function anchorOf(record: PhoneRecord): DOMRect {
  const range = record.range;
  if (!range) return new DOMRect();
  return range.getClientRects()[0] ?? range.getBoundingClientRect();
}

/** The other numbers in view, which the card and the call status must not cover. */
function othersOf(ctx: ContentContext, record: PhoneRecord) {
  return numberBoxes(ctx.store, record.range, { width: window.innerWidth, height: window.innerHeight });
}

/**
 * Hovering a detected number shows the card; clicking it shows the card with focus on "Call"
 * (keyboard reachable, Escape closes), or calls at once when prefs say `clickAction: 'call'`.
 * Clicks in links, buttons and form fields keep their page meaning.
 */
export const hoverCardFeature: Feature = {
  name: 'hover-card',
  start(ctx: ContentContext, signal: AbortSignal) {
    const { card, store } = ctx;
    let x = 0;
    let y = 0;
    let checkTimer: ReturnType<typeof setTimeout> | undefined;
    let showTimer: ReturnType<typeof setTimeout> | undefined;
    let hideTimer: ReturnType<typeof setTimeout> | undefined;
    let candidate: PhoneRecord | null = null;
    let inCard = false;
    let pinned = false;
    /** A number just dialled by a click ("call at once"): no hover card for it until the pointer leaves. */
    let quiet: PhoneRecord | null = null;
    let lastVerify = 0;

    const clear = (t: ReturnType<typeof setTimeout> | undefined) => {
      if (t !== undefined) realm.clearTimeout(t);
    };
    const at = (px: number, py: number) => hitTest(document, store, px, py, store.liveShadowRoots());

    function cancelHide(): void {
      clear(hideTimer);
      hideTimer = undefined;
    }
    function scheduleHide(): void {
      if (hideTimer !== undefined || !card.isOpen || pinned) return;
      hideTimer = realm.setTimeout(
        guard('hide', () => {
          hideTimer = undefined;
          if (!inCard && !pinned) card.close();
        }),
        HIDE_DELAY_MS,
      );
    }

    const check = guard('hover', () => {
      checkTimer = undefined;
      if (signal.aborted) return;
      const now = realm.now();
      if (now - lastVerify > VERIFY_EVERY_MS) {
        lastVerify = now;
        store.verify();
      }
      if (inCard) return;
      const record = at(x, y);
      if (!record) {
        candidate = null;
        quiet = null;
        clear(showTimer);
        scheduleHide();
        return;
      }
      cancelHide();
      if (record === quiet) return;
      quiet = null;
      if (card.isOpen && card.content?.number === record.number) return;
      if (candidate === record) return;
      candidate = record;
      clear(showTimer);
      showTimer = realm.setTimeout(
        guard('show', () => {
          if (candidate !== record || !record.range || !record.startNode.isConnected) return;
          pinned = false;
          card.open(anchorOf(record), { number: record.number, shown: record.shown }, false, othersOf(ctx, record));
        }),
        SHOW_DELAY_MS,
      );
    });

    const onMove = guard('pointermove', (event: PointerEvent) => {
      if (event.pointerType === 'touch') return;
      x = event.clientX;
      y = event.clientY;
      if (checkTimer === undefined) checkTimer = realm.setTimeout(check, CHECK_MS);
    });

    const onClick = guard('click', (event: MouseEvent) => {
      if (!event.isTrusted || event.button !== 0) return;
      const path = event.composedPath();
      if (card.owns(path)) return;
      const record = at(event.clientX, event.clientY);
      if (!record) {
        if (card.isOpen) {
          pinned = false;
          card.close();
        }
        return;
      }
      // Links, buttons and form fields keep their meaning; the hover card still shows there.
      if (event.defaultPrevented || pathHasInteractive(path)) return;
      // Selecting text (double click, drag) is not a request to call or to move focus.
      if (event.detail > 1 || !(document.getSelection()?.isCollapsed ?? true)) return;
      const content = { number: record.number, shown: record.shown };
      // The click decides: no hover card of this or another number opens after it.
      clear(showTimer);
      candidate = record;
      cancelHide();
      if (ctx.prefs().clickAction === 'call') {
        // A call at once opens no card (one left open by hovering closes): a status beside the
        // number that clicks go through shows the progress and the outcome.
        pinned = false;
        quiet = record;
        card.close();
        dialWithNotice(ctx, anchorOf(record), othersOf(ctx, record), content, 'page');
      } else {
        pinned = true;
        card.open(anchorOf(record), content, true, othersOf(ctx, record));
      }
    });

    const onKey = guard('keydown', (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      card.hideNotice();
      if (card.isOpen) {
        pinned = false;
        card.close();
      }
    });

    const onScroll = guard('scroll', () => {
      if (card.isOpen && !pinned && !inCard) card.close();
    });

    const cardHover = (inside: boolean) => {
      inCard = inside;
      if (inside) cancelHide();
      else scheduleHide();
    };
    card.setHoverListener(cardHover);

    const opts = { capture: true, passive: true, signal };
    window.addEventListener('pointermove', onMove, opts);
    window.addEventListener('scroll', onScroll, opts);
    window.addEventListener('click', onClick, { capture: true, signal });
    window.addEventListener('keydown', onKey, { capture: true, signal });
    signal.addEventListener('abort', () => {
      clear(checkTimer);
      clear(showTimer);
      clear(hideTimer);
      card.setHoverListener(null);
    });
  },
};
