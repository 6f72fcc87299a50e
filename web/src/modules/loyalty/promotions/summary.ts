import type { TFunction } from 'i18next';
import type { Conditions } from '../queries';

/** "Pzt–Cum · 09:00–12:00 · GUMUS, ALTIN · kupon ile": a promotion's conditions in a few words. */
export function conditionsSummary(
  c: Conditions | undefined,
  t: TFunction<'loyalty'>,
  money: (kurus: number) => string,
  localDate: (d: string) => string,
): string {
  if (!c) return '';
  const parts: string[] = [];
  if (c.validFrom || c.validUntil)
    parts.push(`${c.validFrom ? localDate(c.validFrom) : '…'} – ${c.validUntil ? localDate(c.validUntil) : '…'}`);
  if (c.weekdays) parts.push(c.weekdays.map((d) => t(`weekdays.d${d as 1 | 2 | 3 | 4 | 5 | 6 | 7}`)).join(', '));
  if (c.hours) parts.push(c.hours.map((h) => `${h.from}–${h.to}`).join(', '));
  if (c.tiers) parts.push(c.tiers.join(', '));
  if (c.tags) parts.push(c.tags.map((x) => `#${x}`).join(' '));
  if (c.segments) parts.push(c.segments.join(', '));
  if (c.storeCodes) parts.push(c.storeCodes.join(', '));
  if (c.channels) parts.push(c.channels.join(', '));
  if (c.minimumBasket !== undefined) parts.push(t('summary.minimum', { amount: money(c.minimumBasket) }));
  if (c.couponCodes) parts.push(t('summary.coupon'));
  if (c.requiresCustomer) parts.push(t('summary.member'));
  return parts.join(' · ');
}
