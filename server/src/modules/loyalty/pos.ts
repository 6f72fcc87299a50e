import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { type EventInput, emitEvents } from '../../platform/events/bus';
import { invalidField, notFound, Problem } from '../../platform/http/problem';
import { isUuid } from '../../platform/ids';
import { allocate } from '../../platform/money';
import { maskPhone } from '../../platform/phone';
import { customerPhone, normalizeCard } from '../customers/identities';
import { type CustomerRow, getCustomerRow, lookupCustomer, resolveCustomerId } from '../customers/service';
import {
  findReceipt,
  getReceipt,
  getReturn,
  type Receipt,
  type Return,
  recordReceiptAtKnownStore,
  recordReturn,
  returnsOf,
} from '../sales/service';
import {
  type EvaluateInput,
  type Evaluation,
  evaluateBasket,
  evaluationView,
  type PosCaller,
  type Prepared,
  prepareBasket,
} from './basket';
import { loadConfig, orgClock, type ProgramConfig, storeByCode, storeById, toProgramConfig } from './config';
import { couponText, type IssueRequest, issueCodes, redeemCoupons, undoReceiptCoupons, usableCoupons } from './coupons';
import { getProgramRow } from './definitions';
import { applyStamps, type Basket, evaluateTier, pointsValue, type RedemptionRejectReason, reasonKey } from './engine';
import { localTime } from './engine/time';
import { type Actor, appendEntries, creditExpiry, entriesOfReceipt, lockAccount, type NewEntry, readAccount, tierMetric } from './ledger';
import { couponCodes, couponRedemptions } from './schema';
import { progressOf, receiptStamps, saveProgress, stampsTakenFor } from './stamps';
import { customerState } from './state';

/**
 * The POS API's services: identify, commit (a receipt with its loyalty effects in one
 * transaction) and refund. Evaluate is `prepareBasket` + `evaluateBasket` (basket.ts).
 */

export interface Caller extends PosCaller {
  actor?: Actor;
}

// --- identify ---------------------------------------------------------------------------------

export interface IdentifyInput {
  phone?: string;
  cardNumber?: string;
  customerId?: string;
  claimQr?: string;
  storeCode?: string;
}

/** The QR a till prints for a claim code: it carries the receipt id, so the code is checked against it. */
export const claimQr = (code: string, receiptId: string) => `MUHTAR:CLAIM:${code}:${receiptId}`;

function parseClaimQr(text: string): { code: string; receiptId: string } | null {
  const m = /([0-9A-Za-z]{6,20})[:/?&=._-]+([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})/.exec(text.trim());
  if (m && isUuid(m[2])) return { code: m[1].toUpperCase(), receiptId: m[2].toLowerCase() };
  const r = /([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})[:/?&=._-]+([0-9A-Za-z]{6,20})/.exec(text.trim());
  if (r && isUuid(r[1])) return { code: r[2].toUpperCase(), receiptId: r[1].toLowerCase() };
  return null;
}

type NotFound = { found: false; enrolHint: { phone: string | null; quickEnrol: true; claimCode?: string } };

async function live(tx: Tx, id: string): Promise<CustomerRow | null> {
  try {
    const row = await getCustomerRow(tx, id);
    if (row.status === 'merged') return await getCustomerRow(tx, await resolveCustomerId(tx, id));
    return row.status === 'active' ? row : null;
  } catch (err) {
    if (err instanceof Problem && err.status === 404) return null;
    throw err;
  }
}

async function byIdentity(tx: Tx, kind: 'phone' | 'card', value: string): Promise<CustomerRow | null> {
  try {
    const row = await lookupCustomer(tx, { kind, value });
    return row.status === 'active' ? row : null;
  } catch (err) {
    if (err instanceof Problem && err.status === 404) return null;
    throw err;
  }
}

