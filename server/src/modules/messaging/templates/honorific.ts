import type { Locale } from '../../../platform/i18n';
import { foldTurkish, titleCaseTr } from '../../../platform/text';
import { FEMALE_NAMES, MALE_NAMES } from './first-names';

const byName = new Map<string, 'male' | 'female'>();
for (const [list, gender] of [
  [MALE_NAMES, 'male'],
  [FEMALE_NAMES, 'female'],
] as const) {
  for (const name of list.split(/\s+/).filter(Boolean)) byName.set(foldTurkish(name), gender);
}

export interface HonorificPerson {
  firstName: string | null;
  lastName: string | null;
  /** The profile's gender (`female`, `male`, `other`); null when not given. */
  gender: string | null;
}

/** male/female from the profile, else from the first given name ("Ayşe Nur" → Ayşe); null: neutral. */
export function inferGender(person: HonorificPerson): 'male' | 'female' | null {
  if (person.gender === 'male' || person.gender === 'female') return person.gender;
  if (person.gender) return null; // 'other': never guess over what the customer told us
  const first = foldTurkish(person.firstName ?? '').split(/[\s-]/)[0];
  return byName.get(first) ?? null;
}

/**
 * The Turkish form of address: "Ahmet Bey", "Ayşe Hanım", neutral "Sayın Deniz Yılmaz".
 * English: "Mr Yılmaz" / "Ms Yılmaz" when the surname is known, else "Dear Deniz".
 */
export function honorific(person: HonorificPerson, locale: Locale): string {
  const first = titleCaseTr(person.firstName?.trim() ?? '');
  const last = titleCaseTr(person.lastName?.trim() ?? '');
  const gender = inferGender(person);
  if (locale === 'tr') {
    if (gender && first) return `${first} ${gender === 'male' ? 'Bey' : 'Hanım'}`;
    const full = [first, last].filter(Boolean).join(' ');
    return full ? `Sayın ${full}` : 'Sayın Müşterimiz';
  }
  if (gender && last) return `${gender === 'male' ? 'Mr' : 'Ms'} ${last}`;
  return first ? `Dear ${first}` : 'Dear customer';
}
