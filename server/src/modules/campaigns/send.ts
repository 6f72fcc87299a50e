import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import type { Tx } from '../../platform/db/database';
import { emitEvent } from '../../platform/events/bus';
import { issuePersonal } from '../loyalty/campaigns';
import { enqueueMessages } from '../messaging/delivery/enqueue';
import { getTemplate, renderForCustomers } from '../messaging/templates/service';
import { getSegmentRow, refreshSegment } from '../segments/service';
import { audienceSql } from './audience';
import { buckets, type WinnerMetric } from './engine/split';
import { type CampaignCounts, campaignRecipients, campaigns } from './schema';
import { DECIDE_JOB, getCampaignRow } from './service';

/** Customers rendered and handed to messaging per transaction. */
const BATCH = 2_000;
const SYSTEM = { auth: null };

type Row = typeof campaigns.$inferSelect;

/** A stable seed per campaign for the bucket hash (63 bits of its id). */
const seedOf = (id: string) => BigInt(`0x${id.replace(/-/g, '').slice(-15)}`).toString();

/** Puts the audience (included minus excluded segments) into control / variants / rest, once. */
async function assignRecipients(tx: Tx, row: Row): Promise<void> {
  // Dynamic segments as of now, not as of their last scheduled refresh.
  for (const id of new Set([...row.includeSegments, ...row.excludeSegments])) {
    if ((await getSegmentRow(tx, id)).kind === 'dynamic') await refreshSegment(tx, id);
  }
  const plan = { controlPercent: row.controlBp / 100, variants: row.variants };
  const group = sql.join(
    buckets(plan).map((b) => sql`when b < ${b.to} then ${b.group}`),
    sql` `,
  );
  await tx.execute(sql`
    insert into campaign_recipients (org_id, campaign_id, customer_id, group_key)
    select ${tx.orgId}::uuid, ${row.id}::uuid, customer_id, case ${group} end
    from (select customer_id, ((hashtextextended(customer_id::text, ${seedOf(row.id)}::bigint) % 10000) + 10000) % 10000 as b
          from (${await audienceSql(tx, row.includeSegments, row.excludeSegments)}) a) x
    on conflict do nothing`);
}

function addCounts(a: CampaignCounts, queued: number, skipped: Record<string, number | undefined>): CampaignCounts {
  const merged = { ...a.skipped };
  for (const [reason, n] of Object.entries(skipped)) merged[reason] = (merged[reason] ?? 0) + (n ?? 0);
  return { ...a, queued: a.queued + queued, skipped: merged };
}

/**
 * Messages one group with one variant's template, a batch per transaction, resuming where a
 * failed run stopped (`messaged_at` is set in the batch's transaction).
 */
async function messageGroup(
  ctx: AppContext,
  orgId: string,
  campaignId: string,
  group: string,
  variantKey: string,
  onBatch: (n: number) => Promise<void>,
) {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    // The number messaged in this batch; 0 when nothing is left. Progress is written after the commit.
    const batch = await ctx.db.tenant(orgId, async (tx) => {
      const row = await getCampaignRow(tx, campaignId, true);
      if (row.status === 'cancelled') return 0;
      const variant = row.variants.find((v) => v.key === variantKey)!;
      const ids = (
        await tx
          .select({ id: campaignRecipients.customerId })
          .from(campaignRecipients)
          .where(
            and(
              eq(campaignRecipients.orgId, orgId),
              eq(campaignRecipients.campaignId, campaignId),
              eq(campaignRecipients.group, group),
              isNull(campaignRecipients.messagedAt),
              gt(campaignRecipients.customerId, after),
            ),
          )
          .orderBy(asc(campaignRecipients.customerId))
          .limit(BATCH)
      ).map((r) => r.id);
      if (ids.length === 0) return 0;
      after = ids[ids.length - 1];
      const counts = row.counts ?? { audience: 0, groups: {}, queued: 0, skipped: {} };
      const coupons = row.couponCampaignId
        ? new Map((await issuePersonal(tx, SYSTEM, row.couponCampaignId, ids)).map((c) => [c.customerId, c.code]))
        : null;
      const template = await getTemplate(tx, variant.templateId);
      const rendered = await renderForCustomers(tx, template, ids, { couponCodes: coupons ?? undefined });
      // Throttle: the n-th message of the campaign waits n / perHour hours after the start.
      const start = row.startedAt ?? new Date();
      const offset = counts.queued + Object.values(counts.skipped).reduce((s, n) => s + n, 0);
      // Merged or anonymised since the audience was taken: nothing to render, counted as skipped.
      const reachable = ids.filter((id) => rendered.has(id));
      const result = await enqueueMessages(
        tx,
        ctx,
        reachable.map((customerId, i) => {
          const r = rendered.get(customerId)!;
          return {
            customerId,
            channel: row.channel as 'sms' | 'email' | 'whatsapp',
            purpose: 'marketing' as const,
            content: { subject: r.subject, text: r.text, html: r.html, whatsappTemplate: r.whatsappTemplate },
            templateId: variant.templateId,
            campaignId,
            variant: variantKey,
            brandId: row.brandId,
            notBefore: row.throttlePerHour
              ? new Date(start.getTime() + Math.floor((offset + i) / row.throttlePerHour) * 3_600_000)
              : undefined,
          };
        }),
      );
      if (reachable.length < ids.length)
        result.skipped.unknown_customer = (result.skipped.unknown_customer ?? 0) + ids.length - reachable.length;
      await tx
        .update(campaignRecipients)
        .set({ messagedAt: new Date() })
        .where(
          and(
            eq(campaignRecipients.orgId, orgId),
            eq(campaignRecipients.campaignId, campaignId),
            sql`${campaignRecipients.customerId} = any(${sql.param(ids)}::uuid[])`,
          ),
        );
      await tx
        .update(campaigns)
        .set({ counts: addCounts(counts, result.queued, result.skipped) })
        .where(and(eq(campaigns.orgId, orgId), eq(campaigns.id, campaignId)));
      return ids.length;
    });
    if (batch === 0) return;
    await onBatch(batch);
  }
}

