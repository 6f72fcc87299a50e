import { customType, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { orgIdColumn, tenantPolicy } from '../db/tenant-table';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * Files of an import job, in the database so that an api process and a separate worker both see
 * them: the upload (deleted when the job ends) and the rejected rows offered for download.
 */
export const importFiles = pgTable(
  'import_files',
  {
    orgId: orgIdColumn(),
    jobId: uuid('job_id').notNull(),
    /** 'upload' or 'rejected'. */
    role: text('role').notNull(),
    fileName: text('file_name').notNull(),
    content: bytea('content').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.jobId, t.role] }), tenantPolicy('import_files')],
);
