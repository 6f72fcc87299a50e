/**
 * The catalog's public door: other modules (sales, loyalty, analytics) call these functions and
 * never read the catalog's tables. Every function runs in the caller's tenant transaction
 * (`tx.orgId`) and works in bulk: one statement per step whatever the number of products.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { emitEvents } from '../../platform/events/bus';
import { invalidField, Problem } from '../../platform/http/problem';
import { isUuid, newId } from '../../platform/ids';
import { productBarcodes, products, suppliers } from './schema';
import {
  checkCurrency,
  checkListPrice,
  LIMITS,
  nameKeyOf,
  normalizeAttributes,
  normalizeBarcodes,
  normalizeCategoryPath,
  normalizeSku,
  optionalText,
  requiredName,
} from './values';

export interface ProductRef {
  id: string;
  sku: string;
  name: string;
  categoryPath: string[];
  brand: string | null;
  supplierId: string | null;
  listPrice: number | null;
  attributes: Record<string, string>;
}

/**
 * One product to create or update by SKU. A field left out keeps its stored value (or its
 * default on creation); `null` clears it. `barcodes` and `attributes`, when given, replace the
 * product's set. `name` is required when the SKU is new.
 */
export interface ProductInput {
  sku: string;
  name?: string;
  barcodes?: string[];
  categoryPath?: string[];
  brand?: string | null;
  /** The supplier by id, or by its code (`supplierCode`); give at most one. */
  supplierId?: string | null;
  supplierCode?: string | null;
  attributes?: Record<string, string>;
  /** Barcodes added to the product's set, keeping the others (imports); ignored when `barcodes` is given. */
  addBarcodes?: string[];
  /** Attributes set on top of the stored ones (an empty value removes one); ignored when `attributes` is given. */
  mergeAttributes?: Record<string, string>;
  /** Minor units (kuruş), a non-negative integer. */
  listPrice?: number | null;
  currency?: string;
  active?: boolean;
}

export interface EnsureItem {
  sku: string;
  name?: string;
  categoryPath?: string[];
  brand?: string | null;
  listPrice?: number | null;
}

export interface UpsertResult {
  created: number;
  updated: number;
  /** Products sent whose stored values already matched: nothing was written for them. */
  unchanged: number;
  /** In the order of the inputs. */
  products: ProductRef[];
  /** What happened to each input, in their order. */
  outcomes: ('created' | 'updated' | 'unchanged')[];
}

export interface WriteOptions {
  /** Who made the change, for the events. */
  actor?: { type: string; id: string };
}

type ProductRow = typeof products.$inferSelect;

const refColumns = {
  id: products.id,
  sku: products.sku,
  name: products.name,
  categoryPath: products.categoryPath,
  brand: products.brand,
  supplierId: products.supplierId,
  listPrice: products.listPrice,
  attributes: products.attributes,
};

export const toRef = (row: Pick<ProductRow, keyof ProductRef>): ProductRef => ({
  id: row.id,
  sku: row.sku,
  name: row.name,
  categoryPath: row.categoryPath,
  brand: row.brand,
  supplierId: row.supplierId,
  listPrice: row.listPrice,
  attributes: row.attributes,
});

/** A text[] parameter bound as one value (pg serialises the array), whatever its length. */
const textArray = (values: string[]) => sql`${sql.param(values)}::text[]`;
/** A uuid[] parameter; callers pass only valid UUIDs. */
const uuidArray = (values: string[]) => sql`${sql.param(values)}::uuid[]`;

const orgOf = (tx: Tx): string => {
  if (!tx.orgId) throw new Error('catalog functions run inside a tenant transaction');
  return tx.orgId;
};