/** The send job: assign the audience, message each variant's group, then wait for the A/B winner or finish. */
export async function runSend(ctx: AppContext, { orgId, campaignId }: { orgId: string; campaignId: string }) {
  const started = await ctx.db.tenant(orgId, async (tx) => {
    const row = await getCampaignRow(tx, campaignId, true);
    if (row.status === 'scheduled' && row.scheduledAt && row.scheduledAt.getTime() > Date.now() + 1_000) return null; // rescheduled later
    if (row.status !== 'scheduled' && row.status !== 'sending') return null; // cancelled back to draft, or done
    if (row.status === 'scheduled') await assignRecipients(tx, row);
    const groups = Object.fromEntries(
      (
        await tx
          .select({ group: campaignRecipients.group, n: sql<number>`count(*)::int` })
          .from(campaignRecipients)
          .where(and(eq(campaignRecipients.orgId, orgId), eq(campaignRecipients.campaignId, campaignId)))
          .groupBy(campaignRecipients.group)
      ).map((g) => [g.group, g.n]),
    );
    const audience = Object.values(groups).reduce((s, n) => s + n, 0);
    const [updated] = await tx
      .update(campaigns)
      .set({
        status: 'sending',
        startedAt: row.startedAt ?? new Date(),
        counts: row.counts ?? { audience, groups, queued: 0, skipped: {} },
        updatedAt: new Date(),
      })
      .where(and(eq(campaigns.orgId, orgId), eq(campaigns.id, campaignId)))
      .returning();
    if (row.status === 'scheduled') {
      await emitEvent(tx, { type: 'campaign.started', subjectType: 'campaign', subjectId: campaignId, payload: { audience, groups } });
    }
    return updated;
  });
  if (!started) return;
  const total =
    (started.counts?.audience ?? 0) -
    (started.counts?.groups.control ?? 0) -
    (started.winnerMetric ? (started.counts?.groups.rest ?? 0) : 0);
  let done = started.counts ? started.counts.queued + Object.values(started.counts.skipped).reduce((s, n) => s + n, 0) : 0;
  const progress = async (n: number) => {
    done += n;
    if (started.runId) await ctx.jobs.updateRun(orgId, started.runId, { status: 'running', done, total });
  };
  for (const v of started.variants) await messageGroup(ctx, orgId, campaignId, v.key, v.key, progress);
  await ctx.db.tenant(orgId, async (tx) => {
    const row = await getCampaignRow(tx, campaignId, true);
    if (row.status !== 'sending') return;
    const waiting = (row.counts?.groups.rest ?? 0) > 0 && row.winnerMetric;
    await tx
      .update(campaigns)
      .set({ status: waiting ? 'testing' : 'sent', updatedAt: new Date() })
      .where(and(eq(campaigns.orgId, orgId), eq(campaigns.id, campaignId)));
    if (waiting) {
      const at = new Date((row.startedAt ?? new Date()).getTime() + (row.decideAfterHours ?? 0) * 3_600_000);
      await ctx.jobs.send(DECIDE_JOB, { orgId, campaignId }, { tx, startAfter: at, singletonKey: `decide:${campaignId}` });
    }
  });
  if (started.runId) await ctx.jobs.updateRun(orgId, started.runId, { status: 'succeeded', done, total, result: { campaignId } });
}

/** The A/B decision: the best variant by the chosen metric goes to the customers who waited. */
export async function runDecide(
  ctx: AppContext,
  { orgId, campaignId }: { orgId: string; campaignId: string },
  pick: (tx: Tx, row: Row, metric: WinnerMetric) => Promise<string | null>,
) {
  const winner = await ctx.db.tenant(orgId, async (tx) => {
    const row = await getCampaignRow(tx, campaignId, true);
    if (row.status !== 'testing') return null;
    const key = (await pick(tx, row, row.winnerMetric as WinnerMetric)) ?? row.variants[0].key;
    await tx
      .update(campaigns)
      .set({ winner: key, decidedAt: new Date(), status: 'sending', updatedAt: new Date() })
      .where(and(eq(campaigns.orgId, orgId), eq(campaigns.id, campaignId)));
    await emitEvent(tx, {
      type: 'campaign.winner_chosen',
      subjectType: 'campaign',
      subjectId: campaignId,
      payload: { winner: key, metric: row.winnerMetric },
    });
    return key;
  });
  if (!winner) return;
  await messageGroup(ctx, orgId, campaignId, 'rest', winner, async () => {});
  await ctx.db.tenant(orgId, (tx) =>
    tx
      .update(campaigns)
      .set({ status: 'sent', updatedAt: new Date() })
      .where(and(eq(campaigns.orgId, orgId), eq(campaigns.id, campaignId), eq(campaigns.status, 'sending'))),
  );
}
