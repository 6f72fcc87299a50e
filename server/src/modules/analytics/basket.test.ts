import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishedJob, startImport } from '../../platform/imports/test-helpers';
import { type Caller, expectProblem, signedInAs, startTestApp, type TestApp } from '../../testing/app';
import { groceriesCsv, hasReferenceData } from '../sales/import/reference-data';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ worker: true });
});
afterAll(() => t.close());

type Rule = { antecedent: { name: string }[]; consequent: { name: string }[]; lift: number; confidence: number; count: number };
const names = (r: Rule) => [r.antecedent.map((i) => i.name).sort(), r.consequent.map((i) => i.name)];

describe('bad input', () => {
  let owner: Caller;
  beforeAll(async () => {
    ({ owner } = await t.newOrg());
  });

  it('refuses thresholds out of range with a 400, and answers an empty selection with no rules', async () => {
    const bad: Record<string, string>[] = [
      { minSupport: '0' },
      { minSupport: '1.5' },
      { minConfidence: '-0.1' },
      { minConfidence: '2' },
      { level: 'aisle' },
    ];
    for (const query of bad) {
      expectProblem(await owner.get('/api/v1/analytics/basket/rules', { query }), 400, 'validation_failed');
    }
    const empty = await owner.get('/api/v1/analytics/basket/rules', { query: { minSupport: '0.001', from: '2020-01-01' } });
    expect(empty.body).toEqual({ baskets: 0, minCount: 0, total: 0, rules: [] });
    expectProblem(await owner.get('/api/v1/analytics/basket/rules', { query: { storeCode: 'YOK' } }), 422, 'unknown_store');
    expectProblem(await owner.get('/api/v1/analytics/basket/together'), 400, 'validation_failed');
  });
});

describe.skipIf(!hasReferenceData)('Groceries through the sales import (arules)', () => {
  let owner: Caller;
  const rules = (query: Record<string, string>) =>
    owner.get('/api/v1/analytics/basket/rules', { query: { minSupport: '0.001', minConfidence: '0.5', ...query } });

  beforeAll(async () => {
    ({ owner } = await t.newOrg());
    const jobId = await startImport(
      owner,
      { name: 'groceries.csv', data: groceriesCsv() },
      { receiptNumber: 'receiptNumber', occurredAt: 'occurredAt', sku: 'sku', productName: 'productName' },
      { kind: 'sales' },
    );
    expect((await finishedJob(owner, jobId, 180_000)).status).toBe('succeeded');
  }, 240_000);

  it('finds the 5,668 rules and the published top three by lift', async () => {
    const started = Date.now();
    const res = await rules({ limit: '3' });
    console.log(`groceries rules: ${Date.now() - started} ms (read + mine + rules)`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ baskets: 9835, minCount: 10, total: 5668 });
    expect(res.body.rules.map(names)).toEqual([
      [['Instant food products', 'soda'], ['hamburger meat']],
      [['popcorn', 'soda'], ['salty snack']],
      [['baking powder', 'flour'], ['sugar']],
    ]);
    expect(res.body.rules.map((r: Rule) => r.lift.toFixed(3))).toEqual(['18.996', '16.698', '16.408']);
    expect(res.body.rules[0].consequent[0]).toMatchObject({ sku: 'hamburger meat', productId: expect.any(String) });
  });

  it('sorts and pages the cached rules: 371 with confidence above 0.8', async () => {
    const started = Date.now();
    const res = await rules({ sort: 'confidence', limit: '400' });
    console.log(`groceries rules again (cached): ${Date.now() - started} ms`);
    const confidences = res.body.rules.map((r: Rule) => r.confidence);
    expect(confidences.filter((c: number) => c > 0.8)).toHaveLength(371);
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
    const page = await rules({ sort: 'confidence', limit: '10', offset: '370' });
    expect(page.body.rules[0]).toEqual(res.body.rules[370]);
    expect(page.body.total).toBe(5668);
  });

  it('refuses a support too low for the basket count, with the reason', async () => {
    const res = await rules({ minSupport: '0.0001' });
    expect(expectProblem(res, 422, 'support_too_low').detail).toContain('9835');
  });

  it('mines categories and brands only where lines have them', async () => {
    const res = await rules({ level: 'category' });
    expect(res.body).toMatchObject({ baskets: 0, total: 0 });
  });

  it('says what is bought together with a product and with a basket, and why', async () => {
    const one = await owner.get('/api/v1/analytics/basket/together', {
      query: { sku: 'flour', minSupport: '0.001', minConfidence: '0.3' },
    });
    expect(one.status, JSON.stringify(one.body)).toBe(200);
    expect(one.body.items.length).toBeGreaterThan(0);
    expect(one.body.items[0]).toMatchObject({ because: [{ sku: 'flour' }], reason: expect.stringContaining('flour') });
    const basket = await owner.post(
      '/api/v1/analytics/basket/together',
      { skus: ['Instant food products', 'soda'], minSupport: 0.001, minConfidence: 0.5 },
      { headers: { 'accept-language': 'en' } },
    );
    expect(basket.status, JSON.stringify(basket.body)).toBe(200);
    expect(basket.body.items[0]).toMatchObject({ product: { name: 'hamburger meat' }, count: expect.any(Number) });
    expect(basket.body.items[0].reason).toMatch(/^\d+% of those who bought (Instant food products \+ soda|soda \+ Instant food products)/);
    expect(basket.body.items.map((i: { product: { name: string } }) => i.product.name)).not.toContain('soda');
  });

  it('shows a store manager only the baskets of their stores', async () => {
    const store = (await owner.post('/api/v1/stores', { code: 'BOS01', name: 'Boş mağaza' })).body.id;
    const manager = await signedInAs(t, owner, 'store_manager', [store]);
    const res = await manager.get('/api/v1/analytics/basket/rules', { query: { minSupport: '0.001' } });
    expect(res.body).toMatchObject({ baskets: 0, total: 0 });
    const associate = await signedInAs(t, owner, 'associate', [store]);
    expectProblem(await associate.get('/api/v1/analytics/basket/rules'), 403, 'forbidden');
  });
});
