import { type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import type { Tx } from '../../platform/db/database';
import { enqueueMessages } from '../messaging/delivery/enqueue';
import { segmentMembersSql } from '../segments/service';

/** Customers in any included segment and in no excluded one, as a query selecting `customer_id`. */
export async function audienceSql(tx: Tx, include: string[], exclude: string[]): Promise<SQL> {
  const members = async (ids: string[]) =>
    sql.join(await Promise.all(ids.map(async (id) => sql`select customer_id from (${await segmentMembersSql(tx, id)}) m`)), sql` union `);
  const included = await members(include);
  return exclude.length ? sql`(${included}) except (${await members(exclude)})` : included;
}

/** Customers the estimate runs the compliance checks on; above this it samples and scales. */
const ESTIMATE_SAMPLE = 2_000;

export interface EstimateInput {
  channel: 'sms' | 'email' | 'whatsapp';
  includeSegments: string[];
  excludeSegments?: string[];
  controlPercent?: number;
  brandId?: string | null;
}

/**
 * What a send would do now, for the review step: the audience, the control group, and how many
 * messages the compliance checks would let through or skip by reason. The checks are the sending
 * queue's own, run on (a random sample of) the audience inside a savepoint that is rolled back, so
 * the estimate cannot drift from what sending does and leaves nothing behind.
 */
export async function estimateAudience(tx: Tx, ctx: AppContext, input: EstimateInput) {
  const audience = await audienceSql(tx, input.includeSegments, input.excludeSegments ?? []);
  const { rows: counted } = await tx.execute<{ n: number }>(sql`select count(*)::int as n from (${audience}) a`);
  const total = counted[0].n;
  const { rows: sample } = await tx.execute<{ customer_id: string }>(
    sql`select customer_id from (${audience}) a order by random() limit ${ESTIMATE_SAMPLE}`,
  );
  const control = Math.round((total * (input.controlPercent ?? 0)) / 100);
  await tx.execute(sql`savepoint campaign_estimate`);
  let result: Awaited<ReturnType<typeof enqueueMessages>>;
  try {
    result = await enqueueMessages(
      tx,
      ctx,
      sample.map((r) => ({
        customerId: r.customer_id,
        channel: input.channel,
        purpose: 'marketing' as const,
        content: { text: '-', subject: '-' },
        brandId: input.brandId ?? null,
      })),
    );
  } finally {
    await tx.execute(sql`rollback to savepoint campaign_estimate`);
  }
  // Scaled to the messaged part of the audience (everyone but the control group).
  const scale = sample.length ? (total - control) / sample.length : 0;
  const skipped = Object.fromEntries(Object.entries(result.skipped).map(([reason, n]) => [reason, Math.round((n ?? 0) * scale)]));
  return {
    audience: total,
    control,
    sampled: sample.length,
    exact: sample.length === total && control === 0,
    reachable: Math.round(result.queued * scale),
    skipped,
  };
}
