import { integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { orgIdColumn, tenantPolicy } from '../db/tenant-table';

/**
 * A background job a person waits for (an import, an export): status, progress and result,
 * readable at GET /api/v1/jobs/{id}. The work itself runs on pg-boss.
 */
export const jobRuns = pgTable(
  'job_runs',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull(),
    kind: text('kind').notNull(),
    status: text('status').notNull().default('queued'),
    done: integer('done').notNull().default(0),
    total: integer('total'),
    result: jsonb('result').$type<Record<string, unknown>>(),
    error: text('error'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), tenantPolicy('job_runs')],
);
