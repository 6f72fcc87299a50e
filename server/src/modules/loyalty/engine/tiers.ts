import type { Tier } from './schemas';
import { addMonths, localTime, startOfLocalDay } from './time';

export interface TierEvaluation {
  /** the tier the customer holds after this evaluation (null: no tier reached) */
  tierCode: string | null;
  change: 'upgrade' | 'downgrade' | 'none';
  /** the tier the metric alone qualifies for */
  qualifiedTierCode: string | null;
  /** the next tier up and how much metric it still needs (kuruş or points), for "X TL more to Gold" */
  next: { tierCode: string; missing: number } | null;
}

/**
 * Tier for a metric (rolling-window spend in kuruş or points): the highest tier whose threshold the
 * metric reaches. Upgrades happen at once; a downgrade only at the yearly review (`review: true`), and
 * then straight to the qualified tier. A current tier code that no longer exists counts as none.
 */
export function evaluateTier(
  tiers: readonly Tier[],
  metric: number,
  currentTier: string | null,
  options: { review: boolean },
): TierEvaluation {
  const sorted = [...tiers].sort((a, b) => a.threshold - b.threshold);
  let qualified = -1;
  sorted.forEach((t, i) => {
    if (t.threshold <= metric) qualified = i;
  });
  const current = currentTier === null ? -1 : sorted.findIndex((t) => t.code === currentTier);
  const nextTier = sorted[qualified + 1];
  const result = (index: number, change: TierEvaluation['change']): TierEvaluation => ({
    tierCode: index >= 0 ? (sorted[index] as Tier).code : null,
    change,
    qualifiedTierCode: qualified >= 0 ? (sorted[qualified] as Tier).code : null,
    next: nextTier ? { tierCode: nextTier.code, missing: nextTier.threshold - metric } : null,
  });
  if (qualified > current) return result(qualified, 'upgrade');
  if (qualified < current && options.review) return result(qualified, 'downgrade');
  return result(current, 'none');
}

/** The rolling window a tier metric is summed over: from the same local day `months` ago to `now`. */
export function tierWindow(now: Date, timeZone: string, months: number): { from: Date; to: Date } {
  return { from: startOfLocalDay(addMonths(localTime(now, timeZone).date, -months), timeZone), to: now };
}
