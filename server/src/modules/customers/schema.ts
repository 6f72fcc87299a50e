import { sql } from 'drizzle-orm';
import {
  customType,
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
const citext = customType<{ data: string }>({ dataType: () => 'citext' });

export type CustomValue = string | number | boolean | string[];

/**
 * One person known to the business. `status` is `active`, `merged` (kept as a tombstone that
 * points at the survivor, so old links and retried writes still resolve) or `anonymized`
 * (KVKK erasure: no personal data left, aggregates keep their row).
 */
export const customers = pgTable(
  'customers',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull(),
    status: text('status').notNull().default('active'),
    mergedInto: uuid('merged_into'),
    firstName: text('first_name'),
    lastName: text('last_name'),
    /** Turkish-folded "first last" (platform/text foldTurkish): what name search and dedup compare. */
    nameKey: text('name_key').notNull().default(''),
    /** The primary phone (E.164) and e-mail; every phone/e-mail is also an identity. */
    phone: text('phone'),
    email: citext('email'),
    birthYear: smallint('birth_year'),
    birthMonth: smallint('birth_month'),
    birthDay: smallint('birth_day'),
    gender: text('gender'),
    city: text('city'),
    district: text('district'),
    preferredStoreId: uuid('preferred_store_id'),
    sizeTop: text('size_top'),
    sizeBottom: text('size_bottom'),
    sizeShoe: text('size_shoe'),
    colours: text('colours').array().notNull().default([]),
    styles: text('styles').array().notNull().default([]),
    tags: text('tags').array().notNull().default([]),
    custom: jsonb('custom').$type<Record<string, CustomValue>>().notNull().default({}),
    createdVia: text('created_via').notNull(),
    createdStoreId: uuid('created_store_id'),
    createdByType: text('created_by_type'),
    createdById: uuid('created_by_id'),
    createdByName: text('created_by_name'),
    /** Set by the privacy module when any consent is recorded; data quality asks for one. */
    consentRecordedAt: timestamp('consent_recorded_at', { withTimezone: true }),
    /** Data quality: 0–100 and the problem codes, recomputed on every write. */
    qualityScore: smallint('quality_score').notNull().default(0),
    qualityIssues: text('quality_issues').array().notNull().default([]),
    /** Bumped on every write, so a merge can tell it read the latest version. */
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.orgId] }),
    uniqueIndex('customers_phone_key').on(t.orgId, t.phone).where(sql`status = 'active' and phone is not null`),
    // NULLS FIRST matches `order by … desc`, so a list or search stops after one page of the index.
    index('customers_list_idx').on(t.orgId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('customers_name_trgm_idx').using('gin', t.nameKey.op('gin_trgm_ops')),
    index('customers_phone_trgm_idx').using('gin', t.phone.op('gin_trgm_ops')),
    index('customers_tags_idx').using('gin', t.tags),
    index('customers_city_idx').on(t.orgId, t.city),
    index('customers_store_idx').on(t.orgId, t.preferredStoreId),
    index('customers_creator_idx').on(t.orgId, t.createdStoreId, t.createdById),
    tenantPolicy('customers'),
  ],
);

/**
 * Every key that identifies a customer: phone (E.164), email (lower case), card, external
 * (`shopify:123`). The primary key makes one identity belong to one customer per org, which is
 * what stops duplicates under concurrent writes.
 */
export const customerIdentities = pgTable(
  'customer_identities',
  {
    orgId: orgIdColumn(),
    kind: text('kind').notNull(),
    value: text('value').notNull(),
    customerId: uuid('customer_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.kind, t.value] }),
    index('customer_identities_customer_idx').on(t.orgId, t.customerId),
    index('customer_identities_prefix_idx').on(t.orgId, t.kind, t.value.op('text_pattern_ops')),
    foreignKey({ columns: [t.orgId, t.customerId], foreignColumns: [customers.orgId, customers.id] }),
    tenantPolicy('customer_identities'),
  ],
);

export const customerNotes = pgTable(
  'customer_notes',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    body: text('body').notNull(),
    authorType: text('author_type'),
    authorId: uuid('author_id'),
    authorName: text('author_name'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('customer_notes_customer_idx').on(t.orgId, t.customerId, t.createdAt.desc().nullsFirst()),
    foreignKey({ columns: [t.orgId, t.customerId], foreignColumns: [customers.orgId, customers.id] }),
    tenantPolicy('customer_notes'),
  ],
);

/** Fields an org adds to its customers; values live in `customers.custom` under `key`. */
export const customFields = pgTable(
  'custom_fields',
  {
    orgId: orgIdColumn(),
    key: text('key').notNull(),
    label: text('label').notNull(),
    type: text('type').notNull(),
    options: text('options').array().notNull().default([]),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.key] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.orgId] }),
    tenantPolicy('custom_fields'),
  ],
);

/** One merge: `mergedId` folded into `survivorId`. Unique per merged id, so a retry is a no-op. */
export const customerMerges = pgTable(
  'customer_merges',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull(),
    survivorId: uuid('survivor_id').notNull(),
    mergedId: uuid('merged_id').notNull(),
    /** The field values taken from the merged customer, and the survivor's values they replaced. */
    fields: jsonb('fields').$type<Record<string, { from: unknown; to: unknown }>>().notNull().default({}),
    actorType: text('actor_type'),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('customer_merges_merged_key').on(t.orgId, t.mergedId),
    index('customer_merges_survivor_idx').on(t.orgId, t.survivorId),
    tenantPolicy('customer_merges'),
  ],
);

/** Possible duplicates found by the dedup job, with their score and reasons, for review. */
export const duplicateCandidates = pgTable(
  'duplicate_candidates',
  {
    orgId: orgIdColumn(),
    /** The pair in id order, so (a, b) and (b, a) are one row. */
    customerA: uuid('customer_a').notNull(),
    customerB: uuid('customer_b').notNull(),
    score: smallint('score').notNull(),
    reasons: text('reasons').array().notNull(),
    /** open, dismissed or merged. */
    status: text('status').notNull().default('open'),
    detectedAt: timestamp('detected_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: uuid('resolved_by'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.customerA, t.customerB] }),
    index('duplicate_candidates_open_idx').on(t.orgId, t.status, t.score.desc()),
    tenantPolicy('duplicate_candidates'),
  ],
);
