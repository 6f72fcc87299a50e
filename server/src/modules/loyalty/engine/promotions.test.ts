import { describe, expect, it } from 'vitest';
import { evaluatePromotions } from './promotions/evaluate';
import { basket, customer, line, promo } from './test-support';

const milk = (price = 4990, qty = 1) => line('SUT-1L', price, qty, { categoryPath: ['Gıda', 'Süt Ürünleri'], brand: 'Pınar' });
const discounts = (r: ReturnType<typeof evaluatePromotions>) => r.lines.map((l) => l.discount);

describe('N for M ("3 al 2 öde")', () => {
  const threeForTwo = promo({ id: 'p-3al2', label: '3 al 2 öde', kind: 'n_for_m', target: { skus: ['SUT-1L'] }, n: 3, m: 2 });

  it('gives one of three 49,90 TL lines free', () => {
    const r = evaluatePromotions(basket([milk(), milk(), milk()]), [threeForTwo]);
    expect(r.subtotal).toBe(14970);
    expect(r.totalDiscount).toBe(4990);
    expect(r.total).toBe(9980);
    expect(discounts(r)).toEqual([4990, 0, 0]); // equal prices: the earliest line carries the free unit
    expect(r.lines[0]?.reasons).toEqual([{ promotionId: 'p-3al2', label: '3 al 2 öde', amount: 4990 }]);
    expect(r.applied).toEqual(['p-3al2']);
  });

  it('works on one line of quantity 3', () => {
    const r = evaluatePromotions(basket([milk(4990, 3)]), [threeForTwo]);
    expect(r.lines[0]).toMatchObject({ amount: 14970, discount: 4990, net: 9980 });
  });

  it('frees the cheapest units of mixed prices, one per complete group', () => {
    const target = { categories: [['Kozmetik']] };
    const p = promo({ id: 'p', kind: 'n_for_m', target, n: 3, m: 2 });
    const item = (price: number) => line(`K${price}`, price, 1, { categoryPath: ['Kozmetik', 'Şampuan'] });
    const six = [1000, 900, 800, 700, 600, 500].map(item);
    expect(discounts(evaluatePromotions(basket(six), [p]))).toEqual([0, 0, 0, 0, 600, 500]);
    expect(evaluatePromotions(basket(six.slice(0, 5)), [p]).totalDiscount).toBe(600);
    const once = promo({ id: 'p', kind: 'n_for_m', target, n: 3, m: 2, maxApplications: 1 });
    expect(discounts(evaluatePromotions(basket(six), [once]))).toEqual([0, 0, 0, 0, 0, 500]);
  });

  it('says how many items are missing', () => {
    const r = evaluatePromotions(basket([milk(), milk()]), [threeForTwo]);
    expect(r.rejected).toEqual([{ promotionId: 'p-3al2', reason: 'quantity_not_met', params: { required: 3, actual: 2 } }]);
    expect(r.totalDiscount).toBe(0);
  });
});

describe('buy X get Y', () => {
  const shampoo = (price = 8990) => line(`SMP-${price}`, price, 1, { categoryPath: ['Kozmetik', 'Şampuan'] });
  const cream = (price: number) => line(`KRM-${price}`, price, 1, { categoryPath: ['Kozmetik', 'Saç Kremi'] });
  const p = promo({
    id: 'b2g1',
    kind: 'buy_get',
    buy: { target: { categories: [['Kozmetik', 'Şampuan']] }, quantity: 2 },
    get: { target: { categories: [['kozmetik', 'SAÇ KREMİ']] }, quantity: 1, percent: 100 },
  });

  it('gives the cheapest conditioner free for two shampoos', () => {
    const r = evaluatePromotions(basket([shampoo(), shampoo(), cream(5990), cream(4490)]), [p]);
    expect(discounts(r)).toEqual([0, 0, 0, 4490]);
  });

  it('repeats per complete group', () => {
    const r = evaluatePromotions(basket([shampoo(), shampoo(), shampoo(), shampoo(), cream(5990), cream(4490)]), [p]);
    expect(r.totalDiscount).toBe(10480);
  });

  it('needs the buy quantity', () => {
    const r = evaluatePromotions(basket([shampoo(), cream(5990)]), [p]);
    expect(r.rejected[0]).toMatchObject({ reason: 'quantity_not_met', params: { required: 2, actual: 1 } });
  });

  it('gives a percentage off the Y item from the same set ("ikincisi %50")', () => {
    const half = promo({
      id: 'h',
      kind: 'buy_get',
      buy: { target: { skus: ['KAZAK-A', 'KAZAK-B'] }, quantity: 1 },
      get: { quantity: 1, percent: 50 },
    });
    const r = evaluatePromotions(basket([line('KAZAK-A', 59990), line('KAZAK-B', 39990)]), [half]);
    expect(discounts(r)).toEqual([0, 19995]);
  });

  it('rounds the percentage half up per line', () => {
    const half = promo({ id: 'h', kind: 'buy_get', buy: { target: { skus: ['X'] }, quantity: 1 }, get: { quantity: 1, percent: 50 } });
    const r = evaluatePromotions(basket([line('X', 999, 2)]), [half]);
    expect(r.totalDiscount).toBe(500); // 4,995 → 5,00
  });

  it('never counts weighed (fractional) lines as units', () => {
    const r = evaluatePromotions(basket([line('X', 1000, 2.5)]), [
      promo({ id: 'n', kind: 'n_for_m', target: { skus: ['X'] }, n: 2, m: 1 }),
    ]);
    expect(r.applied).toEqual([]);
  });
});

