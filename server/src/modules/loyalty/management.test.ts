import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, expectProblem, signedInAs, startTestApp, type TestApp } from '../../testing/app';
import {
  amountOff,
  CORAP_3AL2,
  count,
  createCustomer,
  createProducts,
  createStore,
  expectCreated,
  idem,
  KAHVE_CARD,
  NEVRESIM_RULE,
  PROGRAM,
  posKey,
  uniq,
} from './test-helpers';

let t: TestApp;
let owner: Caller;
let orgId: string;
let store: { id: string; code: string };
let pos: Caller;

beforeAll(async () => {
  t = await startTestApp({ worker: true });
  ({ owner, orgId } = await t.newOrg());
  store = await createStore(owner, 'IST-01');
  await createProducts(t, orgId);
  pos = await posKey(t, owner, store.code);
});
afterAll(() => t.close());

const basket = (over: Record<string, unknown> = {}) => ({ storeCode: store.code, lines: [{ sku: 'CORAP-1', quantity: 3 }], ...over });

async function waitForJob(id: string) {
  for (let i = 0; i < 600; i++) {
    const res = await owner.get(`/api/v1/jobs/${id}`);
    if (res.body.status === 'succeeded' || res.body.status === 'failed') return res.body;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('job did not finish');
}

describe('definitions', () => {
  it('validates definitions with the engine schemas: 400 naming each bad field, nothing written', async () => {
    const before = await Promise.all(
      ['loyalty_programs', 'promotions', 'stamp_cards', 'receipt_coupon_rules', 'coupon_campaigns'].map((x) => count(t, orgId, x)),
    );
    const fields = async (url: string, body: unknown) =>
      expectProblem(await owner.post(url, body), 400, 'validation_failed').errors?.map((e) => [e.field, e.code]);
    expect(await fields('/api/v1/loyalty/promotions', { definition: { ...CORAP_3AL2, n: 2, m: 3 } })).toEqual([
      ['/definition/m', 'invalid'],
    ]);
    expect(await fields('/api/v1/loyalty/promotions', { definition: { ...CORAP_3AL2, kind: 'magic' } })).toEqual([
      ['/definition/kind', 'invalid_union'],
    ]);
    expect(await fields('/api/v1/loyalty/promotions', { definition: { ...CORAP_3AL2, conditons: {} } })).toEqual([
      ['/definition', 'unknown_field'],
    ]);
    expect(
      await fields('/api/v1/loyalty/programs', {
        ...PROGRAM,
        definition: { ...PROGRAM.definition, burn: { points: 100, value: 100, minPoints: 900, maxPoints: 500 } },
      }),
    ).toEqual([['/definition/burn/minPoints', 'invalid']]);
    expect(
      await fields('/api/v1/loyalty/programs', {
        ...PROGRAM,
        tiers: { ...PROGRAM.tiers, tiers: [PROGRAM.tiers.tiers[0], PROGRAM.tiers.tiers[0]] },
      }),
    ).toEqual(expect.arrayContaining([['/tiers/tiers', 'invalid']]));
    expect(await fields('/api/v1/loyalty/stamp-cards', { definition: { ...KAHVE_CARD, reward: undefined } })).toEqual([
      ['/definition/reward', 'required'],
    ]);
    expect(
      await fields('/api/v1/loyalty/receipt-coupon-rules', { definition: { ...NEVRESIM_RULE, conditions: { couponCodes: ['X'] } } }),
    ).toEqual([['/definition/conditions/couponCodes', 'invalid']]);
    expect(
      await fields('/api/v1/loyalty/coupon-campaigns', {
        name: 'X',
        kind: 'unique',
        terms: { validFrom: '2026-13-01', effect: amountOff('x', 100) },
      }),
    ).toEqual([['/terms/validFrom', 'invalid']]);
    expectProblem(
      await owner.post('/api/v1/loyalty/coupon-campaigns', { name: 'X', kind: 'shared', terms: { effect: amountOff('x', 100) } }),
      400,
      'validation_failed',
    );
    expect(
      await Promise.all(
        ['loyalty_programs', 'promotions', 'stamp_cards', 'receipt_coupon_rules', 'coupon_campaigns'].map((x) => count(t, orgId, x)),
      ),
    ).toEqual(before);
  });

  it('creates, reads, changes and deletes; codes are unique and one program is active per brand', async () => {
    const program = await expectCreated(await owner.post('/api/v1/loyalty/programs', PROGRAM));
    expect(program).toMatchObject({
      name: 'Kulüp',
      brandId: null,
      active: true,
      version: 1,
      tierReview: { month: 1, day: 1 },
      expiryWarningDays: 30,
    });
    expectProblem(await owner.post('/api/v1/loyalty/programs', PROGRAM), 409, 'program_exists');
    expectProblem(
      await owner.post('/api/v1/loyalty/programs', { ...PROGRAM, brandId: '0195f3c1-8d2a-7c3e-9a1b-2c3d4e5f6a7b' }),
      400,
      'validation_failed',
    );
    expectProblem(
      await owner.post('/api/v1/loyalty/programs', { ...PROGRAM, tierReview: { month: 2, day: 29 } }),
      400,
      'validation_failed',
    );
    const changed = await owner.patch(`/api/v1/loyalty/programs/${program.id}`, { name: 'Kulüp Puan', expiryWarningDays: 15 });
    expect(changed.body).toMatchObject({ name: 'Kulüp Puan', expiryWarningDays: 15, version: 2 });
    expect((await owner.get(`/api/v1/loyalty/programs/${program.id}`)).body.version).toBe(2);
    expect((await owner.get('/api/v1/loyalty/programs')).body.items).toHaveLength(1);

    const promo = await expectCreated(await owner.post('/api/v1/loyalty/promotions', { definition: CORAP_3AL2 }));
    expect(promo).toMatchObject({ code: 'corap-3al2', brandId: null, active: true, definition: CORAP_3AL2 });
    expectProblem(await owner.post('/api/v1/loyalty/promotions', { definition: CORAP_3AL2 }), 409, 'code_exists');
    expect((await pos.post('/api/v1/pos/evaluate', basket())).body.totalDiscount).toBe(10_000);
    // Every change reaches the till at once (the cached definitions follow the org's version).
    expect((await owner.patch(`/api/v1/loyalty/promotions/${promo.id}`, { active: false })).body.active).toBe(false);
    expect((await pos.post('/api/v1/pos/evaluate', basket())).body.totalDiscount).toBe(0);
    await owner.patch(`/api/v1/loyalty/promotions/${promo.id}`, { active: true, definition: { ...CORAP_3AL2, n: 2, m: 1 } });
    expect((await pos.post('/api/v1/pos/evaluate', basket())).body.totalDiscount).toBe(10_000);
    expect((await owner.get('/api/v1/loyalty/promotions', { query: { active: 'true' } })).body.items).toHaveLength(1);
    expect((await owner.delete(`/api/v1/loyalty/promotions/${promo.id}`)).status).toBe(204);
    expectProblem(await owner.get(`/api/v1/loyalty/promotions/${promo.id}`), 404, 'not_found');
    expect((await pos.post('/api/v1/pos/evaluate', basket())).body.totalDiscount).toBe(0);

    const card = await expectCreated(await owner.post('/api/v1/loyalty/stamp-cards', { definition: KAHVE_CARD }));
    expect(
      (await owner.patch(`/api/v1/loyalty/stamp-cards/${card.id}`, { definition: { ...KAHVE_CARD, stampsNeeded: 6 } })).body.definition
        .stampsNeeded,
    ).toBe(6);
    expect((await owner.get(`/api/v1/loyalty/stamp-cards/${card.id}`)).body.code).toBe('kahve');
    const rule = await expectCreated(await owner.post('/api/v1/loyalty/receipt-coupon-rules', { definition: NEVRESIM_RULE }));
    expect((await owner.get('/api/v1/loyalty/receipt-coupon-rules')).body.items).toEqual([expect.objectContaining({ id: rule.id })]);
    expect((await owner.delete(`/api/v1/loyalty/receipt-coupon-rules/${rule.id}`)).status).toBe(204);
    expect((await owner.get('/api/v1/loyalty/stamp-cards')).body.items).toHaveLength(1);
  });

  it('tests a basket against drafts or the active promotions, explaining every decision', async () => {
    const res = await owner.post('/api/v1/loyalty/promotions/test', {
      basket: {
        lines: [
          { sku: 'CORAP-1', quantity: 3 },
          { categoryPath: ['Ev Tekstili', 'Havlu'], quantity: 1, unitPrice: 40_000 },
        ],
        customer: { tierCode: 'GUMUS' },
      },
      promotions: [
        CORAP_3AL2,
        { ...amountOff('altin-100', 10_000, 50_000), conditions: { tiers: ['ALTIN'] } },
        {
          id: 'havlu-10',
          label: 'Havluda %10',
          kind: 'percent_off',
          priority: 0,
          stackable: true,
          exclusive: false,
          target: { categories: [['ev tekstili', 'HAVLU']] },
          percent: 10,
        },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ subtotal: 70_000, totalDiscount: 14_000, total: 56_000 });
    expect(res.body.applied).toEqual([
      { promotionId: 'corap-3al2', label: 'Çorapta 3 al 2 öde', kind: 'N al M öde' },
      { promotionId: 'havlu-10', label: 'Havluda %10', kind: 'Kategori / marka / ürün yüzde indirimi' },
    ]);
    expect(res.body.rejected).toEqual([
      {
        promotionId: 'altin-100',
        label: '100 TL indirim',
        reason: 'tier_not_eligible',
        message: 'Müşterinin üyelik seviyesi bu kampanyaya uygun değil.',
      },
    ]);
    expect(res.body.lines[0]).toMatchObject({ sku: 'CORAP-1', categoryPath: ['Aksesuar', 'Çorap'], unitPrice: 10_000 });
    expectProblem(await owner.post('/api/v1/loyalty/promotions/test', { basket: { lines: [] } }), 400, 'validation_failed');
  });
});

describe('coupon campaigns', () => {
  it('generates 100,000 unique codes in a job with progress, lists them by page and exports them as CSV', async () => {
    const campaign = await expectCreated(
      await owner.post('/api/v1/loyalty/coupon-campaigns', {
        name: 'Yılbaşı 2026',
        kind: 'unique',
        terms: { validUntil: '2026-12-31', effect: amountOff('yilbasi', 5_000, 25_000) },
        codeFormat: { length: 8, prefix: 'YB' },
      }),
    );
    const started = Date.now();
    const queued = await owner.post(`/api/v1/loyalty/coupon-campaigns/${campaign.id}/generate`, { count: 100_000 }, idem());
    expect(queued.status, JSON.stringify(queued.body)).toBe(202);
    const job = await waitForJob(queued.body.jobId);
    expect(job).toMatchObject({ status: 'succeeded', done: 100_000, total: 100_000 });
    const seconds = (Date.now() - started) / 1000;
    expect(seconds).toBeLessThan(120);
    expect(await count(t, orgId, 'coupon_codes', 'campaign_id = $2', [campaign.id])).toBe(100_000);
    const detail = await owner.get(`/api/v1/loyalty/coupon-campaigns/${campaign.id}`);
    expect(detail.body.stats).toMatchObject({ codes: 100_000, codesUsed: 0, redemptions: 0 });
    const page1 = await owner.get(`/api/v1/loyalty/coupon-campaigns/${campaign.id}/codes`, { query: { limit: '3' } });
    expect(page1.body.items).toHaveLength(3);
    expect(page1.body.items[0].code).toMatch(/^YB[A-HJ-NP-Z2-9]{8}$/);
    const page2 = await owner.get(`/api/v1/loyalty/coupon-campaigns/${campaign.id}/codes`, {
      query: { limit: '3', cursor: page1.body.nextCursor },
    });
    expect(page2.body.items[0].code > page1.body.items[2].code).toBe(true);
    const csv = await owner.get(`/api/v1/loyalty/coupon-campaigns/${campaign.id}/codes.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="kupon-kodlari-Yilbasi-2026.csv"/);
    expect(String(csv.body).startsWith('\ufeff')).toBe(true);
    const rows = String(csv.body).trim().split('\r\n');
    expect(rows[0]).toBe('code,status,uses,max_uses,customer_id,valid_from,valid_until,issued_at');
    expect(rows).toHaveLength(100_001);
    expect(new Set(rows.slice(1).map((r) => r.split(',')[0])).size).toBe(100_000);
    // A code from the export works at the till.
    const code = rows[1].split(',')[0];
    const e = await pos.post('/api/v1/pos/evaluate', basket({ lines: [{ sku: 'NVR-1', quantity: 1 }], couponCodes: [code] }));
    expect(e.body.coupons[0]).toMatchObject({ status: 'ok', discount: 5_000 });
    expectProblem(await owner.post(`/api/v1/loyalty/coupon-campaigns/${campaign.id}/generate`, { count: 0 }), 400, 'validation_failed');
  }, 180_000);

  it('refuses generation for other kinds and formats too short for the count', async () => {
    const shared = await expectCreated(
      await owner.post('/api/v1/loyalty/coupon-campaigns', {
        name: 'Ortak',
        kind: 'shared',
        code: 'ortak-1',
        terms: { effect: amountOff('o1', 1_000, 5_000) },
      }),
    );
    expectProblem(await owner.post(`/api/v1/loyalty/coupon-campaigns/${shared.id}/generate`, { count: 10 }), 409, 'not_a_unique_campaign');
    const tiny = await expectCreated(
      await owner.post('/api/v1/loyalty/coupon-campaigns', {
        name: 'Kısa',
        kind: 'unique',
        terms: { effect: amountOff('k1', 1_000, 5_000) },
        codeFormat: { length: 4 },
      }),
    );
    expectProblem(
      await owner.post(`/api/v1/loyalty/coupon-campaigns/${tiny.id}/generate`, { count: 100_000 }),
      422,
      'code_space_too_small',
    );
    expectProblem(
      await owner.post('/api/v1/loyalty/coupon-campaigns', {
        name: 'Aynı',
        kind: 'shared',
        code: 'ORTAK1',
        terms: { effect: amountOff('o2', 1_000, 5_000) },
      }),
      409,
      'code_exists',
    );
  });

  it('limits a shared code’s uses and one use per customer', async () => {
    await createCustomer(owner);
    await expectCreated(
      await owner.post('/api/v1/loyalty/coupon-campaigns', {
        name: 'İki kullanım',
        kind: 'shared',
        code: 'IKI-KEZ',
        terms: { usageLimit: 2, onePerCustomer: true, effect: amountOff('iki', 1_000, 5_000) },
      }),
    );
    const c1 = await createCustomer(owner);
    const c2 = await createCustomer(owner);
    const c3 = await createCustomer(owner);
    const commit = (customerId: string | null) =>
      pos.post(
        '/api/v1/pos/receipts',
        {
          ...basket({ couponCodes: ['iki kez'] }),
          ...(customerId ? { customer: { id: customerId } } : {}),
          receiptNumber: uniq('F'),
          occurredAt: new Date().toISOString(),
          payments: [{ method: 'card', amount: 29_000 }],
        },
        idem(),
      );
    expectProblem(await commit(null), 422, 'coupon_invalid');
    expect((await commit(c1.id)).status).toBe(201);
    expectProblem(await commit(c1.id), 409, 'COUPON_ALREADY_USED_BY_CUSTOMER');
    expect((await commit(c2.id)).status).toBe(201);
    expectProblem(await commit(c3.id), 409, 'COUPON_USAGE_LIMIT_REACHED');
    const code = await owner.get('/api/v1/loyalty/coupons/IKIKEZ');
    expect(code.body).toMatchObject({ kind: 'shared', uses: 2, maxUses: 2 });
  });

  it('issues personal coupons only their customer can use', async () => {
    const c = await createCustomer(owner);
    const someone = await createCustomer(owner);
    const campaign = await expectCreated(
      await owner.post('/api/v1/loyalty/coupon-campaigns', {
        name: 'Size özel',
        kind: 'personal',
        terms: { effect: amountOff('ozel', 2_000, 10_000) },
      }),
    );
    expectProblem(
      await owner.post(`/api/v1/loyalty/coupon-campaigns/${campaign.id}/issue`, { customerIds: ['0195f3c1-8d2a-7c3e-9a1b-2c3d4e5f6a7b'] }),
      422,
      'unknown_customer',
    );
    const issued = await expectCreated(await owner.post(`/api/v1/loyalty/coupon-campaigns/${campaign.id}/issue`, { customerIds: [c.id] }));
    const code = issued.items[0].code;
    const mine = await pos.post('/api/v1/pos/evaluate', basket({ customer: { id: c.id }, couponCodes: [code] }));
    expect(mine.body.coupons[0]).toMatchObject({ status: 'ok', discount: 2_000 });
    const theirs = await pos.post('/api/v1/pos/evaluate', basket({ customer: { id: someone.id }, couponCodes: [code] }));
    expect(theirs.body.coupons[0].status).toBe('not_your_coupon');
    const identified = await pos.post('/api/v1/pos/identify', { customerId: c.id });
    expect(identified.body.customer.usableCoupons).toEqual([expect.objectContaining({ code, label: '20 TL indirim' })]);
    const list = await owner.get('/api/v1/loyalty/coupon-campaigns');
    expect(list.body.items.length).toBeGreaterThan(2);
    const shared = await expectCreated(
      await owner.post('/api/v1/loyalty/coupon-campaigns', {
        name: 'Paylaşımlı',
        kind: 'shared',
        code: 'PAYLAS',
        terms: { effect: amountOff('p', 1_000, 5_000) },
      }),
    );
    expectProblem(
      await owner.post(`/api/v1/loyalty/coupon-campaigns/${shared.id}/issue`, { customerIds: [c.id] }),
      409,
      'not_a_personal_campaign',
    );
    const patched = await owner.patch(`/api/v1/loyalty/coupon-campaigns/${shared.id}`, { active: false });
    expect(patched.body.active).toBe(false);
    const closed = await pos.post('/api/v1/pos/evaluate', basket({ couponCodes: ['PAYLAS'] }));
    expect(closed.body.coupons[0].status).toBe('coupon_inactive');
  });
});

describe('a customer’s loyalty', () => {
  it('shows balance, tier progress, stamps, coupons and the ledger page by page', async () => {
    const c = await createCustomer(owner);
    for (let i = 0; i < 3; i++) {
      const res = await pos.post(
        '/api/v1/pos/receipts',
        {
          ...basket({ customer: { id: c.id }, lines: [{ sku: 'HVL-1', quantity: 1 }] }),
          receiptNumber: uniq('F'),
          occurredAt: new Date().toISOString(),
          payments: [{ method: 'card', amount: 40_000 }],
        },
        idem(),
      );
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const s = await owner.get(`/api/v1/loyalty/customers/${c.id}`);
    expect(s.body).toMatchObject({
      customerId: c.id,
      accounts: [
        {
          balance: 1200,
          pointsValue: 1_200,
          tier: { code: 'STANDART', name: 'Standart' },
          tierMetric: { metric: 'spend', value: 120_000 },
          nextTier: { code: 'GUMUS', missing: 180_000 },
          expiring: null,
        },
      ],
    });
    const p1 = await owner.get(`/api/v1/loyalty/customers/${c.id}/ledger`, { query: { limit: '2' } });
    expect(p1.body.items).toHaveLength(2);
    const p2 = await owner.get(`/api/v1/loyalty/customers/${c.id}/ledger`, { query: { limit: '2', cursor: p1.body.nextCursor } });
    expect(p2.body.items).toHaveLength(1);
    expect(p2.body.nextCursor).toBeNull();
    expectProblem(await owner.get(`/api/v1/loyalty/customers/${c.id}/ledger`, { query: { cursor: 'bozuk' } }), 400, 'invalid_cursor');
    expectProblem(await owner.get('/api/v1/loyalty/customers/0195f3c1-8d2a-7c3e-9a1b-2c3d4e5f6a7b'), 404, 'not_found');
  });

  it('adjusts points with a reason (never below zero) for store managers, not for marketers', async () => {
    const c = await createCustomer(owner);
    const manager = await signedInAs(t, owner, 'store_manager', [store.id]);
    const marketer = await signedInAs(t, owner, 'marketer');
    expectProblem(await marketer.post(`/api/v1/loyalty/customers/${c.id}/adjust`, { points: 10, reason: 'x' }, idem()), 403, 'forbidden');
    expectProblem(
      await manager.post(`/api/v1/loyalty/customers/${c.id}/adjust`, { points: 10, reason: 'x' }),
      400,
      'idempotency_key_required',
    );
    const key = idem();
    const plus = await expectCreated(
      await manager.post(`/api/v1/loyalty/customers/${c.id}/adjust`, { points: 300, reason: 'Gecikme özrü' }, key),
    );
    expect(plus).toMatchObject({ points: 300, balance: 300 });
    expect((await manager.post(`/api/v1/loyalty/customers/${c.id}/adjust`, { points: 300, reason: 'Gecikme özrü' }, key)).body).toEqual(
      plus,
    );
    expectProblem(
      await manager.post(`/api/v1/loyalty/customers/${c.id}/adjust`, { points: -301, reason: 'Düzeltme' }, idem()),
      422,
      'insufficient_points',
    );
    expectProblem(
      await manager.post(`/api/v1/loyalty/customers/${c.id}/adjust`, { points: 0, reason: 'Sıfır' }, idem()),
      400,
      'validation_failed',
    );
    expectProblem(await manager.post(`/api/v1/loyalty/customers/${c.id}/adjust`, { points: 5 }, idem()), 400, 'validation_failed');
    const minus = await expectCreated(
      await manager.post(`/api/v1/loyalty/customers/${c.id}/adjust`, { points: -100, reason: 'Düzeltme' }, idem()),
    );
    expect(minus.balance).toBe(200);
    const ledger = await owner.get(`/api/v1/loyalty/customers/${c.id}/ledger`);
    expect(ledger.body.items.map((e: { kind: string; points: number; reason: string }) => [e.kind, e.points, e.reason])).toEqual([
      ['adjust', -100, 'Düzeltme'],
      ['adjust', 300, 'Gecikme özrü'],
    ]);
    const { rows } = await t.db.pool.query(
      "select count(*)::int as n from audit_log where org_id = $1 and action = 'loyalty.points.adjust'",
      [orgId],
    );
    expect(rows[0].n).toBe(2);
  });

  it('gives segments the points balance, 0 for a customer without an account', async () => {
    const rich = await createCustomer(owner);
    const none = await createCustomer(owner);
    await expectCreated(await owner.post(`/api/v1/loyalty/customers/${rich.id}/adjust`, { points: 250, reason: 'Hoş geldin' }, idem()));
    const sampled = async (rule: unknown) => {
      const res = await owner.post('/api/v1/segments/preview', { rule });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const ids = res.body.sample.map((m: { customerId: string }) => m.customerId);
      return [rich.id, none.id].filter((id) => ids.includes(id));
    };
    expect(await sampled({ field: 'points_balance', operator: 'gte', value: 250 })).toEqual([rich.id]);
    expect(await sampled({ field: 'points_balance', operator: 'between', value: [1, 300] })).toEqual([rich.id]);
    expect(await sampled({ field: 'points_balance', operator: 'lte', value: 0 })).toEqual([none.id]);
    expect(await sampled({ op: 'not', rule: { field: 'points_balance', operator: 'gte', value: 250 } })).toEqual([none.id]);
    expect(await sampled({ field: 'points_balance', operator: 'eq', value: 0 })).toEqual([none.id]);
  });

  it('stamps at the counter with one tap; a completed card issues its reward once, even on a double tap', async () => {
    const c = await createCustomer(owner);
    const card = (await owner.get('/api/v1/loyalty/stamp-cards')).body.items.find((x: { code: string }) => x.code === 'kahve');
    const associate = await signedInAs(t, owner, 'associate', [store.id]);
    const one = await expectCreated(await associate.post(`/api/v1/loyalty/customers/${c.id}/stamps`, { cardId: card.id }, idem()));
    expect(one).toMatchObject({ stampsAdded: 1, stamps: 1, stampsNeeded: 6, rewardsEarned: 0, coupons: [] });
    const key = idem();
    const five = await expectCreated(await associate.post(`/api/v1/loyalty/customers/${c.id}/stamps`, { cardId: card.id, count: 5 }, key));
    expect(five).toMatchObject({ stampsAdded: 5, stamps: 0, rewardsEarned: 1 });
    expect(five.coupons).toEqual([expect.objectContaining({ label: 'Hediye kahve', code: expect.any(String) })]);
    const tap = await associate.post(`/api/v1/loyalty/customers/${c.id}/stamps`, { cardId: card.id, count: 5 }, key);
    expect(tap.body).toEqual(five);
    const s = await owner.get(`/api/v1/loyalty/customers/${c.id}`);
    expect(s.body.stampCards[0]).toMatchObject({ stamps: 0, totalStamps: 6, rewards: 1 });
    expect(s.body.coupons).toEqual([expect.objectContaining({ code: five.coupons[0].code, source: 'stamp_card' })]);
    // The reward makes a coffee free.
    const free = await pos.post(
      '/api/v1/pos/evaluate',
      basket({ customer: { id: c.id }, lines: [{ sku: 'KAHVE-1', quantity: 1 }], couponCodes: [five.coupons[0].code] }),
    );
    expect(free.body).toMatchObject({ total: 0, stamps: [expect.objectContaining({ stampsAdded: 0 })] });
    expectProblem(
      await associate.post(`/api/v1/loyalty/customers/${c.id}/stamps`, { cardId: '0195f3c1-8d2a-7c3e-9a1b-2c3d4e5f6a7b' }, idem()),
      422,
      'unknown_stamp_card',
    );
    const marketer = await signedInAs(t, owner, 'marketer');
    expectProblem(await marketer.post(`/api/v1/loyalty/customers/${c.id}/stamps`, { cardId: card.id }, idem()), 403, 'forbidden');
  });

  it('exports the customer’s loyalty with the KVKK access request and keeps the ledger on erasure', async () => {
    const c = await createCustomer(owner);
    await owner.post(`/api/v1/loyalty/customers/${c.id}/adjust`, { points: 50, reason: 'Telefonla aradı: 0532 000 00 00' }, idem());
    const { exportPersonalData, erasePersonalData } = await import('../../platform/personal-data');
    const data = (await t.db.tenant(orgId, (tx) => exportPersonalData(tx, c.id))) as {
      loyalty: { ledger: { points: number }[]; accounts: { balance: number }[] };
    };
    expect(data.loyalty.accounts).toEqual([expect.objectContaining({ balance: 50 })]);
    expect(data.loyalty.ledger).toEqual([expect.objectContaining({ points: 50, reason: 'Telefonla aradı: 0532 000 00 00' })]);
    await t.db.tenant(orgId, (tx) => erasePersonalData(tx, c.id));
    const { rows } = await t.db.pool.query('select points, reason from points_ledger where org_id = $1 and customer_id = $2', [
      orgId,
      c.id,
    ]);
    expect(rows).toEqual([{ points: 50, reason: null }]);
  });
});
