import { lineGross } from './arith';
import { normalizeCode } from './codes';
import { checkContext, checkValidity } from './conditions';
import type { Basket, CodeFormat, Coupon, CouponIssueRule, CouponTemplate, Promotion } from './schemas';
import { compileSelector, keyLine } from './selectors';
import { addDays, localTime } from './time';

/** 32 symbols, no look-alikes (0/O, 1/I) and nothing a Turkish keyboard or upper-casing could change. */
export const DEFAULT_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * Generates `count` distinct codes: `prefix` + `length` symbols drawn uniformly from the alphabet with
 * rejection sampling over the bytes `random` returns (pass `crypto.randomBytes`). Codes for which
 * `existing.has(code)` is true are skipped, so a campaign can be topped up.
 */
export function generateCodes(
  count: number,
  format: CodeFormat,
  random: (n: number) => Uint8Array,
  existing?: { has(code: string): boolean },
): string[] {
  const alphabet = format.alphabet ?? DEFAULT_CODE_ALPHABET;
  const prefix = format.prefix ?? '';
  const size = alphabet.length;
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  // Keep the code space at least 100× the request so collisions stay rare and the loop ends.
  if (format.length * Math.log2(size) < Math.log2(Math.max(1, count) * 100)) {
    throw new RangeError(`${format.length} symbols of a ${size}-symbol alphabet are too few for ${count} codes`);
  }
  const limit = 256 - (256 % size); // bytes ≥ limit would bias the draw
  const codes = new Set<string>();
  let buffer: Uint8Array = new Uint8Array(0);
  let pos = 0;
  let draws = 0;
  while (codes.size < count) {
    if (++draws > count * 10 + 100) throw new Error('could not generate enough distinct codes');
    let code = prefix;
    for (let k = 0; k < format.length; ) {
      if (pos >= buffer.length) {
        buffer = random(Math.max(4096, Math.ceil((count - codes.size) * format.length * 1.3)));
        pos = 0;
      }
      const byte = buffer[pos++] as number;
      if (byte < limit) {
        code += alphabet[byte % size];
        k++;
      }
    }
    if (!codes.has(code) && !existing?.has(code)) codes.add(code);
  }
  return [...codes];
}

export type CouponRejectReason =
  | 'coupon_inactive'
  | 'not_started'
  | 'expired'
  | 'customer_required'
  | 'not_your_coupon'
  | 'coupon_already_used'
  | 'usage_limit_reached'
  | 'already_used_by_customer'
  | 'minimum_basket_not_met';

export interface CouponUsage {
  /** redemptions of this code so far (all customers) */
  totalUses: number;
  /** redemptions of this code by the basket's customer */
  customerUses: number;
}

export type CouponValidation = { ok: true } | { ok: false; reason: CouponRejectReason };

/**
 * Whether a coupon may be used on a basket. Checks, in this order: active, validity window (org wall
 * clock), customer needed (personal, one-per-customer or requiresCustomer), owner of a personal coupon,
 * single use, shared usage limit, one per customer, minimum basket (gross, before discounts). The
 * effect's own conditions (store, hours…) are checked later by evaluatePromotions.
 */
export function validateCoupon(coupon: Coupon, basket: Basket, usage: CouponUsage): CouponValidation {
  const fail = (reason: CouponRejectReason): CouponValidation => ({ ok: false, reason });
  if (coupon.active === false) return fail('coupon_inactive');
  const window = checkValidity(localTime(basket.at, basket.timeZone), coupon);
  if (window) return fail(window);
  const customer = basket.customer;
  if (!customer && (coupon.kind === 'personal' || coupon.onePerCustomer || coupon.requiresCustomer)) return fail('customer_required');
  if (coupon.kind === 'personal' && customer?.id !== coupon.customerId) return fail('not_your_coupon');
  if ((coupon.kind === 'unique' || coupon.kind === 'personal') && usage.totalUses >= 1) return fail('coupon_already_used');
  if (coupon.kind === 'shared' && coupon.usageLimit !== undefined && usage.totalUses >= coupon.usageLimit)
    return fail('usage_limit_reached');
  if (coupon.onePerCustomer && usage.customerUses >= 1) return fail('already_used_by_customer');
  if (coupon.minimumBasket !== undefined) {
    const gross = basket.lines.reduce((s, l) => s + lineGross(l.quantity, l.unitPrice), 0);
    if (gross < coupon.minimumBasket) return fail('minimum_basket_not_met');
  }
  return { ok: true };
}

