import { AnalyticsError, invalid } from './errors';
import { compareIds } from './input';

export interface Transaction {
  customerId: string | number;
  /** `YYYY-MM-DD` (a calendar day) or a whole day number */
  day: string | number;
  /** integer minor units (kuruş, cents), non-negative */
  amount: number;
}

export interface SummaryOptions {
  /** last day of the calibration period, inclusive */
  calibrationEnd: string | number;
  /** last day of the holdout period (inclusive), which starts the day after `calibrationEnd` */
  holdoutEnd?: string | number;
  /** unit of tx and T (default day) */
  unit?: 'day' | 'week';
}

export interface CustomerSummary {
  customerId: string | number;
  /** repeat purchase days in the calibration period (the first purchase day is not a repeat) */
  x: number;
  /** time from the first purchase to the last calibration purchase */
  tx: number;
  /** time from the first purchase to the calibration end */
  T: number;
  /** mean value of the repeat purchase days, minor units (0 when x = 0) */
  mbar: number;
  /** purchase days in the holdout period (0 without `holdoutEnd`) */
  holdout: number;
}

const MS_PER_DAY = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A day as a whole number: days since 1970-01-01 for `YYYY-MM-DD`, the number itself otherwise. */
export function dayNumber(day: string | number, field = 'day'): number {
  if (typeof day === 'number') {
    if (!Number.isSafeInteger(day)) throw invalid(field, `must be a whole day number, got ${day}`);
    return day;
  }
  const m = ISO_DAY.exec(day);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  // Date.UTC rolls 2025-02-30 over to March; a round trip catches it
  if (!m || new Date(ms).toISOString().slice(0, 10) !== day) throw invalid(field, `must be a YYYY-MM-DD date, got ${day}`);
  return ms / MS_PER_DAY;
}

/**
 * Per-customer calibration summary (x, tx, T, mbar) and holdout counts from raw transactions, the
 * input of BG/NBD, Pareto/NBD and Gamma-Gamma. Purchases on the same day are one purchase (their
 * amounts add up); customers whose first purchase falls after the calibration end are left out, as
 * they were not yet customers when the models are fitted. Sorted by customer id.
 */
export function summarizeTransactions(transactions: readonly Transaction[], options: SummaryOptions): CustomerSummary[] {
  const calibrationEnd = dayNumber(options.calibrationEnd, 'calibrationEnd');
  const holdoutEnd = options.holdoutEnd === undefined ? calibrationEnd : dayNumber(options.holdoutEnd, 'holdoutEnd');
  if (holdoutEnd < calibrationEnd) throw invalid('holdoutEnd', 'must not be before calibrationEnd');
  const unit = options.unit ?? 'day';
  if (unit !== 'day' && unit !== 'week') throw invalid('unit', `must be day or week, got ${unit}`);
  const perUnit = unit === 'week' ? 7 : 1;

  const byCustomer = new Map<string | number, Map<number, number>>();
  transactions.forEach((t, i) => {
    if (typeof t.customerId !== 'string' && typeof t.customerId !== 'number') {
      throw invalid(`transactions[${i}].customerId`, 'must be a string or a number');
    }
    if (!Number.isSafeInteger(t.amount) || t.amount < 0) {
      throw invalid(`transactions[${i}].amount`, `must be a non-negative integer of minor units, got ${t.amount}`);
    }
    const day = dayNumber(t.day, `transactions[${i}].day`);
    if (day > holdoutEnd) return;
    const days = byCustomer.get(t.customerId) ?? new Map<number, number>();
    byCustomer.set(t.customerId, days);
    days.set(day, (days.get(day) ?? 0) + t.amount);
  });
  if (byCustomer.size === 0) throw new AnalyticsError('empty_input', 'transactions: none on or before the end dates', 'transactions');

  const out: CustomerSummary[] = [];
  for (const [customerId, days] of byCustomer) {
    const sorted = [...days.keys()].sort((a, b) => a - b);
    const first = sorted[0] as number;
    if (first > calibrationEnd) continue;
    let x = 0;
    let last = first;
    let repeatValue = 0;
    let holdout = 0;
    for (const day of sorted.slice(1)) {
      if (day > calibrationEnd) holdout++;
      else {
        x++;
        last = day;
        repeatValue += days.get(day) as number;
      }
    }
    out.push({
      customerId,
      x,
      tx: (last - first) / perUnit,
      T: (calibrationEnd - first) / perUnit,
      mbar: x > 0 ? repeatValue / x : 0,
      holdout,
    });
  }
  return out.sort((a, b) => compareIds(a.customerId, b.customerId));
}
