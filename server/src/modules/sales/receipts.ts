import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import { savepoint, type Tx } from '../../platform/db/database';
import { isUniqueViolation } from '../../platform/db/errors';
import { type EventInput, emitEvent } from '../../platform/events/bus';
import { afterCursor, toPage } from '../../platform/http/pagination';
import { invalidField, Problem } from '../../platform/http/problem';
import { newId } from '../../platform/ids';
import { localDay } from '../../platform/time';
import type { AuditSource } from '../access/audit';
import { orgClock } from '../access/hot-settings';
import { type ProductRef, resolveProducts } from '../catalog/service';
import { customerPhone, findByIdentities } from '../customers/identities';
import { addPurchasesCtes } from './customer-facts';
import {
  checkStore,
  hashLines,
  type LineInput,
  liveCustomer,
  prepareLines,
  type ResolvedLine,
  registerByPhone,
  type SaleLine,
  skusOf,
  sumOf,
  toSaleLine,
  type UnknownSkuMode,
  unknownSku,
  withProducts,
} from './lines';
import { receiptLines, receiptPayments, receipts } from './schema';
import { getSettings, type SalesSettings } from './settings';
import { claimExpiresAt, contentHash, milliText, newClaimCode, PAYMENT_METHODS, type PaymentMethod } from './values';

export type ReceiptSource = 'pos' | 'api' | 'import';

