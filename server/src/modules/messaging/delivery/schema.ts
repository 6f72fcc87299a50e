import { sql } from 'drizzle-orm';
import { foreignKey, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgIdColumn, tenantPolicy } from '../../../platform/db/tenant-table';
import { orgs } from '../../access/schema';
import { customers } from '../../customers/schema';
import type { MessageChannel } from '../providers/types';

export const MESSAGE_STATUSES = ['queued', 'sent', 'delivered', 'failed', 'skipped'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
export const PURPOSES = ['marketing', 'transactional'] as const;
export type Purpose = (typeof PURPOSES)[number];
/** Why a recipient was not sent to; every one is counted. */
export const SKIP_REASONS = [
  'unknown_customer',
  'no_address',
  'suppressed',
  'no_consent',
  'iys_not_accepted',
  'frequency_cap',
  'consent_revoked',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * One message to one recipient: queued by a campaign, a journey or a person, then sent by the
 * worker. A recipient the compliance checks refuse is kept as a `skipped` row with its reason, so
 * every skip is counted. `to` is the address used (E.164 or e-mail), null when the customer has none.
 */
export const messages = pgTable(
  'messages',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    channel: text('channel').$type<MessageChannel>().notNull(),
    to: text('to'),
    purpose: text('purpose').$type<Purpose>().notNull(),
    brandId: uuid('brand_id'),
    templateId: uuid('template_id'),
    campaignId: uuid('campaign_id'),
    variant: text('variant'),
    subject: text('subject'),
    text: text('text').notNull(),
    html: text('html'),
    whatsappTemplate: jsonb('whatsapp_template').$type<{ name: string; language: string; parameters: string[] }>(),
    status: text('status').$type<MessageStatus>().notNull(),
    skipReason: text('skip_reason').$type<SkipReason>(),
    providerConfigId: uuid('provider_config_id'),
    providerKind: text('provider_kind'),
    providerMessageId: text('provider_message_id'),
    parts: smallint('parts'),
    /** kuruş */
    cost: integer('cost'),
    attempts: smallint('attempts').notNull().default(0),
    /** When the worker may (re)try: the quiet-hours end, a retry's backoff, or a claim's lease. */
    nextAttemptAt: at('next_attempt_at'),
    /** Not sent before this instant (quiet hours, a scheduled send). */
    notBefore: at('not_before'),
    error: text('error'),
    createdBy: uuid('created_by'),
    queuedAt: at('queued_at').notNull().defaultNow(),
    sentAt: at('sent_at'),
    deliveredAt: at('delivered_at'),
    failedAt: at('failed_at'),
    openedAt: at('opened_at'),
    clickedAt: at('clicked_at'),
    unsubscribedAt: at('unsubscribed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.customerId], foreignColumns: [customers.orgId, customers.id] }),
    // The worker: due queued messages, oldest first.
    index('messages_due_idx').on(t.orgId, t.nextAttemptAt).where(sql`status = 'queued'`),
    // The outbox of one customer, and the frequency cap's count of recent marketing messages.
    index('messages_customer_idx').on(t.orgId, t.customerId, t.queuedAt),
    index('messages_campaign_idx').on(t.orgId, t.campaignId, t.status).where(sql`campaign_id is not null`),
    index('messages_status_idx').on(t.orgId, t.status, t.id),
    // Delivery reports name the provider's id.
    index('messages_provider_idx').on(t.providerConfigId, t.providerMessageId).where(sql`provider_message_id is not null`),
    tenantPolicy('messages'),
  ],
);

/** Addresses never sent marketing on a channel: unsubscribed, RET replies, bounces, added by hand. */
export const suppressions = pgTable(
  'message_suppressions',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull(),
    channel: text('channel').$type<MessageChannel>().notNull(),
    address: text('address').notNull(),
    /** unsubscribed, ret_reply, bounce, manual, complaint */
    reason: text('reason').notNull(),
    /** Who or what added it: a user's name, `unsubscribe_link`, `sms_reply`, a provider kind. */
    source: text('source').notNull(),
    createdBy: uuid('created_by'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.orgId] }),
    uniqueIndex('message_suppressions_address_key').on(t.orgId, t.channel, t.address),
    tenantPolicy('message_suppressions'),
  ],
);

/** Sending rules of an org; a missing row means the defaults. */
export const messagingSettings = pgTable(
  'messaging_settings',
  {
    orgId: orgIdColumn(),
    /** Local wall-clock minutes since midnight; start > end spans midnight. start = end: no quiet hours. */
    quietStart: smallint('quiet_start')
      .notNull()
      .default(21 * 60),
    quietEnd: smallint('quiet_end')
      .notNull()
      .default(9 * 60),
    /** At most this many marketing messages per customer in `frequencyDays` days (0: no cap). */
    frequencyCap: smallint('frequency_cap').notNull().default(2),
    frequencyDays: smallint('frequency_days').notNull().default(7),
    /** Attempts before a retryable provider error becomes `failed`. */
    maxAttempts: smallint('max_attempts').notNull().default(5),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.orgId] }),
    tenantPolicy('messaging_settings'),
  ],
);
