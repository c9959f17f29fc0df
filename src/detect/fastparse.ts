/**
 * A faithful port of libphonenumber-js's `parsePhoneNumberFromString(digits, { extract: false })`
 * + `isValid()` for inputs that are only digits (optionally led by `+`), with the metadata's
 * regular expressions compiled once per country instead of on every call.
 *
 * Why: libphonenumber-js builds `new RegExp('^(?:' + pattern + ')$')` inside every validity check
 * (`matchesEntirely`), and some national patterns are kilobytes long, so one parse + isValid costs
 * ~20 µs; this port costs ~1-2 µs and gives the same answer. The numbering-plan knowledge is still
 * entirely libphonenumber's metadata (read through its public `Metadata` class); the control flow
 * mirrors parse.js, extractCountryCallingCode.js, stripIddPrefix.js,
 * extractCountryCallingCodeFromInternationalNumberWithoutPlusSign.js, extractNationalNumber.js,
 * extractNationalNumberFromPossiblyIncompleteNumber.js, getCountryByCallingCode.js,
 * getCountryByNationalNumber.js, getNumberType.js and checkNumberLength.js of libphonenumber-js
 * 1.13. test/unit/detect/fastparse.test.ts checks the port against the library on many inputs.
 * Non-geographic calling codes (+800, +870, +881…) are delegated to the library itself.
 */
import { Metadata, type MetadataJson } from 'libphonenumber-js/core';

/** The parts of libphonenumber-js's runtime Metadata/NumberingPlan API used here (partly untyped upstream). */
interface TypeDef {
  pattern(): string;
  possibleLengths(): number[] | undefined;
}
interface RuntimeMetadata {
  selectNumberingPlan(countryOrCallingCode: string): unknown;
  hasCountry(country: string): boolean;
  hasCallingCode(callingCode: string): boolean;
  getCountryCodesForCallingCode(callingCode: string): string[] | undefined;
  numberingPlan: {
    callingCode(): string;
    IDDPrefix(): string | undefined;
    nationalPrefix(): string | undefined;
    nationalPrefixForParsing(): string | undefined;
    nationalPrefixTransformRule(): string | undefined;
    nationalNumberPattern(): string;
    possibleLengths(): number[] | undefined;
    leadingDigits(): string | undefined;
    hasTypes(): boolean;
    type(type: string): TypeDef | undefined;
    formats(): FormatDef[];
  };
}
interface FormatDef {
  pattern(): string;
  format(): string;
  leadingDigitsPatterns(): string[];
  nationalPrefixFormattingRule(): string | undefined;
  nationalPrefixIsOptionalWhenFormattingInNationalFormat(): boolean;
}

interface CompiledFormat {
  leading: RegExp | undefined;
  whole: RegExp;
  replace: RegExp;
  national: string;
  optional: boolean;
}

interface CompiledType {
  re: RegExp;
  lengths: number[] | undefined;
}

export interface CompiledPlan {
  country: string;
  callingCode: string;
  nationalPrefix: string | undefined;
  idd: RegExp | undefined;
  prefixForParsing: RegExp | undefined;
  transformRule: string | undefined;
  nationalNumber: RegExp;
  possibleLengths: number[] | undefined;
  leadingDigits: RegExp | undefined;
  hasTypes: boolean;
  fixedLine: CompiledType | undefined;
  mobile: CompiledType | undefined;
  mobileDefined: boolean;
  mobilePatternEmpty: boolean;
  others: CompiledType[];
  /** Compiled lazily: only needed for numbers written without their trunk prefix. */
  formats?: CompiledFormat[];
}

/** libphonenumber's number types besides FIXED_LINE (also read by the test-case generator). */
export const NON_FIXED_LINE_TYPES = [
  'MOBILE',
  'PREMIUM_RATE',
  'TOLL_FREE',
  'SHARED_COST',
  'VOIP',
  'PERSONAL_NUMBER',
  'PAGER',
  'UAN',
  'VOICEMAIL',
] as const;

export interface FastResult {
  e164: string;
  callingCode: string;
  nationalNumber: string;
  /** The country whose plan validated the number (the one libphonenumber formats it with). */
  country: string;
}

export class FastParser {
  private readonly md: RuntimeMetadata;
  private readonly plans = new Map<string, CompiledPlan>();

  constructor(readonly json: MetadataJson) {
    this.md = new Metadata(json) as unknown as RuntimeMetadata;
  }

  hasCountry(country: string): boolean {
    return this.md.hasCountry(country);
  }

