import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { qualityOfCustomers } from '../customers/counts';
import { CHANNELS, type Channel } from '../privacy/channels';
import { grantedConsentCounts } from '../privacy/counts';
import { DAILY_SERIES_MAX_DAYS, dayNumber, dayOf, int, type Period, periodOf, previousOf, ratio, storeDirectory } from './kpi-period';
import { resolveScope, type Scope, storeFilter } from './scope';

export interface KpiQuery {
  from?: string;
  to?: string;
  brand?: string;
  storeCode?: string;
  compare?: 'previous' | 'none';
}

export interface Kpis {
  receipts: number;
  recognisedReceipts: number;
  recognisedRatio: number | null;
  orders: number;
  purchases: number;
  revenue: number;
  averageBasket: number | null;
  activeCustomers: number;
  newCustomers: number;
  returningCustomers: number;
  repeatCustomers: number;
  repeatRate: number | null;
  purchaseDays: number;
  purchaseFrequency: number | null;
  customerRevenue: number;
  revenuePerCustomer: number | null;
  consentRates: Record<Channel, number | null>;
  dataQuality: number | null;
}

/** Purchases (receipts, anonymous too, and orders) of the scope in a period: counts and net revenue. */
async function purchaseTotals(tx: Tx, scope: Scope, p: Period) {
  const { rows } = await tx.execute<Record<string, string | number | null>>(sql`
    select count(*) filter (where kind = 'receipt')::int as receipts,
           count(*) filter (where kind = 'receipt' and customer_id is not null)::int as recognised,
           count(*) filter (where kind = 'order')::int as orders,
           count(*)::int as purchases,
           coalesce(sum(net_amount), 0)::text as revenue
      from sales_purchase_facts
     where org_id = ${tx.orgId} and business_date between ${p.from}::date and ${p.to}::date ${storeFilter(scope)}`);
  return rows[0];
}

/**
 * Recognised customers of the scope in a period, from `sales_customer_days` (one row per customer
 * and day after merging the stores): active, new (first purchase day ever in the scope falls in the
 * period), repeat (≥ 2 purchase days), purchase days and their net spend.
 */
async function customerTotals(tx: Tx, scope: Scope, p: Period) {
  const { rows } = await tx.execute<Record<string, string | number | null>>(sql`
    with d as (
      select customer_id, business_date, sum(net_amount) as net
        from sales_customer_days
       where org_id = ${tx.orgId} and business_date <= ${p.to}::date ${storeFilter(scope)}
       group by customer_id, business_date
    ), c as (
      select customer_id, min(business_date) as first_day,
             count(*) filter (where business_date >= ${p.from}::date) as days,
             sum(net) filter (where business_date >= ${p.from}::date) as net
        from d group by customer_id
    )
    select count(*) filter (where days > 0)::int as active,
           count(*) filter (where days > 0 and first_day >= ${p.from}::date)::int as new,
           count(*) filter (where days >= 2)::int as repeat,
           coalesce(sum(days), 0)::int as days,
           coalesce(sum(net), 0)::text as net
      from c`);
  return rows[0];
}

/** The customers who bought in the scope in a period (for consent and data quality). */
async function activeCustomerIds(tx: Tx, scope: Scope, p: Period): Promise<string[]> {
  const { rows } = await tx.execute<{ id: string }>(sql`
    select distinct customer_id as id from sales_customer_days
     where org_id = ${tx.orgId} and business_date between ${p.from}::date and ${p.to}::date ${storeFilter(scope)}`);
  return rows.map((r) => r.id);
}

async function kpisOf(tx: Tx, scope: Scope, p: Period): Promise<Kpis> {
  const [f, c, ids] = [await purchaseTotals(tx, scope, p), await customerTotals(tx, scope, p), await activeCustomerIds(tx, scope, p)];
  const consents = await grantedConsentCounts(tx, ids);
  const quality = await qualityOfCustomers(tx, ids);
  const receipts = int(f.receipts);
  const purchases = int(f.purchases);
  const revenue = int(f.revenue);
  const active = int(c.active);
  const days = int(c.days);
  const customerRevenue = int(c.net);
  const round = (x: number | null) => (x === null ? null : Math.round(x));
  return {
    receipts,
    recognisedReceipts: int(f.recognised),
    recognisedRatio: ratio(int(f.recognised), receipts),
    orders: int(f.orders),
    purchases,
    revenue,
    averageBasket: round(ratio(revenue, purchases)),
    activeCustomers: active,
    newCustomers: int(c.new),
    returningCustomers: active - int(c.new),
    repeatCustomers: int(c.repeat),
    repeatRate: ratio(int(c.repeat), active),
    purchaseDays: days,
    purchaseFrequency: ratio(days, active),
    customerRevenue,
    revenuePerCustomer: round(ratio(customerRevenue, active)),
    consentRates: Object.fromEntries(CHANNELS.map((ch) => [ch, ratio(consents[ch], quality.customers)])) as Record<Channel, number | null>,
    dataQuality: quality.averageScore,
  };
}

export interface KpiPoint {
  date: string;
  receipts: number;
  recognisedReceipts: number;
  recognisedRatio: number | null;
  revenue: number;
  newCustomers: number;
  returningCustomers: number;
}

