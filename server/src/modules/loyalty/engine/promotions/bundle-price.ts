import { allocateCapped } from '../arith';
import type { BundlePricePromotion } from '../schemas';
import { compileSelector } from '../selectors';
import type { KindOutcome, LineState } from './types';
import { addCounts, UnitPool } from './units';

/**
 * Bundle price: each application fills every component with its quantity of units, the most expensive
 * matching units first (a unit fills one component only), and costs `price` instead of the units' total.
 * The savings of all applications are allocated to the bundled lines pro rata to the bundled value
 * (largest remainder). Stops when a component cannot be filled or the bundle would not be cheaper.
 */
export function applyBundlePrice(p: BundlePricePromotion, lines: LineState[]): KindOutcome {
  const pool = new UnitPool(lines, (l) => l.keyed.line.unitPrice);
  const components = p.items.map((item) => ({ order: pool.order(compileSelector(item.target), 'dearest'), quantity: item.quantity }));
  if (components.some((c) => c.order.length === 0)) return { ok: false, reason: 'no_matching_items' };

  const byIndex = new Map(lines.map((l) => [l.index, l]));
  const price = (i: number) => (byIndex.get(i) as LineState).keyed.line.unitPrice;
  const used = new Map<number, number>();
  let savings = 0;
  let applications = 0;
  let priceTooHigh = false;
  const limit = p.maxApplications ?? Number.POSITIVE_INFINITY;
  while (applications < limit) {
    // Fast path: when every component's first line can cover whole applications (components sharing a
    // line need their quantities together), repeat the same choice as many times as it holds.
    const heads = components.map((c) => pool.head(c.order));
    if (heads.some((h) => !h)) break;
    const need = new Map<LineState, number>();
    components.forEach((c, k) => {
      const head = heads[k] as LineState;
      need.set(head, (need.get(head) ?? 0) + c.quantity);
    });
    const batch = Math.min(limit - applications, ...[...need].map(([line, n]) => Math.floor(pool.avail(line) / n)));
    let taken: Map<number, number>[] = [];
    if (batch >= 1) {
      taken = [...need].map(([line, n]) => new Map([[line.index, n]]));
    } else {
      for (const c of components) {
        const t = pool.take(c.order, c.quantity);
        if (!t) break;
        taken.push(t);
      }
      for (const t of taken) pool.giveBack(t);
      if (taken.length < components.length) break;
    }
    let value = 0;
    for (const t of taken) for (const [i, k] of t) value += k * price(i);
    if (value <= p.price) {
      priceTooHigh = true;
      break;
    }
    const times = Math.max(1, batch);
    for (const t of taken) {
      for (const [i, k] of t) pool.takeFrom(byIndex.get(i) as LineState, k * times);
      addCounts(used, t, times);
    }
    savings += (value - p.price) * times;
    applications += times;
  }
  if (applications === 0) {
    if (priceTooHigh) return { ok: false, reason: 'no_discount' };
    return { ok: false, reason: 'quantity_not_met', params: { required: components.reduce((s, c) => s + c.quantity, 0) } };
  }
  const indexes = [...used.keys()].sort((a, b) => a - b);
  const weights = indexes.map((i) => (used.get(i) as number) * (byIndex.get(i) as LineState).keyed.line.unitPrice);
  const caps = indexes.map((i) => (byIndex.get(i) as LineState).remaining);
  const { parts } = allocateCapped(savings, weights, caps);
  return { ok: true, discounts: new Map(indexes.map((i, k) => [i, parts[k] as number])) };
}