  /** Compiled numbering plan of a country (ISO code), cached. */
  plan(country: string): CompiledPlan {
    let p = this.plans.get(country);
    if (p) return p;
    this.md.selectNumberingPlan(country);
    const np = this.md.numberingPlan;
    const typeOf = (t: string): CompiledType | undefined => {
      const def = np.hasTypes() ? np.type(t) : undefined;
      const pattern = def?.pattern();
      if (!def || !pattern) return undefined;
      return { re: new RegExp(`^(?:${pattern})$`), lengths: def.possibleLengths() };
    };
    const mobileDef = np.hasTypes() ? np.type('MOBILE') : undefined;
    const npfp = np.nationalPrefixForParsing();
    const idd = np.IDDPrefix();
    const ld = np.leadingDigits();
    p = {
      country,
      callingCode: np.callingCode(),
      nationalPrefix: np.nationalPrefix(),
      idd: idd ? new RegExp(`^(?:${idd})`) : undefined,
      prefixForParsing: npfp ? new RegExp(`^(?:${npfp})`) : undefined,
      transformRule: np.nationalPrefixTransformRule(),
      nationalNumber: new RegExp(`^(?:${np.nationalNumberPattern()})$`),
      possibleLengths: np.possibleLengths(),
      leadingDigits: ld ? new RegExp(ld) : undefined,
      hasTypes: np.hasTypes(),
      fixedLine: typeOf('FIXED_LINE'),
      mobile: typeOf('MOBILE'),
      mobileDefined: mobileDef !== undefined,
      mobilePatternEmpty: mobileDef !== undefined && mobileDef.pattern() === '',
      others: NON_FIXED_LINE_TYPES.map(typeOf).filter((t): t is CompiledType => t !== undefined),
    };
    this.plans.set(country, p);
    return p;
  }

  /** Countries sharing a calling code, or undefined (unknown or non-geographic). */
  countriesOf(callingCode: string): string[] | undefined {
    return this.md.getCountryCodesForCallingCode(callingCode);
  }

  hasCallingCode(callingCode: string): boolean {
    return this.md.hasCallingCode(callingCode);
  }

  /**
   * formatNational(): chooseFormatForNumber + formatNationalNumberUsingFormat (format.js), for
   * the one question the detector asks: does the national format start with `prefix`?
   */
  nationalFormatStartsWith(nn: string, country: string, prefix: string): boolean {
    const f = this.formatFor(nn, country);
    return f ? nn.replace(f.replace, f.national).startsWith(prefix) : nn.startsWith(prefix);
  }

  /**
   * Does the national format of this number let the trunk prefix be left out
   * (nationalPrefixIsOptionalWhenFormattingInNationalFormat: TR "512 757 7164", VN "912 345 678")?
   */
  trunkPrefixOptional(nn: string, country: string): boolean {
    return this.formatFor(nn, country)?.optional ?? false;
  }

  /** chooseFormatForNumber (format.js): the first format whose leading digits and pattern fit. */
  private formatFor(nn: string, country: string): CompiledFormat | undefined {
    const p = this.plan(country);
    if (!p.formats) {
      this.md.selectNumberingPlan(country);
      p.formats = this.md.numberingPlan.formats().map((f) => {
        const lds = f.leadingDigitsPatterns();
        const last = lds.length > 0 ? lds[lds.length - 1] : undefined;
        const rule = f.nationalPrefixFormattingRule();
        return {
          leading: last !== undefined ? new RegExp(last) : undefined,
          whole: new RegExp(`^(?:${f.pattern()})$`),
          replace: new RegExp(f.pattern()),
          national: rule ? f.format().replace(/(\$\d)/, rule) : f.format(),
          optional: f.nationalPrefixIsOptionalWhenFormattingInNationalFormat(),
        };
      });
    }
    for (const f of p.formats) {
      if (f.leading && nn.search(f.leading) !== 0) continue;
      if (f.whole.test(nn)) return f;
    }
    return undefined;
  }

  // ---- getNumberType / checkNumberLength ----

  private typeMatches(nn: string, t: CompiledType | undefined): boolean {
    if (!t) return false;
    if (t.lengths && t.lengths.indexOf(nn.length) < 0) return false;
    return t.re.test(nn);
  }

  /** getNumberType(...) !== undefined */
  hasType(nn: string, p: CompiledPlan): boolean {
    if (!p.nationalNumber.test(nn)) return false;
    if (this.typeMatches(nn, p.fixedLine)) return true;
    for (const t of p.others) if (this.typeMatches(nn, t)) return true;
    return false;
  }

  /** isValidNumber(): by type when the plan has types, else by the general pattern. */
  isValidFor(nn: string, p: CompiledPlan): boolean {
    return p.hasTypes ? this.hasType(nn, p) : p.nationalNumber.test(nn);
  }

