import type { Tx } from '../../platform/db/database';
import { Problem } from '../../platform/http/problem';
import type { Locale } from '../../platform/i18n';
import { t } from '../../platform/i18n';
import type { AuditSource } from '../access/audit';
import { type ProductRef, resolveProducts } from '../catalog/service';
import { customerPhone } from '../customers/identities';
import { type CustomerRow, getCustomerRow, lookupCustomer, resolveCustomerId, upsertCustomer } from '../customers/service';
import { getSettings } from '../sales/service';
import { loadConfig, type OrgLoyaltyConfig, orgClock, type ProgramConfig, programFor, promotionsFor, storeByCode } from './config';
import { type LoadedCoupon, loadCoupons, presentedCodes } from './coupons';
import {
  applyStamps,
  type Basket,
  type BasketLine,
  computeEarn,
  type EarnResult,
  earnSourceKey,
  evaluatePromotions,
  type IssuedCoupon,
  issueCoupons,
  materializeCoupon,
  type Promotion,
  type PromotionResult,
  pointsValue,
  type RedemptionValidation,
  reasonKey,
  redeemable,
  type StampResult,
  type Tier,
  validateCoupon,
  validateRedemption,
} from './engine';
import { localTime } from './engine/time';
import type { AccountRow } from './ledger';
import type { Progress } from './stamps';
import { customerState, lockedState } from './state';

/**
 * What the POS evaluate and commit share: resolving the store, customer, products, coupons and the
 * customer's account, then running the engine (promotions → coupons → points → receipt-bottom
 * coupons → stamps) on the basket. No writes here except the commit's account lock (and its
 * quick enrolment of a new phone).
 */

export interface PosLine {
  sku: string;
  quantity: number;
  unitPrice?: number;
}

export type CustomerRef = { id: string } | { phone: string; enrol?: boolean };

export interface EvaluateInput {
  storeCode: string;
  customer?: CustomerRef | null;
  lines: PosLine[];
  couponCodes?: string[];
  pointsToRedeem?: number;
  occurredAt?: Date;
}

export interface PosCaller {
  /** The stores the caller may act for (null: all). */
  scope: readonly string[] | null;
  source: AuditSource;
  locale: Locale;
}

export interface PreparedLine {
  lineNo: number;
  /** The catalog SKU (a scanned barcode is replaced by its product's SKU), or the SKU as sent for an ad-hoc line. */
  sku: string;
  productId: string | null;
  productName: string | null;
  quantity: number;
  unitPrice: number;
  adhoc: boolean;
}

export interface Prepared {
  config: OrgLoyaltyConfig;
  timeZone: string;
  currency: string;
  store: { id: string; code: string; brandId: string | null };
  program: ProgramConfig | null;
  customer: CustomerRow | null;
  /** A phone that matched nobody (evaluate: the basket is anonymous; the till may enrol). */
  unknownPhone: string | null;
  /** The commit's locked account carries the rolling tier metric before this receipt. */
  account: (AccountRow & { metric?: number }) | null;
  birthdayThisMonth: boolean;
  /** 'YYYY-MM' of the basket time in the org calendar */
  month: string;
  lines: PreparedLine[];
  basket: Basket;
  unknownSku: 'reject' | 'adhoc';
  /** The catalog products of the lines, by the SKU or barcode sent. */
  products: Map<string, ProductRef>;
  codes: string[];
  coupons: Map<string, LoadedCoupon>;
  progress: Map<string, Progress>;
}

const unknownCustomer = () => new Problem(422, 'unknown_customer', 'loyalty.unknown_customer');

