import { z } from 'zod';
import { hasAtMostDecimals } from './arith';
import { isDate, isTimeZone } from './time';

/**
 * Zod schemas of every definition the engine reads. Definitions are plain JSON (stored as jsonb by
 * the persistence layer and validated with these schemas on the way in); the engine's TypeScript types
 * are inferred from them. Unknown keys are refused (strict objects) so a typo never silently disables
 * a condition. No transforms: what is stored is what the engine reads.
 */

const MAX_MONEY = 1_000_000_000_00; // one billion lira in kuruş: far beyond any receipt, far below 2^53
const id = z.string().trim().min(1).max(100);
const code = z.string().trim().min(1).max(100);
const kurus = z.int().min(0).max(MAX_MONEY);
const positiveKurus = z.int().min(1).max(MAX_MONEY);
const points = z.int().min(0).max(1_000_000_000);
const percent = z
  .number()
  .gt(0)
  .max(100)
  .refine((v) => hasAtMostDecimals(v, 2), 'at most two decimals');
const factor = z
  .number()
  .min(0)
  .max(100)
  .refine((v) => hasAtMostDecimals(v, 2), 'at most two decimals');
const unitCount = z.int().min(1).max(10_000);

/** 'YYYY-MM-DD' (a whole local day) or 'YYYY-MM-DDTHH:mm' (a local minute), in the org time zone. */
export const localDateTimeSchema = z.string().refine((v) => {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(v);
  if (!m || !isDate(m[1] as string)) return false;
  return m[2] === undefined || (Number(m[2]) < 24 && Number(m[3]) < 60);
}, 'expected YYYY-MM-DD or YYYY-MM-DDTHH:mm (local time of the org)');

export const localDateSchema = z.string().refine(isDate, 'expected YYYY-MM-DD');

/** 'HH:mm', 00:00–24:00. */
export const clockTimeSchema = z.string().refine((v) => {
  const m = /^(\d{2}):(\d{2})$/.exec(v);
  if (!m) return false;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return Number(m[2]) < 60 && minutes <= 24 * 60;
}, 'expected HH:mm');

/** A daily window [from, to); `to` before `from` crosses midnight (22:00–02:00). */
export const hourWindowSchema = z
  .strictObject({ from: clockTimeSchema, to: clockTimeSchema })
  .refine((w) => w.from !== w.to, 'an hour window cannot start and end at the same time');

export const timeZoneSchema = z.string().refine(isTimeZone, 'unknown IANA time zone');

function untilNotBeforeFrom(v: { validFrom?: string; validUntil?: string }): boolean {
  if (v.validFrom === undefined || v.validUntil === undefined) return true;
  const from = v.validFrom.length === 10 ? `${v.validFrom}T00:00` : v.validFrom;
  const until = v.validUntil.length === 10 ? `${v.validUntil}T24:00` : v.validUntil;
  return from < until;
}
const windowMessage = { message: 'validUntil must be after validFrom', path: ['validUntil'] };

/**
 * Which lines a rule is about. Within a list any entry matches (OR); across the lists given, all must
 * match (AND): `{ categories: [['Süt Ürünleri']], brands: ['Pınar'] }` is Pınar dairy. An empty selector
 * matches every line. Categories are path prefixes (['Bebek'] matches ['Bebek', 'Bez']); category and
 * brand names are compared Turkish-insensitively (case and diacritics), SKUs exactly.
 */
export const lineSelectorSchema = z.strictObject({
  skus: z.array(code).min(1).max(10_000).optional(),
  categories: z
    .array(z.array(z.string().trim().min(1).max(200)).min(1).max(10))
    .min(1)
    .max(1000)
    .optional(),
  brands: z.array(z.string().trim().min(1).max(200)).min(1).max(1000).optional(),
  exclude: z
    .strictObject({
      skus: z.array(code).min(1).max(10_000).optional(),
      categories: z
        .array(z.array(z.string().trim().min(1).max(200)).min(1).max(10))
        .min(1)
        .max(1000)
        .optional(),
      brands: z.array(z.string().trim().min(1).max(200)).min(1).max(1000).optional(),
    })
    .optional(),
});

