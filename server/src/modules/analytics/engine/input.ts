import { AnalyticsError, invalid } from './errors';

/** One customer's calibration history: x repeat purchases, the last at tx, observed for T (same time unit). */
export interface FrequencyRecency {
  x: number;
  tx: number;
  T: number;
  /** how many customers share these values (default 1) */
  count?: number;
}

export function requireNonEmpty(list: readonly unknown[], field: string): void {
  if (list.length === 0) throw new AnalyticsError('empty_input', `${field}: nothing to fit`, field);
}

export function checkFrequencyRecency(c: FrequencyRecency, field: string): void {
  if (!Number.isSafeInteger(c.x) || c.x < 0) throw invalid(`${field}.x`, `must be a non-negative integer, got ${c.x}`);
  if (!Number.isFinite(c.T) || c.T < 0) throw invalid(`${field}.T`, `must be a non-negative number, got ${c.T}`);
  if (!Number.isFinite(c.tx) || c.tx < 0 || c.tx > c.T) throw invalid(`${field}.tx`, `must be within [0, T], got ${c.tx}`);
  if (c.x > 0 && c.tx === 0) throw invalid(`${field}.tx`, 'must be positive when x > 0');
  checkPositive(c.count ?? 1, `${field}.count`);
}

export function checkPositive(value: number, field: string): void {
  if (!Number.isFinite(value) || value <= 0) throw invalid(field, `must be a positive number, got ${value}`);
}

export function checkNonNegative(value: number, field: string): void {
  if (!Number.isFinite(value) || value < 0) throw invalid(field, `must be a non-negative number, got ${value}`);
}

/**
 * Customers with the same (x, tx, T) merged into one weighted row, with the distinct x values indexed:
 * the log-gamma terms of a likelihood depend on x alone, so they are computed once per distinct x.
 */
export interface GroupedHistories {
  x: number[];
  tx: number[];
  T: number[];
  weight: number[];
  /** index of each row's x in `distinctX` */
  xIndex: number[];
  distinctX: number[];
  /** index of each row's T and tx in `distinctTimes`: a likelihood takes log(α + t) once per value */
  tIndex: number[];
  txIndex: number[];
  distinctTimes: number[];
}

export function groupHistories(customers: readonly FrequencyRecency[]): GroupedHistories {
  requireNonEmpty(customers, 'customers');
  const rows = new Map<string, number>();
  const xIndexOf = new Map<number, number>();
  const timeIndexOf = new Map<number, number>();
  const g: GroupedHistories = { x: [], tx: [], T: [], weight: [], xIndex: [], distinctX: [], tIndex: [], txIndex: [], distinctTimes: [] };
  const timeIndex = (t: number) => {
    let i = timeIndexOf.get(t);
    if (i === undefined) {
      i = g.distinctTimes.push(t) - 1;
      timeIndexOf.set(t, i);
    }
    return i;
  };
  customers.forEach((c, i) => {
    checkFrequencyRecency(c, `customers[${i}]`);
    const key = `${c.x}|${c.tx}|${c.T}`;
    const row = rows.get(key);
    if (row !== undefined) {
      g.weight[row] = g.weight[row] + (c.count ?? 1);
      return;
    }
    let xi = xIndexOf.get(c.x);
    if (xi === undefined) {
      xi = g.distinctX.push(c.x) - 1;
      xIndexOf.set(c.x, xi);
    }
    rows.set(key, g.x.length);
    g.x.push(c.x);
    g.tx.push(c.tx);
    g.T.push(c.T);
    g.weight.push(c.count ?? 1);
    g.xIndex.push(xi);
    g.tIndex.push(timeIndex(c.T));
    g.txIndex.push(timeIndex(c.tx));
  });
  return g;
}

/** A starting scale for rate parameters: observed time per repeat purchase (at least the mean T when nobody repeats). */
export function timePerPurchase(g: GroupedHistories): number {
  let time = 0;
  let purchases = 0;
  g.x.forEach((x, i) => {
    time += g.weight[i] * g.T[i];
    purchases += g.weight[i] * x;
  });
  return Math.max(time / Math.max(purchases, 1), 1e-6);
}

/** Numbers before strings, numbers numerically, strings by code unit: the same order in every locale. */
export function compareIds(a: string | number, b: string | number): number {
  if (typeof a !== typeof b) return typeof a === 'number' ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
