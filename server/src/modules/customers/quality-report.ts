import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { listStores } from '../access/stores';
import type { QualityIssue } from './quality';

export interface ReportQuery {
  groupBy: 'store' | 'staff';
  /** Records created in [from, to). */
  from?: Date;
  to?: Date;
}

interface IssueShare {
  issue: QualityIssue;
  count: number;
  /** Of the group's records, one decimal. */
  percent: number;
}

export interface ReportGroup {
  /** The store id or the staff member's (user or API key) id; null for records without one. */
  key: string | null;
  name: string | null;
  total: number;
  averageScore: number;
  /** Worst first. */
  issues: IssueShare[];
}

/** Names of the stores the caller may see (the access module owns them). */
async function storeNames(tx: Tx, scope: readonly string[] | null): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  let cursor: string | undefined;
  do {
    const page = await listStores(tx, scope, { limit: 200, cursor });
    for (const s of page.items) names.set(s.id, s.name);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return names;
}

/**
 * Data quality of the records each store (or staff member) created: how many, their average
 * score and how often each problem occurs, plus the org's totals, in two grouped statements.
 * Store roles see only records created at their stores.
 */
export async function qualityReport(tx: Tx, scope: readonly string[] | null, q: ReportQuery) {
  const key = q.groupBy === 'store' ? sql`created_store_id::text` : sql`created_by_id::text`;
  const conditions: SQL[] = [sql`org_id = ${tx.orgId}`, sql`status = 'active'`];
  if (q.from) conditions.push(sql`created_at >= ${q.from}`);
  if (q.to) conditions.push(sql`created_at < ${q.to}`);
  if (scope) conditions.push(sql`created_store_id = any(${`{${scope.join(',')}}`}::uuid[])`);
  const base = sql`select ${key} as key, created_by_name, quality_score, quality_issues from customers where ${sql.join(conditions, sql` and `)}`;
  const totals = await tx.execute<{ key: string | null; whole: number; total: number; average: string | null; name: string | null }>(sql`
    with base as (${base})
    select key, grouping(key)::int as whole, count(*)::int as total, round(avg(quality_score), 1)::text as average,
           max(created_by_name) as name
      from base group by grouping sets ((key), ())`);
  const issues = await tx.execute<{ key: string | null; whole: number; issue: QualityIssue; n: number }>(sql`
    with base as (${base})
    select key, grouping(key)::int as whole, issue, count(*)::int as n
      from base cross join unnest(quality_issues) as issue group by grouping sets ((key, issue), (issue))`);

  const names = q.groupBy === 'store' ? await storeNames(tx, scope) : null;
  const group = (row: { key: string | null; total: number; average: string | null; name: string | null }, whole: number): ReportGroup => ({
    key: row.key,
    name: names ? (row.key ? (names.get(row.key) ?? null) : null) : row.name,
    total: row.total,
    averageScore: Number(row.average ?? 0),
    issues: issues.rows
      .filter((i) => i.whole === whole && (whole === 1 || i.key === row.key))
      .map((i) => ({ issue: i.issue, count: i.n, percent: Math.round((i.n / row.total) * 1000) / 10 }))
      .sort((x, y) => y.count - x.count || x.issue.localeCompare(y.issue)),
  });
  const whole = totals.rows.find((r) => r.whole === 1);
  return {
    groupBy: q.groupBy,
    totals: whole && whole.total > 0 ? group(whole, 1) : { key: null, name: null, total: 0, averageScore: 0, issues: [] },
    groups: totals.rows
      .filter((r) => r.whole === 0)
      .map((r) => group(r, 0))
      .sort((x, y) => x.averageScore - y.averageScore || y.total - x.total),
  };
}
