import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Problem } from '../../../platform/http/problem';
import { isoDate } from '../../../platform/http/schemas';
import { zonedInstant } from '../../../platform/time';
import { sourceOf } from '../../access/routes/common';
import {
  basketLineSchema,
  codeFormatSchema,
  couponIssueRuleSchema,
  couponSchema,
  pointsProgramSchema,
  promotionSchema,
  stampCardSchema,
  tierListSchema,
} from '../engine';
import type { Caller } from '../pos';

// --- callers ----------------------------------------------------------------------------------

export const actorOf = (req: FastifyRequest) => ({ type: req.auth!.actor.type, id: req.auth!.actor.id });

export const callerOf = (req: FastifyRequest): Caller => ({
  scope: req.auth!.storeIds,
  source: sourceOf(req),
  locale: req.locale,
  actor: actorOf(req),
});

/** Writes that move points or coupons must be retry-safe: their Idempotency-Key is required. */
export function requireIdempotencyKey(req: FastifyRequest): void {
  if (req.headers['idempotency-key'] === undefined) throw new Problem(400, 'idempotency_key_required', 'loyalty.idempotency_key_required');
}

export const idempotencyHeader = z.object({
  'idempotency-key': z.string().min(1).max(255).describe('required: a retry with the same key replays the first answer'),
});

// --- engine definitions, documented once as components ----------------------------------------

export const pointsProgramDef = pointsProgramSchema.meta({
  id: 'LoyaltyPointsProgram',
  description: 'Earn (rate, minimum basket, exclusions, multipliers), birthday bonus, burn (conversion, limits) and FIFO expiry.',
  example: {
    earn: {
      rate: { points: 1, per: 100 },
      minimumBasket: 2000,
      multipliers: [{ id: 'carsamba', dimension: 'time', factor: 2, weekdays: [3] }],
    },
    birthday: { type: 'points', points: 250 },
    burn: { points: 100, value: 100, minPoints: 500, maxSharePercent: 50 },
    expiry: { months: 12, monthEnd: false },
  },
});
export const tierListDef = tierListSchema.meta({ id: 'LoyaltyTierList' });
export const promotionDef = promotionSchema.meta({
  id: 'LoyaltyPromotion',
  description: 'An engine promotion (docs/loyalty-engine.md): percent_off, buy_get, n_for_m, basket_threshold or bundle_price.',
  example: {
    id: 'corap-3al2',
    label: 'Çorapta 3 al 2 öde',
    kind: 'n_for_m',
    priority: 10,
    stackable: true,
    exclusive: false,
    target: { categories: [['Aksesuar', 'Çorap']] },
    n: 3,
    m: 2,
  },
});
export const stampCardDef = stampCardSchema.meta({ id: 'LoyaltyStampCard' });
export const ruleDef = couponIssueRuleSchema.meta({ id: 'LoyaltyReceiptCouponRule' });
export const codeFormatDef = codeFormatSchema.meta({ id: 'LoyaltyCodeFormat' });

const c = couponSchema.shape;
/** A campaign's terms: the engine couponSchema without the code, kind and customer of one coupon. */
export const campaignTermsDef = z
  .strictObject({
    validFrom: c.validFrom,
    validUntil: c.validUntil,
    minimumBasket: c.minimumBasket,
    usageLimit: c.usageLimit,
    onePerCustomer: c.onePerCustomer,
    requiresCustomer: c.requiresCustomer,
    effect: promotionDef,
  })
  .refine(
    (v) =>
      !v.validFrom ||
      !v.validUntil ||
      (v.validFrom.length === 10 ? `${v.validFrom}T00:00` : v.validFrom) <
        (v.validUntil.length === 10 ? `${v.validUntil}T24:00` : v.validUntil),
    {
      message: 'validUntil must be after validFrom',
      path: ['validUntil'],
    },
  )
  .meta({ id: 'LoyaltyCouponTerms' });

// --- common pieces ----------------------------------------------------------------------------