describe('percent off (category / brand / SKU)', () => {
  it('rounds half up per line', () => {
    const p = promo({ id: 'bebek15', kind: 'percent_off', target: { categories: [['Bebek']] }, percent: 15 });
    const lines = [
      line('BEZ', 1990, 1, { categoryPath: ['Bebek', 'Bez'] }),
      line('MAMA', 3333, 1, { categoryPath: ['Bebek', 'Mama'] }),
      line('SUT', 1990, 1, { categoryPath: ['Gıda'] }),
    ];
    const r = evaluatePromotions(basket(lines), [p]);
    expect(discounts(r)).toEqual([299, 500, 0]); // 298,5 → 299; 499,95 → 500
  });

  it('matches brand AND category, Turkish-insensitively, with exclusions', () => {
    const p = promo({
      id: 'pinar',
      kind: 'percent_off',
      target: { brands: ['PINAR'], categories: [['gida', 'sut urunleri']], exclude: { skus: ['SUT-5L'] } },
      percent: 10,
    });
    const lines = [
      milk(1000),
      line('SUT-5L', 5000, 1, { categoryPath: ['Gıda', 'Süt Ürünleri'], brand: 'Pınar' }),
      line('SU', 1000, 1, { categoryPath: ['Gıda', 'Su'], brand: 'Pınar' }),
      line('SUT-X', 1000, 1, { categoryPath: ['Gıda', 'Süt Ürünleri'], brand: 'Sütaş' }),
    ];
    expect(discounts(evaluatePromotions(basket(lines), [p]))).toEqual([100, 0, 0, 0]);
  });

  it('spreads a maximum discount pro rata', () => {
    const p = promo({ id: 'p', kind: 'percent_off', target: {}, percent: 20, maxDiscount: 5000 });
    const r = evaluatePromotions(basket([line('A', 10000), line('B', 30000)]), [p]);
    expect(discounts(r)).toEqual([1250, 3750]);
  });

  it('rounds a weighed line to the kuruş first', () => {
    const r = evaluatePromotions(basket([line('MUZ', 2990, 1.234)]), [promo({ id: 'p', kind: 'percent_off', target: {}, percent: 10 })]);
    expect(r.lines[0]).toMatchObject({ amount: 3690, discount: 369 }); // 36,8966 → 36,90
  });
});

