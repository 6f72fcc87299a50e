import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/app';
import { runExpiry, runTierReview } from './jobs';
import { createCustomer, createProducts, createStore, expectCreated, idem, KAHVE_CARD, NEVRESIM_RULE, PROGRAM, uniq } from './test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const DAY = 86_400_000;

/** A fresh org with a store, the products and the test program (optionally other review day). */
async function setup(program: Record<string, unknown> = PROGRAM) {
  const { owner, orgId } = await t.newOrg();
  const store = await createStore(owner, 'IST-01');
  await createProducts(t, orgId);
  await expectCreated(await owner.post('/api/v1/loyalty/programs', program));
  const commit = async (body: Record<string, unknown>) =>
    expectCreated(
      await owner.post(
        '/api/v1/pos/receipts',
        { storeCode: store.code, receiptNumber: uniq('F'), occurredAt: new Date().toISOString(), payments: [], ...body },
        idem(),
      ),
    );
  const summary = async (customerId: string) => (await owner.get(`/api/v1/loyalty/customers/${customerId}`)).body;
  const events = async (type: string, customerId: string) =>
    (
      await t.db.pool.query('select payload from events where org_id = $1 and type = $2 and customer_id = $3 order by id', [
        orgId,
        type,
        customerId,
      ])
    ).rows.map((r) => r.payload);
  return { owner, orgId, store, commit, summary, events };
}

describe('expiry', () => {
  it('warns before points expire (once), then expires what is left of each lot FIFO (once)', async () => {
    const { orgId, owner, commit, summary, events } = await setup();
    const a = await createCustomer(owner);
    await commit({ customer: { id: a.id }, lines: [{ sku: 'NVR-1', quantity: 1 }], payments: [{ method: 'card', amount: 150_000 }] });
    await commit({
      customer: { id: a.id },
      lines: [{ sku: 'TSHIRT-1', quantity: 1 }],
      pointsToRedeem: 1_000,
      payments: [{ method: 'card', amount: 49_000 }],
    });
    // 1,500 + 490 earned, 1,000 spent from the oldest lot: 500 of it and the 490 lot are left.
    expect((await summary(a.id)).accounts[0].balance).toBe(990);

    const warnAt = new Date(Date.now() + 350 * DAY);
    const warned = await runExpiry(t.app.ctx, orgId, warnAt);
    expect(warned.warned).toEqual({ accounts: 1, points: 990 });
    expect(warned.expired.points).toBe(0);
    expect(await events('loyalty.points_expiring', a.id)).toEqual([expect.objectContaining({ points: 990, lots: expect.any(Array) })]);
    expect((await runExpiry(t.app.ctx, orgId, new Date(warnAt.getTime() + 60_000))).warned.accounts).toBe(0);
    expect(await events('loyalty.points_expiring', a.id)).toHaveLength(1);

    const expireAt = new Date(Date.now() + 370 * DAY);
    const expired = await runExpiry(t.app.ctx, orgId, expireAt);
    expect(expired.expired).toEqual({ accounts: 1, points: 990 });
    expect((await summary(a.id)).accounts[0].balance).toBe(0);
    expect(await events('loyalty.points_expired', a.id)).toEqual([expect.objectContaining({ points: 990, balance: 0 })]);
    expect((await runExpiry(t.app.ctx, orgId, new Date(expireAt.getTime() + DAY))).expired.points).toBe(0);
    const { rows } = await t.db.pool.query("select points from points_ledger where org_id = $1 and customer_id = $2 and kind = 'expire'", [
      orgId,
      a.id,
    ]);
    expect(rows).toEqual([{ points: -990 }]);
  });
});

describe('tiers', () => {
  it('upgrade at once on a commit, never down on a refund, down only at the yearly review (once a day)', async () => {
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/Istanbul' });
    const { orgId, owner, commit, summary, events } = await setup({
      ...PROGRAM,
      tierReview: { month: Number(today.slice(5, 7)), day: Math.min(28, Number(today.slice(8, 10))) },
    });
    const c = await createCustomer(owner);
    const r = await commit({
      customer: { id: c.id },
      lines: [{ sku: 'NVR-1', quantity: 2 }],
      payments: [{ method: 'card', amount: 300_000 }],
    });
    expect(r.tier).toMatchObject({ code: 'GUMUS', changed: true });
    const refund = await owner.post(`/api/v1/pos/receipts/${r.receiptId}/refund`, { lines: [{ lineNo: 1, quantity: 1 }] }, idem());
    expect(refund.status, JSON.stringify(refund.body)).toBe(201);
    const after = await summary(c.id);
    expect(after.accounts[0].tier).toMatchObject({ code: 'GUMUS' });
    expect(after.accounts[0].tierMetric.value).toBe(150_000);
    expect(after.accounts[0].nextTier).toMatchObject({ code: 'ALTIN', missing: 850_000 });

    if (Number(today.slice(8, 10)) <= 28) {
      const report = await runTierReview(t.app.ctx, orgId, new Date());
      expect(report).toEqual({ programs: 1, upgraded: 0, downgraded: 1 });
      expect((await summary(c.id)).accounts[0].tier).toMatchObject({ code: 'STANDART' });
      expect(await events('loyalty.tier_changed', c.id)).toEqual([
        expect.objectContaining({ from: null, to: 'GUMUS', change: 'upgrade' }),
        expect.objectContaining({ from: 'GUMUS', to: 'STANDART', change: 'downgrade', review: true }),
      ]);
      expect(await runTierReview(t.app.ctx, orgId, new Date())).toEqual({ programs: 0, upgraded: 0, downgraded: 0 });
    }
  });

  it('does not review on other days', async () => {
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/Istanbul' });
    const month = (Number(today.slice(5, 7)) % 12) + 1;
    const { orgId } = await setup({ ...PROGRAM, tierReview: { month, day: 1 } });
    expect(await runTierReview(t.app.ctx, orgId, new Date())).toEqual({ programs: 0, upgraded: 0, downgraded: 0 });
  });
});

