import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import * as schemas from './schemas';

const base = { id: 'p', label: 'Kampanya', priority: 0, stackable: true, exclusive: false };
const valid = {
  percent: { ...base, kind: 'percent_off', target: { categories: [['Bebek']] }, percent: 15 },
  nForM: { ...base, kind: 'n_for_m', target: { skus: ['SUT-1L'] }, n: 3, m: 2 },
  threshold: { ...base, kind: 'basket_threshold', steps: [{ threshold: 50000, reward: { type: 'amount_off', amount: 5000 } }] },
};
const accepts = (schema: z.ZodType, value: unknown) => schema.safeParse(value).success;

describe('promotion schema', () => {
  it('accepts well-formed definitions', () => {
    for (const p of Object.values(valid)) expect(accepts(schemas.promotionSchema, p)).toBe(true);
  });

  it.each([
    ['unknown kind', { ...valid.percent, kind: 'free_lunch' }],
    ['missing kind', { ...base, target: {}, percent: 10 }],
    ['typo in a key', { ...valid.percent, stackabel: true }],
    ['zero percent', { ...valid.percent, percent: 0 }],
    ['over 100 percent', { ...valid.percent, percent: 101 }],
    ['three decimals', { ...valid.percent, percent: 12.345 }],
    ['m not below n', { ...valid.nForM, m: 3 }],
    ['fractional n', { ...valid.nForM, n: 2.5 }],
    ['float money', { ...valid.threshold, steps: [{ threshold: 499.9, reward: { type: 'amount_off', amount: 50 } }] }],
    ['negative money', { ...valid.percent, maxDiscount: -100 }],
    ['amount off above its threshold', { ...valid.threshold, steps: [{ threshold: 1000, reward: { type: 'amount_off', amount: 2000 } }] }],
    [
      'steps not increasing',
      {
        ...valid.threshold,
        steps: [
          { threshold: 2000, reward: { type: 'bonus_points', points: 10 } },
          { threshold: 1000, reward: { type: 'bonus_points', points: 5 } },
        ],
      },
    ],
    ['unknown reward', { ...valid.threshold, steps: [{ threshold: 1000, reward: { type: 'free_gift' } }] }],
    ['empty bundle', { ...base, kind: 'bundle_price', items: [], price: 1000 }],
    ['weekday 0', { ...valid.percent, conditions: { weekdays: [0] } }],
    ['weekday 8', { ...valid.percent, conditions: { weekdays: [8] } }],
    ['bad hour', { ...valid.percent, conditions: { hours: [{ from: '25:00', to: '26:00' }] } }],
    ['empty hour window', { ...valid.percent, conditions: { hours: [{ from: '10:00', to: '10:00' }] } }],
    ['impossible date', { ...valid.percent, conditions: { validFrom: '2025-02-30' } }],
    ['instant instead of local time', { ...valid.percent, conditions: { validFrom: '2025-02-01T10:00:00Z' } }],
    ['end before start', { ...valid.percent, conditions: { validFrom: '2025-03-10', validUntil: '2025-03-09' } }],
    ['empty tier list', { ...valid.percent, conditions: { tiers: [] } }],
    ['unknown condition', { ...valid.percent, conditions: { weather: 'sunny' } }],
    ['empty id', { ...valid.percent, id: ' ' }],
    ['fractional priority', { ...valid.percent, priority: 1.5 }],
    ['unknown selector key', { ...valid.percent, target: { sku: ['X'] } }],
  ])('rejects %s', (_, def) => {
    expect(accepts(schemas.promotionSchema, def)).toBe(false);
  });

  it('accepts a one-day window given as date-times and an end date equal to the start', () => {
    expect(accepts(schemas.promotionSchema, { ...valid.percent, conditions: { validFrom: '2025-03-10', validUntil: '2025-03-10' } })).toBe(
      true,
    );
    expect(accepts(schemas.promotionSchema, { ...valid.percent, conditions: { hours: [{ from: '22:00', to: '24:00' }] } })).toBe(true);
  });

  it('refuses duplicate ids in a list', () => {
    expect(accepts(schemas.promotionListSchema, [valid.percent, valid.percent])).toBe(false);
  });
});