/** Conditions every promotion may carry; all given must hold. */
export const promotionConditionsSchema = z
  .strictObject({
    /** Customer tier codes (any). Anonymous baskets never qualify. */
    tiers: z.array(code).min(1).optional(),
    /** Segment ids or codes (any), matched against `customer.segments`. */
    segments: z.array(code).min(1).optional(),
    /** Customer tags (any), matched against `customer.tags`. */
    tags: z.array(code).min(1).optional(),
    storeCodes: z.array(code).min(1).optional(),
    channels: z.array(code).min(1).optional(),
    validFrom: localDateTimeSchema.optional(),
    validUntil: localDateTimeSchema.optional(),
    /** ISO weekdays, 1 = Monday … 7 = Sunday. */
    weekdays: z.array(z.int().min(1).max(7)).min(1).max(7).optional(),
    hours: z.array(hourWindowSchema).min(1).max(10).optional(),
    /** Basket value (kuruş) after the discounts of promotions evaluated before this one. */
    minimumBasket: kurus.optional(),
    /** The promotion applies only when one of these coupon codes is presented (normalised comparison). */
    couponCodes: z.array(code).min(1).max(1000).optional(),
    requiresCustomer: z.boolean().optional(),
  })
  .refine(untilNotBeforeFrom, windowMessage);

const promotionCommon = {
  id,
  label: z.string().trim().min(1).max(200),
  /** Higher runs first; equal priorities run in id order. */
  priority: z.int().min(-1_000_000).max(1_000_000),
  /** false: never shares a line with another promotion's discount ("indirimli ürünlerde geçerli değildir"). */
  stackable: z.boolean(),
  /** true: when it applies, no promotion of lower priority (or equal priority, later id) applies. */
  exclusive: z.boolean(),
  conditions: promotionConditionsSchema.optional(),
};

/** Category / brand / SKU percent off: every matching line gets `percent` off, rounded half up per line. */
export const percentOffSchema = z.strictObject({
  ...promotionCommon,
  kind: z.literal('percent_off'),
  target: lineSelectorSchema,
  percent,
  /** Cap on the promotion's total discount (kuruş), allocated pro rata when reached. */
  maxDiscount: positiveKurus.optional(),
});

/** Buy X get Y: for every `buy.quantity` units bought, `get.quantity` units get `get.percent` off (100 = free). */
export const buyGetSchema = z.strictObject({
  ...promotionCommon,
  kind: z.literal('buy_get'),
  buy: z.strictObject({ target: lineSelectorSchema, quantity: unitCount }),
  get: z.strictObject({
    /** Omitted: the same items as `buy` ("buy 2 get the 3rd half price"). */
    target: lineSelectorSchema.optional(),
    quantity: unitCount,
    percent,
  }),
  maxApplications: unitCount.optional(),
});

/** N for the price of M ("3 al 2 öde"): in every group of n units the n − m cheapest are free. */
export const nForMSchema = z
  .strictObject({
    ...promotionCommon,
    kind: z.literal('n_for_m'),
    target: lineSelectorSchema,
    n: z.int().min(2).max(100),
    m: z.int().min(1).max(99),
    maxApplications: unitCount.optional(),
  })
  .refine((p) => p.m < p.n, { message: 'm must be smaller than n', path: ['m'] });

export const thresholdRewardSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('amount_off'), amount: positiveKurus }),
  z.strictObject({ type: z.literal('percent_off'), percent, maxDiscount: positiveKurus.optional() }),
  z.strictObject({ type: z.literal('bonus_points'), points: z.int().min(1).max(10_000_000) }),
]);

/** Basket threshold: the highest step whose threshold the (target lines of the) basket reaches. */
export const basketThresholdSchema = z
  .strictObject({
    ...promotionCommon,
    kind: z.literal('basket_threshold'),
    /** Which lines count towards the threshold and share the discount; omitted = all. */
    target: lineSelectorSchema.optional(),
    steps: z
      .array(z.strictObject({ threshold: positiveKurus, reward: thresholdRewardSchema }))
      .min(1)
      .max(20),
  })
  .refine((p) => p.steps.every((s, i) => i === 0 || s.threshold > (p.steps[i - 1] as { threshold: number }).threshold), {
    message: 'step thresholds must increase',
    path: ['steps'],
  })
  .refine((p) => p.steps.every((s) => s.reward.type !== 'amount_off' || s.reward.amount <= s.threshold), {
    message: 'an amount off cannot exceed its threshold',
    path: ['steps'],
  });