  private lengthVerdict(nn: string, p: CompiledPlan): 'IS_POSSIBLE' | 'TOO_SHORT' | 'TOO_LONG' | 'INVALID_LENGTH' {
    const lengths = p.possibleLengths;
    if (!lengths) return 'IS_POSSIBLE';
    const len = nn.length;
    const min = lengths[0]!;
    if (min === len) return 'IS_POSSIBLE';
    if (min > len) return 'TOO_SHORT';
    if (lengths[lengths.length - 1]! < len) return 'TOO_LONG';
    return lengths.indexOf(len, 1) >= 0 ? 'IS_POSSIBLE' : 'INVALID_LENGTH';
  }

  // ---- country selection ----

  private countryByNationalNumber(nn: string, countries: string[]): string | undefined {
    for (const c of countries) {
      const p = this.plan(c);
      if (p.leadingDigits) {
        if (nn && nn.search(p.leadingDigits) === 0) return c;
      } else if (p.hasTypes ? this.hasType(nn, p) : false) {
        return c;
      }
    }
    return undefined;
  }

  private countryByCallingCode(cc: string, nn: string): string | undefined {
    const list = this.countriesOf(cc);
    if (!list) return undefined;
    if (list.length === 1) return list[0];
    return this.countryByNationalNumber(nn, list);
  }

  // ---- national prefix ----

  private extractNationalNumber(number: string, p: CompiledPlan): string {
    let nn = number;
    const re = p.prefixForParsing;
    if (number && re) {
      const m = re.exec(number);
      if (m) {
        const groups = m.length - 1;
        const captured = groups > 0 && m[groups];
        if (p.transformRule && captured) nn = number.replace(re, p.transformRule);
        else nn = number.slice(m[0].length);
      }
    }
    if (nn !== number) {
      // shouldHaveExtractedNationalPrefix
      if (p.nationalNumber.test(number) && !p.nationalNumber.test(nn)) return number;
      if (p.possibleLengths) {
        const country = this.countryByCallingCode(p.callingCode, nn);
        const lp = country ? this.plan(country) : p;
        const v = this.lengthVerdict(nn, lp);
        if (v === 'TOO_SHORT' || v === 'INVALID_LENGTH') return number;
      }
    }
    return nn;
  }

  /**
   * Parses `+digits` or national `digits` and returns the E.164 number if libphonenumber would
   * call it valid, null if not, or undefined when this port does not cover the case (the caller
   * then asks libphonenumber itself).
   */
  parseValid(input: string, defaultCountry: string | undefined): FastResult | null | undefined {
    let number = input;
    let cc: string | undefined;
    let rest = '';
    if (number.charCodeAt(0) !== 0x2b) {
      if (!defaultCountry) return null;
      const dp = this.plan(defaultCountry);
      // stripIddPrefix
      let stripped: string | undefined;
      if (dp.idd) {
        const m = dp.idd.exec(number);
        if (m) {
          const after = number.slice(m[0].length);
          stripped = after.charCodeAt(0) === 0x30 ? undefined : after;
        }
      }
      if (stripped && stripped !== number) {
        number = `+${stripped}`;
      } else {
        // extractCountryCallingCodeFromInternationalNumberWithoutPlusSign
        const dcc = dp.callingCode;
        if (number.indexOf(dcc) === 0) {
          const shorter = number.slice(dcc.length);
          const sn = this.extractNationalNumber(shorter, dp);
          const n2 = this.extractNationalNumber(number, dp);
          if ((!dp.nationalNumber.test(n2) && dp.nationalNumber.test(sn)) || this.lengthVerdict(n2, dp) === 'TOO_LONG') {
            cc = dcc;
            rest = shorter;
          }
        }
        if (!cc) rest = number;
      }
    }
    if (number.charCodeAt(0) === 0x2b) {
      if (number.charCodeAt(1) === 0x30) return null;
      for (let i = 2; i - 1 <= 3 && i <= number.length; i++) {
        const c = number.slice(1, i);
        if (this.hasCallingCode(c)) {
          cc = c;
          rest = number.slice(i);
          break;
        }
      }
      if (!cc) return null;
    }
    let selected: CompiledPlan;
    // parse.js: a number without an extracted calling code belongs to the default country; one
    // with a calling code gets its country from the national number (shared codes like +1, +7).
    let country: string | undefined;
    if (cc) {
      const list = this.countriesOf(cc);
      if (!list) return undefined; // non-geographic entity: let libphonenumber decide
      selected = this.plan(list[0]!);
    } else if (rest && defaultCountry) {
      country = defaultCountry;
      selected = this.plan(defaultCountry);
      cc = selected.callingCode;
    } else return null;
    if (!rest) return null;
    const nn = this.extractNationalNumber(rest, selected);
    const exact = this.countryByCallingCode(cc, nn);
    if (exact) country = exact;
    if (nn.length < 2 || nn.length > 17) return null;
    const vp = country ? this.plan(country) : selected;
    if (!this.isValidFor(nn, vp)) return null;
    return { e164: `+${cc}${nn}`, callingCode: cc, nationalNumber: nn, country: vp.country };
  }
}
