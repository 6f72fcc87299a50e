import { allocate } from '../../../platform/money';
import { basisPoints, divFloor, hundredths, lineGross } from './arith';
import { checkSchedule, checkValidity } from './conditions';
import type { Basket, Multiplier, PointsProgram, Tier } from './schemas';
import { compileCategories, compileSelector, type KeyedLine, keyLine } from './selectors';
import { localTime } from './time';

/**
 * Points earn and burn.
 *
 * Earn: every line's net (after promotion discounts, minus its pro-rata share of what was paid with
 * points) is multiplied by one factor per dimension — category, brand, SKU, store, time (date range,
 * weekday, hours), the customer's tier, the birthday month. Within a dimension the highest matching rule
 * wins (a dimension with no match counts 1); the dimensions multiply. A Friday (×2 time) purchase of a
 * ×3 brand by a Gold (×1.5 tier) customer earns ×9. Points are computed on the whole receipt and rounded
 * down once, so many small lines lose nothing.
 */

export type EarnSource = 'base' | 'category' | 'brand' | 'sku' | 'store' | 'time' | 'tier' | 'birthday';

export interface EarnResult {
  points: number;
  /** base points, then the points each multiplier dimension adds, then a birthday bonus; sums to `points` */
  breakdown: { source: EarnSource; points: number; ruleIds?: string[] }[];
  /** the kuruş points were earned on (net, after points payment, excluded lines left out) */
  earnableAmount: number;
  reason?: 'minimum_basket_not_met';
}

type Dimension = Exclude<EarnSource, 'base'>;
const DIMENSIONS: Dimension[] = ['category', 'brand', 'sku', 'store', 'time', 'tier', 'birthday'];

/** The kuruş a number of points is worth (rounded down when not a whole number of conversion units). */
export function pointsValue(program: PointsProgram, points: number): number {
  return Number(divFloor(BigInt(points) * BigInt(program.burn.value), BigInt(program.burn.points)));
}

function lineMatcher(m: Multiplier): ((l: KeyedLine) => boolean) | null {
  switch (m.dimension) {
    case 'category':
      return compileCategories(m.categories);
    case 'brand':
      return compileSelector({ brands: m.brands });
    case 'sku':
      return compileSelector({ skus: m.skus });
    default:
      return null;
  }
}

export function computeEarn(
  program: PointsProgram,
  basket: Basket,
  lineDiscounts: readonly { lineId: string; discount: number }[],
  pointsRedeemed: number,
  customerTier: Pick<Tier, 'code' | 'benefits'> | null,
  options: { birthdayBonusGranted?: boolean } = {},
): EarnResult {
  const local = localTime(basket.at, basket.timeZone);
  const discounts = new Map(lineDiscounts.map((d) => [d.lineId, d.discount]));
  const lines = basket.lines.map(keyLine);
  const net = lines.map((l) => {
    const gross = lineGross(l.line.quantity, l.line.unitPrice);
    return Math.min(gross, Math.max(0, gross - (discounts.get(l.line.lineId) ?? 0)));
  });
  const netTotal = net.reduce((s, n) => s + n, 0);
  if (program.earn.minimumBasket !== undefined && netTotal < program.earn.minimumBasket) {
    return { points: 0, breakdown: [], earnableAmount: 0, reason: 'minimum_basket_not_met' };
  }

  // The part paid with points earns nothing: take it off the lines pro rata to their net.
  const paidWithPoints = Math.min(netTotal, pointsValue(program, Math.max(0, pointsRedeemed)));
  const shares = netTotal > 0 ? allocate(paidWithPoints, net) : net.map(() => 0);
  const excluded = program.earn.exclude ? compileSelector(program.earn.exclude) : () => false;
  const earnable = lines.map((l, i) => (excluded(l) ? 0 : (net[i] as number) - (shares[i] as number)));

  // Per dimension and line: the winning factor (hundredths) and the rules that gave it.
  const dims = new Map<Dimension, { factor: number[]; rules: Set<string>[]; matched: boolean[] }>();
  const raise = (dim: Dimension, i: number, f: number, ruleId?: string) => {
    let d = dims.get(dim);
    if (!d) {
      d = { factor: lines.map(() => 100), rules: lines.map(() => new Set<string>()), matched: lines.map(() => false) };
      dims.set(dim, d);
    }
    if (!d.matched[i] || f > (d.factor[i] as number)) {
      d.factor[i] = f;
      d.rules[i] = new Set(ruleId ? [ruleId] : []);
      d.matched[i] = true;
    } else if (f === d.factor[i] && ruleId) (d.rules[i] as Set<string>).add(ruleId);
  };

  for (const m of program.earn.multipliers ?? []) {
    const f = hundredths(m.factor);
    const match = lineMatcher(m);
    let applies = true;
    if (m.dimension === 'store') applies = m.storeCodes.some((c) => c.trim() === basket.storeCode.trim());
    if (m.dimension === 'time') applies = !checkValidity(local, m) && !checkSchedule(local, m);
    if (!applies) continue;
    lines.forEach((l, i) => {
      if (!match || match(l)) raise(m.dimension, i, f, m.id);
    });
  }
  const tierFactor = customerTier?.benefits?.multiplier;
  if (tierFactor !== undefined) for (let i = 0; i < lines.length; i++) raise('tier', i, hundredths(tierFactor), customerTier?.code);
  const birthday = basket.customer?.birthdayThisMonth ? program.birthday : undefined;
  if (birthday?.type === 'multiplier') for (let i = 0; i < lines.length; i++) raise('birthday', i, hundredths(birthday.factor));

  // Cumulative points after each dimension; each dimension is credited with what it adds.
  const rate = program.earn.rate;
  let weighted = earnable.map((e) => BigInt(e));
  let scale = 1n;
  const pointsAt = () => Number(divFloor(weighted.reduce((s, w) => s + w, 0n) * BigInt(rate.points), BigInt(rate.per) * scale));
  const base = pointsAt();
  const breakdown: EarnResult['breakdown'] = [{ source: 'base', points: base }];
  let total = base;
  for (const dim of DIMENSIONS) {
    const d = dims.get(dim);
    if (!d) continue;
    weighted = weighted.map((w, i) => w * BigInt(d.factor[i] as number));
    scale *= 100n;
    const now = pointsAt();
    const ruleIds = new Set<string>();
    lines.forEach((_, i) => {
      if ((earnable[i] as number) > 0 && d.factor[i] !== 100) for (const id of d.rules[i] as Set<string>) ruleIds.add(id);
    });
    if (now !== total) breakdown.push({ source: dim, points: now - total, ...(ruleIds.size ? { ruleIds: [...ruleIds].sort() } : {}) });
    total = now;
  }
  if (birthday?.type === 'points' && !options.birthdayBonusGranted) {
    breakdown.push({ source: 'birthday', points: birthday.points });
    total += birthday.points;
  }
  return { points: total, breakdown, earnableAmount: earnable.reduce((s, e) => s + e, 0) };
}

