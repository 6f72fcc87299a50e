import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { receiptLines, receipts } from './schema';

// The per-customer purchase facts (schema.ts: sales_customer_facts, sales_customer_categories,
// sales_customer_brands) are kept in the transaction of every write that changes a customer's
// purchases. New receipts add themselves (addPurchasesCtes: no read of the history, the till's hot
// path); anything else — a return, an order, a cancellation, a claim, a merge — recomputes the
// customers it touched from the sales tables (refreshCustomerFacts).
//
// The customer's sales_customer_facts row is its lock, always taken first and in customer order:
// a recompute locks the rows before it reads the history, so a receipt written meanwhile either
// committed before (and is read) or waits and adds itself on top of the recomputed row.

/**
 * CTEs (named facts_*) adding new purchases to the facts. `purchases` selects (customer_id,
 * business_date, net, counted): counted is 1 for a new purchase, 0 for more of one already counted
 * (an import's receipt continued in a later chunk); `lines` selects (customer_id, business_date,
 * category_path, brand) of the new lines. Rows without a customer are ignored.
 */
export function addPurchasesCtes(tx: Tx, p: { purchases: SQL; lines: SQL }): SQL {
  return sql`
    facts as (
      insert into sales_customer_facts as t (org_id, customer_id, purchases, net_amount, first_date, last_date)
      select ${tx.orgId}::uuid, x.customer_id, sum(x.counted), sum(x.net), min(x.business_date), max(x.business_date)
      from (${p.purchases}) as x(customer_id, business_date, net, counted) where x.customer_id is not null
      group by x.customer_id order by x.customer_id
      on conflict (org_id, customer_id) do update set purchases = t.purchases + excluded.purchases,
        net_amount = t.net_amount + excluded.net_amount,
        first_date = least(t.first_date, excluded.first_date), last_date = greatest(t.last_date, excluded.last_date)
      returning customer_id
    ), facts_lines as (
      -- Reads facts first, so the customer's row is locked before its categories and brands.
      select x.* from (${p.lines}) as x(customer_id, business_date, category_path, brand)
      where x.customer_id in (select customer_id from facts)
    ), facts_categories as (
      -- An older day changes nothing: no new row version to write.
      insert into sales_customer_categories as t (org_id, customer_id, category, last_date)
      select ${tx.orgId}::uuid, l.customer_id, c.category, max(l.business_date)
      from facts_lines l cross join lateral unnest(l.category_path) as c(category) where c.category is not null
      group by l.customer_id, c.category order by 2, 3
      on conflict (org_id, customer_id, category) do update set last_date = excluded.last_date where t.last_date < excluded.last_date
    ), facts_brands as (
      insert into sales_customer_brands as t (org_id, customer_id, brand, last_date)
      select ${tx.orgId}::uuid, l.customer_id, l.brand, max(l.business_date) from facts_lines l where l.brand is not null
      group by l.customer_id, l.brand order by 2, 3
      on conflict (org_id, customer_id, brand) do update set last_date = excluded.last_date where t.last_date < excluded.last_date
    )`;
}

/** Adds receipts just written (a batch's) to their customers' facts, in one statement. */
export async function addReceiptsToFacts(tx: Tx, receiptIds: string[]): Promise<void> {
  if (receiptIds.length === 0) return;
  const ids = sql`${sql.param(receiptIds)}::uuid[]`;
  await tx.execute(
    sql`with ${addPurchasesCtes(tx, {
      purchases: sql`select customer_id, business_date, total, 1 from ${receipts} where org_id = ${tx.orgId} and id = any(${ids})`,
      lines: sql`select r.customer_id, r.business_date, l.category_path, l.brand from ${receipts} r
      join ${receiptLines} l on l.org_id = r.org_id and l.receipt_id = r.id where r.org_id = ${tx.orgId} and r.id = any(${ids})`,
    })} select 1`,
  );
}

/** Recomputes the facts of these customers from the sales tables (migration 0017's function). */
export async function refreshCustomerFacts(tx: Tx, customerIds: Iterable<string | null | undefined>): Promise<void> {
  const ids = [...new Set([...customerIds].filter((id): id is string => !!id))].sort();
  if (ids.length === 0) return;
  // Locks each customer's row, inserting a zero row where there is none yet: the recompute
  // overwrites it, or deletes it when the customer has no purchases.
  await tx.execute(sql`
    insert into sales_customer_facts as t (org_id, customer_id, purchases, net_amount, first_date, last_date)
    select ${tx.orgId}, id, 0, 0, current_date, current_date from unnest(${sql.param(ids)}::uuid[]) as id order by id
    on conflict (org_id, customer_id) do update set purchases = t.purchases`);
  await tx.execute(sql`select sales_refresh_customer_facts(${tx.orgId}, ${sql.param(ids)}::uuid[])`);
}
