import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { isUuid } from '../../platform/ids';

/**
 * A supplier (by id or code) and the ids of its products, for reports on a supplier's sales
 * (the analytics co-op report). Null when the org has no such supplier.
 */
export async function supplierProducts(
  tx: Tx,
  supplier: string,
): Promise<{ supplier: { id: string; code: string; name: string }; productIds: string[] } | null> {
  const { rows } = await tx.execute<{ id: string; code: string; name: string }>(sql`
    select id::text, code, name from suppliers
     where org_id = ${tx.orgId} and (code = ${supplier} ${isUuid(supplier) ? sql`or id = ${supplier}::uuid` : sql``})
     order by (code = ${supplier}) desc limit 1`);
  const found = rows[0];
  if (!found) return null;
  const { rows: products } = await tx.execute<{ id: string }>(sql`
    select id::text from products where org_id = ${tx.orgId} and supplier_id = ${found.id}::uuid`);
  return { supplier: found, productIds: products.map((p) => p.id) };
}
