import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { orgIdColumn, tenantPolicy } from '../../platform/db/tenant-table';
import { orgs } from '../access/schema';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
/** Money: an integer count of minor units (kuruş); bigint so a wholesale receipt cannot overflow. */
const money = (name: string) => bigint(name, { mode: 'number' }).notNull().default(0);
/** Weighed goods exist: up to three decimals (grams of a kilogram). Read back as a string. */
const quantity = (name: string) => numeric(name, { precision: 12, scale: 3 }).notNull();

/** One explanation of a line discount, as the promotion engine gives it. */
export interface LineDiscount {
  ruleId: string;
  label: string;
  amount: number;
}

/** The org's sales settings (one row per org, created on first change). */
export const salesSettings = pgTable(
  'sales_settings',
  {
    orgId: orgIdColumn(),
    /** `reject`: a receipt naming an unknown SKU is refused (422); `adhoc`: kept as an ad-hoc line. */
    unknownSku: text('unknown_sku').notNull().default('reject'),
    /** Anonymous POS receipts get a claim code without the till asking for one. */
    claimAnonymous: boolean('claim_anonymous').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.orgId] }),
    tenantPolicy('sales_settings'),
  ],
);

/**
 * A store receipt. `occurred_at` is the till's clock; `business_date` its date in the org's time
 * zone, so a late (offline) receipt counts on the day it happened. `store_id` is null only for
 * historical imports that name no store. `content_hash` is the hash of what the till first sent:
 * a retry with the same content is a repeat, the same number with other content a conflict.
 */
export const receipts = pgTable(
  'receipts',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull(),
    storeId: uuid('store_id'),
    register: text('register'),
    cashierCode: text('cashier_code'),
    receiptNumber: text('receipt_number').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    businessDate: date('business_date', { mode: 'string' }).notNull(),
    customerId: uuid('customer_id'),
    currency: text('currency').notNull().default('TRY'),
    subtotal: money('subtotal'),
    discountTotal: money('discount_total'),
    total: money('total'),
    /** pos | api | import */
    source: text('source').notNull(),
    contentHash: text('content_hash').notNull(),
    claimCode: text('claim_code'),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.orgId] }),
    // NULLS NOT DISTINCT: imported receipts without a store are unique by number too.
    unique('receipts_number_key').on(t.orgId, t.storeId, t.receiptNumber).nullsNotDistinct(),
    uniqueIndex('receipts_claim_code_key').on(t.orgId, t.claimCode).where(sql`claim_code is not null`),
    index('receipts_list_idx').on(t.orgId, t.occurredAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('receipts_customer_idx').on(t.orgId, t.customerId, t.occurredAt.desc().nullsFirst()),
    index('receipts_store_idx').on(t.orgId, t.storeId, t.occurredAt.desc().nullsFirst()),
    index('receipts_business_date_idx').on(t.orgId, t.businessDate),
    // A returns desk finds a receipt by its number without knowing the store.
    index('receipts_number_idx').on(t.orgId, t.receiptNumber),
    tenantPolicy('receipts'),
  ],
);

/** Product name, category and brand are copied onto the line: analytics never reads the catalog. */
export const receiptLines = pgTable(
  'receipt_lines',
  {
    orgId: orgIdColumn(),
    receiptId: uuid('receipt_id').notNull(),
    lineNo: integer('line_no').notNull(),
    sku: text('sku'),
    productId: uuid('product_id'),
    productName: text('product_name'),
    categoryPath: text('category_path').array().notNull().default([]),
    brand: text('brand'),
    quantity: quantity('quantity'),
    unitPrice: money('unit_price'),
    lineDiscount: money('line_discount'),
    /** round(quantity × unit_price) − line_discount */
    lineTotal: money('line_total'),
    discounts: jsonb('discounts').$type<LineDiscount[]>().notNull().default([]),
    returnedQuantity: numeric('returned_quantity', { precision: 12, scale: 3 }).notNull().default('0'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.receiptId, t.lineNo] }),
    foreignKey({ columns: [t.orgId, t.receiptId], foreignColumns: [receipts.orgId, receipts.id] }),
    tenantPolicy('receipt_lines'),
  ],
);

