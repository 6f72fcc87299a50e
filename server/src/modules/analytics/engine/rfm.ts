import { invalid } from './errors';
import { compareIds, requireNonEmpty } from './input';

export const RFM_SEGMENTS = [
  'champions',
  'loyal',
  'potential_loyalist',
  'new',
  'promising',
  'need_attention',
  'about_to_sleep',
  'at_risk',
  'cant_lose',
  'hibernating',
  'lost',
] as const;
export type RfmSegment = (typeof RFM_SEGMENTS)[number];

/** grid[R − 1][FM − 1]: the segment of a recency score R and a frequency-monetary score FM. */
export type RfmGrid = readonly (readonly RfmSegment[])[];

/**
 * The widely used R × FM grid (the 5 × 5 map popularised by Putler and by Guillaume Martin's RFM
 * segmentation), with its bottom-left corner split off as `lost`. Rows are R = 1…5, columns FM = 1…5.
 */
export const DEFAULT_RFM_GRID: RfmGrid = [
  ['lost', 'hibernating', 'at_risk', 'at_risk', 'cant_lose'],
  ['hibernating', 'hibernating', 'at_risk', 'at_risk', 'cant_lose'],
  ['about_to_sleep', 'about_to_sleep', 'need_attention', 'loyal', 'loyal'],
  ['promising', 'potential_loyalist', 'potential_loyalist', 'loyal', 'loyal'],
  ['new', 'potential_loyalist', 'potential_loyalist', 'champions', 'champions'],
];

export interface RfmInput {
  customerId: string | number;
  /** days since the last purchase */
  recencyDays: number;
  /** purchases (or purchase days) in the window */
  frequency: number;
  /** spend in the window, minor units */
  monetary: number;
}

export interface RfmScore {
  customerId: string | number;
  r: number;
  f: number;
  m: number;
  /** round((f + m) / 2), halves up */
  fm: number;
  segment: RfmSegment;
}

/**
 * SQL `ntile(5)` over rows already sorted ascending: rows are cut into 5 groups whose sizes differ by
 * at most one, the larger groups first; row i (0-based) of n gets its group number 1…5. Equal values
 * can land in different groups — that is ntile's rule, and the sort's tie-break decides which.
 */
export function ntile(i: number, n: number, groups = 5): number {
  const small = Math.floor(n / groups);
  const big = n % groups;
  const inBig = big * (small + 1);
  return i < inBig ? Math.floor(i / (small + 1)) + 1 : big + Math.floor((i - inBig) / small) + 1;
}

function scores<C extends { customerId: string | number }>(rows: readonly C[], value: (c: C) => number, higherIsBetter: boolean) {
  const sorted = [...rows].sort(
    (a, b) => (higherIsBetter ? value(a) - value(b) : value(b) - value(a)) || compareIds(a.customerId, b.customerId),
  );
  const score = new Map<string | number, number>();
  sorted.forEach((c, i) => {
    score.set(c.customerId, ntile(i, sorted.length));
  });
  return score;
}

/**
 * Quintile scores 1–5 and segments. Recency: fewer days scores higher, i.e. ntile(5) over
 * (recencyDays desc, customerId); frequency and monetary: ntile(5) over (value asc, customerId). The
 * SQL mirror must use the same orderings. FM = round((F + M) / 2) with halves up, then the grid.
 */
export function scoreRfm(customers: readonly RfmInput[], grid: RfmGrid = DEFAULT_RFM_GRID): RfmScore[] {
  requireNonEmpty(customers, 'customers');
  checkGrid(grid);
  const ids = new Set<string | number>();
  customers.forEach((c, i) => {
    if (typeof c.customerId !== 'string' && typeof c.customerId !== 'number')
      throw invalid(`customers[${i}].customerId`, 'must be a string or a number');
    if (ids.has(c.customerId)) throw invalid(`customers[${i}].customerId`, `duplicate ${c.customerId}`);
    ids.add(c.customerId);
    for (const key of ['recencyDays', 'frequency', 'monetary'] as const) {
      if (!Number.isFinite(c[key]) || c[key] < 0) throw invalid(`customers[${i}].${key}`, `must be a non-negative number, got ${c[key]}`);
    }
  });
  const r = scores(customers, (c) => c.recencyDays, false);
  const f = scores(customers, (c) => c.frequency, true);
  const m = scores(customers, (c) => c.monetary, true);
  return customers.map(({ customerId }) => {
    const [rs, fs, ms] = [r.get(customerId), f.get(customerId), m.get(customerId)] as [number, number, number];
    const fm = Math.floor((fs + ms + 1) / 2);
    return { customerId, r: rs, f: fs, m: ms, fm, segment: grid[rs - 1][fm - 1] };
  });
}

function checkGrid(grid: RfmGrid): void {
  const known = new Set<string>(RFM_SEGMENTS);
  const ok = grid.length === 5 && grid.every((row) => row.length === 5 && row.every((s) => known.has(s)));
  if (!ok) throw invalid('grid', `must be 5 rows of 5 segments out of ${RFM_SEGMENTS.join(', ')}`);
}
