import { describe, expect, it } from 'vitest';
import { computeEarn, pointsValue, redeemable, validateRedemption } from './points';
import { type PointsProgram, pointsProgramSchema } from './schemas';
import { basket, customer, line } from './test-support';

const program = (extra: Partial<PointsProgram> = {}, earn: Partial<PointsProgram['earn']> = {}): PointsProgram =>
  pointsProgramSchema.parse({
    earn: { rate: { points: 1, per: 100 }, ...earn },
    burn: { points: 100, value: 100, minPoints: 500, maxSharePercent: 50, maxPoints: 10000 },
    ...extra,
  });

const gold = { code: 'GOLD', benefits: { multiplier: 1.5 } };

describe('computeEarn', () => {
  const lines = () => [
    line('SUT', 4990, 2, { categoryPath: ['Gıda', 'Süt'], brand: 'Pınar' }),
    line('BISK', 2990, 1, { categoryPath: ['Gıda', 'Atıştırmalık'], brand: 'Ülker' }),
    line('SIGARA', 9500, 1, { categoryPath: ['Tütün'] }),
  ];

  it('earns 1 point per lira on the net amount, rounded down once per receipt', () => {
    const r = computeEarn(program(), basket([line('A', 1099), line('B', 1099)]), [], 0, null);
    expect(r).toEqual({ points: 21, breakdown: [{ source: 'base', points: 21 }], earnableAmount: 2198 }); // 21,98 → 21
  });

  it('takes the highest multiplier of each dimension and multiplies across dimensions', () => {
    const p = program(
      {},
      {
        exclude: { categories: [['Tütün']] },
        multipliers: [
          { id: 'm-gida', dimension: 'category', factor: 2, categories: [['Gıda']] },
          { id: 'm-sut', dimension: 'category', factor: 3, categories: [['Gıda', 'Süt']] },
          { id: 'm-pinar', dimension: 'brand', factor: 1.5, brands: ['PINAR'] },
          { id: 'm-ank', dimension: 'store', factor: 5, storeCodes: ['ANK-01'] },
          { id: 'm-wed', dimension: 'time', factor: 2, weekdays: [3] },
          { id: 'm-night', dimension: 'time', factor: 4, hours: [{ from: '22:00', to: '06:00' }] },
        ],
      },
    );
    // Wednesday 13:00 in Istanbul, store IST-01, a Gold customer
    const r = computeEarn(p, basket(lines(), { customer: customer({ tierCode: 'GOLD' }) }), [], 0, gold);
    // net 99,80 (milk) + 29,90 (biscuits); tobacco excluded
    // base 129; category: 99,80×3 + 29,90×2 → 359; brand Pınar ×1.5 → 508; Wednesday ×2 → 1017; Gold ×1.5 → 1526
    expect(r.points).toBe(1526);
    expect(r.earnableAmount).toBe(12970);
    expect(r.breakdown).toEqual([
      { source: 'base', points: 129 },
      { source: 'category', points: 230, ruleIds: ['m-gida', 'm-sut'] },
      { source: 'brand', points: 149, ruleIds: ['m-pinar'] },
      { source: 'time', points: 509, ruleIds: ['m-wed'] },
      { source: 'tier', points: 509, ruleIds: ['GOLD'] },
    ]);
    expect(r.breakdown.reduce((s, b) => s + b.points, 0)).toBe(r.points);
  });

  it('earns on the amount after discounts and after paying with points', () => {
    const b = basket([line('A', 10000), line('B', 10000)]);
    expect(computeEarn(program(), b, [{ lineId: b.lines[0]?.lineId as string, discount: 5000 }], 0, null).points).toBe(150);
    // 1,000 points = 10 TL paid with points: no points on that part
    expect(computeEarn(program(), b, [], 1000, null)).toMatchObject({ points: 190, earnableAmount: 19000 });
    // redeeming the whole basket earns nothing
    expect(computeEarn(program(), b, [], 50000, null).points).toBe(0);
  });

  it('needs the minimum basket (net of discounts)', () => {
    const p = program({}, { minimumBasket: 10000 });
    const b = basket([line('A', 10500)]);
    expect(computeEarn(p, b, [], 0, null).points).toBe(105);
    expect(computeEarn(p, b, [{ lineId: b.lines[0]?.lineId as string, discount: 501 }], 0, null)).toEqual({
      points: 0,
      breakdown: [],
      earnableAmount: 0,
      reason: 'minimum_basket_not_met',
    });
  });

  it('gives the birthday bonus as fixed points (once a month, the caller says) or as a multiplier', () => {
    const b = basket([line('A', 10000)], { customer: customer({ birthdayThisMonth: true }) });
    const fixed = program({ birthday: { type: 'points', points: 250 } });
    expect(computeEarn(fixed, b, [], 0, null).breakdown).toEqual([
      { source: 'base', points: 100 },
      { source: 'birthday', points: 250 },
    ]);
    expect(computeEarn(fixed, b, [], 0, null, { birthdayBonusGranted: true }).points).toBe(100);
    const double = program({ birthday: { type: 'multiplier', factor: 2 } });
    expect(computeEarn(double, b, [], 0, gold).breakdown).toEqual([
      { source: 'base', points: 100 },
      { source: 'tier', points: 50, ruleIds: ['GOLD'] },
      { source: 'birthday', points: 150 },
    ]);
    expect(computeEarn(double, basket([line('A', 10000)], { customer: customer() }), [], 0, null).points).toBe(100);
  });

  it('lets a factor below 1 reduce points, and shows it', () => {
    const p = program({}, { multipliers: [{ id: 'half', dimension: 'sku', factor: 0.5, skus: ['A'] }] });
    expect(computeEarn(p, basket([line('A', 10000), line('B', 10000)]), [], 0, null).breakdown).toEqual([
      { source: 'base', points: 200 },
      { source: 'sku', points: -50, ruleIds: ['half'] },
    ]);
  });

  it('reads time multipliers on the org wall clock', () => {
    const p = program({}, { multipliers: [{ id: 'weekend', dimension: 'time', factor: 2, weekdays: [6, 7] }] });
    const fri = basket([line('A', 10000)], { at: new Date('2025-03-07T20:59:00Z') });
    const sat = basket([line('A', 10000)], { at: new Date('2025-03-07T21:00:00Z') });
    expect(computeEarn(p, fri, [], 0, null).points).toBe(100);
    expect(computeEarn(p, sat, [], 0, null).points).toBe(200);
  });
});

