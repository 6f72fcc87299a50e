import { and, asc, eq, like, or, type SQL, sql } from 'drizzle-orm';
import { savepoint, type Tx } from '../../platform/db/database';
import { isUniqueViolation } from '../../platform/db/errors';
import { likeEscaped } from '../../platform/db/like';
import { emitEvent } from '../../platform/events/bus';
import { afterCursor, toPage } from '../../platform/http/pagination';
import { notFound, Problem } from '../../platform/http/problem';
import { isUuid } from '../../platform/ids';
import { foldTurkish } from '../../platform/text';
import { productBarcodes, products, suppliers } from './schema';
import { type ProductInput, type UpsertResult, upsertProducts, type WriteOptions } from './service';
import { normalizeCategoryPath, normalizeSku, parseCategoryPath } from './values';

export type ProductRow = typeof products.$inferSelect;

/** A product as the API returns it: the row, its barcodes and its supplier's code and name. */
export interface ProductView {
  id: string;
  sku: string;
  name: string;
  barcodes: string[];
  categoryPath: string[];
  brand: string | null;
  supplierId: string | null;
  supplier: { id: string; code: string; name: string } | null;
  attributes: Record<string, string>;
  listPrice: number | null;
  currency: string;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const org = (tx: Tx) => tx.orgId as string;

/** Product rows with their barcodes and suppliers, in the rows' order: two queries for any number. */
export async function viewProducts(tx: Tx, rows: ProductRow[]): Promise<ProductView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const codes = await tx
    .select({ productId: productBarcodes.productId, barcode: productBarcodes.barcode })
    .from(productBarcodes)
    .where(and(eq(productBarcodes.orgId, org(tx)), sql`${productBarcodes.productId} = any(${sql.param(ids)}::uuid[])`))
    .orderBy(productBarcodes.productId, productBarcodes.createdAt, productBarcodes.barcode);
  const supplierIds = [...new Set(rows.map((r) => r.supplierId).filter((s): s is string => s !== null))];
  const sups =
    supplierIds.length === 0
      ? []
      : await tx
          .select({ id: suppliers.id, code: suppliers.code, name: suppliers.name })
          .from(suppliers)
          .where(and(eq(suppliers.orgId, org(tx)), sql`${suppliers.id} = any(${sql.param(supplierIds)}::uuid[])`));
  const byProduct = new Map<string, string[]>();
  for (const c of codes) byProduct.set(c.productId, [...(byProduct.get(c.productId) ?? []), c.barcode]);
  const bySupplier = new Map(sups.map((s) => [s.id, s]));
  return rows.map((r) => ({
    id: r.id,
    sku: r.sku,
    name: r.name,
    barcodes: byProduct.get(r.id) ?? [],
    categoryPath: r.categoryPath,
    brand: r.brand,
    supplierId: r.supplierId,
    supplier: r.supplierId ? (bySupplier.get(r.supplierId) ?? null) : null,
    attributes: r.attributes,
    listPrice: r.listPrice,
    currency: r.currency,
    active: r.active,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }));
}

export async function viewProduct(tx: Tx, row: ProductRow): Promise<ProductView> {
  const [view] = await viewProducts(tx, [row]);
  return view;
}

/** One product of the caller's org; 404 otherwise (another org's id included). */
export async function getProductRow(tx: Tx, id: string): Promise<ProductRow> {
  if (!isUuid(id)) throw notFound();
  const [row] = await tx
    .select()
    .from(products)
    .where(and(eq(products.orgId, org(tx)), eq(products.id, id)));
  if (!row) throw notFound();
  return row;
}

async function rowsByIds(tx: Tx, ids: string[]): Promise<ProductRow[]> {
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(products)
    .where(and(eq(products.orgId, org(tx)), sql`${products.id} = any(${sql.param(ids)}::uuid[])`));
}

/** Ids of products carrying exactly this barcode (none or one). */
async function barcodeOwners(tx: Tx, code: string): Promise<string[]> {
  if (!/^\d{8,14}$/.test(code)) return [];
  const rows = await tx
    .select({ id: productBarcodes.productId })
    .from(productBarcodes)
    .where(and(eq(productBarcodes.orgId, org(tx)), eq(productBarcodes.barcode, code)));
  return rows.map((r) => r.id);
}

/**
 * What a scanner or a typed code names: the product with this exact SKU, else the one with this
 * barcode, else the one whose SKU matches ignoring case. 404 when none.
 */
export async function productByCode(tx: Tx, raw: string): Promise<ProductRow> {
  const code = raw.trim();
  if (!code) throw notFound();
  const [exact] = await tx
    .select()
    .from(products)
    .where(and(eq(products.orgId, org(tx)), eq(products.sku, code)));
  if (exact) return exact;
  const [byBarcode] = await rowsByIds(tx, await barcodeOwners(tx, code.replace(/\s+/g, '')));
  if (byBarcode) return byBarcode;
  const loose = await tx
    .select()
    .from(products)
    .where(and(eq(products.orgId, org(tx)), sql`lower(${products.sku}) = lower(${code})`))
    .limit(2);
  if (loose.length === 1) return loose[0];
  throw notFound();
}

