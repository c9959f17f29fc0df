import { defaultCountry } from '../detect';
import { DialbarError } from '../errors';
import { request } from '../messaging/client';
import type { RuntimePort } from '../messaging/runtime-port';
import { detectionEnabledFor, PREFS_KEY, type Prefs, parsePrefs } from '../settings/prefs';
import { resolveLocale } from '../i18n/locale';
import { Card } from './card/card-ui';
import { contentLocale, errorWords, setContentLocale, t } from './content-i18n';
import { DialGate } from './dial/dial-gate';
import { dialWithCard } from './card/dial-report';
import { documentOptedOut } from './scan/dom-rules';
import { PhoneFeed } from './phone-feed';
import { realm } from './realm';
import { HIGHLIGHT_NAME, RecordStore } from './record-store';
import type { ContentContext, Feature } from './context';
import type { WorkerStarter } from './scan/worker-detector';
import type { Detect, DialOutcome, Logger, PageSource } from './types';

type StorageChange = Record<string, { newValue?: unknown; oldValue?: unknown }>;
type ChangeListener = (changes: StorageChange, area: string) => void;

export interface SessionDeps {
  storage: {
    local: { get(key: string): Promise<Record<string, unknown>> };
    onChanged: { addListener(l: ChangeListener): void; removeListener(l: ChangeListener): void };
  };
  runtime: RuntimePort;
  detect: Detect;
  /** The detection worker's starter (scan/worker-starter.ts); absent: no worker. */
  workerStarter?: WorkerStarter | null;
  features: readonly Feature[];
  doc: Document;
  host: string;
  language: string;
  log: Logger;
  copy?: (text: string) => Promise<void>;
  /** Told about each started context and null on stop (tests and debugging). */
  onContext?: (ctx: ContentContext | null) => void;
}

/** Starts the features while prefs allow detection on this site; follows prefs live. */
export async function startSession(deps: SessionDeps, signal: AbortSignal): Promise<void> {
  // The page script often arrives while the page is still parsed (the bootstrap asks from
  // document_start): prefs are asked for at once, and the features start when the page is parsed
  // (DOMContentLoaded), before its first full layout, so the numbers at the top are marked in the
  // first frame that shows the whole page.
  const stored = deps.storage.local.get(PREFS_KEY);
  // Read after the wait below: a failure meanwhile is not an unhandled rejection, and still reaches the caller.
  stored.catch(() => {});
  await parsed(deps.doc, signal);
  if (signal.aborted || documentOptedOut(deps.doc)) return;
  let prefs: Prefs = parsePrefs((await stored)[PREFS_KEY]);
  if (signal.aborted) return;
  setContentLocale(resolveLocale(prefs.language, deps.language));
  const gate = new DialGate();
  let running: AbortController | null = null;
  let runningCard: Card | null = null;
  let optedOut = false;

  const dial = async (number: string, shown: string, source: PageSource): Promise<DialOutcome> => {
    if (!gate.tryAcquire(number)) return { ok: false, message: t('content.alreadyCalling') };
    try {
      await request(deps.runtime, 'background.dial', { number, shown: shown.slice(0, 256), source });
      return { ok: true, message: t('content.callStarted') };
    } catch (error) {
      if (error instanceof DialbarError) return { ok: false, message: errorWords(error) };
      deps.log('dial', error);
      return { ok: false, message: errorWords({ code: 'internal' }) };
    }
  };

  const copy =
    deps.copy ??
    ((text: string) =>
      navigator.clipboard ? navigator.clipboard.writeText(text) : Promise.reject(new Error('no async clipboard')));

  function start(): void {
    const controller = new AbortController();
    running = controller;
    const phone = new PhoneFeed(deps.runtime, deps.log);
    const card: Card = new Card(deps.doc, {
      onOpen: () => phone.follow(),
      hint: () => phone.busyHint(),
      onCall: (content) => dialWithCard(ctx, new DOMRect(), content, 'page'),
      onCopy: (content) => {
        const done = () => card.status(t('content.copied'), 'ok');
        Promise.resolve()
          .then(() => copy(content.number))
          .then(done, () => {
            if (card.copyBySelection(content.number)) done();
            else card.status(t('content.copyFailed'), 'error');
          })
          .catch((error: unknown) => deps.log('copy', error));
      },
    });
    runningCard = card;
    const ctx: ContentContext = {
      prefs: () => prefs,
      country: () => defaultCountry(prefs.defaultCountry, deps.language),
      detect: deps.detect,
      workerStarter: deps.workerStarter ?? null,
      dial,
      log: deps.log,
      store: new RecordStore(deps.log),
      card,
      phone,
      stop: () => {
        optedOut = true;
        stop();
      },
    };
    phone.onChange(() => card.showHint(), controller.signal);
    controller.signal.addEventListener('abort', () => {
      phone.stop();
      card.remove();
      if (runningCard === card) runningCard = null;
      deps.onContext?.(null);
    });
    deps.onContext?.(ctx);
    for (const feature of deps.features) {
      try {
        feature.start(ctx, controller.signal);
      } catch (error) {
        deps.log(`start ${feature.name}`, error);
      }
    }
  }

  function stop(): void {
    running?.abort();
    running = null;
    // A previewed frame's numbers (painted by the bootstrap, boot/preview.ts) go too.
    realm.highlights?.delete(HIGHLIGHT_NAME);
  }

  const sync = (next: Prefs) => {
    const restart =
      next.defaultCountry !== prefs.defaultCountry || next.detectInCode !== prefs.detectInCode;
    prefs = next;
    const locale = resolveLocale(prefs.language, deps.language);
    if (locale !== contentLocale()) {
      setContentLocale(locale);
      runningCard?.relabel();
    }
    const enabled = !optedOut && detectionEnabledFor(prefs, deps.host);
    if (!enabled) stop();
    else if (!running) start();
    else if (restart) {
      stop();
      start();
    }
  };

  const onChanged: ChangeListener = (changes, area) => {
    try {
      if (area !== 'local' || !(PREFS_KEY in changes)) return;
      sync(parsePrefs(changes[PREFS_KEY]?.newValue));
    } catch (error) {
      deps.log('prefs', error);
    }
  };
  deps.storage.onChanged.addListener(onChanged);
  signal.addEventListener('abort', () => {
    deps.storage.onChanged.removeListener(onChanged);
    stop();
  });
  if (detectionEnabledFor(prefs, deps.host)) start();
  else stop();
}

/** Resolves once the document is parsed (at once if it is); never rejects. */
function parsed(doc: Document, signal: AbortSignal): Promise<void> {
  if (doc.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => {
    doc.addEventListener('DOMContentLoaded', () => resolve(), { once: true, signal });
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
