import { z } from 'zod';
import type { HttpServer } from '../../../platform/http/server';
import { attachment } from '../../../platform/imports/spreadsheet';
import { ASSORTMENT_CSV_HEADERS, assortmentCsvRows, MAX_ASSORTMENT_ROWS, OVER_INDEX, storeAssortment, UNDER_INDEX } from '../assortment';
import { csvBody, formatQuery, periodQuery, scopeQuery } from './kpi.routes';

const tags = ['analytics'];

const periodSchema = z.object({ from: z.iso.date(), to: z.iso.date(), days: z.number().int() });

const assortmentSchema = z
  .object({
    period: periodSchema,
    level: z.enum(['category', 'brand', 'pack']),
    total: z.number().int().describe('rows in the selection'),
    items: z.array(
      z.object({
        storeId: z.uuid(),
        storeCode: z.string(),
        storeName: z.string(),
        key: z.string().describe('the category path (`A > B`) or the product brand'),
        storeSales: z.number().int().describe('net line sales, minor units'),
        storeUnits: z.number(),
        storeShare: z.number().describe('of the store’s sales'),
        chainSales: z.number().int(),
        chainShare: z.number().describe('of the chain’s sales'),
        index: z.number().describe('storeShare ÷ chainShare × 100, one decimal'),
        signal: z.enum(['over', 'under', 'normal']).describe(`over: index ≥ ${OVER_INDEX}; under: ≤ ${UNDER_INDEX}`),
      }),
    ),
  })
  .meta({ id: 'StoreAssortment' });

export function assortmentRoutes(app: HttpServer) {
  app.get(
    '/api/v1/analytics/assortment',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags,
        summary:
          'Store assortment insight: per store, categories (or brands, or category and pack size) it sells more or less than the chain average, with the index',
        description: `\`format=csv\` downloads the selection for ERP replenishment (at most ${MAX_ASSORTMENT_ROWS.toLocaleString('en')} rows). Store roles see their stores’ rows; the chain share is the whole chain’s (or the brand’s).`,
        querystring: z
          .object({
            ...periodQuery,
            ...scopeQuery,
            level: z.enum(['category', 'brand', 'pack']).default('category'),
            only: z.enum(['all', 'over', 'under']).default('all'),
            limit: z.coerce.number().int().min(1).max(1000).default(100),
            offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
            ...formatQuery,
          })
          .strict(),
        response: { 200: assortmentSchema },
      },
    },
    (req, reply) =>
      req.tenant(async (tx) => {
        const { format, ...q } = req.query;
        if (format !== 'csv') return storeAssortment(tx, q, req.auth!.storeIds);
        const all = await storeAssortment(tx, { ...q, limit: MAX_ASSORTMENT_ROWS, offset: 0 }, req.auth!.storeIds);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', attachment(`asortiman-${all.level}-${all.period.from}-${all.period.to}.csv`))
          .send(csvBody(ASSORTMENT_CSV_HEADERS, assortmentCsvRows(all.items)));
      }),
  );
}
