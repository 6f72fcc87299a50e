import type { Tx } from '../../platform/db/database';
import { invalidField } from '../../platform/http/problem';
import { orgToday } from '../access/hot-settings';
import { listStores } from '../access/stores';

/** The longest period a report covers (three years of days, a leap day included). */
export const MAX_PERIOD_DAYS = 3 * 365 + 1;
/** Longer periods are charted by week (7-day buckets from the period's first day). */
export const DAILY_SERIES_MAX_DAYS = 90;
const DEFAULT_DAYS = 30;

export interface Period {
  from: string;
  to: string;
  days: number;
}

const DAY_MS = 86_400_000;
export const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / DAY_MS;
export const dayOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
export const addDays = (d: string, n: number) => dayOf(dayNumber(d) + n);

/**
 * A period of business days, both ends inclusive. Missing ends: the last 30 days up to `to` (default
 * today in the org's time zone). `from` after `to`, or more than three years → 400.
 */
export async function periodOf(
  tx: Tx,
  q: { from?: string; to?: string },
  fields: { from: string; to: string } = { from: '/from', to: '/to' },
): Promise<Period> {
  const to = q.to ?? (await orgToday(tx));
  const from = q.from ?? addDays(to, -(DEFAULT_DAYS - 1));
  return checkedPeriod(from, to, fields);
}

export function checkedPeriod(from: string, to: string, fields = { from: '/from', to: '/to' }): Period {
  const days = dayNumber(to) - dayNumber(from) + 1;
  if (days < 1) throw invalidField(fields.from, 'period_reversed', 'analytics.period_reversed');
  if (days > MAX_PERIOD_DAYS) throw invalidField(fields.to, 'period_too_long', 'analytics.period_too_long', { max: MAX_PERIOD_DAYS });
  return { from, to, days };
}

/** The period of equal length just before this one. */
export const previousOf = (p: Period): Period => ({ from: addDays(p.from, -p.days), to: addDays(p.from, -1), days: p.days });

/** Every store of the org by id (code and name), from the access module's service. */
export async function storeDirectory(tx: Tx): Promise<Map<string, { code: string; name: string }>> {
  const out = new Map<string, { code: string; name: string }>();
  let cursor: string | undefined;
  do {
    const page = await listStores(tx, null, { limit: 200, cursor });
    for (const s of page.items) out.set(s.id, { code: s.code, name: s.name });
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

/** A ratio, or null when there is nothing to divide by (never NaN). */
export const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);
export const int = (v: unknown): number => Number(v ?? 0);
