import type { Tx } from '../../platform/db/database';
import { localDay } from '../../platform/time';
import { getOrg } from './orgs';
import { getStore, storeIdsByCode } from './stores';

/**
 * The org's clock and its stores as the sales and POS paths read them on every request: copies
 * kept for 30 s per process. A change made in this process drops them at commit; other processes
 * see it within the 30 s.
 */
const TTL_MS = 30_000;

interface Timed<T> {
  at: number;
  value: T;
}

const orgClocks = new Map<string, Timed<{ timezone: string; currency: string }>>();
const storesById = new Map<string, Timed<{ id: string; code: string; brandId: string | null }>>();
const storesByCode = new Map<string, Timed<Map<string, { id: string; code: string; brandId: string | null }>>>();

/** The org's time zone and currency, kept for 30 s. */
export async function orgClock(tx: Tx): Promise<{ timezone: string; currency: string }> {
  const hit = orgClocks.get(tx.orgId!);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const org = await getOrg(tx);
  const value = { timezone: org.timezone, currency: org.currency };
  orgClocks.set(tx.orgId!, { at: Date.now(), value });
  return value;
}

/** Today in the org's time zone, `YYYY-MM-DD` (not UTC's date, which is a day behind in Türkiye from 21:00). */
export async function orgToday(tx: Tx): Promise<string> {
  return localDay(new Date(), (await orgClock(tx)).timezone);
}

/**
 * A store by its code (access module), with its brand; null when the org has no such store. Known
 * stores are kept for 30 s; an unknown code is always looked up again.
 */
export async function storeByCode(tx: Tx, code: string): Promise<{ id: string; code: string; brandId: string | null } | null> {
  let entry = storesByCode.get(tx.orgId!);
  if (!entry || Date.now() - entry.at >= TTL_MS) {
    entry = { at: Date.now(), value: new Map() };
    storesByCode.set(tx.orgId!, entry);
  }
  const hit = entry.value.get(code);
  if (hit) return hit;
  const id = (await storeIdsByCode(tx, [code])).get(code);
  if (!id) return null;
  const store = await getStore(tx, null, id);
  const value = { id: store.id, code: store.code, brandId: store.brandId };
  entry.value.set(code, value);
  return value;
}

/** A store of the org by id (a store-bound caller's own store), kept for 30 s. */
export async function storeById(tx: Tx, id: string): Promise<{ id: string; code: string; brandId: string | null }> {
  const key = `${tx.orgId}:${id}`;
  const hit = storesById.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const store = await getStore(tx, null, id);
  const value = { id: store.id, code: store.code, brandId: store.brandId };
  storesById.set(key, { at: Date.now(), value });
  return value;
}

/** Drops the copies of one org (after a change to it or its stores), or of every org. */
export function forgetSettings(orgId?: string): void {
  if (!orgId) {
    for (const m of [orgClocks, storesByCode, storesById]) m.clear();
    return;
  }
  orgClocks.delete(orgId);
  storesByCode.delete(orgId);
  for (const key of storesById.keys()) if (key.startsWith(`${orgId}:`)) storesById.delete(key);
}
