import type { Locale } from '../../../platform/i18n';

/**
 * The fixed registry of template variables: what `{{name}}` may name, with labels and sample
 * values for the palette and for previews without a customer. Anything else is refused at save.
 */
export const VARIABLES = [
  { name: 'firstName', label: { tr: 'Ad', en: 'First name' }, sample: { tr: 'Ayşe', en: 'Ayşe' } },
  { name: 'lastName', label: { tr: 'Soyad', en: 'Last name' }, sample: { tr: 'Yılmaz', en: 'Yılmaz' } },
  { name: 'fullName', label: { tr: 'Ad soyad', en: 'Full name' }, sample: { tr: 'Ayşe Yılmaz', en: 'Ayşe Yılmaz' } },
  {
    name: 'honorific',
    label: { tr: 'Hitap (Ahmet Bey, Ayşe Hanım)', en: 'Form of address (Ahmet Bey, Ayşe Hanım)' },
    sample: { tr: 'Ayşe Hanım', en: 'Ms Yılmaz' },
  },
  { name: 'points', label: { tr: 'Puan bakiyesi', en: 'Points balance' }, sample: { tr: '1250', en: '1250' } },
  { name: 'tier', label: { tr: 'Seviye', en: 'Tier' }, sample: { tr: 'Altın', en: 'Gold' } },
  { name: 'couponCode', label: { tr: 'Kupon kodu', en: 'Coupon code' }, sample: { tr: 'YAZ15-7K2Q', en: 'YAZ15-7K2Q' } },
  { name: 'storeName', label: { tr: 'Mağaza adı', en: 'Store name' }, sample: { tr: 'Kadıköy Mağazası', en: 'Kadıköy store' } },
  { name: 'orgName', label: { tr: 'İşletme adı', en: 'Business name' }, sample: { tr: 'Muhtar Tekstil', en: 'Muhtar Tekstil' } },
  {
    name: 'unsubscribeUrl',
    label: { tr: 'Abonelikten çıkma bağlantısı (e-posta)', en: 'Unsubscribe link (e-mail)' },
    sample: { tr: 'https://example.com/u/ornek', en: 'https://example.com/u/sample' },
  },
] as const;

export type VariableName = (typeof VARIABLES)[number]['name'];
export type Variables = Partial<Record<VariableName, string | number | null>>;

export const VARIABLE_NAMES: ReadonlySet<string> = new Set(VARIABLES.map((v) => v.name));

/** Sample values in one language, for a preview without a customer. */
export function sampleValues(locale: Locale): Variables {
  return Object.fromEntries(VARIABLES.map((v) => [v.name, v.sample[locale]]));
}
