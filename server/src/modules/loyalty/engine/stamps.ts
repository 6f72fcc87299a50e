import { lineGross } from './arith';
import { type IssuedCoupon, materializeCoupon } from './coupons';
import type { Basket, StampCard, StampProgress } from './schemas';
import { compileSelector, keyLine } from './selectors';

export interface StampResult {
  stampsAdded: number;
  /** rewards completed by these stamps */
  rewardsEarned: number;
  newProgress: Required<StampProgress>;
  /** one coupon per reward, from the card's reward template, personal to the customer when known */
  rewards: IssuedCoupon[];
}

function advance(
  card: StampCard,
  progress: StampProgress,
  added: number,
  at: Date,
  timeZone: string,
  customerId: string | null,
): StampResult {
  const stamps = progress.stamps + added;
  const rewardsEarned = Math.floor(stamps / card.stampsNeeded);
  return {
    stampsAdded: added,
    rewardsEarned,
    newProgress: {
      stamps: stamps % card.stampsNeeded,
      totalStamps: (progress.totalStamps ?? 0) + added,
      rewards: (progress.rewards ?? 0) + rewardsEarned,
    },
    rewards: Array.from({ length: rewardsEarned }, () => materializeCoupon(card.reward, at, timeZone, customerId)),
  };
}

/**
 * Stamps a basket earns on a card: one per qualifying line, or one per whole qualifying unit (a weighed
 * 1.5 kg line gives 1), capped by `maxStampsPerReceipt`. Lines given away entirely (their discount covers
 * them, e.g. the free coffee of a reward) earn nothing.
 */
export function applyStamps(
  card: StampCard,
  progress: StampProgress,
  basket: Basket,
  options: { lineDiscounts?: readonly { lineId: string; discount: number }[] } = {},
): StampResult {
  const discounts = new Map((options.lineDiscounts ?? []).map((d) => [d.lineId, d.discount]));
  const match = compileSelector(card.qualifying);
  let added = 0;
  for (const line of basket.lines) {
    if (!match(keyLine(line))) continue;
    if (lineGross(line.quantity, line.unitPrice) - (discounts.get(line.lineId) ?? 0) <= 0) continue;
    added += card.per === 'line' ? 1 : Math.floor(line.quantity + 1e-9);
  }
  if (card.maxStampsPerReceipt !== undefined) added = Math.min(added, card.maxStampsPerReceipt);
  return advance(card, progress, added, basket.at, basket.timeZone, basket.customer?.id ?? null);
}

/** The counter's one-tap "stamp" button: `count` stamps without a basket. */
export function manualStamp(
  card: StampCard,
  progress: StampProgress,
  input: { count?: number; at: Date; timeZone: string; customerId: string | null },
): StampResult {
  const count = input.count ?? 1;
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`stamp count must be a positive integer, got ${count}`);
  return advance(card, progress, count, input.at, input.timeZone, input.customerId);
}
