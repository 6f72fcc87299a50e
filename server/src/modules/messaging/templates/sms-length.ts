/**
 * SMS length and part count. Pure and dependency-free: the web editor imports this file too, so
 * the counter under the textarea and the server agree character for character.
 *
 * Figures (3GPP TS 23.038 alphabets, TS 23.040 user data header):
 * - GSM 7-bit default alphabet: 160 septets in one SMS, 153 per part of a concatenated one (the
 *   6-byte concatenation header costs 7 septets). Extension-table characters (€ [ ] { } …) take
 *   an escape septet, so two each.
 * - Turkish national language single shift table (TS 23.038 A.2.1, Netgsm `encoding: TR`, Infobip
 *   "National Language Identifier"): Ğ ğ İ ı Ş ş ç and € become two septets; the 3-byte shift
 *   header leaves 155 septets in one SMS ("only deducting 5 characters … 155 characters allowed",
 *   https://www.infobip.com/en/media/news/national-language-identifier-now-available-in-turkey)
 *   and 149 per part (6 + 3 header bytes = 72 bits → 11 septets). Netgsm: "encoding: Türkçe karakter
 *   desteği isteniyorsa bu alana TR girilmeli … SMS boyu hesabı ve ücretlendirme bu parametreye
 *   bağlı olarak değişecektir" (https://packagist.org/packages/netgsm/sms, https://www.netgsm.com.tr/dokuman/).
 * - UCS-2: 70 UTF-16 units in one SMS, 67 per part; characters outside the BMP (emoji) take two.
 * A part never splits an escape pair or a surrogate pair, so parts are packed, not divided.
 */

export type SmsEncoding = 'gsm7' | 'gsm7_tr' | 'ucs2';

export interface SmsLength {
  encoding: SmsEncoding;
  /** Units counted against the limit: septets for GSM (escaped characters count 2), UTF-16 units for UCS-2. */
  characters: number;
  parts: number;
  /** Room in one part: the single-SMS limit while the text fits one, the concatenated limit after. */
  perPart: number;
  /** Units left in the last part before another part starts. */
  remaining: number;
}

const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM_EXTENSION = new Set('\f^{}\\[~]|€');
/** The Turkish single shift table holds the default extension characters plus these. */
const TURKISH_SHIFT = new Set([...GSM_EXTENSION, ...'ĞİŞçğış']);

const LIMITS: Record<SmsEncoding, { single: number; multi: number }> = {
  gsm7: { single: 160, multi: 153 },
  gsm7_tr: { single: 155, multi: 149 },
  ucs2: { single: 70, multi: 67 },
};

function septets(chars: string[], extension: Set<string>): number[] | null {
  const sizes: number[] = [];
  for (const c of chars) {
    if (GSM_BASIC.has(c)) sizes.push(1);
    else if (extension.has(c)) sizes.push(2);
    else return null;
  }
  return sizes;
}

export function smsLength(text: string, options: { turkishShift: boolean }): SmsLength {
  const chars = Array.from(text); // code points: a surrogate pair stays one element
  let encoding: SmsEncoding = 'gsm7';
  let sizes = septets(chars, GSM_EXTENSION);
  if (!sizes && options.turkishShift) {
    encoding = 'gsm7_tr';
    sizes = septets(chars, TURKISH_SHIFT);
  }
  if (!sizes) {
    encoding = 'ucs2';
    sizes = chars.map((c) => c.length);
  }
  const { single, multi } = LIMITS[encoding];
  const characters = sizes.reduce((a, b) => a + b, 0);
  if (characters <= single)
    return { encoding, characters, parts: characters === 0 ? 0 : 1, perPart: single, remaining: single - characters };
  let parts = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > multi) {
      parts++;
      used = 0;
    }
    used += size;
  }
  return { encoding, characters, parts, perPart: multi, remaining: multi - used };
}
