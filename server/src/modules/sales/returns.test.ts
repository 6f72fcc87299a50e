import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, expectProblem, signedInAs, startTestApp, type TestApp } from '../../testing/app';
import { recordReturn } from './service';
import { countRows, createCustomer, createProducts, createStore, uniq } from './test-helpers';

let t: TestApp;
let owner: Caller;
let orgId: string;
let store: { id: string; code: string };
let other: { id: string; code: string };

beforeAll(async () => {
  t = await startTestApp();
  ({ owner, orgId } = await t.newOrg());
  store = await createStore(owner, 'BRS-01');
  other = await createStore(owner, 'IST-02');
  await createProducts(t, orgId, [
    { sku: 'NVR-CK', name: 'Nevresim Takımı Çift Kişilik', categoryPath: ['Ev Tekstili', 'Nevresim'], brand: 'Taç' },
    { sku: 'HVL-SET', name: 'Havlu Seti 4 Parça', categoryPath: ['Ev Tekstili', 'Havlu'], brand: 'Özdilek' },
  ]);
});
afterAll(() => t.close());

const order = (over: object = {}) => ({
  channel: 'web',
  orderNumber: uniq('SP'),
  placedAt: '2026-03-05T09:00:00Z',
  shippingTotal: 4_990,
  lines: [
    { sku: 'NVR-CK', quantity: 1, unitPrice: 129_990, lineDiscount: 13_000 },
    { sku: 'HVL-SET', quantity: 3, unitPrice: 33_333 },
  ],
  ...over,
});

async function newOrder(over: object = {}) {
  const res = await owner.post('/api/v1/sales/orders', order(over));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.order;
}

async function deliver(id: string) {
  for (const status of ['paid', 'shipped', 'delivered']) {
    const res = await owner.post(`/api/v1/sales/orders/${id}/status`, { status });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
}

describe('online orders', () => {
  it('are created, then upserted by channel and order number', async () => {
    const customer = await createCustomer(owner);
    const body = order({ channel: 'Shopify', customerId: customer.id, clickCollectStoreCode: store.code });
    const created = await owner.post('/api/v1/sales/orders', body);
    expect(created.status).toBe(201);
    expect(created.body.order).toMatchObject({
      channel: 'shopify',
      status: 'created',
      customerId: customer.id,
      clickCollectStoreId: store.id,
      subtotal: 229_989,
      discountTotal: 13_000,
      shippingTotal: 4_990,
      total: 221_979,
      businessDate: '2026-03-05',
      history: [{ seq: 1, fromStatus: null, toStatus: 'created' }],
    });
    expect(created.body.order.lines[1]).toMatchObject({ productName: 'Havlu Seti 4 Parça', quantity: 3, lineTotal: 99_999 });
    const again = await owner.post('/api/v1/sales/orders', body);
    expect(again.status).toBe(200);
    expect(again.body.order.id).toBe(created.body.order.id);
    // A changed order replaces its lines; a status in the body is a transition.
    const changed = await owner.post('/api/v1/sales/orders', { ...body, status: 'paid', lines: [body.lines[0]] });
    expect(changed.body.order).toMatchObject({ status: 'paid', total: 121_980, lines: [{ lineNo: 1, sku: 'NVR-CK' }] });
    expect(await countRows(t, orgId, 'orders', 'order_number = $2', [body.orderNumber])).toBe(1);
    const timeline = await owner.get(`/api/v1/customers/${customer.id}/timeline`);
    expect(timeline.body.items.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['sale.order_created', 'sale.order_status_changed']),
    );
    expectProblem(await owner.post('/api/v1/sales/orders', order({ clickCollectStoreCode: 'YOK' })), 422, 'unknown_store');
    expectProblem(await owner.post('/api/v1/sales/orders', order({ channel: 'Web Shop!' })), 400, 'validation_failed');
  });

  it('move only along the lifecycle', async () => {
    const o = await newOrder();
    const paid = await owner.post(`/api/v1/sales/orders/${o.id}/status`, { status: 'paid' });
    expect(paid.body.status).toBe('paid');
    expect((await owner.post(`/api/v1/sales/orders/${o.id}/status`, { status: 'paid' })).body.history).toHaveLength(2);
    const back = await owner.post(`/api/v1/sales/orders/${o.id}/status`, { status: 'created' });
    expect(expectProblem(back, 409, 'invalid_status_transition').detail).toContain("'paid'");
    await owner.post(`/api/v1/sales/orders/${o.id}/status`, { status: 'shipped', at: '2026-03-06T08:00:00Z' });
    const delivered = await owner.post(`/api/v1/sales/orders/${o.id}/status`, { status: 'delivered' });
    expect(delivered.body.history.map((h: { toStatus: string }) => h.toStatus)).toEqual(['created', 'paid', 'shipped', 'delivered']);
    expectProblem(await owner.post(`/api/v1/sales/orders/${o.id}/status`, { status: 'cancelled' }), 409, 'invalid_status_transition');
    const cancelled = await newOrder();
    await owner.post(`/api/v1/sales/orders/${cancelled.id}/status`, { status: 'cancelled' });
    expectProblem(await owner.post(`/api/v1/sales/orders/${cancelled.id}/status`, { status: 'paid' }), 409, 'invalid_status_transition');
    expectProblem(await owner.post(`/api/v1/sales/orders/${o.id}/status`, { status: 'lost' }), 400, 'validation_failed');
    const stranger = await t.newOrg();
    expectProblem(await stranger.owner.post(`/api/v1/sales/orders/${o.id}/status`, { status: 'delivered' }), 404, 'not_found');
    expectProblem(await stranger.owner.get(`/api/v1/sales/orders/${o.id}`), 404, 'not_found');
    const list = await owner.get('/api/v1/sales/orders', { query: { status: 'delivered' } });
    expect(list.body.items.map((x: { id: string }) => x.id)).toContain(o.id);
  });
});

