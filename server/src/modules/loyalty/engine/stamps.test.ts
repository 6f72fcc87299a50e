import { describe, expect, it } from 'vitest';
import { type StampCard, stampCardSchema } from './schemas';
import { applyStamps, manualStamp } from './stamps';
import { basket, customer, IST, line } from './test-support';

const card = (extra: Partial<StampCard> = {}): StampCard =>
  stampCardSchema.parse({
    id: 'kahve',
    name: '5 kahve 1 bedava',
    qualifying: { categories: [['Kahve']] },
    stampsNeeded: 5,
    per: 'unit',
    reward: {
      effect: {
        id: 'kahve-hediye',
        label: 'Hediye kahve',
        kind: 'percent_off',
        priority: 100,
        stackable: false,
        exclusive: false,
        target: { categories: [['Kahve']] },
        percent: 100,
        maxDiscount: 9000,
      },
      validity: { startsInDays: 0, days: 30 },
    },
    ...extra,
  });

const coffee = (qty = 1, price = 6500) => line('LATTE', price, qty, { categoryPath: ['Kahve', 'Sıcak'] });
const cake = () => line('KEK', 4500, 1, { categoryPath: ['Tatlı'] });

describe('applyStamps', () => {
  it('adds a stamp per unit and completes a card', () => {
    const b = basket([coffee(2), cake()], { customer: customer() });
    const r = applyStamps(card(), { stamps: 3, totalStamps: 13, rewards: 2 }, b);
    expect(r.stampsAdded).toBe(2);
    expect(r.rewardsEarned).toBe(1);
    expect(r.newProgress).toEqual({ stamps: 0, totalStamps: 15, rewards: 3 });
    expect(r.rewards).toHaveLength(1);
    expect(r.rewards[0]).toMatchObject({ kind: 'personal', customerId: 'c-1', validFrom: '2025-03-12', validUntil: '2025-04-10' });
  });

  it('can count lines instead of units, and cap a receipt', () => {
    const b = basket([coffee(3), coffee(1)]);
    expect(applyStamps(card({ per: 'line' }), { stamps: 0 }, b).stampsAdded).toBe(2);
    expect(applyStamps(card(), { stamps: 0 }, b).stampsAdded).toBe(4);
    expect(applyStamps(card({ maxStampsPerReceipt: 3 }), { stamps: 0 }, b).stampsAdded).toBe(3);
  });

  it('earns several rewards at once and carries the rest', () => {
    const r = applyStamps(card(), { stamps: 4 }, basket([coffee(7)]));
    expect(r).toMatchObject({ stampsAdded: 7, rewardsEarned: 2, newProgress: { stamps: 1, totalStamps: 7, rewards: 2 } });
    expect(r.rewards).toHaveLength(2);
  });

  it('gives no stamp for a coffee that was the free reward', () => {
    const b = basket([coffee(1), coffee(1)]);
    const free = b.lines[0]?.lineId as string;
    expect(applyStamps(card(), { stamps: 0 }, b, { lineDiscounts: [{ lineId: free, discount: 6500 }] }).stampsAdded).toBe(1);
  });

  it('counts whole units of weighed lines only', () => {
    const beans = line('CEKIRDEK', 30000, 1.5, { categoryPath: ['Kahve', 'Çekirdek'] });
    expect(applyStamps(card(), { stamps: 0 }, basket([beans])).stampsAdded).toBe(1);
  });
});

describe('manualStamp', () => {
  it('adds stamps from the counter button', () => {
    const r = manualStamp(card(), { stamps: 4 }, { at: new Date('2025-03-12T10:00:00Z'), timeZone: IST, customerId: 'c-9' });
    expect(r).toMatchObject({ stampsAdded: 1, rewardsEarned: 1, newProgress: { stamps: 0, totalStamps: 1, rewards: 1 } });
    expect(r.rewards[0]?.customerId).toBe('c-9');
    expect(() => manualStamp(card(), { stamps: 0 }, { count: 0, at: new Date(), timeZone: IST, customerId: null })).toThrow(RangeError);
  });
});
