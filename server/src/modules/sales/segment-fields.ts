import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { listBrands as listStoreBrands, listStores } from '../access/stores';
import { listCategories, listBrands as listProductBrands } from '../catalog/products';
import {
  checkStores,
  compare,
  DATE_OPERATORS,
  dateTest,
  holdsForZero,
  MONEY_OPERATORS,
  NUMBER_OPERATORS,
  neverNull,
  storeOptions,
  textArray,
  uuidArray,
  WITHIN_DAYS,
  windowOf,
} from '../segments/field-sql';
import {
  type CompileEnv,
  type Condition,
  type CustomerTable,
  type Label,
  registerSegmentField,
  type SegmentField,
} from '../segments/registry';

// Purchase, time-of-day and cart behaviour for segments, from the per-customer purchase facts, the
// sales read views (sales_purchase_facts, sales_line_facts; docs/sales.md "Read contract") and cart events.

const purchases = (condition: Condition, env: CompileEnv, extra: SQL = sql``) =>
  sql`from sales_purchase_facts p where p.org_id = c.org_id and p.customer_id = c.id ${windowOf(condition, sql`p.business_date`, env)} ${extra}`;

/**
 * A test of an aggregate of each customer's rows of a sales view (alias `p` for purchases, `l` for
 * lines) in the window, as one grouped pass over the view that the customers are joined with, not
 * an aggregate per customer. When a customer without rows passes (0 purchases ≤ 1), the customers
 * whose aggregate fails are excluded instead. An aggregate that is NULL for a customer fails it.
 */
function aggregateTest(view: 'purchases' | 'lines', condition: Condition, env: CompileEnv, test: SQL, zeroPasses: boolean): SQL {
  const [from, a] = view === 'purchases' ? [sql`sales_purchase_facts p`, sql`p`] : [sql`sales_line_facts l`, sql`l`];
  const grouped = (having: SQL) => sql`exists (select 1 from (select ${a}.customer_id from ${from}
    where ${a}.org_id = ${env.orgId} and ${a}.customer_id is not null ${windowOf(condition, sql`${a}.business_date`, env)}
    group by ${a}.customer_id having ${having}) g where g.customer_id = c.id)`;
  return neverNull(zeroPasses ? sql`not ${grouped(sql`not coalesce(${test}, false)`)}` : grouped(test));
}

const purchaseAggregate = (condition: Condition, env: CompileEnv, aggregate: SQL) =>
  aggregateTest(
    'purchases',
    condition,
    env,
    compare(aggregate, condition.operator, condition.value),
    holdsForZero(condition.operator, condition.value),
  );

// Without a window, counts, spend and dates are columns of the customer's row of purchase facts
// (customer-facts.ts), joined once; "bought a category / brand" reads its rows of categories and
// brands with EXISTS, which the planner runs as a join over the facts rather than a probe per customer.

const FACTS: CustomerTable = { alias: 'sf', table: sql`sales_customer_facts` };

/**
 * A comparison of a facts column that is 0 for customers without purchases. Left NULL for them
 * when 0 fails it: the planner then joins only the facts rows that pass.
 */
const zeroFact = (column: SQL, operator: string, value: unknown) =>
  holdsForZero(operator, value) ? sql`(sf.customer_id is null or ${compare(column, operator, value)})` : compare(column, operator, value);

/** A date test on a facts column; no purchases is `is_not_set` and fails every other test. */
const dateFact = (column: SQL, operator: string, value: unknown, env: CompileEnv) =>
  operator === 'is_not_set' ? sql`sf.customer_id is null` : dateTest(column, operator, value, env);

/**
 * "Bought … within N days": any_of (at least one line matches), none_of ("never bought X"),
 * only (bought in the window and every line matches: the vegan-only buyer).
 */
