import type { KeyedLine } from '../selectors';

/** Why a promotion did not apply: condition failures plus the kind's own verdicts. Stable codes. */
export type PromotionRejectReason =
  | import('../conditions').ConditionReason
  | 'duplicate_promotion'
  | 'blocked_by_exclusive'
  | 'no_matching_items'
  | 'quantity_not_met'
  | 'threshold_not_met'
  | 'no_discount';

/** A basket line while promotions are applied to it, one after another. */
export interface LineState {
  index: number;
  keyed: KeyedLine;
  /** quantity × unit price, rounded half up */
  gross: number;
  /** gross minus the discounts given so far; never negative */
  remaining: number;
  /** whole units for unit-based promotions; null for weighed (fractional) quantities */
  units: number | null;
  /** some promotion discounted this line */
  touched: boolean;
  /** a non-stackable promotion discounted this line: no other promotion may */
  locked: boolean;
}

/** What one promotion kind wants to give, computed on the lines it may use. */
export type KindOutcome =
  | { ok: true; discounts: Map<number, number>; bonusPoints?: number }
  | { ok: false; reason: PromotionRejectReason; params?: Record<string, number> };

export const noDiscount = (): KindOutcome => ({ ok: false, reason: 'no_discount' });
