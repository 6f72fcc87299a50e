import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { normalizeCode } from './codes';
import { couponPromotion, DEFAULT_CODE_ALPHABET, generateCodes, issueCoupons, validateCoupon } from './coupons';
import { evaluatePromotions } from './promotions/evaluate';
import { type Coupon, couponIssueRuleSchema, couponSchema } from './schemas';
import { basket, customer, line, prng } from './test-support';

const seededBytes = (seed: number) => {
  const r = prng(seed);
  return (n: number) => Uint8Array.from({ length: n }, () => r.int(0, 255));
};

describe('generateCodes', () => {
  it('makes 100,000 distinct codes quickly', () => {
    const started = performance.now();
    const codes = generateCodes(100_000, { length: 10, prefix: 'BHR' }, randomBytes);
    const ms = performance.now() - started;
    console.log(`generateCodes: 100,000 codes of 10 symbols in ${ms.toFixed(0)} ms`);
    expect(codes).toHaveLength(100_000);
    expect(new Set(codes).size).toBe(100_000);
    const shape = new RegExp(`^BHR[${DEFAULT_CODE_ALPHABET}]{10}$`);
    expect(codes.every((c) => shape.test(c))).toBe(true);
    // no look-alikes
    expect(codes.some((c) => /[01OI]/.test(c.slice(3)))).toBe(false);
  });

  it('is deterministic for a given random source and skips existing codes', () => {
    const a = generateCodes(50, { length: 8 }, seededBytes(1));
    expect(generateCodes(50, { length: 8 }, seededBytes(1))).toEqual(a);
    const existing = new Set(a.slice(0, 10));
    const b = generateCodes(50, { length: 8 }, seededBytes(1), existing);
    expect(b.some((c) => existing.has(c))).toBe(false);
    expect(b).toHaveLength(50);
  });

  it('draws every symbol about equally (rejection sampling, no modulo bias)', () => {
    const counts = new Map<string, number>();
    for (const c of generateCodes(3000, { length: 10, alphabet: 'ABCDEFG' }, seededBytes(5)))
      for (const ch of c) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    const expected = 30_000 / 7;
    for (const n of counts.values()) expect(Math.abs(n - expected) / expected).toBeLessThan(0.05);
  });

  it('refuses a code space too small for the request', () => {
    expect(() => generateCodes(10_000, { length: 4, alphabet: 'AB' }, randomBytes)).toThrow(RangeError);
  });
});

describe('normalizeCode', () => {
  it('upper-cases Turkish-safely and strips spaces and dashes', () => {
    expect(normalizeCode('yılbaşı-2025')).toBe('YILBASI2025');
    expect(normalizeCode('YILBAŞI 2025')).toBe('YILBASI2025');
    expect(normalizeCode('  yilbasi – 2025 ')).toBe('YILBASI2025');
    expect(normalizeCode('İNDİRİM')).toBe('INDIRIM');
    expect(normalizeCode('i̇ndi̇ri̇m')).toBe('INDIRIM'); // İ lower-cased without the Turkish locale: i + combining dot
    expect(normalizeCode('ＡＢＣ－１２３')).toBe('ABC123'); // full-width, from a phone keyboard
  });
});

describe('validateCoupon', () => {
  const effect = {
    id: 'c20',
    label: '%20 kupon',
    kind: 'percent_off',
    priority: 0,
    stackable: true,
    exclusive: false,
    target: {},
    percent: 20,
  };
  const coupon = (extra: Record<string, unknown>): Coupon => couponSchema.parse({ code: 'ABC123', kind: 'unique', effect, ...extra });
  const b = (extra: Parameters<typeof basket>[1] = {}) => basket([line('A', 10000)], extra);
  const fresh = { totalUses: 0, customerUses: 0 };
  const reason = (c: Coupon, bk = b(), usage = fresh) => {
    const v = validateCoupon(c, bk, usage);
    return v.ok ? 'ok' : v.reason;
  };

  it('accepts a fresh unique code once', () => {
    expect(reason(coupon({}))).toBe('ok');
    expect(reason(coupon({}), b(), { totalUses: 1, customerUses: 0 })).toBe('coupon_already_used');
  });

  it('checks the validity window on the org wall clock', () => {
    const c = coupon({ validFrom: '2025-03-13', validUntil: '2025-03-20' });
    expect(reason(c, b({ at: new Date('2025-03-12T20:59:00Z') }))).toBe('not_started');
    expect(reason(c, b({ at: new Date('2025-03-12T21:00:00Z') }))).toBe('ok');
    expect(reason(c, b({ at: new Date('2025-03-20T21:00:00Z') }))).toBe('expired');
  });

  it('limits shared codes and one use per customer', () => {
    const shared = coupon({ kind: 'shared', usageLimit: 100, onePerCustomer: true });
    const known = b({ customer: customer() });
    expect(reason(shared, known, { totalUses: 99, customerUses: 0 })).toBe('ok');
    expect(reason(shared, known, { totalUses: 100, customerUses: 0 })).toBe('usage_limit_reached');
    expect(reason(shared, known, { totalUses: 5, customerUses: 1 })).toBe('already_used_by_customer');
    expect(reason(shared, b(), { totalUses: 5, customerUses: 0 })).toBe('customer_required');
    expect(reason(coupon({ kind: 'shared' }), b(), { totalUses: 1_000_000, customerUses: 0 })).toBe('ok');
  });

  it('keeps personal coupons for their customer', () => {
    const personal = coupon({ kind: 'personal', customerId: 'c-1' });
    expect(reason(personal)).toBe('customer_required');
    expect(reason(personal, b({ customer: customer({ id: 'c-2' }) }))).toBe('not_your_coupon');
    expect(reason(personal, b({ customer: customer({ id: 'c-1' }) }))).toBe('ok');
    expect(reason(personal, b({ customer: customer({ id: 'c-1' }) }), { totalUses: 1, customerUses: 1 })).toBe('coupon_already_used');
  });

  it('checks the minimum basket, the active flag and requiresCustomer', () => {
    expect(reason(coupon({ minimumBasket: 10001 }))).toBe('minimum_basket_not_met');
    expect(reason(coupon({ minimumBasket: 10000 }))).toBe('ok');
    expect(reason(coupon({ active: false }))).toBe('coupon_inactive');
    expect(reason(coupon({ requiresCustomer: true }))).toBe('customer_required');
  });

  it('unlocks its effect promotion in evaluatePromotions', () => {
    const c = coupon({});
    const r = evaluatePromotions(b(), [couponPromotion(c)], { couponCodes: ['abc-123'] });
    expect(r.totalDiscount).toBe(2000);
    expect(r.couponsUsed).toEqual([{ code: 'ABC123', promotionId: 'c20' }]);
    expect(evaluatePromotions(b(), [couponPromotion(c)]).rejected).toEqual([{ promotionId: 'c20', reason: 'coupon_required' }]);
  });
});

