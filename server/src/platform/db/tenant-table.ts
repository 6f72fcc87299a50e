import { sql } from 'drizzle-orm';
import { pgPolicy, pgRole, uuid } from 'drizzle-orm/pg-core';
import { TENANT_ROLE } from './database';

/** Created by the first migration, not by drizzle-kit (it must exist cluster-wide). */
export const tenantRole = pgRole(TENANT_ROLE).existing();

/** The org column every tenant table starts with; it leads every key (DESIGN §2, Citus). */
export const orgIdColumn = () => uuid('org_id').notNull();

/**
 * Row-level security for a tenant table: a tenant transaction sees and writes only rows of the
 * org in `muhtar.org_id`. Defence in depth beside the explicit `org_id` filters in every query.
 */
export const tenantPolicy = (table: string) =>
  pgPolicy(`${table}_tenant_isolation`, {
    as: 'permissive',
    for: 'all',
    to: tenantRole,
    using: sql`org_id = current_org_id()`,
    withCheck: sql`org_id = current_org_id()`,
  });
