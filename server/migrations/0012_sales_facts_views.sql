-- More of the sales module's read contract for analytics (docs/sales.md, "Read contract for
-- analytics"): KPIs need anonymous receipts and the cashier, assortment and co-op reports need
-- line amounts. security_invoker: the row-level security of the sales tables applies to the reader.

-- One row per purchase: every store receipt (anonymous ones too) and every online order that was
-- not cancelled; net_amount is the total minus everything later refunded on it.
CREATE VIEW sales_purchase_facts WITH (security_invoker = true) AS
SELECT r.org_id, 'receipt'::text AS kind, r.id AS purchase_id, 'store'::text AS channel, r.source,
  r.business_date, r.store_id, r.register, r.cashier_code, r.customer_id,
  r.total AS gross_amount, (r.total - coalesce(x.refunded, 0))::bigint AS net_amount
FROM receipts r
LEFT JOIN (
  SELECT org_id, receipt_id, sum(refund_total) AS refunded FROM returns WHERE receipt_id IS NOT NULL GROUP BY org_id, receipt_id
) x ON x.org_id = r.org_id AND x.receipt_id = r.id
UNION ALL
SELECT o.org_id, 'order'::text, o.id, o.channel, NULL::text,
  o.business_date, o.click_collect_store_id, NULL::text, NULL::text, o.customer_id,
  o.total, (o.total - coalesce(x.refunded, 0))::bigint
FROM orders o
LEFT JOIN (
  SELECT org_id, order_id, sum(refund_total) AS refunded FROM returns WHERE order_id IS NOT NULL GROUP BY org_id, order_id
) x ON x.org_id = o.org_id AND x.order_id = o.id
WHERE o.status <> 'cancelled';--> statement-breakpoint

-- One row per purchased line still kept (bought minus returned > 0), receipts and orders alike;
-- net_amount is the line total scaled to the quantity kept, in kuruş.
CREATE VIEW sales_line_facts WITH (security_invoker = true) AS
SELECT r.org_id, 'receipt'::text AS kind, r.id AS purchase_id, 'store'::text AS channel, r.business_date, r.store_id,
  r.customer_id, l.line_no, l.product_id, l.sku, l.product_name, l.category_path,
  nullif(array_to_string(l.category_path, ' > '), '') AS category, l.brand,
  l.quantity - l.returned_quantity AS quantity,
  round(l.line_total * (l.quantity - l.returned_quantity) / l.quantity)::bigint AS net_amount
FROM receipts r
JOIN receipt_lines l ON l.org_id = r.org_id AND l.receipt_id = r.id
WHERE l.quantity > l.returned_quantity
UNION ALL
SELECT o.org_id, 'order'::text, o.id, o.channel, o.business_date, o.click_collect_store_id,
  o.customer_id, l.line_no, l.product_id, l.sku, l.product_name, l.category_path,
  nullif(array_to_string(l.category_path, ' > '), ''), l.brand,
  l.quantity - l.returned_quantity,
  round(l.line_total * (l.quantity - l.returned_quantity) / l.quantity)::bigint
FROM orders o
JOIN order_lines l ON l.org_id = o.org_id AND l.order_id = o.id
WHERE o.status <> 'cancelled' AND l.quantity > l.returned_quantity;
