import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { emitEvent } from '../../platform/events/bus';
import { Problem } from '../../platform/http/problem';
import type { AuditSource } from '../access/audit';
import { customerPhone } from '../customers/identities';
import { upsertCustomer } from '../customers/service';
import { refreshCustomerFacts } from './customer-facts';
import { getReceipt, type Receipt } from './receipts';
import { receipts } from './schema';
import { CLAIM_DAYS, claimExpiresAt, normalizeClaimCode } from './values';

export interface ClaimResult {
  receipt: Receipt;
  customerId: string;
  /** The phone was new: a customer was registered with it. */
  customerCreated: boolean;
}

/**
 * "Claim later": the customer who got an anonymous receipt with a claim code attaches it to
 * themselves by phone. The customer is found by the phone or registered with it. A receipt is
 * claimed once (409 `receipt_already_claimed`); codes expire after 30 days (410 `claim_expired`);
 * an unknown code is a 404. Emits `sale.receipt_claimed`, on which loyalty awards the points.
 */
export async function claimReceipt(tx: Tx, source: AuditSource, code: string, phone: string, at = new Date()): Promise<ClaimResult> {
  const e164 = customerPhone(phone);
  const claimCode = normalizeClaimCode(code);
  const [row] = await tx
    .select()
    .from(receipts)
    .where(and(eq(receipts.orgId, tx.orgId!), eq(receipts.claimCode, claimCode)))
    .for('update');
  if (!row) throw new Problem(404, 'claim_not_found', 'sales.claim_not_found');
  if (row.claimedAt || row.customerId) throw new Problem(409, 'receipt_already_claimed', 'sales.receipt_already_claimed');
  if (at > claimExpiresAt(row.createdAt)) throw new Problem(410, 'claim_expired', 'sales.claim_expired', { days: CLAIM_DAYS });

  const { customer, created } = await upsertCustomer(tx, source, { phone: e164, createdVia: 'web', storeId: row.storeId });
  await tx
    .update(receipts)
    .set({ customerId: customer.id, claimedAt: at })
    .where(and(eq(receipts.orgId, tx.orgId!), eq(receipts.id, row.id)));
  await refreshCustomerFacts(tx, [customer.id]);
  const actor = source.auth?.actor;
  await emitEvent(tx, {
    type: 'sale.receipt_claimed',
    subjectType: 'receipt',
    subjectId: row.id,
    customerId: customer.id,
    actor: actor ? { type: actor.type, id: actor.id } : undefined,
    occurredAt: at,
    payload: {
      receiptId: row.id,
      storeId: row.storeId,
      receiptNumber: row.receiptNumber,
      businessDate: row.businessDate,
      currency: row.currency,
      total: Number(row.total),
      customerCreated: created,
    },
  });
  return { receipt: (await getReceipt(tx, row.id))!, customerId: customer.id, customerCreated: created };
}
