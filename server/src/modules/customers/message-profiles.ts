import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { customers } from './schema';

export interface MessageProfile {
  id: string;
  firstName: string | null;
  lastName: string | null;
  gender: string | null;
  phone: string | null;
  email: string | null;
}

/**
 * Names, gender and contact of many live customers in one query (one array parameter, so any number of ids), for personalising messages
 * (messaging templates). Merged and anonymised customers are absent from the map.
 */
export async function messageProfiles(tx: Tx, ids: string[]): Promise<Map<string, MessageProfile>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({
      id: customers.id,
      firstName: customers.firstName,
      lastName: customers.lastName,
      gender: customers.gender,
      phone: customers.phone,
      email: customers.email,
    })
    .from(customers)
    .where(
      and(
        eq(customers.orgId, tx.orgId!),
        sql`${customers.id} = any(${sql.param([...new Set(ids)])}::uuid[])`,
        eq(customers.status, 'active'),
      ),
    );
  return new Map(rows.map((r) => [r.id, r]));
}
