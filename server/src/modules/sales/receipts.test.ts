import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, expectProblem, signedInAs, startTestApp, type TestApp } from '../../testing/app';
import { getReceipt, recordReceipt } from './service';
import { countRows, createCustomer, createProducts, createStore, mobile, uniq } from './test-helpers';

let t: TestApp;
let owner: Caller;
let orgId: string;
let store: { id: string; code: string };
let otherStore: { id: string; code: string };

beforeAll(async () => {
  t = await startTestApp();
  ({ owner, orgId } = await t.newOrg());
  store = await createStore(owner, 'BRS-01');
  otherStore = await createStore(owner, 'IST-01');
  await createProducts(t, orgId, [
    { sku: 'KZK-001', name: 'Yün Kazak Lacivert M', categoryPath: ['Giyim', 'Triko'], brand: 'Pierre Cardin', barcodes: ['8690000000012'] },
    { sku: 'GMLK-002', name: 'Pamuklu Gömlek Beyaz L', categoryPath: ['Giyim', 'Gömlek'], brand: 'Cacharel' },
    { sku: 'PEYNIR-KG', name: 'Ezine Peyniri', categoryPath: ['Gıda', 'Şarküteri'] },
  ]);
});
afterAll(() => t.close());

const receipt = (over: object = {}) => ({
  storeCode: store.code,
  register: 'K1',
  cashierCode: 'P101',
  receiptNumber: uniq('F'),
  occurredAt: '2026-03-01T10:15:00Z',
  source: 'pos',
  lines: [
    {
      sku: 'KZK-001',
      quantity: 2,
      unitPrice: 79_990,
      discounts: [{ ruleId: 'kampanya-1', label: 'İkinciye %50', amount: 39_995 }],
    },
    { sku: 'GMLK-002', quantity: 1, unitPrice: 59_990 },
  ],
  payments: [
    { method: 'card', amount: 150_000 },
    { method: 'cash', amount: 29_975 },
  ],
  ...over,
});

