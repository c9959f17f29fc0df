import * as v from 'valibot';
import { LANGUAGE_CHOICES } from '../i18n/locale';

/**
 * Preferences content scripts may read (browser.storage.local, key "prefs").
 * Nothing secret belongs here: content scripts can read all of storage.local.
 */
export const SiteRuleSchema = v.object({
  /** A host name such as "crm.example.com"; "*.example.com" covers subdomains. */
  host: v.pipe(v.string(), v.trim(), v.toLowerCase(), v.regex(/^(\*\.)?[a-z0-9.-]+(:\d+)?$/, 'a host name')),
  detect: v.boolean(),
});
export type SiteRule = v.InferOutput<typeof SiteRuleSchema>;

export const PrefsSchema = v.object({
  /** Global switch for number detection on pages. */
  detectNumbers: v.boolean(),
  /** ISO 3166-1 alpha-2, or "" to derive it from the browser locale. */
  defaultCountry: v.pipe(v.string(), v.toUpperCase(), v.regex(/^([A-Z]{2})?$/, 'a two-letter country code')),
  /** What a click on a detected number does: show the card, or call at once. */
  clickAction: v.picklist(['card', 'call']),
  /** Also detect inside <code> and <pre>. */
  detectInCode: v.boolean(),
  /** Per-site overrides; "allow" mode detects only on listed sites. */
  siteMode: v.picklist(['block', 'allow']),
  sites: v.pipe(v.array(SiteRuleSchema), v.maxLength(500)),
  /** Dialbar's language: "auto" follows the browser's, else English or Simplified Chinese. */
  language: v.picklist(LANGUAGE_CHOICES),
});
export type Prefs = v.InferOutput<typeof PrefsSchema>;

export const DEFAULT_PREFS: Prefs = {
  detectNumbers: true,
  defaultCountry: '',
  clickAction: 'card',
  detectInCode: false,
  siteMode: 'block',
  sites: [],
  language: 'auto',
};

export const PREFS_KEY = 'prefs';

/** Reads stored prefs leniently: a damaged or older value falls back field by field, never throws. */
export function parsePrefs(raw: unknown): Prefs {
  if (typeof raw !== 'object' || raw === null) return { ...DEFAULT_PREFS };
  const merged = { ...DEFAULT_PREFS, ...(raw as Record<string, unknown>) };
  const result = v.safeParse(PrefsSchema, merged);
  if (result.success) return result.output;
  const out: Prefs = { ...DEFAULT_PREFS };
  for (const key of Object.keys(DEFAULT_PREFS) as Array<keyof Prefs>) {
    const one = v.safeParse(PrefsSchema.entries[key], merged[key]);
    if (one.success) (out as Record<keyof Prefs, unknown>)[key] = one.output;
  }
  return out;
}

/** Whether detection runs on `host` under these prefs. */
export function detectionEnabledFor(prefs: Prefs, host: string): boolean {
  if (!prefs.detectNumbers) return false;
  const h = host.toLowerCase();
  // An exact host rule wins over wildcards; among wildcards, the longest (most specific) wins.
  const exact = prefs.sites.find((r) => r.host === h);
  if (exact) return exact.detect;
  const wildcard = prefs.sites
    .filter((r) => r.host.startsWith('*.') && (h === r.host.slice(2) || h.endsWith(r.host.slice(1))))
    .sort((a, b) => b.host.length - a.host.length)[0];
  if (wildcard) return wildcard.detect;
  return prefs.siteMode === 'block';
}

/**
 * Prefs with detection on `host` set to `detect` (the global switch aside): the host's own rule
 * is dropped, and a new one added only when the site mode and wildcard rules would say otherwise.
 */
export function withSiteDetection(prefs: Prefs, host: string, detect: boolean): Prefs {
  const h = host.toLowerCase();
  const sites = prefs.sites.filter((r) => r.host !== h);
  if (detectionEnabledFor({ ...prefs, detectNumbers: true, sites }, h) !== detect) sites.push({ host: h, detect });
  return { ...prefs, sites };
}
