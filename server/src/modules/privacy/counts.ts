import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { CHANNELS, type Channel } from './channels';

/**
 * How many of these customers have a marketing consent granted now, per channel (the current
 * state per customer and channel: the latest record by consent time). Counts only — for the
 * analytics KPIs (consent rates of the customers who bought in a period).
 */
export async function grantedConsentCounts(tx: Tx, customerIds: readonly string[]): Promise<Record<Channel, number>> {
  const out = Object.fromEntries(CHANNELS.map((c) => [c, 0])) as Record<Channel, number>;
  if (customerIds.length === 0) return out;
  const { rows } = await tx.execute<{ channel: Channel; n: number }>(sql`
    select channel, count(*)::int as n from (
      select distinct on (customer_id, channel) channel, status
        from consents
       where org_id = ${tx.orgId} and customer_id = any(${sql.param(customerIds)}::uuid[])
       order by customer_id, channel, consent_at desc, id desc
    ) current where status = 'granted' group by channel`);
  for (const r of rows) if (r.channel in out) out[r.channel] = r.n;
  return out;
}
