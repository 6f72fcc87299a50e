import { lineGross, milli } from '../arith';
import { normalizeCode } from '../codes';
import { checkContext } from '../conditions';
import type { Basket, Promotion } from '../schemas';
import { keyLine } from '../selectors';
import { localTime } from '../time';
import { applyBasketThreshold } from './basket-threshold';
import { applyBundlePrice } from './bundle-price';
import { applyBuyGet } from './buy-get';
import { applyNForM } from './n-for-m';
import { applyPercentOff } from './percent-off';
import type { KindOutcome, LineState, PromotionRejectReason } from './types';

export interface PromotionReasonLine {
  promotionId: string;
  label: string;
  amount: number;
}

export interface EvaluatedLine {
  lineId: string;
  /** quantity × unit price, rounded half up (kuruş) */
  amount: number;
  discount: number;
  /** amount − discount */
  net: number;
  /** which promotion gave how much of `discount`, in the order they were applied; sums to `discount` */
  reasons: PromotionReasonLine[];
}

export interface PromotionRejection {
  promotionId: string;
  reason: PromotionRejectReason;
  /** numbers for the message (kuruş or units): minimum/actual, threshold/actual, required/actual */
  params?: Record<string, number>;
}

export interface PromotionResult {
  lines: EvaluatedLine[];
  subtotal: number;
  totalDiscount: number;
  total: number;
  bonusPoints: { promotionId: string; points: number }[];
  /** promotion ids in the order they were applied */
  applied: string[];
  /** every promotion that did not apply, in evaluation order, with a stable reason code */
  rejected: PromotionRejection[];
  /** coupon codes (normalised) that unlocked an applied promotion: the commit redeems these */
  couponsUsed: { code: string; promotionId: string }[];
}

function applyKind(p: Promotion, lines: LineState[]): KindOutcome {
  switch (p.kind) {
    case 'percent_off':
      return applyPercentOff(p, lines);
    case 'buy_get':
      return applyBuyGet(p, lines);
    case 'n_for_m':
      return applyNForM(p, lines);
    case 'basket_threshold':
      return applyBasketThreshold(p, lines);
    case 'bundle_price':
      return applyBundlePrice(p, lines);
  }
}

/** Evaluation order: priority descending, then id ascending (a plain code-unit comparison, locale-free). */
export function comparePromotions(a: Promotion, b: Promotion): number {
  return b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Applies promotions to a basket. Pure and deterministic: the order the promotions are given in does
 * not matter. In evaluation order, each promotion
 *   1. is rejected if an exclusive promotion already applied (`blocked_by_exclusive`);
 *   2. has its conditions checked (dates, weekday/hours in the basket's time zone, store, channel,
 *      customer tier/segment/tag, coupon, minimum basket after the discounts so far);
 *   3. computes its discount on the lines it may use: not discounted by a non-stackable promotion, and —
 *      when it is itself non-stackable — not discounted at all; lines with nothing left are skipped;
 *   4. is applied (capped per line at what is left of the line) or rejected with the kind's reason.
 * Validate definitions with `promotionSchema` first; the engine trusts them.
 */
export function evaluatePromotions(
  basket: Basket,
  promotions: readonly Promotion[],
  options: { couponCodes?: readonly string[] } = {},
): PromotionResult {
  const local = localTime(basket.at, basket.timeZone);
  const states: LineState[] = basket.lines.map((line, index) => {
    const gross = lineGross(line.quantity, line.unitPrice);
    return {
      index,
      keyed: keyLine(line),
      gross,
      remaining: gross,
      units: milli(line.quantity) % 1000 === 0 ? milli(line.quantity) / 1000 : null,
      touched: false,
      locked: false,
    };
  });
  const reasons: PromotionReasonLine[][] = states.map(() => []);
  const presented = [...new Set((options.couponCodes ?? []).map(normalizeCode).filter((c) => c !== ''))];

  const result: PromotionResult = {
    lines: [],
    subtotal: states.reduce((s, l) => s + l.gross, 0),
    totalDiscount: 0,
    total: 0,
    bonusPoints: [],
    applied: [],
    rejected: [],
    couponsUsed: [],
  };
  const reject = (promotionId: string, reason: PromotionRejectReason, params?: Record<string, number>) =>
    result.rejected.push(params ? { promotionId, reason, params } : { promotionId, reason });

  const seen = new Set<string>();
  let exclusiveApplied = false;
  for (const p of [...promotions].sort(comparePromotions)) {
    if (seen.has(p.id)) {
      reject(p.id, 'duplicate_promotion');
      continue;
    }
    seen.add(p.id);
    if (exclusiveApplied) {
      reject(p.id, 'blocked_by_exclusive');
      continue;
    }
    const failed = checkContext(p.conditions, basket, local);
    if (failed) {
      reject(p.id, failed);
      continue;
    }
    let coupon: string | undefined;
    if (p.conditions?.couponCodes) {
      const accepted = new Set(p.conditions.couponCodes.map(normalizeCode));
      coupon = presented.find((c) => accepted.has(c));
      if (coupon === undefined) {
        reject(p.id, 'coupon_required');
        continue;
      }
    }
    const minimum = p.conditions?.minimumBasket;
    if (minimum !== undefined) {
      const current = states.reduce((s, l) => s + l.remaining, 0);
      if (current < minimum) {
        reject(p.id, 'minimum_basket_not_met', { minimum, actual: current });
        continue;
      }
    }

    const usable = states.filter((l) => !l.locked && l.remaining > 0 && (p.stackable || !l.touched));
    if (usable.length === 0) {
      reject(p.id, 'no_discount');
      continue;
    }
    const outcome = applyKind(p, usable);
    if (!outcome.ok) {
      reject(p.id, outcome.reason, outcome.params);
      continue;
    }
    let given = 0;
    for (const [index, wanted] of [...outcome.discounts].sort((a, b) => a[0] - b[0])) {
      const line = states[index] as LineState;
      const amount = Math.min(Math.max(0, wanted), line.remaining);
      if (amount === 0) continue;
      line.remaining -= amount;
      line.touched = true;
      if (!p.stackable) line.locked = true;
      (reasons[index] as PromotionReasonLine[]).push({ promotionId: p.id, label: p.label, amount });
      given += amount;
    }
    const bonus = outcome.bonusPoints ?? 0;
    if (given === 0 && bonus === 0) {
      reject(p.id, 'no_discount');
      continue;
    }
    if (bonus > 0) result.bonusPoints.push({ promotionId: p.id, points: bonus });
    result.applied.push(p.id);
    if (coupon !== undefined) result.couponsUsed.push({ code: coupon, promotionId: p.id });
    if (p.exclusive) exclusiveApplied = true;
  }

  result.lines = states.map((l, i) => ({
    lineId: l.keyed.line.lineId,
    amount: l.gross,
    discount: l.gross - l.remaining,
    net: l.remaining,
    reasons: reasons[i] as PromotionReasonLine[],
  }));
  result.totalDiscount = result.lines.reduce((s, l) => s + l.discount, 0);
  result.total = result.subtotal - result.totalDiscount;
  return result;
}
