import { sql } from 'drizzle-orm';
import { boolean, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgIdColumn, tenantPolicy } from '../../platform/db/tenant-table';
import { orgs } from '../access/schema';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** A supplier (vendor) of products, kept as a record for co-op campaigns and reports. */
export const suppliers = pgTable(
  'suppliers',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull(),
    /** The org's own code for the supplier (ERP vendor number), unique per org, case preserved. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** Turkish-folded name (platform/text foldTurkish) for search. */
    nameKey: text('name_key').notNull().default(''),
    taxNumber: text('tax_number'),
    contactName: text('contact_name'),
    phone: text('phone'),
    email: text('email'),
    address: text('address'),
    notes: text('notes'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.orgId] }),
    uniqueIndex('suppliers_code_key').on(t.orgId, t.code),
    index('suppliers_name_idx').on(t.orgId, t.nameKey, t.id),
    tenantPolicy('suppliers'),
  ],
);

/**
 * A product, identified per org by its SKU (trimmed, case preserved). Prices are integer minor
 * units (kuruş) with a currency; attributes are free string values (colour, size, fit, fabric…).
 */
export const products = pgTable(
  'products',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull(),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    /** Turkish-folded name (platform/text foldTurkish): what name search compares. */
    nameKey: text('name_key').notNull().default(''),
    /** From the root down, e.g. {Ev Tekstili,Nevresim,Çift Kişilik}; empty when uncategorised. */
    categoryPath: text('category_path').array().notNull().default([]),
    brand: text('brand'),
    supplierId: uuid('supplier_id'),
    attributes: jsonb('attributes').$type<Record<string, string>>().notNull().default({}),
    listPrice: integer('list_price'),
    currency: text('currency').notNull().default('TRY'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.orgId] }),
    foreignKey({ columns: [t.orgId, t.supplierId], foreignColumns: [suppliers.orgId, suppliers.id] }),
    uniqueIndex('products_sku_key').on(t.orgId, t.sku),
    // The list's order (name, then id) as one index range, however deep the page.
    index('products_list_idx').on(t.orgId, t.nameKey, t.id),
    index('products_name_trgm_idx').using('gin', t.nameKey.op('gin_trgm_ops')),
    index('products_sku_trgm_idx').using('gin', sql`lower(${t.sku}) gin_trgm_ops`),
    index('products_category_idx').using('gin', t.categoryPath),
    index('products_brand_idx').on(t.orgId, t.brand),
    index('products_supplier_idx').on(t.orgId, t.supplierId),
    tenantPolicy('products'),
  ],
);

/** Barcodes (EAN-8/13, UPC-A, GTIN-14) of products: one barcode names one product per org. */
export const productBarcodes = pgTable(
  'product_barcodes',
  {
    orgId: orgIdColumn(),
    barcode: text('barcode').notNull(),
    productId: uuid('product_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.barcode] }),
    index('product_barcodes_product_idx').on(t.orgId, t.productId),
    foreignKey({ columns: [t.orgId, t.productId], foreignColumns: [products.orgId, products.id] }),
    tenantPolicy('product_barcodes'),
  ],
);
