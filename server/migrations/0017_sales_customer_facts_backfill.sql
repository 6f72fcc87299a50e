-- Recomputes the per-customer purchase facts (sales/customer-facts.ts) of some customers of an org
-- from the sales tables, with the definitions of the read views (0012, 0014): purchases are
-- receipts and non-cancelled orders, net of their returns; a line counts while some of it is kept.
-- The caller locks the customers first (customer-facts.ts), so that a receipt committed meanwhile
-- is either seen here or adds itself on top afterwards.
-- PL/pgSQL rather than SQL: each call is planned for its own array (a handful of customers after a
-- return, every customer of the org for the backfill below).
CREATE FUNCTION sales_refresh_customer_facts(p_org uuid, p_customers uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  WITH ids AS (SELECT DISTINCT unnest(p_customers) AS id),
  purchases AS (
    SELECT r.customer_id, r.business_date,
      r.total - coalesce((SELECT sum(x.refund_total) FROM returns x WHERE x.org_id = r.org_id AND x.receipt_id = r.id), 0) AS net
    FROM receipts r JOIN ids ON r.customer_id = ids.id WHERE r.org_id = p_org
    UNION ALL
    SELECT o.customer_id, o.business_date,
      o.total - coalesce((SELECT sum(x.refund_total) FROM returns x WHERE x.org_id = o.org_id AND x.order_id = o.id), 0)
    FROM orders o JOIN ids ON o.customer_id = ids.id WHERE o.org_id = p_org AND o.status <> 'cancelled'
  ), fresh AS (
    SELECT customer_id, count(*)::int AS purchases, sum(net)::bigint AS net_amount,
      min(business_date) AS first_date, max(business_date) AS last_date
    FROM purchases GROUP BY customer_id
  ), gone AS (
    DELETE FROM sales_customer_facts t USING ids WHERE t.org_id = p_org AND t.customer_id = ids.id
      AND NOT EXISTS (SELECT FROM fresh f WHERE f.customer_id = t.customer_id)
  )
  INSERT INTO sales_customer_facts (org_id, customer_id, purchases, net_amount, first_date, last_date)
  SELECT p_org, customer_id, purchases, net_amount, first_date, last_date FROM fresh
  ON CONFLICT (org_id, customer_id) DO UPDATE SET purchases = excluded.purchases, net_amount = excluded.net_amount,
    first_date = excluded.first_date, last_date = excluded.last_date;

  WITH ids AS (SELECT DISTINCT unnest(p_customers) AS id),
  kept AS (
    SELECT r.customer_id, r.business_date, l.category_path, l.brand
    FROM receipts r JOIN ids ON r.customer_id = ids.id
    JOIN receipt_lines l ON l.org_id = r.org_id AND l.receipt_id = r.id
    WHERE r.org_id = p_org AND l.quantity > l.returned_quantity
    UNION ALL
    SELECT o.customer_id, o.business_date, l.category_path, l.brand
    FROM orders o JOIN ids ON o.customer_id = ids.id
    JOIN order_lines l ON l.org_id = o.org_id AND l.order_id = o.id
    WHERE o.org_id = p_org AND o.status <> 'cancelled' AND l.quantity > l.returned_quantity
  ), categories AS (
    SELECT k.customer_id, c.category, max(k.business_date) AS last_date
    FROM kept k CROSS JOIN LATERAL unnest(k.category_path) AS c(category)
    WHERE c.category IS NOT NULL GROUP BY 1, 2
  ), brands AS (
    SELECT customer_id, brand, max(business_date) AS last_date FROM kept WHERE brand IS NOT NULL GROUP BY 1, 2
  ), categories_gone AS (
    DELETE FROM sales_customer_categories t USING ids WHERE t.org_id = p_org AND t.customer_id = ids.id
      AND NOT EXISTS (SELECT FROM categories f WHERE f.customer_id = t.customer_id AND f.category = t.category)
  ), brands_gone AS (
    DELETE FROM sales_customer_brands t USING ids WHERE t.org_id = p_org AND t.customer_id = ids.id
      AND NOT EXISTS (SELECT FROM brands f WHERE f.customer_id = t.customer_id AND f.brand = t.brand)
  ), categories_set AS (
    INSERT INTO sales_customer_categories (org_id, customer_id, category, last_date)
    SELECT p_org, customer_id, category, last_date FROM categories
    ON CONFLICT (org_id, customer_id, category) DO UPDATE SET last_date = excluded.last_date
  )
  INSERT INTO sales_customer_brands (org_id, customer_id, brand, last_date)
  SELECT p_org, customer_id, brand, last_date FROM brands
  ON CONFLICT (org_id, customer_id, brand) DO UPDATE SET last_date = excluded.last_date;
END $$;
--> statement-breakpoint
-- The facts of the history already here, org by org.
SELECT sales_refresh_customer_facts(org_id, array_agg(customer_id))
FROM (
  SELECT org_id, customer_id FROM receipts WHERE customer_id IS NOT NULL
  UNION SELECT org_id, customer_id FROM orders WHERE customer_id IS NOT NULL
) c
GROUP BY org_id;
