import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, expectProblem, signedInAs, startTestApp, type TestApp } from '../../testing/app';
import { createCustomer, createProducts, createStore } from '../sales/test-helpers';

/**
 * A hand-built fortnight: the previous week (2–8 March 2026) and the week under report (9–15
 * March) in two stores with three cashiers, anonymous and recognised receipts, a partial return,
 * an online order on a day its customer also bought in a store, a new and a returning customer.
 */
let t: TestApp;
let owner: Caller;
let orgId: string;
let s1: { id: string; code: string };
let s2: { id: string; code: string };
let a: { id: string };
let b: { id: string };
const week = { from: '2026-03-09', to: '2026-03-15' };

const receipt = async (
  store: { code: string },
  n: string,
  day: string,
  cashierCode: string,
  customerId: string | null,
  lines: { sku: string; quantity: number; unitPrice: number }[],
) => {
  const res = await owner.post('/api/v1/sales/receipts', {
    storeCode: store.code,
    receiptNumber: n,
    cashierCode,
    occurredAt: `${day}T10:00:00Z`,
    ...(customerId ? { customerId } : {}),
    lines,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.receipt;
};
const milk = (quantity: number, unitPrice = 5_000) => ({ sku: 'SUT', quantity, unitPrice });
const chips = (unitPrice: number) => ({ sku: 'CIPS', quantity: 1, unitPrice });
const nappies = (unitPrice: number, quantity = 1) => ({ sku: 'BEZ', quantity, unitPrice });

beforeAll(async () => {
  t = await startTestApp();
  ({ owner, orgId } = await t.newOrg());
  s1 = await createStore(owner, 'S1');
  s2 = await createStore(owner, 'S2');
  for (const code of ['SUP1', 'SUP2']) {
    expect((await owner.post('/api/v1/catalog/suppliers', { code, name: `Tedarikçi ${code}` })).status).toBe(201);
  }
  await createProducts(t, orgId, [
    { sku: 'SUT', name: 'Süt 1 L', categoryPath: ['Gıda', 'Süt'], brand: 'Pınar', supplierCode: 'SUP1', attributes: { packSize: '1 L' } },
    {
      sku: 'CIPS',
      name: 'Cips',
      categoryPath: ['Gıda', 'Atıştırmalık'],
      brand: 'Lays',
      supplierCode: 'SUP1',
      attributes: { size: '150 g' },
    },
    {
      sku: 'BEZ',
      name: 'Bebek bezi',
      categoryPath: ['Bebek', 'Bez'],
      brand: 'Prima',
      supplierCode: 'SUP2',
      attributes: { packSize: '40' },
    },
  ] as never);
  a = await createCustomer(owner, { firstName: 'Ayşe' });
  b = await createCustomer(owner, { firstName: 'Burak' });
  expect(
    (await owner.post(`/api/v1/customers/${a.id}/consents`, { channels: ['sms'], status: 'granted', source: 'HS_FIZIKSEL_ORTAM' })).status,
  ).toBe(201);

  // Before both weeks and the previous week.
  await receipt(s2, 'E1', '2026-02-20', 'K2', a.id, [milk(4)]);
  await receipt(s1, 'P1', '2026-03-03', 'K1', a.id, [milk(2)]);
  await receipt(s1, 'P2', '2026-03-04', 'K1', null, [nappies(5_000)]);
  // The week.
  await receipt(s1, 'R1', '2026-03-09', 'K1', a.id, [milk(2)]);
  await receipt(s1, 'R2', '2026-03-09', 'K1', null, [chips(3_000)]);
  await receipt(s1, 'R3', '2026-03-10', 'K2', b.id, [milk(1), chips(3_000)]);
  await receipt(s2, 'R4', '2026-03-11', 'K3', null, [nappies(4_000)]);
  await receipt(s1, 'R5', '2026-03-12', 'K2', a.id, [nappies(6_000)]);
  await receipt(s2, 'R6', '2026-03-12', 'K3', null, [chips(2_000)]);
  // One of R1's two milks comes back: R1 nets 5,000.
  const ret = await owner.post('/api/v1/sales/returns', { storeCode: s1.code, receiptNumber: 'R1', lines: [{ lineNo: 1, quantity: 1 }] });
  expect(ret.status, JSON.stringify(ret.body)).toBe(201);
  // B also orders online the day of R3 (one purchase day), no store.
  const order = await owner.post('/api/v1/sales/orders', {
    channel: 'web',
    orderNumber: 'W1',
    placedAt: '2026-03-10T09:00:00Z',
    customerId: b.id,
    lines: [nappies(6_000, 2)],
  });
  expect(order.status, JSON.stringify(order.body)).toBe(201);
}, 120_000);
afterAll(() => t.close());

const kpis = (caller: Caller, query: Record<string, string>) => caller.get('/api/v1/analytics/kpis', { query });
const nullConsents = { sms: null, call: null, email: null, whatsapp: null };

describe('KPIs', () => {
  it('computes every KPI of the week and of the week before', async () => {
    const res = await kpis(owner, week);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const quality = [
      (await owner.get(`/api/v1/customers/${a.id}`)).body.quality.score,
      (await owner.get(`/api/v1/customers/${b.id}`)).body.quality.score,
    ];
    expect(res.body).toMatchObject({
      period: { from: '2026-03-09', to: '2026-03-15', days: 7 },
      previousPeriod: { from: '2026-03-02', to: '2026-03-08', days: 7 },
      bucket: 'day',
      brandId: null,
      storeIds: null,
    });
    expect(res.body.current).toEqual({
      receipts: 6,
      recognisedReceipts: 3,
      recognisedRatio: 0.5,
      orders: 1,
      purchases: 7,
      revenue: 40_000,
      averageBasket: 5_714,
      activeCustomers: 2,
      newCustomers: 1,
      returningCustomers: 1,
      repeatCustomers: 1,
      repeatRate: 0.5,
      purchaseDays: 3,
      purchaseFrequency: 1.5,
      customerRevenue: 31_000,
      revenuePerCustomer: 15_500,
      consentRates: { sms: 0.5, call: 0, email: 0, whatsapp: 0 },
      dataQuality: Math.round(((quality[0] + quality[1]) / 2) * 10) / 10,
    });
    expect(res.body.previous).toEqual({
      receipts: 2,
      recognisedReceipts: 1,
      recognisedRatio: 0.5,
      orders: 0,
      purchases: 2,
      revenue: 15_000,
      averageBasket: 7_500,
      activeCustomers: 1,
      newCustomers: 0,
      returningCustomers: 1,
      repeatCustomers: 0,
      repeatRate: 0,
      purchaseDays: 1,
      purchaseFrequency: 1,
      customerRevenue: 10_000,
      revenuePerCustomer: 10_000,
      consentRates: { sms: 1, call: 0, email: 0, whatsapp: 0 },
      dataQuality: quality[0],
    });
    expect(res.body.series).toEqual([
      {
        date: '2026-03-09',
        receipts: 2,
        recognisedReceipts: 1,
        recognisedRatio: 0.5,
        revenue: 8_000,
        newCustomers: 0,
        returningCustomers: 1,
      },
      {
        date: '2026-03-10',
        receipts: 1,
        recognisedReceipts: 1,
        recognisedRatio: 1,
        revenue: 20_000,
        newCustomers: 1,
        returningCustomers: 0,
      },
      {
        date: '2026-03-11',
        receipts: 1,
        recognisedReceipts: 0,
        recognisedRatio: 0,
        revenue: 4_000,
        newCustomers: 0,
        returningCustomers: 0,
      },
      {
        date: '2026-03-12',
        receipts: 2,
        recognisedReceipts: 1,
        recognisedRatio: 0.5,
        revenue: 8_000,
        newCustomers: 0,
        returningCustomers: 1,
      },
      ...['13', '14', '15'].map((d) => ({
        date: `2026-03-${d}`,
        receipts: 0,
        recognisedReceipts: 0,
        recognisedRatio: null,
        revenue: 0,
        newCustomers: 0,
        returningCustomers: 0,
      })),
    ]);
    const none = await kpis(owner, { ...week, compare: 'none' });
    expect(none.body).toMatchObject({ previous: null, previousPeriod: null });
  });

  it('limits a store: new means new to the store, online orders stay out', async () => {
    const res = await kpis(owner, { ...week, storeCode: 'S1' });
    expect(res.body.storeIds).toEqual([s1.id]);
    expect(res.body.current).toMatchObject({
      receipts: 4,
      recognisedReceipts: 3,
      recognisedRatio: 0.75,
      orders: 0,
      revenue: 22_000,
      averageBasket: 5_500,
      activeCustomers: 2,
      newCustomers: 1,
      returningCustomers: 1,
      repeatCustomers: 1,
      purchaseDays: 3,
      customerRevenue: 19_000,
      revenuePerCustomer: 9_500,
    });
  });

  it('shows a store manager their store only', async () => {
    const manager = await signedInAs(t, owner, 'store_manager', [s2.id]);
    const res = await kpis(manager, week);
    expect(res.body.storeIds).toEqual([s2.id]);
    expect(res.body.current).toMatchObject({
      receipts: 2,
      recognisedReceipts: 0,
      recognisedRatio: 0,
      revenue: 6_000,
      activeCustomers: 0,
      repeatRate: null,
      purchaseFrequency: null,
      revenuePerCustomer: null,
      consentRates: nullConsents,
      dataQuality: null,
    });
    expect(res.body.previous).toMatchObject({ receipts: 0, recognisedRatio: null, averageBasket: null });
    expectProblem(await kpis(manager, { ...week, storeCode: 'S1' }), 403, 'store_not_allowed');
    const stores = await manager.get('/api/v1/analytics/kpis/stores', { query: week });
    expect(stores.body.stores.map((s: { storeCode: string }) => s.storeCode)).toEqual(['S2']);
    const cashiers = await manager.get('/api/v1/analytics/cashiers', { query: week });
    expect(cashiers.body.items.map((c: { cashierCode: string }) => c.cashierCode)).toEqual(['K3']);
    const associate = await signedInAs(t, owner, 'associate', [s2.id]);
    expectProblem(await kpis(associate, week), 403, 'forbidden');
  });

  it('answers an empty window with zeros and nulls, and charts long periods by week', async () => {
    const res = await kpis(owner, { from: '2020-01-01', to: '2020-01-07' });
    expect(res.status).toBe(200);
    expect(res.body.current).toMatchObject({
      receipts: 0,
      recognisedRatio: null,
      revenue: 0,
      averageBasket: null,
      activeCustomers: 0,
      repeatRate: null,
      consentRates: nullConsents,
      dataQuality: null,
    });
    expect(JSON.stringify(res.body)).not.toContain('NaN');
    const long = await kpis(owner, { from: '2026-01-01', to: '2026-06-30' });
    expect(long.body.bucket).toBe('week');
    expect(long.body.series).toHaveLength(26);
    // 7-day buckets from 1 January: the tenth is 5–11 March (R1–R4 and the order).
    expect(long.body.series[9]).toMatchObject({ date: '2026-03-05', receipts: 4, revenue: 32_000 });
    expect(long.body.series.reduce((s: number, p: { receipts: number }) => s + p.receipts, 0)).toBe(9);
  });

  it('refuses bad input with a 400 (or 422 for an unknown store), and shows another org nothing', async () => {
    const bad: Record<string, string>[] = [
      { from: '2026-03-15', to: '2026-03-09' },
      { from: '2020-01-01', to: '2023-12-31' },
      { from: 'dün' },
      { ...week, compare: 'year' },
      { ...week, extra: '1' },
    ];
    for (const query of bad) {
      expectProblem(await kpis(owner, query), 400, 'validation_failed');
    }
    expect((await kpis(owner, { from: '2020-01-01', to: '2022-12-31' })).status).toBe(200);
    expectProblem(await kpis(owner, { ...week, storeCode: 'YOK' }), 422, 'unknown_store');
    expectProblem(await kpis(owner, { ...week, brand: 'YOK' }), 422, 'unknown_brand');
    const stranger = await t.newOrg();
    const res = await kpis(stranger.owner, week);
    expect(res.body.current).toMatchObject({ receipts: 0, revenue: 0, activeCustomers: 0 });
    expect((await stranger.owner.get('/api/v1/analytics/cashiers', { query: week })).body).toMatchObject({ total: 0, items: [] });
    expect((await stranger.owner.get('/api/v1/analytics/assortment', { query: week })).body).toMatchObject({ total: 0, items: [] });
    expectProblem(
      await stranger.owner.get('/api/v1/analytics/coop', {
        query: { supplier: 'SUP1', campaignFrom: week.from, campaignTo: week.to, baselineFrom: week.from, baselineTo: week.to, rate: '5' },
      }),
      422,
      'unknown_supplier',
    );
  });

  it('compares the stores', async () => {
    const res = await owner.get('/api/v1/analytics/kpis/stores', { query: week });
    expect(res.body.stores).toEqual([
      {
        storeId: s1.id,
        storeCode: 'S1',
        storeName: 'Mağaza S1',
        receipts: 4,
        recognisedReceipts: 3,
        recognisedRatio: 0.75,
        purchases: 4,
        revenue: 22_000,
        averageBasket: 5_500,
        activeCustomers: 2,
      },
      {
        storeId: s2.id,
        storeCode: 'S2',
        storeName: 'Mağaza S2',
        receipts: 2,
        recognisedReceipts: 0,
        recognisedRatio: 0,
        purchases: 2,
        revenue: 6_000,
        averageBasket: 3_000,
        activeCustomers: 0,
      },
    ]);
  });
});

describe('cashier leaderboard', () => {
  it('ranks the cashiers by the share of receipts naming a customer', async () => {
    const res = await owner.get('/api/v1/analytics/cashiers', { query: week });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.total).toBe(3);
    expect(
      res.body.items.map((c: Record<string, unknown>) => [c.rank, c.storeCode, c.cashierCode, c.receipts, c.recognisedReceipts, c.share]),
    ).toEqual([
      [1, 'S1', 'K2', 2, 2, 1],
      [2, 'S1', 'K1', 2, 1, 0.5],
      [3, 'S2', 'K3', 2, 0, 0],
    ]);
    const page = await owner.get('/api/v1/analytics/cashiers', { query: { ...week, limit: '1', offset: '1' } });
    expect(page.body).toMatchObject({ total: 3, items: [{ rank: 2, cashierCode: 'K1' }] });
    const csv = await owner.get('/api/v1/analytics/cashiers', { query: { ...week, format: 'csv' } });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toContain('kasiyer-2026-03-09-2026-03-15.csv');
    expect(
      String(csv.body)
        .replace(/^\uFEFF/, '')
        .split('\r\n')
        .slice(0, 3),
    ).toEqual([
      'rank,store_code,store_name,cashier_code,receipts,recognised_receipts,share',
      '1,S1,Mağaza S1,K2,2,2,1.0000',
      '2,S1,Mağaza S1,K1,2,1,0.5000',
    ]);
    expectProblem(await owner.get('/api/v1/analytics/cashiers', { query: { ...week, limit: '0' } }), 400, 'validation_failed');
    expectProblem(await owner.get('/api/v1/analytics/cashiers', { query: { ...week, format: 'xml' } }), 400, 'validation_failed');
  });
});

describe('store assortment', () => {
  it('indexes each store’s category shares against the chain’s', async () => {
    const res = await owner.get('/api/v1/analytics/assortment', { query: { ...week, limit: '100' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const rows = res.body.items.map((r: Record<string, unknown>) => [r.storeCode, r.key, r.storeSales, r.index, r.signal]);
    // S1: milk 10,000, snacks 6,000, nappies 6,000 of 22,000; S2: nappies 4,000, snacks 2,000 of 6,000;
    // the chain: milk 10,000, snacks 8,000, nappies 10,000 of 28,000 (the online order has no store).
    expect(rows).toEqual(
      expect.arrayContaining([
        ['S1', 'Gıda > Süt', 10_000, 127.3, 'over'],
        ['S1', 'Gıda > Atıştırmalık', 6_000, 95.5, 'normal'],
        ['S1', 'Bebek > Bez', 6_000, 76.4, 'under'],
        ['S2', 'Bebek > Bez', 4_000, 186.7, 'over'],
        ['S2', 'Gıda > Atıştırmalık', 2_000, 116.7, 'normal'],
      ]),
    );
    expect(rows).toHaveLength(5);
    expect(res.body.items[0]).toMatchObject({ chainSales: expect.any(Number), storeShare: expect.any(Number) });
    const over = await owner.get('/api/v1/analytics/assortment', { query: { ...week, only: 'over' } });
    expect(over.body.items.map((r: { key: string }) => r.key).sort()).toEqual(['Bebek > Bez', 'Gıda > Süt']);
    const brands = await owner.get('/api/v1/analytics/assortment', { query: { ...week, level: 'brand', storeCode: 'S2' } });
    expect(brands.status, JSON.stringify(brands.body)).toBe(200);
    expect(brands.body.items.map((r: Record<string, unknown>) => [r.key, r.index])).toEqual([
      ['Prima', 186.7],
      ['Lays', 116.7],
    ]);
    // By pack size: the `packSize` attribute, else the `size` (the snacks).
    const packs = await owner.get('/api/v1/analytics/assortment', { query: { ...week, level: 'pack', storeCode: 'S2' } });
    expect(packs.status, JSON.stringify(packs.body)).toBe(200);
    expect(packs.body.items.map((r: Record<string, unknown>) => [r.key, r.index])).toEqual([
      ['Bebek > Bez · 40', 186.7],
      ['Gıda > Atıştırmalık · 150 g', 116.7],
    ]);
    const csv = await owner.get('/api/v1/analytics/assortment', { query: { ...week, storeCode: 'S2', format: 'csv' } });
    expect(csv.headers['content-disposition']).toContain('asortiman-category-2026-03-09-2026-03-15.csv');
    expect(
      String(csv.body)
        .replace(/^\uFEFF/, '')
        .split('\r\n')[1],
    ).toBe('S2,Mağaza S2,Bebek > Bez,40.00,1,0.6667,100.00,0.3571,186.7,over');
    expectProblem(await owner.get('/api/v1/analytics/assortment', { query: { ...week, level: 'size' } }), 400, 'validation_failed');
    const manager = await signedInAs(t, owner, 'store_manager', [s2.id]);
    const mine = await manager.get('/api/v1/analytics/assortment', { query: week });
    // The chain share stays the chain's: the index is the same as the owner sees.
    expect(mine.body.items.map((r: Record<string, unknown>) => [r.storeCode, r.key, r.index])).toEqual([
      ['S2', 'Bebek > Bez', 186.7],
      ['S2', 'Gıda > Atıştırmalık', 116.7],
    ]);
  });
});

describe('supplier co-op report', () => {
  const coop = (query: Record<string, string>, caller = owner) =>
    caller.get('/api/v1/analytics/coop', {
      query: {
        supplier: 'SUP1',
        campaignFrom: week.from,
        campaignTo: week.to,
        baselineFrom: '2026-02-16',
        baselineTo: '2026-03-08',
        rate: '5',
        ...query,
      },
    });

  it('compares the campaign with the baseline scaled to its length, and invoices the increment', async () => {
    const res = await coop({});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // Campaign: milk 5,000 + 5,000, chips 3,000 + 3,000 + 2,000; baseline (21 days): milk 20,000 + 10,000 → 10,000 for 7 days.
    expect(res.body).toMatchObject({ supplier: { code: 'SUP1' }, products: 2, rate: 5, scale: 1 / 3 });
    expect(res.body.totals).toEqual({
      campaignSales: 18_000,
      campaignUnits: 5,
      baselineSales: 30_000,
      baselineUnits: 6,
      expectedSales: 10_000,
      expectedUnits: 2,
      incrementalSales: 8_000,
      incrementalUnits: 3,
      invoice: 400,
    });
    expect(
      res.body.stores.map((s: Record<string, unknown>) => [s.storeCode, s.campaignSales, s.expectedSales, s.incrementalSales]),
    ).toEqual([
      ['S1', 16_000, 3_333, 12_667],
      ['S2', 2_000, 6_667, -4_667],
    ]);
    expect(res.body.series).toHaveLength(7);
    expect(res.body.series[0]).toEqual({ date: '2026-03-09', sales: 5_000 + 3_000, units: 2, baselineSales: 1_429 });
    const csv = await coop({ format: 'csv' });
    expect(
      String(csv.body)
        .replace(/^\uFEFF/, '')
        .split('\r\n')[3],
    ).toBe('TOPLAM,Tedarikçi SUP1,180.00,5,300.00,100.00,80.00,3,4.00');
  });

  it('never invoices a fall in sales, and checks its input', async () => {
    const res = await coop({ campaignFrom: '2026-03-02', campaignTo: '2026-03-08', baselineFrom: week.from, baselineTo: week.to });
    expect(res.body.totals).toMatchObject({ campaignSales: 10_000, expectedSales: 18_000, incrementalSales: -8_000, invoice: 0 });
    expectProblem(await coop({ rate: '101' }), 400, 'validation_failed');
    expectProblem(await coop({ campaignFrom: '2026-03-16' }), 400, 'validation_failed');
    expectProblem(await coop({ supplier: 'YOK' }), 422, 'unknown_supplier');
    const manager = await signedInAs(t, owner, 'store_manager', [s2.id]);
    expect((await coop({}, manager)).body.totals).toMatchObject({ campaignSales: 2_000, expectedSales: 6_667, invoice: 0 });
  });
});