export const kurus = z.int().min(0).max(Number.MAX_SAFE_INTEGER).describe('kuruş');
const text = (max: number) => z.string().trim().min(1).max(max);
export const activeQuery = z
  .object({
    active: z
      .enum(['true', 'false'])
      .optional()
      .transform((v) => (v === undefined ? undefined : v === 'true')),
  })
  .strict();
export const codeParams = z.object({ code: z.string().min(1).max(100) });

/** The till's clock: ISO 8601 with an offset, or without one (then read in the org time zone). */
export const tillTime = z.iso.datetime({ offset: true, local: true });
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;
export function instantOf(value: string, timeZone: string): Date {
  const m = LOCAL.exec(value);
  if (!m) return new Date(value);
  return zonedInstant({ year: +m[1], month: +m[2], day: +m[3], hour: +m[4], minute: +m[5], second: +(m[6] ?? 0) }, timeZone);
}

// --- POS --------------------------------------------------------------------------------------

export const identifyBody = z
  .object({
    phone: z.string().min(1).max(40).optional().describe('any format: 0532 123 45 67, +90 532…, 5321234567'),
    cardNumber: z.string().min(1).max(60).optional(),
    customerId: z.string().min(1).max(60).optional(),
    claimQr: z.string().min(1).max(300).optional().describe('the claim QR printed on a receipt (MUHTAR:CLAIM:<code>:<receiptId>)'),
    storeCode: text(50).optional().describe("the till's store (the program of its brand); defaults to the caller's only store"),
  })
  .strict()
  .refine((b) => [b.phone, b.cardNumber, b.customerId, b.claimQr].filter((v) => v !== undefined).length === 1, {
    message: 'send exactly one of phone, cardNumber, customerId, claimQr',
    path: ['phone'],
    params: { code: 'identify_one', key: 'loyalty.identify_one' },
  })
  .meta({ example: { phone: '0532 123 45 67', storeCode: 'IST-01' } });

const couponSummary = z.object({
  code: z.string(),
  label: z.string(),
  validFrom: z.string().nullable(),
  validUntil: z.string().nullable(),
  source: z.string(),
});

export const identifyResponse = z
  .discriminatedUnion('found', [
    z.object({
      found: z.literal(true),
      customer: z.object({
        id: z.uuid(),
        name: z.string().nullable(),
        maskedPhone: z.string().nullable(),
        tier: z.object({ code: z.string(), name: z.string() }).nullable(),
        program: z.object({ id: z.uuid(), name: z.string() }).nullable(),
        pointsBalance: z.int(),
        pointsValue: z.int().describe('kuruş the balance is worth'),
        stampCards: z.array(z.object({ cardId: z.uuid(), code: z.string(), name: z.string(), stamps: z.int(), stampsNeeded: z.int() })),
        usableCoupons: z.array(couponSummary),
        birthdayThisMonth: z.boolean(),
      }),
    }),
    z.object({
      found: z.literal(false),
      enrolHint: z.object({
        phone: z.string().nullable().describe('the phone, normalised (E.164), to enrol with'),
        quickEnrol: z.literal(true),
        claimCode: z.string().optional().describe('an unclaimed receipt: enrol, then claim it'),
      }),
    }),
  ])
  .meta({ id: 'PosIdentification' });

const posLine = z
  .object({
    sku: text(100).describe('SKU or barcode'),
    quantity: basketLineSchema.shape.quantity.describe('up to three decimals (weighed goods)'),
    unitPrice: kurus.optional().describe('kuruş; default: the catalog list price'),
  })
  .strict();

const customerRef = z.union([
  z.object({ id: z.uuid() }).strict(),
  z
    .object({ phone: z.string().min(1).max(40), enrol: z.boolean().optional().describe('commit only: register the phone if unknown') })
    .strict(),
]);

const basketFields = {
  storeCode: text(50),
  customer: customerRef.nullable().optional(),
  lines: z.array(posLine).min(1).max(500),
  couponCodes: z.array(z.string().max(100)).max(10).optional(),
  pointsToRedeem: z.int().min(0).max(1_000_000_000).optional(),
};

