// Turkish has two i's: İ/i and I/ı. Locale-free toLowerCase() turns "I" into "i" and "İ" into "i̇"
// (i + combining dot), so every case change here goes through the tr-TR locale.

export function trLower(s: string): string {
  return s.toLocaleLowerCase('tr-TR');
}

export function trUpper(s: string): string {
  return s.toLocaleUpperCase('tr-TR');
}

/**
 * Key for fuzzy matching: Turkish lower case, diacritics removed (ç ğ ı ö ş ü â î û → c g i o s u a i u),
 * compatibility forms unfolded (NFKD: full-width letters, ligatures), whitespace collapsed.
 * "AHMET YILMAZ", "Ahmet Yılmaz" and "ahmet yilmaz" all give "ahmet yilmaz".
 */
export function foldTurkish(s: string): string {
  return trLower(s)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // combining diacritical marks left by NFKD
    .replace(/ı/g, 'i') // dotless ı has no decomposition
    .replace(/\s+/g, ' ')
    .trim();
}

export function sameName(a: string, b: string): boolean {
  return foldTurkish(a) === foldTurkish(b);
}

/**
 * "ahmet yILMAZ" → "Ahmet Yılmaz", "iSTANBUL" → "İstanbul". Words start after whitespace or a hyphen
 * ("Ayşe-Nur"), not after an apostrophe, which in Turkish only separates a suffix ("İstanbul'da").
 */
export function titleCaseTr(s: string): string {
  return trLower(s).replace(/(^|[\s-])(\p{L})/gu, (_, before: string, letter: string) => before + trUpper(letter));
}

/** 'ahmet@gmail.com' → 'a***@gmail.com': the first character and the domain, never the length. */
export function maskEmail(email: string): string {
  const trimmed = email.trim();
  const at = trimmed.lastIndexOf('@');
  if (at < 1) return '***';
  const [first] = Array.from(trimmed.slice(0, at));
  return `${first}***${trimmed.slice(at)}`;
}
