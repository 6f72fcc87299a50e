import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, expectProblem, startTestApp, type TestApp } from '../../testing/app';
import { customerPurchaseSummary } from './service';
import { countRows, createCustomer, createProducts, createStore, mobile, uniq } from './test-helpers';

let t: TestApp;
let owner: Caller;
let orgId: string;
let store: { id: string; code: string };

beforeAll(async () => {
  t = await startTestApp();
  ({ owner, orgId } = await t.newOrg());
  store = await createStore(owner, 'BRS-01');
  await createProducts(t, orgId, [
    { sku: 'CNT-01', name: 'Deri Çanta Taba', categoryPath: ['Aksesuar'] },
    { sku: 'CZM-38', name: 'Bot Siyah 38', categoryPath: ['Ayakkabı'] },
  ]);
});
afterAll(() => t.close());

const receipt = (customerId: string | null, total = 10_000) => ({
  storeCode: store.code,
  receiptNumber: uniq('F'),
  occurredAt: new Date().toISOString(),
  customerId,
  lines: [{ sku: 'CNT-01', quantity: 1, unitPrice: total }],
});

describe('cart, browsing and wishlist activity', () => {
  it('records events for a customer found by phone, e-mail or external id, and keeps the wishlist', async () => {
    const c = await createCustomer(owner, { email: `alici.${Date.now()}@example.com`, externalIds: ['web:W-991'] });
    const cart = await owner.post('/api/v1/sales/activity', {
      type: 'cart_updated',
      phone: c.phone,
      skus: ['CNT-01', 'CZM-38'],
      cartValue: 245_000,
      sessionId: 'sess-1',
    });
    expect(cart.status, JSON.stringify(cart.body)).toBe(200);
    expect(cart.body.customerId).toBe(c.id);
    const viewed = await owner.post('/api/v1/sales/activity', {
      type: 'product_viewed',
      externalId: 'W-991',
      channel: 'web',
      sku: 'CZM-38',
    });
    expect(viewed.body.customerId).toBe(c.id);
    await owner.post('/api/v1/sales/activity', { type: 'checkout_started', customerId: c.id, cartValue: 245_000 });
    await owner.post('/api/v1/sales/activity', { type: 'wishlist_added', customerId: c.id, skus: ['CNT-01', 'CZM-38'] });
    await owner.post('/api/v1/sales/activity', { type: 'wishlist_removed', customerId: c.id, sku: 'CZM-38' });
    const summary = await owner.get('/api/v1/sales/summary', { query: { customerId: c.id } });
    expect(summary.body.wishlist).toMatchObject([{ sku: 'CNT-01', productName: 'Deri Çanta Taba' }]);
    const timeline = await owner.get(`/api/v1/customers/${c.id}/timeline`);
    const types = timeline.body.items.map((e: { type: string }) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['cart.updated', 'product.viewed', 'checkout.started', 'wishlist.added', 'wishlist.removed']),
    );
    const cartEvent = timeline.body.items.find((e: { type: string }) => e.type === 'cart.updated');
    expect(cartEvent.payload).toMatchObject({ skus: ['CNT-01', 'CZM-38'], cartValue: 245_000, currency: 'TRY', sessionId: 'sess-1' });
    expect(JSON.stringify(cartEvent.payload)).not.toContain(c.phone);
  });

  it('keeps unknown shoppers anonymous, needs a customer for a wishlist, and refuses bad input', async () => {
    const anonymous = await owner.post('/api/v1/sales/activity', { type: 'cart_updated', phone: mobile(), skus: ['CNT-01'] });
    expect(anonymous.body.customerId).toBeNull();
    expect(await countRows(t, orgId, 'events', 'id = $2 and customer_id is null', [anonymous.body.eventId])).toBe(1);
    expectProblem(
      await owner.post('/api/v1/sales/activity', { type: 'wishlist_added', email: 'kimse@example.com', sku: 'CNT-01' }),
      422,
      'customer_required',
    );
    expectProblem(await owner.post('/api/v1/sales/activity', { type: 'product_viewed' }), 400, 'validation_failed');
    expectProblem(await owner.post('/api/v1/sales/activity', { type: 'cart_updated', phone: '123' }), 400, 'validation_failed');
    expectProblem(await owner.post('/api/v1/sales/activity', { type: 'cart_updated', cartValue: 12.5 }), 400, 'validation_failed');
    expectProblem(await owner.post('/api/v1/sales/activity', { type: 'purchased' }), 400, 'validation_failed');
    expectProblem(
      await owner.post('/api/v1/sales/activity', { type: 'cart_updated', customerId: '0190a4f0-0000-7000-8000-000000000000' }),
      422,
      'unknown_customer',
    );
    // Idempotent with a key: a retried event is one event.
    const headers = { 'idempotency-key': uniq('act') };
    const a = await owner.post('/api/v1/sales/activity', { type: 'checkout_started', cartValue: 1 }, { headers });
    const b = await owner.post('/api/v1/sales/activity', { type: 'checkout_started', cartValue: 1 }, { headers });
    expect(b.body.eventId).toBe(a.body.eventId);
  });
});

