import { z } from 'zod';
import { pageOf, pageQuery } from '../../../platform/http/pagination';
import { isoDate } from '../../../platform/http/schemas';
import type { HttpServer } from '../../../platform/http/server';
import { MAX_BASKETS, MIN_RULE_COUNT } from '../basket';
import { basketPairs } from '../basket-pairs';
import { clvDistribution } from '../clv-distribution';
import { RFM_SEGMENTS } from '../engine';
import { listRfmRuns, rfmMembers } from '../rfm-members';

const tags = ['analytics'];
const brand = z.string().max(60).optional().describe('brand id or code (default: the whole org)');
const segment = z.enum(RFM_SEGMENTS);
const frequency = z.enum(['days', 'receipts']);

const runFields = {
  id: z.uuid(),
  brandId: z.uuid().nullable(),
  asOf: z.iso.date(),
  windowMonths: z.number().int(),
  frequency,
  customers: z.number().int(),
  changed: z.number().int(),
  ms: z.number().int(),
  createdAt: isoDate,
};

const rfmRunListItem = z
  .object({
    ...runFields,
    segments: z.record(z.string(), z.number().int()).describe('customers per segment'),
    scoresKept: z.boolean().describe('false: an old run with totals only (no members, no migration)'),
  })
  .meta({ id: 'RfmRunListItem' });

const rfmMembersSchema = z
  .object({
    run: z.object(runFields).nullable().describe('the run listed (null: no run in the scope yet)'),
    items: z.array(
      z.object({
        customerId: z.uuid(),
        firstName: z.string().nullable(),
        lastName: z.string().nullable(),
        phone: z.string().nullable().describe('masked without pii.read'),
        status: z.enum(['active', 'merged', 'anonymized']),
        recencyDays: z.number().int(),
        frequency: z.number().int(),
        monetary: z.number().int().describe('net spend in the window, minor units'),
        r: z.number().int(),
        f: z.number().int(),
        m: z.number().int(),
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'RfmMembers' });

const bucket = z.object({ from: z.number(), to: z.number().nullable().describe('null: open-ended'), customers: z.number().int() });

const clvDistributionSchema = z
  .object({
    fit: z
      .object({
        id: z.uuid(),
        brandId: z.uuid().nullable(),
        calibrationEnd: z.iso.date(),
        horizonMonths: z.number().int(),
        createdAt: isoDate,
      })
      .nullable(),
    customers: z.number().int(),
    totalClv: z.number().int().describe('minor units'),
    averagePAlive: z.number().nullable(),
    clv: z.object({
      step: z.number().int().describe('bucket width, minor units'),
      buckets: z.array(bucket).describe('minor units, [from, to)'),
    }),
    pAlive: z.object({ buckets: z.array(bucket).describe('tenths, [from, to); 1 falls in the last') }),
  })
  .meta({ id: 'ClvDistribution' });

const pairItem = z.object({ name: z.string(), sku: z.string().nullable().optional(), productId: z.uuid().nullable().optional() });

const basketPairsSchema = z
  .object({
    baskets: z.number().int(),
    minCount: z.number().int(),
    total: z.number().int().describe('every pair passing the thresholds'),
    pairs: z.array(
      z.object({
        a: pairItem,
        b: pairItem,
        count: z.number().int().describe('baskets holding both'),
        support: z.number(),
        lift: z.number(),
        confidenceAB: z.number().describe('share of the baskets with a that hold b'),
        confidenceBA: z.number().describe('share of the baskets with b that hold a'),
      }),
    ),
  })
  .meta({ id: 'BasketPairs' });

const pairsQuery = z
  .object({
    level: z.enum(['item', 'category', 'brand']).default('item'),
    minSupport: z.coerce.number().gt(0).max(1).default(0.01).describe('fraction of the baskets, in (0, 1]'),
    minLift: z.coerce.number().min(0).max(1000).default(1.5).describe('at least this many times chance'),
    storeCode: z.string().max(50).optional(),
    brand: z.string().max(60).optional().describe('brand id or code: receipts of its stores'),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

/** Read-only reports behind the RFM, CLV and basket screens. */
export function reportRoutes(app: HttpServer) {
  app.get(
    '/api/v1/analytics/rfm/runs',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags,
        summary: 'RFM runs of the org or a brand, latest first (to pick two for the migration matrix)',
        querystring: z.object({ ...pageQuery, brand }).strict(),
        response: { 200: pageOf(rfmRunListItem) },
      },
    },
    (req) => req.tenant((tx) => listRfmRuns(tx, req.query)),
  );
  app.get(
    '/api/v1/analytics/rfm/customers',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags,
        summary: 'The customers of one RFM segment in the latest run of the org or a brand (or `run`), highest net spend first',
        description:
          'Contact details are masked without `pii.read`; store roles see the members who bought in their stores in the run’s window.',
        querystring: z.object({ ...pageQuery, limit: pageQuery.limit.default(25), segment, brand, run: z.uuid().optional() }).strict(),
        response: { 200: rfmMembersSchema },
      },
    },
    (req) =>
      req.tenant((tx) => rfmMembers(tx, req.query, { storeIds: req.auth!.storeIds, masked: !req.auth!.permissions.has('pii.read') })),
  );
  app.get(
    '/api/v1/analytics/clv/distribution',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags,
        summary: 'Histograms of CLV (kuruş, round bucket widths) and P(alive) (tenths) in the latest fit of the org or a brand',
        querystring: z.object({ brand }).strict(),
        response: { 200: clvDistributionSchema },
      },
    },
    (req) => req.tenant((tx) => clvDistribution(tx, req.query)),
  );
  app.get(
    '/api/v1/analytics/basket/pairs',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags,
        summary: 'Planogram report: pairs bought together (lift ≥ `minLift`, support ≥ `minSupport`), each pair once with both confidences',
        description: `At most ${MAX_BASKETS.toLocaleString('en')} receipts are mined (422 \`too_many_baskets\`); a support allowing pairs of fewer than ${MIN_RULE_COUNT} baskets is a 422 \`support_too_low\`. Store roles see their stores only.`,
        querystring: pairsQuery,
        response: { 200: basketPairsSchema },
      },
    },
    (req) => req.tenant((tx) => basketPairs(tx, req.query, req.auth!.storeIds)),
  );
}