/** Who is at the till: a customer summary, or "not found" with a quick-enrol hint (never a 404). */
export async function identify(tx: Tx, input: IdentifyInput, caller: Caller) {
  let row: CustomerRow | null = null;
  let miss: NotFound = { found: false, enrolHint: { phone: null, quickEnrol: true } };
  if (input.phone !== undefined) {
    const phone = customerPhone(input.phone);
    row = await byIdentity(tx, 'phone', phone);
    miss = { found: false, enrolHint: { phone, quickEnrol: true } };
  } else if (input.cardNumber !== undefined) {
    const card = normalizeCard(input.cardNumber);
    if (!card) throw invalidField('/cardNumber', 'invalid_card', 'loyalty.invalid_card');
    row = await byIdentity(tx, 'card', card);
  } else if (input.customerId !== undefined) {
    row = isUuid(input.customerId) ? await live(tx, input.customerId.toLowerCase()) : null;
  } else if (input.claimQr !== undefined) {
    const qr = parseClaimQr(input.claimQr);
    if (!qr) throw invalidField('/claimQr', 'invalid_claim_qr', 'loyalty.invalid_claim_qr');
    const receipt = await getReceipt(tx, qr.receiptId);
    if (receipt && receipt.claimCode === qr.code) {
      if (receipt.customerId) row = await live(tx, receipt.customerId);
      else miss = { found: false, enrolHint: { phone: null, quickEnrol: true, claimCode: qr.code } };
    }
  }
  if (!row) return miss;
  return { found: true as const, customer: await customerSummary(tx, row, input.storeCode, caller) };
}

async function customerSummary(tx: Tx, row: CustomerRow, storeCode: string | undefined, caller: Caller) {
  const { timezone } = await orgClock(tx);
  let brandId: string | null = null;
  if (storeCode) {
    const store = await storeByCode(tx, storeCode.trim());
    if (!store) throw new Problem(422, 'unknown_store', 'loyalty.unknown_store', { code: storeCode.slice(0, 60) });
    if (caller.scope && !caller.scope.includes(store.id)) throw new Problem(403, 'store_not_allowed', 'loyalty.store_not_allowed');
    brandId = store.brandId;
  } else if (caller.scope?.length === 1) {
    brandId = (await storeById(tx, caller.scope[0])).brandId;
  }
  const today = localTime(new Date(), timezone).date;
  const [{ config, program, account, progress }, coupons] = await tx.together(
    () => customerState(tx, brandId, row.id),
    () => usableCoupons(tx, row.id, today),
  );
  const tier = program?.tiers?.tiers.find((t) => t.code === account?.tierCode) ?? null;
  const balance = account?.balance ?? 0;
  return {
    id: row.id,
    name: [row.firstName, row.lastName].filter(Boolean).join(' ') || null,
    maskedPhone: row.phone ? maskPhone(row.phone) : null,
    tier: tier ? { code: tier.code, name: tier.name ?? tier.code } : null,
    program: program ? { id: program.id, name: program.name } : null,
    pointsBalance: balance,
    pointsValue: program ? pointsValue(program.definition, balance) : 0,
    stampCards: config.stampCards.map((c) => ({
      cardId: c.id,
      code: c.code,
      name: c.definition.name,
      stamps: progress.get(c.id)?.stamps ?? 0,
      stampsNeeded: c.definition.stampsNeeded,
    })),
    usableCoupons: coupons,
    birthdayThisMonth: row.birthMonth !== null && row.birthMonth === Number(today.slice(5, 7)),
  };
}

// --- commit -----------------------------------------------------------------------------------

export interface CommitInput extends EvaluateInput {
  receiptNumber: string;
  register?: string;
  cashierCode?: string;
  occurredAt: Date;
  /** What the customer paid, without points (the points payment is added from pointsToRedeem). */
  payments: { method: 'cash' | 'card' | 'voucher' | 'other'; amount: number }[];
}

/** Why a commit cannot go ahead as the till sent it (coupons and points are checked strictly). */
function commitFailure(e: Evaluation, p: Prepared): Problem | null {
  for (const c of e.coupons) {
    if (c.status === 'ok' || c.status === 'not_applied') continue;
    const extra = { couponCode: c.code, reason: c.status };
    switch (c.status) {
      case 'coupon_already_used':
        return new Problem(409, 'COUPON_ALREADY_USED', 'loyalty.coupon_already_used', { code: c.code }, extra);
      case 'usage_limit_reached':
        return new Problem(409, 'COUPON_USAGE_LIMIT_REACHED', 'loyalty.coupon_usage_limit', { code: c.code }, extra);
      case 'already_used_by_customer':
        return new Problem(409, 'COUPON_ALREADY_USED_BY_CUSTOMER', 'loyalty.coupon_used_by_customer', { code: c.code }, extra);
      case 'not_found':
        return new Problem(422, 'coupon_not_found', 'loyalty.coupon_not_found', { code: c.code }, extra);
      case 'same_campaign':
        return new Problem(422, 'coupon_invalid', 'loyalty.reason.same_campaign', { code: c.code }, extra);
      default:
        return new Problem(422, 'coupon_invalid', reasonKey(c.status), { code: c.code }, extra);
    }
  }
  if (e.requested > 0 && !e.redemption?.ok) {
    const reason = e.redemptionReason ?? 'invalid_points';
    if (reason === 'customer_required') return new Problem(422, 'customer_required', 'loyalty.customer_required');
    if (reason === 'no_program') return new Problem(422, 'no_program', 'loyalty.no_program');
    const maxPoints = e.redemption && !e.redemption.ok ? e.redemption.maxPoints : 0;
    if (reason === 'insufficient_points') {
      return new Problem(422, 'insufficient_points', 'loyalty.insufficient_points', { balance: p.account?.balance ?? 0 }, { maxPoints });
    }
    const minPoints = e.redemption && !e.redemption.ok ? e.redemption.minPoints : undefined;
    return new Problem(
      422,
      'points_redemption_invalid',
      reasonKey(reason as RedemptionRejectReason),
      { maxPoints, minPoints: minPoints ?? 0 },
      { reason, maxPoints, ...(minPoints !== undefined ? { minPoints } : {}) },
    );
  }
  return null;
}

