import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, expectProblem, signedInAs, startTestApp, type TestApp } from '../../testing/app';
import { createCustomer, createStore } from '../sales/test-helpers';

/**
 * A small fashion catalog and 20 receipts whose co-occurrence counts are known (org-wide: A in 6
 * baskets, E 3, F 3, H 8, I 2, D 2, C 1, J 3 — 20 baskets), so every score and reason is exact:
 *
 *   score = 0.6 × confidence + 0.4 × (0.35 category + 0.25 brand + 0.15 colour + 0.1 fit + 0.15 size)
 *   best sellers filling the list: 0.1 × share of the baskets.
 */
let t: TestApp;
let owner: Caller;
const ids: Record<string, string> = {};
let s1: { id: string; code: string };
let s2: { id: string; code: string };
let x: string; // bought A 70 days ago and E 5 days ago, in S1
let y: string; // bought A 70 days ago and C 3 days ago, in S2
let z: string; // bought nothing

const polo = ['Erkek', 'Üst Giyim', 'Polo Tişört'];
const catalog = {
  A: {
    sku: 'POLO-LAC-M',
    name: 'Polo Tişört Lacivert M',
    categoryPath: polo,
    brand: 'U.S. Polo Assn.',
    attributes: { colour: 'Lacivert', fit: 'Slim', size: 'M' },
  },
  B: {
    sku: 'POLO-LAC-L',
    name: 'Polo Tişört Lacivert L',
    categoryPath: polo,
    brand: 'U.S. Polo Assn.',
    attributes: { colour: 'Lacivert', fit: 'Slim', size: 'L' },
  },
  C: {
    sku: 'POLO-BEY-M',
    name: 'Polo Tişört Beyaz M',
    categoryPath: polo,
    brand: 'U.S. Polo Assn.',
    attributes: { colour: 'Beyaz', fit: 'Regular', size: 'M' },
  },
  D: {
    sku: 'TSH-LAC-M',
    name: 'Tişört Lacivert M',
    categoryPath: ['Erkek', 'Üst Giyim', 'Tişört'],
    brand: 'Cacharel',
    attributes: { colour: 'Lacivert', fit: 'Regular', size: 'M' },
  },
  E: { sku: 'KEMER-01', name: 'Deri Kemer', categoryPath: ['Erkek', 'Aksesuar', 'Kemer'], brand: 'Pierre Cardin', attributes: {} },
  F: {
    sku: 'CHINO-32',
    name: 'Chino Pantolon Bej',
    categoryPath: ['Erkek', 'Alt Giyim', 'Pantolon'],
    brand: 'Cacharel',
    attributes: { colour: 'Bej', fit: 'Slim', size: '32' },
  },
  G: {
    sku: 'POLO-SIY-M',
    name: 'Polo Tişört Siyah M',
    categoryPath: polo,
    brand: 'U.S. Polo Assn.',
    attributes: { colour: 'Siyah', fit: 'Slim', size: 'M' },
  },
  H: {
    sku: 'NEV-CIFT',
    name: 'Nevresim Takımı Çift',
    categoryPath: ['Ev Tekstili', 'Nevresim'],
    brand: 'Taç',
    attributes: { colour: 'Beyaz' },
  },
  I: { sku: 'CORAP-3', name: 'Çorap 3lü', categoryPath: ['Erkek', 'Aksesuar', 'Çorap'], brand: 'Pierre Cardin', attributes: {} },
  J: { sku: 'CANTA', name: 'Alışveriş Çantası', categoryPath: ['Aksesuar'], brand: null, attributes: {} },
} as const;
type Key = keyof typeof catalog;

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Istanbul' }).format(new Date());
const daysAgo = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

