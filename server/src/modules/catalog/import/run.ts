import { and, eq, sql } from 'drizzle-orm';
import { savepoint, type Tx } from '../../../platform/db/database';
import { Problem } from '../../../platform/http/problem';
import type { ChunkResult, ImportJob, ImportRow, Rejection } from '../../../platform/imports';
import type { Cell } from '../../../platform/imports/parse';
import { cellText } from '../../../platform/imports/spreadsheet';
import { parseMoney } from '../../../platform/money';
import { productBarcodes, products } from '../schema';
import { normalizeProductInput, type ProductInput, upsertProducts } from '../service';
import { ensureSuppliers } from '../suppliers';
import { LIMITS, normalizeBarcode, parseCategoryPath } from '../values';
import { ATTRIBUTE_FIELDS } from './fields';

type Reason = Rejection['reason'];

class RowError extends Error {
  constructor(
    readonly reason: Reason,
    readonly params: Record<string, string | number> = {},
  ) {
    super(reason);
  }
}

/** A cell as trimmed text, or null when blank. */
function textOf(c: Cell): string | null {
  if (c === null) return null;
  const s = cellText(c).replace(/\s+/g, ' ').trim();
  return s === '' ? null : s;
}

/**
 * A price in major units as a file gives it: a number cell, "249,90", "1.249,90", "249.90",
 * "₺249,90 TL" → kuruş. Negative or more than two decimals → rejected.
 */
export function priceOf(c: Cell): number | null {
  if (c === null) return null;
  const text = typeof c === 'number' ? (Number.isFinite(c) ? String(c) : '') : textOf(c);
  if (!text) return null;
  let minor: number;
  try {
    minor = parseMoney(text);
  } catch {
    throw new RowError('catalog_import.invalid_price', { value: text.slice(0, 40) });
  }
  if (minor < 0 || minor > LIMITS.listPrice) throw new RowError('catalog_import.invalid_price', { value: text.slice(0, 40) });
  return minor;
}

/** "8690000000012; 8690000000029" (`;` or `,` between them) → checked barcodes. */
export function barcodesOf(c: Cell): string[] {
  if (c === null) return [];
  // A number cell: Excel keeps 13 digits exactly (they are below 2^53).
  const text = typeof c === 'number' ? (Number.isSafeInteger(c) ? String(c) : '') : (textOf(c) ?? '');
  const parts = text
    .split(/[;,]/)
    .map((p) => p.trim())
    .filter(Boolean);
  return parts.map((p) => {
    try {
      return normalizeBarcode(p);
    } catch {
      throw new RowError('catalog_import.invalid_barcode', { value: p.slice(0, 40) });
    }
  });
}

interface Line {
  index: number;
  sku: string;
  input: ProductInput;
  supplier: { code: string; name: string | null } | null;
}

function readLine(row: ImportRow): Line {
  const v = row.values;
  const sku = textOf(v.sku ?? null);
  if (!sku) throw new RowError('catalog_import.sku_required');
  const input: ProductInput = { sku };
  const name = textOf(v.name ?? null);
  if (name) input.name = name;
  const barcodes = barcodesOf(v.barcode ?? null);
  if (barcodes.length > 0) input.addBarcodes = barcodes;
  const category = textOf(v.category ?? null);
  if (category) input.categoryPath = parseCategoryPath(category);
  const brand = textOf(v.brand ?? null);
  if (brand) input.brand = brand;
  const price = priceOf(v.listPrice ?? null);
  if (price !== null) input.listPrice = price;
  const attributes: Record<string, string> = {};
  for (const field of ATTRIBUTE_FIELDS) {
    const value = textOf(v[field] ?? null);
    if (value) attributes[field] = value;
  }
  if (Object.keys(attributes).length > 0) input.mergeAttributes = attributes;
  const supplierCode = textOf(v.supplierCode ?? null);
  const supplierName = textOf(v.supplierName ?? null);
  // A file with only the supplier's name: the name is its code too.
  const supplier = supplierCode || supplierName ? { code: (supplierCode ?? supplierName) as string, name: supplierName } : null;
  return { index: row.index, sku, input, supplier };
}

/** Folds a later row of the same SKU into the first: fields the first left empty, more barcodes and attributes. */
function fold(into: Line, line: Line) {
  const a = into.input;
  const b = line.input;
  a.name ??= b.name;
  a.categoryPath ??= b.categoryPath;
  if (a.brand === undefined) a.brand = b.brand;
  if (a.listPrice === undefined) a.listPrice = b.listPrice;
  if (b.addBarcodes) a.addBarcodes = [...new Set([...(a.addBarcodes ?? []), ...b.addBarcodes])];
  if (b.mergeAttributes) a.mergeAttributes = { ...b.mergeAttributes, ...a.mergeAttributes };
  into.supplier ??= line.supplier;
}