const eventActor = (a?: Actor) => (a ? { type: a.type, id: a.id } : undefined);

/**
 * The POS commit: re-evaluates the basket (client discounts are never trusted), then in the
 * caller's transaction records the receipt through the sales module (source 'pos', line discounts
 * with their reasons, payments plus the points payment), redeems coupons race-free, writes the burn,
 * earn and bonus entries, moves stamps, issues receipt-bottom and reward coupons, upgrades the tier
 * and emits the events. A repeat of a receipt already recorded (same store and number, same
 * content) answers what that receipt got and changes nothing.
 */
export async function commitReceipt(tx: Tx, input: CommitInput, caller: Caller) {
  const p = await prepareBasket(tx, input, caller, { commit: true });
  const e = evaluateBasket(p, input, caller.locale);
  const failure = commitFailure(e, p);
  if (failure) {
    // A repeat of a receipt that was recorded (its coupon is used now, its points spent): answer it.
    const earlier = await findReceipt(tx, p.store.id, input.receiptNumber.trim());
    if (earlier) {
      if (!sameSale(earlier, p))
        throw new Problem(409, 'receipt_number_conflict', 'sales.receipt_number_conflict', { receiptNumber: earlier.receiptNumber });
      return committedView(tx, p, earlier, caller, true);
    }
    throw failure;
  }
  const customer = p.customer;
  const program = p.program;
  const { receipt, created } = await recordReceiptAtKnownStore(
    tx,
    {
      storeId: p.store.id,
      register: input.register,
      cashierCode: input.cashierCode,
      receiptNumber: input.receiptNumber,
      occurredAt: input.occurredAt,
      customerId: customer?.id ?? null,
      currency: p.currency,
      source: 'pos',
      lines: p.lines.map((l, i) => ({
        sku: l.sku,
        productName: l.productName ?? l.sku,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        discounts: e.result.lines[i].reasons.map((r) => ({ ruleId: r.promotionId, label: r.label, amount: r.amount })),
      })),
      payments: [...input.payments, ...(e.pointsValue > 0 ? [{ method: 'points', amount: e.pointsValue }] : [])],
    },
    {
      unknownSku: p.unknownSku,
      scope: caller.scope,
      actor: eventActor(caller.actor),
      // What the evaluation just read: the customer (live, merges followed) and the products by catalog SKU.
      customerChecked: true,
      products: new Map([...p.products.values()].map((product) => [product.sku, product])),
    },
  );
  if (!created) return committedView(tx, p, receipt, caller, true);

  const now = new Date();
  const events: EventInput[] = [];
  const on = (type: string, payload: Record<string, unknown>) =>
    events.push({
      type,
      subjectType: 'receipt',
      subjectId: receipt.id,
      customerId: customer?.id,
      actor: eventActor(caller.actor),
      payload: { receiptId: receipt.id, ...payload },
    });

  await redeemCoupons(
    tx,
    e.used.map((u) => ({
      code: u.loaded.code,
      campaignId: u.loaded.campaign?.id ?? null,
      kind: u.loaded.coupon.kind,
      onePerCustomer: u.loaded.coupon.onePerCustomer === true,
      discount: u.discount,
    })),
    receipt.id,
    customer?.id ?? null,
    now,
  );
  for (const u of e.used) on('coupon.redeemed', { code: u.loaded.code, campaignId: u.loaded.campaign?.id ?? null, discount: u.discount });

  let points: { earned: number; bonus: number; redeemed: number; balance: number } | null = null;
  let tier: { code: string | null; name: string | null; changed: boolean; previous: string | null } | null = null;
  if (program && customer && p.account) {
    const earnPoints = e.earn?.points ?? 0;
    const bonusPoints = e.bonus.reduce((s, b) => s + b.points, 0);
    const expiresAt = creditExpiry(program, now, p.timeZone);
    const entries: NewEntry[] = [];
    if (e.pointsRedeemed > 0) entries.push({ kind: 'burn', points: -e.pointsRedeemed, receiptId: receipt.id });
    entries.push({ kind: 'earn', points: earnPoints, receiptId: receipt.id, qualifyingAmount: receipt.total, expiresAt });
    if (bonusPoints > 0) {
      entries.push({
        kind: 'bonus',
        points: bonusPoints,
        receiptId: receipt.id,
        expiresAt,
        reason: e.bonus
          .map((b) => b.source)
          .join(', ')
          .slice(0, 500),
      });
    }
    const account: Parameters<typeof appendEntries>[4]['account'] = {};
    let tierCode = p.account.tierCode;
    const top = program.tiers ? [...program.tiers.tiers].sort((a, b) => b.threshold - a.threshold)[0] : null;
    if (program.tiers && top && p.account.tierCode !== top.code) {
      const before = p.account.metric ?? (await tierMetric(tx, program.id, customer.id, program.tiers, now, p.timeZone));
      const metric = before + (program.tiers.metric === 'spend' ? receipt.total : earnPoints + bonusPoints);
      const verdict = evaluateTier(program.tiers.tiers, metric, p.account.tierCode, { review: false });
      if (verdict.change === 'upgrade') {
        account.tierCode = verdict.tierCode;
        account.tierSince = now;
        tierCode = verdict.tierCode;
        on('loyalty.tier_changed', { programId: program.id, from: p.account.tierCode, to: verdict.tierCode, change: 'upgrade', metric });
      }
    }
    const birthdayGiven =
      (program.definition.birthday?.type === 'points' && e.earn?.breakdown.some((b) => b.source === 'birthday')) || e.birthdayGift !== null;
    if (birthdayGiven) account.birthdayBonusMonth = p.month;
    const { balance } = await appendEntries(tx, program.id, customer.id, entries, { at: now, actor: caller.actor, account });
    points = { earned: earnPoints, bonus: bonusPoints, redeemed: e.pointsRedeemed, balance };
    if (e.pointsRedeemed > 0)
      on('loyalty.points_redeemed', { programId: program.id, points: e.pointsRedeemed, value: e.pointsValue, balance });
    if (earnPoints + bonusPoints > 0)
      on('loyalty.points_earned', {
        programId: program.id,
        points: earnPoints + bonusPoints,
        earn: earnPoints,
        bonus: bonusPoints,
        balance,
      });
    const t = program.tiers?.tiers.find((x) => x.code === tierCode) ?? null;
    tier = { code: tierCode, name: t ? (t.name ?? t.code) : null, changed: tierCode !== p.account.tierCode, previous: p.account.tierCode };
  }

  // Stamps, and the coupons this receipt gives: receipt-bottom rules, stamp rewards, a tier's birthday gift.
  const requests: (IssueRequest & { label: string })[] = e.bottomCoupons.map((b) => ({
    source: 'receipt_rule',
    sourceId: b.ruleId,
    customerId: b.coupon.customerId ?? null,
    receiptId: receipt.id,
    coupon: b.coupon,
    label: b.coupon.effect.label,
  }));
  if (customer) {
    // Which cards this basket stamps does not depend on progress: lock and read only theirs.
    const stamping = e.stamps.filter((s) => s.result.stampsAdded > 0);
    if (stamping.length > 0) {
      const locked = await progressOf(
        tx,
        customer.id,
        stamping.map((s) => s.cardId),
        true,
      );
      for (const s of stamping) {
        const card = p.config.stampCards.find((c) => c.id === s.cardId)!;
        s.before = locked.get(s.cardId)!;
        s.result = applyStamps(card.definition, s.before, p.basket, { lineDiscounts: e.result.lines });
      }
    }
    const changes = e.stamps
      .filter((s) => s.result.stampsAdded > 0)
      .map((s) => ({ cardId: s.cardId, stamps: s.result.stampsAdded, rewards: s.result.rewardsEarned, progress: s.result.newProgress }));
    await saveProgress(tx, customer.id, changes, { source: 'receipt', receiptId: receipt.id, at: now, actor: caller.actor });
    for (const s of e.stamps) {
      if (s.result.stampsAdded === 0) continue;
      on('stamp.added', {
        cardId: s.cardId,
        stamps: s.result.stampsAdded,
        progress: s.result.newProgress.stamps,
        stampsNeeded: s.stampsNeeded,
      });
      for (const reward of s.result.rewards) {
        requests.push({
          source: 'stamp_card',
          sourceId: s.cardId,
          customerId: customer.id,
          receiptId: receipt.id,
          coupon: reward,
          label: reward.effect.label,
        });
      }
    }
    if (e.birthdayGift?.coupon) {
      requests.push({
        source: 'tier_gift',
        sourceId: null,
        customerId: customer.id,
        receiptId: receipt.id,
        coupon: e.birthdayGift.coupon,
        label: e.birthdayGift.coupon.effect.label,
      });
    }
  }
  const codes = await issueCodes(tx, requests, now);
  const toPrint = requests.map((r, i) => ({
    code: codes[i],
    label: r.label,
    text: couponText(r.label, r.coupon?.validUntil, caller.locale),
    validFrom: r.coupon?.validFrom ?? null,
    validUntil: r.coupon?.validUntil ?? null,
    source: r.source,
  }));
  requests.forEach((r, i) => {
    const type = r.source === 'stamp_card' ? 'stamp.reward_issued' : 'coupon.issued';
    on(type, {
      code: codes[i],
      source: r.source,
      sourceId: r.sourceId,
      validUntil: r.coupon?.validUntil ?? null,
      ...(r.source === 'stamp_card' ? { cardId: r.sourceId } : {}),
    });
  });
  await emitEvents(tx, events);

  const view = evaluationView(p, e, caller.locale);
  return {
    receiptId: receipt.id,
    receiptNumber: receipt.receiptNumber,
    storeCode: p.store.code,
    occurredAt: receipt.occurredAt,
    replayed: false,
    customerId: customer?.id ?? null,
    lines: view.lines,
    subtotal: receipt.subtotal,
    totalDiscount: receipt.discountTotal,
    total: receipt.total,
    pointsPayment: e.pointsValue,
    payable: receipt.total - e.pointsValue,
    coupons: view.coupons,
    points: points ? { programId: program!.id, ...points, breakdown: view.points.earn?.breakdown ?? [] } : null,
    tier,
    couponsRedeemed: e.used.map((u) => u.loaded.code),
    couponsToPrint: toPrint,
    stamps: view.stamps.filter((s) => s.stampsAdded > 0),
    claim: receipt.claimCode
      ? { code: receipt.claimCode, qr: claimQr(receipt.claimCode, receipt.id), expiresAt: receipt.claimExpiresAt }
      : null,
  };
}

