import { guard } from '../debug-log';
import { dialWithNotice } from './dial-report';
import { isInteractive } from '../scan/dom-rules';
import { hitTest } from './hit-test';
import { numberBoxes } from './number-boxes';
import { realm } from '../realm';
import type { ContentContext, Feature } from '../context';
import type { PhoneRecord } from '../types';
import { takeBootPointer } from '../world-flag';

const CHECK_MS = 40;
const SHOW_DELAY_MS = 180;
const HIDE_DELAY_MS = 350;
const VERIFY_EVERY_MS = 500;
/** Looks (CHECK_MS apart) for the scan's first records before the noted pointer is hit-tested anyway. */
const BOOT_POINTER_TRIES = 25;
/** A click the bootstrap noted is acted on only this soon after it (a late card or call would surprise). */
const CLICK_REPLAY_MS = 5000;

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

    /** A click at (px, py); `noCall`: in a link, button or field, a double click or a selection (which never call). */
    function clickAt(px: number, py: number, noCall: boolean): void {
      const record = at(px, py);
      if (!record) {
        if (card.isOpen) {
          pinned = false;
          card.close();
        }
        return;
      }
      if (noCall) return;
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
    }

    const onClick = guard('click', (event: MouseEvent) => {
      if (!event.isTrusted || event.button !== 0) return;
      const path = event.composedPath();
      if (card.owns(path)) return;
      // Links, buttons and form fields keep their meaning (the hover card still shows there);
      // selecting text (double click, drag) is not a request to call or to move focus.
      const noCall = event.defaultPrevented || pathHasInteractive(path) || event.detail > 1 || !(document.getSelection()?.isCollapsed ?? true);
      clickAt(event.clientX, event.clientY, noCall);
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

    // A previewed frame (boot.ts) loaded this script because the pointer came: once the scan has
    // recorded the frame's numbers, look where the pointer is and act on a click made meanwhile.
    const left = takeBootPointer();
    if (left) {
      x = left.x;
      y = left.y;
      let tries = 0;
      const lookWhereLeft = guard('boot-pointer', () => {
        if (signal.aborted) return;
        if (store.size === 0 && ++tries < BOOT_POINTER_TRIES) {
          realm.setTimeout(lookWhereLeft, CHECK_MS);
          return;
        }
        const click = left.click;
        if (click && Date.now() - click.at <= CLICK_REPLAY_MS) clickAt(click.x, click.y, click.skip);
        else if (checkTimer === undefined) check();
      });
      realm.setTimeout(lookWhereLeft, CHECK_MS);
    }

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
