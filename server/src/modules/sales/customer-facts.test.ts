import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Caller, startTestApp, type TestApp } from '../../testing/app';
import { refreshCustomerFacts } from './customer-facts';
import { purchaseFactsViolations } from './facts-invariant';
import { createCustomer, createProducts, createStore, mobile, uniq } from './test-helpers';

// The per-customer purchase facts against the sales views after each kind of write. (Every suite's
// database is also checked when it closes: server/src/testing/database.ts.)

let t: TestApp;
let owner: Caller;
let orgId: string;
let store: { id: string; code: string };

beforeAll(async () => {
  t = await startTestApp({ worker: true });
  ({ owner, orgId } = await t.newOrg());
  store = await createStore(owner);
  await createProducts(t, orgId, [
    { sku: 'KZK', name: 'Yün Kazak', categoryPath: ['Giyim', 'Kazak'], brand: 'Anadolu' },
    { sku: 'NVR', name: 'Nevresim Takımı', categoryPath: ['Ev Tekstili', 'Nevresim'], brand: 'Taç' },
  ]);
});
afterAll(() => t.close());

interface Facts {
  purchases: number;
  net: number;
  first: string;
  last: string;
  categories: Record<string, string>;
  brands: Record<string, string>;
}

async function factsOf(customerId: string): Promise<Facts | null> {
  const q = (sql: string) => t.db.pool.query(sql, [orgId, customerId]).then((r) => r.rows);
  const [row] = await q(
    `select purchases, net_amount::int as net, first_date::text as first, last_date::text as last
     from sales_customer_facts where org_id = $1 and customer_id = $2`,
  );
  if (!row) return null;
  const categories = await q(
    'select category as k, last_date::text as d from sales_customer_categories where org_id = $1 and customer_id = $2',
  );
  const brands = await q('select brand as k, last_date::text as d from sales_customer_brands where org_id = $1 and customer_id = $2');
  const map = (rows: { k: string; d: string }[]) => Object.fromEntries(rows.map((r) => [r.k, r.d]));
  return { ...row, categories: map(categories), brands: map(brands) };
}

const receipt = (over: object) => ({
  storeCode: store.code,
  receiptNumber: uniq('F'),
  occurredAt: '2026-03-01T10:00:00Z',
  source: 'api',
  lines: [
    { sku: 'KZK', quantity: 1, unitPrice: 50_000 },
    { sku: 'NVR', quantity: 1, unitPrice: 80_000 },
  ],
  ...over,
});

async function record(over: object) {
  const res = await owner.post('/api/v1/sales/receipts', receipt(over));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.receipt as { id: string; total: number; customerId: string | null; claimCode: string | null };
}

