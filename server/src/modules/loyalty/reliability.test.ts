import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Caller, startTestApp, type TestApp } from '../../testing/app';
import { generateCampaignCodes } from './campaigns';
import { loyaltyInvariantViolations } from './invariant';
import { amountOff, count, createCustomer, createProducts, createStore, expectCreated, idem, PROGRAM, posKey, uniq } from './test-helpers';

/**
 * The reliability cases, with real concurrency on PostgreSQL (TEST_DATABASE_URL) and the
 * serialised single session of the embedded database.
 */

let t: TestApp;
let owner: Caller;
let orgId: string;
let store: { id: string; code: string };
let pos: Caller;

beforeAll(async () => {
  t = await startTestApp();
  ({ owner, orgId } = await t.newOrg());
  store = await createStore(owner, 'IST-01');
  await createProducts(t, orgId);
  pos = await posKey(t, owner, store.code);
  await expectCreated(await owner.post('/api/v1/loyalty/programs', PROGRAM));
});
afterAll(() => t.close());

const receipt = (over: Record<string, unknown> = {}) => ({
  storeCode: store.code,
  receiptNumber: uniq('F'),
  occurredAt: new Date().toISOString(),
  lines: [{ sku: 'NVR-1', quantity: 1 }],
  payments: [{ method: 'card', amount: 150_000 }],
  ...over,
});

it('100 concurrent commits with the same Idempotency-Key: one receipt, points once, the same answer', async () => {
  const c = await createCustomer(owner);
  const body = receipt({ customer: { id: c.id } });
  const key = idem();
  const answers = await Promise.all(Array.from({ length: 100 }, () => pos.post('/api/v1/pos/receipts', body, key)));
  expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
  expect(new Set(answers.map((a) => a.body.receiptId)).size).toBe(1);
  expect(await count(t, orgId, 'receipts', 'receipt_number = $2', [body.receiptNumber])).toBe(1);
  expect(await count(t, orgId, 'points_ledger', 'customer_id = $2', [c.id])).toBe(1);
  const summary = await owner.get(`/api/v1/loyalty/customers/${c.id}`);
  expect(summary.body.accounts[0].balance).toBe(1500);
}, 120_000);

it('100 concurrent redemptions of one single-use coupon: exactly one succeeds, 99 get 409 COUPON_ALREADY_USED', async () => {
  const campaign = await expectCreated(
    await owner.post('/api/v1/loyalty/coupon-campaigns', {
      name: 'Tek kullanımlık',
      kind: 'unique',
      terms: { effect: amountOff('tek', 10_000, 50_000) },
    }),
  );
  await generateCampaignCodes(t.app.ctx, { orgId, campaignId: campaign.id, count: 1 });
  const [code] = (await owner.get(`/api/v1/loyalty/coupon-campaigns/${campaign.id}/codes`)).body.items.map((x: { code: string }) => x.code);
  const answers = await Promise.all(
    Array.from({ length: 100 }, () =>
      pos.post('/api/v1/pos/receipts', receipt({ couponCodes: [code], payments: [{ method: 'card', amount: 140_000 }] }), idem()),
    ),
  );
  const statuses = answers.map((a) => a.status);
  expect(statuses.filter((s) => s === 201)).toHaveLength(1);
  expect(statuses.filter((s) => s === 409)).toHaveLength(99);
  for (const a of answers.filter((x) => x.status === 409)) expect(a.body.code).toBe('COUPON_ALREADY_USED');
  expect(await count(t, orgId, 'coupon_redemptions', 'code = $2', [code])).toBe(1);
  const { rows } = await t.db.pool.query('select uses from coupon_codes where org_id = $1 and code = $2', [orgId, code]);
  expect(rows[0].uses).toBe(1);
  // The losers left nothing behind: one receipt carries the coupon.
  expect(await count(t, orgId, 'receipts', 'total = 140000')).toBe(1);
}, 120_000);

it('20 concurrent commits each redeeming 60% of the balance: one goes through, the balance never goes negative', async () => {
  const c = await createCustomer(owner);
  const adjust = await owner.post(`/api/v1/loyalty/customers/${c.id}/adjust`, { points: 10_000, reason: 'Açılış bakiyesi' }, idem());
  expect(adjust.status, JSON.stringify(adjust.body)).toBe(201);
  const answers = await Promise.all(
    Array.from({ length: 20 }, () =>
      pos.post(
        '/api/v1/pos/receipts',
        receipt({ customer: { id: c.id }, pointsToRedeem: 6_000, payments: [{ method: 'card', amount: 144_000 }] }),
        idem(),
      ),
    ),
  );
  const ok = answers.filter((a) => a.status === 201);
  expect(ok).toHaveLength(1);
  for (const a of answers.filter((x) => x.status !== 201)) {
    expect(a.status, JSON.stringify(a.body)).toBe(422);
    expect(a.body.code).toBe('insufficient_points');
  }
  const summary = await owner.get(`/api/v1/loyalty/customers/${c.id}`);
  expect(summary.body.accounts[0].balance).toBe(10_000 - 6_000 + 1_440);
  expect(ok[0].body.points).toMatchObject({ redeemed: 6_000, earned: 1_440, balance: 5_440 });
}, 120_000);

it('concurrent commits, redemptions and refunds of one customer keep the ledger whole: balance = sum, no negative prefix', async () => {
  const c = await createCustomer(owner);
  for (let round = 0; round < 3; round++) {
    const first = await Promise.all(
      Array.from({ length: 8 }, () => pos.post('/api/v1/pos/receipts', receipt({ customer: { id: c.id } }), idem())),
    );
    expect(first.every((a) => a.status === 201)).toBe(true);
    const mixed = await Promise.all([
      ...first.slice(0, 5).map((a) => pos.post(`/api/v1/pos/receipts/${a.body.receiptId}/refund`, {}, idem())),
      ...Array.from({ length: 8 }, () =>
        pos.post(
          '/api/v1/pos/receipts',
          receipt({ customer: { id: c.id }, pointsToRedeem: 3_000, payments: [{ method: 'card', amount: 147_000 }] }),
          idem(),
        ),
      ),
    ]);
    for (const a of mixed) expect([201, 422], JSON.stringify(a.body)).toContain(a.status);
    expect(await loyaltyInvariantViolations(t.db.pool)).toEqual([]);
  }
  const { rows } = await t.db.pool.query(
    `select a.balance, (select coalesce(sum(points), 0)::int from points_ledger l where l.org_id = a.org_id and l.customer_id = a.customer_id) as total
     from loyalty_accounts a where a.org_id = $1 and a.customer_id = $2`,
    [orgId, c.id],
  );
  expect(rows[0].balance).toBe(rows[0].total);
}, 180_000);
