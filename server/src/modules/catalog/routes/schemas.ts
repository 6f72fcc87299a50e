import { z } from 'zod';
import { bulkItemError } from '../../../platform/http/bulk';
import { isoDate } from '../../../platform/http/schemas';
import { SUPPLIER_LIMITS } from '../suppliers';
import { LIMITS } from '../values';

const nullableText = (max: number) => z.string().max(max).nullable().optional();

/** Minor units: the schema says integer; the service also checks the range and sign (422-free 400). */
const price = z.number().int().describe('list price in minor units (kuruş); a non-negative integer').nullable().optional();

const productFields = {
  name: z.string().max(LIMITS.name).optional(),
  barcodes: z
    .array(z.string().max(40))
    .max(LIMITS.barcodes)
    .optional()
    .describe("EAN-8/13, UPC-A or GTIN-14 with a correct check digit; when given, replaces the product's barcodes"),
  categoryPath: z.array(z.string().max(LIMITS.categoryPart)).max(LIMITS.categoryDepth).optional().describe('from the root down'),
  brand: nullableText(LIMITS.brand),
  supplierId: z.uuid().nullable().optional(),
  attributes: z
    .record(z.string().max(LIMITS.attributeKey), z.string().max(LIMITS.attributeValue))
    .optional()
    .describe('colour, size, fit, fabric, packSize… (string values); when given, replaces the attributes'),
  listPrice: price,
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/)
    .optional(),
  active: z.boolean().optional(),
};

export const productInput = z
  .object({
    sku: z
      .string()
      .max(LIMITS.sku + 20)
      .describe('trimmed, case preserved; the upsert key'),
    supplierCode: nullableText(SUPPLIER_LIMITS.code).describe('the supplier by its code instead of supplierId'),
    ...productFields,
  })
  .strict()
  .meta({ id: 'ProductUpsert' });

export const productPatch = z
  .object({
    sku: z
      .string()
      .max(LIMITS.sku + 20)
      .optional(),
    ...productFields,
  })
  .strict()
  .meta({ id: 'ProductChanges' });

export const productSchema = z
  .object({
    id: z.uuid(),
    sku: z.string(),
    name: z.string(),
    barcodes: z.array(z.string()),
    categoryPath: z.array(z.string()),
    brand: z.string().nullable(),
    supplierId: z.uuid().nullable(),
    supplier: z.object({ id: z.uuid(), code: z.string(), name: z.string() }).nullable(),
    attributes: z.record(z.string(), z.string()),
    listPrice: z.number().int().nullable(),
    currency: z.string(),
    active: z.boolean(),
    createdAt: isoDate,
    updatedAt: isoDate,
  })
  .meta({ id: 'Product' });

export const BULK_MAX = 1000;

export const bulkInput = z
  .object({ products: z.array(z.unknown()).min(1).max(BULK_MAX).describe('ProductInput items; each is validated on its own') })
  .strict()
  .meta({ id: 'ProductBulkUpsert' });

export const bulkResult = z
  .object({
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    failed: z.number().int(),
    items: z.array(
      z.object({
        index: z.number().int(),
        sku: z.string().nullable(),
        status: z.enum(['created', 'updated', 'unchanged', 'failed']),
        id: z.uuid().nullable(),
        error: bulkItemError.nullable(),
      }),
    ),
  })
  .meta({ id: 'ProductBulkResult' });

export const supplierInput = z
  .object({
    code: z.string().max(SUPPLIER_LIMITS.code + 20),
    name: z.string().max(SUPPLIER_LIMITS.name),
    taxNumber: nullableText(SUPPLIER_LIMITS.taxNumber),
    contactName: nullableText(SUPPLIER_LIMITS.contactName),
    phone: nullableText(SUPPLIER_LIMITS.phone),
    email: z.email().max(SUPPLIER_LIMITS.email).nullable().optional(),
    address: nullableText(SUPPLIER_LIMITS.address),
    notes: nullableText(SUPPLIER_LIMITS.notes),
  })
  .strict()
  .meta({ id: 'NewSupplier' });

export const supplierPatch = supplierInput.partial().strict().meta({ id: 'SupplierChanges' });

export const supplierSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    taxNumber: z.string().nullable(),
    contactName: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    address: z.string().nullable(),
    notes: z.string().nullable(),
    createdAt: isoDate,
    updatedAt: isoDate,
  })
  .meta({ id: 'Supplier' });