/** Looks products up by SKU or barcode; the map is keyed by the ref as given. Unknown refs are absent. */
export async function resolveProducts(tx: Tx, refs: string[]): Promise<Map<string, ProductRef>> {
  const org = orgOf(tx);
  const out = new Map<string, ProductRef>();
  const wanted = [...new Set(refs.map((r) => r.trim()).filter((r) => r.length > 0 && r.length <= 100))];
  if (wanted.length === 0) return out;
  const bySku = await tx
    .select(refColumns)
    .from(products)
    .where(and(eq(products.orgId, org), sql`${products.sku} = any(${textArray(wanted)})`));
  const byRef = new Map<string, ProductRef>(bySku.map((r) => [r.sku, toRef(r)]));
  // A SKU match wins over a barcode match when a code is both.
  const codes = wanted.filter((r) => !byRef.has(r) && /^\d{8,14}$/.test(r));
  if (codes.length > 0) {
    const byBarcode = await tx
      .select({ ...refColumns, barcode: productBarcodes.barcode })
      .from(productBarcodes)
      .innerJoin(products, and(eq(products.orgId, productBarcodes.orgId), eq(products.id, productBarcodes.productId)))
      .where(and(eq(productBarcodes.orgId, org), sql`${productBarcodes.barcode} = any(${textArray(codes)})`));
    for (const r of byBarcode) byRef.set(r.barcode, toRef(r));
  }
  for (const ref of refs) {
    const found = byRef.get(ref.trim());
    if (found) out.set(ref, found);
  }
  return out;
}

function normalizeEnsureItem(item: EnsureItem, i: number) {
  const sku = normalizeSku(item.sku, `/${i}/sku`);
  const name = item.name !== undefined ? optionalText(item.name, LIMITS.name, `/${i}/name`) : undefined;
  return {
    sku,
    name: name ?? sku,
    categoryPath: item.categoryPath ? normalizeCategoryPath(item.categoryPath, `/${i}/categoryPath`) : [],
    brand: optionalText(item.brand, LIMITS.brand, `/${i}/brand`) ?? null,
    listPrice: checkListPrice(item.listPrice, `/${i}/listPrice`) ?? null,
  };
}

/** Creates the SKUs that don't exist yet (name/category/brand/listPrice from the item), returns all. Idempotent, safe under concurrent calls. */
export async function ensureProducts(tx: Tx, items: EnsureItem[], options: WriteOptions = {}): Promise<Map<string, ProductRef>> {
  const org = orgOf(tx);
  const bySku = new Map<string, ReturnType<typeof normalizeEnsureItem>>();
  items.forEach((item, i) => {
    const n = normalizeEnsureItem(item, i);
    if (!bySku.has(n.sku)) bySku.set(n.sku, n);
  });
  const out = new Map<string, ProductRef>();
  if (bySku.size === 0) return out;
  // Sorted, so concurrent callers with overlapping SKUs take the unique-index locks in one order (no deadlock).
  const fresh = [...bySku.values()]
    .sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0))
    .map((n) => ({
      id: newId(),
      sku: n.sku,
      name: n.name,
      name_key: nameKeyOf(n.name),
      category_path: n.categoryPath,
      brand: n.brand,
      list_price: n.listPrice,
    }));
  // ON CONFLICT DO NOTHING waits for a concurrent inserter of the same SKU, then skips it; the
  // select below (a new statement, a new snapshot) sees that row once it has committed.
  const inserted = await tx.execute<{ id: string; sku: string }>(sql`
    insert into ${products} (org_id, id, sku, name, name_key, category_path, brand, list_price)
    select ${org}, r.id, r.sku, r.name, r.name_key, array(select jsonb_array_elements_text(r.category_path)), r.brand, r.list_price
    from jsonb_to_recordset(${JSON.stringify(fresh)}::jsonb) as r(id uuid, sku text, name text, name_key text, category_path jsonb, brand text, list_price integer)
    order by r.sku
    on conflict (org_id, sku) do nothing
    returning id, sku`);
  await emitEvents(
    tx,
    inserted.rows.map((r) => ({
      type: 'product.created',
      subjectType: 'product',
      subjectId: r.id,
      actor: options.actor,
      payload: { sku: r.sku, via: 'ensure' },
    })),
  );
  const rows = await tx
    .select(refColumns)
    .from(products)
    .where(and(eq(products.orgId, org), sql`${products.sku} = any(${textArray([...bySku.keys()])})`));
  const found = new Map(rows.map((r) => [r.sku, toRef(r)]));
  for (const item of items) {
    const ref = found.get(item.sku.trim());
    if (ref) out.set(item.sku, ref);
  }
  return out;
}

