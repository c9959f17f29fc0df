import { dialableDigits } from '../../detect/dialable';
import type { Detect } from '../types';

export const CALL_SCHEMES = ['tel:', 'callto:', 'sip:', 'sips:'] as const;

export interface LinkTarget {
  /** E.164 when the detector understood it, else the dialable characters, or a sip: URI. */
  number: string;
  shown: string;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * What a tel:, callto: or sip: link dials, or null when it is not a call link (or holds nothing
 * dialable, in which case the page keeps its default behaviour).
 */
export function parseCallLink(href: string, linkText: string, detect: Detect, defaultCountry: string): LinkTarget | null {
  const raw = href.trim();
  const lower = raw.toLowerCase();
  const scheme = CALL_SCHEMES.find((s) => lower.startsWith(s));
  if (!scheme) return null;
  const body = safeDecode(raw.slice(scheme.length)).replace(/^\/\//, '').trim();
  const shown = (linkText.trim() || body).slice(0, 256);
  if (scheme === 'sip:' || scheme === 'sips:') {
    if (!/^[^@\s]+@[^@\s]+$/.test(body.split(';')[0] ?? '') && !/\d/.test(body)) return null;
    return { number: `${scheme}${body}`.slice(0, 256), shown };
  }
  const [main = '', ...params] = body.split(';');
  const ext = params.map((p) => /^ext=(\d{1,10})$/i.exec(p.trim())?.[1]).find(Boolean);
  let number: string | null = null;
  try {
    const found = detect(main, { defaultCountry });
    const digits = main.replace(/\D/g, '').length;
    const best = found.find((m) => m.number.replace(/\D/g, '').length >= Math.min(digits, 7));
    if (best) number = best.number;
  } catch {
    // Fall back to the digits below.
  }
  if (number === null) {
    number = dialableDigits(main);
    if (number.replace(/\D/g, '').length === 0) return null;
  }
  if (ext && !number.includes(';ext=')) number += `;ext=${ext}`;
  return { number, shown };
}