async function findCustomer(
  tx: Tx,
  ref: CustomerRef | null | undefined,
  opts: { commit: boolean; caller: PosCaller; storeId: string },
): Promise<{ row: CustomerRow | null; unknownPhone: string | null }> {
  if (!ref) return { row: null, unknownPhone: null };
  if ('id' in ref) {
    let row: CustomerRow;
    try {
      row = await getCustomerRow(tx, ref.id.toLowerCase());
      // A till may still hold a merged customer's id: follow it to the survivor.
      if (row.status === 'merged') row = await getCustomerRow(tx, await resolveCustomerId(tx, row.id));
    } catch {
      throw unknownCustomer();
    }
    if (row.status !== 'active') throw unknownCustomer();
    return { row, unknownPhone: null };
  }
  const phone = customerPhone(ref.phone, '/customer/phone');
  try {
    const row = await lookupCustomer(tx, { kind: 'phone', value: phone });
    if (row.status === 'active') return { row, unknownPhone: null };
  } catch (err) {
    if (!(err instanceof Problem) || err.status !== 404) throw err;
  }
  if (!opts.commit) return { row: null, unknownPhone: phone };
  if (!ref.enrol) throw unknownCustomer();
  const { customer } = await upsertCustomer(tx, opts.caller.source, { phone, createdVia: 'pos', storeId: opts.storeId }, opts.caller.scope);
  return { row: customer, unknownPhone: null };
}

/** The definitions, the customer's program and account (locked by the commit) and stamp progress. */
async function loyaltyState(
  tx: Tx,
  customer: CustomerRow | null,
  brandId: string | null,
  timeZone: string,
  commit: boolean,
): Promise<{
  config: OrgLoyaltyConfig;
  program: ProgramConfig | null;
  account: (AccountRow & { metric?: number }) | null;
  progress: Map<string, Progress>;
}> {
  // Evaluate: the config check, account and stamps in one round trip.
  if (customer && !commit) return customerState(tx, brandId, customer.id);
  // The commit locks the account (created if missing) until it ends, with the rolling metric the
  // tier upgrade check needs; the stamp progress of the cards this basket stamps is locked and read
  // by the commit itself.
  if (customer) return { ...(await lockedState(tx, brandId, customer.id, timeZone)), progress: new Map() };
  const config = await loadConfig(tx);
  return { config, program: programFor(config, brandId), account: null, progress: new Map() };
}

/** Resolves everything a basket needs; the commit locks the customer's account. */
export async function prepareBasket(tx: Tx, input: EvaluateInput, caller: PosCaller, opts: { commit: boolean }): Promise<Prepared> {
  const { timezone: timeZone, currency } = await orgClock(tx);
  const store = await storeByCode(tx, input.storeCode.trim());
  if (!store) throw new Problem(422, 'unknown_store', 'loyalty.unknown_store', { code: input.storeCode.slice(0, 60) });
  if (caller.scope && !caller.scope.includes(store.id)) throw new Problem(403, 'store_not_allowed', 'loyalty.store_not_allowed');
  // Products: a scanned barcode resolves to its product as well as a SKU does.
  const skus = input.lines.map((l) => l.sku.trim());
  const codes = presentedCodes(input.couponCodes);
  // Independent reads go to the server together: the customer and the products, then the
  // customer's loyalty state and the presented coupons.
  const [{ row: customer, unknownPhone }, products] = await tx.together(
    () => findCustomer(tx, input.customer, { commit: opts.commit, caller, storeId: store.id }),
    () => resolveProducts(tx, skus),
  );
  const [{ config, program, account, progress }, coupons] = await tx.together(
    () => loyaltyState(tx, customer, store.brandId, timeZone, opts.commit),
    () => loadCoupons(tx, codes, customer?.id ?? null),
  );

  const at = input.occurredAt ?? new Date();
  const local = localTime(at, timeZone);
  const month = local.date.slice(0, 7);
  const birthdayThisMonth = customer?.birthMonth != null && customer.birthMonth === Number(local.date.slice(5, 7));

  const unknown = [...new Set(skus.filter((s) => !products.has(s)))];
  let unknownSku: 'reject' | 'adhoc' = 'reject';
  if (unknown.length > 0) {
    unknownSku = (await getSettings(tx)).unknownSku;
    if (unknownSku === 'reject') {
      throw new Problem(422, 'unknown_sku', 'loyalty.unknown_sku', { skus: unknown.slice(0, 20).join(', ') }, { skus: unknown });
    }
  }
  const lines: PreparedLine[] = [];
  const basketLines: BasketLine[] = [];
  const unpriced: string[] = [];
  input.lines.forEach((l, i) => {
    const sku = l.sku.trim();
    const p: ProductRef | undefined = products.get(sku);
    const unitPrice = l.unitPrice ?? p?.listPrice ?? null;
    if (unitPrice === null) {
      unpriced.push(sku);
      return;
    }
    lines.push({
      lineNo: i + 1,
      sku: p?.sku ?? sku,
      productId: p?.id ?? null,
      productName: p?.name ?? null,
      quantity: l.quantity,
      unitPrice,
      adhoc: !p,
    });
    basketLines.push({
      lineId: String(i + 1),
      sku: p?.sku ?? sku,
      categoryPath: p?.categoryPath ?? [],
      brand: p?.brand ?? null,
      quantity: l.quantity,
      unitPrice,
    });
  });
  if (unpriced.length > 0) {
    throw new Problem(
      422,
      'unit_price_required',
      'loyalty.unit_price_required',
      { skus: [...new Set(unpriced)].slice(0, 20).join(', ') },
      { skus: unpriced },
    );
  }

  const basket: Basket = {
    lines: basketLines,
    storeCode: store.code,
    channel: 'store',
    at,
    timeZone,
    customer: customer
      ? { id: customer.id, tierCode: account?.tierCode ?? null, tags: customer.tags, birthdayThisMonth, segments: [] }
      : null,
  };
  return {
    config,
    timeZone,
    currency,
    store,
    program,
    customer,
    unknownPhone,
    account,
    birthdayThisMonth,
    month,
    lines,
    basket,
    unknownSku,
    products,
    codes,
    coupons,
    progress,
  };
}