export const receiptPayments = pgTable(
  'receipt_payments',
  {
    orgId: orgIdColumn(),
    receiptId: uuid('receipt_id').notNull(),
    seq: integer('seq').notNull(),
    /** cash | card | points | voucher | other */
    method: text('method').notNull(),
    amount: money('amount'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.receiptId, t.seq] }),
    foreignKey({ columns: [t.orgId, t.receiptId], foreignColumns: [receipts.orgId, receipts.id] }),
    tenantPolicy('receipt_payments'),
  ],
);

/** An online order; `channel` is a lower-case slug (web, shopify, trendyol…). */
export const orders = pgTable(
  'orders',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull(),
    channel: text('channel').notNull(),
    orderNumber: text('order_number').notNull(),
    /** created | paid | shipped | delivered | cancelled */
    status: text('status').notNull(),
    customerId: uuid('customer_id'),
    clickCollectStoreId: uuid('click_collect_store_id'),
    placedAt: timestamp('placed_at', { withTimezone: true }).notNull(),
    businessDate: date('business_date', { mode: 'string' }).notNull(),
    currency: text('currency').notNull().default('TRY'),
    subtotal: money('subtotal'),
    discountTotal: money('discount_total'),
    shippingTotal: money('shipping_total'),
    total: money('total'),
    contentHash: text('content_hash').notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.orgId] }),
    unique('orders_number_key').on(t.orgId, t.channel, t.orderNumber),
    index('orders_list_idx').on(t.orgId, t.placedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('orders_customer_idx').on(t.orgId, t.customerId, t.placedAt.desc().nullsFirst()),
    index('orders_business_date_idx').on(t.orgId, t.businessDate),
    tenantPolicy('orders'),
  ],
);

export const orderLines = pgTable(
  'order_lines',
  {
    orgId: orgIdColumn(),
    orderId: uuid('order_id').notNull(),
    lineNo: integer('line_no').notNull(),
    sku: text('sku'),
    productId: uuid('product_id'),
    productName: text('product_name'),
    categoryPath: text('category_path').array().notNull().default([]),
    brand: text('brand'),
    quantity: quantity('quantity'),
    unitPrice: money('unit_price'),
    lineDiscount: money('line_discount'),
    lineTotal: money('line_total'),
    discounts: jsonb('discounts').$type<LineDiscount[]>().notNull().default([]),
    returnedQuantity: numeric('returned_quantity', { precision: 12, scale: 3 }).notNull().default('0'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.orderId, t.lineNo] }),
    foreignKey({ columns: [t.orgId, t.orderId], foreignColumns: [orders.orgId, orders.id] }),
    tenantPolicy('order_lines'),
  ],
);

/** Every status an order went through, with when and who. */
export const orderStatusChanges = pgTable(
  'order_status_changes',
  {
    orgId: orgIdColumn(),
    orderId: uuid('order_id').notNull(),
    seq: integer('seq').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorType: text('actor_type'),
    actorId: uuid('actor_id'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.orderId, t.seq] }),
    foreignKey({ columns: [t.orgId, t.orderId], foreignColumns: [orders.orgId, orders.id] }),
    tenantPolicy('order_status_changes'),
  ],
);

/**
 * A return (or the returned half of an exchange), linked to the original receipt or order. It
 * happens in a store (`store_id`) or through a channel (`channel`). `return_number` is the
 * returning till's own number, a natural key per store (or channel) when given.
 */
