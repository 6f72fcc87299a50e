import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { type Locale, t } from '../../platform/i18n';
import { addDays } from '../../platform/time';
import { orgToday } from '../access/hot-settings';
import { type CatalogProduct, productsByIds, similarProducts } from '../catalog/service';
import { getCustomerRow } from '../customers/service';
import { resolveScope, type Scope, storeFilter } from './scope';

/**
 * Recommendations for one customer: products often in the same baskets as what they bought
 * (co-occurrence), blended with products like what they bought (category, brand, colour, fit, in
 * their size). Products come from the catalog's service, purchases and baskets from the sales
 * module's read views (`sales_line_facts`, `sales_basket_lines`).
 */

export interface RecommendationQuery {
  limit: number;
  excludeDays: number;
  storeCode?: string;
}

export const RECO = {
  /** Baskets of this many days up to today are mined for co-occurrence and popularity… */
  basketDays: 365,
  /** …the most recent this many at most (bounded work and memory). */
  maxBaskets: 500_000,
  /** The customer's most recently bought products that co-occurrence starts from. */
  maxAnchors: 50,
  /** A pair seen in fewer baskets says nothing. */
  minPairCount: 2,
  /** Catalog candidates sharing a category or brand. */
  maxCandidates: 1_000,
  /** Purchase history read per customer (distinct products, most recent first). */
  maxHistory: 1_000,
  /** score = together × confidence + content × similarity */
  weights: { together: 0.6, content: 0.4 },
  /** similarity = the sum of the features shared with something the customer bought */
  features: { category: 0.35, brand: 0.25, colour: 0.15, fit: 0.1, size: 0.15 },
  /** Popular items filling the list score this × their share of the baskets. */
  popular: 0.1,
} as const;

export type ReasonKind = 'together' | 'category' | 'brand' | 'colour' | 'fit' | 'size' | 'popular';

interface Reason {
  kind: ReasonKind;
  text: string;
}

export interface Recommendation {
  productId: string;
  sku: string;
  name: string;
  category: string | null;
  brand: string | null;
  listPrice: number | null;
  score: number;
  reasons: Reason[];
}

const SEP = '\x1f';
const FETCH = 10_000;

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
const norm = (s: string | null | undefined) => {
  const v = s?.trim().toLocaleLowerCase('tr');
  return v ? v : null;
};
const categoryKey = (p: CatalogProduct) => (p.categoryPath.length > 0 ? p.categoryPath.join(SEP) : null);
/** Sizes compare within a department: the category without its last level (Erkek > Üst Giyim). */
const departmentKey = (p: CatalogProduct) => (p.categoryPath.length > 1 ? p.categoryPath.slice(0, -1).join(SEP) : (categoryKey(p) ?? ''));
const attr = (p: CatalogProduct, key: 'colour' | 'fit' | 'size') => norm(p.attributes?.[key]);

// ---------------------------------------------------------------------------------------------
// Baskets: one index per (org, scope, window, newest receipt), cached like the rules' mining.

interface BasketIndex {
  baskets: number;
  from: string;
  /** product id per item number */
  items: string[];
  itemOf: Map<string, number>;
  /** the basket numbers holding each item */
  postings: number[][];
  /** the items of each basket */
  contents: number[][];
}

const cache = new Map<string, { at: number; index: BasketIndex }>();
const CACHE_SIZE = 20;
const CACHE_MS = 10 * 60_000;

async function dataVersion(tx: Tx): Promise<string | null> {
  const { rows } = await tx.execute(
    sql`select receipt_id::text as v from sales_basket_lines where org_id = ${tx.orgId} order by receipt_id desc limit 1`,
  );
  return (rows[0] as { v: string } | undefined)?.v ?? null;
}

async function basketIndex(tx: Tx, scope: Scope, from: string): Promise<BasketIndex> {
  const key = JSON.stringify([tx.orgId, scope.storeIds, from, await dataVersion(tx)]);
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.index;
  const index: BasketIndex = { baskets: 0, from, items: [], itemOf: new Map(), postings: [], contents: [] };
  await tx.execute(sql`
    declare analytics_reco_baskets no scroll cursor for
    select array_agg(distinct product_id::text) as items from sales_basket_lines
    where org_id = ${tx.orgId} and product_id is not null and business_date >= ${from}::date ${storeFilter(scope)}
    group by receipt_id
    order by receipt_id desc`);
  for (;;) {
    const { rows } = await tx.execute(sql.raw(`fetch ${FETCH} from analytics_reco_baskets`));
    for (const row of rows as { items: string[] }[]) {
      if (index.baskets >= RECO.maxBaskets) break;
      const b = index.baskets++;
      const content = row.items.map((id) => {
        let n = index.itemOf.get(id);
        if (n === undefined) {
          n = index.items.length;
          index.itemOf.set(id, n);
          index.items.push(id);
          index.postings.push([]);
        }
        index.postings[n].push(b);
        return n;
      });
      index.contents.push(content);
    }
    if (rows.length < FETCH || index.baskets >= RECO.maxBaskets) break;
  }
  await tx.execute(sql`close analytics_reco_baskets`);
  cache.set(key, { at: Date.now(), index });
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return index;
}

