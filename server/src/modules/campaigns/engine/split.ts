/**
 * How a campaign's audience is divided: a random control group that gets nothing (so uplift is
 * measured), up to 4 variants, and — for an A/B test whose winner goes to everyone else — the
 * rest, who wait for the winner. Customers are placed by a hash of (campaign, customer) into
 * 10,000 buckets, so the split is random, stable on a re-run and computed in SQL for any audience.
 */

export const BUCKETS = 10_000;
export const MAX_VARIANTS = 4;
export const WINNER_METRICS = ['opens', 'clicks', 'conversions'] as const;
export type WinnerMetric = (typeof WINNER_METRICS)[number];

export interface SplitPlan {
  /** Share held out, in percent (0–50, two decimals). */
  controlPercent: number;
  /** Each variant's share of the whole audience, in percent. With one variant and no test, 100 − control. */
  variants: { key: string; percent: number }[];
}

export interface SplitIssue {
  path: string;
  code: 'split_too_many_variants' | 'split_duplicate_variant' | 'split_bad_percent' | 'split_over_100';
}

export interface Bucket {
  group: string;
  /** Buckets [from, to) of 0…BUCKETS. */
  from: number;
  to: number;
}

const basisPoints = (percent: number) => Math.round(percent * 100);

/** Everything wrong with a plan, each with the path of the bad value; empty when it is usable. */
export function splitIssues(plan: SplitPlan): SplitIssue[] {
  const issues: SplitIssue[] = [];
  const { controlPercent, variants } = plan;
  if (variants.length === 0 || variants.length > MAX_VARIANTS) issues.push({ path: '/variants', code: 'split_too_many_variants' });
  const seen = new Set<string>();
  variants.forEach((v, i) => {
    if (seen.has(v.key) || v.key === 'control' || v.key === 'rest')
      issues.push({ path: `/variants/${i}/key`, code: 'split_duplicate_variant' });
    seen.add(v.key);
    if (!(v.percent > 0 && v.percent <= 100) || basisPoints(v.percent) / 100 !== v.percent) {
      issues.push({ path: `/variants/${i}/percent`, code: 'split_bad_percent' });
    }
  });
  if (!(controlPercent >= 0 && controlPercent <= 50) || basisPoints(controlPercent) / 100 !== controlPercent) {
    issues.push({ path: '/controlPercent', code: 'split_bad_percent' });
  }
  const total = basisPoints(controlPercent) + variants.reduce((s, v) => s + basisPoints(v.percent), 0);
  if (total > BUCKETS) issues.push({ path: '/variants', code: 'split_over_100' });
  return issues;
}

/** Control first, then the variants in order, then the rest (waiting for a winner) up to the end. */
export function buckets(plan: SplitPlan): Bucket[] {
  const out: Bucket[] = [];
  let at = 0;
  const add = (group: string, width: number) => {
    if (width > 0) out.push({ group, from: at, to: at + width });
    at += width;
  };
  add('control', basisPoints(plan.controlPercent));
  for (const v of plan.variants) add(v.key, basisPoints(v.percent));
  add('rest', BUCKETS - at);
  return out;
}

export interface VariantResult {
  key: string;
  delivered: number;
  opens: number;
  clicks: number;
  conversions: number;
}

/**
 * The variant with the best rate of the chosen metric per delivered message; a tie goes to the
 * earlier variant. Null while no variant has a delivered message.
 */
export function pickWinner(results: readonly VariantResult[], metric: WinnerMetric): string | null {
  let best: { key: string; rate: number } | null = null;
  for (const r of results) {
    if (r.delivered <= 0) continue;
    const rate = r[metric] / r.delivered;
    if (!best || rate > best.rate) best = { key: r.key, rate };
  }
  return best?.key ?? null;
}