export interface ReceiptInput {
  storeId: string;
  register?: string;
  cashierCode?: string;
  receiptNumber: string;
  occurredAt: Date;
  customerId?: string | null;
  /** Instead of customerId: the customer's mobile as typed; an unknown number registers the customer. */
  customerPhone?: string;
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
  /** Who recorded it, for the audit log when a customer is registered by `customerPhone`. */
  source?: AuditSource;
  /** The lines' products as the caller has just resolved them (the POS commit): not looked up again. */
  products?: Map<string, ProductRef>;
  /** `customerId` is a live customer the caller has just read: not checked again. */
  customerChecked?: boolean;
  /** Customers by E.164 phone the caller has just looked up for many receipts (a batch): not looked up again. */
  phoneCustomers?: Map<string, string>;
  /** Takes the `sale.receipt_recorded` event instead of writing it, for the caller to write many at once. */
  collectEvent?: (event: EventInput) => void;
  /** Leaves the customer's purchase facts to the caller (addReceiptsToFacts once for many receipts). */
  factsLater?: boolean;
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

/**
 * Records a store receipt in the caller's transaction. Idempotent on (store, receiptNumber): a
 * repeat with the same content returns `{ created: false }` and the stored receipt, the same
 * number with different content is a 409 `receipt_number_conflict`. Payments, when given, must
 * add up to the total (422 `payments_mismatch`). The receipt counts on its day in the org's time
 * zone, however late it arrives. Emits `sale.receipt_recorded`.
 */
export function recordReceipt(tx: Tx, input: ReceiptInput, opts: RecordOptions = {}): Promise<{ receipt: Receipt; created: boolean }> {
  return record(tx, input, opts, false);
}

/** recordReceipt for a store id the caller has just resolved from its code (the API): not looked up again. */
export function recordReceiptAtKnownStore(tx: Tx, input: ReceiptInput, opts: RecordOptions = {}) {
  return record(tx, input, opts, true);
}

/** The first half of recordReceiptAtKnownStore, for a caller writing many at once (writeReceipts). */
export function prepareReceiptAtKnownStore(tx: Tx, input: ReceiptInput, opts: RecordOptions = {}) {
  return prepare(tx, input, opts, true);
}

/** A receipt checked and resolved, ready to be written: everything but its write. */
export interface PreparedReceipt
  extends Pick<
    Receipt,
    | 'register'
    | 'cashierCode'
    | 'receiptNumber'
    | 'businessDate'
    | 'customerId'
    | 'currency'
    | 'subtotal'
    | 'discountTotal'
    | 'total'
    | 'payments'
  > {
  id: string;
  input: ReceiptInput;
  hash: string;
  resolved: ResolvedLine[];
  /** It gets a claim code (a clash of codes is retried with new ones). */
  wantsCode: boolean;
}

/**
 * The fast path is a handful of statements: the customer (by phone or id) and the products from
 * their modules, then one statement writing the receipt, its lines and payments (a repeat of the
 * natural key writes nothing), then the event. Settings are read only when they matter (unknown
 * SKUs, anonymous POS receipts), the stored receipt only when the insert found one, and the
 * answer is built from what was written rather than read back.
 */
async function record(
  tx: Tx,
  input: ReceiptInput,
  opts: RecordOptions,
  storeKnown: boolean,
): Promise<{ receipt: Receipt; created: boolean }> {
  const prepared = await prepare(tx, input, opts, storeKnown);
  return 'repeat' in prepared ? { receipt: prepared.repeat, created: false } : writeOne(tx, prepared.ready, opts);
}

/**
 * Checks a receipt and resolves its store, customer (registering an unknown phone) and products.
 * A retry of a receipt already stored comes back as `repeat` when it is found on the way.
 */
async function prepare(
  tx: Tx,
  input: ReceiptInput,
  opts: RecordOptions,
  storeKnown: boolean,
): Promise<{ repeat: Receipt } | { ready: PreparedReceipt }> {
  const org = await orgClock(tx);
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
    return { seq: i + 1, method: p.method as PaymentMethod, amount: p.amount };
  });
  if (payments.length > 0) {
    const paid = sumOf(payments.map((p) => p.amount));
    if (paid !== total) {
      throw new Problem(422, 'payments_mismatch', 'sales.payments_mismatch', { paid, total }, { paid, total });
    }
  }
  if (input.customerPhone !== undefined && input.customerId) {
    throw invalidField('/customerPhone', 'customer_ambiguous', 'sales.customer_ambiguous');
  }
  const phone = input.customerPhone === undefined ? undefined : customerPhone(input.customerPhone, '/customerPhone');
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
    customerPhone: phone,
    currency,
    source: input.source,
    lines: hashLines(lines),
    payments: payments.map((p) => [p.method, p.amount]),
    withClaimCode: input.withClaimCode ?? false,
  });

  if (!storeKnown) await checkStore(tx, input.storeId, opts.scope ?? null);
  else if (opts.scope && !opts.scope.includes(input.storeId)) throw new Problem(403, 'store_not_allowed', 'sales.store_not_allowed');
  // Before refusing a retry, or registering a customer for it, look for the receipt it repeats.
  const repeat = () => existingByKey(tx, input.storeId, receiptNumber, hash);

  let customerId: string | null = null;
  if (phone) {
    customerId =
      opts.phoneCustomers?.get(phone) ?? (await findByIdentities(tx, [{ kind: 'phone', value: phone }])).get(`phone:${phone}`) ?? null;
    if (!customerId) {
      const earlier = await repeat();
      if (earlier) return { repeat: earlier };
      customerId = await registerByPhone(tx, phone, input.storeId, input.source === 'pos' ? 'pos' : 'api', opts.source);
    }
  } else if (input.customerId && opts.customerChecked) {
    customerId = input.customerId;
  } else if (input.customerId) {
    try {
      customerId = await liveCustomer(tx, input.customerId);
    } catch (err) {
      const earlier = await repeat();
      if (earlier) return { repeat: earlier };
      throw err;
    }
  }

  const skus = skusOf(lines);
  const found = opts.products ?? (skus.length > 0 ? await resolveProducts(tx, skus) : new Map<string, ProductRef>());
  const unknown = skus.filter((s) => !found.has(s));
  let settings: SalesSettings | undefined;
  const setting = async () => {
    settings ??= await getSettings(tx);
    return settings;
  };
  if (unknown.length > 0 && (opts.unknownSku ?? (await setting()).unknownSku) === 'reject') {
    const earlier = await repeat();
    if (earlier) return { repeat: earlier };
    throw unknownSku(unknown);
  }
  const resolved = withProducts(lines, found);
  const wantsCode = input.withClaimCode || (input.source === 'pos' && !customerId && (await setting()).claimAnonymous);

  return {
    ready: {
      id: newId(),
      input,
      register,
      cashierCode,
      receiptNumber,
      businessDate: localDay(input.occurredAt, org.timezone),
      customerId,
      currency,
      subtotal,
      discountTotal,
      total,
      hash,
      resolved,
      payments,
      wantsCode,
    },
  };
}

