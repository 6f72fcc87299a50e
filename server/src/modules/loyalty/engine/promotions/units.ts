import type { LineMatcher } from '../selectors';
import type { LineState } from './types';

/**
 * Whole units of the lines a unit-based promotion (buy X get Y, N for M, bundles) may use. Weighed lines
 * (fractional quantities) have no units and never take part. `available` is shared by all orders of one
 * promotion so a unit is used once. Orders are sorted once; taking walks them and skips spent lines.
 */
export class UnitPool {
  private readonly available = new Map<number, number>();
  private readonly orders = new Map<LineMatcher, { cheapest?: LineState[]; dearest?: LineState[] }>();

  constructor(
    private readonly lines: LineState[],
    private readonly unitPrice: (l: LineState) => number,
  ) {
    for (const l of lines) if (l.units !== null && l.units > 0 && l.remaining > 0) this.available.set(l.index, l.units);
  }

  /** Lines matching a selector that have units, cheapest or most expensive first (ties: basket order). */
  order(match: LineMatcher, order: 'cheapest' | 'dearest'): LineState[] {
    let cached = this.orders.get(match);
    if (!cached) {
      cached = {};
      this.orders.set(match, cached);
    }
    let list = cached[order];
    if (!list) {
      const sign = order === 'cheapest' ? 1 : -1;
      list = this.lines
        .filter((l) => this.available.has(l.index) && match(l.keyed))
        .sort((a, b) => sign * (this.unitPrice(a) - this.unitPrice(b)) || a.index - b.index);
      cached[order] = list;
    }
    return list;
  }

  avail(line: LineState): number {
    return this.available.get(line.index) ?? 0;
  }

  /** The first line of an order that still has units. */
  head(list: LineState[]): LineState | undefined {
    return list.find((l) => this.avail(l) > 0);
  }

  count(list: LineState[]): number {
    return list.reduce((s, l) => s + this.avail(l), 0);
  }

  /** Takes `n` units walking `list` in order; returns what was taken per line, or null (and takes nothing). */
  take(list: LineState[], n: number): Map<number, number> | null {
    const taken = new Map<number, number>();
    let left = n;
    for (const l of list) {
      if (left === 0) break;
      const k = Math.min(this.avail(l), left);
      if (k > 0) {
        taken.set(l.index, k);
        left -= k;
      }
    }
    if (left > 0) return null;
    for (const [i, k] of taken) this.available.set(i, (this.available.get(i) as number) - k);
    return taken;
  }

  /** Takes `n` units of one line (the caller checked they are there). */
  takeFrom(line: LineState, n: number): Map<number, number> {
    this.available.set(line.index, this.avail(line) - n);
    return new Map([[line.index, n]]);
  }

  giveBack(taken: Map<number, number>): void {
    for (const [i, k] of taken) this.available.set(i, (this.available.get(i) as number) + k);
  }
}

export function addCounts(into: Map<number, number>, from: Map<number, number>, times = 1): void {
  for (const [i, k] of from) into.set(i, (into.get(i) ?? 0) + k * times);
}
