import { CARD_CSS } from './card-style';
import { type Box, placeBeside } from './card-place';
import { guard } from '../debug-log';
import { describeNumber } from './format-number';
import { realm } from '../realm';
import { t } from '../content-i18n';

/** The only element Dialbar adds to a page: this host, with a closed shadow root. */
export const CARD_TAG = 'dialbar-card';

export interface CardContent {
  number: string;
  shown: string;
}

export interface CardHandlers {
  onCall(content: CardContent): void;
  onCopy(content: CardContent): void;
  /** Told each time the card opens (the session starts following the phone's state then). */
  onOpen?(): void;
  /** A standing note for the status line, e.g. why a call cannot start now; null for none. */
  hint?(): string | null;
}

type StatusKind = 'info' | 'error' | 'ok';

/** How long a call's status stays beside its number (a refusal a little longer, to be read). */
const NOTICE_MS = 4000;
const NOTICE_ERROR_MS = 7000;

/** The hover card: number, country, Call and Copy. Built lazily, on first use. */
export class Card {
  private host: HTMLElement | null = null;
  private parts: {
    card: HTMLElement;
    number: HTMLElement;
    country: HTMLElement;
    status: HTMLElement;
    call: HTMLButtonElement;
    copy: HTMLButtonElement;
    notice: HTMLElement;
  } | null = null;
  private shownContent: CardContent | null = null;
  /** The status line shows the hint (or nothing), not a message of a dial or copy. */
  private statusIsHint = true;
  private returnFocus: Element | null = null;
  private hover: ((inside: boolean) => void) | null = null;
  private noticeId = 0;
  private noticeAt: { anchor: Box; avoid: readonly Box[] } | null = null;
  private noticeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly doc: Document,
    private readonly handlers: CardHandlers,
  ) {}

  /** Told when the pointer enters or leaves the card. */
  setHoverListener(listener: ((inside: boolean) => void) | null): void {
    this.hover = listener;
  }

  get content(): CardContent | null {
    return this.shownContent;
  }

  get isOpen(): boolean {
    return this.shownContent !== null;
  }

  /** True if an event with this composed path happened on the card. */
  owns(path: readonly EventTarget[]): boolean {
    return this.host !== null && path.includes(this.host);
  }

  /** Opens beside `anchor`, stepping around `avoid` (the other numbers in view). */
  open(anchor: Box, content: CardContent, focus: boolean, avoid: readonly Box[] = []): void {
    const parts = this.build();
    if (!this.host?.isConnected) this.doc.documentElement.append(this.host as HTMLElement);
    const view = describeNumber(content.number);
    parts.number.textContent = view.formatted;
    parts.country.textContent = view.country;
    if (this.shownContent?.number !== content.number) this.showHint(true);
    this.shownContent = content;
    parts.card.hidden = false;
    this.place(parts.card, anchor, avoid, 'top');
    this.handlers.onOpen?.();
    if (focus) {
      this.returnFocus = this.doc.activeElement;
      parts.call.focus();
    }
  }

  status(text: string, kind: StatusKind): void {
    if (!this.parts) return;
    this.statusIsHint = false;
    this.parts.status.textContent = text;
    this.parts.status.className = `status ${kind}`;
  }

  /** Shows the current hint, unless a dial's or copy's message stands there (`force` replaces it). */
  showHint(force = false): void {
    if (!this.parts || (!force && !this.statusIsHint)) return;
    this.status(this.handlers.hint?.() ?? '', 'info');
    this.statusIsHint = true;
  }

  /** Puts the card's own words in the current language (the setting changed while the page is open). */
  relabel(): void {
    if (!this.parts) return;
    this.parts.card.setAttribute('aria-label', t('content.cardLabel'));
    this.parts.call.textContent = t('content.call');
    this.parts.copy.textContent = t('content.copy');
    if (this.shownContent) this.parts.country.textContent = describeNumber(this.shownContent.number).country;
    this.showHint();
  }

  close(): void {
    if (!this.parts || !this.shownContent) return;
    this.parts.card.hidden = true;
    this.shownContent = null;
    const back = this.returnFocus;
    this.returnFocus = null;
    if (back instanceof HTMLElement && back.isConnected) back.focus({ preventScroll: true });
  }

  /**
   * A one-line status beside `anchor` that takes no pointer events (clicks go through to the
   * page) and goes away by itself: a call started by a click, with no card. Returns its id.
   */
  notice(anchor: Box, text: string, kind: StatusKind, avoid: readonly Box[] = []): number {
    const parts = this.build();
    if (!this.host?.isConnected) this.doc.documentElement.append(this.host as HTMLElement);
    this.noticeAt = { anchor, avoid };
    this.noticeId++;
    this.showNotice(parts.notice, text, kind);
    return this.noticeId;
  }

  /** Replaces the text of notice `id` (the dial's outcome), unless another has taken its place. */
  updateNotice(id: number, text: string, kind: StatusKind): void {
    if (id !== this.noticeId || !this.parts || this.parts.notice.hidden) return;
    this.showNotice(this.parts.notice, text, kind);
  }

  hideNotice(): void {
    if (this.noticeTimer !== undefined) realm.clearTimeout(this.noticeTimer);
    this.noticeTimer = undefined;
    if (this.parts) this.parts.notice.hidden = true;
  }

  private showNotice(notice: HTMLElement, text: string, kind: StatusKind): void {
    notice.textContent = text;
    notice.className = `notice ${kind}`;
    notice.hidden = false;
    if (this.noticeAt) this.place(notice, this.noticeAt.anchor, this.noticeAt.avoid, 'middle');
    if (this.noticeTimer !== undefined) realm.clearTimeout(this.noticeTimer);
    this.noticeTimer = realm.setTimeout(
      guard('notice', () => this.hideNotice()),
      kind === 'error' ? NOTICE_ERROR_MS : NOTICE_MS,
    );
  }

  /** Removes the host from the page (Dialbar stopping). */
  remove(): void {
    this.hideNotice();
    this.host?.remove();
    this.host = null;
    this.parts = null;
    this.shownContent = null;
  }

  /** Copies through a selection inside the card (pages without the async clipboard API). */
  copyBySelection(text: string): boolean {
    const root = this.parts?.card;
    if (!root) return false;
    const area = this.doc.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.cssText = 'position:fixed;opacity:0;pointer-events:none;';
    root.append(area);
    area.select();
    let ok = false;
    try {
      ok = this.doc.execCommand('copy');
    } finally {
      area.remove();
      this.parts?.call.focus({ preventScroll: true });
    }
    return ok;
  }

  private place(box: HTMLElement, anchor: Box, avoid: readonly Box[], align: 'top' | 'middle'): void {
    const view = this.doc.defaultView;
    if (!view) return;
    const size = { width: box.offsetWidth || 240, height: box.offsetHeight || 100 };
    const at = placeBeside(anchor, size, { width: view.innerWidth, height: view.innerHeight }, avoid, align);
    box.style.left = `${at.left}px`;
    box.style.top = `${at.top}px`;
  }

  private build(): NonNullable<Card['parts']> {
    if (this.parts) return this.parts;
    const doc = this.doc;
    const host = doc.createElement(CARD_TAG);
    const root = host.attachShadow({ mode: 'closed' });
    if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function') {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CARD_CSS);
      root.adoptedStyleSheets = [sheet];
    } else {
      const style = doc.createElement('style');
      style.textContent = CARD_CSS;
      root.append(style);
    }
    const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, text = ''): HTMLElementTagNameMap[K] => {
      const node = doc.createElement(tag);
      node.className = cls;
      node.textContent = text;
      return node;
    };
    const card = el('div', 'card');
    card.hidden = true;
    card.setAttribute('role', 'dialog');
    card.setAttribute('aria-label', t('content.cardLabel'));
    const number = el('div', 'number');
    const country = el('div', 'country');
    const actions = el('div', 'actions');
    const call = el('button', 'call', t('content.call'));
    const copy = el('button', 'copy', t('content.copy'));
    call.type = 'button';
    copy.type = 'button';
    const status = el('div', 'status');
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    actions.append(call, copy);
    card.append(number, country, actions, status);
    const notice = el('div', 'notice');
    notice.setAttribute('role', 'status');
    notice.setAttribute('aria-live', 'polite');
    notice.hidden = true;
    root.append(card, notice);
    call.addEventListener(
      'click',
      guard('card-call', (e: MouseEvent) => {
        if (e.isTrusted && this.shownContent) this.handlers.onCall(this.shownContent);
      }),
    );
    copy.addEventListener(
      'click',
      guard('card-copy', (e: MouseEvent) => {
        if (e.isTrusted && this.shownContent) this.handlers.onCopy(this.shownContent);
      }),
    );
    card.addEventListener(
      'keydown',
      guard('card-key', (e: KeyboardEvent) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          this.close();
        }
      }),
    );
    card.addEventListener('pointerenter', guard('card-enter', () => this.hover?.(true)));
    card.addEventListener('pointerleave', guard('card-leave', () => this.hover?.(false)));
    this.host = host;
    this.parts = { card, number, country, status, call, copy, notice };
    return this.parts;
  }
}
