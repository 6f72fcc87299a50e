import { z } from 'zod';
import { isoDate } from '../../../platform/http/schemas';
import { RFM_SEGMENTS } from '../engine';

export const fitBody = z
  .object({
    calibrationEnd: z.iso.date().optional().describe('last business day of the calibration period; default today (org time zone)'),
    timeUnit: z.enum(['day', 'week']).default('week'),
    brand: z.string().max(60).optional().describe('brand id or code: purchases in its stores only'),
    horizon: z.number().int().min(1).max(120).optional().describe('months to predict over (default 12)'),
    discountRate: z.number().min(0).max(1).optional().describe('per month (default 0.01)'),
    background: z.boolean().optional().describe('run as a job even when the data is small'),
  })
  .strict();

const holdoutPeriod = z.object({
  period: z.number().int().describe('1 = the first period after the calibration end'),
  actual: z.number().int().describe('repeat purchase days of the fitted customers'),
  predicted: z.number().describe('Σ E[Y(k)] − E[Y(k − 1)] over the fitted customers'),
});

export const fitSchema = z
  .object({
    id: z.uuid(),
    brandId: z.uuid().nullable(),
    timeUnit: z.enum(['day', 'week']),
    calibrationEnd: z.iso.date(),
    holdoutEnd: z.iso.date().nullable().describe('last purchase day after the calibration (null: no holdout)'),
    horizonMonths: z.number().int(),
    discountRate: z.number(),
    customers: z.number().int().describe('customers whose first purchase is in the calibration period'),
    repeaters: z.number().int().describe('customers with a repeat purchase of positive value (Gamma-Gamma)'),
    bgnbd: z
      .object({ r: z.number(), alpha: z.number(), a: z.number(), b: z.number(), logLikelihood: z.number(), converged: z.boolean() })
      .describe('α in the time unit'),
    gammaGamma: z
      .object({ p: z.number(), q: z.number(), gamma: z.number(), logLikelihood: z.number(), converged: z.boolean() })
      .describe('γ in major currency units (TL)'),
    holdout: z.object({ periods: z.array(holdoutPeriod) }).nullable(),
    totals: z.object({
      expectedPurchases: z.number().describe('over the horizon, all customers'),
      expectedAlive: z.number().describe('Σ P(alive)'),
      clv: z.number().int().describe('minor units'),
    }),
    timings: z.record(z.string(), z.number()).describe('milliseconds per step'),
    createdAt: isoDate,
  })
  .meta({ id: 'ClvFit' });

export const customerScoresSchema = z
  .object({
    customerId: z.uuid(),
    scores: z.array(
      z.object({
        fitId: z.uuid(),
        brandId: z.uuid().nullable(),
        timeUnit: z.enum(['day', 'week']),
        calibrationEnd: z.iso.date(),
        horizonMonths: z.number().int(),
        fittedAt: isoDate,
        x: z.number().int().describe('repeat purchase days in the calibration'),
        tx: z.number(),
        t: z.number(),
        meanRepeatValue: z.number().int().describe('minor units'),
        pAlive: z.number(),
        expectedPurchases: z.number().describe('over the horizon'),
        expectedAverageValue: z.number().int().describe('minor units'),
        clv: z.number().int().describe('minor units, discounted'),
      }),
    ),
  })
  .meta({ id: 'CustomerClvScores' });

/** Thresholds and selection of basket mining; in a query string numbers arrive as text. */
const mining = (num: typeof z.number | typeof z.coerce.number) => ({
  minSupport: num().gt(0).max(1).default(0.01).describe('fraction of the baskets, in (0, 1]'),
  minConfidence: num().min(0).max(1).default(0.5),
  maxLength: num().int().min(2).max(10).default(10).describe('longest itemset, antecedent plus consequent'),
  storeCode: z.string().max(50).optional(),
  brand: z.string().max(60).optional().describe('brand id or code: receipts of its stores'),
  from: z.iso.date().optional().describe('first business day, inclusive'),
  to: z.iso.date().optional().describe('last business day, inclusive'),
});
const topN = (num: typeof z.number | typeof z.coerce.number) => num().int().min(1).max(100).default(10);