describe('recording receipts', () => {
  it('records a receipt with catalog snapshots, discounts, payments and an event', async () => {
    const customer = await createCustomer(owner);
    const body = receipt({ customerId: customer.id });
    const res = await owner.post('/api/v1/sales/receipts', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const r = res.body.receipt;
    expect(res.body.created).toBe(true);
    expect(r).toMatchObject({
      storeId: store.id,
      receiptNumber: body.receiptNumber,
      businessDate: '2026-03-01',
      customerId: customer.id,
      currency: 'TRY',
      subtotal: 219_970,
      discountTotal: 39_995,
      total: 179_975,
      source: 'pos',
      claimCode: null,
    });
    expect(r.lines[0]).toMatchObject({
      lineNo: 1,
      sku: 'KZK-001',
      productId: expect.any(String),
      productName: 'Yün Kazak Lacivert M',
      categoryPath: ['Giyim', 'Triko'],
      brand: 'Pierre Cardin',
      quantity: 2,
      unitPrice: 79_990,
      lineDiscount: 39_995,
      lineTotal: 119_985,
      discounts: [{ ruleId: 'kampanya-1', label: 'İkinciye %50', amount: 39_995 }],
      returnedQuantity: 0,
    });
    expect(r.payments).toEqual([
      { seq: 1, method: 'card', amount: 150_000 },
      { seq: 2, method: 'cash', amount: 29_975 },
    ]);
    const read = await owner.get(`/api/v1/sales/receipts/${r.id}`);
    expect(read.body).toEqual(r);
    const timeline = await owner.get(`/api/v1/customers/${customer.id}/timeline`);
    expect(timeline.body.items.find((e: { type: string }) => e.type === 'sale.receipt_recorded')).toMatchObject({
      subjectId: r.id,
      occurredAt: '2026-03-01T10:15:00.000Z',
      payload: { total: 179_975, storeId: store.id },
    });
  });

  it('takes the customer by phone: a known number is matched, a new one registers the customer once', async () => {
    const customer = await createCustomer(owner);
    const digits = customer.phone.slice(3);
    const typed = `0${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6, 8)} ${digits.slice(8)}`;
    const known = await owner.post('/api/v1/sales/receipts', receipt({ customerPhone: typed }));
    expect(known.status, JSON.stringify(known.body)).toBe(201);
    expect(known.body.receipt.customerId).toBe(customer.id);
    expect((await owner.get(`/api/v1/sales/receipts/${known.body.receipt.id}`)).body).toEqual(known.body.receipt);

    const phone = mobile();
    const body = receipt({ customerPhone: phone, source: 'api' });
    const fresh = await owner.post('/api/v1/sales/receipts', body);
    expect(fresh.status, JSON.stringify(fresh.body)).toBe(201);
    const registered = fresh.body.receipt.customerId as string;
    expect(
      await countRows(t, orgId, 'customers', "id = $2 and created_via = 'api' and created_store_id = $3", [registered, store.id]),
    ).toBe(1);
    // A retry finds the receipt and registers nobody again.
    const again = await owner.post('/api/v1/sales/receipts', body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ created: false, receipt: fresh.body.receipt });
    expect(await countRows(t, orgId, 'customer_identities', "kind = 'phone' and customer_id = $2", [registered])).toBe(1);

    const bad = receipt({ customerPhone: '12345' });
    const invalid = expectProblem(await owner.post('/api/v1/sales/receipts', bad), 400, 'INVALID_PHONE');
    expect(invalid.errors?.[0].field).toBe('/customerPhone');
    const both = receipt({ customerPhone: phone, customerId: customer.id });
    const ambiguous = expectProblem(await owner.post('/api/v1/sales/receipts', both), 400, 'validation_failed');
    expect(ambiguous.errors?.[0]).toMatchObject({ field: '/customerPhone', code: 'customer_ambiguous' });
    for (const b of [bad, both]) expect(await countRows(t, orgId, 'receipts', 'receipt_number = $2', [b.receiptNumber])).toBe(0);
  });

  it('answers a repeat with 200 and the stored receipt, and a changed repeat with 409', async () => {
    const body = receipt();
    const first = await owner.post('/api/v1/sales/receipts', body);
    const again = await owner.post('/api/v1/sales/receipts', body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ created: false, receipt: first.body.receipt });
    const changed = await owner.post('/api/v1/sales/receipts', { ...body, lines: [body.lines[1]], payments: undefined });
    expectProblem(changed, 409, 'receipt_number_conflict');
    expect(await countRows(t, orgId, 'receipts', 'receipt_number = $2', [body.receiptNumber])).toBe(1);
    // The same number in another store is another receipt.
    expect((await owner.post('/api/v1/sales/receipts', { ...body, storeCode: otherStore.code })).status).toBe(201);
  });

  it('keeps one receipt under 100 concurrent identical POSTs with the same Idempotency-Key', async () => {
    const body = receipt();
    const headers = { 'idempotency-key': uniq('idem') };
    const results = await Promise.all(Array.from({ length: 100 }, () => owner.post('/api/v1/sales/receipts', body, { headers })));
    expect(new Set(results.map((r) => r.status))).toEqual(new Set([201]));
    expect(new Set(results.map((r) => r.body.receipt.id)).size).toBe(1);
    expect(await countRows(t, orgId, 'receipts', 'receipt_number = $2', [body.receiptNumber])).toBe(1);
    expect(await countRows(t, orgId, 'receipt_lines', 'receipt_id = $2', [results[0].body.receipt.id])).toBe(2);
    expect(await countRows(t, orgId, 'events', "type = 'sale.receipt_recorded' and subject_id = $2", [results[0].body.receipt.id])).toBe(1);
  });

  it('keeps one receipt under concurrent identical POSTs without a key (the natural key)', async () => {
    const body = receipt();
    const results = await Promise.all(Array.from({ length: 20 }, () => owner.post('/api/v1/sales/receipts', body)));
    expect(results.map((r) => r.status).sort((a, b) => b - a)).toEqual([201, ...Array(19).fill(200)]);
    expect(await countRows(t, orgId, 'receipts', 'receipt_number = $2', [body.receiptNumber])).toBe(1);
  });

  it('counts a late receipt on the day it happened in the org time zone', async () => {
    const late = await owner.post('/api/v1/sales/receipts', receipt({ occurredAt: '2026-03-01T22:30:00Z', payments: undefined }));
    expect(late.body.receipt).toMatchObject({ businessDate: '2026-03-02', occurredAt: '2026-03-01T22:30:00.000Z' });
    // Without an offset the till's clock is read in the org's zone.
    const local = await owner.post('/api/v1/sales/receipts', receipt({ occurredAt: '2026-03-02T01:30:00', payments: undefined }));
    expect(local.body.receipt).toMatchObject({ businessDate: '2026-03-02', occurredAt: '2026-03-01T22:30:00.000Z' });
    const day = await owner.get('/api/v1/sales/receipts', { query: { from: '2026-03-02', to: '2026-03-02' } });
    expect(day.body.items.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining([late.body.receipt.id, local.body.receipt.id]));
  });

  it('refuses payments that do not add up with 422 payments_mismatch and writes nothing', async () => {
    const body = receipt({ payments: [{ method: 'card', amount: 100 }] });
    const res = expectProblem(await owner.post('/api/v1/sales/receipts', body), 422, 'payments_mismatch');
    expect(res.detail).toContain('100');
    expect(await countRows(t, orgId, 'receipts', 'receipt_number = $2', [body.receiptNumber])).toBe(0);
  });

  it('refuses an unknown store and unknown SKUs with clear 422s', async () => {
    expectProblem(await owner.post('/api/v1/sales/receipts', receipt({ storeCode: 'YOK-99' })), 422, 'unknown_store');
    const body = receipt({
      lines: [
        { sku: 'YOK-1', quantity: 1, unitPrice: 100 },
        { sku: 'YOK-2', quantity: 1, unitPrice: 100 },
      ],
      payments: undefined,
    });
    const res = await owner.post('/api/v1/sales/receipts', body);
    const problem = expectProblem(res, 422, 'unknown_sku');
    expect(problem.detail).toContain('YOK-1, YOK-2');
    expect(res.body.skus).toEqual(['YOK-1', 'YOK-2']);
    expect(await countRows(t, orgId, 'receipts', 'receipt_number = $2', [body.receiptNumber])).toBe(0);
  });

  it('finds products by barcode, and accepts unknown SKUs as ad-hoc lines when the org says so', async () => {
    const byBarcode = await owner.post(
      '/api/v1/sales/receipts',
      receipt({ lines: [{ sku: '8690000000012', quantity: 1, unitPrice: 79_990 }], payments: undefined }),
    );
    expect(byBarcode.body.receipt.lines[0]).toMatchObject({ sku: '8690000000012', productName: 'Yün Kazak Lacivert M' });

    expect((await owner.patch('/api/v1/sales/settings', { unknownSku: 'adhoc' })).body).toEqual({
      unknownSku: 'adhoc',
      claimAnonymous: false,
    });
    const adhoc = await owner.post(
      '/api/v1/sales/receipts',
      receipt({
        lines: [
          { sku: 'YOK-3', productName: 'Terzi tadilatı', quantity: 1, unitPrice: 15_000 },
          { productName: 'Poşet', quantity: 1, unitPrice: 25 },
        ],
        payments: undefined,
      }),
    );
    expect(adhoc.status).toBe(201);
    expect(adhoc.body.receipt.lines).toMatchObject([
      { sku: 'YOK-3', productId: null, productName: 'Terzi tadilatı' },
      { sku: null, productId: null, productName: 'Poşet' },
    ]);
    for (const r of [byBarcode, adhoc])
      expect((await owner.get(`/api/v1/sales/receipts/${r.body.receipt.id}`)).body).toEqual(r.body.receipt);
    await owner.patch('/api/v1/sales/settings', { unknownSku: 'reject' });
    // The service can be told directly (loyalty's POS commit, the demo).
    const direct = await t.db.tenant(orgId, (tx) =>
      recordReceipt(
        tx,
        {
          storeId: store.id,
          receiptNumber: uniq('S'),
          occurredAt: new Date(),
          source: 'api',
          lines: [{ sku: 'YOK-4', quantity: 1, unitPrice: 1 }],
        },
        { unknownSku: 'adhoc' },
      ),
    );
    expect(direct.created).toBe(true);
    expect(direct.receipt.lines[0].productName).toBe('YOK-4');
  });

  it('sells weighed goods by the gram, rounding the line half up', async () => {
    const res = await owner.post(
      '/api/v1/sales/receipts',
      receipt({ lines: [{ sku: 'PEYNIR-KG', quantity: 0.455, unitPrice: 32_990 }], payments: undefined }),
    );
    expect(res.body.receipt.lines[0]).toMatchObject({ quantity: 0.455, lineTotal: 15_010 });
    expect(res.body.receipt.total).toBe(15_010);
    // The answer is made from what was written: it is what a read gives.
    expect((await owner.get(`/api/v1/sales/receipts/${res.body.receipt.id}`)).body).toEqual(res.body.receipt);
  });

  it('refuses float or negative money and bad quantities with 400, writing nothing', async () => {
    const bad = [
      { lines: [{ sku: 'KZK-001', quantity: 1, unitPrice: 799.9 }] },
      { lines: [{ sku: 'KZK-001', quantity: 1, unitPrice: -1 }] },
      { lines: [{ sku: 'KZK-001', quantity: 1, unitPrice: '79990' }] },
      { lines: [{ sku: 'KZK-001', quantity: 1, unitPrice: 100, lineDiscount: 0.5 }] },
      { lines: [{ sku: 'KZK-001', quantity: 1.0001, unitPrice: 100 }] },
      { lines: [{ sku: 'KZK-001', quantity: 0, unitPrice: 100 }] },
      { lines: [{ sku: 'KZK-001', quantity: 1, unitPrice: 100, lineDiscount: 101 }] },
      { lines: [{ sku: 'KZK-001', quantity: 1, unitPrice: 100, lineDiscount: 10, discounts: [{ ruleId: 'a', label: 'A', amount: 5 }] }] },
      { lines: [] },
      { payments: [{ method: 'card', amount: 179_975.5 }] },
      { payments: [{ method: 'crypto', amount: 179_975 }] },
      { occurredAt: 'dün' },
      { customerId: 'not-a-uuid' },
      { unknownField: 1 },
    ];
    for (const over of bad) {
      const body = receipt({ payments: undefined, ...over });
      const res = await owner.post('/api/v1/sales/receipts', body);
      expectProblem(res, 400, 'validation_failed');
      expect(await countRows(t, orgId, 'receipts', 'receipt_number = $2', [body.receiptNumber])).toBe(0);
    }
    expectProblem(
      await owner.post('/api/v1/sales/receipts', receipt({ customerId: '0190a4f0-0000-7000-8000-000000000000' })),
      422,
      'unknown_customer',
    );
  });

  it("is not found for another org, and another org's list stays empty", async () => {
    const mine = await owner.post('/api/v1/sales/receipts', receipt());
    const other = await t.newOrg();
    expectProblem(await other.owner.get(`/api/v1/sales/receipts/${mine.body.receipt.id}`), 404, 'not_found');
    expect((await other.owner.get('/api/v1/sales/receipts')).body.items).toEqual([]);
    expect(await t.db.tenant(other.orgId, (tx) => getReceipt(tx, mine.body.receipt.id))).toBeNull();
    // A store code of another org is unknown here.
    expectProblem(await other.owner.post('/api/v1/sales/receipts', receipt()), 422, 'unknown_store');
  });
});

