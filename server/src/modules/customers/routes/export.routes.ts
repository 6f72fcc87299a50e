import { z } from 'zod';
import type { HttpServer } from '../../../platform/http/server';
import { attachment } from '../../../platform/imports/spreadsheet';
import { sourceOf } from '../../access/routes/common';
import { EXPORT_MAX_ROWS, exportCustomers } from '../export';
import { listQuery } from './customers.routes';
import { isMasked } from './schemas';

const exportQuery = listQuery.omit({ limit: true, cursor: true }).extend({ format: z.enum(['csv', 'xlsx']).default('csv') });

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export function exportRoutes(app: HttpServer) {
  app.get(
    '/api/v1/customers/export',
    {
      config: { permission: 'customers.export' },
      schema: {
        tags: ['customers'],
        summary: `The customers the list's filters select, as CSV or XLSX (at most ${EXPORT_MAX_ROWS.toLocaleString('en')} rows; masked without pii.read; audited)`,
        querystring: exportQuery,
      },
    },
    async (req, reply) => {
      const { format, ...filter } = req.query;
      // Sent only after the transaction committed: no export leaves without its audit entry.
      const file = await req.tenant((tx) =>
        exportCustomers(tx, sourceOf(req), { filter, format, masked: isMasked(req), locale: req.locale }),
      );
      return reply
        .type(CONTENT_TYPES[format])
        .header('content-disposition', attachment(file.fileName))
        .header('x-export-rows', String(file.count))
        .header('x-export-truncated', String(file.truncated))
        .send(file.content);
    },
  );
}