export const rulesQuery = z
  .object({
    ...mining(z.coerce.number),
    level: z.enum(['item', 'category', 'brand']).default('item'),
    sort: z.enum(['lift', 'confidence', 'support', 'count']).default('lift'),
    limit: z.coerce.number().int().min(1).max(1000).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

export const togetherQuery = z
  .object({
    ...mining(z.coerce.number),
    productId: z.uuid().optional(),
    sku: z.string().max(64).optional(),
    limit: topN(z.coerce.number),
  })
  .strict();

export const togetherBody = z
  .object({
    ...mining(z.number),
    skus: z.array(z.string().max(64)).max(200).default([]),
    productIds: z.array(z.uuid()).max(200).default([]),
    limit: topN(z.number),
  })
  .strict();

const basketItem = z
  .object({
    name: z.string(),
    sku: z.string().nullable().optional(),
    productId: z.uuid().nullable().optional(),
  })
  .meta({ id: 'BasketItem' });

export const basketRulesSchema = z
  .object({
    baskets: z.number().int().describe('receipts mined (with at least one item at the level)'),
    minCount: z.number().int().describe('baskets a rule needed'),
    total: z.number().int().describe('every rule passing the thresholds'),
    rules: z.array(
      z.object({
        antecedent: z.array(basketItem),
        consequent: z.array(basketItem),
        support: z.number(),
        confidence: z.number(),
        lift: z.number(),
        count: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'BasketRules' });

export const togetherSchema = z
  .object({
    baskets: z.number().int(),
    items: z.array(
      z.object({
        product: basketItem,
        because: z.array(basketItem).describe('what in the basket the rule starts from'),
        confidence: z.number(),
        lift: z.number(),
        count: z.number().int(),
        reason: z.string(),
      }),
    ),
  })
  .meta({ id: 'BoughtTogether' });

const segment = z.enum(RFM_SEGMENTS);
const rfmGrid = z.array(z.array(segment).length(5)).length(5).describe('grid[R − 1][FM − 1]: the segment of each cell');

export const rfmSettingsPatch = z
  .object({
    grid: rfmGrid.optional(),
    windowMonths: z.number().int().min(1).max(60).optional(),
    frequency: z.enum(['days', 'receipts']).optional().describe('purchase days, or receipts and orders'),
  })
  .strict();

export const rfmSettingsSchema = z
  .object({
    grid: rfmGrid,
    defaultGrid: rfmGrid.describe('the engine’s grid, for “reset to default”'),
    windowMonths: z.number().int(),
    frequency: z.enum(['days', 'receipts']),
    segments: z.array(z.object({ segment, action: z.string() })),
  })
  .meta({ id: 'RfmSettings' });

export const rfmRunBody = z
  .object({
    brand: z.string().max(60).optional().describe('brand id or code: purchases in its stores'),
    asOf: z.iso.date().optional().describe('the last day of the window (default today, org time zone)'),
  })
  .strict();

const rfmRun = z
  .object({
    id: z.uuid(),
    brandId: z.uuid().nullable(),
    asOf: z.iso.date(),
    windowMonths: z.number().int(),
    frequency: z.enum(['days', 'receipts']),
    customers: z.number().int(),
    changed: z.number().int().describe('customers whose segment changed since the previous run of the scope'),
    ms: z.number().int(),
    createdAt: isoDate,
  })
  .meta({ id: 'RfmRun' });

export const rfmRunResponse = z.object({ run: rfmRun.nullable().describe('null: nobody bought in the window, nothing stored') });

export const rfmDistributionSchema = z
  .object({
    run: rfmRun.nullable(),
    segments: z.array(
      z.object({
        segment,
        customers: z.number().int(),
        share: z.number(),
        monetary: z.number().int().describe('net spend in the window, minor units'),
        averageRecencyDays: z.number().nullable(),
        averageFrequency: z.number().nullable(),
        action: z.string().describe('the recommended action'),
      }),
    ),
    grid: z.array(z.object({ r: z.number().int(), fm: z.number().int(), segment, customers: z.number().int() })),
  })
  .meta({ id: 'RfmDistribution' });

export const rfmMigrationSchema = z
  .object({
    from: rfmRun.nullable(),
    to: rfmRun.nullable(),
    matrix: z.array(z.object({ from: segment, to: segment, customers: z.number().int() })),
    entered: z.number().int().describe('customers scored only in `to`'),
    left: z.number().int().describe('customers scored only in `from`'),
  })
  .meta({ id: 'RfmMigration' });
