import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { orgIdColumn, tenantPolicy } from '../../platform/db/tenant-table';
import { orgs } from '../access/schema';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/**
 * One row per org: `version` is bumped in the same transaction as every change of a program,
 * promotion, stamp card or receipt-coupon rule, so each process can keep the org's definitions in
 * memory and check them with one primary-key read per POS request (config.ts).
 */
export const loyaltyConfig = pgTable(
  'loyalty_config',
  {
    orgId: orgIdColumn(),
    version: integer('version').notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.orgId] }),
    tenantPolicy('loyalty_config'),
  ],
);

/**
 * A points program: org-wide (`brand_id` null) or a brand's. A receipt at a store of brand X uses
 * X's active program, else the org's. `definition` is the engine's pointsProgramSchema (earn, burn,
 * expiry); `tiers` its tierListSchema with the metric and window beside it. The job columns
 * (`expiry_through`, `warned_through`, `tier_reviewed_on`) are the nightly jobs' progress, not
 * definition: they do not bump `version`.
 */
export const loyaltyPrograms = pgTable(
  'loyalty_programs',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull(),
    brandId: uuid('brand_id'),
    name: text('name').notNull(),
    active: boolean('active').notNull().default(true),
    definition: jsonb('definition').notNull(),
    /** spend | points (null: no tiers) */
    tierMetric: text('tier_metric'),
    tierWindowMonths: smallint('tier_window_months'),
    tiers: jsonb('tiers'),
    tierReviewMonth: smallint('tier_review_month').notNull().default(1),
    tierReviewDay: smallint('tier_review_day').notNull().default(1),
    /** `loyalty.points_expiring` is emitted this many days before points expire. */
    expiryWarningDays: smallint('expiry_warning_days').notNull().default(30),
    version: integer('version').notNull().default(1),
    expiryThrough: timestamp('expiry_through', { withTimezone: true }),
    warnedThrough: timestamp('warned_through', { withTimezone: true }),
    tierReviewedOn: date('tier_reviewed_on', { mode: 'string' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.orgId] }),
    // One active program per brand, and one org-wide.
    uniqueIndex('loyalty_programs_active_key').on(t.orgId, sql`coalesce(${t.brandId}::text, '')`).where(sql`active`),
    tenantPolicy('loyalty_programs'),
  ],
);

/**
 * A customer's standing in a program. `balance` is a cache of the ledger sum, maintained in the
 * same transaction as every ledger entry; writers lock the row (`for update`) first, so concurrent
 * burns queue up and the CHECK is the last line of defence, never the first.
 */
export const loyaltyAccounts = pgTable(
  'loyalty_accounts',
  {
    orgId: orgIdColumn(),
    programId: uuid('program_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    balance: integer('balance').notNull().default(0),
    tierCode: text('tier_code'),
    tierSince: timestamp('tier_since', { withTimezone: true }),
    /** 'YYYY-MM' (org calendar) of the last birthday-month bonus, so it is given once a month. */
    birthdayBonusMonth: text('birthday_bonus_month'),
    /** The latest lot expiry a `loyalty.points_expiring` warning was sent for. */
    expiryWarnedThrough: timestamp('expiry_warned_through', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.programId, t.customerId] }),
    foreignKey({ columns: [t.orgId, t.programId], foreignColumns: [loyaltyPrograms.orgId, loyaltyPrograms.id] }),
    check('loyalty_accounts_balance_check', sql`balance >= 0`),
    index('loyalty_accounts_customer_idx').on(t.orgId, t.customerId),
    tenantPolicy('loyalty_accounts'),
  ],
);

