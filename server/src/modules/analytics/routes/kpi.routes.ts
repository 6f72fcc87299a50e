import { z } from 'zod';
import type { HttpServer } from '../../../platform/http/server';
import { attachment, toCsv } from '../../../platform/imports/spreadsheet';
import { CHANNELS } from '../../privacy/channels';
import { kpiDashboard, kpisByStore } from '../kpi';
import { CASHIER_CSV_HEADERS, cashierCsvRows, cashierLeaderboard, MAX_CASHIER_ROWS } from '../kpi-cashiers';

const tags = ['analytics'];

/** A CSV download from a route whose JSON answer has a schema: a Buffer skips the JSON serialiser. */
export const csvBody = (headers: string[], rows: Parameters<typeof toCsv>[1]) => toCsv(headers, rows) as never;

/** A period of business days and the scope; shared by the KPI, leaderboard, assortment reports. */
export const periodQuery = {
  from: z.iso.date().optional().describe('first business day, inclusive (default: 29 days before `to`)'),
  to: z.iso.date().optional().describe('last business day, inclusive (default: today in the org time zone); at most 3 years after `from`'),
};
export const scopeQuery = {
  brand: z.string().max(60).optional().describe('brand id or code: its stores only'),
  storeCode: z.string().max(50).optional(),
};
export const formatQuery = { format: z.enum(['json', 'csv']).default('json').describe('`csv`: a download (UTF-8 with BOM)') };

const periodSchema = z.object({ from: z.iso.date(), to: z.iso.date(), days: z.number().int() });
const share = z.number().nullable();

const kpisSchema = z
  .object({
    receipts: z.number().int().describe('store receipts, anonymous too'),
    recognisedReceipts: z.number().int().describe('receipts naming a customer'),
    recognisedRatio: share.describe('recognisedReceipts ÷ receipts'),
    orders: z.number().int().describe('online orders not cancelled'),
    purchases: z.number().int().describe('receipts + orders'),
    revenue: z.number().int().describe('net of returns, minor units'),
    averageBasket: z.number().int().nullable().describe('revenue ÷ purchases, minor units'),
    activeCustomers: z.number().int().describe('recognised customers who bought in the period'),
    newCustomers: z.number().int().describe('active customers whose first purchase day ever (in the scope) is in the period'),
    returningCustomers: z.number().int().describe('active customers who had bought before the period'),
    repeatCustomers: z.number().int().describe('active customers with at least 2 purchase days in the period'),
    repeatRate: share.describe('repeatCustomers ÷ activeCustomers'),
    purchaseDays: z.number().int().describe('Σ purchase days of the active customers'),
    purchaseFrequency: share.describe('purchaseDays ÷ activeCustomers'),
    customerRevenue: z.number().int().describe('net spend of the recognised customers, minor units'),
    revenuePerCustomer: z.number().int().nullable().describe('customerRevenue ÷ activeCustomers, minor units'),
    consentRates: z
      .object(Object.fromEntries(CHANNELS.map((c) => [c, share])) as Record<(typeof CHANNELS)[number], typeof share>)
      .describe('share of the active customers with a marketing consent granted now, per channel'),
    dataQuality: z.number().nullable().describe('average data-quality score (0–100) of the active customers'),
  })
  .meta({ id: 'Kpis' });

const kpiDashboardSchema = z
  .object({
    period: periodSchema,
    previousPeriod: periodSchema.nullable(),
    bucket: z.enum(['day', 'week']).describe('series points: days, or 7-day buckets from `from` when the period is over 90 days'),
    brandId: z.uuid().nullable(),
    storeIds: z.array(z.uuid()).nullable().describe('null: the whole org (online orders included)'),
    current: kpisSchema,
    previous: kpisSchema.nullable(),
    series: z.array(
      z.object({
        date: z.iso.date().describe('the first day of the bucket'),
        receipts: z.number().int(),
        recognisedReceipts: z.number().int(),
        recognisedRatio: share,
        revenue: z.number().int(),
        newCustomers: z.number().int(),
        returningCustomers: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'KpiDashboard' });

const storeKpisSchema = z
  .object({
    period: periodSchema,
    stores: z.array(
      z.object({
        storeId: z.uuid(),
        storeCode: z.string(),
        storeName: z.string(),
        receipts: z.number().int(),
        recognisedReceipts: z.number().int(),
        recognisedRatio: share,
        purchases: z.number().int(),
        revenue: z.number().int(),
        averageBasket: z.number().int().nullable(),
        activeCustomers: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'StoreKpis' });

const cashiersSchema = z
  .object({
    period: periodSchema,
    total: z.number().int().describe('cashiers in the selection'),
    items: z.array(
      z.object({
        rank: z.number().int(),
        storeId: z.uuid(),
        storeCode: z.string(),
        storeName: z.string(),
        cashierCode: z.string(),
        receipts: z.number().int(),
        recognisedReceipts: z.number().int(),
        share: z.number(),
      }),
    ),
  })
  .meta({ id: 'CashierLeaderboard' });

export function kpiRoutes(app: HttpServer) {
  app.get(
    '/api/v1/analytics/kpis',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags,
        summary:
          'KPI dashboard: recognised-customer ratio, revenue, active / new / returning customers, repeat rate, … for a period and the previous one',
        description:
          'A period with no purchases gives zeros and nulls. `from` after `to` or a period over 3 years: 400. Store roles see their stores only.',
        querystring: z.object({ ...periodQuery, ...scopeQuery, compare: z.enum(['previous', 'none']).default('previous') }).strict(),
        response: { 200: kpiDashboardSchema },
      },
    },
    (req) => req.tenant((tx) => kpiDashboard(tx, req.query, req.auth!.storeIds)),
  );
  app.get(
    '/api/v1/analytics/kpis/stores',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags,
        summary: 'Store comparison: receipts, recognised ratio, revenue, average basket and active customers per store, by revenue',
        querystring: z.object({ ...periodQuery, brand: scopeQuery.brand }).strict(),
        response: { 200: storeKpisSchema },
      },
    },
    (req) => req.tenant((tx) => kpisByStore(tx, req.query, req.auth!.storeIds)),
  );
  app.get(
    '/api/v1/analytics/cashiers',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags,
        summary: 'Cashier phone-capture leaderboard: per store and cashier, receipts and the share naming a customer, ranked',
        description: `\`format=csv\` downloads the selection (at most ${MAX_CASHIER_ROWS.toLocaleString('en')} rows).`,
        querystring: z
          .object({
            ...periodQuery,
            ...scopeQuery,
            minReceipts: z.coerce.number().int().min(1).max(100_000).default(1).describe('leave out cashiers with fewer receipts'),
            limit: z.coerce.number().int().min(1).max(500).default(50),
            offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
            ...formatQuery,
          })
          .strict(),
        response: { 200: cashiersSchema },
      },
    },
    (req, reply) =>
      req.tenant(async (tx) => {
        const { format, ...q } = req.query;
        if (format !== 'csv') return cashierLeaderboard(tx, q, req.auth!.storeIds);
        const all = await cashierLeaderboard(tx, { ...q, limit: MAX_CASHIER_ROWS, offset: 0 }, req.auth!.storeIds);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', attachment(`kasiyer-${all.period.from}-${all.period.to}.csv`))
          .send(csvBody(CASHIER_CSV_HEADERS, cashierCsvRows(all.items)));
      }),
  );
}
