// The "max" metadata carries number types, so a mobile can be told from a fixed line.
import { type CountryCode, type PhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * Normalises what a user or a POS typed ("0532 123 45 67", "+90 (532) 123-45-67", "0090 532…") to E.164,
 * or null if it is not a valid number. The whole input must be the number (no extraction from free text),
 * and extensions are refused: E.164 cannot carry them, and dropping one would make an office switchboard
 * the key of every customer behind it.
 */
export function normalizePhone(input: string, defaultCountry: CountryCode = 'TR'): string | null {
  const phone = parsePhoneNumberFromString(input, { defaultCountry, extract: false });
  if (!phone?.isValid() || phone.ext) return null;
  return phone.number;
}

function parseE164(e164: string): PhoneNumber {
  const phone = /^\+\d+$/.test(e164) ? parsePhoneNumberFromString(e164) : undefined;
  if (!phone) throw new RangeError(`not an E.164 phone number: ${e164}`);
  return phone;
}

/** True when the number can take an SMS: MOBILE, or FIXED_LINE_OR_MOBILE where the plan (e.g. +1) cannot tell. */
export function isMobile(e164: string): boolean {
  const type = parsePhoneNumberFromString(e164)?.getType();
  return type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE';
}

/** '0532 123 45 67' (national) or '+90 532 123 45 67' (international). */
export function formatPhone(e164: string, style: 'national' | 'international' = 'national'): string {
  const phone = parseE164(e164);
  return style === 'national' ? phone.formatNational() : phone.formatInternational();
}

/**
 * KVKK masking for staff who need to recognise, not read, a number: keeps the country code, the first 3
 * and last 2 digits of the national number ('+90 532 *** ** 67'). Short numbers keep fewer digits so at
 * least 3 are always hidden.
 */
export function maskPhone(e164: string): string {
  const phone = parseE164(e164);
  const prefix = `+${phone.countryCallingCode}`;
  const rest = phone.formatInternational().slice(prefix.length);
  const n = phone.nationalNumber.length;
  const head = Math.min(3, Math.max(0, n - 5));
  const tail = Math.min(2, Math.max(0, n - head - 3));
  let i = 0;
  return (
    prefix +
    rest.replace(/\d/g, (d) => {
      const keep = i < head || i >= n - tail;
      i++;
      return keep ? d : '*';
    })
  );
}