export const LEDGER_KINDS = ['earn', 'burn', 'expire', 'adjust', 'reversal', 'bonus'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/**
 * The points ledger: append-only (the code never updates or deletes an entry, except moving a
 * merged customer's entries to the survivor and blanking free-text reasons on erasure). Points are
 * signed. An earn with 0 points still records the receipt's `qualifying_amount` (rolling tier
 * spend). `lot_id` names the entry a reversal gives back to or takes from (an earn/bonus lot on a
 * refund, a burn when redeemed points come back). `expires_at` is set on credits (their lot).
 */
export const pointsLedger = pgTable(
  'points_ledger',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull(),
    programId: uuid('program_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    kind: text('kind').$type<LedgerKind>().notNull(),
    points: integer('points').notNull(),
    receiptId: uuid('receipt_id'),
    returnId: uuid('return_id'),
    lotId: uuid('lot_id'),
    qualifyingAmount: bigint('qualifying_amount', { mode: 'number' }).notNull().default(0),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    reason: text('reason'),
    actorType: text('actor_type'),
    actorId: uuid('actor_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.programId], foreignColumns: [loyaltyPrograms.orgId, loyaltyPrograms.id] }),
    check(
      'points_ledger_sign_check',
      sql`(kind = 'earn' and points >= 0) or (kind = 'bonus' and points > 0) or (kind in ('burn', 'expire') and points < 0)
          or (kind = 'adjust' and points <> 0) or kind = 'reversal'`,
    ),
    // FIFO replay of one account, and the rolling tier window.
    index('points_ledger_account_idx').on(t.orgId, t.programId, t.customerId, t.occurredAt, t.id),
    // A customer's history, newest first.
    index('points_ledger_customer_idx').on(t.orgId, t.customerId, t.occurredAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('points_ledger_receipt_idx').on(t.orgId, t.receiptId).where(sql`receipt_id is not null`),
    index('points_ledger_expiry_idx').on(t.orgId, t.programId, t.expiresAt).where(sql`expires_at is not null`),
    // A receipt earns, gets its bonus and burns once per program, however often a subscriber runs.
    uniqueIndex('points_ledger_receipt_once_key')
      .on(t.orgId, t.programId, t.receiptId, t.kind)
      .where(sql`receipt_id is not null and kind in ('earn', 'bonus', 'burn')`),
    tenantPolicy('points_ledger'),
  ],
);

/** Engine promotions (promotionSchema); `code` is the definition's own id, unique in the org. */
export const promotions = pgTable(
  'promotions',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull(),
    code: text('code').notNull(),
    brandId: uuid('brand_id'),
    active: boolean('active').notNull().default(true),
    definition: jsonb('definition').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.orgId] }),
    uniqueIndex('promotions_code_key').on(t.orgId, t.code),
    tenantPolicy('promotions'),
  ],
);

/** Stamp card definitions (stampCardSchema); `code` is the definition's id. */
export const stampCards = pgTable(
  'stamp_cards',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull(),
    code: text('code').notNull(),
    active: boolean('active').notNull().default(true),
    definition: jsonb('definition').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.orgId] }),
    uniqueIndex('stamp_cards_code_key').on(t.orgId, t.code),
    tenantPolicy('stamp_cards'),
  ],
);

export const stampProgress = pgTable(
  'stamp_progress',
  {
    orgId: orgIdColumn(),
    cardId: uuid('card_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    /** Stamps towards the next reward. */
    stamps: integer('stamps').notNull().default(0),
    totalStamps: integer('total_stamps').notNull().default(0),
    rewards: integer('rewards').notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.cardId, t.customerId] }),
    foreignKey({ columns: [t.orgId, t.cardId], foreignColumns: [stampCards.orgId, stampCards.id] }),
    check('stamp_progress_stamps_check', sql`stamps >= 0`),
    index('stamp_progress_customer_idx').on(t.orgId, t.customerId),
    tenantPolicy('stamp_progress'),
  ],
);

/** Every change of a stamp card's progress (receipt, counter button, refund, merge): the history. */
export const stampMovements = pgTable(
  'stamp_movements',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull(),
    cardId: uuid('card_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    /** receipt | manual | refund | merge */
    source: text('source').notNull(),
    stamps: integer('stamps').notNull(),
    rewards: integer('rewards').notNull().default(0),
    receiptId: uuid('receipt_id'),
    returnId: uuid('return_id'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    actorType: text('actor_type'),
    actorId: uuid('actor_id'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.cardId], foreignColumns: [stampCards.orgId, stampCards.id] }),
    index('stamp_movements_receipt_idx').on(t.orgId, t.receiptId).where(sql`receipt_id is not null`),
    index('stamp_movements_customer_idx').on(t.orgId, t.customerId, t.occurredAt),
    tenantPolicy('stamp_movements'),
  ],
);

export const CAMPAIGN_KINDS = ['unique', 'shared', 'personal'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];

/**
 * A coupon campaign: `definition` holds the engine couponSchema fields shared by its codes
 * (effect, validity, minimum basket, usage limit, one per customer…). Unique campaigns get generated
 * codes, a shared campaign has one code with many uses, personal codes are issued to customers.
 */
