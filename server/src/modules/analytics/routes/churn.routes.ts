import { z } from 'zod';
import type { AppContext } from '../../../platform/context';
import { pageOf, pageQuery } from '../../../platform/http/pagination';
import { idParams, isoDate } from '../../../platform/http/schemas';
import type { HttpServer } from '../../../platform/http/server';
import { CHURN_BANDS, churnSummary, computeChurn, customerChurn, listChurn } from '../churn/compute';
import { churnSignals } from '../churn/registry';

const tags = ['analytics'];
const band = z.enum(CHURN_BANDS);
const brandQuery = { brand: z.string().max(60).optional().describe('brand id or code: customers who bought in its stores') };

const reason = z
  .object({
    key: z.string().describe('the signal: p_alive_low, rhythm_broken, spend_falling, or one another module registered'),
    label: z.string(),
    strength: z.number().describe('0..1'),
    weight: z.number().describe('0..1: what a full-strength signal adds'),
    values: z.record(z.string(), z.number()).describe('the numbers in the text (money in minor units)'),
    text: z.string().describe('the reason in the request language'),
  })
  .meta({ id: 'ChurnReason' });

const churnSchema = z
  .object({
    customerId: z.uuid(),
    score: z.number().int().nullable().describe('0..100; null: not computed yet or the customer has never bought'),
    band: band.nullable(),
    asOf: z.iso.date().nullable(),
    computedAt: isoDate.nullable(),
    reasons: z.array(reason).describe('the strongest measured signals (at most 3), strongest first'),
    unmeasured: z
      .array(z.object({ key: z.string(), label: z.string(), text: z.string().describe('why it could not be measured') }))
      .describe('registered signals with no data for this customer'),
  })
  .meta({ id: 'CustomerChurn' });

const atRiskSchema = z
  .object({
    customerId: z.uuid(),
    name: z.string().nullable(),
    phone: z.string().nullable().describe('masked without pii.read'),
    status: z.enum(['active', 'merged', 'anonymized']),
    score: z.number().int(),
    band,
    reasons: z.array(reason),
  })
  .meta({ id: 'ChurnAtRisk' });

const summarySchema = z
  .object({
    customers: z.number().int(),
    bands: z.array(z.object({ band, customers: z.number().int() })),
    asOf: z.iso.date().nullable(),
    computedAt: isoDate.nullable(),
  })
  .meta({ id: 'ChurnSummary' });

const runSchema = z
  .object({
    asOf: z.iso.date(),
    fitId: z.uuid().nullable().describe('the org-wide CLV fit whose P(alive) was used'),
    signals: z.array(z.string()),
    customers: z.number().int(),
    bands: z.object({ low: z.number().int(), medium: z.number().int(), high: z.number().int() }),
    ms: z.number().int(),
  })
  .meta({ id: 'ChurnRun' });

export function churnRoutes(app: HttpServer, ctx: AppContext) {
  app.get(
    '/api/v1/analytics/customers/:id/churn',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags,
        summary: 'A customer’s churn risk: score 0..100, band, the strongest reasons in the request language, signals not measured',
        params: idParams,
        response: { 200: churnSchema },
      },
    },
    (req) => req.tenant((tx) => customerChurn(tx, ctx, req.params.id, req.locale)),
  );
  app.get(
    '/api/v1/analytics/churn',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags,
        summary: 'Customers by churn risk, highest first (store roles: customers who bought in their stores)',
        querystring: z.object({ band: band.optional(), ...brandQuery, ...pageQuery }).strict(),
        response: { 200: pageOf(atRiskSchema) },
      },
    },
    (req) =>
      req.tenant((tx) =>
        listChurn(tx, ctx, req.query, {
          storeIds: req.auth!.storeIds,
          masked: !req.auth!.permissions.has('pii.read'),
          locale: req.locale,
        }),
      ),
  );
  app.get(
    '/api/v1/analytics/churn/summary',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags,
        summary: 'Customers per churn risk band (the KPI dashboard’s churn-risk counts)',
        querystring: z.object(brandQuery).strict(),
        response: { 200: summarySchema },
      },
    },
    (req) => req.tenant((tx) => churnSummary(tx, req.query, req.auth!.storeIds)),
  );
  app.post(
    '/api/v1/analytics/churn/run',
    {
      config: { permission: 'analytics.manage' },
      schema: {
        tags,
        summary: 'Compute every customer’s churn risk now (it also runs nightly and after each CLV fit)',
        body: z
          .object({ asOf: z.iso.date().optional().describe('default: today in the org’s time zone') })
          .strict()
          .optional(),
        response: { 200: runSchema },
      },
    },
    (req) => req.tenant((tx) => computeChurn(tx, churnSignals(ctx), { asOf: req.body?.asOf })),
  );
}
