/** Digits with a leading +, and * and #: what a phone can dial. */
export function dialableDigits(text: string): string {
  const plus = text.trim().startsWith('+') ? '+' : '';
  return plus + text.replace(/[^\d*#]/g, '');
}
