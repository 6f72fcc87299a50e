import { randomBytes } from 'node:crypto';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { isUniqueViolation } from '../../platform/db/errors';
import { Problem } from '../../platform/http/problem';
import { type Coupon, type CouponTemplate, generateCodes, type IssuedCoupon, normalizeCode, type Promotion } from './engine';
import { type CampaignKind, couponCampaigns, couponCodes, couponRedemptions } from './schema';

/**
 * Coupon codes at the till: loading what a basket presents, redeeming them race-free, issuing
 * receipt-bottom, stamp-reward and tier-gift coupons, and giving them back on a refund.
 */

/** What a campaign stores: the engine couponSchema terms shared by all its codes. */
export interface CampaignTerms {
  validFrom?: string;
  validUntil?: string;
  minimumBasket?: number;
  usageLimit?: number;
  onePerCustomer?: boolean;
  requiresCustomer?: boolean;
  effect: Promotion;
}

type CodeRow = typeof couponCodes.$inferSelect;

export interface LoadedCoupon {
  code: string;
  row: CodeRow;
  campaign: { id: string; name: string; kind: CampaignKind; active: boolean; reinstateOnRefund: boolean } | null;
  coupon: Coupon;
  /** uses of this code by the basket's customer (one-per-customer codes) */
  customerUses: number;
}

/** The engine's view of a stored code: the campaign's terms, or the snapshot an issued coupon carries. */
export function engineCoupon(row: CodeRow, campaign: { kind: CampaignKind; active: boolean; definition: unknown } | null): Coupon {
  if (campaign) {
    const terms = campaign.definition as CampaignTerms;
    return {
      ...terms,
      code: row.code,
      kind: campaign.kind,
      customerId: row.customerId,
      active: campaign.active && row.status === 'active',
      ...(row.validFrom ? { validFrom: row.validFrom } : {}),
      ...(row.validUntil ? { validUntil: row.validUntil } : {}),
    } as Coupon;
  }
  const issued = row.definition as IssuedCoupon;
  return { ...issued, code: row.code, active: row.status === 'active' } as Coupon;
}

/** The codes a basket presents (normalised), with their usage by the customer. Unknown codes are absent. */
export async function loadCoupons(tx: Tx, codes: string[], customerId: string | null): Promise<Map<string, LoadedCoupon>> {
  const out = new Map<string, LoadedCoupon>();
  if (codes.length === 0) return out;
  const rows = await tx
    .select({
      row: couponCodes,
      campaignId: couponCampaigns.id,
      name: couponCampaigns.name,
      kind: couponCampaigns.kind,
      active: couponCampaigns.active,
      definition: couponCampaigns.definition,
      reinstateOnRefund: couponCampaigns.reinstateOnRefund,
    })
    .from(couponCodes)
    .leftJoin(couponCampaigns, and(eq(couponCampaigns.orgId, couponCodes.orgId), eq(couponCampaigns.id, couponCodes.campaignId)))
    .where(and(eq(couponCodes.orgId, tx.orgId!), inArray(couponCodes.code, codes)));
  for (const r of rows) {
    const campaign =
      r.campaignId && r.kind
        ? { id: r.campaignId, name: r.name!, kind: r.kind, active: r.active!, reinstateOnRefund: r.reinstateOnRefund! }
        : null;
    out.set(r.row.code, {
      code: r.row.code,
      row: r.row,
      campaign,
      coupon: engineCoupon(r.row, campaign ? { ...campaign, definition: r.definition } : null),
      customerUses: 0,
    });
  }
  const perCustomer = [...out.values()].filter((c) => c.coupon.onePerCustomer).map((c) => c.code);
  if (customerId && perCustomer.length > 0) {
    const uses = await tx
      .select({ code: couponRedemptions.code, n: sql<number>`count(*)::int` })
      .from(couponRedemptions)
      .where(
        and(
          eq(couponRedemptions.orgId, tx.orgId!),
          inArray(couponRedemptions.code, perCustomer),
          eq(couponRedemptions.customerId, customerId),
          isNull(couponRedemptions.reinstatedAt),
        ),
      )
      .groupBy(couponRedemptions.code);
    for (const u of uses) out.get(u.code)!.customerUses = u.n;
  }
  return out;
}