/** The recorded receipt has this basket's customer and lines (the till repeats itself). */
function sameSale(r: Receipt, p: Prepared): boolean {
  const key = (sku: string | null, quantity: number, unitPrice: number) => `${sku}|${Math.round(quantity * 1000)}|${unitPrice}`;
  const recorded = r.lines.map((l) => key(l.sku, l.quantity, l.unitPrice)).sort();
  const sent = p.lines.map((l) => key(l.sku, l.quantity, l.unitPrice)).sort();
  return r.customerId === (p.customer?.id ?? null) && recorded.join('\n') === sent.join('\n');
}

/** What an already recorded receipt got (a repeat of the commit by its natural key). */
async function committedView(tx: Tx, p: Prepared, receipt: Receipt, caller: Caller, replayed: boolean) {
  const entries = await entriesOfReceipt(tx, receipt.id);
  const sum = (kinds: string[]) => entries.filter((x) => kinds.includes(x.kind)).reduce((s, x) => s + x.points, 0);
  const programId = entries[0]?.programId ?? null;
  const customerId = entries[0]?.customerId ?? receipt.customerId;
  const account = programId && customerId ? await readAccount(tx, programId, customerId) : null;
  const issued = await tx
    .select({
      code: couponCodes.code,
      definition: couponCodes.definition,
      source: couponCodes.source,
      validFrom: couponCodes.validFrom,
      validUntil: couponCodes.validUntil,
    })
    .from(couponCodes)
    .where(and(eq(couponCodes.orgId, tx.orgId!), eq(couponCodes.issuedReceiptId, receipt.id)));
  const redeemed = await tx
    .select({ code: couponRedemptions.code })
    .from(couponRedemptions)
    .where(and(eq(couponRedemptions.orgId, tx.orgId!), eq(couponRedemptions.receiptId, receipt.id)));
  const stamps = await receiptStamps(tx, receipt.id);
  const pointsPayment = receipt.payments.filter((x) => x.method === 'points').reduce((s, x) => s + x.amount, 0);
  const program = p.config.programs.find((x) => x.id === programId);
  const tier = program?.tiers?.tiers.find((x) => x.code === account?.tierCode) ?? null;
  return {
    receiptId: receipt.id,
    receiptNumber: receipt.receiptNumber,
    storeCode: p.store.code,
    occurredAt: receipt.occurredAt,
    replayed,
    customerId,
    lines: receipt.lines.map((l) => ({
      lineNo: l.lineNo,
      sku: l.sku ?? '',
      productName: l.productName,
      adhoc: l.productId === null,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      amount: l.lineTotal + l.lineDiscount,
      discount: l.lineDiscount,
      net: l.lineTotal,
      reasons: l.discounts.map((d) => ({ promotionId: d.ruleId, label: d.label, amount: d.amount })),
    })),
    subtotal: receipt.subtotal,
    totalDiscount: receipt.discountTotal,
    total: receipt.total,
    pointsPayment,
    payable: receipt.total - pointsPayment,
    coupons: [],
    points:
      programId && account
        ? { programId, earned: sum(['earn']), bonus: sum(['bonus']), redeemed: -sum(['burn']), balance: account.balance, breakdown: [] }
        : null,
    tier: account
      ? { code: account.tierCode, name: tier ? (tier.name ?? tier.code) : null, changed: false, previous: account.tierCode }
      : null,
    couponsRedeemed: redeemed.map((r) => r.code),
    couponsToPrint: issued.map((c) => {
      const label = (c.definition as { effect?: { label?: string } } | null)?.effect?.label ?? c.code;
      return {
        code: c.code,
        label,
        text: couponText(label, c.validUntil, caller.locale),
        validFrom: c.validFrom,
        validUntil: c.validUntil,
        source: c.source,
      };
    }),
    stamps: [...stamps.entries()].map(([cardId, n]) => {
      const card = p.config.stampCards.find((c) => c.id === cardId);
      return {
        cardId,
        code: card?.code ?? '',
        name: card?.definition.name ?? '',
        stampsNeeded: card?.definition.stampsNeeded ?? 0,
        stampsAdded: n,
        stamps: 0,
        rewardsEarned: 0,
      };
    }),
    claim: receipt.claimCode
      ? { code: receipt.claimCode, qr: claimQr(receipt.claimCode, receipt.id), expiresAt: receipt.claimExpiresAt }
      : null,
  };
}

