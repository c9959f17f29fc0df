import { defaultCountryFromLocale } from '../detect';

/** The default country for numbers written without +: prefs first, else from the browser locale. */
export function defaultCountry(prefsCountry: string, language: string): string {
  return prefsCountry || defaultCountryFromLocale(language);
}
