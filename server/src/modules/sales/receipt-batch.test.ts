import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, expectProblem, signedInAs, startTestApp, type TestApp } from '../../testing/app';
import { countRows, createCustomer, createProducts, createStore, mobile, uniq } from './test-helpers';

let t: TestApp;
let owner: Caller;
let orgId: string;
let store: { id: string; code: string };
let otherStore: { id: string; code: string };

beforeAll(async () => {
  t = await startTestApp();
  ({ owner, orgId } = await t.newOrg());
  store = await createStore(owner, 'ANK-01');
  otherStore = await createStore(owner, 'IZM-01');
  await createProducts(t, orgId, [
    { sku: 'SIMIT', name: 'Susamlı Simit', categoryPath: ['Gıda', 'Fırın'] },
    { sku: 'AYRAN', name: 'Ayran 300 ml', categoryPath: ['Gıda', 'İçecek'] },
  ]);
});
afterAll(() => t.close());

const receipt = (over: object = {}) => ({
  storeCode: store.code,
  receiptNumber: uniq('B'),
  occurredAt: '2026-05-04T09:30:00',
  lines: [
    { sku: 'SIMIT', quantity: 2, unitPrice: 1_500 },
    { sku: 'AYRAN', quantity: 1, unitPrice: 2_000 },
  ],
  payments: [{ method: 'cash', amount: 5_000 }],
  ...over,
});

const batch = (caller: Caller, receipts: unknown[], headers?: Record<string, string>) =>
  caller.post('/api/v1/sales/receipts/batch', { receipts }, { headers });

