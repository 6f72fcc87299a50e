import type { ImportKind } from '../../../platform/imports';
import { PRODUCT_IMPORT_FIELDS } from './fields';
import { importProductChunk } from './run';

/** The `products` import kind (CSV, XLSX or a JSON ERP export): registered by the catalog module at setup. */
export const productImport: ImportKind = {
  kind: 'products',
  permission: 'catalog.write',
  fields: PRODUCT_IMPORT_FIELDS,
  analyze: ['products', 'product_barcodes', 'suppliers'],
  run: importProductChunk,
};
