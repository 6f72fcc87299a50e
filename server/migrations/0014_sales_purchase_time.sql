-- The sales read contract gains the time of day of a purchase (docs/sales.md, "Read contract"):
-- segments ask "share of purchases on weekdays between 09:00 and 11:00" in the org's time zone,
-- which business_date cannot answer. A column added at the end, so the view is replaced in place.
CREATE OR REPLACE VIEW sales_purchase_facts WITH (security_invoker = true) AS
SELECT r.org_id, 'receipt'::text AS kind, r.id AS purchase_id, 'store'::text AS channel, r.source,
  r.business_date, r.store_id, r.register, r.cashier_code, r.customer_id,
  r.total AS gross_amount, (r.total - coalesce(x.refunded, 0))::bigint AS net_amount,
  r.occurred_at
FROM receipts r
LEFT JOIN (
  SELECT org_id, receipt_id, sum(refund_total) AS refunded FROM returns WHERE receipt_id IS NOT NULL GROUP BY org_id, receipt_id
) x ON x.org_id = r.org_id AND x.receipt_id = r.id
UNION ALL
SELECT o.org_id, 'order'::text, o.id, o.channel, NULL::text,
  o.business_date, o.click_collect_store_id, NULL::text, NULL::text, o.customer_id,
  o.total, (o.total - coalesce(x.refunded, 0))::bigint,
  o.placed_at
FROM orders o
LEFT JOIN (
  SELECT org_id, order_id, sum(refund_total) AS refunded FROM returns WHERE order_id IS NOT NULL GROUP BY org_id, order_id
) x ON x.org_id = o.org_id AND x.order_id = o.id
WHERE o.status <> 'cancelled';
