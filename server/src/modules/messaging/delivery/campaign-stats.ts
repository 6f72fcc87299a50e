import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database';
import { messages } from './schema';

/** What happened to a campaign's messages, per variant: the campaigns module's report reads this. */
export async function campaignMessageStats(tx: Tx, campaignId: string) {
  const count = (cond: ReturnType<typeof sql>) => sql<number>`(count(*) filter (where ${cond}))::int`;
  return tx
    .select({
      variant: messages.variant,
      queued: count(sql`${messages.status} = 'queued'`),
      sent: count(sql`${messages.sentAt} is not null`),
      delivered: count(sql`${messages.deliveredAt} is not null`),
      failed: count(sql`${messages.status} = 'failed'`),
      skipped: count(sql`${messages.status} = 'skipped'`),
      opened: count(sql`${messages.openedAt} is not null`),
      clicked: count(sql`${messages.clickedAt} is not null`),
      cost: sql<number>`coalesce(sum(${messages.cost}), 0)::int`,
    })
    .from(messages)
    .where(and(eq(messages.orgId, tx.orgId!), eq(messages.campaignId, campaignId)))
    .groupBy(messages.variant);
}