// ---------------------------------------------------------------------------------------------

interface Bought {
  productId: string;
  last: string;
}

/** The customer's distinct products in the scope, the most recently bought first. */
async function purchaseHistory(tx: Tx, customerId: string, scope: Scope): Promise<Bought[]> {
  const { rows } = await tx.execute(sql`
    select product_id::text as "productId", max(business_date)::text as last
    from sales_line_facts
    where org_id = ${tx.orgId} and customer_id = ${customerId} and product_id is not null ${storeFilter(scope)}
    group by product_id
    order by max(business_date) desc, product_id
    limit ${RECO.maxHistory}`);
  return rows as unknown as Bought[];
}

interface Together {
  confidence: number;
  lift: number;
  anchor: CatalogProduct;
}

/**
 * For each item seen with one of the anchors: the best pair (confidence, then lift, then the more
 * recent anchor) among pairs in at least `minPairCount` baskets with a lift above 1.
 */
function coOccurrence(index: BasketIndex, anchors: CatalogProduct[]): Map<string, Together> {
  const best = new Map<string, Together>();
  for (const anchor of anchors) {
    const a = index.itemOf.get(anchor.id);
    if (a === undefined) continue;
    const holding = index.postings[a];
    const counts = new Map<number, number>();
    for (const b of holding) for (const item of index.contents[b]) if (item !== a) counts.set(item, (counts.get(item) ?? 0) + 1);
    for (const [item, count] of counts) {
      if (count < RECO.minPairCount) continue;
      const confidence = count / holding.length;
      const lift = (count * index.baskets) / (holding.length * index.postings[item].length);
      if (lift <= 1 + 1e-12) continue;
      const id = index.items[item];
      const seen = best.get(id);
      if (!seen || confidence > seen.confidence + 1e-12 || (Math.abs(confidence - seen.confidence) <= 1e-12 && lift > seen.lift + 1e-12))
        best.set(id, { confidence, lift, anchor });
    }
  }
  return best;
}

/** What the customer bought, by feature value, the most recently bought product first. */
class Profile {
  readonly byFeature = { category: new Map<string, CatalogProduct[]>(), brand: new Map<string, CatalogProduct[]>() } as Record<
    'category' | 'brand' | 'colour' | 'fit',
    Map<string, CatalogProduct[]>
  >;
  /** sizes bought per department */
  readonly sizes = new Map<string, Set<string>>();

  constructor(bought: CatalogProduct[]) {
    this.byFeature.colour = new Map();
    this.byFeature.fit = new Map();
    for (const p of bought) {
      this.add('category', categoryKey(p), p);
      this.add('brand', norm(p.brand), p);
      this.add('colour', attr(p, 'colour'), p);
      this.add('fit', attr(p, 'fit'), p);
      const size = attr(p, 'size');
      if (size) {
        const dept = departmentKey(p);
        const set = this.sizes.get(dept) ?? new Set();
        set.add(size);
        this.sizes.set(dept, set);
      }
    }
  }

  private add(feature: keyof Profile['byFeature'], value: string | null, p: CatalogProduct) {
    if (!value) return;
    const list = this.byFeature[feature].get(value) ?? [];
    list.push(p);
    this.byFeature[feature].set(value, list);
  }

  /** The most recently bought other product sharing the feature's value with the candidate. */
  source(feature: keyof Profile['byFeature'], value: string | null, candidate: CatalogProduct) {
    if (!value) return undefined;
    return this.byFeature[feature].get(value)?.find((p) => p.id !== candidate.id);
  }

  /** 'match' (in a size they bought in its department), 'other' (they buy other sizes there) or 'unknown'. */
  size(candidate: CatalogProduct): 'match' | 'other' | 'unknown' {
    const size = attr(candidate, 'size');
    const known = size ? this.sizes.get(departmentKey(candidate)) : undefined;
    if (!size || !known) return 'unknown';
    return known.has(size) ? 'match' : 'other';
  }
}

const categoryText = (p: CatalogProduct) => (p.categoryPath.length > 0 ? p.categoryPath.join(' > ') : null);

const view = (p: CatalogProduct, score: number, reasons: Reason[]): Recommendation => ({
  productId: p.id,
  sku: p.sku,
  name: p.name,
  category: categoryText(p),
  brand: p.brand,
  listPrice: p.listPrice,
  score: round4(score),
  reasons,
});

