import type { Prefs } from '../settings/prefs';
import type { Card } from './card/card-ui';
import type { PhoneFeed } from './phone-feed';
import type { RecordStore } from './record-store';
import type { WorkerStarter } from './scan/worker-detector';
import type { Detect, DialOutcome, Logger, PageSource } from './types';

/** What every feature gets: live prefs, the detector, the shared record store and the dialler. */
export interface ContentContext {
  readonly prefs: () => Prefs;
  readonly country: () => string;
  readonly detect: Detect;
  /** Starts the detection worker a big scan hands its batches to; absent: everything is detected in the frame's script. */
  readonly workerStarter?: WorkerStarter | null;
  readonly dial: (number: string, shown: string, source: PageSource) => Promise<DialOutcome>;
  readonly log: Logger;
  /** Filled by the scan feature; read by hit testing. */
  readonly store: RecordStore;
  /** The hover card (created lazily, removed when the session stops). */
  readonly card: Card;
  /** The phone's state as pushed to this frame ("may I dial now?"), followed from the card's first opening. */
  readonly phone: PhoneFeed;
  /** Turns Dialbar off in this document (the page opted out after load). */
  readonly stop: () => void;
}

export interface Feature {
  name: string;
  /** Starts the feature; everything it sets up is torn down when `signal` aborts. */
  start(ctx: ContentContext, signal: AbortSignal): void;
}
