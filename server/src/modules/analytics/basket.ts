import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { Problem } from '../../platform/http/problem';
import { type Locale, t } from '../../platform/i18n';
import { type AssociationRule, associationRules, frequentItemsets } from './engine';
import { resolveScope, storeFilter } from './scope';

export type BasketLevel = 'item' | 'category' | 'brand';
export type RuleSort = 'lift' | 'confidence' | 'support' | 'count';

export interface MiningQuery {
  minSupport: number;
  minConfidence: number;
  level: BasketLevel;
  maxLength: number;
  storeCode?: string;
  brand?: string;
  from?: string;
  to?: string;
}

/** What a rule names: a product (item level), a category path or a brand. */
export interface BasketItem {
  name: string;
  sku?: string | null;
  productId?: string | null;
}

/** Mining holds every basket in memory: beyond this many receipts, narrow the selection. */
export const MAX_BASKETS = 2_000_000;
/** Below this many baskets a rule says nothing: refuse supports that would allow it. */
export const MIN_RULE_COUNT = 5;
const FETCH = 10_000;
const SEP = '\x1f';

/**
 * The item key of a line at each level, and what names it: at item level the product (its id,
 * else its SKU, else its name), with SKU and name as the label.
 */
const keyOf: Record<BasketLevel, SQL> = {
  item: sql`coalesce(product_id::text, 'sku:' || sku, 'name:' || product_name)
    || ${SEP} || coalesce(sku, '') || ${SEP} || coalesce(product_name, sku, '') || ${SEP} || coalesce(product_id::text, '')`,
  category: sql`category`,
  brand: sql`brand`,
};

interface Baskets {
  baskets: number[][];
  items: BasketItem[];
}

/**
 * Reads the baskets of the selection from the sales module's `sales_basket_lines` view through a
 * cursor, a chunk of receipts at a time: each basket becomes an array of small integers, so memory
 * grows with the baskets, never with the lines' text.
 */
async function readBaskets(tx: Tx, q: MiningQuery, callerStores: readonly string[] | null): Promise<Baskets> {
  const scope = await resolveScope(tx, callerStores, q);
  const ids = new Map<string, number>();
  const items: BasketItem[] = [];
  const baskets: number[][] = [];
  const idOf = (raw: string) => {
    const [key, sku, name, productId] = q.level === 'item' ? raw.split(SEP) : [raw];
    let id = ids.get(key);
    if (id === undefined) {
      id = items.length;
      ids.set(key, id);
      items.push(q.level === 'item' ? { name: name || sku, sku: sku || null, productId: productId || null } : { name: key });
    }
    return id;
  };
  await tx.execute(sql`
    declare analytics_baskets no scroll cursor for
    select array_agg(distinct k) as items from (
      select receipt_id, ${keyOf[q.level]} as k from sales_basket_lines
      where org_id = ${tx.orgId} ${storeFilter(scope)}
        ${q.from ? sql`and business_date >= ${q.from}::date` : sql``}
        ${q.to ? sql`and business_date <= ${q.to}::date` : sql``}) l
    where k is not null
    group by receipt_id`);
  for (;;) {
    const { rows } = await tx.execute(sql.raw(`fetch ${FETCH} from analytics_baskets`));
    for (const row of rows as { items: string[] }[]) baskets.push(row.items.map(idOf));
    if (baskets.length > MAX_BASKETS)
      throw new Problem(422, 'too_many_baskets', 'analytics.too_many_baskets', { baskets: `> ${MAX_BASKETS}`, max: MAX_BASKETS });
    if (rows.length < FETCH) break;
  }
  await tx.execute(sql`close analytics_baskets`);
  return { baskets, items };
}

export interface MinedRules {
  baskets: number;
  minCount: number;
  items: BasketItem[];
  /** sorted by lift (the engine's order) */
  rules: AssociationRule<number>[];
}

// Mined rules per (org, query, data version): paging and re-sorting do not mine again.
const cache = new Map<string, { at: number; result: MinedRules }>();
const CACHE_SIZE = 20;
const CACHE_MS = 10 * 60_000;

/**
 * The org's newest receipt (ids are time-ordered): a new sale is a new version. Returns change
 * lines without a new receipt: the cache's age bounds how long they go unseen.
 */
async function dataVersion(tx: Tx): Promise<string | null> {
  const { rows } = await tx.execute(
    sql`select receipt_id::text as v from sales_basket_lines where org_id = ${tx.orgId} order by receipt_id desc limit 1`,
  );
  return (rows[0] as { v: string } | undefined)?.v ?? null;
}

