import { percentOf } from '../arith';
import type { BuyGetPromotion } from '../schemas';
import { compileSelector, type LineMatcher } from '../selectors';
import type { KindOutcome, LineState } from './types';
import { addCounts, UnitPool } from './units';

/**
 * The buy-X-get-Y core shared with N for M. Each application first picks the Y reward units, cheapest
 * first, from the `get` items, then X paying units from the `buy` items — items that are only in the buy
 * set first, then the most expensive. When both sets are the same ("3 al 2 öde") this gives the k·Y
 * cheapest units for free, k being the number of complete groups.
 */
export function buyGet(
  lines: LineState[],
  spec: { buy: LineMatcher; get: LineMatcher | null; buyQuantity: number; getQuantity: number; percent: number; maxApplications?: number },
): KindOutcome {
  const getMatch = spec.get ?? spec.buy;
  const X = spec.buyQuantity;
  const Y = spec.getQuantity;
  const pool = new UnitPool(lines, (l) => l.keyed.line.unitPrice);
  const getOrder = pool.order(getMatch, 'cheapest');
  const dearest = pool.order(spec.buy, 'dearest');
  if (dearest.length === 0 || getOrder.length === 0) return { ok: false, reason: 'no_matching_items' };
  // Units that cannot be rewarded are the natural payers: use them before units of the get set.
  const payOrder = [...dearest.filter((l) => !getMatch(l.keyed)), ...dearest.filter((l) => getMatch(l.keyed))];
  const buyUnits = pool.count(dearest);

  const rewarded = new Map<number, number>();
  let applications = 0;
  const limit = spec.maxApplications ?? Number.POSITIVE_INFINITY;
  while (applications < limit) {
    // Fast path: while the cheapest get line and the first payer line can each cover whole applications,
    // repeating the one-at-a-time choice would pick them again and again — take all those at once.
    const g = pool.head(getOrder);
    const p = pool.head(payOrder);
    if (!g || !p) break;
    const batch = Math.min(
      limit - applications,
      p === g
        ? Math.floor(pool.avail(g) / (X + Y))
        : pool.avail(g) >= Y && pool.avail(p) >= X
          ? Math.min(Math.floor(pool.avail(g) / Y), Math.floor(pool.avail(p) / X))
          : 0,
    );
    if (batch >= 1) {
      addCounts(rewarded, pool.takeFrom(g, Y * batch));
      pool.takeFrom(p, X * batch);
      applications += batch;
      continue;
    }
    // One application spread over several lines.
    const reward = pool.take(getOrder, Y);
    if (!reward) break;
    const paid = pool.take(payOrder, X);
    if (!paid) {
      pool.giveBack(reward);
      break;
    }
    addCounts(rewarded, reward);
    applications++;
  }
  if (applications === 0) {
    const sameSet = spec.get === null;
    return { ok: false, reason: 'quantity_not_met', params: { required: sameSet ? X + Y : X, actual: buyUnits } };
  }
  const byIndex = new Map(lines.map((l) => [l.index, l]));
  const discounts = new Map<number, number>();
  for (const [index, count] of rewarded) {
    const line = byIndex.get(index) as LineState;
    discounts.set(index, Math.min(line.remaining, percentOf(count * line.keyed.line.unitPrice, spec.percent)));
  }
  return { ok: true, discounts };
}

export function applyBuyGet(p: BuyGetPromotion, lines: LineState[]): KindOutcome {
  return buyGet(lines, {
    buy: compileSelector(p.buy.target),
    get: p.get.target ? compileSelector(p.get.target) : null,
    buyQuantity: p.buy.quantity,
    getQuantity: p.get.quantity,
    percent: p.get.percent,
    maxApplications: p.maxApplications,
  });
}