export type CouponStatus =
  | 'ok'
  | 'not_found'
  | 'same_campaign'
  | 'not_applied'
  | 'coupon_inactive'
  | 'not_started'
  | 'expired'
  | 'customer_required'
  | 'not_your_coupon'
  | 'coupon_already_used'
  | 'usage_limit_reached'
  | 'already_used_by_customer'
  | 'minimum_basket_not_met';

export interface CouponResult {
  code: string;
  status: CouponStatus;
  /** why a valid coupon's promotion did not apply (an engine promotion reason) */
  reason?: string;
  message?: string;
  label?: string;
  discount: number;
  campaignId: string | null;
}

export interface Evaluation {
  result: PromotionResult;
  coupons: CouponResult[];
  /** coupons whose promotion applied: what the commit redeems */
  used: { loaded: LoadedCoupon; discount: number }[];
  tier: Tier | null;
  /** points the till asked to redeem */
  requested: number;
  redemption: RedemptionValidation | null;
  redemptionReason: string | null;
  pointsRedeemed: number;
  pointsValue: number;
  redeemable: { maxPoints: number; value: number };
  earn: EarnResult | null;
  bonus: { source: string; label: string; points: number }[];
  birthdayGift: { points: number; coupon: IssuedCoupon | null } | null;
  bottomCoupons: { ruleId: string; ruleCode: string; coupon: IssuedCoupon }[];
  stamps: { cardId: string; code: string; name: string; stampsNeeded: number; before: Progress; result: StampResult }[];
}