export const couponCampaigns = pgTable(
  'coupon_campaigns',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    kind: text('kind').$type<CampaignKind>().notNull(),
    active: boolean('active').notNull().default(true),
    definition: jsonb('definition').notNull(),
    /** { length, prefix } of generated codes */
    codeFormat: jsonb('code_format'),
    /** A refunded receipt gives its coupon back (the use is undone). */
    reinstateOnRefund: boolean('reinstate_on_refund').notNull().default(false),
    codesCount: integer('codes_count').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.orgId] }),
    check('coupon_campaigns_kind_check', sql`kind in ('unique', 'shared', 'personal')`),
    tenantPolicy('coupon_campaigns'),
  ],
);

/**
 * One coupon code (normalised, engine normalizeCode). Campaign codes take their terms from the
 * campaign; coupons issued by a receipt-coupon rule, a stamp card or a tier gift carry them in
 * `definition` (a snapshot: a later change of the rule does not change a printed coupon).
 * `uses < max_uses` is checked and incremented in one UPDATE: single use is race-free.
 */
export const couponCodes = pgTable(
  'coupon_codes',
  {
    orgId: orgIdColumn(),
    code: text('code').notNull(),
    campaignId: uuid('campaign_id'),
    customerId: uuid('customer_id'),
    uses: integer('uses').notNull().default(0),
    /** null: unlimited (a shared code without a usage limit) */
    maxUses: integer('max_uses'),
    /** active | void */
    status: text('status').notNull().default('active'),
    /** campaign | receipt_rule | stamp_card | tier_gift */
    source: text('source').notNull().default('campaign'),
    sourceId: uuid('source_id'),
    definition: jsonb('definition'),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    issuedReceiptId: uuid('issued_receipt_id'),
    /** Local (org wall clock) 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:mm', like the engine's windows. */
    validFrom: text('valid_from'),
    validUntil: text('valid_until'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.code] }),
    foreignKey({ columns: [t.orgId, t.campaignId], foreignColumns: [couponCampaigns.orgId, couponCampaigns.id] }),
    check('coupon_codes_uses_check', sql`uses >= 0 and (max_uses is null or uses <= max_uses)`),
    index('coupon_codes_campaign_idx').on(t.orgId, t.campaignId, t.code),
    index('coupon_codes_customer_idx').on(t.orgId, t.customerId).where(sql`customer_id is not null`),
    index('coupon_codes_receipt_idx').on(t.orgId, t.issuedReceiptId).where(sql`issued_receipt_id is not null`),
    tenantPolicy('coupon_codes'),
  ],
);

/**
 * A use of a code on a receipt. `per_customer_key` is the customer for one-per-customer codes, so
 * a unique index stops the same customer using it twice even concurrently; a refund that
 * reinstates the coupon sets `reinstated_at`.
 */
export const couponRedemptions = pgTable(
  'coupon_redemptions',
  {
    orgId: orgIdColumn(),
    code: text('code').notNull(),
    receiptId: uuid('receipt_id').notNull(),
    customerId: uuid('customer_id'),
    campaignId: uuid('campaign_id'),
    perCustomerKey: uuid('per_customer_key'),
    discount: bigint('discount', { mode: 'number' }).notNull().default(0),
    redeemedAt: timestamp('redeemed_at', { withTimezone: true }).notNull(),
    reinstatedAt: timestamp('reinstated_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.code, t.receiptId] }),
    foreignKey({ columns: [t.orgId, t.code], foreignColumns: [couponCodes.orgId, couponCodes.code] }),
    uniqueIndex('coupon_redemptions_per_customer_key')
      .on(t.orgId, t.code, t.perCustomerKey)
      .where(sql`per_customer_key is not null and reinstated_at is null`),
    index('coupon_redemptions_receipt_idx').on(t.orgId, t.receiptId),
    index('coupon_redemptions_customer_idx').on(t.orgId, t.customerId).where(sql`customer_id is not null`),
    tenantPolicy('coupon_redemptions'),
  ],
);

/** Receipt-bottom ("fiş altı") coupon rules (couponIssueRuleSchema); `code` is the definition's id. */
export const receiptCouponRules = pgTable(
  'receipt_coupon_rules',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull(),
    code: text('code').notNull(),
    active: boolean('active').notNull().default(true),
    definition: jsonb('definition').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.orgId] }),
    uniqueIndex('receipt_coupon_rules_code_key').on(t.orgId, t.code),
    tenantPolicy('receipt_coupon_rules'),
  ],
);
