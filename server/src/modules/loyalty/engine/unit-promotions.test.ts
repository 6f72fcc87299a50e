import { describe, expect, it } from 'vitest';
import { allocateCapped, lineGross, percentOf } from './arith';
import { applyBundlePrice } from './promotions/bundle-price';
import { buyGet } from './promotions/buy-get';
import { evaluatePromotions } from './promotions/evaluate';
import type { LineState } from './promotions/types';
import type { BundlePricePromotion } from './schemas';
import { compileSelector, keyLine, type LineMatcher } from './selectors';
import { basket, line, prng, promo } from './test-support';

// Reference implementations: one application at a time, re-sorting before every pick. The engine takes
// whole runs of identical applications at once (so a line of 100,000 units stays fast); on every input
// it must give exactly what these give.

function ordered(lines: LineState[], avail: Map<number, number>, match: LineMatcher, order: 'cheapest' | 'dearest') {
  const sign = order === 'cheapest' ? 1 : -1;
  return lines
    .filter((l) => (avail.get(l.index) ?? 0) > 0 && match(l.keyed))
    .sort((a, b) => sign * (a.keyed.line.unitPrice - b.keyed.line.unitPrice) || a.index - b.index);
}

function take(avail: Map<number, number>, list: LineState[], n: number) {
  const taken = new Map<number, number>();
  let left = n;
  for (const l of list) {
    const k = Math.min(avail.get(l.index) ?? 0, left);
    if (k > 0) taken.set(l.index, k);
    left -= k;
  }
  if (left > 0) return null;
  for (const [i, k] of taken) avail.set(i, (avail.get(i) as number) - k);
  return taken;
}

const unitsOf = (lines: LineState[]) => new Map(lines.filter((l) => l.units && l.remaining > 0).map((l) => [l.index, l.units as number]));

function naiveBuyGet(
  lines: LineState[],
  buy: LineMatcher,
  get: LineMatcher | null,
  X: number,
  Y: number,
  percent: number,
  limit = Infinity,
) {
  const getMatch = get ?? buy;
  const avail = unitsOf(lines);
  const rewarded = new Map<number, number>();
  let apps = 0;
  while (apps < limit) {
    const reward = take(avail, ordered(lines, avail, getMatch, 'cheapest'), Y);
    if (!reward) break;
    const dearest = ordered(lines, avail, buy, 'dearest');
    const paid = take(avail, [...dearest.filter((l) => !getMatch(l.keyed)), ...dearest.filter((l) => getMatch(l.keyed))], X);
    if (!paid) break;
    for (const [i, k] of reward) rewarded.set(i, (rewarded.get(i) ?? 0) + k);
    apps++;
  }
  const out = new Map<number, number>();
  for (const [i, k] of rewarded) {
    const l = lines[i] as LineState;
    out.set(i, Math.min(l.remaining, percentOf(k * l.keyed.line.unitPrice, percent)));
  }
  return out;
}

function naiveBundle(lines: LineState[], p: BundlePricePromotion) {
  const avail = unitsOf(lines);
  const comps = p.items.map((i) => ({ match: compileSelector(i.target), q: i.quantity }));
  const used = new Map<number, number>();
  let savings = 0;
  let apps = 0;
  outer: while (apps < (p.maxApplications ?? Infinity)) {
    const taken: Map<number, number>[] = [];
    for (const c of comps) {
      const t = take(avail, ordered(lines, avail, c.match, 'dearest'), c.q);
      if (!t) break outer;
      taken.push(t);
    }
    let value = 0;
    for (const t of taken) for (const [i, k] of t) value += k * (lines[i] as LineState).keyed.line.unitPrice;
    if (value <= p.price) break;
    for (const t of taken) for (const [i, k] of t) used.set(i, (used.get(i) ?? 0) + k);
    savings += value - p.price;
    apps++;
  }
  if (apps === 0) return new Map<number, number>();
  const idx = [...used.keys()].sort((a, b) => a - b);
  const { parts } = allocateCapped(
    savings,
    idx.map((i) => (used.get(i) as number) * (lines[i] as LineState).keyed.line.unitPrice),
    idx.map((i) => (lines[i] as LineState).remaining),
  );
  return new Map(idx.map((i, k) => [i, parts[k] as number]));
}

const SKUS = ['A', 'B', 'C', 'D'];
function randomLines(r: ReturnType<typeof prng>): LineState[] {
  return Array.from({ length: r.int(1, 7) }, (_, index) => {
    const l = line(r.pick(SKUS), r.pick([100, 250, 250, 999, r.int(1, 5000)]), r.chance(0.9) ? r.int(1, 12) : 1.5);
    const gross = lineGross(l.quantity, l.unitPrice);
    return {
      index,
      keyed: keyLine(l),
      gross,
      remaining: r.chance(0.8) ? gross : r.int(0, gross),
      units: Number.isInteger(l.quantity) ? l.quantity : null,
      touched: false,
      locked: false,
    };
  });
}
const randomSkus = (r: ReturnType<typeof prng>) => r.shuffle(SKUS).slice(0, r.int(1, 3));

describe('unit-based promotions take runs of applications at once, exactly like one at a time', () => {
  it('buy X get Y / N for M', () => {
    const r = prng(31337);
    const problems: string[] = [];
    for (let run = 0; run < 4000; run++) {
      const lines = randomLines(r);
      const buy = compileSelector({ skus: randomSkus(r) });
      const get = r.chance(0.5) ? compileSelector({ skus: randomSkus(r) }) : null;
      const X = r.int(1, 4);
      const Y = r.int(1, 3);
      const percent = r.pick([100, 50, 12.5]);
      const limit = r.chance(0.3) ? r.int(1, 4) : undefined;
      const got = buyGet(lines, { buy, get, buyQuantity: X, getQuantity: Y, percent, maxApplications: limit });
      const want = naiveBuyGet(lines, buy, get, X, Y, percent, limit);
      const gotMap = got.ok ? got.discounts : new Map();
      if (JSON.stringify([...gotMap].sort()) !== JSON.stringify([...want].sort())) problems.push(`run ${run}`);
    }
    expect(problems).toEqual([]);
  });

  it('bundle price', () => {
    const r = prng(4711);
    const problems: string[] = [];
    for (let run = 0; run < 4000; run++) {
      const lines = randomLines(r);
      const p = promo({
        id: 'b',
        kind: 'bundle_price',
        items: Array.from({ length: r.int(1, 3) }, () => ({ target: { skus: randomSkus(r) }, quantity: r.int(1, 3) })),
        price: r.int(1, 3000),
        ...(r.chance(0.3) ? { maxApplications: r.int(1, 3) } : {}),
      }) as BundlePricePromotion;
      const got = applyBundlePrice(p, lines);
      const want = naiveBundle(lines, p);
      const gotMap = got.ok ? got.discounts : new Map();
      if (JSON.stringify([...gotMap].sort()) !== JSON.stringify([...want].sort())) problems.push(`run ${run}`);
    }
    expect(problems).toEqual([]);
  });

  it('handles a line of 100,000 units quickly', () => {
    const started = performance.now();
    const p = promo({ id: 'n', kind: 'n_for_m', target: { skus: ['X', 'Y'] }, n: 3, m: 2 });
    const r = evaluatePromotions(basket([line('X', 100, 100_000), line('Y', 90, 100_000)]), [p]);
    expect(r.totalDiscount).toBe(66_666 * 90);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
