-- The sales module's read contract for analytics (docs/sales.md, "Read contract for analytics"):
-- analytics reads these views, never the sales tables. security_invoker makes the row-level
-- security of receipts, orders and returns apply to the reader, so a tenant sees its own rows only.

-- Purchases of recognised customers per business day and store: receipts, and online orders that
-- were not cancelled (store_id null, as for imports that name no store), net of everything later
-- refunded on them, on the purchase's own day.
CREATE VIEW sales_customer_days WITH (security_invoker = true) AS
SELECT p.org_id, p.customer_id, p.business_date, p.store_id,
  sum(p.amount)::bigint AS net_amount, count(*)::int AS purchases
FROM (
  SELECT r.org_id, r.customer_id, r.business_date, r.store_id, r.total - coalesce(x.refunded, 0) AS amount
  FROM receipts r
  LEFT JOIN (
    SELECT org_id, receipt_id, sum(refund_total) AS refunded FROM returns WHERE receipt_id IS NOT NULL GROUP BY org_id, receipt_id
  ) x ON x.org_id = r.org_id AND x.receipt_id = r.id
  WHERE r.customer_id IS NOT NULL
  UNION ALL
  SELECT o.org_id, o.customer_id, o.business_date, NULL::uuid, o.total - coalesce(x.refunded, 0)
  FROM orders o
  LEFT JOIN (
    SELECT org_id, order_id, sum(refund_total) AS refunded FROM returns WHERE order_id IS NOT NULL GROUP BY org_id, order_id
  ) x ON x.org_id = o.org_id AND x.order_id = o.id
  WHERE o.customer_id IS NOT NULL AND o.status <> 'cancelled'
) p
GROUP BY p.org_id, p.customer_id, p.business_date, p.store_id;--> statement-breakpoint

-- The lines of store receipts for basket mining, anonymous receipts included; a line returned in
-- full is left out (it was not bought in the end).
CREATE VIEW sales_basket_lines WITH (security_invoker = true) AS
SELECT r.org_id, r.id AS receipt_id, r.business_date, r.store_id, r.customer_id, l.line_no,
  l.product_id, l.sku, l.product_name, l.category_path,
  nullif(array_to_string(l.category_path, ' > '), '') AS category, l.brand,
  l.quantity - l.returned_quantity AS quantity
FROM receipts r
JOIN receipt_lines l ON l.org_id = r.org_id AND l.receipt_id = r.id
WHERE l.quantity > l.returned_quantity;