// --- refund -----------------------------------------------------------------------------------

export interface RefundInput {
  lines?: { lineNo: number; quantity: number }[];
  reason?: string | null;
}

const milli = (q: number) => Math.round(q * 1000);

/** round(x × num / den), half up, in integers; x itself when den is 0 */
function share(x: number, num: number, den: number): number {
  if (den <= 0) return x;
  return Number((BigInt(x) * BigInt(num) * 2n + BigInt(den)) / (2n * BigInt(den)));
}

/**
 * Refunds a POS receipt, fully (no lines) or partly, through sales.recordReturn, and undoes its
 * loyalty effects in proportion to the refunded net amount (cumulative over the receipt's returns,
 * so several partial refunds end exactly where one full refund would):
 *  - earned points (earn and bonus lots) are reversed pro rata, split by largest remainder, never
 *    more than earned;
 *  - redeemed points are given back pro rata into the lots they came from (their expiry kept); the
 *    money part of the refund is the refund total minus their value;
 *  - if the customer already spent the points to reverse, the balance may not go negative: the
 *    shortfall is written off by an `adjust` entry (reason `refund_shortfall`, before the reversal),
 *    so the ledger shows both the full reversal and exactly what could not be recovered;
 *  - stamps the refunded units earned are taken back (never below zero; rewards already issued stay);
 *  - when the receipt is fully refunded, coupon uses are undone where the campaign says so and unused
 *    coupons the receipt issued are voided.
 */
