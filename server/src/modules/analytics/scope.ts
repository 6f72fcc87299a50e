import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { Problem } from '../../platform/http/problem';
import { listBrands, listStores, storeIdsByCode } from '../access/stores';

/** Which stores an analysis covers: null = every store (and purchases without one). */
export interface Scope {
  brandId: string | null;
  storeIds: string[] | null;
}

// A brand with more stores than this is not a brand this product serves from one process.
const MAX_BRAND_STORES = 10_000;

/**
 * The stores of a brand (by id or code), of one store (by code), within the caller's store scope
 * (store roles see their own stores only). Brands and stores come from the access module's service.
 */
export async function resolveScope(
  tx: Tx,
  callerStores: readonly string[] | null,
  f: { brand?: string; storeCode?: string },
): Promise<Scope> {
  let brandId: string | null = null;
  let storeIds: string[] | null = null;
  if (f.brand) {
    const brand = (await listBrands(tx)).find((b) => b.id === f.brand || b.code === f.brand);
    if (!brand) throw new Problem(422, 'unknown_brand', 'analytics.unknown_brand', { brand: f.brand.slice(0, 60) });
    brandId = brand.id;
    storeIds = (await listStores(tx, null, { brandId, limit: MAX_BRAND_STORES })).items.map((s) => s.id);
  }
  if (f.storeCode) {
    const id = (await storeIdsByCode(tx, [f.storeCode])).get(f.storeCode);
    if (!id) throw new Problem(422, 'unknown_store', 'analytics.unknown_store', { code: f.storeCode.slice(0, 60) });
    storeIds = storeIds ? storeIds.filter((s) => s === id) : [id];
  }
  if (callerStores) {
    if (f.storeCode && !callerStores.includes(storeIds?.[0] ?? ''))
      throw new Problem(403, 'store_not_allowed', 'analytics.store_not_allowed');
    storeIds = storeIds ? storeIds.filter((s) => callerStores.includes(s)) : [...callerStores];
  }
  return { brandId, storeIds };
}

/** `and store_id = any(…)` for a scope limited to stores; nothing for the whole org. */
export const storeFilter = (scope: Scope): SQL => (scope.storeIds ? sql`and store_id = any(${sql.param(scope.storeIds)}::uuid[])` : sql``);