export const evaluateBody = z
  .object({ ...basketFields, occurredAt: tillTime.optional().describe('default: now') })
  .strict()
  .meta({
    id: 'PosBasket',
    example: {
      storeCode: 'IST-01',
      customer: { phone: '0532 123 45 67' },
      lines: [{ sku: 'CRP01-SYH-4044', quantity: 3 }],
      couponCodes: ['HOSGELDIN-AB12CD34'],
      pointsToRedeem: 500,
    },
  });

export const commitBody = z
  .object({
    ...basketFields,
    receiptNumber: text(64),
    register: text(50).optional(),
    cashierCode: text(50).optional(),
    occurredAt: tillTime.describe("the till's time; without an offset it is read in the org time zone"),
    payments: z
      .array(z.object({ method: z.enum(['cash', 'card', 'voucher', 'other']), amount: kurus }).strict())
      .max(20)
      .describe('what was paid besides points; with the points payment they must add up to the total'),
  })
  .strict()
  .meta({
    id: 'PosReceipt',
    example: {
      storeCode: 'IST-01',
      receiptNumber: 'IST01-K1-000123',
      register: 'K1',
      cashierCode: 'P101',
      occurredAt: '2026-03-01T14:05:00+03:00',
      customer: { id: '0195f3c1-8d2a-7c3e-9a1b-2c3d4e5f6a7b' },
      lines: [{ sku: 'CRP01-SYH-4044', quantity: 3 }],
      pointsToRedeem: 500,
      payments: [{ method: 'card', amount: 39_980 }],
    },
  });

const reasonLine = z.object({ promotionId: z.string(), label: z.string(), amount: z.int() });
const evaluatedLine = z.object({
  lineNo: z.int(),
  sku: z.string(),
  productName: z.string().nullable(),
  adhoc: z.boolean(),
  quantity: z.number(),
  unitPrice: z.int(),
  amount: z.int(),
  discount: z.int(),
  net: z.int(),
  reasons: z.array(reasonLine),
});
const couponResult = z.object({
  code: z.string(),
  status: z.string().describe('ok | not_found | not_applied | same_campaign | an engine coupon reason (coupon_already_used, expired…)'),
  reason: z.string().optional().describe('not_applied: why the promotion did not apply'),
  message: z.string().optional(),
  label: z.string().optional(),
  discount: z.int(),
  campaignId: z.uuid().nullable(),
});
const breakdownLine = z.object({ source: z.string(), points: z.int(), ruleIds: z.array(z.string()).optional(), label: z.string() });
const stampLine = z.object({
  cardId: z.uuid(),
  code: z.string(),
  name: z.string(),
  stampsNeeded: z.int(),
  stampsAdded: z.int(),
  stamps: z.int(),
  rewardsEarned: z.int(),
});

export const evaluationSchema = z
  .object({
    storeCode: z.string(),
    currency: z.string(),
    customer: z
      .object({
        id: z.uuid(),
        tier: z.object({ code: z.string(), name: z.string() }).nullable(),
        pointsBalance: z.int(),
        birthdayThisMonth: z.boolean(),
      })
      .nullable(),
    unknownPhone: z.string().nullable().describe('a phone that matched nobody: the basket was evaluated anonymously'),
    lines: z.array(evaluatedLine),
    subtotal: z.int(),
    totalDiscount: z.int(),
    total: z.int(),
    pointsPayment: z.int().describe('kuruş paid with pointsToRedeem'),
    payable: z.int().describe('total − pointsPayment'),
    promotions: z.object({
      applied: z.array(z.string()),
      rejected: z.array(
        z.object({ promotionId: z.string(), reason: z.string(), params: z.record(z.string(), z.number()).optional(), message: z.string() }),
      ),
    }),
    coupons: z.array(couponResult),
    points: z.object({
      program: z.object({ id: z.uuid(), name: z.string() }).nullable(),
      balance: z.int(),
      toEarn: z.int(),
      earn: z
        .object({
          points: z.int(),
          earnableAmount: z.int(),
          breakdown: z.array(breakdownLine),
          reason: z.string().optional(),
          message: z.string().optional(),
        })
        .nullable(),
      bonus: z.array(z.object({ source: z.string(), label: z.string(), points: z.int() })),
      redeemable: z.object({ maxPoints: z.int(), value: z.int() }),
      redemption: z
        .object({ points: z.int(), value: z.int(), ok: z.boolean(), reason: z.string().optional(), message: z.string().optional() })
        .nullable(),
      valueOfBalance: z.int(),
    }),
    bottomCoupons: z.array(
      z.object({ ruleId: z.uuid(), ruleCode: z.string(), label: z.string(), validFrom: z.string(), validUntil: z.string() }),
    ),
    stamps: z.array(stampLine),
  })
  .meta({ id: 'PosEvaluation' });

