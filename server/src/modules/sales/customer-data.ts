import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import type { PersonalDataHandler } from '../../platform/personal-data';
import { wishlistOf } from './activity';
import { refreshCustomerFacts } from './customer-facts';
import { getOrder } from './orders';
import { getReceipt } from './receipts';
import { getReturn } from './returns';
import { orders, receipts, returns, wishlistItems } from './schema';

/**
 * `customer.merged`: the merged customer's receipts, orders, returns and wishlist move to the
 * survivor. Idempotent (a second run finds nothing left to move).
 */
export async function moveCustomerSales(tx: Tx, mergedId: string, survivorId: string): Promise<number> {
  let moved = 0;
  for (const table of [receipts, orders, returns]) {
    const rows = await tx
      .update(table)
      .set({ customerId: survivorId })
      .where(and(eq(table.orgId, tx.orgId!), eq(table.customerId, mergedId)))
      .returning({ id: table.id });
    moved += rows.length;
  }
  if (moved > 0) await refreshCustomerFacts(tx, [mergedId, survivorId]);
  // The survivor keeps its own entry when both wished for the same SKU.
  await tx.execute(sql`
    insert into ${wishlistItems} (org_id, customer_id, sku, product_id, product_name, channel, added_at)
    select org_id, ${survivorId}, sku, product_id, product_name, channel, added_at
    from ${wishlistItems} where org_id = ${tx.orgId} and customer_id = ${mergedId}
    on conflict do nothing`);
  const dropped = await tx
    .delete(wishlistItems)
    .where(and(eq(wishlistItems.orgId, tx.orgId!), eq(wishlistItems.customerId, mergedId)))
    .returning({ sku: wishlistItems.sku });
  return moved + dropped.length;
}

const MAX_EXPORT = 10_000;

async function idsOf(tx: Tx, table: typeof receipts | typeof orders | typeof returns, customerId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.orgId, tx.orgId!), eq(table.customerId, customerId)))
    .orderBy(asc(table.id))
    .limit(MAX_EXPORT);
  return rows.map((r) => r.id);
}

/** KVKK access request: every purchase, order, return and the wishlist of the customer. */
async function exportSales(tx: Tx, customerId: string) {
  const receiptList = [];
  for (const id of await idsOf(tx, receipts, customerId)) receiptList.push(await getReceipt(tx, id));
  const orderList = [];
  for (const id of await idsOf(tx, orders, customerId)) orderList.push(await getOrder(tx, id));
  const returnList = [];
  for (const id of await idsOf(tx, returns, customerId)) returnList.push(await getReturn(tx, id));
  return { receipts: receiptList, orders: orderList, returns: returnList, wishlist: await wishlistOf(tx, customerId) };
}

/**
 * KVKK erasure: receipts, orders and returns stay on the anonymised customer (the sales figures
 * must not change), the wishlist goes, and so does the free text of returns (a reason may name
 * a person).
 */
async function eraseSales(tx: Tx, customerId: string) {
  await tx.delete(wishlistItems).where(and(eq(wishlistItems.orgId, tx.orgId!), eq(wishlistItems.customerId, customerId)));
  await tx
    .update(returns)
    .set({ reason: null })
    .where(and(eq(returns.orgId, tx.orgId!), eq(returns.customerId, customerId)));
}

export const salesPersonalData: PersonalDataHandler = { name: 'sales', export: exportSales, erase: eraseSales };