/** A ProductInput validated and normalised; `undefined` fields are left as stored. */
export interface NormalizedInput {
  sku: string;
  name?: string;
  barcodes?: string[];
  categoryPath?: string[];
  brand?: string | null;
  supplierId?: string | null;
  supplierCode?: string | null;
  attributes?: Record<string, string>;
  addBarcodes?: string[];
  mergeAttributes?: Record<string, string | null>;
  listPrice?: number | null;
  currency?: string;
  active?: boolean;
}

/** Validates one input (400 `validation_failed` with a field code); `prefix` points into a batch. */
export function normalizeProductInput(input: ProductInput, prefix = ''): NormalizedInput {
  const f = (name: string) => `${prefix}/${name}`;
  if (input.supplierId && input.supplierCode) {
    throw invalidField(f('supplierCode'), 'supplier_ambiguous', 'catalog.supplier_ambiguous');
  }
  return {
    sku: normalizeSku(input.sku, f('sku')),
    name: input.name === undefined ? undefined : requiredName(input.name, f('name')),
    barcodes: input.barcodes === undefined ? undefined : normalizeBarcodes(input.barcodes, f('barcodes')),
    categoryPath: input.categoryPath === undefined ? undefined : normalizeCategoryPath(input.categoryPath, f('categoryPath')),
    brand: optionalText(input.brand, LIMITS.brand, f('brand')),
    supplierId: input.supplierId,
    supplierCode: input.supplierCode === undefined ? undefined : (optionalText(input.supplierCode, 64, f('supplierCode')) ?? null),
    attributes: input.attributes === undefined ? undefined : normalizeAttributes(input.attributes, f('attributes')),
    addBarcodes:
      input.barcodes !== undefined || input.addBarcodes === undefined ? undefined : normalizeBarcodes(input.addBarcodes, f('addBarcodes')),
    mergeAttributes:
      input.attributes !== undefined || input.mergeAttributes === undefined
        ? undefined
        : mergePatch(input.mergeAttributes, f('mergeAttributes')),
    listPrice: checkListPrice(input.listPrice, f('listPrice')),
    currency: input.currency === undefined ? undefined : checkCurrency(input.currency, f('currency')),
    active: input.active,
  };
}

/** Attributes to merge: normalised values, and null for the keys whose empty value removes them. */
function mergePatch(input: Record<string, string>, field: string): Record<string, string | null> {
  const kept = normalizeAttributes(input, field);
  const out: Record<string, string | null> = {};
  for (const key of Object.keys(input)) out[key.trim()] = kept[key.trim()] ?? null;
  return out;
}

/** supplierId / supplierCode → a checked supplier id (null clears, undefined keeps). */
async function resolveSuppliers(tx: Tx, inputs: NormalizedInput[]): Promise<(string | null | undefined)[]> {
  const org = orgOf(tx);
  const ids = [...new Set(inputs.map((i) => i.supplierId?.toLowerCase()).filter((v): v is string => Boolean(v) && isUuid(v as string)))];
  const codes = [...new Set(inputs.map((i) => i.supplierCode).filter((v): v is string => Boolean(v)))];
  const known = new Map<string, string>();
  if (ids.length > 0 || codes.length > 0) {
    const rows = await tx
      .select({ id: suppliers.id, code: suppliers.code })
      .from(suppliers)
      .where(
        and(eq(suppliers.orgId, org), sql`(${suppliers.id} = any(${uuidArray(ids)}) or ${suppliers.code} = any(${textArray(codes)}))`),
      );
    for (const r of rows) {
      known.set(`id:${r.id}`, r.id);
      known.set(`code:${r.code}`, r.id);
    }
  }
  return inputs.map((input, i) => {
    if (input.supplierId) {
      const id = known.get(`id:${input.supplierId.toLowerCase()}`);
      if (!id) throw invalidField(`/${i}/supplierId`, 'unknown_supplier', 'catalog.unknown_supplier');
      return id;
    }
    if (input.supplierCode) {
      const id = known.get(`code:${input.supplierCode}`);
      if (!id) throw invalidField(`/${i}/supplierCode`, 'unknown_supplier', 'catalog.unknown_supplier');
      return id;
    }
    if (input.supplierId === null || input.supplierCode === null) return null;
    return undefined;
  });
}

