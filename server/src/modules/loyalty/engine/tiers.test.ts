import { describe, expect, it } from 'vitest';
import { tierListSchema } from './schemas';
import { IST } from './test-support';
import { evaluateTier, tierWindow } from './tiers';

// thresholds on rolling 12-month spend, kuruş
const tiers = tierListSchema.parse([
  { code: 'GOLD', threshold: 1_500_000, benefits: { multiplier: 2, freeShipping: true, birthdayGift: { points: 500 } } },
  { code: 'CLASSIC', threshold: 0 },
  { code: 'SILVER', threshold: 500_000, benefits: { multiplier: 1.25 } },
]);

describe('evaluateTier', () => {
  it('upgrades immediately', () => {
    expect(evaluateTier(tiers, 600_000, 'CLASSIC', { review: false })).toEqual({
      tierCode: 'SILVER',
      change: 'upgrade',
      qualifiedTierCode: 'SILVER',
      next: { tierCode: 'GOLD', missing: 900_000 },
    });
    expect(evaluateTier(tiers, 2_000_000, null, { review: false })).toMatchObject({ tierCode: 'GOLD', change: 'upgrade', next: null });
    expect(evaluateTier(tiers, 2_000_000, 'CLASSIC', { review: false }).tierCode).toBe('GOLD'); // skipping a tier
  });

  it('downgrades only at the yearly review, straight to the qualified tier', () => {
    expect(evaluateTier(tiers, 100_000, 'GOLD', { review: false })).toMatchObject({
      tierCode: 'GOLD',
      change: 'none',
      qualifiedTierCode: 'CLASSIC',
    });
    expect(evaluateTier(tiers, 100_000, 'GOLD', { review: true })).toMatchObject({ tierCode: 'CLASSIC', change: 'downgrade' });
    expect(evaluateTier(tiers, 1_500_000, 'GOLD', { review: true })).toMatchObject({ tierCode: 'GOLD', change: 'none' }); // threshold reached exactly
  });

  it('keeps the tier when nothing changes', () => {
    expect(evaluateTier(tiers, 700_000, 'SILVER', { review: true })).toMatchObject({ tierCode: 'SILVER', change: 'none' });
  });

  it('treats an unknown current tier as none', () => {
    expect(evaluateTier(tiers, 10, 'PLATINUM', { review: false })).toMatchObject({ tierCode: 'CLASSIC', change: 'upgrade' });
  });

  it('may leave a customer without a tier when the lowest one has a threshold', () => {
    const noBase = tierListSchema.parse([{ code: 'VIP', threshold: 100 }]);
    expect(evaluateTier(noBase, 50, null, { review: false })).toEqual({
      tierCode: null,
      change: 'none',
      qualifiedTierCode: null,
      next: { tierCode: 'VIP', missing: 50 },
    });
    expect(evaluateTier(noBase, 50, 'VIP', { review: true })).toMatchObject({ tierCode: null, change: 'downgrade' });
  });
});

describe('tierWindow', () => {
  it('starts at the same Istanbul day a year ago', () => {
    const now = new Date('2025-03-14T22:30:00Z'); // 15 March 01:30 in Istanbul
    expect(tierWindow(now, IST, 12)).toEqual({ from: new Date('2024-03-14T21:00:00Z'), to: now });
  });
});