export async function refundReceipt(tx: Tx, receiptId: string, input: RefundInput, caller: Caller) {
  const receipt = await getReceipt(tx, receiptId);
  if (!receipt) throw notFound();
  if (caller.scope && (!receipt.storeId || !caller.scope.includes(receipt.storeId))) {
    throw new Problem(403, 'store_not_allowed', 'loyalty.store_not_allowed');
  }
  const lines =
    input.lines ??
    receipt.lines
      .filter((l) => milli(l.quantity) > milli(l.returnedQuantity))
      .map((l) => ({ lineNo: l.lineNo, quantity: (milli(l.quantity) - milli(l.returnedQuantity)) / 1000 }));
  if (lines.length === 0) throw new Problem(422, 'nothing_to_refund', 'loyalty.nothing_to_refund');
  // The customer's account before the sales writes, as the commit takes them: a refund and a
  // commit of one customer lock in the same order (the return locks the customer's purchase facts).
  const [earned] = await entriesOfReceipt(tx, receiptId);
  if (earned) await lockAccount(tx, earned.programId, earned.customerId);
  const { ret } = await recordReturn(
    tx,
    { receiptId, lines, reason: input.reason ?? null },
    { scope: caller.scope, actor: eventActor(caller.actor) },
  );
  // getReceipt ran before the return: its returned quantities are those of earlier returns.
  const now = new Map<number, number>();
  for (const l of ret.lines) now.set(l.sourceLineNo, (now.get(l.sourceLineNo) ?? 0) + milli(l.quantity));
  const fully = receipt.lines.every((l) => milli(l.returnedQuantity) + (now.get(l.lineNo) ?? 0) >= milli(l.quantity));
  const undone = await undoLoyalty(tx, receipt, ret, { fully, actor: caller.actor });
  return {
    returnId: ret.id,
    receiptId,
    replayed: false,
    fullyRefunded: fully,
    refundTotal: ret.refundTotal,
    pointsRefund: { points: undone.points?.givenBack ?? 0, value: undone.pointsRefundValue },
    moneyRefund: ret.refundTotal - undone.pointsRefundValue,
    lines: ret.lines.map((l) => ({ lineNo: l.sourceLineNo, quantity: l.quantity, refundAmount: l.refundAmount })),
    points: undone.points,
    coupons: undone.coupons,
    stamps: undone.stamps,
  };
}