/**
 * Writes prepared receipts, their lines and payments in one statement (a repeat of a natural key
 * writes nothing), then answers each from what was written: the receipt, the stored one it
 * repeats, or its 409 conflict. A clash of claim codes is retried with new ones.
 */
export async function writeReceipts(
  tx: Tx,
  list: PreparedReceipt[],
  opts: RecordOptions,
): Promise<({ receipt: Receipt; created: boolean } | Problem)[]> {
  let codes: (string | null)[] = [];
  let written: { id: string; created_at: string }[] = [];
  for (let attempt = 0; ; attempt++) {
    codes = list.map((p) => (p.wantsCode ? newClaimCode() : null));
    const run = () => tx.execute<{ id: string; created_at: string }>(writeStatement(tx, list, codes, opts));
    try {
      written = (await (codes.some(Boolean) ? savepoint(tx, run) : run())).rows;
      break;
    } catch (err) {
      // 50 random bits: a clash of claim codes is rare, and a new code is all it takes.
      if (attempt < 3 && isUniqueViolation(err, 'receipts_claim_code_key')) continue;
      throw err;
    }
  }
  const createdAt = new Map(written.map((r) => [r.id, new Date(r.created_at)]));
  const answers: ({ receipt: Receipt; created: boolean } | Problem)[] = [];
  for (const [i, p] of list.entries()) {
    const at = createdAt.get(p.id);
    if (at) {
      answers.push({ receipt: await finish(tx, p, at, codes[i], opts), created: true });
      continue;
    }
    // A receipt with this number was there already (or a concurrent first copy just committed it).
    try {
      const again = await existingByKey(tx, p.input.storeId, p.receiptNumber, p.hash);
      answers.push(again ? { receipt: again, created: false } : conflict(p.receiptNumber));
    } catch (err) {
      if (!(err instanceof Problem)) throw err;
      answers.push(err);
    }
  }
  return answers;
}

async function writeOne(tx: Tx, p: PreparedReceipt, opts: RecordOptions): Promise<{ receipt: Receipt; created: boolean }> {
  const [answer] = await writeReceipts(tx, [p], opts);
  if (answer instanceof Problem) throw answer;
  return answer;
}

function writeStatement(tx: Tx, list: PreparedReceipt[], codes: (string | null)[], opts: RecordOptions) {
  const rows = list.map((p, i) => ({
    ord: i,
    id: p.id,
    store_id: p.input.storeId,
    register: p.register,
    cashier_code: p.cashierCode,
    receipt_number: p.receiptNumber,
    occurred_at: p.input.occurredAt.toISOString(),
    business_date: p.businessDate,
    customer_id: p.customerId,
    currency: p.currency,
    subtotal: p.subtotal,
    discount_total: p.discountTotal,
    total: p.total,
    source: p.input.source,
    content_hash: p.hash,
    claim_code: codes[i],
    lines: p.resolved.map(lineRow),
    payments: p.payments,
  }));
  return sql`
    with x as (
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(ord int, id uuid, store_id uuid, register text,
        cashier_code text, receipt_number text, occurred_at timestamptz, business_date date, customer_id uuid, currency text,
        subtotal bigint, discount_total bigint, total bigint, source text, content_hash text, claim_code text, lines jsonb, payments jsonb)
    ), r as (
      insert into ${receipts} (org_id, id, store_id, register, cashier_code, receipt_number, occurred_at, business_date, customer_id,
                               currency, subtotal, discount_total, total, source, content_hash, claim_code)
      select ${tx.orgId}, x.id, x.store_id, x.register, x.cashier_code, x.receipt_number, x.occurred_at, x.business_date, x.customer_id,
             x.currency, x.subtotal, x.discount_total, x.total, x.source, x.content_hash, x.claim_code
      from x order by x.ord
      on conflict (org_id, store_id, receipt_number) do nothing
      returning id, created_at, customer_id, business_date, total
    ), l as (
      insert into ${receiptLines} (org_id, receipt_id, line_no, sku, product_id, product_name, category_path, brand, quantity,
                                   unit_price, line_discount, line_total, discounts)
      select ${tx.orgId}, r.id, y.line_no, y.sku, y.product_id, y.product_name, y.category_path, y.brand, y.quantity,
             y.unit_price, y.line_discount, y.line_total, y.discounts
      from r join x on x.id = r.id
      cross join lateral jsonb_to_recordset(x.lines) as y(line_no int, sku text, product_id uuid, product_name text,
             category_path text[], brand text, quantity numeric, unit_price bigint, line_discount bigint, line_total bigint, discounts jsonb)
      returning receipt_id, category_path, brand
    ), p as (
      insert into ${receiptPayments} (org_id, receipt_id, seq, method, amount)
      select ${tx.orgId}, r.id, y.seq, y.method, y.amount
      from r join x on x.id = r.id cross join lateral jsonb_to_recordset(x.payments) as y(seq int, method text, amount bigint)
    )${
      opts.factsLater
        ? sql``
        : sql`, ${addPurchasesCtes(tx, {
            purchases: sql`select customer_id, business_date, total, 1 from r`,
            lines: sql`select r.customer_id, r.business_date, l.category_path, l.brand from l join r on r.id = l.receipt_id`,
          })}`
    }
    select id, created_at from r`;
}