export interface Redeemable {
  /** the most points this receipt may be paid with (0 when below the minimum) */
  maxPoints: number;
  /** what they are worth, kuruş */
  value: number;
}

/**
 * How many points may pay for `payableAmount` kuruş: whole conversion units only (with 100 points =
 * 1 TL, multiples of 100), at most the balance, `maxPoints`, and `maxSharePercent` of the amount; if that
 * is below `minPoints`, nothing.
 */
export function redeemable(program: PointsProgram, balance: number, payableAmount: number): Redeemable {
  const { points: unit, value: unitValue, maxPoints, minPoints, maxSharePercent } = program.burn;
  const payable = Math.max(0, payableAmount);
  const maxValue =
    maxSharePercent === undefined ? payable : Number(divFloor(BigInt(payable) * BigInt(basisPoints(maxSharePercent)), 10_000n));
  const units = Math.min(
    Math.floor(Math.max(0, balance) / unit),
    Math.floor(maxValue / unitValue),
    maxPoints === undefined ? Number.POSITIVE_INFINITY : Math.floor(maxPoints / unit),
  );
  if (units <= 0 || (minPoints !== undefined && units * unit < minPoints)) return { maxPoints: 0, value: 0 };
  return { maxPoints: units * unit, value: units * unitValue };
}

export type RedemptionRejectReason = 'invalid_points' | 'not_whole_units' | 'insufficient_points' | 'below_minimum' | 'above_maximum';

export type RedemptionValidation =
  | { ok: true; points: number; value: number }
  | { ok: false; reason: RedemptionRejectReason; maxPoints: number; minPoints?: number };

/** Checks a requested redemption; the first failing rule, in the order of the reason list, is reported. */
export function validateRedemption(program: PointsProgram, balance: number, payableAmount: number, points: number): RedemptionValidation {
  const limit = redeemable(program, balance, payableAmount);
  const fail = (reason: RedemptionRejectReason): RedemptionValidation => ({
    ok: false,
    reason,
    maxPoints: limit.maxPoints,
    ...(program.burn.minPoints !== undefined ? { minPoints: program.burn.minPoints } : {}),
  });
  if (!Number.isSafeInteger(points) || points <= 0) return fail('invalid_points');
  if (points % program.burn.points !== 0) return fail('not_whole_units');
  if (points > balance) return fail('insufficient_points');
  if (program.burn.minPoints !== undefined && points < program.burn.minPoints) return fail('below_minimum');
  if (points > limit.maxPoints) return fail('above_maximum');
  return { ok: true, points, value: pointsValue(program, points) };
}