/** Bundle price: these items together for `price` (kuruş). */
export const bundlePriceSchema = z.strictObject({
  ...promotionCommon,
  kind: z.literal('bundle_price'),
  items: z
    .array(z.strictObject({ target: lineSelectorSchema, quantity: unitCount }))
    .min(1)
    .max(20),
  price: positiveKurus,
  maxApplications: unitCount.optional(),
});

export const promotionSchema = z.discriminatedUnion('kind', [
  percentOffSchema,
  buyGetSchema,
  nForMSchema,
  basketThresholdSchema,
  bundlePriceSchema,
]);

/** A list of promotions evaluated together: ids must be unique. */
export const promotionListSchema = z
  .array(promotionSchema)
  .refine((list) => new Set(list.map((p) => p.id)).size === list.length, 'promotion ids must be unique');

// ---------------------------------------------------------------------------------------------------
// Basket

export const basketLineSchema = z.strictObject({
  lineId: z.string().min(1).max(100),
  sku: z.string().min(1).max(100).nullable(),
  categoryPath: z.array(z.string().max(200)).max(10),
  brand: z.string().max(200).nullable(),
  quantity: z
    .number()
    .gt(0)
    .max(1_000_000)
    .refine((v) => hasAtMostDecimals(v, 3), 'at most three decimals'),
  unitPrice: kurus,
});

export const basketSchema = z
  .strictObject({
    lines: z.array(basketLineSchema).max(1000),
    storeCode: z.string().min(1).max(100),
    channel: z.string().min(1).max(50),
    at: z.date(),
    timeZone: timeZoneSchema,
    customer: z
      .strictObject({
        id: z.string().min(1),
        tierCode: z.string().nullable(),
        tags: z.array(z.string()),
        birthdayThisMonth: z.boolean(),
        segments: z.array(z.string()).optional(),
      })
      .nullable(),
  })
  .refine((b) => new Set(b.lines.map((l) => l.lineId)).size === b.lines.length, { message: 'line ids must be unique', path: ['lines'] });

// ---------------------------------------------------------------------------------------------------
// Points program

const multiplierCommon = { id, factor };

/** One multiplier rule; rules are grouped by dimension (see docs/loyalty-engine.md for how they combine). */
export const multiplierSchema = z.discriminatedUnion('dimension', [
  z.strictObject({ ...multiplierCommon, dimension: z.literal('category'), categories: lineSelectorSchema.shape.categories.unwrap() }),
  z.strictObject({ ...multiplierCommon, dimension: z.literal('brand'), brands: lineSelectorSchema.shape.brands.unwrap() }),
  z.strictObject({ ...multiplierCommon, dimension: z.literal('sku'), skus: lineSelectorSchema.shape.skus.unwrap() }),
  z.strictObject({ ...multiplierCommon, dimension: z.literal('store'), storeCodes: z.array(code).min(1) }),
  z
    .strictObject({
      ...multiplierCommon,
      dimension: z.literal('time'),
      validFrom: localDateTimeSchema.optional(),
      validUntil: localDateTimeSchema.optional(),
      weekdays: z.array(z.int().min(1).max(7)).min(1).max(7).optional(),
      hours: z.array(hourWindowSchema).min(1).max(10).optional(),
    })
    .refine((m) => m.validFrom || m.validUntil || m.weekdays || m.hours, 'a time multiplier needs a date range, weekdays or hours')
    .refine(untilNotBeforeFrom, windowMessage),
]);

