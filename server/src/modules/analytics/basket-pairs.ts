import type { Tx } from '../../platform/db/database';
import { type BasketLevel, type MiningQuery, mineRules } from './basket';

export interface PairsQuery extends Omit<MiningQuery, 'minConfidence' | 'maxLength'> {
  level: BasketLevel;
  /** pairs bought together less often than this many times chance are left out */
  minLift: number;
  limit: number;
  offset: number;
}

/**
 * The planogram report: pairs of items (or categories, brands) bought together more than chance
 * says (lift) in enough baskets (support), worth placing side by side. Mined as itemsets of at most
 * two items with no confidence threshold, so every frequent pair gives its two rules A → B and
 * B → A; they are one pair with both confidences. Sorted by lift, then count.
 */
export async function basketPairs(tx: Tx, q: PairsQuery, callerStores: readonly string[] | null) {
  const { minLift, limit, offset, ...selection } = q;
  const mined = await mineRules(tx, { ...selection, minConfidence: 0, maxLength: 2 }, callerStores);
  const pairs = new Map<
    string,
    { a: number; b: number; count: number; support: number; lift: number; confidenceAB: number; confidenceBA: number }
  >();
  for (const r of mined.rules) {
    if (r.antecedent.length !== 1 || r.lift < minLift) continue;
    const x = r.antecedent[0];
    const [a, b] = x < r.consequent ? [x, r.consequent] : [r.consequent, x];
    const key = `${a}:${b}`;
    const pair = pairs.get(key) ?? { a, b, count: r.count, support: r.support, lift: r.lift, confidenceAB: 0, confidenceBA: 0 };
    if (x === a) pair.confidenceAB = r.confidence;
    else pair.confidenceBA = r.confidence;
    pairs.set(key, pair);
  }
  const name = (id: number) => mined.items[id].name;
  const sorted = [...pairs.values()].sort(
    (x, y) => y.lift - x.lift || y.count - x.count || name(x.a).localeCompare(name(y.a)) || name(x.b).localeCompare(name(y.b)),
  );
  return {
    baskets: mined.baskets,
    minCount: mined.minCount,
    total: sorted.length,
    pairs: sorted.slice(offset, offset + limit).map((p) => ({
      a: mined.items[p.a],
      b: mined.items[p.b],
      count: p.count,
      support: p.support,
      lift: p.lift,
      confidenceAB: p.confidenceAB,
      confidenceBA: p.confidenceBA,
    })),
  };
}
