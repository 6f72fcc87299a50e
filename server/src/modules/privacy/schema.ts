import { sql } from 'drizzle-orm';
import {
  boolean,
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
import { customers } from '../customers/schema';
import type { Channel, ConsentStatus, RecipientType } from './channels';
import type { IysSyncStatus, RequestStatus, RequestType } from './request-kinds';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/**
 * Consent history, append-only: one row per consent given or withdrawn for one channel. The
 * current state per (customer, channel) is the latest row by `consent_at`. Rows are only ever
 * moved (merge) or deleted (KVKK erasure).
 */
export const consents = pgTable(
  'consents',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    /** sms, call, email, whatsapp. */
    channel: text('channel').$type<Channel>().notNull(),
    /** granted or revoked. */
    status: text('status').$type<ConsentStatus>().notNull(),
    /** İYS source code (HS_… when recorded here, IYS_… when pulled from İYS). */
    source: text('source').notNull(),
    /** BIREYSEL or TACIR. */
    recipientType: text('recipient_type').$type<RecipientType>().notNull().default('BIREYSEL'),
    brandId: uuid('brand_id'),
    consentAt: timestamp('consent_at', { withTimezone: true }).notNull(),
    storeId: uuid('store_id'),
    actorType: text('actor_type'),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    /** The version of the consent text shown to the customer. */
    textVersion: text('text_version'),
    /** muhtar (recorded here) or iys (pulled from İYS, e.g. a citizen's RET). */
    origin: text('origin').$type<'muhtar' | 'iys'>().notNull().default('muhtar'),
    /** İYS transaction of a pulled change, so a pull that runs twice records it once. */
    externalRef: text('external_ref'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.customerId], foreignColumns: [customers.orgId, customers.id] }),
    index('consents_current_idx').on(t.orgId, t.customerId, t.channel, t.consentAt.desc(), t.id.desc()),
    uniqueIndex('consents_external_key').on(t.orgId, t.externalRef).where(sql`external_ref is not null`),
    tenantPolicy('consents'),
  ],
);

/**
 * İYS delivery state of one consent row: pending → sent (batch accepted for processing) →
 * accepted | failed. `recipient` is the phone/e-mail the consent was given for.
 */
export const consentIysSync = pgTable(
  'consent_iys_sync',
  {
    orgId: orgIdColumn(),
    consentId: uuid('consent_id').notNull(),
    /** The settings used: 'org' or a brand id. */
    scope: text('scope').notNull(),
    recipient: text('recipient').notNull(),
    status: text('status').$type<IysSyncStatus>().notNull().default('pending'),
    attempts: smallint('attempts').notNull().default(0),
    requestId: text('request_id'),
    error: text('error'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.consentId] }),
    foreignKey({ columns: [t.orgId, t.consentId], foreignColumns: [consents.orgId, consents.id] }).onDelete('cascade'),
    index('consent_iys_sync_status_idx').on(t.orgId, t.status, t.scope),
    tenantPolicy('consent_iys_sync'),
  ],
);

/** İYS connection per org ('org' scope, the default) or per brand (scope = brand id). */
export const iysSettings = pgTable(
  'iys_settings',
  {
    orgId: orgIdColumn(),
    scope: text('scope').notNull(),
    enabled: boolean('enabled').notNull().default(false),
    baseUrl: text('base_url').notNull().default('https://api.iys.org.tr'),
    iysCode: text('iys_code'),
    brandCode: text('brand_code'),
    username: text('username'),
    /** AES-256-GCM ciphertext (platform-independent format, see iys/secret-box.ts). */
    passwordEnc: text('password_enc'),
    /** The `after` cursor of the last pull of changes. */
    pullAfter: text('pull_after'),
    lastPullAt: timestamp('last_pull_at', { withTimezone: true }),
    lastPullError: text('last_pull_error'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.scope] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.orgId] }),
    tenantPolicy('iys_settings'),
  ],
);

export interface RequestHistoryEntry {
  at: string;
  actor: string | null;
  action: string;
  status?: string;
  ownerId?: string | null;
}

/** KVKK Art. 11 data-subject requests: access, rectification, erasure, objection. */
export const privacyRequests = pgTable(
  'privacy_requests',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    type: text('type').$type<RequestType>().notNull(),
    status: text('status').$type<RequestStatus>().notNull().default('open'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    /** KVKK Art. 13: answered within 30 days of receipt. */
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    ownerId: uuid('owner_id'),
    notes: text('notes'),
    resolution: text('resolution'),
    /** The machine-readable export of an access request (cleared when the customer is erased). */
    exportData: jsonb('export_data'),
    executedAt: timestamp('executed_at', { withTimezone: true }),
    history: jsonb('history').$type<RequestHistoryEntry[]>().notNull().default([]),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.customerId], foreignColumns: [customers.orgId, customers.id] }),
    index('privacy_requests_queue_idx').on(t.orgId, t.status, t.dueAt, t.id),
    index('privacy_requests_customer_idx').on(t.orgId, t.customerId),
    tenantPolicy('privacy_requests'),
  ],
);

/** Retention policy of an org; off until someone turns it on. */
export const retentionPolicies = pgTable(
  'retention_policies',
  {
    orgId: orgIdColumn(),
    enabled: boolean('enabled').notNull().default(false),
    /** Anonymise customers with no activity for this many years (null: never). */
    inactiveYears: integer('inactive_years'),
    /** Purge message bodies older than this many days (null: never). */
    messageDays: integer('message_days'),
    lastRunAt: timestamp('last_run_at', { withTimezone: true }),
    lastResult: jsonb('last_result').$type<Record<string, unknown>>(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.orgId] }),
    tenantPolicy('retention_policies'),
  ],
);