/** A service Problem as a row's reason. */
function reasonOf(err: unknown, line: Line): { reason: Reason; params: Record<string, string | number> } {
  if (err instanceof RowError) return { reason: err.reason, params: err.params };
  if (!(err instanceof Problem)) throw err;
  const fieldCode = (err.extra as { fieldErrors?: { code: string }[] }).fieldErrors?.[0]?.code;
  const code = fieldCode ?? err.code;
  switch (code) {
    case 'name_required':
      return { reason: 'catalog_import.name_required', params: { value: line.sku } };
    case 'invalid_sku':
      return { reason: 'catalog_import.invalid_sku', params: { value: line.sku.slice(0, 80) } };
    case 'barcode_in_use':
      return { reason: 'catalog_import.barcode_in_use', params: { value: String(err.params.barcode ?? '') } };
    case 'invalid_category':
      return { reason: 'catalog_import.invalid_category', params: { value: (line.input.categoryPath ?? []).join(' > ').slice(0, 80) } };
    default:
      return { reason: 'catalog_import.invalid_value', params: { code } };
  }
}

/**
 * Imports one chunk: rows are grouped by SKU (a later row adds barcodes and attributes and fills
 * what the first left empty), suppliers are found or created by code, barcodes owned by other
 * products are rejected up front, and the rest goes to upsertProducts in one call. Only when that
 * call fails are the SKUs retried one by one (each under a savepoint) to find the bad ones.
 */
export async function importProductChunk(tx: Tx, rows: ImportRow[], job: ImportJob): Promise<ChunkResult> {
  const rejected: Rejection[] = [];
  const groups = new Map<string, { line: Line; rows: number[] }>();
  let merged = 0;
  for (const row of rows) {
    let line: Line;
    try {
      line = readLine(row);
      normalizeProductInput(line.input); // pure checks first: the row's own reason, not its group's
    } catch (err) {
      rejected.push({
        index: row.index,
        ...reasonOf(err, { index: row.index, sku: String(row.values.sku ?? ''), input: { sku: '' }, supplier: null }),
      });
      continue;
    }
    const group = groups.get(line.sku);
    if (group) {
      fold(group.line, line);
      group.rows.push(line.index);
    } else groups.set(line.sku, { line, rows: [line.index] });
    // A SKU an earlier chunk of this file already wrote: this row adds to it.
    if (group || job.seen.has(`sku:${line.sku}`)) merged++;
  }
  const reject = (g: { line: Line; rows: number[] }, err: unknown) => {
    const r = reasonOf(err, g.line);
    for (const index of g.rows) rejected.push({ index, ...r });
    groups.delete(g.line.sku);
  };

  // Suppliers by code, created when new.
  const supplierItems = [...groups.values()].map((g) => g.line.supplier).filter((s): s is NonNullable<Line['supplier']> => s !== null);
  const supplierIds = await ensureSuppliers(tx, supplierItems, { actor: job.actor });
  for (const g of groups.values()) if (g.line.supplier) g.line.input.supplierId = supplierIds.get(g.line.supplier.code.trim()) ?? null;

  // New SKUs need a name; barcodes must not belong to another product or another SKU of the chunk.
  const skus = [...groups.keys()];
  const known = new Set(
    (
      await tx
        .select({ sku: products.sku })
        .from(products)
        .where(and(eq(products.orgId, tx.orgId as string), sql`${products.sku} = any(${sql.param(skus)}::text[])`))
    ).map((r) => r.sku),
  );
  const codes = [...groups.values()].flatMap((g) => g.line.input.addBarcodes ?? []);
  const owners = new Map<string, string>();
  if (codes.length > 0) {
    const rows2 = await tx
      .select({ barcode: productBarcodes.barcode, sku: products.sku })
      .from(productBarcodes)
      .innerJoin(products, and(eq(products.orgId, productBarcodes.orgId), eq(products.id, productBarcodes.productId)))
      .where(and(eq(productBarcodes.orgId, tx.orgId as string), sql`${productBarcodes.barcode} = any(${sql.param(codes)}::text[])`));
    for (const r of rows2) owners.set(r.barcode, r.sku);
  }
  for (const g of [...groups.values()]) {
    if (!known.has(g.line.sku) && !g.line.input.name) {
      reject(g, new RowError('catalog_import.name_required', { value: g.line.sku }));
      continue;
    }
    const taken = (g.line.input.addBarcodes ?? []).find((b) => (owners.get(b) ?? g.line.sku) !== g.line.sku);
    if (taken) {
      reject(g, new RowError('catalog_import.barcode_in_use', { value: taken }));
      continue;
    }
    for (const b of g.line.input.addBarcodes ?? []) owners.set(b, g.line.sku);
  }

  let created = 0;
  let updated = 0;
  const list = [...groups.values()];
  // A SKU an earlier chunk wrote was counted there; its rows here are `merged`.
  const count = (gs: typeof list, outcomes: string[]) => {
    gs.forEach((g, k) => {
      if (job.seen.has(`sku:${g.line.sku}`)) return;
      if (outcomes[k] === 'created') created++;
      else if (outcomes[k] === 'updated') updated++;
    });
  };
  if (list.length > 0) {
    try {
      const result = await savepoint(tx, () =>
        upsertProducts(
          tx,
          list.map((g) => g.line.input),
          { actor: job.actor },
        ),
      );
      count(list, result.outcomes);
    } catch (err) {
      if (!(err instanceof Problem)) throw err;
      for (const g of list) {
        try {
          const result = await savepoint(tx, () => upsertProducts(tx, [g.line.input], { actor: job.actor }));
          count([g], result.outcomes);
        } catch (e) {
          reject(g, e);
        }
      }
    }
  }
  for (const sku of groups.keys()) job.seen.set(`sku:${sku}`, { id: null });
  return { created, updated, merged, rejected };
}