const sameArray = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);
const sameRecord = (a: Record<string, string>, b: Record<string, string>) => {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
};

function merged(base: Record<string, string>, patch: Record<string, string | null>): Record<string, string> {
  const out = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = v;
  }
  if (Object.keys(out).length > LIMITS.attributes) {
    throw invalidField('/attributes', 'too_many_attributes', 'catalog.too_many_attributes', { max: LIMITS.attributes });
  }
  return out;
}

type Values = Omit<ProductRow, 'orgId' | 'id' | 'createdAt' | 'updatedAt'>;

/** The stored values after applying `input` to `row` (or to the defaults), and whether anything changed. */
function apply(
  row: Values | undefined,
  input: NormalizedInput,
  supplierId: string | null | undefined,
): { values: Values; changed: boolean } {
  const base: Values = row ?? {
    sku: input.sku,
    name: '',
    nameKey: '',
    categoryPath: [],
    brand: null,
    supplierId: null,
    attributes: {},
    listPrice: null,
    currency: 'TRY',
    active: true,
  };
  const name = input.name ?? base.name;
  const values: Values = {
    sku: input.sku,
    name,
    nameKey: nameKeyOf(name),
    categoryPath: input.categoryPath ?? base.categoryPath,
    brand: input.brand === undefined ? base.brand : input.brand,
    supplierId: supplierId === undefined ? base.supplierId : supplierId,
    attributes: input.attributes ?? (input.mergeAttributes ? merged(base.attributes, input.mergeAttributes) : base.attributes),
    listPrice: input.listPrice === undefined ? base.listPrice : input.listPrice,
    currency: input.currency ?? base.currency,
    active: input.active ?? base.active,
  };
  const changed =
    !row ||
    values.name !== row.name ||
    !sameArray(values.categoryPath, row.categoryPath) ||
    values.brand !== row.brand ||
    values.supplierId !== row.supplierId ||
    !sameRecord(values.attributes, row.attributes) ||
    values.listPrice !== row.listPrice ||
    values.currency !== row.currency ||
    values.active !== row.active;
  return { values, changed };
}

const rowJson = (id: string, v: Values) => ({
  id,
  sku: v.sku,
  name: v.name,
  name_key: v.nameKey,
  category_path: v.categoryPath,
  brand: v.brand,
  supplier_id: v.supplierId,
  attributes: v.attributes,
  list_price: v.listPrice,
  currency: v.currency,
  active: v.active,
});

const RECORDSET = sql.raw(`r(id uuid, sku text, name text, name_key text, category_path jsonb, brand text, supplier_id uuid,
  attributes jsonb, list_price integer, currency text, active boolean)`);

/**
 * Creates or updates products by SKU in a few statements. Repeating an input changes nothing (no
 * write, no event); concurrent upserts of one new SKU make one product. Throws a 400 Problem with
 * the field path `/<index>/<field>` for invalid input, 409 `barcode_in_use` when a barcode belongs
 * to another product, 400 `duplicate_sku` when a SKU appears twice.
 */
