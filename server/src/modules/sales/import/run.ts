import { sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database';
import { emitEvents } from '../../../platform/events/bus';
import { newId } from '../../../platform/ids';
import type { ChunkFlow, ChunkResult, ImportJob, ImportRow, Rejection } from '../../../platform/imports';
import { getOrg } from '../../access/orgs';
import { storeIdsByCode } from '../../access/stores';
import { ensureProducts, type ProductRef, resolveProducts } from '../../catalog/service';
import { insertCustomers } from '../../customers/bulk';
import { findByIdentities, type Identity, identityKey } from '../../customers/identities';
import { addPurchasesCtes } from '../customer-facts';
import { receiptLines, receipts } from '../schema';
import { milliText } from '../values';
import { readSalesRow, type SalesLine } from './row';
import { numberArray, plainArray, textArray } from './sql-arrays';

export interface SalesImportOptions {
  /** The system a plain external id belongs to: `import` + `00004` → `import:00004`. */
  externalSystem: string;
  /** The store of rows that name none (else: the importer's only store, else no store). */
  storeCode?: string;
}

interface ReceiptState {
  id: string | null;
  /** The receipt existed before this import: its rows change nothing. */
  skip: boolean;
  nextLine: number;
  /** Whose purchase it is, and its day: the facts of rows in later chunks. */
  customerId?: string | null;
  day?: string;
}

/** What earlier chunks of the file resolved (kept in job.seen): the org, stores, receipts, customers, products. */
interface FileState {
  timeZone: string;
  currency: string;
  /** Store code → id (null: not a store of the org). */
  stores: Map<string, string | null>;
  /** Receipt key (store + number) → what became of it. */
  receipts: Map<string, ReceiptState>;
  /** Identity key → its customer. */
  customers: Map<string, string>;
  /** SKU → the catalog's product. */
  products: Map<string, ProductRef>;
  /**
   * The customers, products and receipts the latest chunk created, and the receipts it continued.
   * Its transaction may still be open while the next chunk runs (ChunkFlow): its new rows are
   * invisible and its updated rows locked until it commits, so a chunk that refers to one of them
   * waits for that commit first (or, for a continued receipt, continues it after).
   */
  fresh: Set<string>;
}

const receiptKey = (storeId: string | null, receiptNumber: string) => `${storeId ?? '-'}:${receiptNumber}`;

async function fileState(tx: Tx, job: ImportJob): Promise<FileState> {
  const seen = job.seen as Map<string, unknown>;
  let state = seen.get('sales') as FileState | undefined;
  if (!state) {
    const org = await getOrg(tx);
    state = {
      timeZone: org.timezone,
      currency: org.currency,
      stores: new Map(),
      receipts: new Map(),
      customers: new Map(),
      products: new Map(),
      fresh: new Set(),
    };
    seen.set('sales', state);
  }
  return state;
}

/** Store codes → ids (null for an unknown code), cached for the file. */
async function storesOf(tx: Tx, state: FileState, codes: Set<string>): Promise<void> {
  const unseen = [...codes].filter((c) => !state.stores.has(c));
  if (unseen.length === 0) return;
  const found = await storeIdsByCode(tx, unseen);
  for (const c of unseen) state.stores.set(c, found.get(c) ?? null);
}

/** Which of these receipts exist already (before this file, or from a concurrent writer). */
async function existingReceipts(tx: Tx, numbers: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  if (numbers.length === 0) return out;
  const { rows } = await tx.execute<{ store_id: string | null; receipt_number: string }>(sql`
    select store_id, receipt_number from ${receipts}
    where org_id = ${tx.orgId} and receipt_number = any(${textArray([...new Set(numbers)])}::text[])`);
  for (const r of rows) out.add(receiptKey(r.store_id, r.receipt_number));
  return out;
}

/**
 * The customers of new receipts, by their first row's identities: found by the customers module
 * (one query for the chunk) or created in bulk with those identities. Earlier chunks' answers
 * come from the file state.
 */
async function customersOf(tx: Tx, job: ImportJob, state: FileState, groups: { identities: Identity[]; storeId: string | null }[]) {
  const unseen = groups.flatMap((g) => g.identities).filter((i) => !state.customers.has(identityKey(i)));
  if (unseen.length > 0) {
    const owners = await findByIdentities(tx, unseen);
    for (const [key, owner] of owners) state.customers.set(key, owner);
  }
  const result: (string | null)[] = [];
  const pending = new Map<string, { identities: Identity[]; storeId: string | null; index: number[] }>();
  let created = 0;
  groups.forEach((g, k) => {
    let known: string | undefined;
    for (const i of g.identities) known ??= state.customers.get(identityKey(i));
    result.push(known ?? null);
    if (known || g.identities.length === 0) return;
    const shared = g.identities.map((i) => pending.get(identityKey(i))).find(Boolean);
    if (shared) {
      shared.index.push(k);
      for (const i of g.identities)
        if (!pending.has(identityKey(i))) {
          pending.set(identityKey(i), shared);
          shared.identities.push(i);
        }
      return;
    }
    const entry = { identities: [...g.identities], storeId: g.storeId, index: [k] };
    for (const i of g.identities) pending.set(identityKey(i), entry);
  });
  const fresh = [...new Set(pending.values())];
  if (fresh.length > 0) {
    const ids = await insertCustomers(
      tx,
      fresh.map((p) => {
        const phone = p.identities.find((i) => i.kind === 'phone')?.value;
        const email = p.identities.find((i) => i.kind === 'email')?.value;
        // One identity of each kind keeps the primary phone and e-mail unambiguous.
        const identities = p.identities.filter((i, n) => p.identities.findIndex((x) => x.kind === i.kind) === n);
        return {
          columns: { ...(phone ? { phone } : {}), ...(email ? { email } : {}) },
          identities,
          createdVia: 'import' as const,
          storeId: p.storeId,
          actor: job.actor,
        };
      }),
    );
    fresh.forEach((p, n) => {
      for (const i of p.identities) state.customers.set(identityKey(i), ids[n]);
      for (const k of p.index) result[k] = ids[n];
    });
    created = fresh.length;
    for (const id of ids) state.fresh.add(id);
  }
  return { ids: result, created };
}

/** The products of the lines' SKUs: matched or created by the catalog (one call for the chunk). */
async function productsOf(tx: Tx, job: ImportJob, state: FileState, groups: Group[]) {
  const items = new Map<string, { sku: string; name?: string; categoryPath?: string[]; brand?: string | null }>();
  for (const g of groups)
    for (const l of g.lines) {
      if (!l.sku || state.products.has(l.sku) || items.has(l.sku)) continue;
      items.set(l.sku, { sku: l.sku, name: l.productName ?? undefined, categoryPath: l.categoryPath, brand: l.brand });
    }
  if (items.size === 0) return;
  // Most SKUs of a sales history are in the catalog already: a lookup, and ensureProducts (an
  // insert that may create them) for the others only. A match by barcode does not count here:
  // ensureProducts goes by SKU.
  for (const [ref, product] of await resolveProducts(tx, [...items.keys()])) {
    if (product.sku !== ref) continue;
    state.products.set(ref, product);
    items.delete(ref);
  }
  if (items.size === 0) return;
  const refs = await ensureProducts(tx, [...items.values()], { actor: { type: job.actor.type, id: job.actor.id } });
  for (const [sku, ref] of refs) {
    state.products.set(sku, ref);
    state.fresh.add(ref.id);
  }
}

interface Group {
  key: string;
  storeId: string | null;
  lines: SalesLine[];
}

interface ChunkRead {
  lines: SalesLine[];
  rejected: Rejection[];
  /** The store codes the lines name. */
  codes: Set<string>;
}

/**
 * The rows of a chunk read and validated, without the database: the engine runs it for the next
 * chunk while this one's statements run (the org's clock comes from the first chunk's state).
 */
export function readSalesChunk(rows: ImportRow[], job: ImportJob): ChunkRead | undefined {
  const state = (job.seen as Map<string, unknown>).get('sales') as FileState | undefined;
  return state ? readChunk(rows, job, state) : undefined;
}

function readChunk(rows: ImportRow[], job: ImportJob, state: FileState): ChunkRead {
  const options = job.options as unknown as SalesImportOptions;
  const rejected: Rejection[] = [];
  const lines: SalesLine[] = [];
  const read = {
    timeZone: state.timeZone,
    currency: state.currency,
    externalSystem: options.externalSystem,
    cache: job.seen as Map<string, unknown>,
  };
  const codes = new Set<string>();
  for (const row of rows) {
    const line = readSalesRow(row, read);
    if ('reason' in line) rejected.push(line);
    else {
      lines.push(line);
      const code = line.storeCode ?? options.storeCode;
      if (code) codes.add(code);
    }
  }
  return { lines, rejected, codes };
}

/**
 * One chunk of a historical sales file (one row per receipt line). Rows are grouped into
 * receipts by store + receipt number, wherever they are in the file (the file state carries
 * receipts across chunks). Receipts that existed before the file are left as they are, so
 * importing a file twice changes nothing. Everything is set-based: a handful of statements per
 * chunk whatever its size (existing receipts, customers, products, one statement writing the
 * receipts and their lines, the events, the purchase facts). The next chunk starts while this one
 * writes its events and facts (see FileState.fresh for what it must wait for).
 */
export async function importSalesChunk(tx: Tx, rows: ImportRow[], job: ImportJob, read: unknown, flow: ChunkFlow): Promise<ChunkResult> {
  const options = job.options as unknown as SalesImportOptions;
  const state = await fileState(tx, job);
  const { lines, rejected, codes } = (read as ChunkRead | undefined) ?? readChunk(rows, job, state);

  const earlier = state.fresh;
  state.fresh = new Set();
  await storesOf(tx, state, codes);
  const scope = job.storeIds;
  const groups = new Map<string, Group>();
  for (const line of lines) {
    const code = line.storeCode ?? options.storeCode ?? null;
    let storeId: string | null = null;
    if (code) {
      storeId = state.stores.get(code) ?? null;
      if (!storeId) {
        rejected.push({ index: line.index, reason: 'sales_import.unknown_store', params: { value: code } });
        continue;
      }
    } else if (scope?.length === 1) storeId = scope[0];
    if (scope && (!storeId || !scope.includes(storeId))) {
      rejected.push({ index: line.index, reason: 'sales_import.store_not_allowed', params: { value: code ?? '' } });
      continue;
    }
    const key = receiptKey(storeId, line.receiptNumber);
    let g = groups.get(key);
    if (!g) {
      g = { key, storeId, lines: [] };
      groups.set(key, g);
    }
    g.lines.push(line);
  }

  const fresh = [...groups.values()].filter((g) => !state.receipts.has(g.key));
  const existing = await existingReceipts(
    tx,
    fresh.map((g) => g.lines[0].receiptNumber),
  );
  let unchanged = 0;
  const creating: Group[] = [];
  const continuing: Group[] = [];
  for (const g of groups.values()) {
    let s = state.receipts.get(g.key);
    if (!s && existing.has(g.key)) {
      s = { id: null, skip: true, nextLine: 0 };
      state.receipts.set(g.key, s);
    }
    if (!s) creating.push(g);
    else if (s.skip) unchanged += g.lines.length;
    else continuing.push(g);
  }

  const { ids: customerIds, created: customersCreated } = await customersOf(
    tx,
    job,
    state,
    creating.map((g) => ({ identities: g.lines.find((l) => l.identities.length > 0)?.identities ?? [], storeId: g.storeId })),
  );
  await productsOf(tx, job, state, [...creating, ...continuing]);

  const headers = creating.map((g, k) => ({ id: newId(), group: g, first: g.lines[0], customerId: customerIds[k], ...totalsOf(g.lines) }));
  const actor = { type: job.actor.type, id: job.actor.id };
  const receiptEvents = (list: typeof headers) =>
    list.map((h) => ({
      type: 'sale.receipt_recorded',
      subjectType: 'receipt',
      subjectId: h.id,
      customerId: h.customerId ?? undefined,
      actor,
      occurredAt: h.first.occurredAt,
      payload: {
        receiptId: h.id,
        storeId: h.group.storeId,
        receiptNumber: h.first.receiptNumber,
        businessDate: h.first.day,
        currency: state.currency,
        subtotal: h.subtotal,
        discountTotal: h.discount_total,
        total: h.total,
        source: 'import',
      },
    }));
  // The line numbers of continued receipts are taken now: a later chunk may continue them too.
  const firstLine = new Map<Group, number>();
  for (const g of continuing) {
    const s = state.receipts.get(g.key)!;
    firstLine.set(g, s.nextLine);
    s.nextLine += g.lines.length;
    // Its row is locked until this chunk commits: the next chunk continues it after that.
    state.fresh.add(s.id!);
  }
  // Receipts the previous chunk created are continued once it has committed (they are invisible before).
  const later = continuing.filter((g) => earlier.has(state.receipts.get(g.key)!.id!));
  const now = continuing.filter((g) => !later.includes(g));
  const freshProduct = (g: Group) => g.lines.some((l) => l.sku && earlier.has(state.products.get(l.sku)?.id ?? ''));
  if (headers.some((h) => h.customerId && earlier.has(h.customerId)) || creating.some(freshProduct) || now.some(freshProduct))
    await flow.previous;
  const { inserted, continued } = await writeReceipts(tx, state, headers, now, firstLine, () => job.prefetch?.());
  let added = 0;
  for (const g of continuing) added += g.lines.length;
  const newReceipts: typeof headers = [];
  for (const h of headers) {
    const ok = inserted.has(h.id);
    state.receipts.set(h.group.key, {
      id: ok ? h.id : null,
      skip: !ok,
      nextLine: h.group.lines.length + 1,
      customerId: h.customerId,
      day: h.first.day,
    });
    if (ok) {
      state.fresh.add(h.id);
      added += h.group.lines.length;
      newReceipts.push(h);
    } else unchanged += h.group.lines.length;
  }
  // Later chunks read only the file state, complete now: the next chunk's transaction may start
  // while this one writes the events and the purchase facts.
  flow.handOff();
  await emitEvents(tx, receiptEvents(newReceipts));
  await flow.previous;
  if (later.length > 0) for (const id of (await writeReceipts(tx, state, [], later, firstLine)).continued) continued.add(id);
  await addToFacts(
    tx,
    [
      ...newReceipts.map((h) => ({ customerId: h.customerId, day: h.first.day, total: h.total, counted: 1, lines: h.group.lines })),
      ...continuing.flatMap((g) => {
        const s = state.receipts.get(g.key)!;
        return continued.has(s.id!)
          ? [{ customerId: s.customerId ?? null, day: s.day!, total: totalsOf(g.lines).total, counted: 0, lines: g.lines }]
          : [];
      }),
    ],
    state,
  );
  return {
    // In rows, like every import: a row created a receipt, was a further line of one, or
    // belonged to a receipt recorded before the file (left unchanged).
    created: newReceipts.length,
    updated: unchanged,
    merged: added - newReceipts.length,
    rejected,
    extra: { lines: added, customersCreated },
  };
}

type Header = {
  id: string;
  group: Group;
  first: SalesLine;
  customerId: string | null;
  subtotal: number;
  discount_total: number;
  total: number;
};

/**
 * New receipts, the lines of new and continued receipts, and the totals of continued ones in
 * one statement, every column bound as one array (unnest): a concurrent writer of the same
 * number wins, and its receipt is left alone (its lines here are not written).
 */
async function writeReceipts(
  tx: Tx,
  state: FileState,
  headers: Header[],
  continuing: Group[],
  firstLine: Map<Group, number>,
  meanwhile?: () => void,
) {
  const additions = continuing.map((g) => ({ id: state.receipts.get(g.key)!.id!, ...totalsOf(g.lines) }));
  const written: { receiptId: string; lineNo: number; line: SalesLine; product: ProductRef | undefined }[] = [];
  for (const h of headers)
    h.group.lines.forEach((line, i) => {
      written.push({ receiptId: h.id, lineNo: i + 1, line, product: line.sku ? state.products.get(line.sku) : undefined });
    });
  for (const g of continuing) {
    const id = state.receipts.get(g.key)!.id!;
    g.lines.forEach((line, i) => {
      written.push({ receiptId: id, lineNo: firstLine.get(g)! + i, line, product: line.sku ? state.products.get(line.sku) : undefined });
    });
  }
  const inserted = new Set<string>();
  const continued = new Set<string>();
  if (written.length === 0) return { inserted, continued };
  const writing = tx.execute<{ id: string; created: boolean }>(sql`
    with r as (
      insert into ${receipts} (org_id, id, store_id, receipt_number, occurred_at, business_date, customer_id, currency,
                               subtotal, discount_total, total, source, content_hash)
      select ${tx.orgId}, x.id, x.store_id, x.receipt_number, x.occurred_at, x.business_date, x.customer_id, ${state.currency},
             x.subtotal, x.discount_total, x.total, 'import', 'import'
      from unnest(${plainArray(headers.map((h) => h.id))}::uuid[], ${plainArray(headers.map((h) => h.group.storeId))}::uuid[],
                  ${textArray(headers.map((h) => h.first.receiptNumber))}::text[],
                  ${plainArray(headers.map((h) => h.first.occurredAt.toISOString()))}::timestamptz[],
                  ${plainArray(headers.map((h) => h.first.day))}::date[], ${plainArray(headers.map((h) => h.customerId))}::uuid[],
                  ${numberArray(headers.map((h) => h.subtotal))}::bigint[], ${numberArray(headers.map((h) => h.discount_total))}::bigint[],
                  ${numberArray(headers.map((h) => h.total))}::bigint[])
           as x(id, store_id, receipt_number, occurred_at, business_date, customer_id, subtotal, discount_total, total)
      on conflict (org_id, store_id, receipt_number) do nothing
      returning id
    ), a as (
      -- Rows of a receipt in a later chunk: its totals grow with them.
      update ${receipts} t set subtotal = t.subtotal + a.subtotal, discount_total = t.discount_total + a.discount_total,
                               total = t.total + a.total
      from unnest(${plainArray(additions.map((a) => a.id))}::uuid[], ${numberArray(additions.map((a) => a.subtotal))}::bigint[],
                  ${numberArray(additions.map((a) => a.discount_total))}::bigint[], ${numberArray(additions.map((a) => a.total))}::bigint[])
           as a(id, subtotal, discount_total, total)
      where t.org_id = ${tx.orgId} and t.id = a.id
      returning t.id
    ), l as (
      insert into ${receiptLines} (org_id, receipt_id, line_no, sku, product_id, product_name, category_path, brand,
                                   quantity, unit_price, line_discount, line_total)
      select ${tx.orgId}, x.receipt_id, x.line_no, x.sku, x.product_id, x.product_name, x.category_path::text[], x.brand,
             x.quantity, x.unit_price, x.line_discount, x.line_total
      from unnest(${plainArray(written.map((w) => w.receiptId))}::uuid[], ${numberArray(written.map((w) => w.lineNo))}::int[],
                  ${textArray(written.map((w) => w.line.sku))}::text[], ${plainArray(written.map((w) => w.product?.id))}::uuid[],
                  ${textArray(written.map((w) => w.product?.name ?? w.line.productName))}::text[],
                  ${textArray(written.map((w) => categoryLiteral(w.product?.categoryPath ?? w.line.categoryPath)))}::text[],
                  ${textArray(written.map((w) => (w.product ? w.product.brand : w.line.brand)))}::text[],
                  ${plainArray(written.map((w) => milliText(w.line.quantityMilli)))}::numeric[],
                  ${numberArray(written.map((w) => w.line.unitPrice))}::bigint[], ${numberArray(written.map((w) => w.line.lineDiscount))}::bigint[],
                  ${numberArray(written.map((w) => w.line.lineTotal))}::bigint[])
           as x(receipt_id, line_no, sku, product_id, product_name, category_path, brand, quantity, unit_price, line_discount, line_total)
      where x.receipt_id in (select id from r union all select id from a)
    )
    select id, true as created from r union all select id, false from a`);
  // The database writes for a while: the engine reads the next chunk meanwhile.
  meanwhile?.();
  for (const r of (await writing).rows)
    if (r.created) inserted.add(r.id);
    else continued.add(r.id);
  return { inserted, continued };
}

/**
 * The written purchases added to their customers' facts (customer-facts.ts), in a statement of
 * their own: it runs after the previous chunk committed (ChunkFlow.previous), so the facts rows
 * are locked in file order.
 */
async function addToFacts(
  tx: Tx,
  purchases: { customerId: string | null | undefined; day: string; total: number; counted: number; lines: SalesLine[] }[],
  state: FileState,
) {
  const known = purchases.filter((p) => p.customerId);
  if (known.length === 0) return;
  const lines = known.flatMap((p) =>
    p.lines.map((line) => {
      const product = line.sku ? state.products.get(line.sku) : undefined;
      return {
        customerId: p.customerId!,
        day: p.day,
        categories: categoryLiteral(product?.categoryPath ?? line.categoryPath),
        brand: product ? product.brand : line.brand,
      };
    }),
  );
  await tx.execute(sql`
    with ${addPurchasesCtes(tx, {
      purchases: sql`select * from unnest(${plainArray(known.map((p) => p.customerId))}::uuid[], ${plainArray(known.map((p) => p.day))}::date[],
        ${numberArray(known.map((p) => p.total))}::bigint[], ${numberArray(known.map((p) => p.counted))}::int[])`,
      lines: sql`select x.c, x.d, x.p::text[], x.b from unnest(${plainArray(lines.map((l) => l.customerId))}::uuid[],
        ${plainArray(lines.map((l) => l.day))}::date[], ${textArray(lines.map((l) => l.categories))}::text[],
        ${textArray(lines.map((l) => l.brand))}::text[]) as x(c, d, p, b)`,
    })}
    select 1`);
}

/** A category path as an array literal, made once per path (lines share the arrays of their product or file cell). */
const categoryLiterals = new WeakMap<string[], string>();
function categoryLiteral(path: string[]): string {
  let literal = categoryLiterals.get(path);
  if (literal === undefined) {
    literal = textArray(path);
    categoryLiterals.set(path, literal);
  }
  return literal;
}

function totalsOf(lines: SalesLine[]) {
  let subtotal = 0;
  let discount = 0;
  for (const l of lines) {
    subtotal += l.lineTotal + l.lineDiscount;
    discount += l.lineDiscount;
  }
  return { subtotal, discount_total: discount, total: subtotal - discount };
}