function boughtField(
  key: string,
  label: Label,
  match: (values: unknown) => SQL,
  options?: SegmentField['options'],
  facts?: { table: SQL; column: SQL },
): SegmentField {
  return {
    key,
    group: 'purchases',
    label,
    operators: { any_of: 'text_list', none_of: 'text_list', only: 'text_list' },
    params: WITHIN_DAYS,
    options,
    compile(condition, env) {
      const lines = sql`select 1 from sales_line_facts l where l.org_id = c.org_id and l.customer_id = c.id ${windowOf(condition, sql`l.business_date`, env)}`;
      const test = match(condition.value);
      if (facts && condition.operator !== 'only') {
        // Keyed on the facts row when the rule joins it (a customer with categories has one): the
        // planner then filters the facts with the categories before it joins the customers.
        const owner = env.joined?.has(FACTS.alias)
          ? sql`f.org_id = sf.org_id and f.customer_id = sf.customer_id`
          : sql`f.org_id = c.org_id and f.customer_id = c.id`;
        const found = sql`exists (select 1 from ${facts.table} f where ${owner}
          and ${facts.column} = any(${textArray(condition.value)}) ${windowOf(condition, sql`f.last_date`, env)})`;
        return neverNull(condition.operator === 'any_of' ? found : sql`not ${found}`);
      }
      if (condition.operator === 'any_of') return neverNull(sql`exists (${lines} and ${test})`);
      if (condition.operator === 'none_of') return neverNull(sql`not exists (${lines} and ${test})`);
      // only: bought in the window, and every line in it matches
      return aggregateTest('lines', condition, env, sql`bool_and(coalesce(${test}, false))`, false);
    },
  };
}

async function categoryOptions(tx: Tx) {
  const names = new Set((await listCategories(tx)).map((c) => c.path[c.path.length - 1]));
  return [...names].sort((a, b) => a.localeCompare(b, 'tr')).map((n) => ({ value: n, label: n }));
}

const storesOf = async (tx: Tx, brandId: string) => (await listStores(tx, null, { brandId, limit: 200 })).items.map((s) => s.id);

/** A weekday purchase between two clock times of the org's zone (from inclusive, to exclusive). */
const inHours = (condition: Condition, env: CompileEnv) => {
  const local = sql`(p.occurred_at at time zone ${env.timezone})`;
  return sql`extract(isodow from ${local}) between 1 and 5 and ${local}::time >= ${condition.from}::time and ${local}::time < ${condition.to}::time`;
};

