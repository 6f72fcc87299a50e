import { afterAll, beforeAll, expect, it } from 'vitest';
import { bootstrap } from '../../app';
import { type Caller, startTestApp, TEST_PASSWORD, type TestApp } from '../../testing/app';
import { idem } from './test-helpers';

let t: TestApp;
let owner: Caller;
let orgId: string;
beforeAll(async () => {
  t = await startTestApp();
  const email = `demo.loyalty.${Date.now()}@test.muhtar.local`;
  ({ orgId } = await bootstrap(t.app.ctx, { email, password: TEST_PASSWORD }, { demo: true, customers: 120 }));
  owner = await t.login(email);
}, 120_000);
afterAll(() => t.close());

it('seeds a program with tiers, five promotions, a stamp card, 1,000 welcome codes and ledger history from the demo receipts', async () => {
  const programs = (await owner.get('/api/v1/loyalty/programs')).body.items;
  expect(programs).toEqual([
    expect.objectContaining({
      name: 'Kulüp Puan',
      brandId: null,
      tiers: expect.objectContaining({
        metric: 'spend',
        tiers: [
          expect.objectContaining({ name: 'Standart' }),
          expect.objectContaining({ name: 'Gümüş' }),
          expect.objectContaining({ name: 'Altın' }),
        ],
      }),
      definition: expect.objectContaining({
        earn: expect.objectContaining({ rate: { points: 1, per: 100 } }),
        burn: expect.objectContaining({ points: 100, value: 100 }),
        expiry: { months: 12, monthEnd: false },
      }),
    }),
  ]);
  expect((await owner.get('/api/v1/loyalty/promotions')).body.items).toHaveLength(5);
  expect((await owner.get('/api/v1/loyalty/stamp-cards')).body.items[0].definition.name).toBe('5 alışverişe 1 hediye');
  const campaigns = (await owner.get('/api/v1/loyalty/coupon-campaigns')).body.items;
  const welcome = campaigns.find((c: { kind: string }) => c.kind === 'unique');
  expect((await owner.get(`/api/v1/loyalty/coupon-campaigns/${welcome.id}`)).body.stats.codes).toBe(1000);
  const { rows } = await t.db.pool.query(
    `select count(distinct customer_id)::int as customers, count(*)::int as entries, sum(points)::int as points from points_ledger where org_id = $1`,
    [orgId],
  );
  expect(rows[0].customers).toBeGreaterThan(50);
  const { rows: accounts } = await t.db.pool.query(
    `select sum(balance)::int as balance, count(distinct tier_code)::int as tiers from loyalty_accounts where org_id = $1`,
    [orgId],
  );
  expect(accounts[0].balance).toBe(rows[0].points);
  expect(accounts[0].tiers).toBeGreaterThan(1);
});

it('lets the demo till work at once: identify a demo customer, commit with a demo code', async () => {
  const { rows } = await t.db.pool.query(
    `select c.phone, a.balance from loyalty_accounts a join customers c on c.org_id = a.org_id and c.id = a.customer_id
     where a.org_id = $1 and c.phone is not null and c.status = 'active' order by a.balance desc limit 1`,
    [orgId],
  );
  const found = await owner.post('/api/v1/pos/identify', { phone: rows[0].phone, storeCode: 'IST-01' });
  expect(found.body).toMatchObject({ found: true, customer: { pointsBalance: rows[0].balance, program: { name: 'Kulüp Puan' } } });
  const { rows: codes } = await t.db.pool.query(`select code from coupon_codes where org_id = $1 and code like 'HG%' limit 1`, [orgId]);
  const { rows: products } = await t.db.pool.query(
    `select sku, list_price from products where org_id = $1 and active and list_price > 80000 order by sku limit 1`,
    [orgId],
  );
  const e = await owner.post('/api/v1/pos/evaluate', {
    storeCode: 'IST-01',
    customer: { id: found.body.customer.id },
    lines: [{ sku: products[0].sku, quantity: 1 }],
    couponCodes: [codes[0].code],
  });
  expect(e.status, JSON.stringify(e.body)).toBe(200);
  expect(e.body.coupons[0]).toMatchObject({ status: 'ok', discount: 10_000 });
  const r = await owner.post(
    '/api/v1/pos/receipts',
    {
      storeCode: 'IST-01',
      receiptNumber: 'DEMO-TEST-1',
      occurredAt: new Date().toISOString(),
      customer: { id: found.body.customer.id },
      lines: [{ sku: products[0].sku, quantity: 1 }],
      couponCodes: [codes[0].code],
      payments: [{ method: 'card', amount: e.body.total }],
    },
    idem(),
  );
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  expect(r.body.points.balance).toBeGreaterThan(rows[0].balance);
});