export const commitResponse = z
  .object({
    receiptId: z.uuid(),
    receiptNumber: z.string(),
    storeCode: z.string(),
    occurredAt: isoDate,
    replayed: z.boolean().describe('true: this receipt was already recorded (same store, number and content); nothing changed'),
    customerId: z.uuid().nullable(),
    lines: z.array(evaluatedLine),
    subtotal: z.int(),
    totalDiscount: z.int(),
    total: z.int(),
    pointsPayment: z.int(),
    payable: z.int(),
    coupons: z.array(couponResult),
    points: z
      .object({
        programId: z.uuid(),
        earned: z.int(),
        bonus: z.int(),
        redeemed: z.int(),
        balance: z.int(),
        breakdown: z.array(breakdownLine),
      })
      .nullable(),
    tier: z
      .object({ code: z.string().nullable(), name: z.string().nullable(), changed: z.boolean(), previous: z.string().nullable() })
      .nullable(),
    couponsRedeemed: z.array(z.string()),
    couponsToPrint: z.array(
      z.object({
        code: z.string(),
        label: z.string(),
        text: z.string().describe('the line to print, in the caller’s language'),
        validFrom: z.string().nullable(),
        validUntil: z.string().nullable(),
        source: z.string(),
      }),
    ),
    stamps: z.array(stampLine),
    claim: z.object({ code: z.string(), qr: z.string().describe('print as a QR code'), expiresAt: isoDate.nullable() }).nullable(),
  })
  .meta({ id: 'PosCommittedReceipt' });

export const refundBody = z
  .object({
    lines: z
      .array(z.object({ lineNo: z.int().min(1), quantity: z.number().positive().max(999_999_999.999) }).strict())
      .min(1)
      .max(500)
      .optional()
      .describe('absent: everything not yet refunded'),
    reason: z.string().trim().max(500).optional(),
  })
  .strict()
  .meta({ id: 'PosRefund', example: { lines: [{ lineNo: 1, quantity: 1 }], reason: 'Beden uymadı' } });

export const refundResponse = z
  .object({
    returnId: z.uuid(),
    receiptId: z.uuid(),
    replayed: z.boolean(),
    fullyRefunded: z.boolean(),
    refundTotal: z.int().describe('the refunded net amount (sales.recordReturn)'),
    pointsRefund: z.object({ points: z.int(), value: z.int() }).describe('redeemed points given back, and what they are worth'),
    moneyRefund: z.int().describe('refundTotal − pointsRefund.value: what the till pays back'),
    lines: z.array(z.object({ lineNo: z.int(), quantity: z.number(), refundAmount: z.int() })),
    points: z
      .object({
        programId: z.uuid(),
        reversed: z.int(),
        givenBack: z.int(),
        shortfall: z.int().describe('points already spent that could not be taken back (written off by an adjust entry)'),
        balance: z.int(),
      })
      .nullable(),
    coupons: z.object({ reinstated: z.array(z.string()), voided: z.array(z.string()) }),
    stamps: z.array(z.object({ cardId: z.uuid(), stamps: z.int() })),
  })
  .meta({ id: 'PosRefundResult' });

