import { sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database';
import { emitEvents } from '../../../platform/events/bus';
import { newId } from '../../../platform/ids';
import type { ChunkResult, ImportJob, ImportRow, Rejection } from '../../../platform/imports';
import { getOrg } from '../../access/orgs';
import { storeIdsByCode } from '../../access/stores';
import { ensureProducts, type ProductRef } from '../../catalog/service';
import { insertCustomers } from '../../customers/bulk';
import { findByIdentities, type Identity, identityKey } from '../../customers/identities';
import { receiptLines, receipts } from '../schema';
import { milliText } from '../values';
import { readSalesRow, type SalesLine } from './row';

export interface SalesImportOptions {
  /** The system a plain external id belongs to: `import` + `00004` → `import:00004`. */
  externalSystem: string;
  /** The store of rows that name none (else: the importer's only store, else no store). */
  storeCode?: string;
}

/** What earlier chunks of the file resolved, kept in job.seen under prefixed keys. */
interface OrgInfo {
  id: null;
  timeZone: string;
  currency: string;
}
interface ReceiptState {
  id: string | null;
  /** The receipt existed before this import: its rows change nothing. */
  skip: boolean;
  nextLine: number;
}
interface ProductState {
  id: string;
  ref: ProductRef;
}

type Seen = Map<string, unknown>;

const receiptKey = (storeId: string | null, receiptNumber: string) => `receipt:${storeId ?? '-'}:${receiptNumber}`;

async function orgInfo(tx: Tx, seen: Seen): Promise<OrgInfo> {
  let info = seen.get('org') as OrgInfo | undefined;
  if (!info) {
    const org = await getOrg(tx);
    info = { id: null, timeZone: org.timezone, currency: org.currency };
    seen.set('org', info);
  }
  return info;
}

/** Store codes → ids (null for an unknown code), cached for the file. */
async function storesOf(tx: Tx, seen: Seen, codes: string[]): Promise<void> {
  const unseen = [...new Set(codes)].filter((c) => !seen.has(`store:${c}`));
  if (unseen.length === 0) return;
  const found = await storeIdsByCode(tx, unseen);
  for (const c of unseen) seen.set(`store:${c}`, { id: found.get(c) ?? null });
}

/** Which of these receipts exist already (before this file, or from a concurrent writer). */
async function existingReceipts(tx: Tx, keys: { storeId: string | null; receiptNumber: string }[]): Promise<Set<string>> {
  const out = new Set<string>();
  if (keys.length === 0) return out;
  const { rows } = await tx.execute<{ store_id: string | null; receipt_number: string }>(sql`
    select store_id, receipt_number from ${receipts}
    where org_id = ${tx.orgId} and receipt_number = any(${sql.param([...new Set(keys.map((k) => k.receiptNumber))])}::text[])`);
  for (const r of rows) out.add(receiptKey(r.store_id, r.receipt_number));
  return out;
}

/**
 * The customers of new receipts, by their first row's identities: found by the customers module
 * (one query for the chunk) or created in bulk with those identities. Earlier chunks' answers
 * come from job.seen.
 */
async function customersOf(tx: Tx, job: ImportJob, seen: Seen, groups: { identities: Identity[]; storeId: string | null }[]) {
  const unseen = groups.flatMap((g) => g.identities).filter((i) => !seen.has(`customer:${identityKey(i)}`));
  if (unseen.length > 0) {
    const owners = await findByIdentities(tx, unseen);
    for (const i of unseen) {
      const owner = owners.get(identityKey(i));
      if (owner) seen.set(`customer:${identityKey(i)}`, { id: owner });
    }
  }
  const result: (string | null)[] = [];
  const pending = new Map<string, { identities: Identity[]; storeId: string | null; index: number[] }>();
  let created = 0;
  groups.forEach((g, k) => {
    const known = g.identities.map((i) => seen.get(`customer:${identityKey(i)}`) as { id: string } | undefined).find(Boolean);
    result.push(known?.id ?? null);
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
      for (const i of p.identities) seen.set(`customer:${identityKey(i)}`, { id: ids[n] });
      for (const k of p.index) result[k] = ids[n];
    });
    created = fresh.length;
  }
  return { ids: result, created };
}