describe('purchase facts', () => {
  it('follow receipts (late ones too), batches, orders and their cancellation, returns, claims and merges', async () => {
    const a = await createCustomer(owner);
    const b = await createCustomer(owner);
    expect(await factsOf(a.id)).toBeNull();

    await record({ customerId: a.id });
    // An offline till's receipt a month late: it counts on the day it happened.
    await record({ customerId: a.id, occurredAt: '2026-02-01T09:00:00Z', lines: [{ sku: 'KZK', quantity: 2, unitPrice: 50_000 }] });
    expect(await factsOf(a.id)).toEqual({
      purchases: 2,
      net: 230_000,
      first: '2026-02-01',
      last: '2026-03-01',
      categories: { Giyim: '2026-03-01', Kazak: '2026-03-01', 'Ev Tekstili': '2026-03-01', Nevresim: '2026-03-01' },
      brands: { Anadolu: '2026-03-01', Taç: '2026-03-01' },
    });

    // A batch with a repeat (nothing counted twice) and an anonymous receipt (no facts).
    const repeated = receipt({ customerId: b.id, occurredAt: '2026-03-10T12:00:00Z' });
    const batch = [
      repeated,
      repeated,
      receipt({ occurredAt: '2026-03-10T12:00:00Z' }),
      receipt({ customerId: a.id, occurredAt: '2026-03-11T12:00:00Z' }),
    ];
    const res = await owner.post('/api/v1/sales/receipts/batch', { receipts: batch });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ created: 3, repeats: 1 });
    expect(await factsOf(b.id)).toMatchObject({ purchases: 1, net: 130_000, first: '2026-03-10', last: '2026-03-10' });
    expect(await factsOf(a.id)).toMatchObject({ purchases: 3, net: 360_000, last: '2026-03-11' });

    // An online order counts until it is cancelled.
    const order = await owner.post('/api/v1/sales/orders', {
      channel: 'web',
      orderNumber: uniq('SP'),
      customerId: b.id,
      placedAt: '2026-04-02T08:00:00Z',
      lines: [{ sku: 'NVR', quantity: 1, unitPrice: 90_000 }],
    });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    expect(await factsOf(b.id)).toMatchObject({ purchases: 2, net: 220_000, last: '2026-04-02' });
    const cancelled = await owner.post(`/api/v1/sales/orders/${order.body.order.id}/status`, { status: 'cancelled' });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(await factsOf(b.id)).toMatchObject({ purchases: 1, net: 130_000, last: '2026-03-10' });

    // A return lowers the spend; a line returned whole is no longer "bought".
    const only = await record({
      customerId: b.id,
      occurredAt: '2026-05-05T10:00:00Z',
      lines: [{ sku: 'KZK', quantity: 1, unitPrice: 40_000 }],
    });
    expect((await factsOf(b.id))?.brands.Anadolu).toBe('2026-05-05');
    const ret = await owner.post('/api/v1/sales/returns', {
      receiptId: only.id,
      storeCode: store.code,
      lines: [{ lineNo: 1, quantity: 1 }],
    });
    expect(ret.status, JSON.stringify(ret.body)).toBe(201);
    expect(await factsOf(b.id)).toMatchObject({ purchases: 2, net: 130_000, last: '2026-05-05' });
    expect((await factsOf(b.id))?.brands.Anadolu).toBe('2026-03-10');

    // "Claim later": the anonymous receipt becomes the claimer's purchase.
    const anonymous = await record({ withClaimCode: true, occurredAt: '2026-06-01T10:00:00Z' });
    const claim = await owner.post('/api/v1/sales/claims', { code: anonymous.claimCode, phone: b.phone });
    expect(claim.status, JSON.stringify(claim.body)).toBe(200);
    expect(await factsOf(b.id)).toMatchObject({ purchases: 3, net: 260_000, last: '2026-06-01' });

    // A merge moves the merged customer's purchases to the survivor (the sales module does it on the event).
    const merged = await createCustomer(owner, { firstName: 'Ayşe', phone: mobile() });
    await record({ customerId: merged.id, occurredAt: '2026-01-15T10:00:00Z' });
    const merge = await owner.post(`/api/v1/customers/${a.id}/merge`, { mergedId: merged.id });
    expect(merge.status, JSON.stringify(merge.body)).toBe(200);
    await vi.waitFor(async () => expect(await factsOf(merged.id)).toBeNull(), { timeout: 15_000, interval: 200 });
    expect(await factsOf(a.id)).toMatchObject({ purchases: 4, net: 490_000, first: '2026-01-15', last: '2026-03-11' });

    expect(await purchaseFactsViolations(t.db.pool)).toEqual([]);
  });

  it('names the customer when a fact is wrong, and a recompute puts it right', async () => {
    const c = await createCustomer(owner);
    await record({ customerId: c.id });
    await t.db.pool.query('update sales_customer_facts set net_amount = net_amount + 1 where org_id = $1 and customer_id = $2', [
      orgId,
      c.id,
    ]);
    await t.db.pool.query(`update sales_customer_categories set last_date = '2020-01-01' where org_id = $1 and customer_id = $2`, [
      orgId,
      c.id,
    ]);
    const problems = await purchaseFactsViolations(t.db.pool);
    expect(problems.some((p) => p.startsWith(`sales_customer_facts org ${orgId} customer ${c.id}`))).toBe(true);
    expect(problems.some((p) => p.startsWith(`sales_customer_categories org ${orgId} customer ${c.id}`))).toBe(true);
    await t.db.tenant(orgId, (tx) => refreshCustomerFacts(tx, [c.id]));
    expect(await purchaseFactsViolations(t.db.pool)).toEqual([]);
  });

  it('stay exact when receipts, batches and returns of one customer arrive at once', async () => {
    const c = await createCustomer(owner);
    const earlier = await Promise.all([1, 2, 3].map((d) => record({ customerId: c.id, occurredAt: `2026-07-0${d}T10:00:00Z` })));
    const writes = [
      ...Array.from({ length: 12 }, (_, i) =>
        owner.post(
          '/api/v1/sales/receipts',
          receipt({ customerId: c.id, occurredAt: `2026-08-${String(i + 1).padStart(2, '0')}T10:00:00Z` }),
        ),
      ),
      ...[0, 1].map(() =>
        owner.post('/api/v1/sales/receipts/batch', { receipts: [receipt({ customerId: c.id }), receipt({ customerId: c.id })] }),
      ),
      ...earlier.map((r) =>
        owner.post('/api/v1/sales/returns', { receiptId: r.id, storeCode: store.code, lines: [{ lineNo: 2, quantity: 1 }] }),
      ),
    ];
    const answers = await Promise.all(writes);
    for (const res of answers) expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    expect(await factsOf(c.id)).toMatchObject({
      purchases: 3 + 12 + 4,
      net: 19 * 130_000 - 3 * 80_000,
      first: '2026-03-01',
      last: '2026-08-12',
    });
    expect(await purchaseFactsViolations(t.db.pool)).toEqual([]);
  });
});
