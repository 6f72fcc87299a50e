/**
 * Coupon code normalisation, used wherever a typed or scanned code is compared: Unicode compatibility
 * forms unfolded (full-width digits), diacritics dropped (Ş → S, İ → I, ı → I, so the Turkish dotted and
 * dotless i never split a code in two, whatever keyboard or locale typed it), spaces and dashes removed,
 * upper case. "yılbaşı-2025" and "YILBASI 2025" are the same code.
 */
export function normalizeCode(code: string): string {
  return code
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ı/g, 'i')
    .replace(/[\s\p{Pd}]/gu, '')
    .toUpperCase();
}
