import { foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { orgIdColumn, tenantPolicy } from '../../platform/db/tenant-table';
import { orgs } from '../access/schema';

/**
 * A segment: a rule tree (rule.ts) that is `dynamic` (re-evaluated by the refresh job and after
 * relevant events) or `static` (a frozen snapshot or an uploaded list: its members never change
 * by themselves). `rule` is null for a static list that was only ever uploaded.
 */
export const segments = pgTable(
  'segments',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    kind: text('kind').$type<'dynamic' | 'static'>().notNull(),
    rule: jsonb('rule'),
    brandId: uuid('brand_id'),
    /** The dynamic segment a static snapshot was frozen from. */
    frozenFrom: uuid('frozen_from'),
    memberCount: integer('member_count').notNull().default(0),
    refreshedAt: timestamp('refreshed_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.orgId] }),
    tenantPolicy('segments'),
  ],
);

/**
 * Who is in a segment now. For a dynamic segment the refresh replaces it by diff (entered /
 * exited events in the same transaction); for a static one it is the list itself.
 */
export const segmentMembers = pgTable(
  'segment_members',
  {
    orgId: orgIdColumn(),
    segmentId: uuid('segment_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    since: timestamp('since', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.segmentId, t.customerId] }),
    foreignKey({ columns: [t.orgId, t.segmentId], foreignColumns: [segments.orgId, segments.id] }).onDelete('cascade'),
    index('segment_members_customer_idx').on(t.orgId, t.customerId),
    tenantPolicy('segment_members'),
  ],
);