/** The answer for a receipt just written, built from what was written; its event. */
async function finish(tx: Tx, p: PreparedReceipt, createdAt: Date, claimCode: string | null, opts: RecordOptions): Promise<Receipt> {
  const { input, resolved } = p;
  const receipt: Receipt = {
    id: p.id,
    storeId: input.storeId,
    register: p.register,
    cashierCode: p.cashierCode,
    receiptNumber: p.receiptNumber,
    occurredAt: input.occurredAt,
    businessDate: p.businessDate,
    customerId: p.customerId,
    currency: p.currency,
    subtotal: p.subtotal,
    discountTotal: p.discountTotal,
    total: p.total,
    source: input.source,
    claimCode,
    claimExpiresAt: claimCode ? claimExpiresAt(createdAt) : null,
    claimedAt: null,
    createdAt,
    lines: resolved.map((l) => ({
      lineNo: l.lineNo,
      sku: l.sku,
      productId: l.productId,
      productName: l.productName,
      categoryPath: l.categoryPath,
      brand: l.brand,
      quantity: l.quantityMilli / 1000,
      unitPrice: l.unitPrice,
      lineDiscount: l.lineDiscount,
      lineTotal: l.lineTotal,
      discounts: l.discounts,
      returnedQuantity: 0,
    })),
    payments: p.payments,
  };
  const event: EventInput = {
    type: 'sale.receipt_recorded',
    subjectType: 'receipt',
    subjectId: p.id,
    customerId: p.customerId ?? undefined,
    actor: opts.actor,
    occurredAt: input.occurredAt,
    payload: receiptEventPayload(receipt, resolved.length),
  };
  if (opts.collectEvent) opts.collectEvent(event);
  else await emitEvent(tx, event);
  return receipt;
}

const lineRow = (l: ResolvedLine) => ({
  line_no: l.lineNo,
  sku: l.sku,
  product_id: l.productId,
  product_name: l.productName,
  category_path: l.categoryPath,
  brand: l.brand,
  quantity: milliText(l.quantityMilli),
  unit_price: l.unitPrice,
  line_discount: l.lineDiscount,
  line_total: l.lineTotal,
  discounts: l.discounts,
});

/** What a receipt event carries: ids and amounts, never personal data. */
export function receiptEventPayload(
  r: Pick<Receipt, 'id' | 'storeId' | 'receiptNumber' | 'businessDate' | 'currency' | 'subtotal' | 'discountTotal' | 'total' | 'source'>,
  lineCount: number,
) {
  return {
    receiptId: r.id,
    storeId: r.storeId,
    receiptNumber: r.receiptNumber,
    businessDate: r.businessDate,
    currency: r.currency,
    subtotal: r.subtotal,
    discountTotal: r.discountTotal,
    total: r.total,
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
