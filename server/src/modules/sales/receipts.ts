import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import { savepoint, type Tx } from '../../platform/db/database';
import { isUniqueViolation } from '../../platform/db/errors';
import { emitEvent } from '../../platform/events/bus';
import { afterCursor, toPage } from '../../platform/http/pagination';
import { invalidField, Problem } from '../../platform/http/problem';
import { newId } from '../../platform/ids';
import { localDay } from '../../platform/time';
import { getOrg } from '../access/orgs';
import {
  checkStore,
  hashLines,
  type LineInput,
  liveCustomer,
  prepareLines,
  type ResolvedLine,
  resolveLines,
  type SaleLine,
  sumOf,
  toSaleLine,
  type UnknownSkuMode,
  unknownSkuMode,
} from './lines';
import { receiptLines, receiptPayments, receipts } from './schema';
import { getSettings } from './settings';
import { claimExpiresAt, contentHash, milliText, newClaimCode, PAYMENT_METHODS, type PaymentMethod } from './values';

export type ReceiptSource = 'pos' | 'api' | 'import';

export interface ReceiptInput {
  storeId: string;
  register?: string;
  cashierCode?: string;
  receiptNumber: string;
  occurredAt: Date;
  customerId?: string | null;
  currency?: string;
  source: ReceiptSource;
  lines: LineInput[];
  payments?: { method: string; amount: number }[];
  withClaimCode?: boolean;
}

export interface RecordOptions {
  unknownSku?: UnknownSkuMode;
  /** The stores the caller may act for (null: all); another store is a 403. */
  scope?: readonly string[] | null;
  /** Who recorded it, for the event. */
  actor?: { type: string; id: string };
}

export interface Payment {
  seq: number;
  method: PaymentMethod;
  amount: number;
}

export interface Receipt {
  id: string;
  storeId: string | null;
  register: string | null;
  cashierCode: string | null;
  receiptNumber: string;
  occurredAt: Date;
  /** The day the receipt counts on, in the org's time zone: `YYYY-MM-DD`. */
  businessDate: string;
  customerId: string | null;
  currency: string;
  subtotal: number;
  discountTotal: number;
  total: number;
  source: ReceiptSource;
  claimCode: string | null;
  claimExpiresAt: Date | null;
  claimedAt: Date | null;
  createdAt: Date;
  lines: SaleLine[];
  payments: Payment[];
}

type ReceiptRow = typeof receipts.$inferSelect;

export function receiptHeader(r: ReceiptRow) {
  return {
    id: r.id,
    storeId: r.storeId,
    register: r.register,
    cashierCode: r.cashierCode,
    receiptNumber: r.receiptNumber,
    occurredAt: r.occurredAt,
    businessDate: r.businessDate,
    customerId: r.customerId,
    currency: r.currency,
    subtotal: Number(r.subtotal),
    discountTotal: Number(r.discountTotal),
    total: Number(r.total),
    source: r.source as ReceiptSource,
    claimCode: r.claimCode,
    claimExpiresAt: r.claimCode ? claimExpiresAt(r.createdAt) : null,
    claimedAt: r.claimedAt,
    createdAt: r.createdAt,
  };
}

async function loadReceipt(tx: Tx, row: ReceiptRow): Promise<Receipt> {
  const lines = await tx
    .select()
    .from(receiptLines)
    .where(and(eq(receiptLines.orgId, tx.orgId!), eq(receiptLines.receiptId, row.id)))
    .orderBy(asc(receiptLines.lineNo));
  const payments = await tx
    .select()
    .from(receiptPayments)
    .where(and(eq(receiptPayments.orgId, tx.orgId!), eq(receiptPayments.receiptId, row.id)))
    .orderBy(asc(receiptPayments.seq));
  return {
    ...receiptHeader(row),
    lines: lines.map(toSaleLine),
    payments: payments.map((p) => ({ seq: p.seq, method: p.method as PaymentMethod, amount: Number(p.amount) })),
  };
}

/** One receipt with its lines and payments; null when it is not this org's. */
export async function getReceipt(tx: Tx, id: string): Promise<Receipt | null> {
  const [row] = await tx
    .select()
    .from(receipts)
    .where(and(eq(receipts.orgId, tx.orgId!), eq(receipts.id, id)));
  return row ? loadReceipt(tx, row) : null;
}

/** A receipt by its natural key: the store (null for imports without one) and its number. */
export async function findReceipt(tx: Tx, storeId: string | null, receiptNumber: string): Promise<Receipt | null> {
  const [row] = await tx
    .select()
    .from(receipts)
    .where(
      and(
        eq(receipts.orgId, tx.orgId!),
        storeId ? eq(receipts.storeId, storeId) : isNull(receipts.storeId),
        eq(receipts.receiptNumber, receiptNumber),
      ),
    );
  return row ? loadReceipt(tx, row) : null;
}