export async function upsertProducts(tx: Tx, inputs: ProductInput[], options: WriteOptions = {}): Promise<UpsertResult> {
  const org = orgOf(tx);
  const normalized = inputs.map((input, i) => normalizeProductInput(input, `/${i}`));
  const seen = new Map<string, number>();
  normalized.forEach((n, i) => {
    if (seen.has(n.sku)) throw invalidField(`/${i}/sku`, 'duplicate_sku', 'catalog.duplicate_sku', { sku: n.sku });
    seen.set(n.sku, i);
  });
  if (normalized.length === 0) return { created: 0, updated: 0, unchanged: 0, products: [], outcomes: [] };
  const supplierIds = await resolveSuppliers(tx, normalized);

  const lockExisting = async (skus: string[]) => {
    const rows = await tx
      .select()
      .from(products)
      .where(and(eq(products.orgId, org), sql`${products.sku} = any(${textArray(skus)})`))
      .orderBy(products.sku)
      .for('update');
    return new Map(rows.map((r) => [r.sku, r]));
  };

  const allSkus = normalized.map((n) => n.sku);
  const existing = await lockExisting(allSkus);
  const ids = new Map<string, string>();
  const createdSkus = new Set<string>();

  // New SKUs: insert, skipping any a concurrent transaction created meanwhile; those are updated below.
  const missing = normalized.filter((n) => !existing.has(n.sku));
  for (const n of missing) {
    if (n.name === undefined) throw invalidField(`/${seen.get(n.sku)}/name`, 'name_required', 'catalog.name_required');
  }
  if (missing.length > 0) {
    const fresh = missing
      .map((n) => rowJson(newId(), apply(undefined, n, supplierIds[seen.get(n.sku) as number]).values))
      .sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
    const inserted = await tx.execute<{ id: string; sku: string }>(sql`
      insert into ${products} (org_id, id, sku, name, name_key, category_path, brand, supplier_id, attributes, list_price, currency, active)
      select ${org}, r.id, r.sku, r.name, r.name_key, array(select jsonb_array_elements_text(r.category_path)), r.brand, r.supplier_id,
        r.attributes, r.list_price, r.currency, r.active
      from jsonb_to_recordset(${JSON.stringify(fresh)}::jsonb) as ${RECORDSET}
      order by r.sku
      on conflict (org_id, sku) do nothing
      returning id, sku`);
    for (const r of inserted.rows) {
      ids.set(r.sku, r.id);
      createdSkus.add(r.sku);
    }
    const raced = missing.filter((n) => !createdSkus.has(n.sku)).map((n) => n.sku);
    if (raced.length > 0) for (const [sku, row] of await lockExisting(raced)) existing.set(sku, row);
  }

  // Existing SKUs: one UPDATE for those whose values differ.
  const updates: ReturnType<typeof rowJson>[] = [];
  const updatedSkus = new Set<string>();
  normalized.forEach((n, i) => {
    const row = existing.get(n.sku);
    if (!row || createdSkus.has(n.sku)) return;
    ids.set(n.sku, row.id);
    const { values, changed } = apply(row, n, supplierIds[i]);
    if (changed) {
      updates.push(rowJson(row.id, values));
      updatedSkus.add(n.sku);
    }
  });
  if (updates.length > 0) {
    await tx.execute(sql`
      update ${products} p set name = r.name, name_key = r.name_key, category_path = array(select jsonb_array_elements_text(r.category_path)),
        brand = r.brand, supplier_id = r.supplier_id, attributes = r.attributes, list_price = r.list_price, currency = r.currency,
        active = r.active, updated_at = now()
      from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) as ${RECORDSET}
      where p.org_id = ${org} and p.id = r.id`);
  }

  // Barcodes: for inputs that carry them, the product's set becomes exactly the given list.
  const barcodeChanged = await replaceBarcodes(
    tx,
    normalized
      .filter((n) => n.barcodes !== undefined || n.addBarcodes !== undefined)
      .map((n) => ({
        productId: ids.get(n.sku) as string,
        barcodes: (n.barcodes ?? n.addBarcodes) as string[],
        add: n.barcodes === undefined,
        index: seen.get(n.sku) as number,
      })),
  );
  const touched: string[] = [];
  const rewritten = new Set(updates.map((u) => u.id));
  for (const n of normalized) {
    const id = ids.get(n.sku) as string;
    if (!barcodeChanged.has(id) || createdSkus.has(n.sku)) continue;
    updatedSkus.add(n.sku);
    if (!rewritten.has(id)) touched.push(id);
  }
  if (touched.length > 0) {
    await tx
      .update(products)
      .set({ updatedAt: sql`now()` })
      .where(and(eq(products.orgId, org), sql`${products.id} = any(${uuidArray(touched)})`));
  }

  await emitEvents(tx, [
    ...[...createdSkus].map((sku) => ({
      type: 'product.created',
      subjectType: 'product',
      subjectId: ids.get(sku),
      actor: options.actor,
      payload: { sku },
    })),
    ...[...updatedSkus].map((sku) => ({
      type: 'product.updated',
      subjectType: 'product',
      subjectId: ids.get(sku),
      actor: options.actor,
      payload: { sku },
    })),
  ]);

  const refs = await productRefsById(tx, [...ids.values()]);
  return {
    created: createdSkus.size,
    updated: updatedSkus.size,
    unchanged: normalized.length - createdSkus.size - updatedSkus.size,
    products: normalized.map((n) => refs.get(ids.get(n.sku) as string) as ProductRef),
    outcomes: normalized.map((n) => (createdSkus.has(n.sku) ? 'created' : updatedSkus.has(n.sku) ? 'updated' : 'unchanged')),
  };
}

