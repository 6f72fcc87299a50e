import { describe, expect, it } from 'vitest';
import { allocateCapped } from './arith';
import { comparePromotions, evaluatePromotions } from './promotions/evaluate';
import { type Basket, type Promotion, promotionSchema } from './schemas';
import { customer, IST, prng } from './test-support';

const SKUS = ['A', 'B', 'C', 'D', 'E'];
const CATEGORIES = [['Gıda', 'Süt'], ['Gıda', 'Ekmek'], ['Bebek', 'Bez'], ['Kozmetik']];
const BRANDS = ['Pınar', 'Ülker', 'Eti'];

type Rng = ReturnType<typeof prng>;

function randomSelector(r: Rng) {
  const s: Record<string, unknown> = {};
  if (r.chance(0.4)) s.skus = r.shuffle(SKUS).slice(0, r.int(1, 3));
  if (r.chance(0.3)) s.categories = [r.pick(CATEGORIES).slice(0, r.int(1, 2))];
  if (r.chance(0.2)) s.brands = [r.pick(BRANDS)];
  return s;
}

function randomPromotion(r: Rng, id: string): Promotion {
  const common = { id, label: `Kampanya ${id}`, priority: r.int(0, 3), stackable: r.chance(0.6), exclusive: r.chance(0.15) };
  const conditions = r.chance(0.3) ? { minimumBasket: r.int(0, 20000) } : r.chance(0.1) ? { tiers: ['GOLD'] } : undefined;
  const kind = r.pick(['percent_off', 'buy_get', 'n_for_m', 'basket_threshold', 'bundle_price']);
  const def: Record<string, unknown> = { ...common, kind, ...(conditions ? { conditions } : {}) };
  switch (kind) {
    case 'percent_off':
      Object.assign(def, {
        target: randomSelector(r),
        percent: r.int(1, 10000) / 100,
        ...(r.chance(0.3) ? { maxDiscount: r.int(1, 5000) } : {}),
      });
      break;
    case 'buy_get':
      Object.assign(def, {
        buy: { target: randomSelector(r), quantity: r.int(1, 3) },
        get: { ...(r.chance(0.5) ? { target: randomSelector(r) } : {}), quantity: r.int(1, 2), percent: r.pick([100, 50, 33.33]) },
      });
      break;
    case 'n_for_m': {
      const n = r.int(2, 5);
      Object.assign(def, { target: randomSelector(r), n, m: r.int(1, n - 1) });
      break;
    }
    case 'basket_threshold': {
      const t = r.int(100, 30000);
      const reward = r.pick([
        { type: 'amount_off', amount: r.int(1, t) },
        { type: 'percent_off', percent: r.int(1, 5000) / 100 },
        { type: 'bonus_points', points: r.int(1, 1000) },
      ]);
      Object.assign(def, { ...(r.chance(0.5) ? { target: randomSelector(r) } : {}), steps: [{ threshold: t, reward }] });
      break;
    }
    default:
      Object.assign(def, {
        items: Array.from({ length: r.int(1, 3) }, () => ({ target: randomSelector(r), quantity: r.int(1, 2) })),
        price: r.int(1, 10000),
      });
  }
  return promotionSchema.parse(def);
}

function randomBasket(r: Rng): Basket {
  const n = r.int(0, 10);
  return {
    lines: Array.from({ length: n }, (_, i) => ({
      lineId: `l${i}`,
      sku: r.chance(0.9) ? r.pick(SKUS) : null,
      categoryPath: r.pick(CATEGORIES),
      brand: r.chance(0.8) ? r.pick(BRANDS) : null,
      quantity: r.chance(0.8) ? r.int(1, 6) : r.int(1, 5000) / 1000,
      unitPrice: r.pick([0, 1, 99, 4990, r.int(1, 100000)]),
    })),
    storeCode: 'IST-01',
    channel: 'store',
    at: new Date(Date.UTC(2025, 0, 1) + r.int(0, 365 * 86400) * 1000),
    timeZone: IST,
    customer: r.chance(0.5) ? customer({ tierCode: r.pick(['GOLD', 'SILVER', null]) }) : null,
  };
}