describe('burn', () => {
  const p = program();

  it('converts points to kuruş', () => {
    expect(pointsValue(p, 2500)).toBe(2500);
    expect(pointsValue(program({ burn: { points: 200, value: 100 } }), 1000)).toBe(500);
  });

  it('limits a redemption by balance, maximum share, maximum points, whole units and minimum', () => {
    expect(redeemable(p, 3456, 5000)).toEqual({ maxPoints: 2500, value: 2500 }); // 50% of 50 TL
    expect(redeemable(p, 3456, 100000)).toEqual({ maxPoints: 3400, value: 3400 }); // whole units of the balance
    expect(redeemable(p, 50000, 1000000)).toEqual({ maxPoints: 10000, value: 10000 }); // maxPoints
    expect(redeemable(p, 450, 100000)).toEqual({ maxPoints: 0, value: 0 }); // below the 500 minimum
    expect(redeemable(p, 0, 0)).toEqual({ maxPoints: 0, value: 0 });
  });

  it('validates a requested redemption with stable reasons', () => {
    expect(validateRedemption(p, 3456, 5000, 2500)).toEqual({ ok: true, points: 2500, value: 2500 });
    expect(validateRedemption(p, 3456, 5000, 0)).toMatchObject({ ok: false, reason: 'invalid_points' });
    expect(validateRedemption(p, 3456, 5000, 12.5)).toMatchObject({ ok: false, reason: 'invalid_points' });
    expect(validateRedemption(p, 3456, 5000, 550)).toMatchObject({ ok: false, reason: 'not_whole_units' });
    expect(validateRedemption(p, 3456, 5000, 3500)).toMatchObject({ ok: false, reason: 'insufficient_points' });
    expect(validateRedemption(p, 3456, 5000, 400)).toMatchObject({ ok: false, reason: 'below_minimum', minPoints: 500 });
    expect(validateRedemption(p, 3456, 5000, 2600)).toEqual({ ok: false, reason: 'above_maximum', maxPoints: 2500, minPoints: 500 });
  });
});
