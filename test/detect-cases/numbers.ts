/**
 * The numbers the cases are built from: for every region libphonenumber-js knows, its example
 * mobile number (`examples.mobile.json`) and, for each other number type its `max` metadata
 * describes, a number drawn from that type's own pattern and kept only when libphonenumber says
 * it is valid and of that type.
 */
import {
  type CountryCode,
  getCountries,
  getExampleNumber,
  Metadata,
  type NumberType,
  type PhoneNumber,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/core';
import examples from 'libphonenumber-js/examples.mobile.json';
import metadata from 'libphonenumber-js/metadata.max.json';
import { NON_FIXED_LINE_TYPES } from '../../src/detect/fastparse';
import { type Rng, samplePattern } from './sample';

export { metadata };

/** libphonenumber's number types other than MOBILE (whose examples come from examples.mobile.json). */
export const TYPES: readonly NumberType[] = ['FIXED_LINE', ...NON_FIXED_LINE_TYPES.filter((t) => t !== 'MOBILE')];

export interface SourceNumber {
  region: CountryCode;
  type: NumberType;
  phone: PhoneNumber;
}

interface TypeDef {
  pattern(): string;
  possibleLengths(): number[] | undefined;
}
interface Plan {
  hasTypes(): boolean;
  type(t: string | undefined): TypeDef | undefined;
}

function drawOfType(region: CountryCode, type: NumberType, rng: Rng): PhoneNumber | undefined {
  const md = new Metadata(metadata) as unknown as { selectNumberingPlan(c: string): void; numberingPlan: Plan };
  md.selectNumberingPlan(region);
  const plan = md.numberingPlan;
  const def = plan.hasTypes() ? plan.type(type) : undefined;
  const pattern = def?.pattern();
  if (!pattern) return undefined;
  for (let attempt = 0; attempt < 40; attempt++) {
    const nn = samplePattern(pattern, rng);
    const p = parsePhoneNumberFromString(`+${String(metadata.countries[region]?.[0])}${nn}`, metadata);
    if (p?.isValid() && p.country === region && p.nationalNumber === nn && p.getType() === type) return p;
  }
  return undefined;
}

export function sourceNumbers(rng: Rng): SourceNumber[] {
  const out: SourceNumber[] = [];
  for (const region of getCountries(metadata)) {
    const mobile = getExampleNumber(region, examples, metadata);
    if (mobile?.isValid()) out.push({ region, type: 'MOBILE', phone: mobile });
    for (const type of TYPES) {
      const p = drawOfType(region, type, rng);
      if (p) out.push({ region, type, phone: p });
    }
  }
  return out;
}