describe('returns', () => {
  it('takes an online order back in a store, pro rata, and refuses more than was bought', async () => {
    const customer = await createCustomer(owner);
    const o = await newOrder({ customerId: customer.id });
    const early = await owner.post('/api/v1/sales/returns', {
      channel: 'web',
      orderNumber: o.orderNumber,
      storeCode: store.code,
      lines: [{ lineNo: 2, quantity: 1 }],
      reason: 'Beğenilmedi',
    });
    expectProblem(early, 409, 'order_not_returnable');
    await deliver(o.id);

    const lookup = await owner.get('/api/v1/sales/returnable', { query: { channel: 'web', orderNumber: o.orderNumber } });
    expect(lookup.body).toMatchObject({
      kind: 'order',
      id: o.id,
      returnable: true,
      lines: [
        { lineNo: 1, available: 1 },
        { lineNo: 2, available: 3 },
      ],
    });

    const first = await owner.post('/api/v1/sales/returns', {
      channel: 'web',
      orderNumber: o.orderNumber,
      storeCode: store.code,
      lines: [
        { lineNo: 1, quantity: 1 },
        { lineNo: 2, quantity: 1 },
      ],
      reason: 'Renk uymadı',
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    // Line 1: 129,990 − 13,000 = 116,990 net, whole; line 2: a third of 99,999 = 33,333.
    expect(first.body.return).toMatchObject({
      orderId: o.id,
      receiptId: null,
      storeId: store.id,
      channel: null,
      customerId: customer.id,
      refundTotal: 150_323,
      lines: [
        { sourceLineNo: 1, quantity: 1, refundAmount: 116_990, productName: 'Nevresim Takımı Çift Kişilik' },
        { sourceLineNo: 2, quantity: 1, refundAmount: 33_333 },
      ],
    });
    const tooMany = await owner.post('/api/v1/sales/returns', {
      orderId: o.id,
      storeCode: store.code,
      lines: [{ lineNo: 2, quantity: 3 }],
    });
    expect(expectProblem(tooMany, 422, 'return_exceeds_purchase').detail).toContain('2');
    expectProblem(
      await owner.post('/api/v1/sales/returns', { orderId: o.id, lines: [{ lineNo: 1, quantity: 1 }] }),
      422,
      'return_exceeds_purchase',
    );
    expectProblem(await owner.post('/api/v1/sales/returns', { orderId: o.id, lines: [{ lineNo: 9, quantity: 1 }] }), 422, 'unknown_line');
    const rest = await owner.post('/api/v1/sales/returns', { orderId: o.id, returnChannel: 'web', lines: [{ lineNo: 2, quantity: 2 }] });
    expect(rest.body.return).toMatchObject({ storeId: null, channel: 'web', refundTotal: 66_666 });
    const read = await owner.get(`/api/v1/sales/orders/${o.id}`);
    expect(read.body.lines.map((l: { returnedQuantity: number }) => l.returnedQuantity)).toEqual([1, 3]);
    expect(read.body.returns).toHaveLength(2);
    const timeline = await owner.get(`/api/v1/customers/${customer.id}/timeline`, { query: { type: 'sale.returned' } });
    expect(timeline.body.items.filter((e: { type: string }) => e.type === 'sale.returned')).toHaveLength(2);
    // Lines of an order with returns no longer change.
    expectProblem(
      await owner.post('/api/v1/sales/orders', order({ orderNumber: o.orderNumber, customerId: customer.id, lines: [order().lines[0]] })),
      409,
      'order_locked',
    );
  });

  it('returns receipt lines in parts so the refunds add up to the line, idempotently', async () => {
    const r = await owner.post('/api/v1/sales/receipts', {
      storeCode: store.code,
      receiptNumber: uniq('F'),
      occurredAt: '2026-03-07T12:00:00Z',
      lines: [{ sku: 'HVL-SET', quantity: 3, unitPrice: 33_334, lineDiscount: 1 }],
    });
    const receipt = r.body.receipt;
    expect(receipt.total).toBe(100_001);
    const refunds: number[] = [];
    for (let k = 1; k <= 3; k++) {
      const body = {
        storeCode: store.code,
        receiptNumber: receipt.receiptNumber,
        returnNumber: `IADE-${receipt.id}-${k}`,
        lines: [{ lineNo: 1, quantity: 1 }],
      };
      const res = await owner.post('/api/v1/sales/returns', body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      refunds.push(res.body.return.refundTotal);
      // The same return number again is a repeat; with other content a conflict.
      const again = await owner.post('/api/v1/sales/returns', body);
      expect(again.status).toBe(200);
      expect(again.body.return.id).toBe(res.body.return.id);
    }
    expect(refunds).toEqual([33_334, 33_333, 33_334]);
    expect(refunds.reduce((a, b) => a + b, 0)).toBe(receipt.total);
    const conflict = await owner.post('/api/v1/sales/returns', {
      receiptId: receipt.id,
      storeCode: store.code,
      returnNumber: `IADE-${receipt.id}-1`,
      lines: [{ lineNo: 1, quantity: 1 }],
      reason: 'başka',
    });
    expectProblem(conflict, 409, 'return_number_conflict');
    expectProblem(
      await owner.post('/api/v1/sales/returns', { receiptId: receipt.id, lines: [{ lineNo: 1, quantity: 0.5 }] }),
      422,
      'return_exceeds_purchase',
    );
    expect(await countRows(t, orgId, 'returns', 'receipt_id = $2', [receipt.id])).toBe(3);
    const detail = await owner.get(`/api/v1/sales/receipts/${receipt.id}`);
    expect(detail.body.returns.map((x: { refundTotal: number }) => x.refundTotal)).toEqual([33_334, 33_333, 33_334]);
  });

  it('replays an Idempotency-Key and keeps one return under concurrent retries', async () => {
    const r = await owner.post('/api/v1/sales/receipts', {
      storeCode: store.code,
      receiptNumber: uniq('F'),
      occurredAt: '2026-03-07T12:00:00Z',
      lines: [{ sku: 'NVR-CK', quantity: 1, unitPrice: 129_990 }],
    });
    const body = { receiptId: r.body.receipt.id, lines: [{ lineNo: 1, quantity: 1 }], reason: 'Hatalı dikiş' };
    const headers = { 'idempotency-key': uniq('ret') };
    const results = await Promise.all(Array.from({ length: 10 }, () => owner.post('/api/v1/sales/returns', body, { headers })));
    expect(new Set(results.map((x) => x.status))).toEqual(new Set([201]));
    expect(await countRows(t, orgId, 'returns', 'receipt_id = $2', [r.body.receipt.id])).toBe(1);
    // Without a key or number concurrent duplicates are separate returns: the second is refused.
    const r2 = await owner.post('/api/v1/sales/receipts', {
      ...{ storeCode: store.code, occurredAt: '2026-03-07T12:00:00Z' },
      receiptNumber: uniq('F'),
      lines: [{ sku: 'NVR-CK', quantity: 1, unitPrice: 1000 }],
    });
    const both = await Promise.all(
      [1, 2].map(() => owner.post('/api/v1/sales/returns', { receiptId: r2.body.receipt.id, lines: [{ lineNo: 1, quantity: 1 }] })),
    );
    expect(both.map((x) => x.status).sort()).toEqual([201, 422]);
  });

  it('records an exchange, checks where the return happens, and refuses bad input', async () => {
    const r = (
      await owner.post('/api/v1/sales/receipts', {
        storeCode: store.code,
        receiptNumber: uniq('F'),
        occurredAt: '2026-03-07T12:00:00Z',
        lines: [{ sku: 'NVR-CK', quantity: 2, unitPrice: 10_000 }],
      })
    ).body.receipt;
    const exchange = (
      await owner.post('/api/v1/sales/receipts', {
        storeCode: other.code,
        receiptNumber: uniq('F'),
        occurredAt: '2026-03-08T12:00:00Z',
        lines: [{ sku: 'HVL-SET', quantity: 1, unitPrice: 10_000 }],
      })
    ).body.receipt;
    const ret = await owner.post('/api/v1/sales/returns', {
      receiptNumber: r.receiptNumber,
      receiptStoreCode: store.code,
      storeCode: other.code,
      lines: [{ lineNo: 1, quantity: 1 }],
      exchangeReceiptId: exchange.id,
    });
    expect(ret.body.return).toMatchObject({ storeId: other.id, exchangeReceiptId: exchange.id, refundTotal: 10_000 });
    expectProblem(
      await owner.post('/api/v1/sales/returns', {
        receiptId: r.id,
        lines: [{ lineNo: 1, quantity: 1 }],
        exchangeReceiptId: '0190a4f0-0000-7000-8000-000000000000',
      }),
      422,
      'unknown_exchange_receipt',
    );
    expectProblem(await owner.post('/api/v1/sales/returns', { lines: [{ lineNo: 1, quantity: 1 }] }), 400, 'origin_required');
    expectProblem(
      await owner.post('/api/v1/sales/returns', { receiptId: r.id, orderId: r.id, lines: [{ lineNo: 1, quantity: 1 }] }),
      400,
      'origin_required',
    );
    expectProblem(
      await owner.post('/api/v1/sales/returns', {
        receiptId: r.id,
        storeCode: store.code,
        returnChannel: 'web',
        lines: [{ lineNo: 1, quantity: 1 }],
      }),
      400,
      'location_ambiguous',
    );
    expectProblem(
      await owner.post('/api/v1/sales/returns', {
        receiptId: r.id,
        lines: [
          { lineNo: 1, quantity: 1 },
          { lineNo: 1, quantity: 1 },
        ],
      }),
      400,
      'duplicate_line',
    );
    expectProblem(
      await owner.post('/api/v1/sales/returns', { receiptId: r.id, lines: [{ lineNo: 1, quantity: -1 }] }),
      400,
      'validation_failed',
    );
    expectProblem(await owner.post('/api/v1/sales/returns', { receiptId: r.id, lines: [] }), 400, 'validation_failed');
    expectProblem(
      await owner.post('/api/v1/sales/returns', { receiptId: r.id, storeCode: 'YOK', lines: [{ lineNo: 1, quantity: 1 }] }),
      422,
      'unknown_store',
    );
    expectProblem(
      await owner.post('/api/v1/sales/returns', { receiptNumber: 'YOK', storeCode: store.code, lines: [{ lineNo: 1, quantity: 1 }] }),
      404,
      'not_found',
    );
    // A store associate takes returns in their store only, of a purchase made anywhere.
    const associate = await signedInAs(t, owner, 'associate', [store.id]);
    const theirs = await associate.post('/api/v1/sales/returns', { receiptId: exchange.id, lines: [{ lineNo: 1, quantity: 1 }] });
    expect(theirs.body.return.storeId).toBe(store.id);
    expectProblem(
      await associate.post('/api/v1/sales/returns', { receiptId: r.id, storeCode: other.code, lines: [{ lineNo: 1, quantity: 1 }] }),
      403,
      'store_not_allowed',
    );
    const analyst = await signedInAs(t, owner, 'analyst');
    expectProblem(await analyst.post('/api/v1/sales/returns', { receiptId: r.id, lines: [{ lineNo: 1, quantity: 1 }] }), 403, 'forbidden');
    const list = await associate.get('/api/v1/sales/returns');
    expect(list.body.items.every((x: { storeId: string }) => x.storeId === store.id)).toBe(true);
    const stranger = await t.newOrg();
    expectProblem(await stranger.owner.get(`/api/v1/sales/returns/${ret.body.return.id}`), 404, 'not_found');
    expectProblem(
      await stranger.owner.post('/api/v1/sales/returns', { receiptId: r.id, lines: [{ lineNo: 1, quantity: 1 }] }),
      404,
      'not_found',
    );
    await expect(
      t.db.tenant(stranger.orgId, (tx) => recordReturn(tx, { receiptId: r.id, lines: [{ lineNo: 1, quantity: 1 }] })),
    ).rejects.toMatchObject({ status: 404 });
  });
});