describe('basket threshold', () => {
  const lines = () => [line('A', 20000), line('B', 15000), line('C', 16000)];

  it('allocates an amount off pro rata with largest remainder so the lines add up', () => {
    const p = promo({ id: 't', kind: 'basket_threshold', steps: [{ threshold: 50000, reward: { type: 'amount_off', amount: 5000 } }] });
    const r = evaluatePromotions(basket(lines()), [p]);
    expect(discounts(r)).toEqual([1961, 1470, 1569]);
    expect(r.totalDiscount).toBe(5000);
  });

  it('takes the highest step reached', () => {
    const p = promo({
      id: 't',
      kind: 'basket_threshold',
      steps: [
        { threshold: 50000, reward: { type: 'amount_off', amount: 5000 } },
        { threshold: 100000, reward: { type: 'amount_off', amount: 15000 } },
      ],
    });
    expect(evaluatePromotions(basket([line('A', 120000)]), [p]).totalDiscount).toBe(15000);
    expect(evaluatePromotions(basket([line('A', 99999)]), [p]).totalDiscount).toBe(5000);
    expect(evaluatePromotions(basket([line('A', 49999)]), [p]).rejected[0]).toEqual({
      promotionId: 't',
      reason: 'threshold_not_met',
      params: { threshold: 50000, actual: 49999 },
    });
  });

  it('gives a percentage of the basket, capped', () => {
    const p = promo({
      id: 't',
      kind: 'basket_threshold',
      steps: [{ threshold: 50000, reward: { type: 'percent_off', percent: 10, maxDiscount: 4000 } }],
    });
    expect(evaluatePromotions(basket(lines()), [p]).totalDiscount).toBe(4000);
  });

  it('gives bonus points without touching the lines', () => {
    const p = promo({ id: 't', kind: 'basket_threshold', steps: [{ threshold: 50000, reward: { type: 'bonus_points', points: 500 } }] });
    const r = evaluatePromotions(basket(lines()), [p]);
    expect(r.totalDiscount).toBe(0);
    expect(r.bonusPoints).toEqual([{ promotionId: 't', points: 500 }]);
    expect(r.applied).toEqual(['t']);
  });

  it('counts only its target lines', () => {
    const p = promo({
      id: 't',
      kind: 'basket_threshold',
      target: { categories: [['Bebek']] },
      steps: [{ threshold: 15000, reward: { type: 'amount_off', amount: 1500 } }],
    });
    const r = evaluatePromotions(basket([line('BEZ', 16000, 1, { categoryPath: ['Bebek', 'Bez'] }), line('TV', 900000)]), [p]);
    expect(discounts(r)).toEqual([1500, 0]);
  });
});

describe('bundle price', () => {
  it('sells shampoo + conditioner for 119,90 and allocates the saving', () => {
    const p = promo({
      id: 'set',
      kind: 'bundle_price',
      items: [
        { target: { skus: ['SMP'] }, quantity: 1 },
        { target: { skus: ['KRM'] }, quantity: 1 },
      ],
      price: 11990,
    });
    const r = evaluatePromotions(basket([line('SMP', 8990), line('KRM', 5990)]), [p]);
    expect(discounts(r)).toEqual([1794, 1196]);
    expect(r.total).toBe(11990);
  });

  it('repeats "2 for 50 TL" per complete pair', () => {
    const p = promo({ id: 'pair', kind: 'bundle_price', items: [{ target: { skus: ['X'] }, quantity: 2 }], price: 5000 });
    expect(evaluatePromotions(basket([line('X', 2990, 5)]), [p]).totalDiscount).toBe(1960);
    expect(evaluatePromotions(basket([line('X', 2990, 1)]), [p]).rejected[0]?.reason).toBe('quantity_not_met');
  });

  it('does nothing when the bundle is not cheaper', () => {
    const p = promo({ id: 'pair', kind: 'bundle_price', items: [{ target: { skus: ['X'] }, quantity: 2 }], price: 5000 });
    expect(evaluatePromotions(basket([line('X', 2000, 2)]), [p]).rejected[0]?.reason).toBe('no_discount');
  });
});

