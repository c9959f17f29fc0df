import type { Locale } from './locale';

/** A message catalog: key → text with `{name}` placeholders. */
export type Messages = Readonly<Record<string, string>>;

/** The Chinese (or any other) side of a catalog: every key of the English one, nothing more. */
export type Translation<T extends Messages> = { readonly [K in keyof T]: string };

/** The English catalog and its translations, one per locale. */
export type Catalogs<T extends Messages> = { readonly en: T } & { readonly [L in Exclude<Locale, 'en'>]: Translation<T> };

/** The placeholder names of a message literal: "Call {who} at {time}" → "who" | "time". */
export type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

export type ParamValue = string | number;
/** The arguments after the key: none for a plain message, a record of its placeholders otherwise. */
export type ParamArgs<S extends string> = [Placeholders<S>] extends [never] ? [] : [params: Record<Placeholders<S>, ParamValue>];

export type Translate<T extends Messages> = <K extends keyof T & string>(key: K, ...params: ParamArgs<T[K]>) => string;

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** Fills `{name}` placeholders; one without a value stays as written, so a gap is visible, not silent. */
export function fill(template: string, params: Readonly<Record<string, ParamValue>> | undefined): string {
  if (!params) return template;
  return template.replace(PLACEHOLDER, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

/** The placeholder names used in one message, sorted (for the completeness test). */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1] ?? ''))].sort();
}

/** A `t(key, params)` over catalogs, reading the locale on every call (it may change while a page is open). */
export function translator<T extends Messages>(catalogs: Catalogs<T>, locale: () => Locale): Translate<T> {
  return (key, ...params) => {
    const table: Messages = catalogs[locale()];
    return fill(table[key] ?? catalogs.en[key] ?? key, params[0]);
  };
}

/** Whether a string names a message of the catalogs (for keys that cross contexts as data). */
export function isMessageKey<T extends Messages>(catalogs: Catalogs<T>, key: string): key is keyof T & string {
  return Object.hasOwn(catalogs.en, key);
}

type EnOf<C> = C extends Catalogs<infer T> ? T : never;
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** Several areas' catalogs as one (keys are unique across areas; the completeness test checks it). */
export function mergeCatalogs<C extends Catalogs<Messages>[]>(...parts: C): Catalogs<UnionToIntersection<EnOf<C[number]>> & Messages> {
  const en: Record<string, string> = {};
  const zh: Record<string, string> = {};
  for (const part of parts) {
    Object.assign(en, part.en);
    Object.assign(zh, part['zh-CN']);
  }
  return { en, 'zh-CN': zh } as unknown as Catalogs<UnionToIntersection<EnOf<C[number]>> & Messages>;
}
