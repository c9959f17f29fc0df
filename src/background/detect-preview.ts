import { PREVIEW_MAX_SPANS } from '../contract/preview';
import type { PreviewSpan } from '../contract/protocol';
import { defaultCountry, type findPhoneNumbers } from '../detect';
import { detectionEnabledFor, type Prefs } from '../settings/prefs';

export interface PreviewDeps {
  /** The phone number detector (src/detect), injected so tests can pass a stand-in. */
  detect: typeof findPhoneNumbers;
  prefs(): Promise<Prefs>;
  /** The browser's language, for the default country when prefs name none (as the page script reads it). */
  language(): string;
}

function hostOf(url: string | undefined): string {
  try {
    return url ? new URL(url).hostname : '';
  } catch {
    return '';
  }
}

/**
 * The numbers in a small frame's lines (`background.detectPreview`), found as the page script
 * would find them there: the same detector, default country and per-site switch, the site being
 * the frame's own host as the browser names it. A line the detector fails on yields nothing.
 */
export async function detectPreview(lines: readonly string[], frameUrl: string | undefined, deps: PreviewDeps): Promise<PreviewSpan[]> {
  const prefs = await deps.prefs();
  if (!detectionEnabledFor(prefs, hostOf(frameUrl))) return [];
  const country = defaultCountry(prefs.defaultCountry, deps.language());
  const spans: PreviewSpan[] = [];
  lines.forEach((text, line) => {
    let found: ReturnType<typeof findPhoneNumbers> = [];
    try {
      found = deps.detect(text, { defaultCountry: country });
    } catch {
      // The page script would log and skip this text; the preview shows the rest.
    }
    for (const m of found) {
      if (spans.length < PREVIEW_MAX_SPANS && m.start >= 0 && m.start < m.end && m.end <= text.length) spans.push({ line, start: m.start, end: m.end });
    }
  });
  return spans;
}