describe('listing receipts', () => {
  it('filters by store, customer, source and recognised customer, with cursor pagination', async () => {
    const s = await createStore(owner);
    const customer = await createCustomer(owner);
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await owner.post(
        '/api/v1/sales/receipts',
        receipt({
          storeCode: s.code,
          occurredAt: `2026-04-0${i + 1}T12:00:00Z`,
          customerId: i % 2 === 0 ? customer.id : null,
          payments: undefined,
        }),
      );
      made.push(res.body.receipt.id);
    }
    const page1 = await owner.get('/api/v1/sales/receipts', { query: { storeCode: s.code, limit: '2' } });
    expect(page1.body.items.map((r: { id: string }) => r.id)).toEqual([made[4], made[3]]);
    const page2 = await owner.get('/api/v1/sales/receipts', { query: { storeCode: s.code, limit: '2', cursor: page1.body.nextCursor } });
    expect(page2.body.items.map((r: { id: string }) => r.id)).toEqual([made[2], made[1]]);
    const known = await owner.get('/api/v1/sales/receipts', { query: { storeId: s.id, hasCustomer: 'true' } });
    expect(known.body.items).toHaveLength(3);
    const anonymous = await owner.get('/api/v1/sales/receipts', { query: { storeId: s.id, hasCustomer: 'false' } });
    expect(anonymous.body.items).toHaveLength(2);
    expect((await owner.get('/api/v1/sales/receipts', { query: { customerId: customer.id } })).body.items).toHaveLength(3);
    expect(
      (await owner.get('/api/v1/sales/receipts', { query: { storeId: s.id, from: '2026-04-02', to: '2026-04-03' } })).body.items,
    ).toHaveLength(2);
    expect((await owner.get('/api/v1/sales/receipts', { query: { storeId: s.id, source: 'import' } })).body.items).toHaveLength(0);
    expectProblem(await owner.get('/api/v1/sales/receipts', { query: { from: '2026-13-01' } }), 400, 'validation_failed');
    expectProblem(await owner.get('/api/v1/sales/receipts', { query: { cursor: 'garbage' } }), 400, 'invalid_cursor');
  });

  it('shows store staff the receipts of their stores only, and refuses them other stores', async () => {
    const associate = await signedInAs(t, owner, 'associate', [store.id]);
    const theirs = await owner.post('/api/v1/sales/receipts', receipt({ storeCode: otherStore.code, payments: undefined }));
    const list = await associate.get('/api/v1/sales/receipts', { query: { limit: '200' } });
    expect(list.body.items.every((r: { storeId: string }) => r.storeId === store.id)).toBe(true);
    expectProblem(await associate.get(`/api/v1/sales/receipts/${theirs.body.receipt.id}`), 404, 'not_found');
    expectProblem(await associate.post('/api/v1/sales/receipts', receipt({ storeCode: otherStore.code })), 403, 'store_not_allowed');
    expect((await associate.post('/api/v1/sales/receipts', receipt())).status).toBe(201);
    const analyst = await signedInAs(t, owner, 'analyst');
    expect((await analyst.get('/api/v1/sales/receipts')).status).toBe(200);
    expectProblem(await analyst.post('/api/v1/sales/receipts', receipt()), 403, 'forbidden');
  });
});

