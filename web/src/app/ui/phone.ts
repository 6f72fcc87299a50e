import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/** An E.164 number as people read it: national for Turkish numbers, international for others. */
export function formatPhone(e164: string): string {
  const phone = parsePhoneNumberFromString(e164);
  if (!phone) return e164;
  return phone.country === 'TR' ? phone.formatNational() : phone.formatInternational();
}
