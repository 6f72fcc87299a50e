import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import type { Tx } from '../../platform/db/database';
import { isUniqueViolation } from '../../platform/db/errors';
import { emitEvents } from '../../platform/events/bus';
import { afterCursor, toPage } from '../../platform/http/pagination';
import { conflict, invalidField, notFound, Problem } from '../../platform/http/problem';
import { newId } from '../../platform/ids';
import { type AuditSource, recordAudit } from '../access/audit';
import { resolveCustomerId } from '../customers/service';
import { type CampaignTerms, engineCoupon, issueCodes } from './coupons';
import { type CodeFormat, DEFAULT_CODE_ALPHABET, generateCodes, normalizeCode } from './engine';
import { type CampaignKind, couponCampaigns, couponCodes, couponRedemptions } from './schema';

/**
 * Coupon campaigns: unique codes (generated in bulk by a job), one shared code with a usage limit,
 * or personal codes issued to customers. Codes are stored normalised (engine normalizeCode).
 */

export const GENERATE_JOB = 'loyalty.generate-codes';
export const MAX_GENERATE = 1_000_000;
const CHUNK = 10_000;
const DEFAULT_FORMAT: CodeFormat = { length: 10 };

export interface CampaignInput {
  name: string;
  kind: CampaignKind;
  active?: boolean;
  terms: CampaignTerms;
  codeFormat?: CodeFormat | null;
  reinstateOnRefund?: boolean;
  /** shared campaigns: the one code customers type */
  code?: string;
}

type CampaignRow = typeof couponCampaigns.$inferSelect;