describe('recording receipts in a batch', () => {
  it('records each receipt as the single call would, on its own day and for its customer', async () => {
    const customer = await createCustomer(owner);
    const phone = mobile();
    // The known customer once by id and once by phone, typed as a till would.
    const items = [
      receipt({ customerId: customer.id }),
      receipt({ customerPhone: phone, occurredAt: '2026-05-04T23:30:00Z' }),
      receipt(),
      receipt({ customerPhone: customer.phone.replace(/^\+90/, '0') }),
    ];
    const res = await batch(owner, items);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body, JSON.stringify(res.body)).toMatchObject({ created: 4, repeats: 0, failed: 0 });
    expect(res.body.items.map((i: { status: string }) => i.status)).toEqual(['created', 'created', 'created', 'created']);
    const [first, second] = await Promise.all(
      res.body.items.slice(0, 2).map((i: { id: string }) => owner.get(`/api/v1/sales/receipts/${i.id}`)),
    );
    expect(first.body).toMatchObject({ customerId: customer.id, total: 5_000, businessDate: '2026-05-04', storeId: store.id });
    expect(first.body.lines).toHaveLength(2);
    // 23:30 UTC is 02:30 the next day in Istanbul; the unknown phone registered a customer.
    expect(second.body.businessDate).toBe('2026-05-05');
    expect(second.body.customerId).toEqual(expect.any(String));
    expect((await owner.get(`/api/v1/sales/receipts/${res.body.items[3].id}`)).body.customerId).toBe(customer.id);
    expect(
      await countRows(t, orgId, 'events', "type = 'sale.receipt_recorded' and subject_id = any($2::text[])", [
        res.body.items.map((i: { id: string }) => i.id),
      ]),
    ).toBe(4);
  });

  it('reports a bad receipt on its own, in the request language, and writes nothing of it', async () => {
    const good = receipt();
    const wrongTotal = receipt({ payments: [{ method: 'cash', amount: 1 }] });
    const unknownSku = receipt({ lines: [{ sku: 'YOK-BOYLE-BIR-SKU', quantity: 1, unitPrice: 100 }], payments: undefined });
    const unknownStore = receipt({ storeCode: 'YOK-01' });
    const invalid = { ...receipt(), lines: [], extra: '<script>alert(1)</script>' };
    const newPhone = mobile();
    // The phone would register a customer; the SKU makes the receipt fail: neither may stay.
    const halfWritten = receipt({ customerPhone: newPhone, lines: [{ sku: 'YOK', quantity: 1, unitPrice: 100 }], payments: undefined });
    const res = await batch(owner, [good, wrongTotal, unknownSku, unknownStore, invalid, 'not a receipt', halfWritten], {
      'accept-language': 'tr',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ created: 1, repeats: 0, failed: 6 });
    const codes = res.body.items.map((i: { error: { code: string } | null }) => i.error?.code ?? null);
    expect(codes).toEqual([
      null,
      'payments_mismatch',
      'unknown_sku',
      'unknown_store',
      'validation_failed',
      'validation_failed',
      'unknown_sku',
    ]);
    const invalidItem = res.body.items[4];
    expect(invalidItem.error.errors.map((e: { field: string }) => e.field).sort()).toEqual(['/', '/lines'].sort());
    expect(res.body.items[2].error.detail).toMatch(/YOK-BOYLE-BIR-SKU/);
    expect(res.body.items[2].error.detail).not.toBe(res.body.items[2].error.code);
    for (const r of [wrongTotal, unknownSku, halfWritten])
      expect(await countRows(t, orgId, 'receipts', 'receipt_number = $2', [r.receiptNumber])).toBe(0);
    const e164 = `+90${newPhone.replace(/\D/g, '').slice(1)}`;
    expect(await countRows(t, orgId, 'customer_identities', "kind = 'phone' and value = $2", [e164])).toBe(0);
  });

  it('is idempotent per receipt: a retried batch records nothing twice, a changed receipt is a conflict', async () => {
    const items = [receipt(), receipt()];
    expect((await batch(owner, items)).body.created).toBe(2);
    const changed = { ...items[1], payments: [{ method: 'card', amount: 5_000 }] };
    const again = await batch(owner, [items[0], changed, items[0]]);
    expect(again.body).toMatchObject({ created: 0, repeats: 2, failed: 1 });
    expect(again.body.items[1].error.code).toBe('receipt_number_conflict');
    expect(await countRows(t, orgId, 'receipts', 'receipt_number = any($2::text[])', [items.map((i) => i.receiptNumber)])).toBe(2);
  });

  it('writes the first of two copies in one batch, and refuses a changed copy in the same batch', async () => {
    const first = receipt({ withClaimCode: true });
    const changed = { ...first, payments: [{ method: 'card', amount: 5_000 }] };
    const res = await batch(owner, [first, first, changed, receipt({ withClaimCode: true })]);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ created: 2, repeats: 1, failed: 1 });
    expect(res.body.items.map((i: { status: string }) => i.status)).toEqual(['created', 'repeat', 'failed', 'created']);
    expect(res.body.items[1].id).toBe(res.body.items[0].id);
    expect(res.body.items[2].error.code).toBe('receipt_number_conflict');
    const stored = await owner.get(`/api/v1/sales/receipts/${res.body.items[0].id}`);
    expect(stored.body.claimCode).toMatch(/^[0-9A-Z]{10}$/);
    expect(stored.body.payments).toEqual(first.payments.map((p, i) => ({ seq: i + 1, ...p })));
    expect(await countRows(t, orgId, 'receipts', 'receipt_number = $2', [first.receiptNumber])).toBe(1);
  });

  it('records concurrent copies of the same batch once', async () => {
    const items = Array.from({ length: 20 }, () => receipt());
    const answers = await Promise.all([batch(owner, items), batch(owner, items), batch(owner, items)]);
    for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(answers.reduce((s, a) => s + a.body.created, 0)).toBe(20);
    expect(await countRows(t, orgId, 'receipts', 'receipt_number = any($2::text[])', [items.map((i) => i.receiptNumber)])).toBe(20);
  });

  it('bounds the batch and refuses what is not one', async () => {
    await expectProblem(await batch(owner, []), 400, 'validation_failed');
    await expectProblem(
      await batch(
        owner,
        Array.from({ length: 501 }, () => receipt()),
      ),
      400,
      'validation_failed',
    );
    await expectProblem(await owner.post('/api/v1/sales/receipts/batch', { receipts: [receipt()], more: 1 }), 400, 'validation_failed');
  });

  it('lets a store role record for its own stores only', async () => {
    const cashier = await signedInAs(t, owner, 'associate', [store.id]);
    const mine = receipt();
    const theirs = receipt({ storeCode: otherStore.code });
    const res = await batch(cashier, [mine, theirs]);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.items.map((i: { status: string }) => i.status)).toEqual(['created', 'failed']);
    expect(res.body.items[1].error.code).toBe('store_not_allowed');
    const analyst = await signedInAs(t, owner, 'analyst');
    await expectProblem(await batch(analyst, [receipt()]), 403, 'forbidden');
  });

  it("names another org's store as unknown", async () => {
    const other = await t.newOrg();
    await createStore(other.owner, 'ELZ-01');
    const res = await batch(owner, [receipt({ storeCode: 'ELZ-01' })]);
    expect(res.body.items[0].error.code).toBe('unknown_store');
  });
});
