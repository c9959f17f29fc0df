/**
 * Words that announce a phone number, in the languages Dialbar's users write (lower case, as
 * `wordEndingAt` returns them). Pure data: context.ts holds the rules that read it.
 */

/**
 * Directly attached ("Tel+49…", "T:030…") is fine too. A label lets a short national number
 * (Andorra "312 345") or a date/IP look-alike ("Tel: 70.12.34.56", Burkina Faso) through, so only
 * unambiguous words are here (not "office", "home").
 */
export const PHONE_LABELS: ReadonlySet<string> = new Set([
  'tel',
  'tél',
  'tele',
  'tlf',
  'tfn',
  'telf',
  'teléf',
  'phone',
  'phones',
  'telephone',
  'téléphone',
  'telefon',
  'telefono',
  'teléfono',
  'telefone',
  'telephono',
  'ph',
  'mob',
  'mobile',
  'mobil',
  'móvil',
  'movil',
  'cellulare',
  'cell',
  'cellphone',
  'handy',
  'portable',
  'fax',
  'telefax',
  'call',
  'calls',
  'dial',
  'hotline',
  'helpline',
  'whatsapp',
  'sms',
  'mobiel',
  'telefoon',
  'tfno',
  'celular',
  'cel',
  'fixe',
  'т',
  'тел',
  'телефон',
  'моб',
  'факс',
  'telp',
  'hp',
  'kom',
  'đt',
  'sđt',
  'τηλ',
  'κιν',
  'هاتف',
  'جوال',
  'טל',
  'טלפון',
  'נייד',
  't',
  'm',
  'f',
]);

/** Words like "No." that need the word before them to decide ("Phone No." vs "Order No."). */
export const NUMBER_WORDS: ReadonlySet<string> = new Set([
  'no',
  'nr',
  'nos',
  'num',
  'number',
  'numbers',
  'nummer',
  'numero',
  'número',
  'numéro',
  'n',
  'nº',
  'n°',
  'nо',
  'номер',
  '#',
]);

/** Stems of German/Dutch/Scandinavian compounds that are labels: "Telefonnummer", "Rufnummer" (not "Vertragsnummer"). */
export const PHONE_STEMS: readonly string[] = Object.freeze([
  'tel',
  'ruf',
  'handy',
  'mobil',
  'fax',
  'funk',
  'durchwahl',
  'notruf',
  'service',
  'hotline',
  'kontakt',
]);

/** Endings that make such a compound a number word ("…nummer", "…nr"). */
export const NUMBER_WORD_ENDINGS: readonly string[] = Object.freeze(['nummer', 'nr', 'nummern', 'nummber', 'numero']);

/** CJK labels (substring of the few characters before the number). Checked before CJK_BLOCKED. */
export const CJK_LABELS: readonly string[] = Object.freeze([
  '电话',
  '電話',
  '手机',
  '手機',
  '传真',
  '傳真',
  '座机',
  '联系',
  '聯絡',
  '聯繫',
  '热线',
  '熱線',
  '携帯',
  '携带',
  '固定',
  '전화',
  '휴대폰',
  '핸드폰',
  '팩스',
  '연락처',
  '번호',
]);
