import { invalid } from './errors';
import type { FrequentItemsets, Item } from './fpgrowth';
import { compareIds } from './input';

export interface AssociationRule<T extends Item> {
  /** non-empty, items in ascending order (numbers numerically, strings by code unit) */
  antecedent: T[];
  consequent: T;
  /** baskets holding antecedent and consequent */
  count: number;
  /** count / baskets */
  support: number;
  /** count / baskets holding the antecedent */
  confidence: number;
  /** confidence / support of the consequent */
  lift: number;
}

export interface RuleOptions {
  /** in [0, 1]; a rule needs confidence ≥ minConfidence */
  minConfidence: number;
}

/**
 * Rules X → {y} with a single-item consequent and a non-empty antecedent from every frequent itemset
 * of two or more items (arules' apriori defaults, minlen aside). Sorted by lift, then confidence, then
 * count (all descending), then antecedent and consequent in item order, so equal rules always come out
 * in the same order.
 */
export function associationRules<T extends Item>(frequent: FrequentItemsets<T>, options: RuleOptions): AssociationRule<T>[] {
  const { minConfidence } = options;
  if (!(minConfidence >= 0 && minConfidence <= 1)) throw invalid('minConfidence', `must be in [0, 1], got ${minConfidence}`);
  const countOf = new Map<string, number>();
  for (const s of frequent.itemsets) countOf.set(s.ids.join(','), s.count);
  const n = frequent.basketCount;
  const rules: AssociationRule<T>[] = [];
  for (const { ids, count } of frequent.itemsets) {
    if (ids.length < 2) continue;
    for (let k = 0; k < ids.length; k++) {
      const antecedent = ids.filter((_, i) => i !== k);
      // every subset of a frequent itemset is frequent, so both lookups always hit
      const antecedentCount = countOf.get(antecedent.join(',')) as number;
      const confidence = count / antecedentCount;
      if (confidence < minConfidence) continue;
      const consequent = ids[k];
      rules.push({
        antecedent: antecedent.map((id) => frequent.labels[id]).sort(compareIds),
        consequent: frequent.labels[consequent],
        count,
        support: count / n,
        confidence,
        lift: (count * n) / (antecedentCount * (countOf.get(String(consequent)) as number)),
      });
    }
  }
  return rules.sort(compareRules);
}

function compareRules<T extends Item>(a: AssociationRule<T>, b: AssociationRule<T>): number {
  const byValue = b.lift - a.lift || b.confidence - a.confidence || b.count - a.count || a.antecedent.length - b.antecedent.length;
  if (byValue !== 0) return byValue;
  for (let i = 0; i < a.antecedent.length; i++) {
    const c = compareIds(a.antecedent[i], b.antecedent[i]);
    if (c !== 0) return c;
  }
  return compareIds(a.consequent, b.consequent);
}
