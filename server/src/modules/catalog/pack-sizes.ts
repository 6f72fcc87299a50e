import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';

/**
 * The pack size of every product that names one: the `packSize` attribute ("1 L", "40"), else its
 * `size`. For reports that compare what stores sell by pack (the analytics assortment report).
 */
export async function productPackSizes(tx: Tx): Promise<{ id: string; pack: string }[]> {
  const { rows } = await tx.execute<{ id: string; pack: string }>(sql`
    select id::text, coalesce(nullif(attributes->>'packSize', ''), nullif(attributes->>'size', '')) as pack
      from products
     where org_id = ${tx.orgId} and coalesce(nullif(attributes->>'packSize', ''), nullif(attributes->>'size', '')) is not null`);
  return rows;
}
