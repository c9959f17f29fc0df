import { guard } from '../debug-log';
import { dialWithCard } from '../card/dial-report';
import { parseCallLink } from './link-target';
import type { Feature } from '../context';

function callLinkIn(path: readonly EventTarget[]): Element | null {
  for (const target of path) {
    if (!(target instanceof Element)) continue;
    const tag = target.tagName.toUpperCase();
    if ((tag === 'A' || tag === 'AREA') && target.hasAttribute('href')) return target;
  }
  return null;
}

/**
 * tel:, callto: and sip: links are dialled through Dialbar (capture phase, before the page's
 * own handlers). Only a real click does it: a page calling `link.click()` never starts a call.
 */
export const telLinkFeature: Feature = {
  name: 'tel-links',
  start(ctx, signal) {
    const onClick = guard('tel-click', (event: MouseEvent) => {
      if (!event.isTrusted || event.defaultPrevented || event.button !== 0) return;
      const link = callLinkIn(event.composedPath());
      if (!link) return;
      const target = parseCallLink(link.getAttribute('href') ?? '', link.textContent ?? '', ctx.detect, ctx.country());
      if (!target) return;
      event.preventDefault();
      dialWithCard(ctx, link.getBoundingClientRect(), target, 'link');
    });
    window.addEventListener('click', onClick, { capture: true, signal });
  },
};
