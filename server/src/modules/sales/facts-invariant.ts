import type pg from 'pg';

// The per-customer purchase facts (customer-facts.ts) must always equal what the read views give;
// the test helper checks this when it closes every test database, so every suite's writes are checked.

const EXPECTED_FACTS = `
  select org_id, customer_id, count(*)::int as purchases, sum(net_amount)::bigint as net_amount,
    min(business_date) as first_date, max(business_date) as last_date
  from sales_purchase_facts where customer_id is not null group by 1, 2`;

const EXPECTED_CATEGORIES = `
  select l.org_id, l.customer_id, c.category, max(l.business_date) as last_date
  from sales_line_facts l cross join lateral unnest(l.category_path) as c(category)
  where l.customer_id is not null and c.category is not null group by 1, 2, 3`;

const EXPECTED_BRANDS = `
  select org_id, customer_id, brand, max(business_date) as last_date
  from sales_line_facts where customer_id is not null and brand is not null group by 1, 2, 3`;

/** Up to 20 differences, each naming the customer, the table and both versions. Read across orgs. */
export async function purchaseFactsViolations(pool: pg.Pool | pg.PoolClient): Promise<string[]> {
  const { rows: exists } = await pool.query<{ t: string | null }>(`select to_regclass('public.sales_customer_facts')::text as t`);
  if (!exists[0]?.t) return [];
  const { rows } = await pool.query<{ what: string; org_id: string; customer_id: string; expected: string | null; actual: string | null }>(`
    select 'sales_customer_facts' as what, coalesce(e.org_id, f.org_id) as org_id, coalesce(e.customer_id, f.customer_id) as customer_id,
      row(e.purchases, e.net_amount, e.first_date, e.last_date)::text as expected, row(f.purchases, f.net_amount, f.first_date, f.last_date)::text as actual
    from (${EXPECTED_FACTS}) e full join sales_customer_facts f on f.org_id = e.org_id and f.customer_id = e.customer_id
    where row(e.purchases, e.net_amount, e.first_date, e.last_date) is distinct from row(f.purchases, f.net_amount, f.first_date, f.last_date)
    union all
    select 'sales_customer_categories', coalesce(e.org_id, f.org_id), coalesce(e.customer_id, f.customer_id),
      row(e.category, e.last_date)::text, row(f.category, f.last_date)::text
    from (${EXPECTED_CATEGORIES}) e full join sales_customer_categories f
      on f.org_id = e.org_id and f.customer_id = e.customer_id and f.category = e.category
    where e.last_date is distinct from f.last_date
    union all
    select 'sales_customer_brands', coalesce(e.org_id, f.org_id), coalesce(e.customer_id, f.customer_id),
      row(e.brand, e.last_date)::text, row(f.brand, f.last_date)::text
    from (${EXPECTED_BRANDS}) e full join sales_customer_brands f on f.org_id = e.org_id and f.customer_id = e.customer_id and f.brand = e.brand
    where e.last_date is distinct from f.last_date
    limit 20`);
  return rows.map(
    (r) => `${r.what} org ${r.org_id} customer ${r.customer_id}: expected ${r.expected ?? 'no row'}, found ${r.actual ?? 'no row'}`,
  );
}

export class PurchaseFactsError extends Error {
  constructor(readonly problems: string[]) {
    super(`purchase facts differ from the sales views:\n${problems.join('\n')}`);
  }
}

/** Throws a PurchaseFactsError when the facts and the views differ, naming the customers. */
export async function assertPurchaseFacts(pool: pg.Pool | pg.PoolClient): Promise<void> {
  const problems = await purchaseFactsViolations(pool);
  if (problems.length > 0) throw new PurchaseFactsError(problems);
}
