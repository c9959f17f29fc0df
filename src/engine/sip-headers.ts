import type { SipHeader } from './sip-stack';

/**
 * Every header of an incoming request with its name as sent, read from the raw message JsSIP
 * keeps (its own header table rewrites names: `X-Crm_ID` becomes `X-Crm-Id`). Folded lines are
 * joined; the body is not read.
 */
export function headersOf(request: unknown): SipHeader[] {
  const data = (request as { data?: unknown } | null)?.data;
  if (typeof data !== 'string') return [];
  const end = data.indexOf('\r\n\r\n');
  const lines = (end >= 0 ? data.slice(0, end) : data).split('\r\n').slice(1);
  const out: SipHeader[] = [];
  for (const line of lines) {
    const last = out.at(-1);
    if (/^[ \t]/.test(line) && last) {
      last.value = `${last.value} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon > 0) out.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
  }
  return out;
}
