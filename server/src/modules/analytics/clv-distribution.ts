import { and, desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { clvFits, clvScores } from './schema';
import { resolveScope } from './scope';

/** Closed CLV buckets of the histogram; customers above the last edge share one open bucket. */
export const CLV_BUCKETS = 10;
const P_ALIVE_BUCKETS = 10;

/** A round bucket width (1, 2, 2.5 or 5 × 10ⁿ lira, in kuruş) covering `span` in `CLV_BUCKETS` steps. */
export function niceStep(span: number): number {
  const raw = Math.max(span / CLV_BUCKETS, 100);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  return Math.round(step);
}

/**
 * How customers' CLV and P(alive) spread in the latest fit of a scope (the org or a brand): CLV
 * buckets of a round width in kuruş sized so ten of them reach the 95th percentile (the long
 * tail shares an open last bucket), P(alive) in tenths. Counted in SQL.
 */
export async function clvDistribution(tx: Tx, f: { brand?: string }) {
  const scope = await resolveScope(tx, null, f);
  const [fit] = await tx
    .select()
    .from(clvFits)
    .where(and(eq(clvFits.orgId, tx.orgId!), sql`${clvFits.brandId} is not distinct from ${scope.brandId}::uuid`))
    .orderBy(desc(clvFits.id))
    .limit(1);
  const empty = { customers: 0, totalClv: 0, averagePAlive: null, clv: { step: 0, buckets: [] }, pAlive: { buckets: [] } };
  if (!fit) return { fit: null, ...empty };
  const scores = sql`${clvScores} where org_id = ${tx.orgId} and fit_id = ${fit.id}`;
  const { rows } = await tx.execute(sql`
    select count(*)::int as customers, coalesce(sum(clv), 0)::float8 as total, avg(p_alive)::float8 as alive,
      coalesce(percentile_cont(0.95) within group (order by greatest(clv, 0)), 0)::float8 as p95,
      coalesce(max(clv), 0)::float8 as max
    from ${scores}`);
  const stats = rows[0] as { customers: number; total: number; alive: number | null; p95: number; max: number };
  const fitView = {
    id: fit.id,
    brandId: fit.brandId,
    calibrationEnd: fit.calibrationEnd,
    horizonMonths: fit.horizonMonths,
    createdAt: fit.createdAt,
  };
  if (stats.customers === 0) return { fit: fitView, ...empty };
  const step = niceStep(stats.p95 > 0 ? stats.p95 : stats.max);
  const { rows: clvRows } = await tx.execute(sql`
    select least(floor(greatest(clv, 0) / ${step}::float8), ${CLV_BUCKETS})::int as b, count(*)::int as n
    from ${scores} group by 1`);
  const { rows: aliveRows } = await tx.execute(sql`
    select least(floor(p_alive * ${P_ALIVE_BUCKETS}), ${P_ALIVE_BUCKETS - 1})::int as b, count(*)::int as n
    from ${scores} group by 1`);
  const count = (list: unknown[], b: number) => (list as { b: number; n: number }[]).find((r) => r.b === b)?.n ?? 0;
  const open = count(clvRows, CLV_BUCKETS);
  return {
    fit: fitView,
    customers: stats.customers,
    totalClv: Math.round(stats.total),
    averagePAlive: stats.alive,
    clv: {
      step,
      buckets: [
        ...Array.from({ length: CLV_BUCKETS }, (_, b) => ({ from: b * step, to: (b + 1) * step, customers: count(clvRows, b) })),
        ...(open > 0 ? [{ from: CLV_BUCKETS * step, to: null, customers: open }] : []),
      ],
    },
    pAlive: {
      buckets: Array.from({ length: P_ALIVE_BUCKETS }, (_, b) => ({
        from: b / P_ALIVE_BUCKETS,
        to: (b + 1) / P_ALIVE_BUCKETS,
        customers: count(aliveRows, b),
      })),
    },
  };
}
