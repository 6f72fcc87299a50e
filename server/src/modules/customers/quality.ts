import MailChecker from 'mailchecker';
import { isMobile } from '../../platform/phone';
import { foldTurkish } from '../../platform/text';

/**
 * Data quality of one customer record (the franchise's "veri kalitesi standartları"): a score out
 * of 100 and the problems that cost points, each with its weight. Pure, so it runs on every write
 * and in the import without a database round trip.
 */
export const QUALITY_CHECKS = {
  phone_missing: 30,
  phone_not_mobile: 30,
  name_missing: 20,
  name_placeholder: 20,
  email_missing: 10,
  email_invalid: 15,
  email_disposable: 15,
  birthday_missing: 5,
  birthday_implausible: 10,
  consent_missing: 15,
  store_missing: 10,
} as const;
export type QualityIssue = keyof typeof QUALITY_CHECKS;

export interface QualityInput {
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  email: string | null;
  birthYear: number | null;
  birthMonth: number | null;
  birthDay: number | null;
  preferredStoreId: string | null;
  createdStoreId: string | null;
  consentRecorded: boolean;
}

// What staff type when the customer would not give a name ("Müşteri", "Sayın Müşteri", "xxx", "test").
const PLACEHOLDER_WORDS = new Set([
  'musteri',
  'sayin',
  'bay',
  'bayan',
  'isimsiz',
  'bilinmiyor',
  'yok',
  'test',
  'deneme',
  'abc',
  'asd',
  'asdf',
  'qwe',
  'xxx',
  'xx',
  'x',
  'aaa',
  'misafir',
  'nakit',
  'anonim',
  'customer',
  'guest',
  'unknown',
  'noname',
]);

export function isPlaceholderName(first: string | null, last: string | null): boolean {
  const words = foldTurkish(`${first ?? ''} ${last ?? ''}`)
    .split(' ')
    .filter(Boolean);
  if (words.length === 0) return false;
  return words.every((w) => PLACEHOLDER_WORDS.has(w) || /^(.)\1+$/.test(w) || /\d/.test(w) || w.length < 2);
}

export function plausibleBirthday(year: number | null, month: number | null, day: number | null, today = new Date()): boolean {
  if (month === null || day === null) return false;
  const probeYear = year ?? 2000; // a leap year, so 29 February without a year is fine
  const d = new Date(Date.UTC(probeYear, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return false;
  if (year === null) return true;
  const age = today.getUTCFullYear() - year;
  return age >= 10 && age <= 110;
}

export function assessQuality(c: QualityInput): { score: number; issues: QualityIssue[] } {
  const issues: QualityIssue[] = [];
  if (!c.phone) issues.push('phone_missing');
  else if (!isMobile(c.phone)) issues.push('phone_not_mobile');
  if (!c.firstName && !c.lastName) issues.push('name_missing');
  else if (isPlaceholderName(c.firstName, c.lastName)) issues.push('name_placeholder');
  if (!c.email) issues.push('email_missing');
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(c.email)) issues.push('email_invalid');
  else if (!MailChecker.isValid(c.email)) issues.push('email_disposable');
  if (c.birthMonth === null) issues.push('birthday_missing');
  else if (!plausibleBirthday(c.birthYear, c.birthMonth, c.birthDay)) issues.push('birthday_implausible');
  if (!c.consentRecorded) issues.push('consent_missing');
  if (!c.preferredStoreId && !c.createdStoreId) issues.push('store_missing');
  const lost = issues.reduce((sum, i) => sum + QUALITY_CHECKS[i], 0);
  return { score: Math.max(0, 100 - lost), issues };
}
