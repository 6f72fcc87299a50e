import { z } from 'zod';
import type { ImportKind } from '../../../platform/imports';
import { IYS_SOURCES } from '../../privacy/channels';
import { CUSTOMER_IMPORT_FIELDS } from './fields';
import { importCustomerChunk } from './run';

/** The `customers` import kind: registered by the customers module at setup. */
export const customerImport: ImportKind = {
  kind: 'customers',
  permission: 'customers.import',
  fields: CUSTOMER_IMPORT_FIELDS,
  options: z
    .object({
      /** The İYS source recorded with the consent columns. */
      consentSource: z.enum(IYS_SOURCES).default('HS_FIZIKSEL_ORTAM'),
      /** The system a plain external id ("12345") belongs to: `erp` → `erp:12345`. */
      externalSystem: z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,30}$/)
        .default('import'),
    })
    .strict(),
  analyze: ['customers', 'customer_identities'],
  run: importCustomerChunk,
};
