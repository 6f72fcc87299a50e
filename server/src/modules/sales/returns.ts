import { and, asc, desc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import { savepoint, type Tx } from '../../platform/db/database';
import { isUniqueViolation } from '../../platform/db/errors';
import { emitEvent } from '../../platform/events/bus';
import { afterCursor, toPage } from '../../platform/http/pagination';
import { invalidField, notFound, Problem } from '../../platform/http/problem';
import { newId } from '../../platform/ids';
import { localDay } from '../../platform/time';
import { getOrg } from '../access/orgs';
import { refreshCustomerFacts } from './customer-facts';
import { checkStore } from './lines';
import { orderLines, orders, receiptLines, receipts, returnLines, returns } from './schema';
import { contentHash, milliOf, milliText, type OrderStatus, RETURNABLE_ORDER_STATUSES, refundShares, toMilli } from './values';

export interface ReturnInput {
  /** The original: a receipt or an order (exactly one). */
  receiptId?: string | null;
  orderId?: string | null;
  /** Where it was returned: a store, or a channel (an online return). Neither: the receipt's store or the order's channel. */
  storeId?: string | null;
  channel?: string | null;
  /** The returning till's own number: with the store (or channel) a natural key. */
  returnNumber?: string | null;
  lines: { lineNo: number; quantity: number }[];
  reason?: string | null;
  /** The receipt of the goods taken in exchange, if any. */
  exchangeReceiptId?: string | null;
  occurredAt?: Date;
}

export interface ReturnLine {
  lineNo: number;
  sourceLineNo: number;
  sku: string | null;
  productId: string | null;
  productName: string | null;
  quantity: number;
  refundAmount: number;
}

export interface Return {
  id: string;
  returnNumber: string | null;
  receiptId: string | null;
  orderId: string | null;
  storeId: string | null;
  channel: string | null;
  customerId: string | null;
  currency: string;
  refundTotal: number;
  reason: string | null;
  exchangeReceiptId: string | null;
  occurredAt: Date;
  businessDate: string;
  createdAt: Date;
  lines: ReturnLine[];
}

export interface ReturnOptions {
  /** The stores the caller may act for: a return in another store is a 403. */
  scope?: readonly string[] | null;
  actor?: { type: string; id: string };
}

type ReturnRow = typeof returns.$inferSelect;

export function returnHeader(r: ReturnRow) {
  return {
    id: r.id,
    returnNumber: r.returnNumber,
    receiptId: r.receiptId,
    orderId: r.orderId,
    storeId: r.storeId,
    channel: r.channel,
    customerId: r.customerId,
    currency: r.currency,
    refundTotal: Number(r.refundTotal),
    reason: r.reason,
    exchangeReceiptId: r.exchangeReceiptId,
    occurredAt: r.occurredAt,
    businessDate: r.businessDate,
    createdAt: r.createdAt,
  };
}

async function loadReturns(tx: Tx, rows: ReturnRow[]): Promise<Return[]> {
  if (rows.length === 0) return [];
  const lines = await tx
    .select()
    .from(returnLines)
    .where(
      and(
        eq(returnLines.orgId, tx.orgId!),
        inArray(
          returnLines.returnId,
          rows.map((r) => r.id),
        ),
      ),
    )
    .orderBy(asc(returnLines.returnId), asc(returnLines.lineNo));
  return rows.map((r) => ({
    ...returnHeader(r),
    lines: lines
      .filter((l) => l.returnId === r.id)
      .map((l) => ({
        lineNo: l.lineNo,
        sourceLineNo: l.sourceLineNo,
        sku: l.sku,
        productId: l.productId,
        productName: l.productName,
        quantity: milliOf(l.quantity) / 1000,
        refundAmount: Number(l.refundAmount),
      })),
  }));
}

export async function getReturn(tx: Tx, id: string): Promise<Return | null> {
  const rows = await tx
    .select()
    .from(returns)
    .where(and(eq(returns.orgId, tx.orgId!), eq(returns.id, id)));
  return (await loadReturns(tx, rows))[0] ?? null;
}

/** The returns of a receipt or an order, oldest first (the receipt detail shows them). */
export async function returnsOf(tx: Tx, origin: { receiptId?: string; orderId?: string }): Promise<Return[]> {
  const rows = await tx
    .select()
    .from(returns)
    .where(
      and(eq(returns.orgId, tx.orgId!), origin.receiptId ? eq(returns.receiptId, origin.receiptId) : eq(returns.orderId, origin.orderId!)),
    )
    .orderBy(asc(returns.occurredAt), asc(returns.id));
  return loadReturns(tx, rows);
}

interface Origin {
  kind: 'receipt' | 'order';
  id: string;
  storeId: string | null;
  channel: string | null;
  status: OrderStatus | null;
  customerId: string | null;
  currency: string;
}

/** Locks the original's header: returns of one receipt or order run one after the other. */
async function lockOrigin(tx: Tx, input: ReturnInput): Promise<Origin> {
  if (input.receiptId) {
    const [r] = await tx
      .select()
      .from(receipts)
      .where(and(eq(receipts.orgId, tx.orgId!), eq(receipts.id, input.receiptId)))
      .for('update');
    if (!r) throw notFound();
    return { kind: 'receipt', id: r.id, storeId: r.storeId, channel: null, status: null, customerId: r.customerId, currency: r.currency };
  }
  const [o] = await tx
    .select()
    .from(orders)
    .where(and(eq(orders.orgId, tx.orgId!), eq(orders.id, input.orderId!)))
    .for('update');
  if (!o) throw notFound();
  return {
    kind: 'order',
    id: o.id,
    storeId: null,
    channel: o.channel,
    status: o.status as OrderStatus,
    customerId: o.customerId,
    currency: o.currency,
  };
}

interface OriginalLine {
  lineNo: number;
  sku: string | null;
  productId: string | null;
  productName: string | null;
  quantity: string;
  lineTotal: number;
  returnedQuantity: string;
}

async function originalLines(tx: Tx, origin: Origin): Promise<Map<number, OriginalLine>> {
  const t = origin.kind === 'receipt' ? receiptLines : orderLines;
  const parent = origin.kind === 'receipt' ? receiptLines.receiptId : orderLines.orderId;
  const rows = await tx
    .select({
      lineNo: t.lineNo,
      sku: t.sku,
      productId: t.productId,
      productName: t.productName,
      quantity: t.quantity,
      lineTotal: t.lineTotal,
      returnedQuantity: t.returnedQuantity,
    })
    .from(t)
    .where(and(eq(t.orgId, tx.orgId!), eq(parent, origin.id)));
  return new Map(rows.map((r) => [r.lineNo, r]));
}

/** What earlier returns refunded per original line. */
async function refundedBefore(tx: Tx, origin: Origin): Promise<Map<number, number>> {
  const { rows } = await tx.execute<{ line_no: number; refunded: string }>(sql`
    select rl.source_line_no as line_no, sum(rl.refund_amount)::text as refunded
    from ${returnLines} rl join ${returns} r on r.org_id = rl.org_id and r.id = rl.return_id
    where r.org_id = ${tx.orgId} and ${origin.kind === 'receipt' ? sql`r.receipt_id` : sql`r.order_id`} = ${origin.id}
    group by rl.source_line_no`);
  return new Map(rows.map((r) => [Number(r.line_no), Number(r.refunded)]));
}

async function byNumber(tx: Tx, storeId: string | null, channel: string | null, returnNumber: string) {
  const [row] = await tx
    .select()
    .from(returns)
    .where(
      and(
        eq(returns.orgId, tx.orgId!),
        storeId
          ? eq(returns.storeId, storeId)
          : and(isNull(returns.storeId), channel ? eq(returns.channel, channel) : isNull(returns.channel)),
        eq(returns.returnNumber, returnNumber),
      ),
    );
  return row;
}

const numberConflict = (returnNumber: string) =>
  new Problem(409, 'return_number_conflict', 'sales.return_number_conflict', { returnNumber: returnNumber.slice(0, 60) });

/**
 * Records a return against a receipt or an order, in any store or channel (an online order
 * returned in a store is the usual case). Each line refunds its share of the original line's
 * net total (largest remainder, so the kuruş add up; a line returned in parts refunds exactly
 * its total in the end). More than bought minus already returned is a 422
 * `return_exceeds_purchase`. Idempotent on (store or channel, returnNumber) when a number is
 * given. Emits `sale.returned`.
 */
export async function recordReturn(tx: Tx, input: ReturnInput, opts: ReturnOptions = {}): Promise<{ ret: Return; created: boolean }> {
  if (Boolean(input.receiptId) === Boolean(input.orderId)) throw new Problem(400, 'origin_required', 'sales.origin_required');
  if (input.storeId && input.channel) throw new Problem(400, 'location_ambiguous', 'sales.location_ambiguous');
  if (input.lines.length === 0) throw invalidField('/lines', 'required', 'validation.required');
  const wanted = new Map<number, number>();
  input.lines.forEach((l, i) => {
    const milli = toMilli(l.quantity);
    if (milli === null || milli <= 0) throw invalidField(`/lines/${i}/quantity`, 'invalid_quantity', 'sales.invalid_quantity');
    if (wanted.has(l.lineNo)) throw new Problem(400, 'duplicate_line', 'sales.duplicate_line', { lineNo: l.lineNo });
    wanted.set(l.lineNo, milli);
  });

  const origin = await lockOrigin(tx, input);
  const scope = opts.scope ?? null;
  const storeId = input.storeId ?? (input.channel ? null : scope?.length === 1 ? scope[0] : origin.storeId);
  const channel = storeId ? null : (input.channel?.trim().toLowerCase() ?? origin.channel);
  if (storeId) await checkStore(tx, storeId, scope);
  else if (scope) throw new Problem(403, 'store_not_allowed', 'sales.store_not_allowed');
  const returnNumber = input.returnNumber?.trim() || null;
  const reason = input.reason?.replace(/\s+/g, ' ').trim() || null;
  const exchangeReceiptId = input.exchangeReceiptId?.toLowerCase() ?? null;
  const hash = contentHash({
    origin: `${origin.kind}:${origin.id}`,
    storeId,
    channel,
    lines: [...wanted.entries()].sort((a, b) => a[0] - b[0]),
    reason,
    exchangeReceiptId,
  });
  if (returnNumber) {
    const earlier = await byNumber(tx, storeId, channel, returnNumber);
    if (earlier) {
      if (earlier.contentHash !== hash) throw numberConflict(returnNumber);
      return { ret: (await loadReturns(tx, [earlier]))[0], created: false };
    }
  }
  if (origin.kind === 'order' && !RETURNABLE_ORDER_STATUSES.includes(origin.status!)) {
    throw new Problem(409, 'order_not_returnable', 'sales.order_not_returnable', { status: origin.status! });
  }
  if (exchangeReceiptId) {
    const [ex] = await tx
      .select({ id: receipts.id })
      .from(receipts)
      .where(and(eq(receipts.orgId, tx.orgId!), eq(receipts.id, exchangeReceiptId)));
    if (!ex) throw new Problem(422, 'unknown_exchange_receipt', 'sales.unknown_exchange_receipt');
  }

  const originals = await originalLines(tx, origin);
  const refunded = await refundedBefore(tx, origin);
  const picked = [...wanted.entries()].map(([lineNo, milli]) => {
    const line = originals.get(lineNo);
    if (!line) throw new Problem(422, 'unknown_line', 'sales.unknown_line', { lineNo }, { lineNo });
    const bought = milliOf(line.quantity);
    const returned = milliOf(line.returnedQuantity);
    if (milli > bought - returned) {
      const available = (bought - returned) / 1000;
      throw new Problem(422, 'return_exceeds_purchase', 'sales.return_exceeds_purchase', { lineNo, available }, { lineNo, available });
    }
    return { line, milli, bought, returned };
  });
  const shares = refundShares(
    picked.map((p) => ({
      lineTotal: Number(p.line.lineTotal),
      boughtMilli: p.bought,
      returnedMilli: p.returned,
      returningMilli: p.milli,
      refundedBefore: refunded.get(p.line.lineNo) ?? 0,
    })),
  );

  const org = await getOrg(tx);
  const occurredAt = input.occurredAt ?? new Date();
  const id = newId();
  const refundTotal = shares.reduce((s, v) => s + v, 0);
  let row: ReturnRow;
  try {
    [row] = await savepoint(tx, () =>
      tx
        .insert(returns)
        .values({
          orgId: tx.orgId!,
          id,
          returnNumber,
          receiptId: origin.kind === 'receipt' ? origin.id : null,
          orderId: origin.kind === 'order' ? origin.id : null,
          storeId,
          channel,
          customerId: origin.customerId,
          currency: origin.currency,
          refundTotal,
          reason,
          exchangeReceiptId,
          occurredAt,
          businessDate: localDay(occurredAt, org.timezone),
          contentHash: hash,
        })
        .returning(),
    );
  } catch (err) {
    // The same number from another origin raced us in (same origin waits on its lock instead).
    if (returnNumber && isUniqueViolation(err, 'returns_number_key')) throw numberConflict(returnNumber);
    throw err;
  }
  await tx.insert(returnLines).values(
    picked.map((p, i) => ({
      orgId: tx.orgId!,
      returnId: id,
      lineNo: i + 1,
      sourceLineNo: p.line.lineNo,
      sku: p.line.sku,
      productId: p.line.productId,
      productName: p.line.productName,
      quantity: milliText(p.milli),
      refundAmount: shares[i],
    })),
  );
  const t = origin.kind === 'receipt' ? receiptLines : orderLines;
  const parent = origin.kind === 'receipt' ? receiptLines.receiptId : orderLines.orderId;
  for (const p of picked) {
    await tx
      .update(t)
      .set({ returnedQuantity: milliText(p.returned + p.milli) })
      .where(and(eq(t.orgId, tx.orgId!), eq(parent, origin.id), eq(t.lineNo, p.line.lineNo)));
  }
  await refreshCustomerFacts(tx, [origin.customerId]);
  await emitEvent(tx, {
    type: 'sale.returned',
    subjectType: 'return',
    subjectId: id,
    customerId: origin.customerId ?? undefined,
    actor: opts.actor,
    occurredAt,
    payload: {
      returnId: id,
      receiptId: row.receiptId,
      orderId: row.orderId,
      storeId,
      channel,
      currency: row.currency,
      refundTotal,
      lines: picked.map((p, i) => ({ lineNo: p.line.lineNo, quantity: p.milli / 1000, refundAmount: shares[i] })),
      exchangeReceiptId,
    },
  });
  return { ret: (await loadReturns(tx, [row]))[0], created: true };
}

export interface ReturnFilter {
  storeId?: string;
  channel?: string;
  customerId?: string;
  receiptId?: string;
  orderId?: string;
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

/** Returns newest first; store-scoped callers see the returns taken in their stores. */
export async function listReturns(tx: Tx, scope: readonly string[] | null, f: ReturnFilter) {
  const rows = await tx
    .select()
    .from(returns)
    .where(
      and(
        eq(returns.orgId, tx.orgId!),
        scope ? inArray(returns.storeId, [...scope]) : undefined,
        f.storeId ? eq(returns.storeId, f.storeId) : undefined,
        f.channel ? eq(returns.channel, f.channel) : undefined,
        f.customerId ? eq(returns.customerId, f.customerId) : undefined,
        f.receiptId ? eq(returns.receiptId, f.receiptId) : undefined,
        f.orderId ? eq(returns.orderId, f.orderId) : undefined,
        f.from ? gte(returns.businessDate, f.from) : undefined,
        f.to ? lte(returns.businessDate, f.to) : undefined,
        afterCursor([returns.occurredAt, returns.id], f.cursor, 'desc'),
      ),
    )
    .orderBy(desc(returns.occurredAt), desc(returns.id))
    .limit(f.limit + 1);
  const page = toPage(rows, f.limit, (r) => [r.occurredAt, r.id]);
  return { ...page, items: await loadReturns(tx, page.items) };
}

export async function refundTotalsOf(tx: Tx, customerId: string): Promise<number> {
  const { rows } = await tx.execute<{ refunds: string | null }>(sql`
    select sum(refund_total)::text as refunds from ${returns} where org_id = ${tx.orgId} and customer_id = ${customerId}`);
  return Number(rows[0].refunds ?? 0);
}