/** Frequent itemsets and rules of the selection (FP-Growth in memory, the engine's). */
export async function mineRules(tx: Tx, q: MiningQuery, callerStores: readonly string[] | null): Promise<MinedRules> {
  const { minSupport, minConfidence, level, maxLength, storeCode, brand, from, to } = q;
  const selection = { minSupport, minConfidence, level, maxLength, storeCode, brand, from, to };
  const key = JSON.stringify([tx.orgId, selection, callerStores, await dataVersion(tx)]);
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.result;
  const { baskets, items } = await readBaskets(tx, selection, callerStores);
  if (baskets.length === 0) return { baskets: 0, minCount: 0, items, rules: [] };
  const minCount = Math.ceil(q.minSupport * baskets.length - 1e-9);
  if (minCount < MIN_RULE_COUNT)
    throw new Problem(422, 'support_too_low', 'analytics.support_too_low', {
      baskets: baskets.length,
      count: minCount,
      min: MIN_RULE_COUNT,
      minSupport: Number((MIN_RULE_COUNT / baskets.length).toPrecision(2)),
    });
  const frequent = frequentItemsets(baskets, { minCount, maxLength: q.maxLength });
  const result = { baskets: baskets.length, minCount, items, rules: associationRules(frequent, { minConfidence: q.minConfidence }) };
  cache.set(key, { at: Date.now(), result });
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return result;
}

const SORTS: Record<RuleSort, (r: AssociationRule<number>) => number> = {
  lift: (r) => r.lift,
  confidence: (r) => r.confidence,
  support: (r) => r.support,
  count: (r) => r.count,
};

const view = (mined: MinedRules, r: AssociationRule<number>) => ({
  antecedent: r.antecedent.map((id) => mined.items[id]),
  consequent: [mined.items[r.consequent]],
  support: r.support,
  confidence: r.confidence,
  lift: r.lift,
  count: r.count,
});

/** A page of the rules passing the thresholds, in the requested order; `total` counts them all. */
export async function basketRules(
  tx: Tx,
  q: MiningQuery & { sort: RuleSort; limit: number; offset: number },
  callerStores: readonly string[] | null,
) {
  const mined = await mineRules(tx, q, callerStores);
  // The engine's order (lift, confidence, count, items) breaks ties of every other measure.
  const by = SORTS[q.sort];
  const sorted =
    q.sort === 'lift'
      ? mined.rules
      : mined.rules
          .map((r, i) => ({ r, i }))
          .sort((x, y) => by(y.r) - by(x.r) || x.i - y.i)
          .map((x) => x.r);
  return {
    baskets: mined.baskets,
    minCount: mined.minCount,
    total: mined.rules.length,
    rules: sorted.slice(q.offset, q.offset + q.limit).map((r) => view(mined, r)),
  };
}

/**
 * "Frequently bought together": the best rule for each product not in the basket whose antecedent
 * the basket holds, by confidence then lift, with the reason in words.
 */
export async function boughtTogether(
  tx: Tx,
  q: MiningQuery & { level: 'item'; limit: number },
  basket: { productIds?: string[]; skus?: string[] },
  callerStores: readonly string[] | null,
  locale: Locale,
) {
  const mined = await mineRules(tx, q, callerStores);
  const inBasket = new Set(
    mined.items.flatMap((item, id) =>
      (item.productId && basket.productIds?.includes(item.productId)) || (item.sku && basket.skus?.includes(item.sku)) ? [id] : [],
    ),
  );
  const best = new Map<number, AssociationRule<number>>();
  for (const r of mined.rules) {
    if (inBasket.has(r.consequent) || !r.antecedent.every((id) => inBasket.has(id))) continue;
    const seen = best.get(r.consequent);
    if (!seen || r.confidence > seen.confidence || (r.confidence === seen.confidence && r.lift > seen.lift)) best.set(r.consequent, r);
  }
  const ranked = [...best.values()].sort((x, y) => y.confidence - x.confidence || y.lift - x.lift).slice(0, q.limit);
  return {
    baskets: mined.baskets,
    items: ranked.map((r) => {
      const v = view(mined, r);
      return {
        product: v.consequent[0],
        because: v.antecedent,
        confidence: r.confidence,
        lift: r.lift,
        count: r.count,
        reason: t(locale, 'analytics.together_reason', {
          antecedent: v.antecedent.map((i) => i.name).join(' + '),
          percent: Math.round(r.confidence * 100),
          lift: r.lift.toFixed(1),
        }),
      };
    }),
  };
}
