import { z } from 'zod';
import { isoDate } from '../../../platform/http/schemas';
import { FIELD_GROUPS } from '../registry';
import { MAX_CONDITIONS, MAX_DEPTH } from '../rule';
import { VALUE_TYPES } from '../values';

/** The three segments of the seed, as rule JSON (also the OpenAPI examples and docs/segments.md). */
export const EXAMPLE_RULES = {
  weekdayMorningOrganic: {
    op: 'and',
    rules: [
      { field: 'bought_category', operator: 'any_of', value: ['Organik'], withinDays: 90 },
      { field: 'weekday_hours_share', operator: 'gte', value: 50, from: '09:00', to: '11:00', withinDays: 90 },
    ],
  },
  diapersNotFormula: {
    op: 'and',
    rules: [
      { field: 'bought_category', operator: 'any_of', value: ['Bebek Bezi'], withinDays: 30 },
      { field: 'bought_category', operator: 'none_of', value: ['Bebek Maması'] },
    ],
  },
  meatPromotionWithoutVegans: {
    op: 'and',
    rules: [
      { field: 'consent', operator: 'granted', value: 'sms' },
      { op: 'not', rule: { field: 'bought_category', operator: 'only', value: ['Vegan'], withinDays: 180 } },
    ],
  },
};

/**
 * The rule tree is validated by the segments module itself (rule.ts), so a bad node is a 400
 * `segment_invalid_rule` with its path (`rules[1].rules[0].operator`) rather than a schema error.
 */
export const ruleSchema = z
  .record(z.string(), z.unknown())
  .describe(
    `A rule tree. Groups: { "op": "and" | "or", "rules": [ … ] }; negation: { "op": "not", "rule": { … } }; ` +
      `conditions: { "field": "<key>", "operator": "<operator>", "value": …, …the field's params such as "withinDays" } ` +
      `(fields, operators, value types and params: GET /api/v1/segments/fields). At most ${MAX_DEPTH} levels and ${MAX_CONDITIONS} conditions. ` +
      'A bad node is a 400 `segment_invalid_rule` whose `path` names it, e.g. `rules[1].rules[0].operator`.',
  )
  .meta({ id: 'SegmentRule', examples: Object.values(EXAMPLE_RULES) });

export const kindSchema = z.enum(['dynamic', 'static']);

export const segmentSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    kind: kindSchema,
    rule: ruleSchema.nullable(),
    brandId: z.uuid().nullable(),
    frozenFrom: z.uuid().nullable().describe('the dynamic segment a static snapshot was frozen from'),
    memberCount: z.number().int().describe('members at the last refresh (static: the list)'),
    refreshedAt: isoDate.nullable(),
    createdAt: isoDate,
    updatedAt: isoDate,
  })
  .meta({ id: 'Segment' });

const name = z.string().trim().min(1).max(120);
const description = z.string().trim().max(1000).nullable();

export const segmentInput = z
  .object({
    name,
    description: description.optional(),
    kind: kindSchema.default('dynamic'),
    rule: ruleSchema.optional().describe('required for dynamic segments; on a static one, the snapshot taken now'),
    brandId: z.uuid().nullable().optional(),
  })
  .strict();

export const segmentPatch = z
  .object({
    name: name.optional(),
    description: description.optional(),
    rule: ruleSchema.optional().describe('dynamic segments only; re-evaluated at once'),
    brandId: z.uuid().nullable().optional(),
  })
  .strict();

export const memberSchema = z
  .object({
    customerId: z.uuid(),
    name: z.string().nullable(),
    phone: z.string().nullable().describe('masked without pii.read'),
    city: z.string().nullable(),
    lastPurchase: z.iso.date().nullable(),
  })
  .meta({ id: 'SegmentMember' });

export const previewSchema = z
  .object({ count: z.number().int(), sample: z.array(memberSchema).describe('up to 20 matching customers, newest first') })
  .meta({ id: 'SegmentPreview' });

export const refreshSchema = z
  .object({ entered: z.number().int(), exited: z.number().int(), members: z.number().int(), segment: segmentSchema })
  .meta({ id: 'SegmentRefresh' });

export const uploadSchema = z
  .object({
    rows: z.number().int().describe('phones read'),
    matched: z.number().int().describe('distinct phones of live customers, added to the list'),
    unknown: z.number().int().describe('valid phones no live customer has'),
    invalid: z.number().int().describe('cells that are not a phone number'),
    duplicates: z.number().int().describe('repeated phones'),
    members: z.number().int().describe('the list’s size now'),
  })
  .meta({ id: 'SegmentUpload' });

export const uploadJson = z
  .object({
    csv: z.string().max(5_000_000).optional().describe('CSV text: the first cell of each row is a phone; a header row is skipped'),
    phones: z.array(z.string().max(40)).max(100_000).optional(),
    replace: z.boolean().optional().describe('empty the list first (default: add)'),
  })
  .strict();

const label = z.string();
export const fieldSchema = z
  .object({
    key: z.string(),
    group: z.enum(FIELD_GROUPS),
    label,
    operators: z.array(z.object({ key: z.string(), label, valueType: z.enum(VALUE_TYPES) })),
    params: z.array(z.object({ key: z.string(), label, type: z.enum(VALUE_TYPES), required: z.boolean() })),
    options: z
      .array(z.object({ value: z.string(), label }))
      .nullable()
      .describe('allowed or suggested values (stores, categories, tiers…)'),
  })
  .meta({ id: 'SegmentField' });