describe('other definitions', () => {
  const program = { earn: { rate: { points: 1, per: 100 } }, burn: { points: 100, value: 100 } };
  it.each([
    ['points program without burn', schemas.pointsProgramSchema, { earn: program.earn }],
    ['zero rate', schemas.pointsProgramSchema, { ...program, earn: { rate: { points: 0, per: 100 } } }],
    ['min above max', schemas.pointsProgramSchema, { ...program, burn: { ...program.burn, minPoints: 500, maxPoints: 100 } }],
    [
      'time multiplier with no time',
      schemas.pointsProgramSchema,
      { ...program, earn: { ...program.earn, multipliers: [{ id: 'm', dimension: 'time', factor: 2 }] } },
    ],
    [
      'factor with three decimals',
      schemas.pointsProgramSchema,
      { ...program, earn: { ...program.earn, multipliers: [{ id: 'm', dimension: 'sku', factor: 1.125, skus: ['A'] }] } },
    ],
    ['expiry of 0 months', schemas.pointsProgramSchema, { ...program, expiry: { months: 0, monthEnd: false } }],
    [
      'duplicate tier codes',
      schemas.tierListSchema,
      [
        { code: 'A', threshold: 0 },
        { code: 'A', threshold: 10 },
      ],
    ],
    [
      'equal tier thresholds',
      schemas.tierListSchema,
      [
        { code: 'A', threshold: 0 },
        { code: 'B', threshold: 0 },
      ],
    ],
    ['personal coupon without customer', schemas.couponSchema, { code: 'X', kind: 'personal', effect: valid.percent }],
    ['coupon of unknown kind', schemas.couponSchema, { code: 'X', kind: 'gift', effect: valid.percent }],
    ['lower-case alphabet', schemas.codeFormatSchema, { length: 8, alphabet: 'abc' }],
    ['repeated alphabet symbols', schemas.codeFormatSchema, { length: 8, alphabet: 'AAB' }],
    ['stamp card needing 0 stamps', schemas.stampCardSchema, { id: 's', name: 'S', qualifying: {}, stampsNeeded: 0, per: 'line' }],
    ['earn entry with negative points', schemas.ledgerEntrySchema, { id: 'e', type: 'earn', points: -5, occurredAt: new Date() }],
    ['burn entry with positive points', schemas.ledgerEntrySchema, { id: 'e', type: 'burn', points: 5, occurredAt: new Date() }],
    [
      'issue rule requiring a coupon',
      schemas.couponIssueRuleSchema,
      {
        id: 'r',
        label: 'R',
        trigger: { target: {} },
        conditions: { couponCodes: ['X'] },
        coupon: { effect: valid.percent, validity: { startsInDays: 1, days: 14 } },
      },
    ],
  ])('rejects %s', (_, schema, value) => {
    expect(accepts(schema as z.ZodType, value)).toBe(false);
  });

  it('validates baskets', () => {
    const line = { lineId: 'l1', sku: 'A', categoryPath: [], brand: null, quantity: 1.5, unitPrice: 4990 };
    const b = { lines: [line], storeCode: 'IST-01', channel: 'store', at: new Date(), timeZone: 'Europe/Istanbul', customer: null };
    expect(accepts(schemas.basketSchema, b)).toBe(true);
    expect(accepts(schemas.basketSchema, { ...b, timeZone: 'Mars/Olympus' })).toBe(false);
    expect(accepts(schemas.basketSchema, { ...b, lines: [line, line] })).toBe(false);
    expect(accepts(schemas.basketSchema, { ...b, lines: [{ ...line, quantity: 1.2345 }] })).toBe(false);
    expect(accepts(schemas.basketSchema, { ...b, lines: [{ ...line, unitPrice: 49.9 }] })).toBe(false);
    expect(accepts(schemas.basketSchema, { ...b, lines: [{ ...line, quantity: 0 }] })).toBe(false);
  });
});

describe('docs/loyalty-engine.md', () => {
  it('has examples that the schemas accept', () => {
    const doc = readFileSync(new URL('../../../../../docs/loyalty-engine.md', import.meta.url), 'utf8');
    const examples = [...doc.matchAll(/<!-- schema: (\w+) -->\s*```json\n([\s\S]*?)```/g)];
    expect(examples.length).toBeGreaterThanOrEqual(10);
    for (const [, name, json] of examples) {
      const schema = (schemas as unknown as Record<string, z.ZodType>)[name as string];
      expect(schema, name).toBeDefined();
      const parsed = schema?.safeParse(JSON.parse(json as string));
      expect(parsed?.success, `${name}: ${JSON.stringify(parsed?.error?.issues)}`).toBe(true);
    }
  });
});
