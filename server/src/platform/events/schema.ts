import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { orgIdColumn, tenantPolicy } from '../db/tenant-table';

/**
 * The customer's memory and the transactional outbox in one table: an event row is written in
 * the same transaction as the change it describes and delivered to subscribers after commit.
 */
export const events = pgTable(
  'events',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull(),
    type: text('type').notNull(),
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    customerId: uuid('customer_id'),
    actorType: text('actor_type'),
    actorId: uuid('actor_id'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
    /** Subscribers that already handled it, so a retry after a partial failure skips them. */
    deliveredTo: text('delivered_to').array().notNull().default([]),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('events_pending_idx').on(t.nextAttemptAt).where(sql`dispatched_at is null`),
    index('events_customer_idx').on(t.orgId, t.customerId, t.occurredAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    tenantPolicy('events'),
  ],
);
