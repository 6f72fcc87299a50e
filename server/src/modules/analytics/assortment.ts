import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { productPackSizes } from '../catalog/pack-sizes';
import { periodOf, storeDirectory } from './kpi-period';
import { resolveScope } from './scope';

export interface AssortmentQuery {
  from?: string;
  to?: string;
  level?: 'category' | 'brand' | 'pack';
  brand?: string;
  storeCode?: string;
  only?: 'all' | 'over' | 'under';
  limit?: number;
  offset?: number;
}

/** A store's share at least this many points of index above (below) the chain's is over- (under-) indexed. */
export const OVER_INDEX = 120;
export const UNDER_INDEX = 80;
export const MAX_ASSORTMENT_ROWS = 50_000;

export interface AssortmentRow {
  storeId: string;
  storeCode: string;
  storeName: string;
  key: string;
  storeSales: number;
  storeUnits: number;
  storeShare: number;
  chainSales: number;
  chainShare: number;
  index: number;
  signal: 'over' | 'under' | 'normal';
}

/**
 * Store assortment insight: per store and category (or product brand, or category and pack size), the store's share of its
 * own net line sales vs the chain's share (every store of the brand filter, or of the org), and the
 * index = store share ÷ chain share × 100. Store roles see their own stores' rows; the chain figures
 * stay the chain's. Lines without a category (brand) and purchases without a store are left out.
 */
export async function storeAssortment(tx: Tx, q: AssortmentQuery, callerStores: readonly string[] | null) {
  const period = await periodOf(tx, q);
  const level = q.level ?? 'category';
  const chain = await resolveScope(tx, null, { brand: q.brand });
  const shown = await resolveScope(tx, callerStores, q);
  // By pack: the category and the product's pack size (catalog attribute `packSize`, else `size`).
  const packs = level === 'pack' ? await productPackSizes(tx) : [];
  const key = level === 'category' ? sql`category` : level === 'brand' ? sql`brand` : sql`coalesce(category, '—') || ' · ' || p.pack`;
  const packJoin =
    level === 'pack'
      ? sql`join jsonb_to_recordset(${JSON.stringify(packs)}::jsonb) as p(id uuid, pack text) on p.id = f.product_id`
      : sql``;
  const chainFilter = chain.storeIds ? sql`and store_id = any(${sql.param(chain.storeIds)}::uuid[])` : sql``;
  const shownFilter = shown.storeIds ? sql`where l.store_id = any(${sql.param(shown.storeIds)}::uuid[])` : sql``;
  const signal = sql`case when idx >= ${OVER_INDEX} then 'over' when idx <= ${UNDER_INDEX} then 'under' else 'normal' end`;
  const only = q.only && q.only !== 'all' ? sql`where signal = ${q.only}` : sql``;
  const { rows } = await tx.execute<{
    store_id: string;
    key: string;
    sales: string;
    units: string;
    store_share: number;
    chain_sales: string;
    chain_share: number;
    idx: number;
    signal: AssortmentRow['signal'];
    total: number;
  }>(sql`
    with l as (
      select store_id, ${key} as key, sum(net_amount) as sales, sum(quantity) as units
        from sales_line_facts f ${packJoin}
       where org_id = ${tx.orgId} and store_id is not null and ${key} is not null
         and business_date between ${period.from}::date and ${period.to}::date ${chainFilter}
       group by store_id, ${key}
    ), s as (select store_id, sum(sales) as total from l group by store_id),
    c as (select key, sum(sales) as sales from l group by key),
    ct as (select sum(sales) as total from l),
    r as (
      select l.store_id, l.key, l.sales, l.units,
             l.sales::float8 / nullif(s.total, 0) as store_share,
             c.sales as chain_sales, c.sales::float8 / nullif(ct.total, 0) as chain_share
        from l join s on s.store_id = l.store_id join c on c.key = l.key cross join ct
        ${shownFilter}
    ), x as (
      select r.*, round((store_share / nullif(chain_share, 0) * 100)::numeric, 1)::float8 as idx from r
    ), y as (select x.*, ${signal} as signal from x)
    select store_id::text, key, sales::text, units::text, coalesce(store_share, 0) as store_share, chain_sales::text,
           coalesce(chain_share, 0) as chain_share, coalesce(idx, 0) as idx, signal, count(*) over ()::int as total
      from y ${only}
     order by store_id, idx desc, key
     limit ${q.limit ?? 100} offset ${q.offset ?? 0}`);
  const stores = await storeDirectory(tx);
  const items: AssortmentRow[] = rows.map((r) => ({
    storeId: r.store_id,
    storeCode: stores.get(r.store_id)?.code ?? '',
    storeName: stores.get(r.store_id)?.name ?? '',
    key: r.key,
    storeSales: Number(r.sales),
    storeUnits: Number(r.units),
    storeShare: r.store_share,
    chainSales: Number(r.chain_sales),
    chainShare: r.chain_share,
    index: r.idx,
    signal: r.signal,
  }));
  return { period, level, total: rows[0]?.total ?? 0, items };
}

export const ASSORTMENT_CSV_HEADERS = [
  'store_code',
  'store_name',
  'key',
  'store_sales',
  'store_units',
  'store_share',
  'chain_sales',
  'chain_share',
  'index',
  'signal',
];
export const assortmentCsvRows = (items: AssortmentRow[]) =>
  items.map((r) => [
    r.storeCode,
    r.storeName,
    r.key,
    (r.storeSales / 100).toFixed(2),
    r.storeUnits,
    r.storeShare.toFixed(4),
    (r.chainSales / 100).toFixed(2),
    r.chainShare.toFixed(4),
    r.index.toFixed(1),
    r.signal,
  ]);