/**
 * `sale.returned` of a receipt returned outside the POS refund (the sales API, the returns screen):
 * its loyalty is undone the same way. A return the POS refund already handled is skipped.
 */
export async function undoReturn(tx: Tx, returnId: string): Promise<void> {
  const ret = await getReturn(tx, returnId);
  if (!ret?.receiptId) return;
  const receipt = await getReceipt(tx, ret.receiptId);
  if (!receipt) return;
  const fully = receipt.lines.every((l) => milli(l.returnedQuantity) >= milli(l.quantity));
  await undoLoyalty(tx, receipt, ret, { fully });
}

async function undoLoyalty(tx: Tx, receipt: Receipt, ret: Return, opts: { fully: boolean; actor?: Actor }) {
  const receiptId = receipt.id;
  const { timezone } = await orgClock(tx);
  const now = new Date();
  const entries = await entriesOfReceipt(tx, receiptId);
  const earnEntries = entries.filter((x) => x.kind === 'earn' || x.kind === 'bonus');
  const events: EventInput[] = [];
  let program: ProgramConfig | null = null;
  let points: { programId: string; reversed: number; givenBack: number; shortfall: number; balance: number } | null = null;

  // Points: once per return (a return the POS refund handled already has its entries).
  if (entries.length > 0) {
    program = toProgramConfig(await getProgramRow(tx, entries[0].programId));
    const customerId = entries[0].customerId;
    const mine = entries.filter((x) => x.returnId === ret.id);
    if (mine.length > 0) {
      points = {
        programId: program.id,
        reversed: -mine.filter((x) => x.kind === 'reversal' && x.points < 0).reduce((s, x) => s + x.points, 0),
        givenBack: mine.filter((x) => x.kind === 'reversal' && x.points > 0).reduce((s, x) => s + x.points, 0),
        shortfall: mine.filter((x) => x.kind === 'adjust').reduce((s, x) => s + x.points, 0),
        balance: (await readAccount(tx, program.id, customerId))?.balance ?? 0,
      };
    } else {
      const refunded = (await returnsOf(tx, { receiptId })).reduce((s, r) => s + r.refundTotal, 0);
      const account = await lockAccount(tx, program.id, customerId);
      const reversedOf = new Map<string, number>();
      let givenBefore = 0;
      const burns = entries.filter((x) => x.kind === 'burn');
      for (const x of entries) {
        if (x.kind !== 'reversal' || !x.lotId) continue;
        if (x.points < 0) reversedOf.set(x.lotId, (reversedOf.get(x.lotId) ?? 0) - x.points);
        else givenBefore += x.points;
      }
      const earned = earnEntries.reduce((s, x) => s + x.points, 0);
      const reversedBefore = [...reversedOf.values()].reduce((s, v) => s + v, 0);
      const burned = -burns.reduce((s, x) => s + x.points, 0);
      const target = (x: number) => (opts.fully ? x : Math.min(x, share(x, refunded, receipt.total)));
      const open = earnEntries.map((x) => Math.max(0, x.points - (reversedOf.get(x.id) ?? 0)));
      const take = Math.min(
        Math.max(0, target(earned) - reversedBefore),
        open.reduce((s, o) => s + o, 0),
      );
      const give = Math.max(0, target(burned) - givenBefore);
      const takes = take > 0 ? allocate(take, open) : open.map(() => 0);
      const shortfall = Math.max(0, take - (account.balance + give));
      const list: NewEntry[] = [];
      if (give > 0 && burns[0])
        list.push({ kind: 'reversal', points: give, lotId: burns[0].id, receiptId, returnId: ret.id, expiresAt: now, reason: 'refund' });
      if (shortfall > 0) {
        list.push({
          kind: 'adjust',
          points: shortfall,
          receiptId,
          returnId: ret.id,
          expiresAt: creditExpiry(program, now, timezone),
          reason: 'refund_shortfall',
        });
      }
      earnEntries.forEach((x, i) => {
        if (takes[i] > 0) list.push({ kind: 'reversal', points: -takes[i], lotId: x.id, receiptId, returnId: ret.id, reason: 'refund' });
      });
      // The refunded amount leaves the rolling tier spend, on the first reversal (or a 0-point one).
      const firstTake = list.find((x) => x.kind === 'reversal' && x.points < 0);
      if (earnEntries.length > 0) {
        if (firstTake) firstTake.qualifyingAmount = -ret.refundTotal;
        else list.push({ kind: 'reversal', points: 0, receiptId, returnId: ret.id, qualifyingAmount: -ret.refundTotal, reason: 'refund' });
      }
      const { balance } = await appendEntries(tx, program.id, customerId, list, { at: now, actor: opts.actor });
      points = { programId: program.id, reversed: take, givenBack: give, shortfall, balance };
      if (list.length > 0) {
        events.push({
          type: 'loyalty.points_reversed',
          subjectType: 'receipt',
          subjectId: receiptId,
          customerId,
          actor: eventActor(opts.actor),
          payload: { receiptId, returnId: ret.id, programId: program.id, reversed: take, givenBack: give, shortfall, balance },
        });
      }
    }
  }

  // Stamps the refunded units earned (once per return).
  const stamps: { cardId: string; stamps: number }[] = [];
  const customerId = entries[0]?.customerId ?? receipt.customerId;
  if (customerId && !(await stampsTakenFor(tx, ret.id))) {
    const got = await receiptStamps(tx, receiptId);
    const cards = (await loadConfig(tx)).stampCards.filter((c) => (got.get(c.id) ?? 0) > 0);
    if (cards.length > 0) {
      const basket: Basket = {
        lines: ret.lines.map((l) => {
          const o = receipt.lines.find((x) => x.lineNo === l.sourceLineNo)!;
          return {
            lineId: String(l.lineNo),
            sku: o.sku,
            categoryPath: o.categoryPath,
            brand: o.brand,
            quantity: l.quantity,
            unitPrice: o.unitPrice,
          };
        }),
        storeCode: 'refund',
        channel: 'store',
        at: now,
        timeZone: timezone,
        customer: null,
      };
      const discounts = ret.lines.map((l) => {
        const o = receipt.lines.find((x) => x.lineNo === l.sourceLineNo)!;
        return { lineId: String(l.lineNo), discount: share(o.lineDiscount, milli(l.quantity), milli(o.quantity)) };
      });
      const progress = await progressOf(
        tx,
        customerId,
        cards.map((c) => c.id),
        true,
      );
      const changes = cards
        .map((c) => {
          const earned = applyStamps(c.definition, { stamps: 0 }, basket, { lineDiscounts: discounts }).stampsAdded;
          const back = Math.min(earned, got.get(c.id) ?? 0);
          const before = progress.get(c.id)!;
          const removed = Math.min(back, before.stamps);
          return { cardId: c.id, stamps: -removed, rewards: 0, progress: { ...before, stamps: before.stamps - removed } };
        })
        .filter((c) => c.stamps !== 0);
      await saveProgress(tx, customerId, changes, { source: 'refund', receiptId, returnId: ret.id, at: now, actor: opts.actor });
      stamps.push(...changes.map((c) => ({ cardId: c.cardId, stamps: -c.stamps })));
    }
  }
  const coupons = opts.fully ? await undoReceiptCoupons(tx, receiptId, now) : { reinstated: [], voided: [] };
  await emitEvents(tx, events);
  return {
    points,
    pointsRefundValue: program && points ? pointsValue(program.definition, points.givenBack) : 0,
    coupons,
    stamps,
  };
}