describe('promotion engine properties (seeded)', () => {
  it('keeps the sums exact, the lines within their value and the result independent of input order', () => {
    const r = prng(20250312);
    const problems: string[] = [];
    const appliedByKind = new Map<string, number>();
    for (let run = 0; run < 3000; run++) {
      const b = randomBasket(r);
      const promos = Array.from({ length: r.int(0, 8) }, (_, i) => randomPromotion(r, `p${i}`));
      const result = evaluatePromotions(b, promos);
      const fail = (what: string) => problems.push(`run ${run}: ${what}`);

      if (result.lines.reduce((s, l) => s + l.discount, 0) !== result.totalDiscount) fail('line discounts do not add up');
      if (result.total !== result.subtotal - result.totalDiscount) fail('total');
      for (const l of result.lines) {
        if (!Number.isSafeInteger(l.discount) || l.discount < 0 || l.discount > l.amount) fail(`line ${l.lineId} discount ${l.discount}`);
        if (l.reasons.reduce((s, x) => s + x.amount, 0) !== l.discount) fail(`line ${l.lineId} reasons do not add up`);
        if (l.reasons.some((x) => x.amount <= 0)) fail(`line ${l.lineId} has an empty reason`);
        // a non-stackable promotion never shares a line
        const ids = l.reasons.map((x) => x.promotionId);
        for (const id of ids) if (!promos.find((p) => p.id === id)?.stackable && ids.length > 1) fail(`line ${l.lineId} shares ${id}`);
      }
      // every promotion is either applied or rejected, once
      const seen = [...result.applied, ...result.rejected.map((x) => x.promotionId)].sort();
      if (JSON.stringify(seen) !== JSON.stringify(promos.map((p) => p.id).sort())) fail('applied + rejected is not the input');
      // after an exclusive promotion applies, everything later is blocked
      const order = [...promos].sort(comparePromotions);
      const firstExclusive = order.findIndex((p) => p.exclusive && result.applied.includes(p.id));
      if (firstExclusive >= 0) {
        for (const p of order.slice(firstExclusive + 1)) {
          if (result.rejected.find((x) => x.promotionId === p.id)?.reason !== 'blocked_by_exclusive') fail(`${p.id} not blocked`);
        }
      }
      // deterministic: shuffled promotions and a JSON round trip of the definitions give the same answer
      const again = evaluatePromotions(b, JSON.parse(JSON.stringify(r.shuffle(promos))));
      if (JSON.stringify(again) !== JSON.stringify(result)) fail('order or serialisation changed the result');
      for (const id of result.applied) {
        const kind = promos.find((p) => p.id === id)?.kind as string;
        appliedByKind.set(kind, (appliedByKind.get(kind) ?? 0) + 1);
      }
    }
    expect(problems).toEqual([]);
    // the generator really exercises every kind
    for (const kind of ['percent_off', 'buy_get', 'n_for_m', 'basket_threshold', 'bundle_price']) {
      expect(appliedByKind.get(kind) ?? 0, kind).toBeGreaterThan(100);
    }
  });

  it('allocates capped amounts exactly', () => {
    const r = prng(7);
    const problems: string[] = [];
    for (let run = 0; run < 5000; run++) {
      const n = r.int(1, 8);
      const weights = Array.from({ length: n }, () => r.int(0, 10000));
      const caps = Array.from({ length: n }, () => r.int(0, 10000));
      const amount = r.int(0, 60000);
      const { parts, total } = allocateCapped(amount, weights, caps);
      const capacity = caps.reduce((s, c) => s + c, 0);
      if (total !== Math.min(amount, capacity)) problems.push(`run ${run}: total ${total}`);
      if (parts.reduce((s, p) => s + p, 0) !== total) problems.push(`run ${run}: parts do not add up`);
      if (parts.some((p, i) => !Number.isSafeInteger(p) || p < 0 || p > (caps[i] as number)))
        problems.push(`run ${run}: part out of bounds`);
    }
    expect(problems).toEqual([]);
  });
});