describe('claim later', () => {
  it('gives a receipt a claim code that a customer claims once by phone', async () => {
    const res = await owner.post('/api/v1/sales/receipts', receipt({ withClaimCode: true }));
    const code = res.body.receipt.claimCode as string;
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{10}$/);
    expect((await owner.get(`/api/v1/sales/receipts/${res.body.receipt.id}`)).body).toEqual(res.body.receipt);
    expect(new Date(res.body.receipt.claimExpiresAt).getTime() - new Date(res.body.receipt.createdAt).getTime()).toBe(30 * 86_400_000);
    const phone = mobile();
    const claim = await owner.post('/api/v1/sales/claims', { code: `${code.slice(0, 5).toLowerCase()}-${code.slice(5)}`, phone });
    expect(claim.status, JSON.stringify(claim.body)).toBe(200);
    expect(claim.body).toMatchObject({ receiptId: res.body.receipt.id, customerCreated: true, total: 179_975 });
    const read = await owner.get(`/api/v1/sales/receipts/${res.body.receipt.id}`);
    expect(read.body).toMatchObject({ customerId: claim.body.customerId, claimedAt: expect.any(String) });
    const timeline = await owner.get(`/api/v1/customers/${claim.body.customerId}/timeline`);
    expect(timeline.body.items.map((e: { type: string }) => e.type)).toContain('sale.receipt_claimed');
    expectProblem(await owner.post('/api/v1/sales/claims', { code, phone }), 409, 'receipt_already_claimed');
    expectProblem(await owner.post('/api/v1/sales/claims', { code: 'ZZZZZZZZZZ', phone }), 404, 'claim_not_found');
    expectProblem(await owner.post('/api/v1/sales/claims', { code, phone: '12345' }), 400, 'INVALID_PHONE');
  });

  it('matches a known customer by phone, and refuses expired codes with 410', async () => {
    const customer = await createCustomer(owner);
    const fresh = await owner.post('/api/v1/sales/receipts', receipt({ withClaimCode: true }));
    const claim = await owner.post('/api/v1/sales/claims', { code: fresh.body.receipt.claimCode, phone: customer.phone });
    expect(claim.body).toMatchObject({ customerId: customer.id, customerCreated: false });

    const old = await owner.post('/api/v1/sales/receipts', receipt({ withClaimCode: true }));
    await t.db.pool.query(`update receipts set created_at = now() - interval '31 days' where org_id = $1 and id = $2`, [
      orgId,
      old.body.receipt.id,
    ]);
    expectProblem(await owner.post('/api/v1/sales/claims', { code: old.body.receipt.claimCode, phone: mobile() }), 410, 'claim_expired');
    expect(await countRows(t, orgId, 'receipts', 'id = $2 and customer_id is null', [old.body.receipt.id])).toBe(1);
  });

  it('gives anonymous POS receipts a code when the org enables it', async () => {
    const before = await owner.post('/api/v1/sales/receipts', receipt());
    expect(before.body.receipt.claimCode).toBeNull();
    await owner.patch('/api/v1/sales/settings', { claimAnonymous: true });
    const anonymous = await owner.post('/api/v1/sales/receipts', receipt());
    expect(anonymous.body.receipt.claimCode).toMatch(/^[2-9A-HJ-NP-Z]{10}$/);
    const known = await owner.post('/api/v1/sales/receipts', receipt({ customerId: (await createCustomer(owner)).id }));
    expect(known.body.receipt.claimCode).toBeNull();
    await owner.patch('/api/v1/sales/settings', { claimAnonymous: false });
    const marketer = await signedInAs(t, owner, 'marketer');
    expectProblem(await marketer.patch('/api/v1/sales/settings', { claimAnonymous: true }), 403, 'forbidden');
  });
});