/**
 * Makes each product's barcodes exactly the given list (or adds them, `add`). 409 `barcode_in_use` when one belongs to
 * another product (also when a concurrent transaction took it first). Returns the ids whose set changed.
 */
async function replaceBarcodes(
  tx: Tx,
  sets: { productId: string; barcodes: string[]; add: boolean; index: number }[],
): Promise<Set<string>> {
  const org = orgOf(tx);
  const changed = new Set<string>();
  if (sets.length === 0) return changed;
  const owner = new Map<string, { productId: string; index: number }>();
  for (const s of sets) {
    for (const b of s.barcodes) {
      const other = owner.get(b);
      if (other && other.productId !== s.productId) throw barcodeInUse(b, s.index);
      owner.set(b, { productId: s.productId, index: s.index });
    }
  }
  const productIds = sets.map((s) => s.productId);
  const setOf = new Map(sets.map((s) => [s.productId, s]));
  const current = await tx
    .select({ barcode: productBarcodes.barcode, productId: productBarcodes.productId })
    .from(productBarcodes)
    .where(
      and(
        eq(productBarcodes.orgId, org),
        sql`(${productBarcodes.productId} = any(${uuidArray(productIds)}) or ${productBarcodes.barcode} = any(${textArray([...owner.keys()])}))`,
      ),
    );
  const stale: { productId: string; barcode: string }[] = [];
  const have = new Set<string>();
  for (const row of current) {
    const wanted = owner.get(row.barcode);
    if (wanted && wanted.productId !== row.productId) {
      // Taken by a product outside this batch, or by one whose new set no longer holds it.
      const leaving = setOf.get(row.productId);
      if (!leaving || leaving.add || leaving.barcodes.includes(row.barcode)) throw barcodeInUse(row.barcode, wanted.index);
      stale.push(row);
      changed.add(row.productId);
    } else if (wanted) {
      have.add(row.barcode);
    } else if (setOf.get(row.productId)?.add === false) {
      stale.push(row);
      changed.add(row.productId);
    }
  }
  if (stale.length > 0) {
    await tx.execute(sql`
      delete from ${productBarcodes} b using jsonb_to_recordset(${JSON.stringify(stale.map((s) => ({ barcode: s.barcode, product_id: s.productId })))}::jsonb)
        as r(barcode text, product_id uuid)
      where b.org_id = ${org} and b.barcode = r.barcode and b.product_id = r.product_id`);
  }
  const add = [...owner.entries()].filter(([b]) => !have.has(b)).sort(([a], [b]) => (a < b ? -1 : 1));
  if (add.length > 0) {
    const inserted = await tx.execute<{ barcode: string }>(sql`
      insert into ${productBarcodes} (org_id, barcode, product_id)
      select ${org}, r.barcode, r.product_id
      from jsonb_to_recordset(${JSON.stringify(add.map(([barcode, o]) => ({ barcode, product_id: o.productId })))}::jsonb) as r(barcode text, product_id uuid)
      order by r.barcode
      on conflict (org_id, barcode) do nothing
      returning barcode`);
    const got = new Set(inserted.rows.map((r) => r.barcode));
    for (const [barcode, o] of add) {
      if (!got.has(barcode)) throw barcodeInUse(barcode, o.index); // a concurrent writer took it
      changed.add(o.productId);
    }
  }
  return changed;
}