describe('priority, stacking and exclusivity', () => {
  const tenPercent = (extra: Record<string, unknown> = {}) =>
    promo({ id: 'ten', kind: 'percent_off', target: {}, percent: 10, priority: 10, ...extra });
  const threeForTwo = (extra: Record<string, unknown> = {}) =>
    promo({ id: 'n3', kind: 'n_for_m', target: { skus: ['SUT-1L'] }, n: 3, m: 2, priority: 5, ...extra });

  it('stacks stackable promotions on what is left of each line, in priority order', () => {
    const r = evaluatePromotions(basket([milk(1000), milk(1000), milk(1000)]), [threeForTwo(), tenPercent()]);
    expect(r.applied).toEqual(['ten', 'n3']);
    expect(discounts(r)).toEqual([1000, 100, 100]); // 10% each, then the free unit capped at its remaining 900
    expect(r.lines[0]?.reasons.map((x) => x.amount)).toEqual([100, 900]);
  });

  it('keeps a non-stackable promotion off discounted lines ("indirimli ürünlerde geçerli değildir")', () => {
    const r = evaluatePromotions(basket([milk(1000), milk(1000), milk(1000)]), [threeForTwo({ stackable: false }), tenPercent()]);
    expect(r.rejected).toEqual([{ promotionId: 'n3', reason: 'no_discount' }]);
  });

  it('locks the lines a non-stackable promotion discounted', () => {
    const other = line('EKMEK', 1500);
    const r = evaluatePromotions(basket([milk(1000), milk(1000), milk(1000), other]), [
      threeForTwo({ stackable: false, priority: 20 }),
      tenPercent(),
    ]);
    expect(discounts(r)).toEqual([1000, 100, 100, 150]);
  });

  it('stops everything of lower priority after an exclusive promotion applies', () => {
    const r = evaluatePromotions(basket([milk(1000), milk(1000), milk(1000)]), [tenPercent({ exclusive: true }), threeForTwo()]);
    expect(r.applied).toEqual(['ten']);
    expect(r.rejected).toEqual([{ promotionId: 'n3', reason: 'blocked_by_exclusive' }]);
  });

  it('lets the next ones apply when the exclusive promotion does not', () => {
    const r = evaluatePromotions(basket([milk(1000), milk(1000), milk(1000)]), [
      tenPercent({ exclusive: true, conditions: { tiers: ['GOLD'] } }),
      threeForTwo(),
    ]);
    expect(r.applied).toEqual(['n3']);
    expect(r.rejected).toEqual([{ promotionId: 'ten', reason: 'customer_required' }]);
  });

  it('breaks equal priorities by id, whatever the input order', () => {
    const a = promo({ id: 'a', kind: 'percent_off', target: {}, percent: 10, exclusive: true });
    const b = promo({ id: 'b', kind: 'percent_off', target: {}, percent: 20, exclusive: true });
    const b1 = basket([milk(1000)]);
    const one = evaluatePromotions(b1, [b, a]);
    expect(one.applied).toEqual(['a']);
    expect(evaluatePromotions(b1, [a, b])).toEqual(one);
  });

  it('reports a duplicate id once', () => {
    const r = evaluatePromotions(basket([milk(1000)]), [tenPercent(), tenPercent()]);
    expect(r.rejected).toEqual([{ promotionId: 'ten', reason: 'duplicate_promotion' }]);
  });

  it('never discounts a line below zero', () => {
    const all = promo({ id: 'free', kind: 'percent_off', target: {}, percent: 100, priority: 9 });
    const off = promo({ id: 'off', kind: 'basket_threshold', steps: [{ threshold: 1, reward: { type: 'amount_off', amount: 1 } }] });
    const r = evaluatePromotions(basket([milk(1000)]), [all, off, tenPercent()]);
    expect(discounts(r)).toEqual([1000]);
    expect(r.total).toBe(0);
  });
});

describe('conditions', () => {
  const p = (conditions: Record<string, unknown>) => promo({ id: 'p', kind: 'percent_off', target: {}, percent: 10, conditions });
  const reason = (conditions: Record<string, unknown>, extra: Parameters<typeof basket>[1] = {}, couponCodes?: string[]) =>
    evaluatePromotions(basket([milk(10000)], extra), [p(conditions)], { couponCodes }).rejected[0]?.reason ?? 'applied';

  it('checks customer tier, segment and tag', () => {
    expect(reason({ tiers: ['GOLD'] })).toBe('customer_required');
    expect(reason({ tiers: ['GOLD'] }, { customer: customer({ tierCode: 'SILVER' }) })).toBe('tier_not_eligible');
    expect(reason({ tiers: ['GOLD', 'SILVER'] }, { customer: customer({ tierCode: 'SILVER' }) })).toBe('applied');
    expect(reason({ segments: ['champions'] }, { customer: customer({ segments: ['at_risk'] }) })).toBe('segment_not_eligible');
    expect(reason({ segments: ['champions'] }, { customer: customer({ segments: ['champions'] }) })).toBe('applied');
    expect(reason({ tags: ['personel'] }, { customer: customer({ tags: [] }) })).toBe('tag_not_eligible');
    expect(reason({ tags: ['personel'] }, { customer: customer({ tags: ['personel'] }) })).toBe('applied');
    expect(reason({ requiresCustomer: true })).toBe('customer_required');
  });

  it('checks store and channel', () => {
    expect(reason({ storeCodes: ['ANK-01'] })).toBe('store_not_eligible');
    expect(reason({ storeCodes: ['ANK-01', 'IST-01'] })).toBe('applied');
    expect(reason({ channels: ['web'] })).toBe('channel_not_eligible');
    expect(reason({ channels: ['web'] }, { channel: 'web' })).toBe('applied');
  });

  it('is unlocked by a coupon code, typed any way', () => {
    expect(reason({ couponCodes: ['YILBASI-25'] })).toBe('coupon_required');
    expect(reason({ couponCodes: ['YILBASI-25'] }, {}, ['OTHER'])).toBe('coupon_required');
    const r = evaluatePromotions(basket([milk(10000)]), [p({ couponCodes: ['YILBASI-25'] })], { couponCodes: ['yılbaşı 25'] });
    expect(r.applied).toEqual(['p']);
    expect(r.couponsUsed).toEqual([{ code: 'YILBASI25', promotionId: 'p' }]);
  });

  it('compares the minimum basket with the value after earlier discounts', () => {
    const first = promo({ id: 'a', kind: 'percent_off', target: {}, percent: 10, priority: 1 });
    const r = evaluatePromotions(basket([milk(10000)]), [first, p({ minimumBasket: 10000 })]);
    expect(r.rejected).toEqual([{ promotionId: 'p', reason: 'minimum_basket_not_met', params: { minimum: 10000, actual: 9000 } }]);
    expect(reason({ minimumBasket: 10000 })).toBe('applied');
  });
});

