import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { periodOf, ratio, storeDirectory } from './kpi-period';
import { resolveScope, storeFilter } from './scope';

export interface CashierQuery {
  from?: string;
  to?: string;
  brand?: string;
  storeCode?: string;
  minReceipts?: number;
  limit?: number;
  offset?: number;
}

export interface CashierRow {
  rank: number;
  storeId: string;
  storeCode: string;
  storeName: string;
  cashierCode: string;
  receipts: number;
  recognisedReceipts: number;
  share: number;
}

/** At most this many cashiers a page (and in one CSV). */
export const MAX_CASHIER_ROWS = 5_000;

/**
 * Phone-capture leaderboard: per store and cashier code, the store receipts of the period and how
 * many named a customer; ranked by that share (ties: more receipts first, then store and code; equal
 * share and receipts share a rank). Receipts without a cashier code are left out.
 */
export async function cashierLeaderboard(tx: Tx, q: CashierQuery, callerStores: readonly string[] | null) {
  const period = await periodOf(tx, q);
  const scope = await resolveScope(tx, callerStores, q);
  const limit = q.limit ?? 50;
  const offset = q.offset ?? 0;
  const { rows } = await tx.execute<{
    store_id: string;
    cashier: string;
    receipts: number;
    recognised: number;
    rank: number;
    total: number;
  }>(sql`
    with c as (
      select store_id, cashier_code as cashier, count(*)::int as receipts,
             count(*) filter (where customer_id is not null)::int as recognised
        from sales_purchase_facts
       where org_id = ${tx.orgId} and kind = 'receipt' and store_id is not null and cashier_code is not null
         and business_date between ${period.from}::date and ${period.to}::date ${storeFilter(scope)}
       group by store_id, cashier_code
      having count(*) >= ${q.minReceipts ?? 1}
    )
    select store_id::text, cashier, receipts, recognised,
           rank() over (order by recognised::numeric / receipts desc, receipts desc)::int as rank,
           count(*) over ()::int as total
      from c
     order by recognised::numeric / receipts desc, receipts desc, store_id, cashier
     limit ${limit} offset ${offset}`);
  const stores = await storeDirectory(tx);
  const items: CashierRow[] = rows.map((r) => ({
    rank: r.rank,
    storeId: r.store_id,
    storeCode: stores.get(r.store_id)?.code ?? '',
    storeName: stores.get(r.store_id)?.name ?? '',
    cashierCode: r.cashier,
    receipts: r.receipts,
    recognisedReceipts: r.recognised,
    share: ratio(r.recognised, r.receipts) ?? 0,
  }));
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && offset > 0) {
    // Past the last page: still say how many there are.
    const again = await cashierLeaderboard(tx, { ...q, offset: 0, limit: 1 }, callerStores);
    total = again.total;
  }
  return { period, total, items };
}

export const CASHIER_CSV_HEADERS = ['rank', 'store_code', 'store_name', 'cashier_code', 'receipts', 'recognised_receipts', 'share'];
export const cashierCsvRows = (items: CashierRow[]) =>
  items.map((r) => [r.rank, r.storeCode, r.storeName, r.cashierCode, r.receipts, r.recognisedReceipts, r.share.toFixed(4)]);