describe("a customer's purchases", () => {
  it('sum up receipts and orders minus refunds', async () => {
    const c = await createCustomer(owner);
    const r1 = await owner.post('/api/v1/sales/receipts', receipt(c.id, 10_000));
    await owner.post('/api/v1/sales/receipts', receipt(c.id, 5_000));
    const o = await owner.post('/api/v1/sales/orders', {
      channel: 'web',
      orderNumber: uniq('SP'),
      placedAt: new Date().toISOString(),
      customerId: c.id,
      lines: [{ sku: 'CZM-38', quantity: 1, unitPrice: 20_000 }],
    });
    const cancelled = await owner.post('/api/v1/sales/orders', {
      channel: 'web',
      orderNumber: uniq('SP'),
      placedAt: new Date().toISOString(),
      customerId: c.id,
      lines: [{ sku: 'CZM-38', quantity: 1, unitPrice: 99_000 }],
    });
    await owner.post(`/api/v1/sales/orders/${cancelled.body.order.id}/status`, { status: 'cancelled' });
    await owner.post('/api/v1/sales/returns', { receiptId: r1.body.receipt.id, lines: [{ lineNo: 1, quantity: 1 }] });
    const summary = await owner.get('/api/v1/sales/summary', { query: { customerId: c.id } });
    expect(summary.body).toMatchObject({ receipts: 3, spend: 25_000, lastAt: o.body.order.placedAt });
    expect(await t.db.tenant(orgId, (tx) => customerPurchaseSummary(tx, c.id))).toMatchObject({ receipts: 3, spend: 25_000 });
    const none = await owner.get('/api/v1/sales/summary', { query: { customerId: (await createCustomer(owner)).id } });
    expect(none.body).toEqual({ receipts: 0, spend: 0, lastAt: null, wishlist: [] });
  });

  it('move to the survivor when customers are merged', async () => {
    const survivor = await createCustomer(owner);
    const merged = await createCustomer(owner);
    const r = await owner.post('/api/v1/sales/receipts', receipt(merged.id));
    const o = await owner.post('/api/v1/sales/orders', {
      channel: 'web',
      orderNumber: uniq('SP'),
      placedAt: new Date().toISOString(),
      status: 'paid',
      customerId: merged.id,
      lines: [{ sku: 'CZM-38', quantity: 1, unitPrice: 20_000 }],
    });
    await owner.post(`/api/v1/sales/orders/${o.body.order.id}/status`, { status: 'delivered' });
    await owner.post('/api/v1/sales/returns', { orderId: o.body.order.id, storeCode: store.code, lines: [{ lineNo: 1, quantity: 1 }] });
    await owner.post('/api/v1/sales/activity', { type: 'wishlist_added', customerId: merged.id, skus: ['CNT-01', 'CZM-38'] });
    await owner.post('/api/v1/sales/activity', { type: 'wishlist_added', customerId: survivor.id, skus: ['CNT-01'] });
    const merge = await owner.post(`/api/v1/customers/${survivor.id}/merge`, { mergedId: merged.id });
    expect(merge.status, JSON.stringify(merge.body)).toBe(200);
    await t.app.ctx.events.drain();
    for (const table of ['receipts', 'orders', 'returns', 'wishlist_items']) {
      expect(await countRows(t, orgId, table, 'customer_id = $2', [merged.id]), table).toBe(0);
    }
    expect((await owner.get(`/api/v1/sales/receipts/${r.body.receipt.id}`)).body.customerId).toBe(survivor.id);
    const summary = await owner.get('/api/v1/sales/summary', { query: { customerId: survivor.id } });
    expect(summary.body.receipts).toBe(2);
    expect(summary.body.wishlist.map((w: { sku: string }) => w.sku).sort()).toEqual(['CNT-01', 'CZM-38']);
    // A receipt sent later with the merged id lands on the survivor too.
    const late = await owner.post('/api/v1/sales/receipts', receipt(merged.id));
    expect(late.body.receipt.customerId).toBe(survivor.id);
  });

  it('are exported on an access request; erasure keeps the receipts and drops the wishlist and free text', async () => {
    const c = await createCustomer(owner, { lastName: `Silinecek${Date.now()}` });
    const r = await owner.post('/api/v1/sales/receipts', receipt(c.id, 12_345));
    await owner.post('/api/v1/sales/returns', {
      receiptId: r.body.receipt.id,
      lines: [{ lineNo: 1, quantity: 1 }],
      reason: `${c.phone} numaralı müşteri, eşi Kemal Bey aradı`,
    });
    await owner.post('/api/v1/sales/activity', { type: 'wishlist_added', customerId: c.id, sku: 'CZM-38' });

    const access = await owner.post('/api/v1/privacy/requests', { customerId: c.id, type: 'access' });
    await owner.post(`/api/v1/privacy/requests/${access.body.id}/execute`);
    const file = await owner.get(`/api/v1/privacy/requests/${access.body.id}/export`);
    const sales = file.body.data.sales;
    expect(sales.receipts).toMatchObject([{ id: r.body.receipt.id, total: 12_345, lines: [{ sku: 'CNT-01' }] }]);
    expect(sales.returns).toHaveLength(1);
    expect(sales.wishlist).toMatchObject([{ sku: 'CZM-38' }]);

    const erasure = await owner.post('/api/v1/privacy/requests', { customerId: c.id, type: 'erasure' });
    const done = await owner.post(`/api/v1/privacy/requests/${erasure.body.id}/execute`);
    expect(done.body).toMatchObject({ status: 'done', resolution: 'erased' });
    expect(await countRows(t, orgId, 'receipts', 'customer_id = $2', [c.id])).toBe(1);
    expect(await countRows(t, orgId, 'wishlist_items', 'customer_id = $2', [c.id])).toBe(0);
    expect(await countRows(t, orgId, 'returns', 'customer_id = $2 and reason is null', [c.id])).toBe(1);
    const { rows } = await t.db.pool.query(
      `select string_agg(x::text, ' ') as text from (select r::text as x from returns r where org_id = $1 union all select e::text from events e where org_id = $1) s`,
      [orgId],
    );
    expect(rows[0].text).not.toContain('Kemal');
    expect(rows[0].text).not.toContain(c.phone);
    const summary = await owner.get('/api/v1/sales/summary', { query: { customerId: c.id } });
    expect(summary.body).toMatchObject({ receipts: 1, spend: 0 });
  });
});
