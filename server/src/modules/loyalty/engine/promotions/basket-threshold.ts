import { allocateCapped, percentOf } from '../arith';
import type { BasketThresholdPromotion } from '../schemas';
import { compileSelector } from '../selectors';
import type { KindOutcome, LineState } from './types';

/**
 * Basket threshold: the value of the target lines (all lines when no target) after earlier discounts
 * picks the highest step reached. An amount or percent off is a basket-level discount: its total is
 * computed once (percent rounded half up) and allocated to the lines pro rata to their value with
 * largest-remainder rounding, so the line discounts add up exactly. Bonus points touch no line.
 */
export function applyBasketThreshold(p: BasketThresholdPromotion, lines: LineState[]): KindOutcome {
  const match = compileSelector(p.target);
  const targets = lines.filter((l) => match(l.keyed));
  if (targets.length === 0) return { ok: false, reason: 'no_matching_items' };
  const base = targets.reduce((s, l) => s + l.remaining, 0);
  const step = [...p.steps].reverse().find((s) => s.threshold <= base);
  if (!step)
    return { ok: false, reason: 'threshold_not_met', params: { threshold: (p.steps[0] as { threshold: number }).threshold, actual: base } };
  const reward = step.reward;
  if (reward.type === 'bonus_points') return { ok: true, discounts: new Map(), bonusPoints: reward.points };
  let total = reward.type === 'amount_off' ? reward.amount : percentOf(base, reward.percent);
  if (reward.type === 'percent_off' && reward.maxDiscount !== undefined) total = Math.min(total, reward.maxDiscount);
  const values = targets.map((l) => l.remaining);
  const { parts } = allocateCapped(total, values, values);
  return { ok: true, discounts: new Map(targets.map((l, i) => [l.index, parts[i] as number])) };
}
