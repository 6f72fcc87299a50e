import { describe, expect, it } from 'vitest';
import { AnalyticsError } from './errors';
import { type FrequentItemsets, frequentItemsets, type Item } from './fpgrowth';
import { groceryBaskets, hasData, prng } from './test-support';

/** Itemsets as "a,b,c" (labels sorted) → count, for comparisons independent of ids. */
const asMap = <T extends Item>(f: FrequentItemsets<T>) =>
  new Map(
    f.itemsets.map((s) => [
      s.ids
        .map((id) => String(f.labels[id]))
        .sort()
        .join(','),
      s.count,
    ]),
  );

const tiny = [[1, 2, 3], [1, 2], [1, 3], [2, 3], [1, 2, 3], [4]];

describe('frequentItemsets', () => {
  it('finds the itemsets of a hand-checked example', () => {
    const f = frequentItemsets(tiny, { minCount: 2 });
    expect(f.basketCount).toBe(6);
    expect(f.labels).toEqual([1, 2, 3]); // 4 is infrequent; equal supports keep first-seen order
    expect(asMap(f)).toEqual(
      new Map([
        ['1', 4],
        ['2', 4],
        ['3', 4],
        ['1,2', 3],
        ['1,3', 3],
        ['2,3', 3],
        ['1,2,3', 2],
      ]),
    );
    f.itemsets.forEach((s) => {
      expect(s.ids).toEqual([...s.ids].sort((a, b) => a - b));
    });
  });

  it('turns a fractional support into the smallest count that reaches it', () => {
    expect(frequentItemsets(tiny, { minSupport: 2 / 6 }).minCount).toBe(2);
    expect(frequentItemsets(tiny, { minSupport: 0.34 }).minCount).toBe(3);
    expect(asMap(frequentItemsets(tiny, { minSupport: 0.5 }))).toEqual(
      new Map([
        ['1', 4],
        ['2', 4],
        ['3', 4],
        ['1,2', 3],
        ['1,3', 3],
        ['2,3', 3],
      ]),
    );
  });

  it('counts an item once per basket and empty baskets in the total', () => {
    const f = frequentItemsets([['a', 'a', 'b'], ['a'], []], { minCount: 1 });
    expect(f.basketCount).toBe(3);
    expect(asMap(f)).toEqual(
      new Map([
        ['a', 2],
        ['b', 1],
        ['a,b', 1],
      ]),
    );
  });

  it('stops at maxLength', () => {
    const f = frequentItemsets(tiny, { minCount: 2, maxLength: 2 });
    expect(f.itemsets.some((s) => s.ids.length > 2)).toBe(false);
    expect(f.itemsets).toHaveLength(6);
  });

  it('agrees with brute-force counting on random baskets', () => {
    const next = prng(42);
    for (let round = 0; round < 20; round++) {
      const baskets = Array.from({ length: 60 }, () => Array.from({ length: Math.floor(next() * 7) }, () => Math.floor(next() * 10)));
      const minCount = 2 + Math.floor(next() * 4);
      const brute = new Map<string, number>();
      for (const b of baskets) {
        const items = [...new Set(b)].sort((x, y) => x - y);
        for (let mask = 1; mask < 1 << items.length; mask++) {
          const key = items.filter((_, i) => mask & (1 << i)).join(',');
          brute.set(key, (brute.get(key) ?? 0) + 1);
        }
      }
      const expected = new Map([...brute].filter(([, c]) => c >= minCount));
      const got = asMap(frequentItemsets(baskets, { minCount }));
      // asMap sorts labels as strings; 0–9 sort the same as numbers
      expect(got).toEqual(expected);
    }
  });

  it('rejects bad input with typed errors', () => {
    const bad: [unknown[], object, string][] = [
      [tiny, {}, 'minSupport'],
      [tiny, { minSupport: 0.1, minCount: 2 }, 'minSupport'],
      [tiny, { minSupport: 0 }, 'minSupport'],
      [tiny, { minSupport: 1.5 }, 'minSupport'],
      [tiny, { minCount: 0 }, 'minCount'],
      [tiny, { minCount: 2, maxLength: 0 }, 'maxLength'],
      [[[1], 'ab'], { minCount: 1 }, 'baskets[1]'],
      [[[1, null]], { minCount: 1 }, 'baskets[0]'],
    ];
    for (const [baskets, options, field] of bad) {
      expect(() => frequentItemsets(baskets as Item[][], options)).toThrow(expect.objectContaining({ code: 'invalid_input', field }));
    }
    expect(() => frequentItemsets(tiny, {})).toThrow(AnalyticsError);
  });
});

describe.skipIf(!hasData)('FP-Growth on Groceries (arules)', () => {
  it('counts the published baskets, items and whole milk, and mines support 0.001 fast', () => {
    const baskets = groceryBaskets();
    expect(baskets).toHaveLength(9835);
    expect(new Set(baskets.flat()).size).toBe(169);
    const started = performance.now();
    const f = frequentItemsets(baskets, { minSupport: 0.001 });
    const ms = performance.now() - started;
    console.log(`FP-Growth, Groceries at support 0.001: ${f.itemsets.length} itemsets in ${ms.toFixed(0)} ms`);
    expect(f.minCount).toBe(10);
    expect(f.itemsets).toHaveLength(13_492); // arules eclat/apriori at the same support
    expect(asMap(f).get('whole milk')).toBe(2513);
    expect(f.labels[0]).toBe('whole milk');
    expect(ms).toBeLessThan(2000);
  });
});
