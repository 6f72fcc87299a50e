import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import type { Tx } from '../../platform/db/database';
import { emitEvents } from '../../platform/events/bus';
import { invalidField, notFound, Problem } from '../../platform/http/problem';
import { type Locale, type MessageKey, t } from '../../platform/i18n';
import { newId } from '../../platform/ids';
import { localDay } from '../../platform/time';
import { orgToday } from '../access/hot-settings';
import { getOrg } from '../access/orgs';
import { DEFAULT_RFM_GRID, RFM_SEGMENTS, type RfmGrid, type RfmSegment } from './engine';
import { rfmRuns, rfmScores, rfmSettings } from './schema';
import { resolveScope, storeFilter } from './scope';

export const RFM_JOB = 'analytics.rfm';
export type RfmFrequency = 'days' | 'receipts';

export interface RfmSettings {
  grid: RfmGrid;
  windowMonths: number;
  frequency: RfmFrequency;
}

/** Scores of this many latest runs of a scope are kept (and of the first run of every month). */
const KEEP_RUNS = 35;
const EVENT_CHUNK = 5_000;

const actionOf = (locale: Locale, segment: string) => t(locale, `analytics.rfm.action.${segment}` as MessageKey);

export async function getRfmSettings(tx: Tx): Promise<RfmSettings> {
  const [row] = await tx.select().from(rfmSettings).where(eq(rfmSettings.orgId, tx.orgId!));
  return {
    grid: row?.grid ?? DEFAULT_RFM_GRID,
    windowMonths: row?.windowMonths ?? 12,
    frequency: (row?.frequency as RfmFrequency | undefined) ?? 'days',
  };
}

export async function saveRfmSettings(tx: Tx, patch: Partial<RfmSettings>): Promise<RfmSettings> {
  const next = { ...(await getRfmSettings(tx)), ...patch };
  await tx
    .insert(rfmSettings)
    .values({ orgId: tx.orgId!, ...next, grid: next.grid })
    .onConflictDoUpdate({ target: rfmSettings.orgId, set: { ...next, updatedAt: sql`now()` } });
  return next;
}

/** The settings with every segment's recommended action, in the caller's language. */
export async function rfmSettingsView(tx: Tx, locale: Locale) {
  const settings = await getRfmSettings(tx);
  return {
    ...settings,
    grid: settings.grid.map((row) => [...row]),
    defaultGrid: DEFAULT_RFM_GRID.map((row) => [...row]),
    segments: RFM_SEGMENTS.map((segment) => ({ segment, action: actionOf(locale, segment) })),
  };
}

/**
 * One RFM run of the org or a brand, in SQL from the sales module's `sales_customer_days` view:
 * recency, frequency (purchase days or receipts) and net spend over the window, `ntile(5)` scores
 * with the engine's orderings (rfm.ts: recency desc, values asc, ties by customer id), FM =
 * ⌊(F + M + 1) / 2⌋, the segment from the org's grid. Customers whose segment changed since the
 * previous run of the scope get an `rfm.segment_changed` event. Nothing is stored for an empty window.
 */