/** Daily (or weekly: 7-day buckets from `from`) receipts, recognised ratio, revenue, new and returning customers. */
async function seriesOf(tx: Tx, scope: Scope, p: Period, bucketDays: number): Promise<KpiPoint[]> {
  const bucket = (col: string) => sql`(${p.from}::date + ((${sql.raw(col)} - ${p.from}::date) / ${bucketDays}::int) * ${bucketDays}::int)`;
  const { rows: purchases } = await tx.execute<{ day: string; receipts: number; recognised: number; revenue: string }>(sql`
    select to_char(${bucket('business_date')}, 'YYYY-MM-DD') as day,
           count(*) filter (where kind = 'receipt')::int as receipts,
           count(*) filter (where kind = 'receipt' and customer_id is not null)::int as recognised,
           coalesce(sum(net_amount), 0)::text as revenue
      from sales_purchase_facts
     where org_id = ${tx.orgId} and business_date between ${p.from}::date and ${p.to}::date ${storeFilter(scope)}
     group by 1`);
  const { rows: customers } = await tx.execute<{ day: string; new: number; returning: number }>(sql`
    with d as (
      select distinct customer_id, business_date from sales_customer_days
       where org_id = ${tx.orgId} and business_date <= ${p.to}::date ${storeFilter(scope)}
    ), f as (select customer_id, min(business_date) as first_day from d group by customer_id),
    b as (
      select distinct d.customer_id, ${bucket('d.business_date')} as start, f.first_day
        from d join f on f.customer_id = d.customer_id
       where d.business_date >= ${p.from}::date
    )
    select to_char(start, 'YYYY-MM-DD') as day,
           count(*) filter (where first_day >= start)::int as new,
           count(*) filter (where first_day < start)::int as returning
      from b group by start`);
  const byDay = new Map(purchases.map((r) => [r.day, r]));
  const custByDay = new Map(customers.map((r) => [r.day, r]));
  const out: KpiPoint[] = [];
  for (let n = dayNumber(p.from); n <= dayNumber(p.to); n += bucketDays) {
    const date = dayOf(n);
    const r = byDay.get(date);
    const c = custByDay.get(date);
    out.push({
      date,
      receipts: r?.receipts ?? 0,
      recognisedReceipts: r?.recognised ?? 0,
      recognisedRatio: ratio(r?.recognised ?? 0, r?.receipts ?? 0),
      revenue: int(r?.revenue),
      newCustomers: c?.new ?? 0,
      returningCustomers: c?.returning ?? 0,
    });
  }
  return out;
}

/** The KPI dashboard: the period's figures, the previous period's of equal length, and the series for charts. */
export async function kpiDashboard(tx: Tx, q: KpiQuery, callerStores: readonly string[] | null) {
  const period = await periodOf(tx, q);
  const scope = await resolveScope(tx, callerStores, q);
  const previous = previousOf(period);
  const compare = (q.compare ?? 'previous') === 'previous';
  const bucketDays = period.days > DAILY_SERIES_MAX_DAYS ? 7 : 1;
  return {
    period,
    previousPeriod: compare ? previous : null,
    bucket: bucketDays === 7 ? ('week' as const) : ('day' as const),
    brandId: scope.brandId,
    storeIds: scope.storeIds,
    current: await kpisOf(tx, scope, period),
    previous: compare ? await kpisOf(tx, scope, previous) : null,
    series: await seriesOf(tx, scope, period, bucketDays),
  };
}

/** KPIs per store (store comparison): receipts, recognised ratio, revenue, average basket, active customers. */
export async function kpisByStore(tx: Tx, q: Omit<KpiQuery, 'compare' | 'storeCode'>, callerStores: readonly string[] | null) {
  const period = await periodOf(tx, q);
  const scope = await resolveScope(tx, callerStores, q);
  const { rows } = await tx.execute<{ store_id: string; receipts: number; recognised: number; purchases: number; revenue: string }>(sql`
    select store_id::text, count(*) filter (where kind = 'receipt')::int as receipts,
           count(*) filter (where kind = 'receipt' and customer_id is not null)::int as recognised,
           count(*)::int as purchases, coalesce(sum(net_amount), 0)::text as revenue
      from sales_purchase_facts
     where org_id = ${tx.orgId} and store_id is not null
       and business_date between ${period.from}::date and ${period.to}::date ${storeFilter(scope)}
     group by store_id`);
  const { rows: customers } = await tx.execute<{ store_id: string; active: number }>(sql`
    select store_id::text, count(distinct customer_id)::int as active from sales_customer_days
     where org_id = ${tx.orgId} and store_id is not null
       and business_date between ${period.from}::date and ${period.to}::date ${storeFilter(scope)}
     group by store_id`);
  const active = new Map(customers.map((r) => [r.store_id, r.active]));
  const stores = await storeDirectory(tx);
  return {
    period,
    stores: rows
      .map((r) => {
        const s = stores.get(r.store_id);
        const revenue = int(r.revenue);
        const avg = ratio(revenue, r.purchases);
        return {
          storeId: r.store_id,
          storeCode: s?.code ?? '',
          storeName: s?.name ?? '',
          receipts: r.receipts,
          recognisedReceipts: r.recognised,
          recognisedRatio: ratio(r.recognised, r.receipts),
          purchases: r.purchases,
          revenue,
          averageBasket: avg === null ? null : Math.round(avg),
          activeCustomers: active.get(r.store_id) ?? 0,
        };
      })
      .sort((a, b) => b.revenue - a.revenue || a.storeCode.localeCompare(b.storeCode)),
  };
}