describe('issueCoupons (fiş altı)', () => {
  const rule = couponIssueRuleSchema.parse({
    id: 'bez-mama',
    label: 'Bez alana mamada %20',
    trigger: { target: { categories: [['Bebek', 'Bez']] } },
    coupon: {
      effect: {
        id: 'mama20',
        label: 'Mamada %20',
        kind: 'percent_off',
        priority: 0,
        stackable: true,
        exclusive: false,
        target: { categories: [['Bebek', 'Mama']] },
        percent: 20,
      },
      validity: { startsInDays: 1, days: 14 },
    },
  });
  const diapers = () => line('BEZ-4', 45990, 1, { categoryPath: ['Bebek', 'Bez'] });

  it('issues a 20% formula coupon valid 14 days from tomorrow (Istanbul days)', () => {
    // 00:30 on 13 March in Istanbul: "tomorrow" is the 14th
    const b = basket([diapers(), line('SU', 1000)], { customer: customer(), at: new Date('2025-03-12T21:30:00Z') });
    expect(issueCoupons([rule], b)).toEqual([
      {
        ruleId: 'bez-mama',
        couponTemplate: {
          kind: 'personal',
          customerId: 'c-1',
          validFrom: '2025-03-14',
          validUntil: '2025-03-27',
          effect: rule.coupon.effect,
        },
      },
    ]);
  });

  it('issues a coupon that, given a code, is a valid stored coupon usable in its window', () => {
    const b = basket([diapers()], { customer: customer(), at: new Date('2025-03-12T10:00:00Z') });
    const [issued] = issueCoupons([rule], b);
    const stored = couponSchema.parse(JSON.parse(JSON.stringify({ ...issued?.couponTemplate, code: 'MAMA-7KQ2' })));
    const later = basket([line('MAMA', 30000, 1, { categoryPath: ['Bebek', 'Mama'] })], {
      customer: customer(),
      at: new Date('2025-03-20T10:00:00Z'),
    });
    expect(validateCoupon(stored, later, { totalUses: 0, customerUses: 0 })).toEqual({ ok: true });
    expect(validateCoupon(stored, { ...later, at: new Date('2025-03-12T10:00:00Z') }, { totalUses: 0, customerUses: 0 })).toEqual({
      ok: false,
      reason: 'not_started',
    });
    expect(evaluatePromotions(later, [couponPromotion(stored)], { couponCodes: ['mama 7kq2'] }).totalDiscount).toBe(6000);
  });

  it('issues nothing without the trigger items or without a customer', () => {
    expect(issueCoupons([rule], basket([line('SU', 1000)], { customer: customer() }))).toEqual([]);
    expect(issueCoupons([rule], basket([diapers()]))).toEqual([]);
  });

  it('checks trigger quantity and value after discounts, and the rule conditions', () => {
    const strict = couponIssueRuleSchema.parse({ ...rule, trigger: { target: rule.trigger.target, minQuantity: 2, minAmount: 50000 } });
    const b = basket([diapers(), diapers()], { customer: customer() });
    expect(issueCoupons([strict], b)).toHaveLength(1);
    expect(issueCoupons([strict], b, { lineDiscounts: [{ lineId: b.lines[0]?.lineId as string, discount: 42000 }] })).toEqual([]);
    expect(issueCoupons([strict], basket([diapers()], { customer: customer() }))).toEqual([]);
    const webOnly = couponIssueRuleSchema.parse({ ...rule, conditions: { channels: ['web'] } });
    expect(issueCoupons([webOnly], basket([diapers()], { customer: customer() }))).toEqual([]);
  });
});
