import { invalid } from './errors';

export type Item = string | number;

export interface SupportOptions {
  /** minimum support as a fraction of the baskets, in (0, 1] (an itemset needs count ≥ minSupport · baskets) */
  minSupport?: number;
  /** minimum support as a basket count (instead of `minSupport`) */
  minCount?: number;
  /** longest itemset, antecedent plus consequent for rules (default 10, as in arules) */
  maxLength?: number;
}

export interface FrequentItemsets<T extends Item> {
  basketCount: number;
  /** the count an itemset needed */
  minCount: number;
  /** item labels by internal id; ids are ranks by descending frequency (ties: first seen first) */
  labels: T[];
  /** itemsets as ascending ids, with the number of baskets holding all of them */
  itemsets: { ids: number[]; count: number }[];
}

/**
 * An FP-tree in flat arrays (node i: item, count, parent, first child, next sibling, next node of the
 * same item). Paths are inserted in ascending id order, i.e. most frequent item nearest the root.
 */
class FpTree {
  item: number[] = [-1];
  count: number[] = [0];
  parent: number[] = [-1];
  child: number[] = [-1];
  sibling: number[] = [-1];
  next: number[] = [-1];
  head: Int32Array;
  itemCount: Float64Array;

  constructor(items: number) {
    this.head = new Int32Array(items).fill(-1);
    this.itemCount = new Float64Array(items);
  }

  insert(path: ArrayLike<number>, length: number, n: number): void {
    let node = 0;
    for (let k = 0; k < length; k++) {
      const it = path[k];
      let c = this.child[node];
      while (c !== -1 && this.item[c] !== it) c = this.sibling[c];
      if (c === -1) {
        c = this.item.length;
        this.item.push(it);
        this.count.push(0);
        this.parent.push(node);
        this.child.push(-1);
        this.sibling.push(this.child[node]);
        this.child[node] = c;
        this.next.push(this.head[it]);
        this.head[it] = c;
      }
      this.count[c] += n;
      this.itemCount[it] += n;
      node = c;
    }
  }
}

const isItem = (v: unknown): boolean => typeof v === 'string' || typeof v === 'number';

function resolveMinCount(options: SupportOptions, basketCount: number): number {
  const { minSupport, minCount } = options;
  if ((minSupport === undefined) === (minCount === undefined)) throw invalid('minSupport', 'give exactly one of minSupport and minCount');
  if (minCount !== undefined) {
    if (!Number.isSafeInteger(minCount) || minCount < 1) throw invalid('minCount', `must be a positive integer, got ${minCount}`);
    return minCount;
  }
  if (!(minSupport! > 0 && minSupport! <= 1)) throw invalid('minSupport', `must be in (0, 1], got ${minSupport}`);
  // arules compares support ≥ minSupport; the smallest whole count that satisfies it, with a guard
  // against 0.001 · 9835 = 9.835000000000001 style noise
  return Math.max(1, Math.ceil(minSupport! * basketCount - 1e-9));
}

/**
 * Frequent itemsets by FP-Growth (Han, Pei & Yin 2000, "Mining frequent patterns without candidate
 * generation"). Baskets are sets: an item repeated in one basket counts once. Empty baskets count in
 * the total.
 */
export function frequentItemsets<T extends Item>(baskets: readonly (readonly T[])[], options: SupportOptions): FrequentItemsets<T> {
  const maxLength = options.maxLength ?? 10;
  if (!Number.isSafeInteger(maxLength) || maxLength < 1) throw invalid('maxLength', `must be a positive integer, got ${maxLength}`);
  const minCount = resolveMinCount(options, baskets.length);

  // first pass: item supports, in first-seen order
  const seen = new Map<T, number>();
  const firstSeen: T[] = [];
  const support: number[] = [];
  const encoded = baskets.map((basket, b) => {
    if (!Array.isArray(basket)) throw invalid(`baskets[${b}]`, 'must be an array of items');
    const ids = new Set<number>();
    for (const item of basket) {
      if (!isItem(item)) throw invalid(`baskets[${b}]`, 'items must be strings or numbers');
      let id = seen.get(item);
      if (id === undefined) {
        id = firstSeen.push(item) - 1;
        seen.set(item, id);
        support.push(0);
      }
      if (!ids.has(id)) {
        ids.add(id);
        support[id]++;
      }
    }
    return ids;
  });

  // frequent items ranked by descending support: rank = the id used from here on
  const ranked = firstSeen.map((_, i) => i).filter((i) => support[i] >= minCount);
  ranked.sort((a, b) => support[b] - support[a] || a - b);
  const rankOf = new Int32Array(firstSeen.length).fill(-1);
  ranked.forEach((old, rank) => {
    rankOf[old] = rank;
  });
  const tree = new FpTree(ranked.length);
  const path: number[] = [];
  for (const ids of encoded) {
    path.length = 0;
    for (const id of ids) if (rankOf[id] !== -1) path.push(rankOf[id]);
    path.sort((a, b) => a - b);
    tree.insert(path, path.length, 1);
  }

  const itemsets: FrequentItemsets<T>['itemsets'] = [];
  mine(tree, [], minCount, maxLength, itemsets);
  return { basketCount: baskets.length, minCount, labels: ranked.map((i) => firstSeen[i]), itemsets };
}

function mine(tree: FpTree, suffix: number[], minCount: number, maxLength: number, out: FrequentItemsets<Item>['itemsets']): void {
  const path = new Int32Array(tree.head.length);
  for (let it = tree.head.length - 1; it >= 0; it--) {
    const support = tree.itemCount[it];
    if (support < minCount) continue;
    const itemset = [it, ...suffix]; // suffix ids are all larger than it: still ascending
    out.push({ ids: itemset, count: support });
    if (itemset.length >= maxLength || it === 0) continue;

    // conditional pattern base: the prefix path of every node of `it`, weighted by that node's count
    const base = new Float64Array(it);
    for (let n = tree.head[it]; n !== -1; n = tree.next[n]) {
      for (let p = tree.parent[n]; p > 0; p = tree.parent[p]) base[tree.item[p]] += tree.count[n];
    }
    if (!base.some((c) => c >= minCount)) continue;
    const conditional = new FpTree(it);
    for (let n = tree.head[it]; n !== -1; n = tree.next[n]) {
      let len = 0;
      for (let p = tree.parent[n]; p > 0; p = tree.parent[p]) if (base[tree.item[p]] >= minCount) path[len++] = tree.item[p];
      path.subarray(0, len).reverse();
      if (len > 0) conditional.insert(path, len, tree.count[n]);
    }
    mine(conditional, itemset, minCount, maxLength, out);
  }
}
