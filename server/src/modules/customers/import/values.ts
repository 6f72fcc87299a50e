import type { Cell } from '../../../platform/imports/parse';
import { cellText } from '../../../platform/imports/spreadsheet';
import { foldTurkish } from '../../../platform/text';
import type { GENDERS } from '../profile';

/** A cell as trimmed text, or null when blank. */
export function textOf(c: Cell): string | null {
  if (c === null) return null;
  const s = cellText(c).replace(/\s+/g, ' ').trim();
  return s === '' ? null : s;
}

/** "Ayşe Nur Yılmaz" → first "Ayşe Nur", last "Yılmaz": the last word is the surname. */
export function splitName(full: string): { firstName: string; lastName: string | null } {
  const words = full.split(' ').filter(Boolean);
  if (words.length < 2) return { firstName: full, lastName: null };
  return { firstName: words.slice(0, -1).join(' '), lastName: words[words.length - 1] };
}

/** Excel stores dates as days since 1899-12-30 (its 1900 leap-year bug included). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const pad = (n: number | string) => String(n).padStart(2, '0');
const ymd = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/**
 * A birthday as profile.ts takes it ('YYYY-MM-DD' or '--MM-DD') from dd.mm.yyyy, dd/mm/yyyy,
 * yyyy-mm-dd, dd.mm (no year), an Excel date cell or serial number; null when not a date form.
 */
export function birthdayOf(c: Cell): string | null {
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? null : ymd(c);
  if (typeof c === 'number') return Number.isInteger(c) && c > 0 && c < 80_000 ? ymd(new Date(EXCEL_EPOCH + c * 86_400_000)) : null;
  const s = textOf(c);
  if (!s) return null;
  let m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(s);
  if (m) return `${m[3]}-${pad(m[2])}-${pad(m[1])}`;
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$/.exec(s);
  if (m) return `${m[1]}-${pad(m[2])}-${pad(m[3])}`;
  m = /^--(\d{2})-(\d{2})$/.exec(s);
  if (m) return `--${m[1]}-${m[2]}`;
  m = /^(\d{1,2})[./](\d{1,2})$/.exec(s);
  return m ? `--${pad(m[2])}-${pad(m[1])}` : null;
}

const GENDER_WORDS: Record<string, (typeof GENDERS)[number]> = {
  k: 'female',
  kadin: 'female',
  bayan: 'female',
  f: 'female',
  female: 'female',
  woman: 'female',
  e: 'male',
  erkek: 'male',
  bay: 'male',
  m: 'male',
  male: 'male',
  man: 'male',
  diger: 'other',
  other: 'other',
};

/** K/E, Kadın/Erkek, Bayan/Bay, F/M…; undefined when the word is not known. */
export const genderOf = (s: string) => GENDER_WORDS[foldTurkish(s).replace(/\.$/, '')];

const YES = new Set(['evet', 'var', '1', 'true', 'x', 'e', 'yes', 'y', 'onay', 'onayli', 'izinli', 'izin var', 'granted', '✓', '✔']);
const NO = new Set(['hayir', 'yok', '0', 'false', 'h', 'no', 'n', 'ret', 'red', 'izin yok', 'revoked']);

/** A consent cell: granted, revoked, null when blank, undefined when not understood. */
export function consentOf(c: Cell): 'granted' | 'revoked' | null | undefined {
  if (c === null) return null;
  if (typeof c === 'boolean') return c ? 'granted' : 'revoked';
  const s = foldTurkish(cellText(c));
  if (s === '') return null;
  if (YES.has(s)) return 'granted';
  if (NO.has(s)) return 'revoked';
  return undefined;
}

/** Phones typed as numbers lose their "+" ("905321234567"); give it back before parsing. */
export function phoneText(c: Cell): string | null {
  const s = textOf(c);
  if (!s) return null;
  return /^90\d{10}$/.test(s.replace(/\D/g, '')) && !s.startsWith('+') && !s.startsWith('0') ? `+${s}` : s;
}