export async function runRfm(tx: Tx, input: { brand?: string; asOf?: string }, createdBy?: string) {
  const started = performance.now();
  const settings = await getRfmSettings(tx);
  const scope = await resolveScope(tx, null, { brand: input.brand });
  const asOf = input.asOf ?? (await orgToday(tx));
  const previous = await latestRuns(tx, scope.brandId, 1);
  const id = newId();
  // The run first (its scores reference it); counted and timed once they are written.
  await tx.insert(rfmRuns).values({
    orgId: tx.orgId!,
    id,
    brandId: scope.brandId,
    asOf,
    windowMonths: settings.windowMonths,
    frequency: settings.frequency,
    grid: settings.grid,
    customers: 0,
    segments: {},
    changed: 0,
    ms: 0,
    createdBy,
  });
  // The three quintile sorts and the grouping hold every customer of the window: in memory, not on disk.
  await tx.execute(sql`set local work_mem = '64MB'`);
  const { rows } = await tx.execute(sql`
    with days as (
      select customer_id, business_date, sum(net_amount) as amount, sum(purchases) as purchases
      from sales_customer_days
      where org_id = ${tx.orgId} ${storeFilter(scope)}
        and business_date <= ${asOf}::date
        and business_date > (${asOf}::date - make_interval(months => ${settings.windowMonths}))::date
      group by customer_id, business_date),
    c as (
      select customer_id, ${asOf}::date - max(business_date) as recency_days,
        (${settings.frequency === 'receipts' ? sql`sum(purchases)` : sql`count(*)`})::int as frequency,
        greatest(sum(amount), 0)::bigint as monetary
      from days group by customer_id),
    s as (
      select c.*,
        ntile(5) over (order by recency_days desc, customer_id) as r,
        ntile(5) over (order by frequency, customer_id) as f,
        ntile(5) over (order by monetary, customer_id) as m
      from c),
    ins as (
      insert into ${rfmScores} (org_id, run_id, customer_id, recency_days, frequency, monetary, r, f, m, segment)
      select ${tx.orgId}, ${id}, customer_id, recency_days, frequency, monetary, r, f, m,
        ${JSON.stringify(settings.grid)}::jsonb -> (r::int - 1) ->> ((f::int + m::int + 1) / 2 - 1)
      from s
      order by customer_id
      returning segment)
    select coalesce(sum(n), 0)::int as customers, coalesce(jsonb_object_agg(segment, n), '{}'::jsonb) as segments
    from (select segment, count(*)::int as n from ins group by segment) x`);
  const { customers, segments } = rows[0] as { customers: number; segments: Record<string, number> };
  if (customers === 0) {
    await tx.delete(rfmRuns).where(and(eq(rfmRuns.orgId, tx.orgId!), eq(rfmRuns.id, id)));
    return null;
  }

  const prev = previous[0];
  const moves = prev
    ? ((
        await tx.execute(sql`
          select cur.customer_id as "customerId", p.segment as "from", cur.segment as "to"
          from ${rfmScores} cur
          join ${rfmScores} p on p.org_id = cur.org_id and p.run_id = ${prev.id} and p.customer_id = cur.customer_id
          where cur.org_id = ${tx.orgId} and cur.run_id = ${id} and p.segment <> cur.segment`)
      ).rows as { customerId: string; from: string; to: string }[])
    : [];
  for (let i = 0; i < moves.length; i += EVENT_CHUNK) {
    await emitEvents(
      tx,
      moves.slice(i, i + EVENT_CHUNK).map((m) => ({
        type: 'rfm.segment_changed',
        subjectType: 'customer',
        subjectId: m.customerId,
        customerId: m.customerId,
        payload: { from: m.from, to: m.to, runId: id, brandId: scope.brandId },
      })),
    );
  }
  const [run] = await tx
    .update(rfmRuns)
    .set({ customers, segments, changed: moves.length, ms: Math.round(performance.now() - started) })
    .where(and(eq(rfmRuns.orgId, tx.orgId!), eq(rfmRuns.id, id)))
    .returning();
  await pruneScores(tx, scope.brandId);
  return runView(run);
}

/** Drops the per-customer scores of old runs of a scope, keeping the latest and each month's first. */
async function pruneScores(tx: Tx, brandId: string | null) {
  await tx.execute(sql`
    with runs as (
      select id, row_number() over (order by id desc) as latest,
        row_number() over (partition by date_trunc('month', as_of) order by as_of, id) as in_month
      from ${rfmRuns} where org_id = ${tx.orgId} and brand_id is not distinct from ${brandId}::uuid)
    delete from ${rfmScores} s using runs
    where s.org_id = ${tx.orgId} and s.run_id = runs.id and runs.latest > ${KEEP_RUNS} and runs.in_month > 1`);
}

type RunRow = typeof rfmRuns.$inferSelect;
export const runView = (r: RunRow) => ({
  id: r.id,
  brandId: r.brandId,
  asOf: r.asOf,
  windowMonths: r.windowMonths,
  frequency: r.frequency as RfmFrequency,
  customers: r.customers,
  changed: r.changed,
  ms: r.ms,
  createdAt: r.createdAt,
});

async function latestRuns(tx: Tx, brandId: string | null, limit: number) {
  return tx
    .select()
    .from(rfmRuns)
    .where(and(eq(rfmRuns.orgId, tx.orgId!), sql`${rfmRuns.brandId} is not distinct from ${brandId}::uuid`))
    .orderBy(desc(rfmRuns.id))
    .limit(limit);
}

