/** Words that introduce an extension after a phone number. Pure data: extension.ts reads it. */

/** Latin and Cyrillic words, lower case, optionally followed by "." or ":" ("ext.", "Durchwahl:"). */
export const EXTENSION_WORDS: ReadonlySet<string> = new Set([
  'ext',
  'extn',
  'extension',
  'x',
  'xtn',
  'poste',
  'anexo',
  'ramal',
  'durchwahl',
  'dw',
  'int',
  'interno',
  'toestel',
  'lokal',
  'wewn',
  'доб',
  'вн',
]);

/** Two-character Chinese and Japanese words ("分机 123"); the one-character 转/轉 is read in extension.ts. */
export const CJK_EXTENSION_WORDS: ReadonlySet<string> = new Set(['分机', '分機', '内线', '內線', '内線']);