export interface ProductFilter {
  q?: string;
  /** A category path ("Erkek > Üst Giyim", or "/" separated): products in it or below it. */
  category?: string;
  brand?: string;
  supplierId?: string;
  active?: boolean;
  limit: number;
  cursor?: string;
}

/**
 * The search box: a barcode or SKU typed exactly, any part of a SKU (case-insensitive), or any part
 * of the name Turkish-insensitively ("kazak" finds "KAZAK", "ısık" and "ISIK" find "Işık"). The
 * SKU and name branches are trigram-indexed; the barcode is looked up first by its key.
 */
async function searchCondition(tx: Tx, q: string): Promise<SQL | undefined> {
  const term = q.trim();
  if (!term) return undefined;
  const byBarcode = await barcodeOwners(tx, term.replace(/\s+/g, ''));
  const branches: (SQL | undefined)[] = [
    like(sql`lower(${products.sku})`, likeEscaped(term.toLocaleLowerCase('en'), 'contains')),
    like(products.nameKey, likeEscaped(foldTurkish(term), 'contains')),
  ];
  if (byBarcode.length > 0) branches.push(sql`${products.id} = any(${sql.param(byBarcode)}::uuid[])`);
  return or(...branches);
}

export async function listProducts(tx: Tx, f: ProductFilter) {
  const category = f.category ? normalizeCategoryPath(parseCategoryPath(f.category), '/category') : [];
  const rows = await tx
    .select()
    .from(products)
    .where(
      and(
        eq(products.orgId, org(tx)),
        f.q ? await searchCondition(tx, f.q) : undefined,
        // Containment finds candidates through the GIN index; the slice keeps the order of the parts.
        category.length > 0
          ? sql`${products.categoryPath} @> ${sql.param(category)}::text[] and ${products.categoryPath}[1:${category.length}] = ${sql.param(category)}::text[]`
          : undefined,
        f.brand ? sql`lower(${products.brand}) = lower(${f.brand.trim()})` : undefined,
        f.supplierId ? eq(products.supplierId, f.supplierId) : undefined,
        f.active === undefined ? undefined : eq(products.active, f.active),
        afterCursor([products.nameKey, products.id], f.cursor, 'asc'),
      ),
    )
    .orderBy(asc(products.nameKey), asc(products.id))
    .limit(f.limit + 1);
  return toPage(rows, f.limit, (r) => [r.nameKey, r.id]);
}

export interface ProductPatch extends Omit<ProductInput, 'sku' | 'supplierCode'> {
  sku?: string;
}

/**
 * Edits a product by id: a new `sku` renames it (409 `sku_taken` when another product has it),
 * the other fields go through upsertProducts, so a patch that changes nothing writes nothing.
 */
export async function patchProduct(tx: Tx, id: string, patch: ProductPatch, options: WriteOptions = {}): Promise<UpsertResult> {
  const row = await getProductRow(tx, id);
  let sku = row.sku;
  if (patch.sku !== undefined && normalizeSku(patch.sku) !== row.sku) {
    sku = normalizeSku(patch.sku);
    const renamed = sku;
    try {
      await savepoint(tx, () =>
        tx
          .update(products)
          .set({ sku: renamed, updatedAt: new Date() })
          .where(and(eq(products.orgId, org(tx)), eq(products.id, id))),
      );
    } catch (err) {
      if (isUniqueViolation(err)) throw new Problem(409, 'sku_taken', 'catalog.sku_taken');
      throw err;
    }
  }
  const { sku: _ignored, ...rest } = patch;
  const result = await upsertProducts(tx, [{ ...rest, sku }], options);
  if (sku !== row.sku && result.updated === 0) {
    await emitEvent(tx, { type: 'product.updated', subjectType: 'product', subjectId: id, actor: options.actor, payload: { sku } });
    return { ...result, updated: 1, unchanged: 0, outcomes: ['updated'] };
  }
  return result;
}

/** Every category path and each of its ancestors, with the number of products in it or below it. */
export async function listCategories(tx: Tx): Promise<{ path: string[]; productCount: number }[]> {
  const { rows } = await tx.execute<{ path: string[]; n: number }>(sql`
    select p.category_path[1:d] as path, count(*)::int as n
    from ${products} p, generate_series(1, cardinality(p.category_path)) as d
    where p.org_id = ${org(tx)}
    group by 1
    order by 1
    limit 10000`);
  return rows.map((r) => ({ path: r.path, productCount: r.n }));
}

/** Every brand with its number of products, for the filter pickers. */
export async function listBrands(tx: Tx): Promise<{ brand: string; productCount: number }[]> {
  const { rows } = await tx.execute<{ brand: string; n: number }>(sql`
    select brand, count(*)::int as n from ${products}
    where org_id = ${org(tx)} and brand is not null
    group by brand order by brand limit 10000`);
  return rows.map((r) => ({ brand: r.brand, productCount: r.n }));
}

/** Products of this org by id (absent ids skipped), viewed. */
export async function viewProductsByIds(tx: Tx, ids: string[]): Promise<ProductView[]> {
  const rows = await rowsByIds(tx, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return viewProducts(
    tx,
    ids.map((i) => byId.get(i)).filter((r): r is ProductRow => r !== undefined),
  );
}