const conflict = (receiptNumber: string) =>
  new Problem(409, 'receipt_number_conflict', 'sales.receipt_number_conflict', { receiptNumber: receiptNumber.slice(0, 60) });

async function existingByKey(tx: Tx, storeId: string, receiptNumber: string, hash: string) {
  const [row] = await tx
    .select()
    .from(receipts)
    .where(and(eq(receipts.orgId, tx.orgId!), eq(receipts.storeId, storeId), eq(receipts.receiptNumber, receiptNumber)));
  if (!row) return null;
  if (row.contentHash !== hash) throw conflict(receiptNumber);
  return loadReceipt(tx, row);
}

async function insertLines(tx: Tx, receiptId: string, lines: ResolvedLine[]) {
  if (lines.length === 0) return;
  await tx.insert(receiptLines).values(
    lines.map((l) => ({
      orgId: tx.orgId!,
      receiptId,
      lineNo: l.lineNo,
      sku: l.sku,
      productId: l.productId,
      productName: l.productName,
      categoryPath: l.categoryPath,
      brand: l.brand,
      quantity: milliText(l.quantityMilli),
      unitPrice: l.unitPrice,
      lineDiscount: l.lineDiscount,
      lineTotal: l.lineTotal,
      discounts: l.discounts,
    })),
  );
}

/**
 * Records a store receipt in the caller's transaction. Idempotent on (store, receiptNumber): a
 * repeat with the same content returns `{ created: false }` and the stored receipt, the same
 * number with different content is a 409 `receipt_number_conflict`. Payments, when given, must
 * add up to the total (422 `payments_mismatch`). The receipt counts on its day in the org's time
 * zone, however late it arrives. Emits `sale.receipt_recorded`.
 */
export async function recordReceipt(
  tx: Tx,
  input: ReceiptInput,
  opts: RecordOptions = {},
): Promise<{ receipt: Receipt; created: boolean }> {
  const org = await getOrg(tx);
  const currency = input.currency ?? org.currency;
  const lines = prepareLines(input.lines);
  const subtotal = sumOf(lines.map((l) => l.gross));
  const discountTotal = sumOf(lines.map((l) => l.lineDiscount));
  const total = subtotal - discountTotal;
  const payments = (input.payments ?? []).map((p, i) => {
    if (!PAYMENT_METHODS.includes(p.method as PaymentMethod))
      throw invalidField(`/payments/${i}/method`, 'invalid_method', 'validation.invalid');
    if (!Number.isSafeInteger(p.amount) || p.amount < 0)
      throw invalidField(`/payments/${i}/amount`, 'invalid_amount', 'validation.invalid');
    return { seq: i + 1, method: p.method, amount: p.amount };
  });
  if (payments.length > 0) {
    const paid = sumOf(payments.map((p) => p.amount));
    if (paid !== total) {
      throw new Problem(422, 'payments_mismatch', 'sales.payments_mismatch', { paid, total }, { paid, total });
    }
  }
  const receiptNumber = input.receiptNumber.trim();
  const register = input.register?.trim() || null;
  const cashierCode = input.cashierCode?.trim() || null;
  const hash = contentHash({
    storeId: input.storeId.toLowerCase(),
    register,
    cashierCode,
    receiptNumber,
    occurredAt: input.occurredAt.toISOString(),
    customerId: input.customerId?.toLowerCase() ?? null,
    currency,
    source: input.source,
    lines: hashLines(lines),
    payments: payments.map((p) => [p.method, p.amount]),
    withClaimCode: input.withClaimCode ?? false,
  });

  await checkStore(tx, input.storeId, opts.scope ?? null);
  const repeat = await existingByKey(tx, input.storeId, receiptNumber, hash);
  if (repeat) return { receipt: repeat, created: false };

  const customerId = await liveCustomer(tx, input.customerId);
  const resolved = await resolveLines(tx, lines, await unknownSkuMode(tx, opts.unknownSku));
  const wantsCode = input.withClaimCode || (input.source === 'pos' && !customerId && (await getSettings(tx)).claimAnonymous);

  const id = newId();
  const values = {
    orgId: tx.orgId!,
    id,
    storeId: input.storeId,
    register,
    cashierCode,
    receiptNumber,
    occurredAt: input.occurredAt,
    businessDate: localDay(input.occurredAt, org.timezone),
    customerId,
    currency,
    subtotal,
    discountTotal,
    total,
    source: input.source,
    contentHash: hash,
  };
  let inserted: ReceiptRow | undefined;
  for (let attempt = 0; ; attempt++) {
    try {
      // A concurrent first copy of the same receipt makes this insert wait, then do nothing.
      [inserted] = await savepoint(tx, () =>
        tx
          .insert(receipts)
          .values({ ...values, claimCode: wantsCode ? newClaimCode() : null })
          .onConflictDoNothing({ target: [receipts.orgId, receipts.storeId, receipts.receiptNumber] })
          .returning(),
      );
      break;
    } catch (err) {
      // 50 random bits: a clash of claim codes is rare, and a new code is all it takes.
      if (attempt < 3 && isUniqueViolation(err, 'receipts_claim_code_key')) continue;
      throw err;
    }
  }
  if (!inserted) {
    const again = await existingByKey(tx, input.storeId, receiptNumber, hash);
    if (again) return { receipt: again, created: false };
    throw conflict(receiptNumber);
  }
  await insertLines(tx, id, resolved);
  if (payments.length > 0) {
    await tx
      .insert(receiptPayments)
      .values(payments.map((p) => ({ orgId: tx.orgId!, receiptId: id, seq: p.seq, method: p.method, amount: p.amount })));
  }
  await emitEvent(tx, {
    type: 'sale.receipt_recorded',
    subjectType: 'receipt',
    subjectId: id,
    customerId: customerId ?? undefined,
    actor: opts.actor,
    occurredAt: input.occurredAt,
    payload: receiptEventPayload(inserted, resolved.length),
  });
  return { receipt: (await getReceipt(tx, id))!, created: true };
}

