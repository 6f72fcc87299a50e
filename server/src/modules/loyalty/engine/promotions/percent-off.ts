import { allocateCapped, percentOf } from '../arith';
import type { PercentOffPromotion } from '../schemas';
import { compileSelector } from '../selectors';
import type { KindOutcome, LineState } from './types';

/**
 * Category / brand / SKU percent off: each matching line gets `percent` of its current value (after the
 * discounts of stackable promotions before it), rounded half up per line. With `maxDiscount` the cap is
 * spread pro rata over the lines (largest remainder), never giving a line more than its own percentage.
 */
export function applyPercentOff(p: PercentOffPromotion, lines: LineState[]): KindOutcome {
  const match = compileSelector(p.target);
  const targets = lines.filter((l) => match(l.keyed));
  if (targets.length === 0) return { ok: false, reason: 'no_matching_items' };
  let amounts = targets.map((l) => percentOf(l.remaining, p.percent));
  const total = amounts.reduce((s, a) => s + a, 0);
  if (p.maxDiscount !== undefined && total > p.maxDiscount) {
    amounts = allocateCapped(
      p.maxDiscount,
      targets.map((l) => l.remaining),
      amounts,
    ).parts;
  }
  return { ok: true, discounts: new Map(targets.map((l, i) => [l.index, amounts[i] as number])) };
}