let receiptNo = 0;
async function receipt(store: { code: string }, ago: number, keys: Key[], customerId?: string) {
  const res = await owner.post('/api/v1/sales/receipts', {
    storeCode: store.code,
    receiptNumber: `R${++receiptNo}`,
    occurredAt: `${daysAgo(ago)}T12:00:00`,
    customerId,
    lines: keys.map((k) => ({ sku: catalog[k].sku, quantity: 1, unitPrice: 10_000 })),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

const reco = (caller: Caller, customerId: string, query: Record<string, string> = {}, lang = 'tr') =>
  caller.get(`/api/v1/analytics/customers/${customerId}/recommendations`, { query, headers: { 'accept-language': lang } });

type Item = { productId: string; sku: string; score: number; reasons: { kind: string; text: string }[] };
const summary = (items: Item[]) => items.map((i) => [i.sku, i.score, i.reasons.map((r) => r.kind)]);

beforeAll(async () => {
  t = await startTestApp();
  ({ owner } = await t.newOrg());
  s1 = await createStore(owner, 'S1');
  s2 = await createStore(owner, 'S2');
  for (const [k, p] of Object.entries(catalog)) {
    const res = await owner.post('/api/v1/catalog/products', { ...p, listPrice: 89_990 });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids[k] = res.body.id;
  }
  x = (await createCustomer(owner)).id;
  y = (await createCustomer(owner)).id;
  z = (await createCustomer(owner)).id;
  await receipt(s1, 70, ['A'], x);
  await receipt(s1, 5, ['E'], x);
  for (const basket of [
    ['A', 'F'],
    ['A', 'F'],
    ['A', 'F', 'H'],
    ['A', 'H'],
    ['E', 'I'],
    ['E', 'I'],
    ['H'],
    ['H'],
    ['H'],
    ['H'],
    ['H'],
    ['J'],
    ['J'],
    ['J'],
  ] as Key[][])
    await receipt(s1, 10, basket);
  await receipt(s2, 70, ['A'], y);
  await receipt(s2, 3, ['C'], y);
  await receipt(s2, 10, ['D']);
  await receipt(s2, 10, ['D', 'H']);
  // Out of the range after they were sold: never recommended.
  for (const k of ['G', 'J'] as Key[])
    expect((await owner.patch(`/api/v1/catalog/products/${ids[k]}`, { active: false })).status).toBe(200);
}, 120_000);
afterAll(() => t.close());

describe('recommendations for a customer', () => {
  it('blends co-occurrence and similarity with exact scores and reasons, then fills with best sellers', async () => {
    const res = await reco(owner, x);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.basis).toEqual({
      coldStart: false,
      purchasedProducts: 2,
      excludedRecent: 1,
      excludeDays: 30,
      baskets: 20,
      basketsFrom: daysAgo(365),
    });
    // I: with E in 2 of E's 3 baskets (lift 6.7) + same brand as E. F: with A in 3 of 6 (lift 3.3;
    // A + H has lift 0.83: not a reason) + same fit. C: category, brand, size M of A (colour and fit
    // differ). Then best sellers not bought: H 8/20, D 2/20 (in their size). Left out: E (bought 5
    // days ago), A (nothing but itself in common), B (size L, they buy M in Üst Giyim), G and J (inactive).
    expect(summary(res.body.items)).toEqual([
      ['CORAP-3', 0.5, ['together', 'brand']],
      ['CHINO-32', 0.34, ['together', 'fit']],
      ['POLO-BEY-M', 0.3, ['category', 'brand', 'size']],
      ['NEV-CIFT', 0.04, ['popular']],
      ['TSH-LAC-M', 0.01, ['popular', 'size']],
    ]);
    const [corap, chino, poloBeyaz, nevresim, tisort] = res.body.items;
    expect(corap).toMatchObject({
      productId: ids.I,
      name: 'Çorap 3lü',
      category: 'Erkek > Aksesuar > Çorap',
      brand: 'Pierre Cardin',
      listPrice: 89_990,
    });
    expect(corap.reasons.map((r: { text: string }) => r.text)).toEqual([
      'Deri Kemer ile birlikte alınıyor: onun olduğu sepetlerin %67 kadarında bu da var.',
      'Deri Kemer ile aynı marka (Pierre Cardin).',
    ]);
    expect(chino.reasons[0].text).toBe('Polo Tişört Lacivert M ile birlikte alınıyor: onun olduğu sepetlerin %50 kadarında bu da var.');
    expect(poloBeyaz.reasons.map((r: { text: string }) => r.text)).toEqual([
      'Polo Tişört Lacivert M ile aynı kategoride (Erkek > Üst Giyim > Polo Tişört).',
      'Polo Tişört Lacivert M ile aynı marka (U.S. Polo Assn.).',
      'Müşterinin bedeni: M.',
    ]);
    expect(nevresim.reasons[0].text).toBe('Çok satan: sepetlerin %40 kadarında var.');
    expect(tisort.reasons[1].text).toBe('Müşterinin bedeni: M.');
  });

  it('answers in the request language and honours the limit', async () => {
    const res = await reco(owner, x, { limit: '2' }, 'en');
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: Item) => i.sku)).toEqual(['CORAP-3', 'CHINO-32']);
    expect(res.body.items[1].reasons.map((r: { text: string }) => r.text)).toEqual([
      'Bought together with Polo Tişört Lacivert M: in 50% of the baskets that have it.',
      'Same fit as Polo Tişört Lacivert M (Slim).',
    ]);
  });

  it('leaves out what was bought in the last excludeDays days, and prefers their size', async () => {
    // Y bought A (Lacivert, Slim, M) 70 days ago and C (Beyaz, Regular, M) 3 days ago.
    const res = await reco(owner, y, { limit: '3' });
    expect(res.body.basis).toMatchObject({ purchasedProducts: 2, excludedRecent: 1 });
    expect(summary(res.body.items)).toEqual([
      ['CHINO-32', 0.34, ['together', 'fit']],
      ['POLO-LAC-M', 0.3, ['category', 'brand', 'size']],
      ['NEV-CIFT', 0.04, ['popular']],
    ]);
    // A is recommended again for what it shares with C (bought after it), never for itself.
    expect(res.body.items[1].reasons[0].text).toContain('Polo Tişört Beyaz M');
    // C was bought 3 days ago: inside 30 and 4 days, outside the last 3 days (today and the two before).
    const four = await reco(owner, y, { limit: '3', excludeDays: '4' });
    expect(four.body.items.map((i: Item) => i.sku)).not.toContain('POLO-BEY-M');
    const three = await reco(owner, y, { limit: '3', excludeDays: '3' });
    expect(three.body.basis).toMatchObject({ excludedRecent: 0, excludeDays: 3 });
    expect(summary(three.body.items)).toEqual([
      ['CHINO-32', 0.34, ['together', 'fit']],
      ['POLO-BEY-M', 0.3, ['category', 'brand', 'size']],
      ['POLO-LAC-M', 0.3, ['category', 'brand', 'size']],
    ]);
    // The other size of the same polo (L) is never offered to an M customer.
    const all = await reco(owner, y, { limit: '50', excludeDays: '0' });
    expect(all.body.items.map((i: Item) => i.sku)).not.toContain('POLO-LAC-L');
    expect(all.body.items.map((i: Item) => i.sku)).not.toContain('POLO-SIY-M');
  });

  it('gives a customer with no purchases the best sellers, saying so', async () => {
    const res = await reco(owner, z, { limit: '2' });
    expect(res.status).toBe(200);
    expect(res.body.basis).toMatchObject({ coldStart: true, purchasedProducts: 0, excludedRecent: 0, baskets: 20 });
    expect(summary(res.body.items)).toEqual([
      ['NEV-CIFT', 0.04, ['popular']],
      ['POLO-LAC-M', 0.03, ['popular']],
    ]);
    expect(res.body.items[1].reasons[0].text).toBe('Çok satan: sepetlerin %30 kadarında var.');
  });

  it('limits a store manager to their stores', async () => {
    const manager = await signedInAs(t, owner, 'store_manager', [s2.id]);
    // X bought only in S1: for S2's manager X is a cold start among S2's 4 baskets (D in 2).
    const res = await reco(manager, x);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.basis).toMatchObject({ coldStart: true, baskets: 4 });
    expect(res.body.items[0]).toMatchObject({ sku: 'TSH-LAC-M', score: 0.05 });
    expect(
      res.body.items
        .slice(1)
        .map((i: Item) => [i.sku, i.score])
        .sort(),
    ).toEqual([
      ['NEV-CIFT', 0.025],
      ['POLO-BEY-M', 0.025],
      ['POLO-LAC-M', 0.025],
    ]);
    expectProblem(await reco(manager, x, { storeCode: s1.code }), 403, 'store_not_allowed');
    // The owner narrowed to S1 sees only S1's 16 baskets.
    const own = await reco(owner, x, { storeCode: s1.code });
    expect(own.body.basis).toMatchObject({ coldStart: false, baskets: 16 });
    const associate = await signedInAs(t, owner, 'associate', [s2.id]);
    expectProblem(await reco(associate, x), 403, 'forbidden');
  });

  it('refuses bad input with a 400 and unknown or foreign customers with a 404', async () => {
    const bad: Record<string, string>[] = [
      { limit: '0' },
      { limit: '51' },
      { limit: 'on' },
      { excludeDays: '-1' },
      { excludeDays: '1.5' },
      { extra: '1' },
    ];
    for (const query of bad) expectProblem(await reco(owner, x, query), 400, 'validation_failed');
    expectProblem(await owner.get('/api/v1/analytics/customers/not-a-uuid/recommendations'), 400, 'validation_failed');
    expectProblem(await reco(owner, x, { storeCode: 'YOK' }), 422, 'unknown_store');
    expectProblem(await reco(owner, '01900000-0000-7000-8000-000000000000'), 404, 'not_found');
    const other = await t.newOrg();
    expectProblem(await reco(other.owner, x), 404, 'not_found');
  });
});
