/**
 * The sales module's public door: other modules (loyalty's POS commit, analytics, the customer
 * 360) call these functions and never read the sales tables. Every function runs in the
 * caller's tenant transaction (`tx.orgId`), so loyalty can record a receipt and its points in
 * one transaction.
 */
import type { Tx } from '../../platform/db/database';
import { orderTotalsOf } from './orders';
import { receiptTotalsOf } from './receipts';
import { refundTotalsOf } from './returns';

export { type ActivityInput, recordActivity, wishlistOf } from './activity';
export { claimReceipt } from './claims';
export type { LineInput, SaleLine } from './lines';
export { changeOrderStatus, findOrder, getOrder, type Order, type OrderInput, upsertOrder } from './orders';
export {
  findReceipt,
  getReceipt,
  type Payment,
  type Receipt,
  type ReceiptInput,
  type RecordOptions,
  recordReceipt,
  recordReceiptAtKnownStore,
} from './receipts';
export { getReturn, type Return, type ReturnInput, recordReturn, returnsOf } from './returns';
export type { LineDiscount } from './schema';
export { getSettings, type SalesSettings } from './settings';

export interface PurchaseSummary {
  /** Purchases: store receipts plus online orders that were not cancelled. */
  receipts: number;
  /** What they paid, minus what was refunded, in minor units. */
  spend: number;
  /** The last purchase (receipt time or order placement). */
  lastAt: Date | null;
}

/** A customer's purchases in a few numbers (customer 360, loyalty tiers, clienteling). */
export async function customerPurchaseSummary(tx: Tx, customerId: string): Promise<PurchaseSummary> {
  const r = await receiptTotalsOf(tx, customerId);
  const o = await orderTotalsOf(tx, customerId);
  const refunds = await refundTotalsOf(tx, customerId);
  const last = [r.lastAt, o.lastAt].filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
  return { receipts: r.count + o.count, spend: r.spend + o.spend - refunds, lastAt: last };
}
