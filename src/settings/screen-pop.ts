import * as v from 'valibot';

/**
 * Screen pop (browser.storage.local, key "screenPop"): a URL template the user set, opened in a
 * new tab once per inbound call, on ringing or on answer. Only https: templates are accepted.
 */
export const SCREEN_POP_KEY = 'screenPop';

/** "" (off) or an https: URL, placeholders allowed: {number} {e164} {name} {callId} {X-Header-Name}. */
export const ScreenPopTemplateSchema = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(2048),
  v.check((t) => t === '' || isHttpsUrl(t.replace(/\{[^{}]*\}/g, 'x')), 'The screen pop address must start with https://'),
);

export const ScreenPopSchema = v.object({
  template: ScreenPopTemplateSchema,
  when: v.picklist(['ringing', 'answer']),
});
export type ScreenPop = v.InferOutput<typeof ScreenPopSchema>;

export const DEFAULT_SCREEN_POP: ScreenPop = { template: '', when: 'ringing' };

export function parseScreenPop(raw: unknown): ScreenPop {
  const result = v.safeParse(ScreenPopSchema, { ...DEFAULT_SCREEN_POP, ...(typeof raw === 'object' && raw !== null ? raw : {}) });
  return result.success ? result.output : { ...DEFAULT_SCREEN_POP };
}

function isHttpsUrl(text: string): boolean {
  try {
    return new URL(text).protocol === 'https:';
  } catch {
    return false;
  }
}

/** What a template may say about the call. */
export interface ScreenPopCall {
  id: string;
  remote: { number: string; displayName: string };
  callData: Record<string, string>;
}

/**
 * The URL for `call`, every value URL-encoded (so a caller's name cannot change where the URL
 * goes), or null when the template is empty or the result is not an https: URL.
 */
export function expandScreenPop(template: string, call: ScreenPopCall): string | null {
  if (template.trim() === '') return null;
  const headers = new Map(Object.entries(call.callData).map(([k, value]) => [k.toLowerCase(), value]));
  const number = call.remote.number;
  const values: Record<string, string> = {
    number,
    e164: /^\+[1-9]\d{5,14}$/.test(number) ? number : '',
    name: call.remote.displayName,
    callid: call.id,
  };
  const url = template.trim().replace(/\{([^{}]*)\}/g, (whole, key: string) => {
    const k = key.toLowerCase();
    const value = k.startsWith('x-') ? headers.get(k) : values[k];
    return value === undefined ? (k.startsWith('x-') ? '' : whole) : encodeURIComponent(value);
  });
  return isHttpsUrl(url) ? url : null;
}