export function campaignView(r: CampaignRow, sharedCode: string | null = null) {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    active: r.active,
    terms: r.definition as CampaignTerms,
    codeFormat: (r.codeFormat as CodeFormat | null) ?? null,
    reinstateOnRefund: r.reinstateOnRefund,
    codesCount: r.codesCount,
    sharedCode,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

async function sharedCodeOf(tx: Tx, r: CampaignRow): Promise<string | null> {
  if (r.kind !== 'shared') return null;
  const [c] = await tx
    .select({ code: couponCodes.code })
    .from(couponCodes)
    .where(and(eq(couponCodes.orgId, tx.orgId!), eq(couponCodes.campaignId, r.id)))
    .limit(1);
  return c?.code ?? null;
}

export async function createCampaign(tx: Tx, source: AuditSource, input: CampaignInput) {
  const id = newId();
  let code: string | null = null;
  if (input.kind === 'shared') {
    code = normalizeCode(input.code ?? '');
    if (!code) throw invalidField('/code', 'required', 'loyalty.shared_code_required');
  }
  const [row] = await tx
    .insert(couponCampaigns)
    .values({
      orgId: tx.orgId!,
      id,
      name: input.name.trim(),
      kind: input.kind,
      active: input.active ?? true,
      definition: input.terms,
      codeFormat: input.codeFormat ?? null,
      reinstateOnRefund: input.reinstateOnRefund ?? false,
      codesCount: code ? 1 : 0,
    })
    .returning();
  if (code) {
    try {
      await tx.insert(couponCodes).values({
        orgId: tx.orgId!,
        code,
        campaignId: id,
        maxUses: input.terms.usageLimit ?? null,
        source: 'campaign',
        sourceId: id,
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('code_exists', 'loyalty.code_exists', { code });
      throw err;
    }
  }
  await recordAudit(tx, source, 'loyalty.campaign.create', { type: 'coupon_campaign', id }, { name: row.name, kind: row.kind });
  return campaignView(row, code);
}

export async function getCampaignRow(tx: Tx, id: string): Promise<CampaignRow> {
  const [row] = await tx
    .select()
    .from(couponCampaigns)
    .where(and(eq(couponCampaigns.orgId, tx.orgId!), eq(couponCampaigns.id, id)));
  if (!row) throw notFound();
  return row;
}

/** A campaign with its usage: codes, codes used, redemptions, customers, discount given. */
export async function getCampaign(tx: Tx, id: string) {
  const row = await getCampaignRow(tx, id);
  const { rows } = await tx.execute<{ used: number; redemptions: number; customers: number; discount: string }>(sql`
    select (select count(*)::int from ${couponCodes} where org_id = ${tx.orgId} and campaign_id = ${id} and uses > 0) as used,
           count(*)::int as redemptions, count(distinct customer_id)::int as customers, coalesce(sum(discount), 0)::text as discount
    from ${couponRedemptions} where org_id = ${tx.orgId} and campaign_id = ${id} and reinstated_at is null`);
  const s = rows[0];
  return {
    ...campaignView(row, await sharedCodeOf(tx, row)),
    stats: {
      codes: row.codesCount,
      codesUsed: s.used,
      redemptions: s.redemptions,
      customers: s.customers,
      discountTotal: Number(s.discount),
    },
  };
}

export async function listCampaigns(tx: Tx, f: { limit: number; cursor?: string; active?: boolean }) {
  const rows = await tx
    .select()
    .from(couponCampaigns)
    .where(
      and(
        eq(couponCampaigns.orgId, tx.orgId!),
        f.active === undefined ? undefined : eq(couponCampaigns.active, f.active),
        afterCursor([couponCampaigns.createdAt, couponCampaigns.id], f.cursor, 'desc'),
      ),
    )
    .orderBy(desc(couponCampaigns.createdAt), desc(couponCampaigns.id))
    .limit(f.limit + 1);
  const page = toPage(rows, f.limit, (r) => [r.createdAt, r.id]);
  const items = [];
  for (const r of page.items) items.push(campaignView(r, await sharedCodeOf(tx, r)));
  return { items, nextCursor: page.nextCursor };
}

export async function updateCampaign(
  tx: Tx,
  source: AuditSource,
  id: string,
  patch: Partial<Pick<CampaignInput, 'name' | 'active' | 'terms' | 'reinstateOnRefund' | 'codeFormat'>>,
) {
  const current = await getCampaignRow(tx, id);
  const [row] = await tx
    .update(couponCampaigns)
    .set({
      ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
      ...(patch.terms !== undefined ? { definition: patch.terms } : {}),
      ...(patch.reinstateOnRefund !== undefined ? { reinstateOnRefund: patch.reinstateOnRefund } : {}),
      ...(patch.codeFormat !== undefined ? { codeFormat: patch.codeFormat } : {}),
      updatedAt: new Date(),
    })
    .where(and(eq(couponCampaigns.orgId, tx.orgId!), eq(couponCampaigns.id, id)))
    .returning();
  if (patch.terms && current.kind === 'shared') {
    // The shared code's limit follows the terms; a limit below the uses so far just closes it.
    await tx
      .update(couponCodes)
      .set({ maxUses: sql`greatest(${couponCodes.uses}, ${patch.terms.usageLimit ?? null}::int)` })
      .where(and(eq(couponCodes.orgId, tx.orgId!), eq(couponCodes.campaignId, id)));
    if (patch.terms.usageLimit === undefined) {
      await tx
        .update(couponCodes)
        .set({ maxUses: null })
        .where(and(eq(couponCodes.orgId, tx.orgId!), eq(couponCodes.campaignId, id)));
    }
  }
  await recordAudit(tx, source, 'loyalty.campaign.update', { type: 'coupon_campaign', id }, { fields: Object.keys(patch) });
  return campaignView(row, await sharedCodeOf(tx, row));
}

/** Queues the generation of `count` more unique codes; the job reports progress in job_runs. */
export async function queueGeneration(ctx: AppContext, tx: Tx, source: AuditSource, id: string, count: number) {
  const row = await getCampaignRow(tx, id);
  if (row.kind !== 'unique') throw new Problem(409, 'not_a_unique_campaign', 'loyalty.not_unique_campaign');
  const format = (row.codeFormat as CodeFormat | null) ?? DEFAULT_FORMAT;
  // The engine refuses formats whose code space is under 100× the request: say so now, not in the job.
  const alphabet = format.alphabet ?? DEFAULT_CODE_ALPHABET;
  if (format.length * Math.log2(alphabet.length) < Math.log2((row.codesCount + count) * 100)) {
    throw new Problem(422, 'code_space_too_small', 'loyalty.code_space_too_small', { count });
  }
  const runId = await ctx.jobs.createRun(tx, GENERATE_JOB, source.auth?.actor.id);
  await ctx.jobs.send(GENERATE_JOB, { orgId: tx.orgId!, runId, campaignId: id, count }, { tx });
  await recordAudit(tx, source, 'loyalty.campaign.generate', { type: 'coupon_campaign', id }, { count, jobId: runId });
  return runId;
}

/**
 * The generation job: chunks of 10,000 codes, each one INSERT … SELECT unnest() in its own
 * transaction, clashes (with any code of the org) skipped and drawn again; progress after each chunk.
 */
export async function generateCampaignCodes(ctx: AppContext, job: { orgId: string; runId?: string; campaignId: string; count: number }) {
  const { orgId, runId, campaignId, count } = job;
  const report = async (patch: Parameters<typeof ctx.jobs.updateRun>[2]) => {
    if (runId) await ctx.jobs.updateRun(orgId, runId, patch);
  };
  await report({ status: 'running', total: count, done: 0 });
  try {
    const row = await ctx.db.tenant(orgId, (tx) => getCampaignRow(tx, campaignId));
    const format = (row.codeFormat as CodeFormat | null) ?? DEFAULT_FORMAT;
    let done = 0;
    let rounds = 0;
    while (done < count) {
      if (++rounds > count / CHUNK + 20) throw new Error('could not draw enough distinct codes');
      const want = Math.min(CHUNK, count - done);
      const codes = generateCodes(want, format, randomBytes);
      const inserted = await ctx.db.tenant(orgId, async (tx) => {
        const { rows } = await tx.execute<{ n: number }>(sql`
          with ins as (
            insert into ${couponCodes} (org_id, code, campaign_id, max_uses, source, source_id, issued_at)
            select ${orgId}, c, ${campaignId}, 1, 'campaign', ${campaignId}, now() from unnest(${sql.param(codes)}::text[]) as c
            on conflict do nothing returning 1)
          select count(*)::int as n from ins`);
        const n = rows[0].n;
        await tx
          .update(couponCampaigns)
          .set({ codesCount: sql`${couponCampaigns.codesCount} + ${n}` })
          .where(and(eq(couponCampaigns.orgId, orgId), eq(couponCampaigns.id, campaignId)));
        return n;
      });
      done += inserted;
      await report({ done });
    }
    await report({ status: 'succeeded', done, result: { generated: done, campaignId } });
  } catch (err) {
    await report({ status: 'failed', error: String((err as Error).message ?? err) });
    throw err;
  }
}

export async function listCodes(tx: Tx, campaignId: string, f: { limit: number; cursor?: string }) {
  await getCampaignRow(tx, campaignId);
  const rows = await tx
    .select()
    .from(couponCodes)
    .where(and(eq(couponCodes.orgId, tx.orgId!), eq(couponCodes.campaignId, campaignId), afterCursor([couponCodes.code], f.cursor)))
    .orderBy(asc(couponCodes.code))
    .limit(f.limit + 1);
  const page = toPage(rows, f.limit, (r) => [r.code]);
  return { items: page.items.map(codeView), nextCursor: page.nextCursor };
}

export function codeView(r: typeof couponCodes.$inferSelect) {
  return {
    code: r.code,
    campaignId: r.campaignId,
    customerId: r.customerId,
    uses: r.uses,
    maxUses: r.maxUses,
    status: r.status as 'active' | 'void',
    source: r.source,
    issuedAt: r.issuedAt,
    issuedReceiptId: r.issuedReceiptId,
    validFrom: r.validFrom,
    validUntil: r.validUntil,
  };
}

/** Every code of a campaign as CSV (UTF-8 with BOM, for spreadsheet programs), read in keyset pages. */
export async function codesCsv(tx: Tx, campaignId: string): Promise<{ fileName: string; content: string; count: number }> {
  const row = await getCampaignRow(tx, campaignId);
  const out: string[] = ['\ufeffcode,status,uses,max_uses,customer_id,valid_from,valid_until,issued_at'];
  let after = '';
  let count = 0;
  for (;;) {
    const page = await tx
      .select()
      .from(couponCodes)
      .where(and(eq(couponCodes.orgId, tx.orgId!), eq(couponCodes.campaignId, campaignId), gt(couponCodes.code, after)))
      .orderBy(asc(couponCodes.code))
      .limit(CHUNK);
    for (const c of page) {
      // Codes are [A-Z0-9]; nothing here needs quoting or formula neutralising.
      out.push(
        [
          c.code,
          c.status,
          c.uses,
          c.maxUses ?? '',
          c.customerId ?? '',
          c.validFrom ?? '',
          c.validUntil ?? '',
          c.issuedAt.toISOString(),
        ].join(','),
      );
    }
    count += page.length;
    if (page.length < CHUNK) break;
    after = page[page.length - 1].code;
  }
  const safeName = row.name.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'kampanya';
  return { fileName: `kupon-kodlari-${safeName}.csv`, content: `${out.join('\r\n')}\r\n`, count };
}

/** Personal campaigns: one new code for each customer (at most 100 per call). */
export async function issuePersonal(tx: Tx, source: AuditSource, campaignId: string, customerIds: string[]) {
  const row = await getCampaignRow(tx, campaignId);
  if (row.kind !== 'personal') throw new Problem(409, 'not_a_personal_campaign', 'loyalty.not_personal_campaign');
  const ids: string[] = [];
  for (const [i, id] of customerIds.entries()) {
    try {
      ids.push(await resolveCustomerId(tx, id.toLowerCase()));
    } catch {
      throw new Problem(422, 'unknown_customer', 'loyalty.unknown_customer', {}, { field: `/customerIds/${i}` });
    }
  }
  const at = new Date();
  const codes = await issueCodes(
    tx,
    ids.map((customerId) => ({ source: 'campaign', sourceId: campaignId, campaignId, customerId, maxUses: 1 })),
    at,
  );
  await tx
    .update(couponCampaigns)
    .set({ codesCount: sql`${couponCampaigns.codesCount} + ${codes.length}` })
    .where(and(eq(couponCampaigns.orgId, tx.orgId!), eq(couponCampaigns.id, campaignId)));
  const actor = source.auth?.actor;
  const terms = row.definition as CampaignTerms;
  await emitEvents(
    tx,
    ids.map((customerId, i) => ({
      type: 'coupon.issued',
      subjectType: 'coupon_campaign',
      subjectId: campaignId,
      customerId,
      actor: actor ? { type: actor.type, id: actor.id } : undefined,
      payload: { code: codes[i], campaignId, source: 'campaign', validUntil: terms.validUntil ?? null },
    })),
  );
  return ids.map((customerId, i) => ({ customerId, code: codes[i] }));
}

/** One code of the org (any campaign or issued), with the terms it carries; 404 for another org's. */
export async function getCode(tx: Tx, raw: string) {
  const code = normalizeCode(raw);
  const [r] = await tx
    .select({ row: couponCodes, campaign: couponCampaigns })
    .from(couponCodes)
    .leftJoin(couponCampaigns, and(eq(couponCampaigns.orgId, couponCodes.orgId), eq(couponCampaigns.id, couponCodes.campaignId)))
    .where(and(eq(couponCodes.orgId, tx.orgId!), eq(couponCodes.code, code)));
  if (!r) throw notFound();
  const coupon = engineCoupon(
    r.row,
    r.campaign ? { kind: r.campaign.kind, active: r.campaign.active, definition: r.campaign.definition } : null,
  );
  const redemptions = await tx
    .select({
      receiptId: couponRedemptions.receiptId,
      customerId: couponRedemptions.customerId,
      redeemedAt: couponRedemptions.redeemedAt,
      reinstatedAt: couponRedemptions.reinstatedAt,
      discount: couponRedemptions.discount,
    })
    .from(couponRedemptions)
    .where(and(eq(couponRedemptions.orgId, tx.orgId!), eq(couponRedemptions.code, code)))
    .orderBy(desc(couponRedemptions.redeemedAt))
    .limit(50);
  return {
    ...codeView(r.row),
    kind: coupon.kind,
    label: coupon.effect.label,
    active: coupon.active !== false,
    validFrom: coupon.validFrom ?? null,
    validUntil: coupon.validUntil ?? null,
    campaignName: r.campaign?.name ?? null,
    redemptions,
  };
}
