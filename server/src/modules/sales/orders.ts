import { and, asc, desc, eq, gte, isNotNull, isNull, lte, max, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { emitEvent } from '../../platform/events/bus';
import { afterCursor, toPage } from '../../platform/http/pagination';
import { Problem } from '../../platform/http/problem';
import { newId } from '../../platform/ids';
import { localDay } from '../../platform/time';
import { getOrg } from '../access/orgs';
import { refreshCustomerFacts } from './customer-facts';
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
import { orderLines, orderStatusChanges, orders, returns } from './schema';
import { contentHash, milliText, ORDER_TRANSITIONS, type OrderStatus } from './values';

export interface OrderInput {
  /** A lower-case slug: web, shopify, ideasoft, trendyol… */
  channel: string;
  orderNumber: string;
  /** Defaults to `created` for a new order; for a known order a new status is a transition. */
  status?: OrderStatus;
  customerId?: string | null;
  clickCollectStoreId?: string | null;
  placedAt: Date;
  currency?: string;
  shippingTotal?: number;
  lines: LineInput[];
}

export interface StatusChange {
  seq: number;
  fromStatus: OrderStatus | null;
  toStatus: OrderStatus;
  at: Date;
}

export interface Order {
  id: string;
  channel: string;
  orderNumber: string;
  status: OrderStatus;
  customerId: string | null;
  clickCollectStoreId: string | null;
  placedAt: Date;
  businessDate: string;
  currency: string;
  subtotal: number;
  discountTotal: number;
  shippingTotal: number;
  total: number;
  createdAt: Date;
  updatedAt: Date;
  lines: SaleLine[];
  history: StatusChange[];
}

type OrderRow = typeof orders.$inferSelect;
type Actor = { type: string; id: string } | undefined;

export function orderHeader(r: OrderRow) {
  return {
    id: r.id,
    channel: r.channel,
    orderNumber: r.orderNumber,
    status: r.status as OrderStatus,
    customerId: r.customerId,
    clickCollectStoreId: r.clickCollectStoreId,
    placedAt: r.placedAt,
    businessDate: r.businessDate,
    currency: r.currency,
    subtotal: Number(r.subtotal),
    discountTotal: Number(r.discountTotal),
    shippingTotal: Number(r.shippingTotal),
    total: Number(r.total),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

async function loadOrder(tx: Tx, row: OrderRow): Promise<Order> {
  const lines = await tx
    .select()
    .from(orderLines)
    .where(and(eq(orderLines.orgId, tx.orgId!), eq(orderLines.orderId, row.id)))
    .orderBy(asc(orderLines.lineNo));
  const history = await tx
    .select()
    .from(orderStatusChanges)
    .where(and(eq(orderStatusChanges.orgId, tx.orgId!), eq(orderStatusChanges.orderId, row.id)))
    .orderBy(asc(orderStatusChanges.seq));
  return {
    ...orderHeader(row),
    lines: lines.map(toSaleLine),
    history: history.map((h) => ({
      seq: h.seq,
      fromStatus: h.fromStatus as OrderStatus | null,
      toStatus: h.toStatus as OrderStatus,
      at: h.at,
    })),
  };
}

export async function getOrder(tx: Tx, id: string): Promise<Order | null> {
  const [row] = await tx
    .select()
    .from(orders)
    .where(and(eq(orders.orgId, tx.orgId!), eq(orders.id, id)));
  return row ? loadOrder(tx, row) : null;
}

export async function findOrder(tx: Tx, channel: string, orderNumber: string): Promise<Order | null> {
  const [row] = await tx
    .select()
    .from(orders)
    .where(and(eq(orders.orgId, tx.orgId!), eq(orders.channel, channel), eq(orders.orderNumber, orderNumber.trim())));
  return row ? loadOrder(tx, row) : null;
}

async function insertLines(tx: Tx, orderId: string, lines: ResolvedLine[]) {
  if (lines.length === 0) return;
  await tx.insert(orderLines).values(
    lines.map((l) => ({
      orgId: tx.orgId!,
      orderId,
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

async function addHistory(tx: Tx, orderId: string, from: OrderStatus | null, to: OrderStatus, at: Date, actor: Actor) {
  const [last] = await tx
    .select({ seq: max(orderStatusChanges.seq) })
    .from(orderStatusChanges)
    .where(and(eq(orderStatusChanges.orgId, tx.orgId!), eq(orderStatusChanges.orderId, orderId)));
  await tx.insert(orderStatusChanges).values({
    orgId: tx.orgId!,
    orderId,
    seq: (last?.seq ?? 0) + 1,
    fromStatus: from,
    toStatus: to,
    at,
    actorType: actor?.type,
    actorId: actor?.id,
  });
}

function checkTransition(from: OrderStatus, to: OrderStatus) {
  if (!ORDER_TRANSITIONS[from].includes(to)) {
    throw new Problem(409, 'invalid_status_transition', 'sales.invalid_status_transition', { from, to }, { from, to });
  }
}

async function applyStatus(tx: Tx, row: OrderRow, to: OrderStatus, at: Date, actor: Actor): Promise<boolean> {
  const from = row.status as OrderStatus;
  if (from === to) return false;
  checkTransition(from, to);
  await tx
    .update(orders)
    .set({ status: to, updatedAt: at })
    .where(and(eq(orders.orgId, tx.orgId!), eq(orders.id, row.id)));
  if (from === 'cancelled' || to === 'cancelled') await refreshCustomerFacts(tx, [row.customerId]);
  await addHistory(tx, row.id, from, to, at, actor);
  await emitEvent(tx, {
    type: 'sale.order_status_changed',
    subjectType: 'order',
    subjectId: row.id,
    customerId: row.customerId ?? undefined,
    actor,
    occurredAt: at,
    payload: { orderId: row.id, channel: row.channel, orderNumber: row.orderNumber, from, to, total: Number(row.total) },
  });
  return true;
}

async function lockOrder(tx: Tx, id: string): Promise<OrderRow | undefined> {
  const [row] = await tx
    .select()
    .from(orders)
    .where(and(eq(orders.orgId, tx.orgId!), eq(orders.id, id)))
    .for('update');
  return row;
}

export interface OrderOptions {
  unknownSku?: UnknownSkuMode;
  actor?: Actor;
}

/**
 * Creates an order or updates the one with the same channel and order number (web shops send
 * an order again whenever it changes). Changed lines replace the old ones until the order has
 * returns (409 `order_locked`); a different status is a transition (409
 * `invalid_status_transition` when the lifecycle does not allow it). Emits
 * `sale.order_created` and `sale.order_status_changed`.
 */
export async function upsertOrder(tx: Tx, input: OrderInput, opts: OrderOptions = {}): Promise<{ order: Order; created: boolean }> {
  const org = await getOrg(tx);
  const channel = input.channel.trim().toLowerCase();
  const orderNumber = input.orderNumber.trim();
  const currency = input.currency ?? org.currency;
  const shippingTotal = input.shippingTotal ?? 0;
  const lines = prepareLines(input.lines);
  const subtotal = sumOf(lines.map((l) => l.gross));
  const discountTotal = sumOf(lines.map((l) => l.lineDiscount));
  const total = subtotal - discountTotal + shippingTotal;
  if (input.clickCollectStoreId) await checkStore(tx, input.clickCollectStoreId);
  const customerId = await liveCustomer(tx, input.customerId);
  const hash = contentHash({
    customerId,
    clickCollectStoreId: input.clickCollectStoreId ?? null,
    placedAt: input.placedAt.toISOString(),
    currency,
    shippingTotal,
    lines: hashLines(lines),
  });
  const header = {
    customerId,
    clickCollectStoreId: input.clickCollectStoreId ?? null,
    placedAt: input.placedAt,
    businessDate: localDay(input.placedAt, org.timezone),
    currency,
    subtotal,
    discountTotal,
    shippingTotal,
    total,
    contentHash: hash,
  };
  const now = new Date();

  const status = input.status ?? 'created';
  const id = newId();
  const [inserted] = await tx
    .insert(orders)
    .values({ orgId: tx.orgId!, id, channel, orderNumber, status, ...header })
    .onConflictDoNothing({ target: [orders.orgId, orders.channel, orders.orderNumber] })
    .returning();
  if (inserted) {
    const resolved = await resolveLines(tx, lines, await unknownSkuMode(tx, opts.unknownSku));
    await insertLines(tx, id, resolved);
    await refreshCustomerFacts(tx, [customerId]);
    await addHistory(tx, id, null, status, input.placedAt, opts.actor);
    await emitEvent(tx, {
      type: 'sale.order_created',
      subjectType: 'order',
      subjectId: id,
      customerId: customerId ?? undefined,
      actor: opts.actor,
      occurredAt: input.placedAt,
      payload: {
        orderId: id,
        channel,
        orderNumber,
        status,
        businessDate: header.businessDate,
        currency,
        total,
        lines: lines.length,
        clickCollectStoreId: header.clickCollectStoreId,
      },
    });
    return { order: (await getOrder(tx, id))!, created: true };
  }

  const [existing] = await tx
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.orgId, tx.orgId!), eq(orders.channel, channel), eq(orders.orderNumber, orderNumber)));
  const row = (await lockOrder(tx, existing.id))!;
  if (row.contentHash !== hash) {
    const [returned] = await tx
      .select({ id: returns.id })
      .from(returns)
      .where(and(eq(returns.orgId, tx.orgId!), eq(returns.orderId, row.id)))
      .limit(1);
    if (returned) throw new Problem(409, 'order_locked', 'sales.order_locked');
    const resolved = await resolveLines(tx, lines, await unknownSkuMode(tx, opts.unknownSku));
    await tx.delete(orderLines).where(and(eq(orderLines.orgId, tx.orgId!), eq(orderLines.orderId, row.id)));
    await insertLines(tx, row.id, resolved);
    await tx
      .update(orders)
      .set({ ...header, updatedAt: now })
      .where(and(eq(orders.orgId, tx.orgId!), eq(orders.id, row.id)));
    await refreshCustomerFacts(tx, [row.customerId, header.customerId]);
    Object.assign(row, header);
  }
  if (input.status) await applyStatus(tx, row, input.status, now, opts.actor);
  return { order: (await getOrder(tx, row.id))!, created: false };
}

/** Moves an order along its lifecycle; the same status again is a no-op. 404 for another org's order. */
export async function changeOrderStatus(tx: Tx, id: string, status: OrderStatus, opts: { at?: Date; actor?: Actor } = {}) {
  const row = await lockOrder(tx, id);
  if (!row) return null;
  const changed = await applyStatus(tx, row, status, opts.at ?? new Date(), opts.actor);
  return { order: (await getOrder(tx, id))!, changed };
}

export interface OrderFilter {
  channel?: string;
  status?: OrderStatus;
  customerId?: string;
  clickCollectStoreId?: string;
  from?: string;
  to?: string;
  hasCustomer?: boolean;
  orderNumber?: string;
  limit: number;
  cursor?: string;
}

export async function listOrders(tx: Tx, f: OrderFilter) {
  const rows = await tx
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.orgId, tx.orgId!),
        f.channel ? eq(orders.channel, f.channel) : undefined,
        f.status ? eq(orders.status, f.status) : undefined,
        f.customerId ? eq(orders.customerId, f.customerId) : undefined,
        f.clickCollectStoreId ? eq(orders.clickCollectStoreId, f.clickCollectStoreId) : undefined,
        f.from ? gte(orders.businessDate, f.from) : undefined,
        f.to ? lte(orders.businessDate, f.to) : undefined,
        f.hasCustomer === undefined ? undefined : f.hasCustomer ? isNotNull(orders.customerId) : isNull(orders.customerId),
        f.orderNumber ? eq(orders.orderNumber, f.orderNumber.trim()) : undefined,
        afterCursor([orders.placedAt, orders.id], f.cursor, 'desc'),
      ),
    )
    .orderBy(desc(orders.placedAt), desc(orders.id))
    .limit(f.limit + 1);
  const page = toPage(rows, f.limit, (r) => [r.placedAt, r.id]);
  return { ...page, items: page.items.map(orderHeader) };
}

export async function orderTotalsOf(tx: Tx, customerId: string) {
  const { rows } = await tx.execute<{ n: string; spend: string | null; last: Date | null }>(sql`
    select count(*)::text as n, sum(total)::text as spend, max(placed_at) as last
    from ${orders} where org_id = ${tx.orgId} and customer_id = ${customerId} and status <> 'cancelled'`);
  const r = rows[0];
  return { count: Number(r.n), spend: Number(r.spend ?? 0), lastAt: r.last ? new Date(r.last) : null };
}
