import { describeNumber } from './format-number';
import type { ContentContext } from '../context';
import type { PageSource } from '../types';

/**
 * Dials and shows progress and the outcome on the card next to `anchor`, in plain words.
 * Callers have already checked that a person (a trusted event) asked for the call.
 */
export function dialWithCard(
  ctx: ContentContext,
  anchor: DOMRect,
  content: { number: string; shown: string },
  source: PageSource,
): void {
  const { card } = ctx;
  if (!card.isOpen || card.content?.number !== content.number) card.open(anchor, content, false);
  const label = describeNumber(content.number).formatted;
  card.status(`Calling ${label}…`, 'info');
  ctx.dial(content.number, content.shown, source).then(
    (outcome) => {
      if (card.content?.number !== content.number) return;
      card.status(outcome.message, outcome.ok ? 'ok' : 'error');
    },
    (error: unknown) => ctx.log('dial', error),
  );
}
