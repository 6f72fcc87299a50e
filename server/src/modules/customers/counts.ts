import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';

/**
 * Data quality of these customers, counts only (for the analytics KPIs): how many are live
 * records and their average quality score (0–100, `quality.ts`; null when none is live).
 */
export async function qualityOfCustomers(
  tx: Tx,
  customerIds: readonly string[],
): Promise<{ customers: number; averageScore: number | null }> {
  if (customerIds.length === 0) return { customers: 0, averageScore: null };
  const { rows } = await tx.execute<{ n: number; average: string | null }>(sql`
    select count(*)::int as n, round(avg(quality_score), 1)::text as average
      from customers
     where org_id = ${tx.orgId} and status = 'active' and id = any(${sql.param(customerIds)}::uuid[])`);
  return { customers: rows[0]?.n ?? 0, averageScore: rows[0]?.average == null ? null : Number(rows[0].average) };
}