// --- definitions ------------------------------------------------------------------------------

const tierSetup = z
  .object({
    metric: z.enum(['spend', 'points']).describe('rolling spend (kuruş) or points earned'),
    windowMonths: z.int().min(1).max(36),
    tiers: tierListDef,
  })
  .strict();

export const programInput = z
  .object({
    name: text(100),
    brandId: z.uuid().nullable().optional().describe('null: org-wide; a brand: used at that brand’s stores'),
    active: z.boolean().optional(),
    definition: pointsProgramDef,
    tiers: tierSetup.nullable().optional(),
    tierReview: z
      .object({ month: z.int().min(1).max(12), day: z.int().min(1).max(31) })
      .strict()
      .optional(),
    expiryWarningDays: z.int().min(0).max(365).optional(),
  })
  .strict()
  .meta({ id: 'NewLoyaltyProgram' });

export const programPatch = programInput.partial().strict().meta({ id: 'LoyaltyProgramChanges' });

export const programSchema = z
  .object({
    id: z.uuid(),
    brandId: z.uuid().nullable(),
    name: z.string(),
    active: z.boolean(),
    definition: pointsProgramDef,
    tiers: tierSetup.nullable(),
    tierReview: z.object({ month: z.int(), day: z.int() }),
    expiryWarningDays: z.int(),
    version: z.int(),
    createdAt: isoDate,
    updatedAt: isoDate,
  })
  .meta({ id: 'LoyaltyProgram' });

const definitionView = <T extends z.ZodType>(def: T, brand: boolean) =>
  z.object({
    id: z.uuid(),
    code: z.string().describe('the definition’s own id'),
    ...(brand ? { brandId: z.uuid().nullable() } : {}),
    active: z.boolean(),
    definition: def,
    createdAt: isoDate,
    updatedAt: isoDate,
  });

export const promotionInput = z
  .object({ definition: promotionDef, active: z.boolean().optional(), brandId: z.uuid().nullable().optional() })
  .strict()
  .meta({ id: 'NewLoyaltyPromotion' });
export const promotionPatch = promotionInput.partial().strict().meta({ id: 'LoyaltyPromotionChanges' });
export const promotionSchemaView = definitionView(promotionDef, true).meta({ id: 'LoyaltyPromotionRecord' });

export const stampCardInput = z
  .object({ definition: stampCardDef, active: z.boolean().optional() })
  .strict()
  .meta({ id: 'NewLoyaltyStampCard' });
export const stampCardPatch = stampCardInput.partial().strict().meta({ id: 'LoyaltyStampCardChanges' });
export const stampCardView = definitionView(stampCardDef, false).meta({ id: 'LoyaltyStampCardRecord' });

export const ruleInput = z
  .object({ definition: ruleDef, active: z.boolean().optional() })
  .strict()
  .meta({ id: 'NewLoyaltyReceiptCouponRule' });
export const rulePatch = ruleInput.partial().strict().meta({ id: 'LoyaltyReceiptCouponRuleChanges' });
export const ruleView = definitionView(ruleDef, false).meta({ id: 'LoyaltyReceiptCouponRuleRecord' });

export const testBody = z
  .object({
    basket: z
      .object({
        storeCode: text(50).optional(),
        channel: text(50).optional(),
        at: tillTime.optional(),
        customer: z
          .object({
            tierCode: z.string().max(100).nullable().optional(),
            tags: z.array(z.string().max(50)).max(50).optional(),
            birthdayThisMonth: z.boolean().optional(),
          })
          .strict()
          .nullable()
          .optional(),
        lines: z
          .array(
            z
              .object({
                sku: text(100).optional(),
                categoryPath: z.array(text(200)).max(10).optional(),
                brand: text(200).optional(),
                quantity: basketLineSchema.shape.quantity,
                unitPrice: kurus.optional(),
              })
              .strict(),
          )
          .min(1)
          .max(500),
        couponCodes: z.array(z.string().max(100)).max(10).optional(),
      })
      .strict(),
    promotions: z.array(promotionDef).max(200).optional().describe('drafts to test instead of the org’s active promotions'),
  })
  .strict()
  .meta({ id: 'LoyaltyPromotionTest' });

