import { z } from 'zod';
import { isoDate, text } from '../../../platform/http/schemas';
import { MAX_VARIANTS, WINNER_METRICS } from '../engine/split';
import { CAMPAIGN_STATUSES } from '../schema';

const percent = z.number().min(0).max(100);

export const campaignInput = z
  .object({
    name: text(120),
    description: z.string().trim().max(1000).nullish(),
    channel: z.enum(['sms', 'email', 'whatsapp']),
    brandId: z.uuid().nullish(),
    includeSegments: z.array(z.uuid()).max(20).describe('customers in any of these segments'),
    excludeSegments: z.array(z.uuid()).max(20).optional().describe('minus customers in any of these'),
    variants: z
      .array(z.object({ key: z.string().trim().min(1).max(20), templateId: z.uuid(), percent }).strict())
      .min(1)
      .max(MAX_VARIANTS)
      .describe('each variant’s share of the whole audience, percent; without an A/B test they and the control add up to 100'),
    controlPercent: percent.max(50).optional().describe('held out at random and never messaged: the baseline of the uplift'),
    abTest: z
      .object({
        winnerMetric: z.enum(WINNER_METRICS),
        decideAfterHours: z.number().int().min(1).max(336),
      })
      .strict()
      .nullish()
      .describe('the variants are a test; the best by this metric after this many hours goes to everyone left'),
    scheduledAt: z.coerce.date().nullish().describe('null: when sent'),
    throttlePerHour: z.number().int().min(1).max(1_000_000).nullish(),
    attribution: z
      .object({ days: z.number().int().min(1).max(90), model: z.enum(['last_touch', 'first_touch']) })
      .strict()
      .optional()
      .describe('a purchase within this many days after a delivered message converts (default 7 days, last touch)'),
    couponCampaignId: z
      .uuid()
      .nullish()
      .describe('a personal-coupon campaign of the loyalty module: each messaged customer gets a code, {{couponCode}}'),
  })
  .strict();

export const campaignSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    status: z.enum(CAMPAIGN_STATUSES),
    channel: z.enum(['sms', 'email', 'whatsapp']),
    brandId: z.uuid().nullable(),
    includeSegments: z.array(z.uuid()),
    excludeSegments: z.array(z.uuid()),
    variants: z.array(z.object({ key: z.string(), templateId: z.uuid(), percent: z.number() })),
    controlPercent: z.number(),
    abTest: z.object({ winnerMetric: z.enum(WINNER_METRICS), decideAfterHours: z.number().int() }).nullable(),
    winner: z.string().nullable(),
    scheduledAt: isoDate.nullable(),
    throttlePerHour: z.number().int().nullable(),
    attribution: z.object({ days: z.number().int(), model: z.enum(['last_touch', 'first_touch']) }),
    couponCampaignId: z.uuid().nullable(),
    preset: z.string().nullable(),
    counts: z
      .object({
        audience: z.number().int(),
        groups: z
          .record(z.string(), z.number().int())
          .describe('customers per group: control, each variant, rest (waiting for the winner)'),
        queued: z.number().int(),
        skipped: z.record(z.string(), z.number().int()).describe('recipients the compliance checks refused, by reason'),
      })
      .nullable(),
    runId: z.uuid().nullable().describe('the send job’s run (progress)'),
    startedAt: isoDate.nullable(),
    decidedAt: isoDate.nullable(),
    createdAt: isoDate,
    updatedAt: isoDate,
  })
  .meta({ id: 'Campaign' });

const interval = z.object({ low: z.number(), high: z.number() });

export const reportSchema = z
  .object({
    campaign: campaignSchema,
    started: z.boolean(),
    attribution: z.object({ days: z.number().int(), model: z.string(), until: isoDate }).optional(),
    totals: z
      .object({
        audience: z.number().int(),
        control: z.number().int(),
        waiting: z.number().int().describe('customers waiting for the A/B winner'),
        skippedByReason: z.record(z.string(), z.number().int()),
        queued: z.number().int(),
        sent: z.number().int(),
        delivered: z.number().int(),
        failed: z.number().int(),
        opened: z.number().int(),
        clicked: z.number().int(),
        converted: z.number().int().describe('customers with an attributed purchase'),
        revenue: z.number().int().describe('attributed net revenue, kuruş'),
        cost: z.number().int().describe('kuruş'),
      })
      .optional(),
    variants: z
      .array(
        z.object({
          key: z.string(),
          templateId: z.uuid(),
          recipients: z.number().int(),
          queued: z.number().int(),
          sent: z.number().int(),
          delivered: z.number().int(),
          failed: z.number().int(),
          skipped: z.number().int(),
          opened: z.number().int(),
          clicked: z.number().int(),
          converted: z.number().int(),
          purchases: z.number().int(),
          revenue: z.number().int(),
          cost: z.number().int(),
        }),
      )
      .optional(),
    uplift: z
      .object({
        treated: z.object({ customers: z.number().int(), converted: z.number().int(), revenue: z.number().int() }),
        control: z.object({ customers: z.number().int(), converted: z.number().int(), revenue: z.number().int() }),
        treatmentRate: z.number(),
        controlRate: z.number(),
        difference: z.number(),
        differenceInterval: interval.describe('95 % (Newcombe hybrid score)'),
        relative: z.number().nullable(),
        pValue: z.number(),
        significant: z.boolean(),
        incrementalRevenue: z.number().int().nullable().describe('(revenue per treated − per control customer) × treated, kuruş'),
        roi: z.number().nullable().describe('(incremental revenue − cost) / cost'),
      })
      .optional()
      .describe('intent to treat: every customer of the messaged groups against the control group, purchases in the attribution window'),
    daily: z.array(z.object({ day: z.number().int(), control: z.boolean(), converted: z.number().int() })).optional(),
  })
  .meta({ id: 'CampaignReport' });

export const statusQuery = z.enum(CAMPAIGN_STATUSES);

export const presetSchema = z
  .object({
    key: z.string(),
    name: z.string(),
    description: z.string(),
    rfm: z.array(z.string()).describe('the RFM segments of the audience'),
  })
  .meta({ id: 'CampaignPreset' });

export const estimateInput = campaignInput.pick({
  channel: true,
  includeSegments: true,
  excludeSegments: true,
  controlPercent: true,
  brandId: true,
});

export const estimateSchema = z
  .object({
    audience: z.number().int(),
    control: z.number().int(),
    sampled: z.number().int().describe('customers the checks ran on'),
    exact: z.boolean().describe('false: the counts are scaled from a sample (or the control group is drawn at send)'),
    reachable: z.number().int(),
    skipped: z.record(z.string(), z.number().int()),
  })
  .meta({ id: 'CampaignEstimate' });