/** Presented codes, normalised, blanks and repeats dropped, in the order given. */
export function presentedCodes(codes: readonly string[] | undefined): string[] {
  return [...new Set((codes ?? []).map(normalizeCode).filter((c) => c.length > 0 && c.length <= 100))];
}

export interface Redemption {
  code: string;
  campaignId: string | null;
  kind: Coupon['kind'];
  onePerCustomer: boolean;
  discount: number;
}

/**
 * Redeems the coupons a receipt used. One UPDATE increments the uses of every code whose limit
 * allows it (`uses < max_uses`): under any concurrency a single-use code is incremented once, and
 * the losers get 409 COUPON_ALREADY_USED (COUPON_USAGE_LIMIT_REACHED for a shared code). A
 * one-per-customer code is guarded by a unique index on its redemptions.
 */
export async function redeemCoupons(tx: Tx, used: Redemption[], receiptId: string, customerId: string | null, at: Date): Promise<void> {
  if (used.length === 0) return;
  const codes = used.map((u) => u.code);
  const updated = await tx
    .update(couponCodes)
    .set({ uses: sql`${couponCodes.uses} + 1` })
    .where(
      and(
        eq(couponCodes.orgId, tx.orgId!),
        inArray(couponCodes.code, codes),
        eq(couponCodes.status, 'active'),
        sql`(${couponCodes.maxUses} is null or ${couponCodes.uses} < ${couponCodes.maxUses})`,
      ),
    )
    .returning({ code: couponCodes.code });
  const done = new Set(updated.map((u) => u.code));
  const lost = used.find((u) => !done.has(u.code));
  if (lost) {
    throw lost.kind === 'shared'
      ? new Problem(409, 'COUPON_USAGE_LIMIT_REACHED', 'loyalty.coupon_usage_limit', { code: lost.code }, { couponCode: lost.code })
      : new Problem(409, 'COUPON_ALREADY_USED', 'loyalty.coupon_already_used', { code: lost.code }, { couponCode: lost.code });
  }
  try {
    await tx.insert(couponRedemptions).values(
      used.map((u) => ({
        orgId: tx.orgId!,
        code: u.code,
        receiptId,
        customerId,
        campaignId: u.campaignId,
        perCustomerKey: u.onePerCustomer ? customerId : null,
        discount: u.discount,
        redeemedAt: at,
      })),
    );
  } catch (err) {
    if (isUniqueViolation(err, 'coupon_redemptions_per_customer_key')) {
      throw new Problem(409, 'COUPON_ALREADY_USED_BY_CUSTOMER', 'loyalty.coupon_used_by_customer');
    }
    throw err;
  }
}

export interface IssueRequest {
  source: 'campaign' | 'receipt_rule' | 'stamp_card' | 'tier_gift';
  sourceId: string | null;
  campaignId?: string | null;
  customerId: string | null;
  receiptId?: string | null;
  /** For issued (non-campaign) coupons: the terms, snapshotted on the code. */
  coupon?: IssuedCoupon;
  validFrom?: string | null;
  validUntil?: string | null;
  maxUses?: number | null;
}

const ISSUE_FORMAT = { length: 10 };

/**
 * Stores new codes (random, from the engine's unambiguous alphabet) for the requests, in one
 * statement; the rare clash with an existing code is drawn again. Returns the codes in request order.
 */
export async function issueCodes(tx: Tx, requests: IssueRequest[], at: Date): Promise<string[]> {
  const codes: (string | null)[] = requests.map(() => null);
  for (let attempt = 0; attempt < 5 && codes.some((c) => c === null); attempt++) {
    const open = codes.map((c, i) => (c === null ? i : -1)).filter((i) => i >= 0);
    const drawn = generateCodes(open.length, ISSUE_FORMAT, randomBytes);
    const values = open.map((i, k) => {
      const r = requests[i];
      return {
        orgId: tx.orgId!,
        code: drawn[k],
        campaignId: r.campaignId ?? null,
        customerId: r.customerId,
        maxUses: r.maxUses === undefined ? 1 : r.maxUses,
        source: r.source,
        sourceId: r.sourceId,
        definition: r.coupon ? stripCode(r.coupon) : null,
        issuedAt: at,
        issuedReceiptId: r.receiptId ?? null,
        validFrom: r.validFrom ?? r.coupon?.validFrom ?? null,
        validUntil: r.validUntil ?? r.coupon?.validUntil ?? null,
      };
    });
    const inserted = await tx.insert(couponCodes).values(values).onConflictDoNothing().returning({ code: couponCodes.code });
    const ok = new Set(inserted.map((r) => r.code));
    open.forEach((i, k) => {
      if (ok.has(drawn[k])) codes[i] = drawn[k];
    });
  }
  if (codes.some((c) => c === null)) throw new Error('could not draw unused coupon codes');
  return codes as string[];
}

