import { z } from 'zod';
import type { HttpServer } from '../../../platform/http/server';
import { attachment } from '../../../platform/imports/spreadsheet';
import { COOP_CSV_HEADERS, coopCsvRows, coopReport } from '../coop';
import { csvBody, formatQuery, scopeQuery } from './kpi.routes';

const tags = ['analytics'];

const periodSchema = z.object({ from: z.iso.date(), to: z.iso.date(), days: z.number().int() });
const figures = {
  campaignSales: z.number().int().describe('net sales in the campaign, minor units'),
  campaignUnits: z.number(),
  baselineSales: z.number().int(),
  baselineUnits: z.number(),
  expectedSales: z.number().int().describe('baseline sales × campaign days ÷ baseline days, rounded'),
  expectedUnits: z.number(),
  incrementalSales: z.number().int().describe('campaign − expected (may be negative)'),
  incrementalUnits: z.number(),
  invoice: z.number().int().describe('rate % of the incremental sales, never below 0, minor units'),
};

const coopSchema = z
  .object({
    supplier: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
    products: z.number().int().describe('the supplier’s products in the catalog'),
    campaign: periodSchema,
    baseline: periodSchema,
    rate: z.number(),
    scale: z.number().describe('campaign days ÷ baseline days'),
    totals: z.object(figures),
    stores: z.array(
      z.object({
        storeId: z.uuid().nullable().describe('null: online orders without a store'),
        storeCode: z.string().nullable(),
        storeName: z.string().nullable(),
        ...figures,
      }),
    ),
    series: z.array(
      z.object({
        date: z.iso.date(),
        sales: z.number().int(),
        units: z.number(),
        baselineSales: z.number().int().describe('the baseline’s average per day'),
      }),
    ),
  })
  .meta({ id: 'CoopReport' });

export function coopRoutes(app: HttpServer) {
  app.get(
    '/api/v1/analytics/coop',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags,
        summary:
          'Supplier co-op report: the supplier’s sales in a campaign vs a baseline scaled to its length, incremental sales and the amount to invoice',
        description:
          'Unknown supplier: 422 `unknown_supplier`. `format=csv`: one row per store and a total row. Store roles see their stores only.',
        querystring: z
          .object({
            supplier: z.string().trim().min(1).max(64).describe('supplier code or id'),
            campaignFrom: z.iso.date(),
            campaignTo: z.iso.date(),
            baselineFrom: z.iso.date(),
            baselineTo: z.iso.date(),
            rate: z.coerce.number().min(0).max(100).describe('percent of the incremental sales to invoice'),
            ...scopeQuery,
            ...formatQuery,
          })
          .strict(),
        response: { 200: coopSchema },
      },
    },
    (req, reply) =>
      req.tenant(async (tx) => {
        const { format, ...q } = req.query;
        const report = await coopReport(tx, q, req.auth!.storeIds);
        if (format !== 'csv') return report;
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', attachment(`co-op-${report.supplier.code}-${report.campaign.from}-${report.campaign.to}.csv`))
          .send(csvBody(COOP_CSV_HEADERS, coopCsvRows(report)));
      }),
  );
}