export async function customerRecommendations(
  tx: Tx,
  customerId: string,
  q: RecommendationQuery,
  callerStores: readonly string[] | null,
  locale: Locale,
) {
  await getCustomerRow(tx, customerId);
  const scope = await resolveScope(tx, callerStores, { storeCode: q.storeCode });
  const today = await orgToday(tx);
  const from = addDays(today, -RECO.basketDays);
  // Bought on or after this day: "just bought", not recommended (0: nothing excluded).
  const cutoff = q.excludeDays > 0 ? addDays(today, -(q.excludeDays - 1)) : null;

  const history = await purchaseHistory(tx, customerId, scope);
  const recent = new Set(cutoff ? history.filter((h) => h.last >= cutoff).map((h) => h.productId) : []);
  const index = await basketIndex(tx, scope, from);
  const known = await productsByIds(
    tx,
    history.map((h) => h.productId),
  );
  const bought = history.flatMap((h) => known.get(h.productId) ?? []);
  const profile = new Profile(bought);
  const together = coOccurrence(index, bought.slice(0, RECO.maxAnchors));

  const similar = await similarProducts(tx, {
    categoryPaths: bought.map((p) => p.categoryPath),
    brands: bought.flatMap((p) => (p.brand ? [p.brand] : [])),
    limit: RECO.maxCandidates,
  });
  const candidates = new Map<string, CatalogProduct>(similar.map((p) => [p.id, p]));
  const missing = [...together.keys()].filter((id) => !candidates.has(id));
  for (const [id, p] of await productsByIds(tx, missing)) candidates.set(id, p);

  const pct = (x: number) => Math.round(x * 100);
  const eligible = (p: CatalogProduct) => p.active && !recent.has(p.id) && profile.size(p) !== 'other';
  const scored: Recommendation[] = [];
  for (const p of candidates.values()) {
    if (!eligible(p)) continue;
    const reasons: Reason[] = [];
    const pair = together.get(p.id);
    if (pair)
      reasons.push({
        kind: 'together',
        text: t(locale, 'analytics.reco.together', { product: pair.anchor.name, percent: pct(pair.confidence) }),
      });
    let similarity = 0;
    const features: [keyof Profile['byFeature'], string | null, string | null][] = [
      ['category', categoryKey(p), categoryText(p)],
      ['brand', norm(p.brand), p.brand],
      ['colour', attr(p, 'colour'), p.attributes?.colour ?? null],
      ['fit', attr(p, 'fit'), p.attributes?.fit ?? null],
    ];
    for (const [feature, value, shown] of features) {
      const source = profile.source(feature, value, p);
      if (!source) continue;
      similarity += RECO.features[feature];
      reasons.push({ kind: feature, text: t(locale, `analytics.reco.${feature}`, { product: source.name, value: shown ?? '' }) });
    }
    // Their size adds to a reason to show the product; alone it is none.
    if ((similarity > 0 || pair) && profile.size(p) === 'match') {
      similarity += RECO.features.size;
      reasons.push({ kind: 'size', text: t(locale, 'analytics.reco.size', { size: p.attributes.size.trim() }) });
    }
    const score = RECO.weights.together * (pair?.confidence ?? 0) + RECO.weights.content * similarity;
    if (score > 0) scored.push(view(p, score, reasons));
  }
  scored.sort((x, y) => y.score - x.score || (x.sku < y.sku ? -1 : x.sku > y.sku ? 1 : 0));
  const items = scored.slice(0, q.limit);

  // Too few (or a customer with no purchases yet): the scope's best sellers fill the list.
  if (items.length < q.limit && index.baskets > 0) {
    // Best sellers the customer has not bought yet.
    const listed = new Set([...items.map((i) => i.productId), ...history.map((h) => h.productId)]);
    const ranked = index.postings
      .map((baskets, item) => ({ id: index.items[item], count: baskets.length }))
      .filter((x) => !listed.has(x.id))
      .sort((x, y) => y.count - x.count || (x.id < y.id ? -1 : 1))
      .slice(0, (q.limit - items.length) * 3 + 20);
    const products = await productsByIds(
      tx,
      ranked.map((x) => x.id),
    );
    for (const x of ranked) {
      const p = products.get(x.id);
      if (!p || !eligible(p)) continue;
      const share = x.count / index.baskets;
      const reasons: Reason[] = [{ kind: 'popular', text: t(locale, 'analytics.reco.popular', { percent: pct(share) }) }];
      if (profile.size(p) === 'match')
        reasons.push({ kind: 'size', text: t(locale, 'analytics.reco.size', { size: p.attributes.size.trim() }) });
      items.push(view(p, RECO.popular * share, reasons));
      if (items.length >= q.limit) break;
    }
  }

  return {
    items,
    basis: {
      coldStart: bought.length === 0,
      purchasedProducts: bought.length,
      excludedRecent: recent.size,
      excludeDays: q.excludeDays,
      baskets: index.baskets,
      basketsFrom: from,
    },
  };
}