export const salesSegmentFields: SegmentField[] = [
  boughtField(
    'bought_category',
    { tr: 'Aldığı kategori', en: 'Bought category' },
    (v) => sql`l.category_path && ${textArray(v)}`,
    categoryOptions,
    { table: sql`sales_customer_categories`, column: sql`f.category` },
  ),
  boughtField(
    'bought_brand',
    { tr: 'Aldığı ürün markası', en: 'Bought product brand' },
    (v) => sql`l.brand = any(${textArray(v)})`,
    async (tx) => (await listProductBrands(tx)).map((b) => ({ value: b.brand, label: b.brand })),
    { table: sql`sales_customer_brands`, column: sql`f.brand` },
  ),
  boughtField('bought_sku', { tr: 'Aldığı ürün (stok kodu)', en: 'Bought product (SKU)' }, (v) => sql`l.sku = any(${textArray(v)})`),
  {
    key: 'purchase_count',
    group: 'purchases',
    label: { tr: 'Alışveriş sayısı', en: 'Number of purchases' },
    operators: NUMBER_OPERATORS,
    params: WITHIN_DAYS,
    table: FACTS,
    compile: (condition, env) =>
      condition.withinDays === undefined
        ? zeroFact(sql`sf.purchases`, condition.operator, condition.value)
        : purchaseAggregate(condition, env, sql`count(*)`),
  },
  {
    key: 'purchase_amount',
    group: 'purchases',
    label: { tr: 'Toplam harcama (iadeler düşülmüş)', en: 'Total spend (net of returns)' },
    operators: MONEY_OPERATORS,
    params: WITHIN_DAYS,
    table: FACTS,
    compile: (condition, env) =>
      condition.withinDays === undefined
        ? zeroFact(sql`sf.net_amount`, condition.operator, condition.value)
        : purchaseAggregate(condition, env, sql`coalesce(sum(p.net_amount), 0)`),
  },
  {
    key: 'first_purchase',
    group: 'purchases',
    label: { tr: 'İlk alışveriş', en: 'First purchase' },
    operators: { ...DATE_OPERATORS, is_not_set: 'none' },
    table: FACTS,
    compile: ({ operator, value }, env) => dateFact(sql`sf.first_date`, operator, value, env),
  },
  {
    key: 'last_purchase',
    group: 'purchases',
    label: { tr: 'Son alışveriş', en: 'Last purchase' },
    operators: { ...DATE_OPERATORS, is_not_set: 'none' },
    table: FACTS,
    compile: ({ operator, value }, env) => dateFact(sql`sf.last_date`, operator, value, env),
  },
  {
    key: 'favourite_store',
    group: 'purchases',
    label: { tr: 'En çok alışveriş yaptığı mağaza', en: 'Favourite store' },
    operators: { in: 'uuid_list' },
    options: storeOptions,
    resolve: checkStores,
    // Each customer's most visited store (ties: the latest visit, then the id), in one grouped pass.
    compile: ({ value }, env) =>
      neverNull(sql`exists (select 1 from (select distinct on (p.customer_id) p.customer_id, p.store_id from sales_purchase_facts p
        where p.org_id = ${env.orgId} and p.customer_id is not null and p.store_id is not null
        group by p.customer_id, p.store_id order by p.customer_id, count(*) desc, max(p.business_date) desc, p.store_id) g
        where g.customer_id = c.id and g.store_id = any(${uuidArray(value)}))`),
  },
  {
    key: 'shopped_at_store',
    group: 'purchases',
    label: { tr: 'Alışveriş yaptığı mağaza', en: 'Shopped at store' },
    operators: { any_of: 'uuid_list', none_of: 'uuid_list' },
    params: WITHIN_DAYS,
    options: storeOptions,
    resolve: checkStores,
    compile(condition, env) {
      const found = sql`exists (select 1 ${purchases(condition, env, sql`and p.store_id = any(${uuidArray(condition.value)})`)})`;
      return neverNull(condition.operator === 'any_of' ? found : sql`not ${found}`);
    },
  },
  {
    key: 'shopped_at_brand',
    group: 'purchases',
    label: { tr: 'Alışveriş yaptığı marka (mağazaları)', en: 'Shopped at brand (its stores)' },
    operators: { any_of: 'uuid_list', none_of: 'uuid_list' },
    params: WITHIN_DAYS,
    async options(tx) {
      return (await listStoreBrands(tx)).map((b) => ({ value: b.id, label: b.name }));
    },
    async resolve(tx, condition) {
      const known = new Set((await listStoreBrands(tx)).map((b) => b.id));
      const brands = condition.value as string[];
      if (!brands.every((b) => known.has(b))) return { invalid: 'value' };
      const stores = (await Promise.all(brands.map((b) => storesOf(tx, b)))).flat();
      return { ...condition, storeIds: stores };
    },
    compile(condition, env) {
      const stores = (condition.storeIds as string[] | undefined) ?? [];
      const found = sql`exists (select 1 ${purchases(condition, env, sql`and p.store_id = any(${uuidArray(stores)})`)})`;
      return neverNull(condition.operator === 'any_of' ? found : sql`not ${found}`);
    },
  },
  {
    key: 'weekday_hours_share',
    group: 'time',
    label: { tr: 'Hafta içi saat aralığındaki alışveriş payı (%)', en: 'Share of purchases on weekdays between hours (%)' },
    operators: { gte: 'percent', lte: 'percent' },
    params: {
      from: { type: 'time', required: true, label: { tr: 'Başlangıç saati', en: 'From' } },
      to: { type: 'time', required: true, label: { tr: 'Bitiş saati', en: 'To' } },
      ...WITHIN_DAYS,
    },
    compile: (condition, env) =>
      aggregateTest(
        'purchases',
        condition,
        env,
        compare(sql`100.0 * count(*) filter (where ${inHours(condition, env)}) / count(*)`, condition.operator, condition.value),
        false,
      ),
  },
  {
    key: 'cart_abandoned',
    group: 'carts',
    label: { tr: 'Sepeti bıraktı (sonrasında alışveriş yok)', en: 'Abandoned a cart (no purchase since)' },
    operators: { within_hours: 'hours' },
    compile: ({ value }) => sql`exists (select 1 from events e
      where e.org_id = c.org_id and e.customer_id = c.id and e.type in ('cart.updated', 'checkout.started')
        and e.occurred_at > now() - make_interval(hours => ${value}::int)
        and not exists (select 1 from sales_purchase_facts p where p.org_id = c.org_id and p.customer_id = c.id and p.occurred_at >= e.occurred_at))`,
  },
];

export function registerSalesSegmentFields(): void {
  for (const field of salesSegmentFields) registerSegmentField(field);
}