export const returns = pgTable(
  'returns',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull(),
    returnNumber: text('return_number'),
    receiptId: uuid('receipt_id'),
    orderId: uuid('order_id'),
    storeId: uuid('store_id'),
    channel: text('channel'),
    customerId: uuid('customer_id'),
    currency: text('currency').notNull().default('TRY'),
    refundTotal: money('refund_total'),
    reason: text('reason'),
    exchangeReceiptId: uuid('exchange_receipt_id'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    businessDate: date('business_date', { mode: 'string' }).notNull(),
    contentHash: text('content_hash').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.orgId] }),
    foreignKey({ columns: [t.orgId, t.receiptId], foreignColumns: [receipts.orgId, receipts.id] }),
    foreignKey({ columns: [t.orgId, t.orderId], foreignColumns: [orders.orgId, orders.id] }),
    foreignKey({ columns: [t.orgId, t.exchangeReceiptId], foreignColumns: [receipts.orgId, receipts.id] }),
    check('returns_one_origin', sql`(receipt_id is null) <> (order_id is null)`),
    uniqueIndex('returns_number_key')
      .on(t.orgId, sql`coalesce(${t.storeId}::text, 'channel:' || ${t.channel})`, t.returnNumber)
      .where(sql`return_number is not null`),
    index('returns_list_idx').on(t.orgId, t.occurredAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('returns_receipt_idx').on(t.orgId, t.receiptId),
    index('returns_order_idx').on(t.orgId, t.orderId),
    index('returns_customer_idx').on(t.orgId, t.customerId),
    tenantPolicy('returns'),
  ],
);

export const returnLines = pgTable(
  'return_lines',
  {
    orgId: orgIdColumn(),
    returnId: uuid('return_id').notNull(),
    lineNo: integer('line_no').notNull(),
    /** The line of the original receipt or order. */
    sourceLineNo: integer('source_line_no').notNull(),
    sku: text('sku'),
    productId: uuid('product_id'),
    productName: text('product_name'),
    quantity: quantity('quantity'),
    refundAmount: money('refund_amount'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.returnId, t.lineNo] }),
    foreignKey({ columns: [t.orgId, t.returnId], foreignColumns: [returns.orgId, returns.id] }),
    tenantPolicy('return_lines'),
  ],
);

/** What a customer wishes for now (clienteling); the history is in the events. */
export const wishlistItems = pgTable(
  'wishlist_items',
  {
    orgId: orgIdColumn(),
    customerId: uuid('customer_id').notNull(),
    sku: text('sku').notNull(),
    productId: uuid('product_id'),
    productName: text('product_name'),
    channel: text('channel'),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.customerId, t.sku] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.orgId] }),
    tenantPolicy('wishlist_items'),
  ],
);

// Per-customer purchase facts (customer-facts.ts), kept in step with every write of receipts,
// orders and returns. They are what segment conditions on purchases read: one row per customer
// (or per customer and category / brand) answers "≥ 2 purchases", "bought X within N days" without
// walking the history. Equal at all times to what the read views (sales_purchase_facts,
// sales_line_facts) give; customer-facts.test.ts checks that after every kind of write.

/** All-time purchases (receipts and non-cancelled orders, net of returns) of a customer. */
export const customerFacts = pgTable(
  'sales_customer_facts',
  {
    orgId: orgIdColumn(),
    customerId: uuid('customer_id').notNull(),
    purchases: integer('purchases').notNull(),
    netAmount: money('net_amount'),
    firstDate: date('first_date', { mode: 'string' }).notNull(),
    lastDate: date('last_date', { mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.customerId] }), tenantPolicy('sales_customer_facts')],
);

/** The last day a customer bought (and kept) something of a category, at any level of its path. */
export const customerCategoryFacts = pgTable(
  'sales_customer_categories',
  {
    orgId: orgIdColumn(),
    customerId: uuid('customer_id').notNull(),
    category: text('category').notNull(),
    lastDate: date('last_date', { mode: 'string' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.customerId, t.category] }),
    // "Bought category X since D" is a range of this index, not a walk over customers.
    index('sales_customer_categories_category_idx').on(t.orgId, t.category, t.lastDate, t.customerId),
    tenantPolicy('sales_customer_categories'),
  ],
);

/** The last day a customer bought (and kept) something of a product brand. */
export const customerBrandFacts = pgTable(
  'sales_customer_brands',
  {
    orgId: orgIdColumn(),
    customerId: uuid('customer_id').notNull(),
    brand: text('brand').notNull(),
    lastDate: date('last_date', { mode: 'string' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.customerId, t.brand] }),
    index('sales_customer_brands_brand_idx').on(t.orgId, t.brand, t.lastDate, t.customerId),
    tenantPolicy('sales_customer_brands'),
  ],
);
