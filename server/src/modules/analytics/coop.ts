import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { Problem } from '../../platform/http/problem';
import { supplierProducts } from '../catalog/supplier-products';
import { checkedPeriod, dayNumber, dayOf, type Period, storeDirectory } from './kpi-period';
import { resolveScope, storeFilter } from './scope';

export interface CoopQuery {
  supplier: string;
  campaignFrom: string;
  campaignTo: string;
  baselineFrom: string;
  baselineTo: string;
  rate: number;
  brand?: string;
  storeCode?: string;
}

interface Figures {
  sales: number;
  units: number;
}

/**
 * Supplier co-op report: net sales and units of the supplier's products (catalog service) in the
 * campaign period against the baseline period scaled to the campaign's length; the increment and
 * the amount to invoice the supplier (rate % of the incremental sales, never below zero). Lines
 * still kept of receipts and orders (`sales_line_facts`); amounts in minor units.
 */
export async function coopReport(tx: Tx, q: CoopQuery, callerStores: readonly string[] | null) {
  const campaign = checkedPeriod(q.campaignFrom, q.campaignTo, { from: '/campaignFrom', to: '/campaignTo' });
  const baseline = checkedPeriod(q.baselineFrom, q.baselineTo, { from: '/baselineFrom', to: '/baselineTo' });
  const found = await supplierProducts(tx, q.supplier);
  if (!found) throw new Problem(422, 'unknown_supplier', 'analytics.unknown_supplier', { supplier: q.supplier.slice(0, 60) });
  const scope = await resolveScope(tx, callerStores, q);
  const factor = campaign.days / baseline.days;
  const inPeriod = (p: Period) => sql`business_date between ${p.from}::date and ${p.to}::date`;
  const { rows } = await tx.execute<{ store_id: string | null; in_campaign: boolean; day: string; sales: string; units: string }>(sql`
    select store_id::text, business_date between ${campaign.from}::date and ${campaign.to}::date as in_campaign,
           to_char(business_date, 'YYYY-MM-DD') as day, sum(net_amount)::text as sales, sum(quantity)::text as units
      from sales_line_facts
     where org_id = ${tx.orgId} and product_id = any(${sql.param(found.productIds)}::uuid[])
       and (${inPeriod(campaign)} or ${inPeriod(baseline)}) ${storeFilter(scope)}
     group by store_id, 2, business_date`);
  const zero = (): Figures => ({ sales: 0, units: 0 });
  const camp = zero();
  const base = zero();
  const perStore = new Map<string | null, { campaign: Figures; baseline: Figures }>();
  const perDay = new Map<string, Figures>();
  for (const r of rows) {
    const sales = Number(r.sales);
    const units = Number(r.units);
    const s = perStore.get(r.store_id) ?? { campaign: zero(), baseline: zero() };
    perStore.set(r.store_id, s);
    // A day in both periods (overlapping periods) counts in both.
    if (r.in_campaign) {
      camp.sales += sales;
      camp.units += units;
      s.campaign.sales += sales;
      s.campaign.units += units;
      const d = perDay.get(r.day) ?? zero();
      d.sales += sales;
      d.units += units;
      perDay.set(r.day, d);
    }
    if (r.day >= baseline.from && r.day <= baseline.to) {
      base.sales += sales;
      base.units += units;
      s.baseline.sales += sales;
      s.baseline.units += units;
    }
  }
  const figures = (c: Figures, b: Figures) => {
    const expectedSales = Math.round(b.sales * factor);
    const expectedUnits = Math.round(b.units * factor * 1000) / 1000;
    const incrementalSales = c.sales - expectedSales;
    return {
      campaignSales: c.sales,
      campaignUnits: c.units,
      baselineSales: b.sales,
      baselineUnits: b.units,
      expectedSales,
      expectedUnits,
      incrementalSales,
      incrementalUnits: Math.round((c.units - expectedUnits) * 1000) / 1000,
      invoice: Math.max(0, Math.round((incrementalSales * q.rate) / 100)),
    };
  };
  const stores = await storeDirectory(tx);
  const dailyBaselineSales = Math.round(base.sales / baseline.days);
  const series = [];
  for (let n = dayNumber(campaign.from); n <= dayNumber(campaign.to); n++) {
    const date = dayOf(n);
    const d = perDay.get(date) ?? zero();
    series.push({ date, sales: d.sales, units: d.units, baselineSales: dailyBaselineSales });
  }
  return {
    supplier: found.supplier,
    products: found.productIds.length,
    campaign,
    baseline,
    rate: q.rate,
    scale: factor,
    totals: figures(camp, base),
    stores: [...perStore]
      .map(([id, s]) => ({
        storeId: id,
        storeCode: id ? (stores.get(id)?.code ?? '') : null,
        storeName: id ? (stores.get(id)?.name ?? '') : null,
        ...figures(s.campaign, s.baseline),
      }))
      .sort((a, b) => b.campaignSales - a.campaignSales || (a.storeCode ?? '').localeCompare(b.storeCode ?? '')),
    series,
  };
}

export const COOP_CSV_HEADERS = [
  'store_code',
  'store_name',
  'campaign_sales',
  'campaign_units',
  'baseline_sales',
  'expected_sales',
  'incremental_sales',
  'incremental_units',
  'invoice',
];
type Report = Awaited<ReturnType<typeof coopReport>>;
export function coopCsvRows(r: Report) {
  const tl = (k: number) => (k / 100).toFixed(2);
  const row = (code: string | null, name: string | null, f: Report['totals']) => [
    code ?? '',
    name ?? '',
    tl(f.campaignSales),
    f.campaignUnits,
    tl(f.baselineSales),
    tl(f.expectedSales),
    tl(f.incrementalSales),
    f.incrementalUnits,
    tl(f.invoice),
  ];
  return [...r.stores.map((s) => row(s.storeCode, s.storeName ?? '', s)), row('TOPLAM', r.supplier.name, r.totals)];
}
