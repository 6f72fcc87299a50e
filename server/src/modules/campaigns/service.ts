import { and, desc, eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import type { Tx } from '../../platform/db/database';
import { afterCursor, toPage } from '../../platform/http/pagination';
import { conflict, invalidField, notFound } from '../../platform/http/problem';
import { newId } from '../../platform/ids';
import { type AuditSource, recordAudit } from '../access/audit';
import { getCampaignRow as getCouponCampaignRow } from '../loyalty/campaigns';
import { getTemplate } from '../messaging/templates/service';
import { getSegmentRow } from '../segments/service';
import { BUCKETS, splitIssues, type WinnerMetric } from './engine/split';
import { type CampaignStatus, type CampaignVariant, campaigns } from './schema';

export const SEND_JOB = 'campaigns.send';
export const DECIDE_JOB = 'campaigns.decide';

export interface CampaignInput {
  name: string;
  description?: string | null;
  channel: 'sms' | 'email' | 'whatsapp';
  brandId?: string | null;
  includeSegments: string[];
  excludeSegments?: string[];
  variants: CampaignVariant[];
  controlPercent?: number;
  abTest?: { winnerMetric: WinnerMetric; decideAfterHours: number } | null;
  scheduledAt?: Date | null;
  throttlePerHour?: number | null;
  attribution?: { days: number; model: 'last_touch' | 'first_touch' };
  couponCampaignId?: string | null;
}

type Row = typeof campaigns.$inferSelect;

export function campaignView(r: Row) {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    status: r.status,
    channel: r.channel as CampaignInput['channel'],
    brandId: r.brandId,
    includeSegments: r.includeSegments,
    excludeSegments: r.excludeSegments,
    variants: r.variants,
    controlPercent: r.controlBp / 100,
    abTest: r.winnerMetric ? { winnerMetric: r.winnerMetric as WinnerMetric, decideAfterHours: r.decideAfterHours ?? 0 } : null,
    winner: r.winner,
    scheduledAt: r.scheduledAt,
    throttlePerHour: r.throttlePerHour,
    attribution: { days: r.attributionDays, model: r.attributionModel as 'last_touch' | 'first_touch' },
    couponCampaignId: r.couponCampaignId,
    preset: r.preset,
    counts: r.counts,
    runId: r.runId,
    startedAt: r.startedAt,
    decidedAt: r.decidedAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** Everything about the plan that a save must refuse, each problem on its field. */
async function validate(tx: Tx, input: CampaignInput) {
  const plan = { controlPercent: input.controlPercent ?? 0, variants: input.variants };
  const issue = splitIssues(plan)[0];
  if (issue) throw invalidField(issue.path, issue.code, `campaigns.${issue.code}`);
  const share = plan.variants.reduce((s, v) => s + Math.round(v.percent * 100), 0) + Math.round(plan.controlPercent * 100);
  // Without an A/B test nobody may wait for a winner; with one, somebody must.
  if (!input.abTest && share !== BUCKETS) throw invalidField('/variants', 'split_not_100', 'campaigns.split_not_100');
  if (input.abTest && share >= BUCKETS) throw invalidField('/variants', 'split_no_rest', 'campaigns.split_no_rest');
  if (input.abTest && input.variants.length < 2) throw invalidField('/variants', 'split_ab_needs_two', 'campaigns.split_ab_needs_two');
  if (input.includeSegments.length === 0) throw invalidField('/includeSegments', 'audience_empty', 'campaigns.audience_empty');
  const missing = new Set<string>();
  for (const id of new Set([...input.includeSegments, ...(input.excludeSegments ?? [])])) {
    if (!(await getSegmentRow(tx, id).catch(() => null))) missing.add(id);
  }
  for (const [name, list] of [
    ['includeSegments', input.includeSegments],
    ['excludeSegments', input.excludeSegments ?? []],
  ] as const) {
    const i = list.findIndex((id) => missing.has(id));
    if (i >= 0) throw invalidField(`/${name}/${i}`, 'unknown_segment', 'campaigns.unknown_segment');
  }
  for (const [i, v] of input.variants.entries()) {
    const template = await getTemplate(tx, v.templateId).catch(() => null);
    if (!template) throw invalidField(`/variants/${i}/templateId`, 'unknown_template', 'campaigns.unknown_template');
    if (template.channel !== input.channel)
      throw invalidField(`/variants/${i}/templateId`, 'template_channel', 'campaigns.template_channel');
    if (template.purpose !== 'marketing') throw invalidField(`/variants/${i}/templateId`, 'template_purpose', 'campaigns.template_purpose');
  }
  if (input.couponCampaignId) {
    const coupon = await getCouponCampaignRow(tx, input.couponCampaignId).catch(() => null);
    if (coupon?.kind !== 'personal') throw invalidField('/couponCampaignId', 'not_personal_coupon', 'campaigns.not_personal_coupon');
  }
  if (input.scheduledAt && input.scheduledAt.getTime() < Date.now() - 60_000) {
    throw invalidField('/scheduledAt', 'schedule_in_past', 'campaigns.schedule_in_past');
  }
}

function columns(input: CampaignInput) {
  return {
    name: input.name,
    description: input.description ?? null,
    channel: input.channel,
    brandId: input.brandId ?? null,
    includeSegments: input.includeSegments,
    excludeSegments: input.excludeSegments ?? [],
    variants: input.variants,
    controlBp: Math.round((input.controlPercent ?? 0) * 100),
    winnerMetric: input.abTest?.winnerMetric ?? null,
    decideAfterHours: input.abTest?.decideAfterHours ?? null,
    scheduledAt: input.scheduledAt ?? null,
    throttlePerHour: input.throttlePerHour ?? null,
    attributionDays: input.attribution?.days ?? 7,
    attributionModel: input.attribution?.model ?? 'last_touch',
    couponCampaignId: input.couponCampaignId ?? null,
  };
}

export async function createCampaign(tx: Tx, source: AuditSource, input: CampaignInput, preset: string | null = null) {
  await validate(tx, input);
  const id = newId();
  const [row] = await tx
    .insert(campaigns)
    .values({
      orgId: tx.orgId!,
      id,
      ...columns(input),
      preset,
      createdBy: source.auth?.actor?.type === 'user' ? source.auth.actor.id : null,
    })
    .returning();
  await recordAudit(tx, source, 'campaign.created', { type: 'campaign', id }, { name: input.name });
  return campaignView(row);
}

export async function getCampaignRow(tx: Tx, id: string, lock = false): Promise<Row> {
  const q = tx
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.orgId, tx.orgId!), eq(campaigns.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound();
  return row;
}

const EDITABLE: CampaignStatus[] = ['draft', 'scheduled'];

export async function updateCampaign(tx: Tx, ctx: AppContext, source: AuditSource, id: string, input: CampaignInput) {
  const row = await getCampaignRow(tx, id, true);
  if (!EDITABLE.includes(row.status)) throw conflict('campaign_started', 'campaigns.started', { status: row.status });
  await validate(tx, input);
  const [updated] = await tx
    .update(campaigns)
    .set({ ...columns(input), updatedAt: new Date() })
    .where(and(eq(campaigns.orgId, tx.orgId!), eq(campaigns.id, id)))
    .returning();
  // A scheduled campaign keeps its place in the queue; the job re-reads the row when it runs.
  if (row.status === 'scheduled') await queueSend(tx, ctx, updated);
  await recordAudit(tx, source, 'campaign.updated', { type: 'campaign', id });
  return campaignView(updated);
}

export async function deleteCampaign(tx: Tx, source: AuditSource, id: string) {
  const row = await getCampaignRow(tx, id, true);
  if (row.status !== 'draft') throw conflict('campaign_started', 'campaigns.started', { status: row.status });
  await tx.delete(campaigns).where(and(eq(campaigns.orgId, tx.orgId!), eq(campaigns.id, id)));
  await recordAudit(tx, source, 'campaign.deleted', { type: 'campaign', id }, { name: row.name });
}

export async function listCampaigns(tx: Tx, f: { status?: CampaignStatus; limit: number; cursor?: string }) {
  const rows = await tx
    .select()
    .from(campaigns)
    .where(
      and(
        eq(campaigns.orgId, tx.orgId!),
        f.status ? eq(campaigns.status, f.status) : undefined,
        afterCursor([campaigns.createdAt, campaigns.id], f.cursor, 'desc'),
      ),
    )
    .orderBy(desc(campaigns.createdAt), desc(campaigns.id))
    .limit(f.limit + 1);
  const page = toPage(rows, f.limit, (r) => [r.createdAt, r.id]);
  return { items: page.items.map(campaignView), nextCursor: page.nextCursor };
}

async function queueSend(tx: Tx, ctx: AppContext, row: Row) {
  await ctx.jobs.send(
    SEND_JOB,
    { orgId: tx.orgId!, campaignId: row.id, runId: row.runId },
    { tx, startAfter: row.scheduledAt ?? undefined, singletonKey: `${row.id}:${row.scheduledAt?.toISOString() ?? 'now'}` },
  );
}

/**
 * Sends now or at the scheduled time: the campaign becomes `scheduled` and a job (queued in this
 * transaction) does the work, with a job run the screen shows as a progress bar.
 */
export async function sendCampaign(tx: Tx, ctx: AppContext, source: AuditSource, id: string) {
  const row = await getCampaignRow(tx, id, true);
  if (!EDITABLE.includes(row.status)) throw conflict('campaign_started', 'campaigns.started', { status: row.status });
  if (row.status === 'scheduled') return campaignView(row);
  await validate(tx, campaignView(row));
  const runId = await ctx.jobs.createRun(tx, SEND_JOB, source.auth?.actor?.type === 'user' ? source.auth.actor.id : undefined);
  const [updated] = await tx
    .update(campaigns)
    .set({ status: 'scheduled', runId, updatedAt: new Date() })
    .where(and(eq(campaigns.orgId, tx.orgId!), eq(campaigns.id, id)))
    .returning();
  await queueSend(tx, ctx, updated);
  await recordAudit(tx, source, 'campaign.sent', { type: 'campaign', id }, { scheduledAt: row.scheduledAt?.toISOString() ?? null });
  return campaignView(updated);
}

/** A scheduled campaign goes back to draft; one already sending cannot be called back. */
export async function cancelCampaign(tx: Tx, source: AuditSource, id: string) {
  const row = await getCampaignRow(tx, id, true);
  if (row.status !== 'scheduled' && row.status !== 'testing')
    throw conflict('campaign_not_cancellable', 'campaigns.not_cancellable', { status: row.status });
  const [updated] = await tx
    .update(campaigns)
    .set({ status: row.status === 'scheduled' ? 'draft' : 'cancelled', updatedAt: new Date() })
    .where(and(eq(campaigns.orgId, tx.orgId!), eq(campaigns.id, id)))
    .returning();
  await recordAudit(tx, source, 'campaign.cancelled', { type: 'campaign', id });
  return campaignView(updated);
}