/**
 * The promotion a validated coupon unlocks, ready for evaluatePromotions: the effect with its
 * `couponCodes` condition set to this code, so it applies only with the code presented.
 */
export function couponPromotion(coupon: Pick<Coupon, 'code' | 'effect'>): Promotion {
  return { ...coupon.effect, conditions: { ...coupon.effect.conditions, couponCodes: [normalizeCode(coupon.code)] } } as Promotion;
}

/** A coupon issued from a template, everything but its code (the caller generates and stores that). */
export type IssuedCoupon = Omit<Coupon, 'code'> & { validFrom: string; validUntil: string };

/**
 * Turns a template into a concrete coupon: valid from `startsInDays` after the issuing day (org wall
 * clock) for `days` whole days, personal when a customer id is given.
 */
export function materializeCoupon(template: CouponTemplate, issuedAt: Date, timeZone: string, customerId: string | null): IssuedCoupon {
  const validFrom = addDays(localTime(issuedAt, timeZone).date, template.validity.startsInDays);
  const validUntil = addDays(validFrom, template.validity.days - 1);
  return {
    kind: customerId ? 'personal' : 'unique',
    customerId,
    validFrom,
    validUntil,
    ...(template.minimumBasket !== undefined ? { minimumBasket: template.minimumBasket } : {}),
    effect: template.effect,
  };
}

/**
 * Receipt-bottom ("fiş altı") coupons a basket earns, one per rule at most, in rule id order. A rule fires
 * when its conditions hold and the basket has enough of the trigger items (units and/or value after the
 * given line discounts). Personal rules (the default) need an identified customer.
 */
export function issueCoupons(
  rules: readonly CouponIssueRule[],
  basket: Basket,
  options: { lineDiscounts?: readonly { lineId: string; discount: number }[] } = {},
): { ruleId: string; couponTemplate: IssuedCoupon }[] {
  const local = localTime(basket.at, basket.timeZone);
  const discounts = new Map((options.lineDiscounts ?? []).map((d) => [d.lineId, d.discount]));
  const keyed = basket.lines.map(keyLine);
  const out: { ruleId: string; couponTemplate: IssuedCoupon }[] = [];
  for (const rule of [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const personal = rule.personal ?? true;
    if (personal && !basket.customer) continue;
    if (checkContext(rule.conditions, basket, local)) continue;
    const net = (l: (typeof keyed)[number]) => lineGross(l.line.quantity, l.line.unitPrice) - (discounts.get(l.line.lineId) ?? 0);
    if (rule.conditions?.minimumBasket !== undefined && keyed.reduce((s, l) => s + net(l), 0) < rule.conditions.minimumBasket) continue;
    const match = compileSelector(rule.trigger.target);
    const hits = keyed.filter(match);
    if (hits.length === 0) continue;
    const quantity = hits.reduce((s, l) => s + l.line.quantity, 0);
    if (rule.trigger.minQuantity !== undefined && quantity + 1e-9 < rule.trigger.minQuantity) continue;
    if (rule.trigger.minAmount !== undefined && hits.reduce((s, l) => s + net(l), 0) < rule.trigger.minAmount) continue;
    out.push({
      ruleId: rule.id,
      couponTemplate: materializeCoupon(rule.coupon, basket.at, basket.timeZone, personal ? (basket.customer?.id ?? null) : null),
    });
  }
  return out;
}