export const testResponse = z
  .object({
    lines: z.array(
      z.object({
        lineId: z.string(),
        sku: z.string().nullable(),
        categoryPath: z.array(z.string()),
        brand: z.string().nullable(),
        quantity: z.number(),
        unitPrice: z.int(),
        amount: z.int(),
        discount: z.int(),
        net: z.int(),
        reasons: z.array(reasonLine),
      }),
    ),
    subtotal: z.int(),
    totalDiscount: z.int(),
    total: z.int(),
    bonusPoints: z.array(z.object({ promotionId: z.string(), points: z.int() })),
    applied: z.array(z.object({ promotionId: z.string(), label: z.string(), kind: z.string() })),
    rejected: z.array(
      z.object({
        promotionId: z.string(),
        label: z.string(),
        reason: z.string(),
        params: z.record(z.string(), z.number()).optional(),
        message: z.string(),
      }),
    ),
    couponsUsed: z.array(z.object({ code: z.string(), promotionId: z.string() })),
  })
  .meta({ id: 'LoyaltyPromotionTestResult' });

// --- coupon campaigns -------------------------------------------------------------------------

export const campaignInput = z
  .object({
    name: text(200),
    kind: z
      .enum(['unique', 'shared', 'personal'])
      .describe('unique: generated single-use codes; shared: one code, many uses; personal: issued to customers'),
    active: z.boolean().optional(),
    terms: campaignTermsDef,
    codeFormat: codeFormatDef.nullable().optional().describe('unique campaigns: length and prefix of generated codes (default 10 symbols)'),
    reinstateOnRefund: z.boolean().optional().describe('a fully refunded receipt gives its coupon use back'),
    code: z.string().trim().min(1).max(100).optional().describe('shared campaigns: the code customers type'),
  })
  .strict()
  .meta({
    id: 'NewLoyaltyCouponCampaign',
    example: {
      name: 'Hoş geldin kuponu',
      kind: 'unique',
      terms: {
        validUntil: '2026-12-31',
        minimumBasket: 50_000,
        effect: {
          id: 'hosgeldin-50',
          label: 'Hoş geldin 50 TL',
          kind: 'basket_threshold',
          priority: 0,
          stackable: true,
          exclusive: false,
          steps: [{ threshold: 50_000, reward: { type: 'amount_off', amount: 5_000 } }],
        },
      },
      codeFormat: { length: 8, prefix: 'HG' },
    },
  });

export const campaignPatch = z
  .object({
    name: text(200).optional(),
    active: z.boolean().optional(),
    terms: campaignTermsDef.optional(),
    codeFormat: codeFormatDef.nullable().optional(),
    reinstateOnRefund: z.boolean().optional(),
  })
  .strict()
  .meta({ id: 'LoyaltyCouponCampaignChanges' });

const campaignFields = {
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(['unique', 'shared', 'personal']),
  active: z.boolean(),
  terms: campaignTermsDef,
  codeFormat: codeFormatDef.nullable(),
  reinstateOnRefund: z.boolean(),
  codesCount: z.int(),
  sharedCode: z.string().nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
};
export const campaignSchema = z.object(campaignFields).meta({ id: 'LoyaltyCouponCampaign' });
export const campaignDetailSchema = z
  .object({
    ...campaignFields,
    stats: z.object({ codes: z.int(), codesUsed: z.int(), redemptions: z.int(), customers: z.int(), discountTotal: z.int() }),
  })
  .meta({ id: 'LoyaltyCouponCampaignDetail' });

export const codeSchema = z
  .object({
    code: z.string(),
    campaignId: z.uuid().nullable(),
    customerId: z.uuid().nullable(),
    uses: z.int(),
    maxUses: z.int().nullable(),
    status: z.enum(['active', 'void']),
    source: z.string(),
    issuedAt: isoDate,
    issuedReceiptId: z.uuid().nullable(),
    validFrom: z.string().nullable(),
    validUntil: z.string().nullable(),
  })
  .meta({ id: 'LoyaltyCouponCode' });

