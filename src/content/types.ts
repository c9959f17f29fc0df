/** One match from the detector: offsets into the text it was given, `number` in E.164 (maybe `;ext=`). */
export interface Detection {
  start: number;
  end: number;
  number: string;
}

/** The detector's fixed signature (src/detect); injected so tests can pass a stand-in. */
export type Detect = (text: string, opts: { defaultCountry: string }) => Detection[];

/** Where a call was started from a page: the contract's own list. */
export type { PageSource } from '../contract/snapshot';

/** The enclosing block a piece of text belongs to: an element or a shadow root. */
export type Unit = Element | ShadowRoot;

/**
 * Dialbar's own, private record of one number on the page. Page script cannot reach it.
 * The live `Range` exists only while the number is near the viewport (and painted): live ranges
 * and highlight ranges cost the page work on every DOM change, so there are never thousands.
 */
export interface PhoneRecord {
  number: string;
  shown: string;
  unit: Unit;
  startNode: Text;
  startOffset: number;
  endNode: Text;
  endOffset: number;
  range: Range | null;
}

export interface DialOutcome {
  ok: boolean;
  /** Plain words for the card. */
  message: string;
}

export type Logger = (where: string, error: unknown) => void;