/** The latest run of a scope: segment sizes, values and actions, and the R × FM heatmap. */
export async function rfmDistribution(tx: Tx, input: { brand?: string }, locale: Locale) {
  const scope = await resolveScope(tx, null, input);
  const [run] = await latestRuns(tx, scope.brandId, 1);
  if (!run) return { run: null, segments: [], grid: [] };
  const { rows } = await tx.execute(sql`
    select segment, count(*)::int as customers, sum(monetary)::float8 as monetary,
      avg(recency_days)::float8 as "recencyDays", avg(frequency)::float8 as frequency
    from ${rfmScores} where org_id = ${tx.orgId} and run_id = ${run.id} group by segment`);
  const { rows: cells } = await tx.execute(sql`
    select r::int, ((f + m + 1) / 2)::int as fm, count(*)::int as customers
    from ${rfmScores} where org_id = ${tx.orgId} and run_id = ${run.id} group by 1, 2`);
  const bySegment = new Map((rows as { segment: string }[]).map((r) => [r.segment, r]));
  const grid = Array.from({ length: 5 }, (_, r) =>
    Array.from({ length: 5 }, (_, fm) => ({
      r: r + 1,
      fm: fm + 1,
      segment: run.grid[r][fm],
      customers: (cells as { r: number; fm: number; customers: number }[]).find((c) => c.r === r + 1 && c.fm === fm + 1)?.customers ?? 0,
    })),
  ).flat();
  return {
    run: runView(run),
    segments: RFM_SEGMENTS.map((segment) => {
      const s = bySegment.get(segment) as { customers: number; monetary: number; recencyDays: number; frequency: number } | undefined;
      return {
        segment,
        customers: s?.customers ?? 0,
        share: (s?.customers ?? 0) / run.customers,
        monetary: Math.round(s?.monetary ?? 0),
        averageRecencyDays: s?.recencyDays ?? null,
        averageFrequency: s?.frequency ?? null,
        action: actionOf(locale, segment),
      };
    }),
    grid,
  };
}

/**
 * Customers moving between segments from one run to another (both ids, or neither: the two latest
 * runs of the scope): a matrix of counts, plus those who entered (scored only in `to`) and left.
 */
export async function rfmMigration(tx: Tx, input: { from?: string; to?: string; brand?: string }) {
  if (!input.from !== !input.to) throw invalidField(input.from ? '/to' : '/from', 'required', 'analytics.runs_required');
  let from: RunRow | undefined;
  let to: RunRow | undefined;
  if (input.from && input.to) {
    const found = await tx
      .select()
      .from(rfmRuns)
      .where(and(eq(rfmRuns.orgId, tx.orgId!), inArray(rfmRuns.id, [input.from, input.to])));
    from = found.find((r) => r.id === input.from);
    to = found.find((r) => r.id === input.to);
    if (!from || !to) throw notFound();
  } else {
    const scope = await resolveScope(tx, null, { brand: input.brand });
    [to, from] = await latestRuns(tx, scope.brandId, 2);
    if (!from || !to) return { from: null, to: null, matrix: [], entered: 0, left: 0 };
  }
  if (from.brandId !== to.brandId) throw new Problem(422, 'runs_not_comparable', 'analytics.runs_not_comparable');
  const scoresOf = (runId: string) => sql`(select customer_id, segment from ${rfmScores} where org_id = ${tx.orgId} and run_id = ${runId})`;
  const kept = await tx.execute(sql`
    select distinct run_id from ${rfmScores} where org_id = ${tx.orgId} and run_id in (${from.id}, ${to.id})`);
  if (kept.rows.length < 2) throw new Problem(422, 'snapshot_pruned', 'analytics.snapshot_pruned');
  const { rows } = await tx.execute(sql`
    select a.segment as "from", b.segment as "to", count(*)::int as customers
    from ${scoresOf(from.id)} a full join ${scoresOf(to.id)} b using (customer_id)
    group by 1, 2 order by 1, 2`);
  const cells = rows as { from: RfmSegment | null; to: RfmSegment | null; customers: number }[];
  return {
    from: runView(from),
    to: runView(to),
    matrix: cells.flatMap(({ from, to, customers }) => (from && to ? [{ from, to, customers }] : [])),
    entered: cells.filter((c) => !c.from).reduce((s, c) => s + c.customers, 0),
    left: cells.filter((c) => !c.to).reduce((s, c) => s + c.customers, 0),
  };
}

/** The nightly run of an org (org-wide), on its local day. */
export async function nightlyRfm(ctx: AppContext, job: { orgId: string; at?: string }) {
  await ctx.db.tenant(job.orgId, async (tx) => {
    const asOf = job.at ? localDay(new Date(job.at), (await getOrg(tx)).timezone) : undefined;
    await runRfm(tx, { asOf });
  });
}
