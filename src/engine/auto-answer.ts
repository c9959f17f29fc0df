import type { SipHeader } from './sip-stack';

/** The longest auto-answer delay, from the setting or from a header; longer requests are cut to it. */
export const AUTO_ANSWER_MAX_SECONDS = 60;

/** `answer-after=N` (Call-Info, RFC 7462's predecessor as Snom, Cisco, Yealink and FreePBX send it), also `delay=N`. */
const ANSWER_AFTER = /(?:^|;)\s*answer-after\s*=\s*"?(\d{1,6})"?\s*(?:;|$)/i;
const DELAY = /(?:^|;)\s*delay\s*=\s*"?(\d{1,6})"?\s*(?:;|$)/i;
/** Alert-Info's auto-answer words: `Auto Answer`, `info=alert-autoanswer`, `Ring Answer` (Polycom). */
const AUTO_ANSWER_WORDS = /(?:^|[\s;=<:/"])(?:alert-)?auto[\s_-]?answer(?:$|[\s;>"])|(?:^|[\s;="])ring[\s_-]answer(?:$|[\s;"])/i;

/** Splits a header value at commas that are outside `<…>` and quotes (several values in one header). */
function splitValues(value: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < value.length; i += 1) {
    const c = value[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '<') depth += 1;
    else if (!quoted && c === '>') depth = Math.max(0, depth - 1);
    else if (!quoted && depth === 0 && c === ',') {
      parts.push(value.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(value.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** The parameters after the `<uri>` of one value (the URI itself may hold `;` and words we must not read). */
function paramsOf(part: string): string {
  const close = part.startsWith('<') ? part.indexOf('>') : -1;
  return close >= 0 ? part.slice(close + 1) : part;
}

function seconds(digits: string | undefined): number {
  return Math.min(Number(digits ?? '0'), AUTO_ANSWER_MAX_SECONDS);
}

/**
 * The auto-answer an INVITE asks for, in seconds, or null when it asks for none:
 * `Call-Info: <sip:x>;answer-after=N`, or `Alert-Info` with an auto-answer word
 * (`Auto Answer`, `<http://x>;info=alert-autoanswer;delay=N`, `Ring Answer`). Header names and
 * words are matched case-insensitively; a malformed value asks for nothing. Several requests:
 * the shortest delay.
 */
export function requestedAutoAnswer(headers: readonly SipHeader[]): number | null {
  let best: number | null = null;
  const note = (s: number) => {
    best = best === null ? s : Math.min(best, s);
  };
  for (const { name, value } of headers) {
    const lower = name.trim().toLowerCase();
    if (lower !== 'call-info' && lower !== 'alert-info') continue;
    for (const part of splitValues(value)) {
      const params = paramsOf(part);
      const after = ANSWER_AFTER.exec(params);
      if (after) {
        note(seconds(after[1]));
        continue;
      }
      if (lower === 'alert-info' && AUTO_ANSWER_WORDS.test(part.startsWith('<') ? params : part)) note(seconds(DELAY.exec(params)?.[1]));
    }
  }
  return best;
}
