import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';

export interface Contact {
  phone: string | null;
  email: string | null;
  firstName: string | null;
}

/** The live customers among `ids` with their primary phone and e-mail (messaging: one statement for any number). */
export async function contactsOf(tx: Tx, ids: string[]): Promise<Map<string, Contact>> {
  const out = new Map<string, Contact>();
  if (ids.length === 0) return out;
  const { rows } = await tx.execute<{ id: string; phone: string | null; email: string | null; first_name: string | null }>(sql`
    select id, phone, email::text, first_name from customers
    where org_id = ${tx.orgId} and id = any(${sql.param(ids)}::uuid[]) and status = 'active'`);
  for (const r of rows) out.set(r.id, { phone: r.phone, email: r.email, firstName: r.first_name });
  return out;
}
