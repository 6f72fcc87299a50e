import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { loadConfig, programFor } from './config';
import { loyaltyAccounts } from './schema';

export interface LoyaltyBalance {
  points: number;
  /** The tier's display name (its code when unnamed); null without tiers or below the first. */
  tier: string | null;
}

/**
 * Points and tier of many customers in the brand's program (else the org-wide one), in one query:
 * what message templates fill `{{points}}` and `{{tier}}` with. Customers without an account
 * (or orgs without a program) are absent from the map.
 */
export async function loyaltyBalances(tx: Tx, customerIds: string[], brandId: string | null = null): Promise<Map<string, LoyaltyBalance>> {
  const out = new Map<string, LoyaltyBalance>();
  const program = programFor(await loadConfig(tx), brandId);
  if (!program || customerIds.length === 0) return out;
  const rows = await tx
    .select({ customerId: loyaltyAccounts.customerId, balance: loyaltyAccounts.balance, tierCode: loyaltyAccounts.tierCode })
    .from(loyaltyAccounts)
    .where(
      and(
        eq(loyaltyAccounts.orgId, tx.orgId!),
        eq(loyaltyAccounts.programId, program.id),
        sql`${loyaltyAccounts.customerId} = any(${sql.param([...new Set(customerIds)])}::uuid[])`,
      ),
    );
  const names = new Map((program.tiers?.tiers ?? []).map((t) => [t.code, t.name ?? t.code]));
  for (const r of rows) out.set(r.customerId, { points: r.balance, tier: r.tierCode ? (names.get(r.tierCode) ?? r.tierCode) : null });
  return out;
}