const barcodeInUse = (barcode: string, index: number) =>
  new Problem(409, 'barcode_in_use', 'catalog.barcode_in_use', { barcode }, { index, barcode });

/** ProductRefs by id (missing ids are absent). */
export async function productRefsById(tx: Tx, ids: string[]): Promise<Map<string, ProductRef>> {
  const org = orgOf(tx);
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select(refColumns)
    .from(products)
    .where(and(eq(products.orgId, org), sql`${products.id} = any(${uuidArray(ids.filter(isUuid))})`));
  return new Map(rows.map((r) => [r.id, toRef(r)]));
}

/** A product as recommendations need it: the ref, whether it is on sale, its currency. */
export interface CatalogProduct extends ProductRef {
  active: boolean;
  currency: string;
}

const catalogColumns = { ...refColumns, active: products.active, currency: products.currency };
const toCatalogProduct = (row: Pick<ProductRow, keyof CatalogProduct>): CatalogProduct => ({
  ...toRef(row),
  active: row.active,
  currency: row.currency,
});

/** Products by id with their `active` flag (missing ids are absent). */
export async function productsByIds(tx: Tx, ids: string[]): Promise<Map<string, CatalogProduct>> {
  const org = orgOf(tx);
  const wanted = [...new Set(ids.filter(isUuid))];
  if (wanted.length === 0) return new Map();
  const rows = await tx
    .select(catalogColumns)
    .from(products)
    .where(and(eq(products.orgId, org), sql`${products.id} = any(${uuidArray(wanted)})`));
  return new Map(rows.map((r) => [r.id, toCatalogProduct(r)]));
}

/**
 * Active products in one of these category paths (exactly) or of one of these brands (any case):
 * the candidates a recommender compares with what a customer bought. Those matching both come
 * first, then by id; at most `limit` (≤ 5,000).
 */
export async function similarProducts(
  tx: Tx,
  f: { categoryPaths: string[][]; brands: string[]; limit: number },
): Promise<CatalogProduct[]> {
  const org = orgOf(tx);
  const SEP = '\x1f';
  const paths = [...new Set(f.categoryPaths.filter((p) => p.length > 0).map((p) => p.join(SEP)))];
  const brands = [...new Set(f.brands.map((b) => b.trim().toLowerCase()).filter(Boolean))];
  if (paths.length === 0 && brands.length === 0) return [];
  const inPath = sql`array_to_string(${products.categoryPath}, ${SEP}) = any(${textArray(paths)})`;
  const ofBrand = sql`lower(${products.brand}) = any(${textArray(brands)})`;
  const rows = await tx
    .select(catalogColumns)
    .from(products)
    .where(and(eq(products.orgId, org), eq(products.active, true), sql`(${inPath} or ${ofBrand})`))
    .orderBy(sql`(${inPath})::int + coalesce((${ofBrand})::int, 0) desc`, products.id)
    .limit(Math.max(1, Math.min(5_000, Math.floor(f.limit))));
  return rows.map(toCatalogProduct);
}