describe('time conditions in the org time zone (Europe/Istanbul, UTC+3)', () => {
  const at = (iso: string) => ({ at: new Date(iso) });
  const run = (conditions: Record<string, unknown>, iso: string) =>
    evaluatePromotions(basket([milk(1000)], at(iso)), [promo({ id: 'p', kind: 'percent_off', target: {}, percent: 10, conditions })])
      .rejected[0]?.reason ?? 'applied';

  it('reads weekdays on the Istanbul wall clock across midnight', () => {
    const weekend = { weekdays: [6, 7] };
    expect(run(weekend, '2025-03-07T20:59:00Z')).toBe('outside_weekdays'); // Friday 23:59 in Istanbul
    expect(run(weekend, '2025-03-07T21:00:00Z')).toBe('applied'); // Saturday 00:00 in Istanbul, still Friday in UTC
    expect(run(weekend, '2025-03-09T20:59:00Z')).toBe('applied'); // Sunday 23:59
    expect(run(weekend, '2025-03-09T21:00:00Z')).toBe('outside_weekdays'); // Monday 00:00
  });

  it('keeps a window that crosses midnight on the day it started', () => {
    const fridayNight = { weekdays: [5], hours: [{ from: '22:00', to: '02:00' }] };
    expect(run(fridayNight, '2025-03-07T18:59:00Z')).toBe('outside_hours'); // Friday 21:59
    expect(run(fridayNight, '2025-03-07T19:00:00Z')).toBe('applied'); // Friday 22:00
    expect(run(fridayNight, '2025-03-07T22:30:00Z')).toBe('applied'); // Saturday 01:30: Friday's night
    expect(run(fridayNight, '2025-03-07T23:00:00Z')).toBe('outside_weekdays'); // Saturday 02:00
    expect(run(fridayNight, '2025-03-06T22:30:00Z')).toBe('outside_hours'); // Friday 01:30: Thursday's night
  });

  it('uses half-open hour windows', () => {
    const lunch = { hours: [{ from: '12:00', to: '14:00' }] };
    expect(run(lunch, '2025-03-12T08:59:59Z')).toBe('outside_hours'); // 11:59:59
    expect(run(lunch, '2025-03-12T09:00:00Z')).toBe('applied'); // 12:00
    expect(run(lunch, '2025-03-12T10:59:59Z')).toBe('applied'); // 13:59:59
    expect(run(lunch, '2025-03-12T11:00:00Z')).toBe('outside_hours'); // 14:00
  });

  it('reads date ranges as local days, the end day inclusive', () => {
    const march = { validFrom: '2025-03-01', validUntil: '2025-03-31' };
    expect(run(march, '2025-02-28T20:59:00Z')).toBe('not_started'); // 28 Feb 23:59
    expect(run(march, '2025-02-28T21:00:00Z')).toBe('applied'); // 1 Mar 00:00 in Istanbul
    expect(run(march, '2025-03-31T20:59:00Z')).toBe('applied'); // 31 Mar 23:59
    expect(run(march, '2025-03-31T21:00:00Z')).toBe('expired'); // 1 Apr 00:00
    const minutes = { validFrom: '2025-03-12T10:30', validUntil: '2025-03-12T18:00' };
    expect(run(minutes, '2025-03-12T07:29:00Z')).toBe('not_started');
    expect(run(minutes, '2025-03-12T07:30:00Z')).toBe('applied');
    expect(run(minutes, '2025-03-12T15:00:00Z')).toBe('expired'); // 18:00 is exclusive
  });

  it('uses the basket time zone, not the server one', () => {
    const morning = { hours: [{ from: '09:00', to: '10:00' }] };
    const r = evaluatePromotions(basket([milk(1000)], { at: new Date('2025-03-12T09:30:00Z'), timeZone: 'Europe/London' }), [
      promo({ id: 'p', kind: 'percent_off', target: {}, percent: 10, conditions: morning }),
    ]);
    expect(r.applied).toEqual(['p']); // 09:30 in London, 12:30 in Istanbul
  });
});