/** Runs the engine on a prepared basket: deterministic, no I/O. */
export function evaluateBasket(p: Prepared, input: EvaluateInput, locale: Locale): Evaluation {
  const coupons: CouponResult[] = [];
  const valid: LoadedCoupon[] = [];
  const campaigns = new Set<string>();
  for (const code of p.codes) {
    const loaded = p.coupons.get(code);
    const base = { code, discount: 0, campaignId: loaded?.campaign?.id ?? null };
    if (!loaded) {
      coupons.push({ ...base, status: 'not_found', message: t(locale, 'loyalty.reason.not_found') });
      continue;
    }
    const label = loaded.coupon.effect.label;
    if (loaded.campaign && campaigns.has(loaded.campaign.id)) {
      coupons.push({ ...base, label, status: 'same_campaign', message: t(locale, 'loyalty.reason.same_campaign') });
      continue;
    }
    const check = validateCoupon(loaded.coupon, p.basket, { totalUses: loaded.row.uses, customerUses: loaded.customerUses });
    if (!check.ok) {
      coupons.push({ ...base, label, status: check.reason, message: t(locale, reasonKey(check.reason)) });
      continue;
    }
    if (loaded.campaign) campaigns.add(loaded.campaign.id);
    valid.push(loaded);
  }
  const couponPromotion = (c: LoadedCoupon): Promotion =>
    ({
      ...c.coupon.effect,
      id: `coupon:${c.code}`,
      conditions: { ...c.coupon.effect.conditions, couponCodes: [c.code] },
    }) as Promotion;
  const promotions = [...promotionsFor(p.config, p.store.brandId), ...valid.map(couponPromotion)];
  const result = evaluatePromotions(p.basket, promotions, { couponCodes: valid.map((c) => c.code) });

  const used: Evaluation['used'] = [];
  for (const c of valid) {
    const id = `coupon:${c.code}`;
    const discount = result.lines.reduce((s, l) => s + l.reasons.filter((r) => r.promotionId === id).reduce((a, r) => a + r.amount, 0), 0);
    const applied = result.applied.includes(id);
    if (applied) {
      used.push({ loaded: c, discount });
      coupons.push({ code: c.code, status: 'ok', label: c.coupon.effect.label, discount, campaignId: c.campaign?.id ?? null });
    } else {
      const why = result.rejected.find((r) => r.promotionId === id);
      coupons.push({
        code: c.code,
        status: 'not_applied',
        label: c.coupon.effect.label,
        discount: 0,
        campaignId: c.campaign?.id ?? null,
        ...(why ? { reason: why.reason, message: t(locale, reasonKey(why.reason), why.params ?? {}) } : {}),
      });
    }
  }
  coupons.sort((a, b) => p.codes.indexOf(a.code) - p.codes.indexOf(b.code));

  const program = p.program;
  const customer = p.customer;
  let tier: Tier | null = null;
  let redemption: RedemptionValidation | null = null;
  let redemptionReason: string | null = null;
  let earn: EarnResult | null = null;
  let redeemableNow = { maxPoints: 0, value: 0 };
  const bonus: Evaluation['bonus'] = [];
  let birthdayGift: Evaluation['birthdayGift'] = null;
  const requested = input.pointsToRedeem ?? 0;
  if (program && customer) {
    const balance = p.account?.balance ?? 0;
    tier = program.tiers?.tiers.find((x) => x.code === p.account?.tierCode) ?? null;
    redeemableNow = redeemable(program.definition, balance, result.total);
    if (requested > 0) {
      redemption = validateRedemption(program.definition, balance, result.total, requested);
      if (!redemption.ok) redemptionReason = redemption.reason;
    }
    const redeemed = redemption?.ok ? redemption.points : 0;
    const granted = p.account?.birthdayBonusMonth === p.month;
    earn = computeEarn(program.definition, p.basket, result.lines, redeemed, tier, { birthdayBonusGranted: granted });
    for (const b of result.bonusPoints) {
      const promo = promotions.find((x) => x.id === b.promotionId);
      bonus.push({ source: b.promotionId, label: promo?.label ?? b.promotionId, points: b.points });
    }
    const gift = tier?.benefits?.birthdayGift;
    if (gift && p.birthdayThisMonth && !granted) {
      birthdayGift = {
        points: gift.points ?? 0,
        coupon: gift.coupon ? materializeCoupon(gift.coupon, p.basket.at, p.timeZone, customer.id) : null,
      };
      if (gift.points) bonus.push({ source: `tier:${tier!.code}`, label: t(locale, 'loyalty.birthday_gift'), points: gift.points });
    }
  } else if (requested > 0) {
    redemptionReason = customer ? 'no_program' : 'customer_required';
  }
  const pointsRedeemed = redemption?.ok ? redemption.points : 0;
  const value = redemption?.ok ? redemption.value : 0;

  const bottomCoupons = issueCoupons(
    p.config.rules.map((r) => r.definition),
    p.basket,
    { lineDiscounts: result.lines },
  ).map((b) => {
    const rule = p.config.rules.find((r) => r.definition.id === b.ruleId)!;
    return { ruleId: rule.id, ruleCode: rule.code, coupon: b.couponTemplate };
  });

  const stamps: Evaluation['stamps'] = [];
  if (customer) {
    for (const card of p.config.stampCards) {
      const before = p.progress.get(card.id) ?? { stamps: 0, totalStamps: 0, rewards: 0 };
      const r = applyStamps(card.definition, before, p.basket, { lineDiscounts: result.lines });
      stamps.push({
        cardId: card.id,
        code: card.code,
        name: card.definition.name,
        stampsNeeded: card.definition.stampsNeeded,
        before,
        result: r,
      });
    }
  }
  return {
    result,
    coupons,
    used,
    tier,
    requested,
    redemption,
    redemptionReason,
    pointsRedeemed,
    pointsValue: value,
    redeemable: redeemableNow,
    earn,
    bonus,
    birthdayGift,
    bottomCoupons,
    stamps,
  };
}

