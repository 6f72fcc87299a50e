import { z } from 'zod';
import type { ImportKind } from '../../../platform/imports';
import { SALES_IMPORT_FIELDS } from './fields';
import { importSalesChunk, readSalesChunk } from './run';

export const SALES_CHUNK_ROWS = 5000;

/** The `sales` import kind (historical receipts, one row per line): registered by the sales module. */
export const salesImport: ImportKind = {
  kind: 'sales',
  permission: 'sales.import',
  fields: SALES_IMPORT_FIELDS,
  options: z
    .object({
      /** The system a plain external id ("00004") belongs to: `import` → `import:00004`. */
      externalSystem: z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,30}$/)
        .default('import'),
      /** The store of rows without a store code; without it such receipts have no store. */
      storeCode: z.string().trim().min(1).max(50).optional(),
    })
    .strict(),
  // The engine analyses these as they grow (PGlite has no autovacuum): the receipts and the
  // customers and products this import creates through their modules.
  analyze: ['receipts', 'receipt_lines', 'customers', 'customer_identities', 'products'],
  // A few statements per chunk whatever its size: bigger chunks mean fewer round trips and commits.
  chunkRows: SALES_CHUNK_ROWS,
  read: readSalesChunk,
  run: importSalesChunk,
};