export const codeDetailSchema = codeSchema
  .extend({
    kind: z.enum(['unique', 'shared', 'personal']),
    label: z.string(),
    active: z.boolean(),
    campaignName: z.string().nullable(),
    redemptions: z.array(
      z.object({
        receiptId: z.uuid(),
        customerId: z.uuid().nullable(),
        redeemedAt: isoDate,
        reinstatedAt: isoDate.nullable(),
        discount: z.int(),
      }),
    ),
  })
  .meta({ id: 'LoyaltyCouponCodeDetail' });

// --- customers --------------------------------------------------------------------------------

export const customerLoyaltySchema = z
  .object({
    customerId: z.uuid(),
    accounts: z.array(
      z.object({
        program: z.object({ id: z.uuid(), name: z.string(), brandId: z.uuid().nullable(), active: z.boolean() }),
        balance: z.int(),
        pointsValue: z.int(),
        tier: z.object({ code: z.string(), name: z.string(), since: isoDate.nullable() }).nullable(),
        tierMetric: z.object({ metric: z.enum(['spend', 'points']), windowMonths: z.int(), value: z.int() }).nullable(),
        nextTier: z.object({ code: z.string(), name: z.string(), missing: z.int(), threshold: z.int() }).nullable(),
        expiring: z.object({ points: z.int(), expiresAt: isoDate, withinDays: z.int() }).nullable(),
      }),
    ),
    stampCards: z.array(
      z.object({
        cardId: z.uuid(),
        code: z.string(),
        name: z.string(),
        stamps: z.int(),
        stampsNeeded: z.int(),
        totalStamps: z.int(),
        rewards: z.int(),
      }),
    ),
    coupons: z.array(couponSummary),
  })
  .meta({ id: 'CustomerLoyalty' });

export const ledgerEntrySchema = z
  .object({
    id: z.uuid(),
    programId: z.uuid(),
    kind: z.enum(['earn', 'burn', 'expire', 'adjust', 'reversal', 'bonus']),
    points: z.int(),
    receiptId: z.uuid().nullable(),
    returnId: z.uuid().nullable(),
    lotId: z.uuid().nullable(),
    qualifyingAmount: z.int(),
    occurredAt: isoDate,
    expiresAt: isoDate.nullable(),
    reason: z.string().nullable(),
    actorType: z.string().nullable(),
    actorId: z.uuid().nullable(),
  })
  .meta({ id: 'LoyaltyLedgerEntry' });

export const adjustBody = z
  .object({
    points: z
      .int()
      .min(-10_000_000)
      .max(10_000_000)
      .refine((v) => v !== 0, { message: 'not zero', params: { code: 'zero' } }),
    reason: text(500),
    programId: z.uuid().optional().describe('default: the org-wide active program'),
  })
  .strict()
  .meta({ id: 'LoyaltyAdjustment', example: { points: 250, reason: 'Geciken kargo için özür puanı' } });

export const adjustResponse = z
  .object({ entryId: z.uuid(), programId: z.uuid(), points: z.int(), balance: z.int() })
  .meta({ id: 'LoyaltyAdjustmentResult' });

export const stampBody = z
  .object({ cardId: z.uuid(), count: z.int().min(1).max(20).optional().describe('default 1') })
  .strict()
  .meta({ id: 'LoyaltyManualStamp' });

export const stampResponse = z
  .object({
    cardId: z.uuid(),
    name: z.string(),
    stampsAdded: z.int(),
    stamps: z.int(),
    stampsNeeded: z.int(),
    rewardsEarned: z.int(),
    coupons: z.array(z.object({ code: z.string(), label: z.string(), text: z.string(), validFrom: z.string(), validUntil: z.string() })),
  })
  .meta({ id: 'LoyaltyManualStampResult' });