/** The evaluation as the API answers it (evaluate, and the lines/totals part of the commit). */
export function evaluationView(p: Prepared, e: Evaluation, locale: Locale) {
  const program = p.program;
  const totalBonus = e.bonus.reduce((s, b) => s + b.points, 0);
  return {
    storeCode: p.store.code,
    currency: p.currency,
    customer: p.customer
      ? {
          id: p.customer.id,
          tier: e.tier ? { code: e.tier.code, name: e.tier.name ?? e.tier.code } : null,
          pointsBalance: p.account?.balance ?? 0,
          birthdayThisMonth: p.birthdayThisMonth,
        }
      : null,
    unknownPhone: p.unknownPhone,
    lines: p.lines.map((l, i) => {
      const r = e.result.lines[i];
      return {
        lineNo: l.lineNo,
        sku: l.sku,
        productName: l.productName,
        adhoc: l.adhoc,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        amount: r.amount,
        discount: r.discount,
        net: r.net,
        reasons: r.reasons,
      };
    }),
    subtotal: e.result.subtotal,
    totalDiscount: e.result.totalDiscount,
    total: e.result.total,
    pointsPayment: e.pointsValue,
    payable: e.result.total - e.pointsValue,
    promotions: {
      applied: e.result.applied,
      rejected: e.result.rejected.map((r) => ({ ...r, message: t(locale, reasonKey(r.reason), r.params ?? {}) })),
    },
    coupons: e.coupons,
    points: {
      program: program ? { id: program.id, name: program.name } : null,
      balance: p.account?.balance ?? 0,
      toEarn: (e.earn?.points ?? 0) + totalBonus,
      earn: e.earn
        ? {
            points: e.earn.points,
            earnableAmount: e.earn.earnableAmount,
            breakdown: e.earn.breakdown.map((b) => ({ ...b, label: t(locale, earnSourceKey(b.source)) })),
            ...(e.earn.reason ? { reason: e.earn.reason, message: t(locale, reasonKey(e.earn.reason)) } : {}),
          }
        : null,
      bonus: e.bonus,
      redeemable: e.redeemable,
      redemption:
        e.requested > 0
          ? {
              points: e.redemption?.ok ? e.redemption.points : 0,
              value: e.pointsValue,
              ok: e.redemption?.ok ?? false,
              ...(e.redemptionReason
                ? {
                    reason: e.redemptionReason,
                    message: t(locale, redemptionKey(e.redemptionReason), {
                      maxPoints: e.redemption && !e.redemption.ok ? e.redemption.maxPoints : 0,
                      minPoints: e.redemption && !e.redemption.ok ? (e.redemption.minPoints ?? 0) : 0,
                    }),
                  }
                : {}),
            }
          : null,
      valueOfBalance: program ? pointsValue(program.definition, p.account?.balance ?? 0) : 0,
    },
    bottomCoupons: e.bottomCoupons.map((b) => ({
      ruleId: b.ruleId,
      ruleCode: b.ruleCode,
      label: b.coupon.effect.label,
      validFrom: b.coupon.validFrom,
      validUntil: b.coupon.validUntil,
    })),
    stamps: e.stamps.map((s) => ({
      cardId: s.cardId,
      code: s.code,
      name: s.name,
      stampsNeeded: s.stampsNeeded,
      stampsAdded: s.result.stampsAdded,
      stamps: s.result.newProgress.stamps,
      rewardsEarned: s.result.rewardsEarned,
    })),
  };
}

function redemptionKey(reason: string) {
  if (reason === 'no_program') return 'loyalty.reason.no_program' as const;
  return reasonKey(reason as Parameters<typeof reasonKey>[0]);
}
