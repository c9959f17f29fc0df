/** Sentences in several languages, direction marks and digit scripts the written numbers are put in. */
import type { Rng } from './sample';

export type Lang = 'en' | 'de' | 'fr' | 'es' | 'ar' | 'zh' | 'ja' | 'hi';
export const LANGS: readonly Lang[] = ['en', 'de', 'fr', 'es', 'ar', 'zh', 'ja', 'hi'];

/** `{n}` is the written number. The first template of each language has a phone label before it. */
const SENTENCES: Record<Lang, readonly string[]> = {
  en: ['Phone: {n}', 'Call us at {n} for details.', 'For bookings, ring {n} between 9 and 5.', '{n} is our main line'],
  de: ['Telefon: {n}', 'Rufen Sie uns unter {n} an.', 'Erreichbar montags bis freitags unter {n}, sonst per E-Mail.'],
  fr: ['Tél. : {n}', 'Appelez-nous au {n} du lundi au vendredi.', 'Pour toute question, composez le {n}.'],
  es: ['Teléfono: {n}', 'Llámenos al {n} para más información.', 'Atención al cliente en el {n}, de lunes a viernes.'],
  ar: [
    'هاتف: \u200F{n}\u200F',
    'اتصل بنا على \u200E{n}\u200E اليوم',
    'للاستفسار\u061C {n} \u061Cشكرا',
    'رقمنا \u2067{n}\u2069 متاح',
  ],
  zh: ['电话：{n}', '请致电{n}联系我们。', '我们的号码是 {n}（工作日）'],
  ja: ['電話：{n}', 'お問い合わせは{n}までお電話ください。', '受付窓口 {n} にて承ります'],
  hi: ['फ़ोन: {n}', 'कृपया {n} पर कॉल करें।', 'हमारा नंबर {n} है'],
};

/** Labelled templates only: short numbers (under 7 digits) are numbers only when something says so. */
const LABELLED: Record<Lang, string> = {
  en: 'Phone: {n}',
  de: 'Telefon: {n}',
  fr: 'Tél. : {n}',
  es: 'Teléfono: {n}',
  ar: 'هاتف: \u200F{n}\u200F',
  zh: '电话：{n}',
  ja: '電話：{n}',
  hi: 'Tel: {n}',
};

export interface Placed {
  text: string;
  start: number;
}

/** Which templates: any, only one with a phone label, or none with a label (for the negatives). */
export type Label = 'any' | 'labelled' | 'unlabelled';

/** Puts `written` into a sentence of `lang`. */
export function inSentence(written: string, lang: Lang, rng: Rng, label: Label): Placed {
  const all = SENTENCES[lang];
  const t = label === 'labelled' ? LABELLED[lang] : label === 'unlabelled' ? rng.pick(all.slice(1)) : rng.pick(all);
  const at = t.indexOf('{n}');
  return { text: t.slice(0, at) + written + t.slice(at + 3), start: at };
}

const SCRIPT_ZERO = { arabic: 0x660, persian: 0x6f0, fullwidth: 0xff10 } as const;
export type Script = keyof typeof SCRIPT_ZERO;

/** The same text with its ASCII digits (and for full-width, the plus) in another script. */
export function inScript(s: string, script: Script): string {
  const zero = SCRIPT_ZERO[script];
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c >= 0x30 && c <= 0x39) out += String.fromCharCode(zero + c - 0x30);
    else if (script === 'fullwidth' && ch === '+') out += '\uFF0B';
    else out += ch;
  }
  return out;
}
