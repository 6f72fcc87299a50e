import { and, asc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { isUniqueViolation } from '../../platform/db/errors';
import { likeEscaped } from '../../platform/db/like';
import { afterCursor, toPage } from '../../platform/http/pagination';
import { conflict, notFound, Problem } from '../../platform/http/problem';
import { newId } from '../../platform/ids';
import { type AuditSource, recordAudit } from './audit';
import { forgetSettings } from './hot-settings';
import { brands, stores } from './schema';

export type StoreInput = Omit<typeof stores.$inferInsert, 'orgId' | 'id' | 'createdAt'>;
export type BrandInput = Pick<typeof brands.$inferInsert, 'code' | 'name'>;

/** Store-role callers see only their stores; `null` scope means all. */
const inScope = (scope: readonly string[] | null) => (scope ? inArray(stores.id, [...scope]) : undefined);

export async function listBrands(tx: Tx) {
  return tx.select().from(brands).where(eq(brands.orgId, tx.orgId!)).orderBy(asc(brands.name));
}

async function brandExists(tx: Tx, id: string) {
  const [b] = await tx
    .select({ id: brands.id })
    .from(brands)
    .where(and(eq(brands.orgId, tx.orgId!), eq(brands.id, id)));
  if (!b) throw new Problem(400, 'unknown_brand', 'access.unknown_brand');
}

export async function createBrand(tx: Tx, source: AuditSource, input: BrandInput) {
  try {
    const [brand] = await tx
      .insert(brands)
      .values({ orgId: tx.orgId!, id: newId(), ...input })
      .returning();
    await recordAudit(tx, source, 'brand.create', { type: 'brand', id: brand.id }, { code: brand.code, name: brand.name });
    return brand;
  } catch (err) {
    if (isUniqueViolation(err, 'brands_code_key')) throw conflict('brand_code_taken', 'access.brand_code_taken');
    throw err;
  }
}

export async function updateBrand(tx: Tx, source: AuditSource, id: string, patch: Partial<BrandInput>) {
  if (Object.keys(patch).length === 0) {
    const brand = (await listBrands(tx)).find((b) => b.id === id);
    if (!brand) throw notFound();
    return brand;
  }
  try {
    const [brand] = await tx
      .update(brands)
      .set(patch)
      .where(and(eq(brands.orgId, tx.orgId!), eq(brands.id, id)))
      .returning();
    if (!brand) throw notFound();
    await recordAudit(tx, source, 'brand.update', { type: 'brand', id }, patch);
    return brand;
  } catch (err) {
    if (isUniqueViolation(err, 'brands_code_key')) throw conflict('brand_code_taken', 'access.brand_code_taken');
    throw err;
  }
}

export async function deleteBrand(tx: Tx, source: AuditSource, id: string) {
  const [used] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(stores)
    .where(and(eq(stores.orgId, tx.orgId!), eq(stores.brandId, id)));
  if (used.n > 0) throw conflict('brand_in_use', 'access.brand_in_use');
  const deleted = await tx
    .delete(brands)
    .where(and(eq(brands.orgId, tx.orgId!), eq(brands.id, id)))
    .returning({ id: brands.id });
  if (deleted.length === 0) throw notFound();
  await recordAudit(tx, source, 'brand.delete', { type: 'brand', id });
}

export interface StoreFilter {
  q?: string;
  active?: boolean;
  brandId?: string;
  limit: number;
  cursor?: string;
}

export async function listStores(tx: Tx, scope: readonly string[] | null, f: StoreFilter) {
  const pattern = f.q ? likeEscaped(f.q, 'contains') : undefined;
  const rows = await tx
    .select()
    .from(stores)
    .where(
      and(
        eq(stores.orgId, tx.orgId!),
        inScope(scope),
        pattern ? or(ilike(stores.code, pattern), ilike(stores.name, pattern), ilike(stores.city, pattern)) : undefined,
        f.active === undefined ? undefined : eq(stores.active, f.active),
        f.brandId ? eq(stores.brandId, f.brandId) : undefined,
        afterCursor([stores.code], f.cursor),
      ),
    )
    .orderBy(asc(stores.code))
    .limit(f.limit + 1);
  return toPage(rows, f.limit, (r) => [r.code]);
}

export async function getStore(tx: Tx, scope: readonly string[] | null, id: string) {
  const [store] = await tx
    .select()
    .from(stores)
    .where(and(eq(stores.orgId, tx.orgId!), eq(stores.id, id), inScope(scope)));
  if (!store) throw notFound();
  return store;
}

/** Resolves store codes (as integrators and POS send them) to ids of this org. */
export async function storeIdsByCode(tx: Tx, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await tx
    .select({ id: stores.id, code: stores.code })
    .from(stores)
    .where(and(eq(stores.orgId, tx.orgId!), inArray(stores.code, codes)));
  return new Map(rows.map((r) => [r.code, r.id]));
}

export async function createStore(tx: Tx, source: AuditSource, input: StoreInput) {
  if (input.brandId) await brandExists(tx, input.brandId);
  try {
    const [store] = await tx
      .insert(stores)
      .values({ ...input, orgId: tx.orgId!, id: newId() })
      .returning();
    await recordAudit(tx, source, 'store.create', { type: 'store', id: store.id }, { code: store.code, name: store.name });
    return store;
  } catch (err) {
    if (isUniqueViolation(err, 'stores_code_key')) throw conflict('store_code_taken', 'access.store_code_taken');
    throw err;
  }
}

export async function updateStore(tx: Tx, source: AuditSource, id: string, patch: Partial<StoreInput>) {
  if (Object.keys(patch).length === 0) return getStore(tx, null, id);
  if (patch.brandId) await brandExists(tx, patch.brandId);
  try {
    const [store] = await tx
      .update(stores)
      .set(patch)
      .where(and(eq(stores.orgId, tx.orgId!), eq(stores.id, id)))
      .returning();
    if (!store) throw notFound();
    const orgId = tx.orgId!;
    tx.afterCommit(() => forgetSettings(orgId));
    await recordAudit(tx, source, 'store.update', { type: 'store', id }, patch);
    return store;
  } catch (err) {
    if (isUniqueViolation(err, 'stores_code_key')) throw conflict('store_code_taken', 'access.store_code_taken');
    throw err;
  }
}
