import { and, desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { afterCursor, toPage } from '../../platform/http/pagination';
import { notFound } from '../../platform/http/problem';
import { getCustomerRow, viewCustomer } from '../customers/service';
import type { RfmSegment } from './engine';
import { runView } from './rfm';
import { rfmRuns, rfmScores } from './schema';
import { resolveScope } from './scope';

/** The RFM runs of a scope (the org, or a brand), latest first: to pick two for the migration chart. */
export async function listRfmRuns(tx: Tx, f: { brand?: string; limit: number; cursor?: string }) {
  const scope = await resolveScope(tx, null, { brand: f.brand });
  const rows = await tx
    .select()
    .from(rfmRuns)
    .where(
      and(
        eq(rfmRuns.orgId, tx.orgId!),
        sql`${rfmRuns.brandId} is not distinct from ${scope.brandId}::uuid`,
        afterCursor([rfmRuns.id], f.cursor, 'desc'),
      ),
    )
    .orderBy(desc(rfmRuns.id))
    .limit(f.limit + 1);
  // Whether a run still has its per-customer scores (older ones keep only totals: no migration from them).
  const kept = new Set(
    rows.length === 0
      ? []
      : (
          (
            await tx.execute(sql`
              select distinct run_id::text as id from ${rfmScores}
              where org_id = ${tx.orgId} and run_id = any(${sql.param(rows.map((r) => r.id))}::uuid[])`)
          ).rows as { id: string }[]
        ).map((r) => r.id),
  );
  const page = toPage(rows, f.limit, (r) => [r.id]);
  return {
    items: page.items.map((r) => ({ ...runView(r), segments: r.segments, scoresKept: kept.has(r.id) })),
    nextCursor: page.nextCursor,
  };
}

/**
 * The customers of one segment in the latest run of a scope (or a given run), most valuable
 * first. Names come from the customers module's service, contact details masked without
 * `pii.read`. Store roles see the members who bought in their stores within the run's window.
 */
export async function rfmMembers(
  tx: Tx,
  f: { segment: RfmSegment; brand?: string; run?: string; limit: number; cursor?: string },
  caller: { storeIds: readonly string[] | null; masked: boolean },
) {
  let run: typeof rfmRuns.$inferSelect | undefined;
  if (f.run) {
    [run] = await tx
      .select()
      .from(rfmRuns)
      .where(and(eq(rfmRuns.orgId, tx.orgId!), eq(rfmRuns.id, f.run)));
    if (!run) throw notFound();
  } else {
    const scope = await resolveScope(tx, null, { brand: f.brand });
    [run] = await tx
      .select()
      .from(rfmRuns)
      .where(and(eq(rfmRuns.orgId, tx.orgId!), sql`${rfmRuns.brandId} is not distinct from ${scope.brandId}::uuid`))
      .orderBy(desc(rfmRuns.id))
      .limit(1);
  }
  if (!run) return { run: null, items: [], nextCursor: null };
  const stores = caller.storeIds
    ? sql`and exists (select 1 from sales_customer_days d
        where d.org_id = ${tx.orgId} and d.customer_id = ${rfmScores.customerId}
          and d.store_id = any(${sql.param([...caller.storeIds])}::uuid[])
          and d.business_date <= ${run.asOf}::date
          and d.business_date > (${run.asOf}::date - make_interval(months => ${run.windowMonths}))::date)`
    : sql``;
  const rows = await tx
    .select()
    .from(rfmScores)
    .where(
      and(
        eq(rfmScores.orgId, tx.orgId!),
        eq(rfmScores.runId, run.id),
        eq(rfmScores.segment, f.segment),
        afterCursor([rfmScores.monetary, rfmScores.customerId], f.cursor, 'desc'),
        sql`true ${stores}`,
      ),
    )
    .orderBy(desc(rfmScores.monetary), desc(rfmScores.customerId))
    .limit(f.limit + 1);
  const page = toPage(rows, f.limit, (r) => [r.monetary, r.customerId]);
  const items = [];
  for (const s of page.items) {
    const c = await viewCustomer(tx, await getCustomerRow(tx, s.customerId), caller.masked);
    items.push({
      customerId: s.customerId,
      firstName: c.firstName,
      lastName: c.lastName,
      phone: c.phone,
      status: c.status,
      recencyDays: s.recencyDays,
      frequency: s.frequency,
      monetary: s.monetary,
      r: s.r,
      f: s.f,
      m: s.m,
    });
  }
  return { run: runView(run), items, nextCursor: page.nextCursor };
}