describe('events from other modules', () => {
  it('awards points for receipts integrations send through the sales API (not for POS or imports)', async () => {
    const { owner, store, summary } = await setup();
    const c = await createCustomer(owner);
    const res = await owner.post('/api/v1/sales/receipts', {
      storeCode: store.code,
      receiptNumber: uniq('W'),
      occurredAt: new Date().toISOString(),
      customerId: c.id,
      lines: [{ sku: 'TSHIRT-1', quantity: 2, unitPrice: 50_000, discounts: [{ ruleId: 'web', label: 'Web indirimi', amount: 10_000 }] }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const pos = await owner.post('/api/v1/sales/receipts', {
      storeCode: store.code,
      receiptNumber: uniq('P'),
      occurredAt: new Date().toISOString(),
      customerId: c.id,
      source: 'pos',
      lines: [{ sku: 'TSHIRT-1', quantity: 1, unitPrice: 50_000 }],
    });
    expect(pos.status).toBe(201);
    await t.app.ctx.events.drain();
    const s = await summary(c.id);
    expect(s.accounts[0]).toMatchObject({ balance: 900, tier: { code: 'STANDART' }, tierMetric: { value: 90_000 } });
    await t.app.ctx.events.drain();
    expect((await summary(c.id)).accounts[0].balance).toBe(900);
  });

  it('reverses points of receipts returned through the sales API once, and never twice for a POS refund', async () => {
    const { owner, orgId, commit, summary } = await setup();
    const c = await createCustomer(owner);
    const r = await commit({
      customer: { id: c.id },
      lines: [{ sku: 'HVL-1', quantity: 2 }],
      payments: [{ method: 'card', amount: 80_000 }],
    });
    const other = await commit({
      customer: { id: c.id },
      lines: [{ sku: 'KAHVE-1', quantity: 2 }],
      payments: [{ method: 'card', amount: 10_000 }],
    });
    expect((await summary(c.id)).accounts[0].balance).toBe(900);
    const ret = await owner.post('/api/v1/sales/returns', {
      receiptId: r.receiptId,
      lines: [{ lineNo: 1, quantity: 1 }],
      reason: 'Mağazada iade',
    });
    expect(ret.status, JSON.stringify(ret.body)).toBe(201);
    await t.app.ctx.events.drain();
    expect((await summary(c.id)).accounts[0].balance).toBe(500);
    const refund = await owner.post(`/api/v1/pos/receipts/${other.receiptId}/refund`, {}, idem());
    expect(refund.body.points).toMatchObject({ reversed: 100, balance: 400 });
    await t.app.ctx.events.drain();
    await t.db.tenant(orgId, async (tx) => (await import('./pos')).undoReturn(tx, ret.body.return.id));
    expect((await summary(c.id)).accounts[0].balance).toBe(400);
  });

  it('moves points, stamps and coupons to the survivor of a merge and rebuilds its account from the ledger', async () => {
    const { owner, orgId, commit, summary } = await setup();
    await expectCreated(await owner.post('/api/v1/loyalty/stamp-cards', { definition: KAHVE_CARD }));
    await expectCreated(await owner.post('/api/v1/loyalty/receipt-coupon-rules', { definition: NEVRESIM_RULE }));
    const survivor = await createCustomer(owner, { firstName: 'Ayşe' });
    const merged = await createCustomer(owner, { firstName: 'Ayse' });
    await commit({
      customer: { id: survivor.id },
      lines: [{ sku: 'KAHVE-1', quantity: 2 }],
      payments: [{ method: 'cash', amount: 10_000 }],
    });
    const theirs = await commit({
      customer: { id: merged.id },
      lines: [
        { sku: 'NVR-1', quantity: 2 },
        { sku: 'KAHVE-1', quantity: 1 },
      ],
      payments: [{ method: 'card', amount: 305_000 }],
    });
    expect(theirs.tier.code).toBe('GUMUS');
    const res = await owner.post(`/api/v1/customers/${survivor.id}/merge`, { mergedId: merged.id });
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    await t.app.ctx.events.drain();
    const s = await summary(survivor.id);
    expect(s.accounts[0]).toMatchObject({ balance: 100 + 3050, tier: { code: 'GUMUS' } });
    expect(s.stampCards[0]).toMatchObject({ stamps: 3, totalStamps: 3 });
    expect(s.coupons).toEqual([expect.objectContaining({ code: theirs.couponsToPrint[0].code })]);
    const { rows } = await t.db.pool.query('select count(*)::int as n from loyalty_accounts where org_id = $1 and customer_id = $2', [
      orgId,
      merged.id,
    ]);
    expect(rows[0].n).toBe(0);
    // A till still holding the merged id finds the survivor.
    const found = await owner.post('/api/v1/pos/identify', { customerId: merged.id });
    expect(found.body.customer).toMatchObject({ id: survivor.id, pointsBalance: 3150 });
    // A refund of the merged customer's receipt reverses the survivor's points.
    const refund = await owner.post(`/api/v1/pos/receipts/${theirs.receiptId}/refund`, {}, idem());
    expect(refund.body.points).toMatchObject({ reversed: 3050, balance: 100 });
    // Delivered twice, the merge changes nothing more.
    await t.db.tenant(orgId, async (tx) => (await import('./customer')).mergeLoyalty(tx, merged.id, survivor.id));
    expect((await summary(survivor.id)).accounts[0].balance).toBe(100);
  });
});