/** The products of the lines' SKUs: matched or created by the catalog (one call for the chunk). */
async function productsOf(tx: Tx, job: ImportJob, seen: Seen, lines: SalesLine[]) {
  const items = new Map<string, { sku: string; name?: string; categoryPath?: string[]; brand?: string | null }>();
  for (const l of lines) {
    if (!l.sku || seen.has(`product:${l.sku}`) || items.has(l.sku)) continue;
    items.set(l.sku, { sku: l.sku, name: l.productName ?? undefined, categoryPath: l.categoryPath, brand: l.brand });
  }
  if (items.size === 0) return;
  const refs = await ensureProducts(tx, [...items.values()], { actor: { type: job.actor.type, id: job.actor.id } });
  for (const [sku, ref] of refs) seen.set(`product:${sku}`, { id: ref.id, ref } satisfies ProductState);
}

interface Group {
  key: string;
  storeId: string | null;
  lines: SalesLine[];
}

/**
 * One chunk of a historical sales file (one row per receipt line). Rows are grouped into
 * receipts by store + receipt number, wherever they are in the file (job.seen carries receipts
 * across chunks). Receipts that existed before the file are left as they are, so importing a
 * file twice changes nothing. Everything is set-based: a handful of statements per chunk.
 */
export async function importSalesChunk(tx: Tx, rows: ImportRow[], job: ImportJob): Promise<ChunkResult> {
  const options = job.options as unknown as SalesImportOptions;
  const seen = job.seen as Seen;
  const org = await orgInfo(tx, seen);
  const rejected: Rejection[] = [];
  const lines: SalesLine[] = [];
  for (const row of rows) {
    const line = readSalesRow(row, { timeZone: org.timeZone, currency: org.currency, externalSystem: options.externalSystem, cache: seen });
    if ('reason' in line) rejected.push(line);
    else lines.push(line);
  }

  const codes = lines.map((l) => l.storeCode ?? options.storeCode).filter((c): c is string => Boolean(c));
  await storesOf(tx, seen, codes);
  const scope = job.storeIds;
  const groups = new Map<string, Group>();
  for (const line of lines) {
    const code = line.storeCode ?? options.storeCode ?? null;
    let storeId: string | null = null;
    if (code) {
      storeId = (seen.get(`store:${code}`) as { id: string | null }).id;
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

  const fresh = [...groups.values()].filter((g) => !seen.has(g.key));
  const existing = await existingReceipts(
    tx,
    fresh.map((g) => ({ storeId: g.storeId, receiptNumber: g.lines[0].receiptNumber })),
  );
  let unchanged = 0;
  for (const g of groups.values()) {
    if (!seen.has(g.key) && existing.has(g.key)) seen.set(g.key, { id: null, skip: true, nextLine: 0 } satisfies ReceiptState);
    if ((seen.get(g.key) as ReceiptState | undefined)?.skip) unchanged += g.lines.length;
  }
  const creating = fresh.filter((g) => !existing.has(g.key));
  const continuing = [...groups.values()].filter((g) => {
    const s = seen.get(g.key) as ReceiptState | undefined;
    return s !== undefined && !s.skip;
  });

  const { ids: customerIds, created: customersCreated } = await customersOf(
    tx,
    job,
    seen,
    creating.map((g) => ({ identities: g.lines.find((l) => l.identities.length > 0)?.identities ?? [], storeId: g.storeId })),
  );
  const writing = [...creating, ...continuing];
  await productsOf(
    tx,
    job,
    seen,
    writing.flatMap((g) => g.lines),
  );

  // Receipts first (a concurrent writer of the same number wins; its receipt is left alone).
  const headers = creating.map((g, k) => {
    const first = g.lines[0];
    return {
      id: newId(),
      store_id: g.storeId,
      receipt_number: first.receiptNumber,
      occurred_at: first.occurredAt.toISOString(),
      business_date: first.day,
      customer_id: customerIds[k],
      ...totalsOf(g.lines),
    };
  });
  const inserted = new Set<string>();
  if (headers.length > 0) {
    const { rows: done } = await tx.execute<{ id: string }>(sql`
      insert into ${receipts} (org_id, id, store_id, receipt_number, occurred_at, business_date, customer_id, currency,
                               subtotal, discount_total, total, source, content_hash)
      select ${tx.orgId}, r.id, r.store_id, r.receipt_number, r.occurred_at, r.business_date, r.customer_id, ${org.currency},
             r.subtotal, r.discount_total, r.total, 'import', 'import'
      from jsonb_to_recordset(${JSON.stringify(headers)}::jsonb) as r(id uuid, store_id uuid, receipt_number text,
             occurred_at timestamptz, business_date date, customer_id uuid, subtotal bigint, discount_total bigint, total bigint)
      on conflict (org_id, store_id, receipt_number) do nothing
      returning id`);
    for (const r of done) inserted.add(r.id);
  }
  creating.forEach((g, k) => {
    const ok = inserted.has(headers[k].id);
    seen.set(g.key, { id: ok ? headers[k].id : null, skip: !ok, nextLine: 1 } satisfies ReceiptState);
    if (!ok) unchanged += g.lines.length;
  });

  const lineRows: Record<string, unknown>[] = [];
  const additions: Record<string, unknown>[] = [];
  let added = 0;
  for (const g of writing) {
    const state = seen.get(g.key) as ReceiptState;
    if (state.skip) continue;
    if (continuing.includes(g)) additions.push({ id: state.id, ...totalsOf(g.lines) });
    for (const l of g.lines) {
      const product = l.sku ? (seen.get(`product:${l.sku}`) as ProductState | undefined) : undefined;
      lineRows.push({
        receipt_id: state.id,
        line_no: state.nextLine++,
        sku: l.sku,
        product_id: product?.id ?? null,
        product_name: product?.ref.name ?? l.productName,
        category_path: product?.ref.categoryPath ?? l.categoryPath,
        brand: product ? product.ref.brand : l.brand,
        quantity: milliText(l.quantityMilli),
        unit_price: l.unitPrice,
        line_discount: l.lineDiscount,
        line_total: l.lineTotal,
      });
      added++;
    }
  }
  if (lineRows.length > 0) {
    await tx.execute(sql`
      insert into ${receiptLines} (org_id, receipt_id, line_no, sku, product_id, product_name, category_path, brand,
                                   quantity, unit_price, line_discount, line_total)
      select ${tx.orgId}, r.receipt_id, r.line_no, r.sku, r.product_id, r.product_name, r.category_path, r.brand,
             r.quantity, r.unit_price, r.line_discount, r.line_total
      from jsonb_to_recordset(${JSON.stringify(lineRows)}::jsonb) as r(receipt_id uuid, line_no int, sku text, product_id uuid,
             product_name text, category_path text[], brand text, quantity numeric, unit_price bigint, line_discount bigint, line_total bigint)`);
  }
  if (additions.length > 0) {
    // Rows of a receipt in a later chunk: its totals grow with them.
    await tx.execute(sql`
      update ${receipts} t set subtotal = t.subtotal + a.subtotal, discount_total = t.discount_total + a.discount_total,
                               total = t.total + a.total
      from jsonb_to_recordset(${JSON.stringify(additions)}::jsonb) as a(id uuid, subtotal bigint, discount_total bigint, total bigint)
      where t.org_id = ${tx.orgId} and t.id = a.id`);
  }
  const newReceipts = headers.filter((h) => inserted.has(h.id));
  await emitEvents(
    tx,
    newReceipts.map((h) => ({
      type: 'sale.receipt_recorded',
      subjectType: 'receipt',
      subjectId: h.id,
      customerId: h.customer_id ?? undefined,
      actor: { type: job.actor.type, id: job.actor.id },
      occurredAt: new Date(h.occurred_at),
      payload: {
        receiptId: h.id,
        storeId: h.store_id,
        receiptNumber: h.receipt_number,
        businessDate: h.business_date,
        currency: org.currency,
        subtotal: h.subtotal,
        discountTotal: h.discount_total,
        total: h.total,
        source: 'import',
      },
    })),
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

function totalsOf(lines: SalesLine[]) {
  let subtotal = 0;
  let discount = 0;
  for (const l of lines) {
    subtotal += l.lineTotal + l.lineDiscount;
    discount += l.lineDiscount;
  }
  return { subtotal, discount_total: discount, total: subtotal - discount };
}
