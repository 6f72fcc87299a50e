import { describe, expect, it } from 'vitest';
import { buckets, pickWinner, splitIssues } from './split';

describe('audience split', () => {
  it('lays control, variants and the rest over the 10,000 buckets', () => {
    expect(
      buckets({
        controlPercent: 10,
        variants: [
          { key: 'A', percent: 20 },
          { key: 'B', percent: 20 },
        ],
      }),
    ).toEqual([
      { group: 'control', from: 0, to: 1000 },
      { group: 'A', from: 1000, to: 3000 },
      { group: 'B', from: 3000, to: 5000 },
      { group: 'rest', from: 5000, to: 10000 },
    ]);
    expect(buckets({ controlPercent: 0, variants: [{ key: 'A', percent: 100 }] })).toEqual([{ group: 'A', from: 0, to: 10000 }]);
    expect(buckets({ controlPercent: 12.5, variants: [{ key: 'A', percent: 87.5 }] }).map((b) => b.to)).toEqual([1250, 10000]);
  });

  it('names each bad value by its path', () => {
    expect(splitIssues({ controlPercent: 10, variants: [{ key: 'A', percent: 90 }] })).toEqual([]);
    expect(splitIssues({ controlPercent: 60, variants: [{ key: 'A', percent: 40 }] })).toEqual([
      { path: '/controlPercent', code: 'split_bad_percent' },
    ]);
    expect(
      splitIssues({
        controlPercent: 10,
        variants: [
          { key: 'A', percent: 50 },
          { key: 'A', percent: 50.001 },
        ],
      }),
    ).toEqual([
      { path: '/variants/1/key', code: 'split_duplicate_variant' },
      { path: '/variants/1/percent', code: 'split_bad_percent' },
      { path: '/variants', code: 'split_over_100' },
    ]);
    const five = ['A', 'B', 'C', 'D', 'E'].map((key) => ({ key, percent: 10 }));
    expect(splitIssues({ controlPercent: 0, variants: five })).toEqual([{ path: '/variants', code: 'split_too_many_variants' }]);
    expect(splitIssues({ controlPercent: 0, variants: [] })).toEqual([{ path: '/variants', code: 'split_too_many_variants' }]);
    expect(splitIssues({ controlPercent: 0, variants: [{ key: 'control', percent: 10 }] })[0].code).toBe('split_duplicate_variant');
    expect(splitIssues({ controlPercent: Number.NaN, variants: [{ key: 'A', percent: -1 }] }).map((i) => i.path)).toEqual([
      '/variants/0/percent',
      '/controlPercent',
    ]);
  });
});

describe('A/B winner', () => {
  const results = [
    { key: 'A', delivered: 1000, opens: 300, clicks: 40, conversions: 12 },
    { key: 'B', delivered: 500, opens: 140, clicks: 30, conversions: 6 },
  ];

  it('is the best rate per delivered message of the chosen metric', () => {
    expect(pickWinner(results, 'opens')).toBe('A'); // 30 % vs 28 %
    expect(pickWinner(results, 'clicks')).toBe('B'); // 4 % vs 6 %
    expect(pickWinner(results, 'conversions')).toBe('A'); // a tie at 1.2 %: the earlier variant
  });

  it('waits while nothing was delivered', () => {
    expect(pickWinner([{ key: 'A', delivered: 0, opens: 0, clicks: 0, conversions: 0 }], 'opens')).toBeNull();
    expect(pickWinner([], 'clicks')).toBeNull();
  });
});