function stripCode(c: IssuedCoupon): IssuedCoupon {
  const { code: _code, ...rest } = c as IssuedCoupon & { code?: string };
  return rest as IssuedCoupon;
}

/** A coupon's line on the receipt: its label and until when it can be used. */
export function couponText(label: string, validUntil: string | null | undefined, locale: 'tr' | 'en'): string {
  if (!validUntil) return label;
  const day = validUntil.slice(0, 10).split('-').reverse().join('.');
  return locale === 'en' ? `${label} — valid until ${day}` : `${label} — ${day} tarihine kadar geçerlidir`;
}

/** A template issued as a concrete coupon text (for the evaluation's preview). */
export function templateLabel(t: CouponTemplate | IssuedCoupon): string {
  return t.effect.label;
}

/**
 * A fully refunded receipt: its coupon uses are undone where the campaign says so, and the unused
 * coupons it issued are voided. Returns the codes reinstated and voided.
 */
export async function undoReceiptCoupons(tx: Tx, receiptId: string, at: Date): Promise<{ reinstated: string[]; voided: string[] }> {
  const { rows: reinstated } = await tx.execute<{ code: string }>(sql`
    with r as (
      update ${couponRedemptions} cr set reinstated_at = ${at.toISOString()}
      from ${couponCampaigns} c
      where cr.org_id = ${tx.orgId} and cr.receipt_id = ${receiptId} and cr.reinstated_at is null
        and c.org_id = cr.org_id and c.id = cr.campaign_id and c.reinstate_on_refund
      returning cr.code)
    update ${couponCodes} cc set uses = cc.uses - 1
    from r where cc.org_id = ${tx.orgId} and cc.code = r.code and cc.uses > 0
    returning cc.code`);
  const voided = await tx
    .update(couponCodes)
    .set({ status: 'void' })
    .where(
      and(
        eq(couponCodes.orgId, tx.orgId!),
        eq(couponCodes.issuedReceiptId, receiptId),
        eq(couponCodes.uses, 0),
        eq(couponCodes.status, 'active'),
      ),
    )
    .returning({ code: couponCodes.code });
  return { reinstated: reinstated.map((r) => r.code), voided: voided.map((v) => v.code) };
}

/** Personal coupons a customer can use today (identify, the customer page). */
export async function usableCoupons(tx: Tx, customerId: string, today: string, limit = 20) {
  const rows = await tx
    .select({
      row: couponCodes,
      kind: couponCampaigns.kind,
      active: couponCampaigns.active,
      definition: couponCampaigns.definition,
      name: couponCampaigns.name,
    })
    .from(couponCodes)
    .leftJoin(couponCampaigns, and(eq(couponCampaigns.orgId, couponCodes.orgId), eq(couponCampaigns.id, couponCodes.campaignId)))
    .where(
      and(
        eq(couponCodes.orgId, tx.orgId!),
        eq(couponCodes.customerId, customerId),
        eq(couponCodes.status, 'active'),
        sql`(${couponCodes.maxUses} is null or ${couponCodes.uses} < ${couponCodes.maxUses})`,
        sql`(${couponCodes.validUntil} is null or left(${couponCodes.validUntil}, 10) >= ${today})`,
      ),
    )
    .orderBy(couponCodes.validUntil)
    .limit(limit);
  return rows
    .map((r) => {
      const coupon = engineCoupon(r.row, r.kind ? { kind: r.kind, active: r.active!, definition: r.definition } : null);
      return {
        code: r.row.code,
        label: coupon.effect.label,
        validFrom: coupon.validFrom ?? null,
        validUntil: coupon.validUntil ?? null,
        source: r.row.source,
        active: coupon.active !== false,
      };
    })
    .filter((c) => c.active && (!c.validFrom || c.validFrom.slice(0, 10) <= today))
    .map(({ active: _a, ...c }) => c);
}
