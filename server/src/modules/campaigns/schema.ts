import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { orgIdColumn, tenantPolicy } from '../../platform/db/tenant-table';
import { orgs } from '../access/schema';

export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'sending', 'testing', 'sent', 'cancelled'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export interface CampaignVariant {
  key: string;
  templateId: string;
  /** Share of the whole audience, percent. */
  percent: number;
}

/** What the send recorded: audience and control sizes, messages queued and skipped by reason, per group. */
export interface CampaignCounts {
  audience: number;
  groups: Record<string, number>;
  queued: number;
  skipped: Record<string, number>;
}

/**
 * A broadcast: an audience (segments in, segments out), a channel, up to 4 variants (templates)
 * with their shares, a held-out control group, an optional A/B test whose winner goes to the rest,
 * a schedule and the attribution rule its report uses.
 */
export const campaigns = pgTable(
  'campaigns',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    status: text('status').$type<CampaignStatus>().notNull().default('draft'),
    channel: text('channel').notNull(),
    brandId: uuid('brand_id'),
    includeSegments: uuid('include_segments').array().notNull().default([]),
    excludeSegments: uuid('exclude_segments').array().notNull().default([]),
    variants: jsonb('variants').$type<CampaignVariant[]>().notNull(),
    /** Held-out share in basis points (1,000 = 10 %). */
    controlBp: integer('control_bp').notNull().default(0),
    /** A/B: the winner by this metric, decided this many hours after the start, goes to the rest. */
    winnerMetric: text('winner_metric'),
    decideAfterHours: integer('decide_after_hours'),
    winner: text('winner'),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    /** Messages per hour; null: as fast as the providers allow. */
    throttlePerHour: integer('throttle_per_hour'),
    attributionDays: integer('attribution_days').notNull().default(7),
    attributionModel: text('attribution_model').notNull().default('last_touch'),
    /** A loyalty campaign of personal coupons: each messaged customer gets a code (`{{couponCode}}`). */
    couponCampaignId: uuid('coupon_campaign_id'),
    preset: text('preset'),
    counts: jsonb('counts').$type<CampaignCounts>(),
    runId: uuid('run_id'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.orgId] }),
    check('campaigns_status_check', sql`status in ('draft', 'scheduled', 'sending', 'testing', 'sent', 'cancelled')`),
    check('campaigns_channel_check', sql`channel in ('sms', 'email', 'whatsapp')`),
    check('campaigns_attribution_check', sql`attribution_model in ('last_touch', 'first_touch') and attribution_days between 1 and 90`),
    index('campaigns_list_idx').on(t.orgId, t.createdAt.desc()),
    tenantPolicy('campaigns'),
  ],
);

/**
 * Who was in the campaign and in which group — `control` (held out, never messaged), a variant
 * key, or `rest` (waiting for the A/B winner; then sent the winner). Kept so uplift is measured
 * on the very customers who were held out.
 */
export const campaignRecipients = pgTable(
  'campaign_recipients',
  {
    orgId: orgIdColumn(),
    campaignId: uuid('campaign_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    group: text('group_key').notNull(),
    /** When its message was handed to messaging (null: control, or rest still waiting). */
    messagedAt: timestamp('messaged_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.campaignId, t.customerId] }),
    foreignKey({ columns: [t.orgId, t.campaignId], foreignColumns: [campaigns.orgId, campaigns.id] }).onDelete('cascade'),
    index('campaign_recipients_group_idx').on(t.orgId, t.campaignId, t.group),
    index('campaign_recipients_customer_idx').on(t.orgId, t.customerId),
    tenantPolicy('campaign_recipients'),
  ],
);
