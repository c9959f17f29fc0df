import * as v from 'valibot';

/**
 * Which web pages may use Dialbar's page API (storage.local, key "pageAccess"), and per origin
 * pattern: silent dialling (a dial without a click on the page), the seed SDK shims, and the
 * person's consent (asked once, in Dialbar's own window). Content scripts read it to decide
 * whether to bridge; the service worker re-checks every command against it with the origin the
 * browser attests.
 *
 * A pattern is an origin with an exact scheme, a host whose only wildcard is a leading `*.` label,
 * and an optional port: `https://*.example-crm.com`, `http://localhost:8080`. Without a port it
 * matches the scheme's default port only.
 */
export const PAGE_ACCESS_KEY = 'pageAccess';

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const PATTERN = new RegExp(`^(https?)://(\\*\\.)?((?:${LABEL}\\.)*${LABEL}|\\[[0-9a-f:.]+\\])(?::(\\d{1,5}))?$`);

export interface OriginPattern {
  scheme: 'http' | 'https';
  /** `*.` was given: any subdomain (not the bare domain itself). */
  wildcard: boolean;
  host: string;
  /** null: the scheme's default port. */
  port: number | null;
}

/** Parses a pattern (trimmed, lower-cased, a trailing slash allowed); null when it is not one. */
export function parseOriginPattern(raw: string): OriginPattern | null {
  const text = raw.trim().toLowerCase().replace(/\/$/, '');
  const m = PATTERN.exec(text);
  if (!m) return null;
  const port = m[4] === undefined ? null : Number(m[4]);
  if (port !== null && (port < 1 || port > 65535)) return null;
  const scheme = m[1] as 'http' | 'https';
  const defaultPort = scheme === 'https' ? 443 : 80;
  return { scheme, wildcard: m[2] !== undefined, host: m[3] as string, port: port === defaultPort ? null : port };
}

/** The pattern written back in its one normal form. */
export function formatOriginPattern(p: OriginPattern): string {
  return `${p.scheme}://${p.wildcard ? '*.' : ''}${p.host}${p.port === null ? '' : `:${p.port}`}`;
}

/** Whether an origin (as `URL.origin` writes it, e.g. `https://a.example.com:8443`) matches the pattern. */
export function originMatches(pattern: OriginPattern, origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin !== origin || url.protocol !== `${pattern.scheme}:`) return false;
  const port = url.port === '' ? null : Number(url.port);
  if (port !== pattern.port) return false;
  const host = url.hostname;
  return pattern.wildcard ? host.endsWith(`.${pattern.host}`) : host === pattern.host;
}

export const OriginRuleSchema = v.object({
  pattern: v.pipe(
    v.string(),
    v.check((s) => parseOriginPattern(s) !== null, 'an origin such as https://crm.example.com or https://*.example.com'),
    v.transform((s) => formatOriginPattern(parseOriginPattern(s) as OriginPattern)),
  ),
  /** A dial needs no click on the page first (for a dialler that dials by itself). */
  silentDial: v.optional(v.boolean(), false),
  /** The seed SDK shims (workbench localStorage keys, 002 / 001 facades) run on these pages. */
  shims: v.optional(v.boolean(), false),
  /** null: not asked yet; true / false: the person's answer in Dialbar's window. */
  consent: v.optional(v.nullable(v.boolean()), null),
});
export type OriginRule = v.InferOutput<typeof OriginRuleSchema>;

export const PageAccessSchema = v.object({ origins: v.pipe(v.array(OriginRuleSchema), v.maxLength(200)) });
export type PageAccess = v.InferOutput<typeof PageAccessSchema>;

export const DEFAULT_PAGE_ACCESS: PageAccess = { origins: [] };

/** Reads the stored list leniently: a damaged rule is dropped, the others stay. */
export function parsePageAccess(raw: unknown): PageAccess {
  const list = typeof raw === 'object' && raw !== null ? (raw as { origins?: unknown }).origins : undefined;
  if (!Array.isArray(list)) return { origins: [] };
  const origins: OriginRule[] = [];
  for (const item of list.slice(0, 200)) {
    const rule = v.safeParse(OriginRuleSchema, item);
    if (rule.success) origins.push(rule.output);
  }
  return { origins };
}

/**
 * The rule for an origin: an exact host wins over wildcards, among wildcards the longest host.
 * Null when no rule matches (the origin may not use the API).
 */
export function ruleForOrigin(access: PageAccess, origin: string): OriginRule | null {
  let best: { rule: OriginRule; score: number } | null = null;
  for (const rule of access.origins) {
    const p = parseOriginPattern(rule.pattern);
    if (!p || !originMatches(p, origin)) continue;
    const score = (p.wildcard ? 0 : 10_000) + p.host.length;
    if (!best || score > best.score) best = { rule, score };
  }
  return best?.rule ?? null;
}

/** The list with `rule` added or replacing the rule of the same pattern. */
export function withRule(access: PageAccess, rule: OriginRule): PageAccess {
  const others = access.origins.filter((r) => r.pattern !== rule.pattern);
  return { origins: [...others, rule] };
}
