import { describe, expect, it } from 'vitest';
import { frequentItemsets } from './fpgrowth';
import { associationRules } from './rules';
import { groceryBaskets, hasData, prng } from './test-support';

const tiny = [[1, 2, 3], [1, 2], [1, 3], [2, 3], [1, 2, 3], [4]];

describe('associationRules', () => {
  it('derives single-consequent rules with their measures, in a deterministic order', () => {
    const rules = associationRules(frequentItemsets(tiny, { minCount: 2 }), { minConfidence: 0.6 });
    expect(rules.map((r) => `${r.antecedent.join('+')}→${r.consequent}`)).toEqual([
      '1→2',
      '1→3',
      '2→1',
      '2→3',
      '3→1',
      '3→2',
      '1+2→3',
      '1+3→2',
      '2+3→1',
    ]);
    // {1} → {2}: 3 of 6 baskets, 3 of the 4 with 1, 2 is in 4 of 6
    expect(rules[0]).toEqual({ antecedent: [1], consequent: 2, count: 3, support: 0.5, confidence: 0.75, lift: 0.75 / (4 / 6) });
    expect(rules[6]).toMatchObject({ count: 2, confidence: 2 / 3, lift: 2 / 3 / (4 / 6) });
    expect(associationRules(frequentItemsets(tiny, { minCount: 2 }), { minConfidence: 0.7 })).toHaveLength(6);
  });

  it('sorts by lift, then confidence', () => {
    const baskets = [['beer', 'chips'], ['beer', 'chips'], ['beer', 'milk'], ['milk'], ['milk', 'bread'], ['milk', 'bread']];
    const rules = associationRules(frequentItemsets(baskets, { minCount: 2 }), { minConfidence: 0.5 });
    expect(rules.map((r) => [`${r.antecedent}→${r.consequent}`, r.lift, r.confidence])).toEqual([
      ['chips→beer', 2, 1],
      ['beer→chips', 2, 2 / 3],
      ['bread→milk', 1.5, 1],
      ['milk→bread', 1.5, 0.5],
    ]);
  });

  it('gives the same rules whatever the order of baskets and items', () => {
    const next = prng(7);
    const baskets = Array.from({ length: 200 }, () =>
      Array.from({ length: 1 + Math.floor(next() * 5) }, () => `i${Math.floor(next() * 12)}`),
    );
    const shuffled = baskets
      .map((b) => [...b].reverse())
      .map((b, i) => ({ b, k: (i * 7919) % 200 }))
      .sort((x, y) => x.k - y.k)
      .map((x) => x.b);
    const a = associationRules(frequentItemsets(baskets, { minCount: 3 }), { minConfidence: 0.1 });
    expect(a.length).toBeGreaterThan(50);
    expect(associationRules(frequentItemsets(shuffled, { minCount: 3 }), { minConfidence: 0.1 })).toEqual(a);
  });

  it('rejects a confidence outside [0, 1]', () => {
    const f = frequentItemsets(tiny, { minCount: 2 });
    for (const c of [-0.1, 1.1, Number.NaN]) {
      expect(() => associationRules(f, { minConfidence: c })).toThrow(
        expect.objectContaining({ code: 'invalid_input', field: 'minConfidence' }),
      );
    }
  });
});

describe.skipIf(!hasData)('association rules on Groceries (arules)', () => {
  it('reproduces the published rule counts and top rules at support 0.001, confidence 0.5', () => {
    const baskets = groceryBaskets();
    const started = performance.now();
    const rules = associationRules(frequentItemsets(baskets, { minSupport: 0.001 }), { minConfidence: 0.5 });
    const ms = performance.now() - started;
    console.log(`Groceries: ${rules.length} rules (FP-Growth + rules) in ${ms.toFixed(0)} ms`);
    expect(rules).toHaveLength(5668);
    expect(rules.filter((r) => r.confidence > 0.8)).toHaveLength(371);
    const top = rules.slice(0, 3).map((r) => ({ lhs: r.antecedent, rhs: r.consequent, lift: Number(r.lift.toFixed(3)) }));
    expect(top).toEqual([
      { lhs: ['Instant food products', 'soda'], rhs: 'hamburger meat', lift: 18.996 },
      { lhs: ['popcorn', 'soda'], rhs: 'salty snack', lift: 16.698 },
      { lhs: ['baking powder', 'flour'], rhs: 'sugar', lift: 16.408 },
    ]);
    expect(rules.every((r, i) => i === 0 || r.lift <= rules[i - 1].lift)).toBe(true);
    expect(ms).toBeLessThan(2000);
  });
});
