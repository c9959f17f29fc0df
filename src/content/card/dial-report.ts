import type { Box } from './card-place';
import { describeNumber } from './format-number';
import type { ContentContext } from '../context';
import { t } from '../content-i18n';
import type { PageSource } from '../types';

type Content = { number: string; shown: string };

/**
 * Dials and shows progress and the outcome on the card next to `anchor`, in plain words.
 * Callers have already checked that a person (a trusted event) asked for the call.
 */
export function dialWithCard(ctx: ContentContext, anchor: Box, content: Content, source: PageSource): void {
  const { card } = ctx;
  if (!card.isOpen || card.content?.number !== content.number) card.open(anchor, content, false);
  const label = describeNumber(content.number).formatted;
  card.status(t('content.calling', { number: label }), 'info');
  ctx.dial(content.number, content.shown, source).then(
    (outcome) => {
      if (card.content?.number !== content.number) return;
      card.status(outcome.message, outcome.ok ? 'ok' : 'error');
    },
    (error: unknown) => ctx.log('dial', error),
  );
}

/**
 * Dials with no card ("Clicking a number: call at once"): progress and outcome show in a small
 * status beside the number that clicks go through, so the next number can be clicked at once.
 */
export function dialWithNotice(
  ctx: ContentContext,
  anchor: Box,
  avoid: readonly Box[],
  content: Content,
  source: PageSource,
): void {
  const { card } = ctx;
  const label = describeNumber(content.number).formatted;
  const id = card.notice(anchor, t('content.calling', { number: label }), 'info', avoid);
  ctx.dial(content.number, content.shown, source).then(
    (outcome) => card.updateNotice(id, outcome.message, outcome.ok ? 'ok' : 'error'),
    (error: unknown) => ctx.log('dial', error),
  );
}
