import { and, desc, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../../platform/context';
import type { Tx } from '../../../platform/db/database';
import { afterCursor, toPage } from '../../../platform/http/pagination';
import { invalidField } from '../../../platform/http/problem';
import { type Locale, t } from '../../../platform/i18n';
import { localDay } from '../../../platform/time';
import { orgToday } from '../../access/hot-settings';
import { getOrg } from '../../access/orgs';
import { getCustomerRow, viewCustomer } from '../../customers/service';
import { churnScores, clvFits } from '../schema';
import { resolveScope } from '../scope';
import { type ChurnSignal, churnSignals } from './registry';

export const CHURN_JOB = 'analytics.churn';
export const CHURN_BANDS = ['low', 'medium', 'high'] as const;
export type ChurnBand = (typeof CHURN_BANDS)[number];
/** score ≥ HIGH: high risk; ≥ MEDIUM: medium; else low. */
export const BAND_FROM = { medium: 30, high: 60 } as const;
/** The reasons a customer's risk shows: the strongest this many measured signals. */
const TOP_REASONS = 3;

type StoredSignal = (typeof churnScores.$inferSelect)['signals'][number];

/**
 * The churn risk of every customer who has bought up to `asOf`, in one statement from the sales
 * module's `sales_customer_days` and each registered signal's SQL:
 * score = round(100 × (1 − Π (1 − wᵢ · sᵢ))) over the signals measured for the customer (weight w,
 * strength s clamped to 0..1) — a "noisy or": every signal adds risk, none alone exceeds its weight,
 * and no signal measured means 0. The org's previous scores are replaced.
 */
export async function computeChurn(tx: Tx, signals: ChurnSignal[], input: { asOf?: string } = {}) {
  const started = performance.now();
  const orgId = tx.orgId!;
  const today = await orgToday(tx);
  if (input.asOf && input.asOf > today) throw invalidField('/asOf', 'in_future', 'analytics.churn.as_of_in_future', { today });
  const asOf = input.asOf ?? today;
  const [fit] = await tx
    .select({ id: clvFits.id })
    .from(clvFits)
    .where(and(eq(clvFits.orgId, orgId), sql`${clvFits.brandId} is null`))
    .orderBy(desc(clvFits.id))
    .limit(1);
  const measured = signals.length
    ? sql.join(
        signals.map(
          (s) => sql`select customer_id, ${s.key}::text as key, ${s.weight}::float8 as weight,
            least(1, greatest(0, strength::float8)) as strength, vals from (${s.sql({ orgId, asOf })}) ${sql.identifier(`s_${s.key}`)}
            where strength is not null`,
        ),
        sql` union all `,
      )
    : sql`select null::uuid as customer_id, null::text as key, null::float8 as weight, null::float8 as strength, null::jsonb as vals where false`;
  await tx.delete(churnScores).where(eq(churnScores.orgId, orgId));
  const { rows } = await tx.execute(sql`
    with churn_days as (
      select customer_id, business_date as day, sum(net_amount)::bigint as amount
      from sales_customer_days
      where org_id = ${orgId} and business_date <= ${asOf}::date
      group by customer_id, business_date),
    universe as (select distinct customer_id from churn_days),
    sig as (${measured}),
    agg as (
      select u.customer_id,
        case when bool_or(m.weight * m.strength >= 1) then 0
          else coalesce(exp(sum(ln(1 - m.weight * m.strength))), 1) end as keep,
        coalesce(jsonb_agg(jsonb_build_object('key', m.key, 'weight', m.weight, 'strength', round(m.strength::numeric, 4)::float8, 'values', m.vals)
          order by m.weight * m.strength desc, m.key) filter (where m.key is not null), '[]'::jsonb) as signals
      from universe u left join sig m using (customer_id)
      group by u.customer_id),
    scored as (select customer_id, round(100 * (1 - keep))::int as score, signals from agg),
    ins as (
      insert into ${churnScores} (org_id, customer_id, score, band, signals, as_of, fit_id, computed_at)
      select ${orgId}, customer_id, score,
        case when score >= ${BAND_FROM.high} then 'high' when score >= ${BAND_FROM.medium} then 'medium' else 'low' end,
        signals, ${asOf}::date, ${fit?.id ?? null}::uuid, now()
      from scored
      returning band)
    select band, count(*)::int as customers from ins group by band`);
  const bands = Object.fromEntries(CHURN_BANDS.map((b) => [b, 0])) as Record<ChurnBand, number>;
  for (const r of rows as { band: ChurnBand; customers: number }[]) bands[r.band] = r.customers;
  return {
    asOf,
    fitId: fit?.id ?? null,
    signals: signals.map((s) => s.key),
    customers: bands.low + bands.medium + bands.high,
    bands,
    ms: Math.round(performance.now() - started),
  };
}

/** The nightly computation of an org, on its local day (also queued after every CLV fit). */
export async function churnJob(ctx: AppContext, job: { orgId: string; at?: string }) {
  await ctx.db.tenant(job.orgId, async (tx) => {
    const asOf = job.at ? localDay(new Date(job.at), (await getOrg(tx)).timezone) : undefined;
    await computeChurn(tx, churnSignals(ctx), { asOf });
  });
}

const reasonOf = (locale: Locale, signals: Map<string, ChurnSignal>, s: StoredSignal) => {
  const def = signals.get(s.key);
  return {
    key: s.key,
    label: def ? t(locale, def.label) : s.key,
    strength: s.strength,
    weight: s.weight,
    values: s.values,
    text: def ? t(locale, def.reason, s.values) : s.key,
  };
};

/**
 * A customer's churn risk (any customer of the org: the 360 shows it as it shows CLV): score,
 * band, the strongest measured signals with their text, and the registered signals that could not
 * be measured for them (with why). Before the first computation, or for a customer who has never
 * bought, everything is null and empty.
 */
export async function customerChurn(tx: Tx, ctx: AppContext, customerId: string, locale: Locale) {
  await getCustomerRow(tx, customerId);
  const [row] = await tx
    .select()
    .from(churnScores)
    .where(and(eq(churnScores.orgId, tx.orgId!), eq(churnScores.customerId, customerId)));
  const registered = churnSignals(ctx);
  const byKey = new Map(registered.map((s) => [s.key, s]));
  if (!row) return { customerId, score: null, band: null, asOf: null, computedAt: null, reasons: [], unmeasured: [] };
  const measured = new Set(row.signals.map((s) => s.key));
  return {
    customerId,
    score: row.score,
    band: row.band as ChurnBand,
    asOf: row.asOf,
    computedAt: row.computedAt,
    reasons: row.signals
      .filter((s) => s.strength > 0)
      .slice(0, TOP_REASONS)
      .map((s) => reasonOf(locale, byKey, s)),
    unmeasured: registered
      .filter((s) => !measured.has(s.key))
      .map((s) => ({ key: s.key, label: t(locale, s.label), text: t(locale, s.unmeasured) })),
  };
}

/** Limits a query on `analytics_churn_scores c` to customers who bought in these stores. */
const boughtIn = (orgId: string, storeIds: string[] | null) =>
  storeIds
    ? sql`and exists (select 1 from sales_customer_days d where d.org_id = ${orgId} and d.customer_id = ${churnScores.customerId}
        and d.store_id = any(${sql.param(storeIds)}::uuid[]))`
    : sql``;

/**
 * Customers by churn risk, highest first (ties by customer id), optionally of one band and of
 * the customers who bought in a brand's stores; store roles see the customers of their stores.
 * Names come from the customers module, contact details masked unless the caller has `pii.read`.
 */
export async function listChurn(
  tx: Tx,
  ctx: AppContext,
  f: { band?: ChurnBand; brand?: string; limit: number; cursor?: string },
  caller: { storeIds: readonly string[] | null; masked: boolean; locale: Locale },
) {
  const scope = await resolveScope(tx, caller.storeIds, { brand: f.brand });
  const rows = await tx
    .select()
    .from(churnScores)
    .where(
      and(
        eq(churnScores.orgId, tx.orgId!),
        f.band ? eq(churnScores.band, f.band) : undefined,
        sql`true ${boughtIn(tx.orgId!, scope.storeIds)}`,
        afterCursor([churnScores.score, churnScores.customerId], f.cursor, 'desc'),
      ),
    )
    .orderBy(desc(churnScores.score), desc(churnScores.customerId))
    .limit(f.limit + 1);
  const page = toPage(rows, f.limit, (r) => [r.score, r.customerId]);
  const byKey = new Map(churnSignals(ctx).map((s) => [s.key, s]));
  const items = [];
  for (const r of page.items) {
    const c = await viewCustomer(tx, await getCustomerRow(tx, r.customerId), caller.masked);
    items.push({
      customerId: r.customerId,
      name: [c.firstName, c.lastName].filter(Boolean).join(' ') || null,
      phone: c.phone,
      status: c.status,
      score: r.score,
      band: r.band as ChurnBand,
      reasons: r.signals
        .filter((s) => s.strength > 0)
        .slice(0, TOP_REASONS)
        .map((s) => reasonOf(caller.locale, byKey, s)),
    });
  }
  return { items, nextCursor: page.nextCursor };
}

/** Customers per band (the KPI dashboard's churn-risk counts), in the same scope as the list. */
export async function churnSummary(tx: Tx, f: { brand?: string }, callerStores: readonly string[] | null) {
  const scope = await resolveScope(tx, callerStores, { brand: f.brand });
  const { rows } = await tx.execute(sql`
    select band, count(*)::int as customers, max(as_of)::text as "asOf", max(computed_at) as "computedAt"
    from ${churnScores} where org_id = ${tx.orgId} ${boughtIn(tx.orgId!, scope.storeIds)}
    group by band`);
  const found = rows as { band: ChurnBand; customers: number; asOf: string; computedAt: string | Date }[];
  const bands = CHURN_BANDS.map((band) => ({ band, customers: found.find((r) => r.band === band)?.customers ?? 0 }));
  const computedAt = found.reduce<string | null>((m, r) => {
    const at = new Date(r.computedAt).toISOString();
    return !m || at > m ? at : m;
  }, null);
  return {
    customers: bands.reduce((s, b) => s + b.customers, 0),
    bands,
    asOf: found[0]?.asOf ?? null,
    computedAt: computedAt ? new Date(computedAt) : null,
  };
}

/** After an org-wide CLV fit is stored (P(alive) changed), recompute churn in the background. */
export async function queueChurnAfterFit(ctx: AppContext, tx: Tx, fit: { brandId: string | null }) {
  if (fit.brandId === null) await ctx.jobs.send(CHURN_JOB, { orgId: tx.orgId! }, { tx });
}