export const pointsProgramSchema = z.strictObject({
  earn: z.strictObject({
    /** `points` points for every `per` kuruş of net spend: { points: 1, per: 100 } = 1 point per lira. */
    rate: z.strictObject({ points: z.int().min(1).max(10_000), per: z.int().min(1).max(MAX_MONEY) }),
    /** Net basket (after discounts, before paying with points) needed to earn anything. */
    minimumBasket: kurus.optional(),
    /** Lines that never earn (tobacco, gift cards…). */
    exclude: lineSelectorSchema.optional(),
    multipliers: z.array(multiplierSchema).max(500).optional(),
  }),
  /** Birthday month: fixed bonus points per receipt, or one more multiplier dimension. */
  birthday: z
    .discriminatedUnion('type', [
      z.strictObject({ type: z.literal('points'), points: z.int().min(1).max(10_000_000) }),
      z.strictObject({ type: z.literal('multiplier'), factor }),
    ])
    .optional(),
  burn: z
    .strictObject({
      /** `points` points are worth `value` kuruş: { points: 100, value: 100 } = 100 points per lira. */
      points: z.int().min(1).max(1_000_000),
      value: z.int().min(1).max(MAX_MONEY),
      minPoints: points.optional(),
      maxPoints: z.int().min(1).max(1_000_000_000).optional(),
      /** The largest share of the payable amount points may pay, in percent. */
      maxSharePercent: percent.optional(),
    })
    .refine((b) => b.minPoints === undefined || b.maxPoints === undefined || b.minPoints <= b.maxPoints, {
      message: 'minPoints cannot exceed maxPoints',
      path: ['minPoints'],
    }),
  /** Omitted: points never expire. */
  expiry: z.strictObject({ months: z.int().min(1).max(240), monthEnd: z.boolean() }).optional(),
});

// ---------------------------------------------------------------------------------------------------
// Ledger (expiry)

export const ledgerEntrySchema = z
  .strictObject({
    id: z.string().min(1),
    type: z.enum(['earn', 'burn', 'expire', 'adjust', 'reversal']),
    /** Signed: earn > 0, burn and expire < 0, adjust and reversal either way. */
    points: z.int().min(-1_000_000_000).max(1_000_000_000),
    occurredAt: z.date(),
    /** For a reversal: the entry it reverses (an earn on a refund, a burn when paid points come back). */
    reversesId: z.string().min(1).optional(),
  })
  .refine((e) => (e.type === 'earn' ? e.points > 0 : e.type === 'burn' || e.type === 'expire' ? e.points < 0 : e.points !== 0), {
    message: 'earn entries are positive, burn and expire entries negative, others non-zero',
    path: ['points'],
  });

export const expiryPolicySchema = pointsProgramSchema.shape.expiry.unwrap();

// ---------------------------------------------------------------------------------------------------
// Coupons

/** How an issued coupon's validity is computed: from `startsInDays` after the issuing day, for `days` days. */
export const couponTemplateSchema = z.strictObject({
  /** The promotion the coupon unlocks (its own couponCodes condition is set when the coupon is used). */
  effect: promotionSchema,
  validity: z.strictObject({ startsInDays: z.int().min(0).max(365), days: z.int().min(1).max(3650) }),
  minimumBasket: kurus.optional(),
});

export const couponSchema = z
  .strictObject({
    code,
    /** unique: one code, one use; shared: one code, many uses (usageLimit); personal: one customer, one use. */
    kind: z.enum(['unique', 'shared', 'personal']),
    customerId: z.string().min(1).nullable().optional(),
    active: z.boolean().optional(),
    validFrom: localDateTimeSchema.optional(),
    validUntil: localDateTimeSchema.optional(),
    /** Gross basket value (kuruş, before discounts) needed to use the coupon. */
    minimumBasket: kurus.optional(),
    /** Shared codes: total uses allowed. */
    usageLimit: z.int().min(1).optional(),
    onePerCustomer: z.boolean().optional(),
    requiresCustomer: z.boolean().optional(),
    effect: promotionSchema,
  })
  .refine((c) => c.kind !== 'personal' || !!c.customerId, { message: 'a personal coupon needs a customerId', path: ['customerId'] })
  .refine(untilNotBeforeFrom, windowMessage);

export const codeFormatSchema = z.strictObject({
  length: z.int().min(4).max(32),
  prefix: z
    .string()
    .regex(/^[A-Z0-9]*$/, 'upper-case letters and digits only')
    .max(16)
    .optional(),
  alphabet: z
    .string()
    .min(2)
    .max(256)
    .regex(/^[A-Z0-9]+$/, 'upper-case ASCII letters and digits only')
    .refine((a) => new Set(a).size === a.length, 'alphabet characters must be unique')
    .optional(),
});