/** What a receipt event carries: ids and amounts, never personal data. */
export function receiptEventPayload(r: ReceiptRow, lineCount: number) {
  return {
    receiptId: r.id,
    storeId: r.storeId,
    receiptNumber: r.receiptNumber,
    businessDate: r.businessDate,
    currency: r.currency,
    subtotal: Number(r.subtotal),
    discountTotal: Number(r.discountTotal),
    total: Number(r.total),
    lines: lineCount,
    source: r.source,
  };
}

export interface ReceiptFilter {
  storeId?: string;
  customerId?: string;
  /** Business days, inclusive, `YYYY-MM-DD` (the org's calendar). */
  from?: string;
  to?: string;
  source?: ReceiptSource;
  hasCustomer?: boolean;
  receiptNumber?: string;
  limit: number;
  cursor?: string;
}

/** Receipts newest first (by the till's time), filtered; store-scoped callers see their stores only. */
export async function listReceipts(tx: Tx, scope: readonly string[] | null, f: ReceiptFilter) {
  const rows = await tx
    .select()
    .from(receipts)
    .where(
      and(
        eq(receipts.orgId, tx.orgId!),
        scope ? inArray(receipts.storeId, [...scope]) : undefined,
        f.storeId ? eq(receipts.storeId, f.storeId) : undefined,
        f.customerId ? eq(receipts.customerId, f.customerId) : undefined,
        f.from ? gte(receipts.businessDate, f.from) : undefined,
        f.to ? lte(receipts.businessDate, f.to) : undefined,
        f.source ? eq(receipts.source, f.source) : undefined,
        f.hasCustomer === undefined ? undefined : f.hasCustomer ? isNotNull(receipts.customerId) : isNull(receipts.customerId),
        f.receiptNumber ? eq(receipts.receiptNumber, f.receiptNumber.trim()) : undefined,
        afterCursor([receipts.occurredAt, receipts.id], f.cursor, 'desc'),
      ),
    )
    .orderBy(desc(receipts.occurredAt), desc(receipts.id))
    .limit(f.limit + 1);
  const page = toPage(rows, f.limit, (r) => [r.occurredAt, r.id]);
  return { ...page, items: page.items.map(receiptHeader) };
}

/** A receipt the caller may see (store scope), else 404. */
export async function visibleReceipt(tx: Tx, scope: readonly string[] | null, id: string): Promise<Receipt | null> {
  const receipt = await getReceipt(tx, id);
  if (!receipt) return null;
  if (scope && (!receipt.storeId || !scope.includes(receipt.storeId))) return null;
  return receipt;
}

/** Sum of receipts of a customer (for the summary); `sql` kept here so the table stays private. */
export async function receiptTotalsOf(tx: Tx, customerId: string) {
  const { rows } = await tx.execute<{ n: string; spend: string | null; last: Date | null }>(sql`
    select count(*)::text as n, sum(total)::text as spend, max(occurred_at) as last
    from ${receipts} where org_id = ${tx.orgId} and customer_id = ${customerId}`);
  const r = rows[0];
  return { count: Number(r.n), spend: Number(r.spend ?? 0), lastAt: r.last ? new Date(r.last) : null };
}