/** Receipt-bottom ("fiş altı") coupon rule: a basket with the trigger items earns a coupon for next time. */
export const couponIssueRuleSchema = z
  .strictObject({
    id,
    label: z.string().trim().min(1).max(200),
    trigger: z.strictObject({
      target: lineSelectorSchema,
      /** Units of matching items needed (default: any). */
      minQuantity: z.number().gt(0).max(1_000_000).optional(),
      /** Value (kuruş, after line discounts) of matching items needed. */
      minAmount: positiveKurus.optional(),
    }),
    conditions: promotionConditionsSchema.optional(),
    /** Default true: the coupon is personal, so anonymous baskets get nothing. */
    personal: z.boolean().optional(),
    coupon: couponTemplateSchema,
  })
  .refine((r) => r.conditions?.couponCodes === undefined, {
    message: 'issue rules cannot require a coupon code',
    path: ['conditions', 'couponCodes'],
  });

// ---------------------------------------------------------------------------------------------------
// Tiers and stamp cards

export const tierSchema = z.strictObject({
  code,
  name: z.string().trim().min(1).max(100).optional(),
  /** Rolling-12-month spend (kuruş) or points needed. */
  threshold: z.int().min(0).max(Number.MAX_SAFE_INTEGER),
  benefits: z
    .strictObject({
      multiplier: factor.optional(),
      freeShipping: z.boolean().optional(),
      birthdayGift: z.strictObject({ points: z.int().min(1).optional(), coupon: couponTemplateSchema.optional() }).optional(),
    })
    .optional(),
});

export const tierListSchema = z
  .array(tierSchema)
  .min(1)
  .max(20)
  .refine((ts) => new Set(ts.map((t) => t.code)).size === ts.length, 'tier codes must be unique')
  .refine((ts) => new Set(ts.map((t) => t.threshold)).size === ts.length, 'tier thresholds must be different');

export const tierProgramSchema = z.strictObject({
  metric: z.enum(['spend', 'points']),
  windowMonths: z.int().min(1).max(36),
  tiers: tierListSchema,
});

export const stampCardSchema = z.strictObject({
  id,
  name: z.string().trim().min(1).max(100),
  qualifying: lineSelectorSchema,
  stampsNeeded: z.int().min(1).max(100),
  /** A stamp per qualifying line, or per qualifying unit (weighed lines count whole units only). */
  per: z.enum(['line', 'unit']),
  maxStampsPerReceipt: z.int().min(1).max(1000).optional(),
  reward: couponTemplateSchema,
});

export const stampProgressSchema = z.strictObject({
  stamps: z.int().min(0),
  totalStamps: z.int().min(0).optional(),
  rewards: z.int().min(0).optional(),
});

// ---------------------------------------------------------------------------------------------------
// Types

export type LineSelector = z.infer<typeof lineSelectorSchema>;
export type PromotionConditions = z.infer<typeof promotionConditionsSchema>;
export type PercentOffPromotion = z.infer<typeof percentOffSchema>;
export type BuyGetPromotion = z.infer<typeof buyGetSchema>;
export type NForMPromotion = z.infer<typeof nForMSchema>;
export type BasketThresholdPromotion = z.infer<typeof basketThresholdSchema>;
export type ThresholdReward = z.infer<typeof thresholdRewardSchema>;
export type BundlePricePromotion = z.infer<typeof bundlePriceSchema>;
export type Promotion = z.infer<typeof promotionSchema>;
export type PromotionKind = Promotion['kind'];
export type BasketLine = z.infer<typeof basketLineSchema>;
export type Basket = z.infer<typeof basketSchema>;
export type Customer = NonNullable<Basket['customer']>;
export type Multiplier = z.infer<typeof multiplierSchema>;
export type PointsProgram = z.infer<typeof pointsProgramSchema>;
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;
export type ExpiryPolicy = z.infer<typeof expiryPolicySchema>;
export type CouponTemplate = z.infer<typeof couponTemplateSchema>;
export type Coupon = z.infer<typeof couponSchema>;
export type CodeFormat = z.infer<typeof codeFormatSchema>;
export type CouponIssueRule = z.infer<typeof couponIssueRuleSchema>;
export type Tier = z.infer<typeof tierSchema>;
export type TierProgram = z.infer<typeof tierProgramSchema>;
export type StampCard = z.infer<typeof stampCardSchema>;
export type StampProgress = z.infer<typeof stampProgressSchema>;
