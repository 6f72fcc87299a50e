import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, expectProblem, signedInAs, startTestApp, type TestApp } from '../../testing/app';
import { importSales as importSalesAs, type Sale } from './test-helpers';

let t: TestApp;
let owner: Caller;
let orgId: string;
let storeId: string;

beforeAll(async () => {
  t = await startTestApp({ worker: true });
  ({ owner, orgId } = await t.newOrg());
  const store = await owner.post('/api/v1/stores', { code: 'S1', name: 'Kadıköy' });
  expect(store.status, JSON.stringify(store.body)).toBe(201);
  storeId = store.body.id;
});
afterAll(() => t.close());

const importSales = (sales: Sale[], prefix: string, caller = owner) => importSalesAs(caller, sales, prefix);

/** The day the risk is measured on, and days before it. */
const AS_OF = '2026-10-31';
const before = (days: number) => new Date(Date.parse(AS_OF) - days * 86_400_000).toISOString().slice(0, 10);

/**
 * A history where each customer's risk is known by hand (weights: P(alive) 0.9, rhythm 0.8, spend 0.5):
 * - BOTH: every 10 days from −170 to −120, then once at −85: gap 85/6 ≈ 14.2, 85 days without (rhythm 1),
 *   spend 60,000 → 10,000 (drop 5/6): 100 × (1 − 0.2 × (1 − 0.5 × 5/6)) = 88.3 → 88, high;
 * - RHY: every 10 days, the last 41 days ago (rhythm 1): 80, high — bought in store S1;
 * - ONCE: one purchase 100 days ago, nothing since (spend 5,000 → 0, rhythm unmeasured): 50, medium;
 * - FALL: 25,000 at −170 and −120, 20,000 at −20: gap 75, 20 days (rhythm 0), spend 50,000 → 20,000
 *   (drop 0.6): 30, medium — bought in S1;
 * - STEADY: every 10 days up to 10 days ago: 0, low; NEW: one purchase 5 days ago: nothing measured, 0.
 */
const history: Sale[] = [
  ...[170, 160, 150, 140, 130, 120, 85].map((d) => ({ customer: 'BOTH', day: before(d), amount: 10_000 })),
  ...[71, 61, 51, 41].map((d) => ({ customer: 'RHY', day: before(d), amount: 10_000, store: 'S1' })),
  { customer: 'ONCE', day: before(100), amount: 5_000 },
  { customer: 'FALL', day: before(170), amount: 25_000, store: 'S1' },
  { customer: 'FALL', day: before(120), amount: 25_000 },
  { customer: 'FALL', day: before(20), amount: 20_000 },
  ...[40, 30, 20, 10].map((d) => ({ customer: 'STEADY', day: before(d), amount: 10_000 })),
  { customer: 'NEW', day: before(5), amount: 7_000 },
];

const ids = new Map<string, string>();
const idOf = (external: string) => ids.get(external)!;
const en = { headers: { 'accept-language': 'en' } };

describe('churn risk', () => {
  beforeAll(async () => {
    await importSales(history, 'A');
    for (const e of ['BOTH', 'RHY', 'ONCE', 'FALL', 'STEADY', 'NEW']) {
      ids.set(e, (await owner.get('/api/v1/customers/lookup', { query: { kind: 'external', value: `import:${e}` } })).body.id);
    }
  });

  it('is empty before the first computation, and a day after today is refused', async () => {
    const res = await owner.get(`/api/v1/analytics/customers/${idOf('BOTH')}/churn`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ score: null, band: null, computedAt: null, reasons: [], unmeasured: [] });
    expect((await owner.get('/api/v1/analytics/churn/summary')).body).toMatchObject({ customers: 0, computedAt: null });
    expectProblem(await owner.post('/api/v1/analytics/churn/run', { asOf: '2999-01-01' }), 400, 'validation_failed');
    expectProblem(await owner.post('/api/v1/analytics/churn/run', { asOf: 'dün' }), 400, 'validation_failed');
  });

  it('without a CLV fit scores from rhythm and spend, with exact reasons in order', async () => {
    const run = await owner.post('/api/v1/analytics/churn/run', { asOf: AS_OF });
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    expect(run.body).toMatchObject({
      asOf: AS_OF,
      fitId: null,
      customers: 6,
      bands: { high: 2, medium: 2, low: 2 },
      signals: ['p_alive_low', 'rhythm_broken', 'spend_falling'],
    });

    const both = (await owner.get(`/api/v1/analytics/customers/${idOf('BOTH')}/churn`, en)).body;
    expect(both).toMatchObject({ score: 88, band: 'high', asOf: AS_OF });
    expect(both.reasons.map((r: { key: string }) => r.key)).toEqual(['rhythm_broken', 'spend_falling']);
    expect(both.reasons[0]).toMatchObject({
      strength: 1,
      values: { gap: 14, days: 85 },
      text: 'Usually buys every 14 days; none for 85 days.',
    });
    expect(both.reasons[1]).toMatchObject({ strength: 0.8333, values: { drop: 83, latest: 10_000, previous: 60_000 } });
    expect(both.reasons[1].text).toBe('Spent 83% less in the last 90 days than in the 90 before.');
    // No fit yet: P(alive) is stated as not measured, with why.
    expect(both.unmeasured).toEqual([
      { key: 'p_alive_low', label: 'Chance of still being active', text: 'No CLV model includes this customer yet.' },
    ]);

    const tr = (await owner.get(`/api/v1/analytics/customers/${idOf('RHY')}/churn`)).body;
    expect(tr).toMatchObject({ score: 80, band: 'high' });
    expect(tr.reasons).toHaveLength(1);
    expect(tr.reasons[0].text).toBe('Genelde 10 günde bir alışveriş yapıyor; 41 gündür yok.');
    expect(tr.unmeasured.map((u: { key: string }) => u.key)).toEqual(['p_alive_low', 'spend_falling']);

    const fall = (await owner.get(`/api/v1/analytics/customers/${idOf('FALL')}/churn`)).body;
    expect(fall).toMatchObject({ score: 30, band: 'medium' });
    // Rhythm is measured (strength 0) but is no reason.
    expect(fall.reasons.map((r: { key: string }) => r.key)).toEqual(['spend_falling']);
    expect(fall.unmeasured.map((u: { key: string }) => u.key)).toEqual(['p_alive_low']);

    const steady = (await owner.get(`/api/v1/analytics/customers/${idOf('STEADY')}/churn`)).body;
    expect(steady).toMatchObject({ score: 0, band: 'low', reasons: [] });
  });

  it('handles customers with a single purchase', async () => {
    const once = (await owner.get(`/api/v1/analytics/customers/${idOf('ONCE')}/churn`, en)).body;
    expect(once).toMatchObject({ score: 50, band: 'medium' });
    expect(once.reasons).toEqual([
      expect.objectContaining({ key: 'spend_falling', strength: 1, values: { drop: 100, latest: 0, previous: 5_000 } }),
    ]);
    expect(once.unmeasured.map((u: { key: string; text: string }) => [u.key, u.text])).toEqual([
      ['p_alive_low', 'No CLV model includes this customer yet.'],
      ['rhythm_broken', 'A rhythm needs at least two purchase days.'],
    ]);
    const fresh = (await owner.get(`/api/v1/analytics/customers/${idOf('NEW')}/churn`)).body;
    expect(fresh).toMatchObject({ score: 0, band: 'low', reasons: [] });
    expect(fresh.unmeasured).toHaveLength(3);
  });

  it('lists customers at risk highest first, by band, paginated, and counts the bands', async () => {
    const all = (await owner.get('/api/v1/analytics/churn')).body;
    expect(all.items.slice(0, 4).map((i: { customerId: string }) => i.customerId)).toEqual(['BOTH', 'RHY', 'ONCE', 'FALL'].map(idOf));
    expect(all.items.map((i: { score: number }) => i.score)).toEqual([88, 80, 50, 30, 0, 0]);
    expect(all.items[0]).toMatchObject({ name: null, band: 'high', status: 'active' });
    expect(all.items[0].reasons[0].key).toBe('rhythm_broken');

    const high = (await owner.get('/api/v1/analytics/churn', { query: { band: 'high' } })).body;
    expect(high.items.map((i: { customerId: string }) => i.customerId)).toEqual([idOf('BOTH'), idOf('RHY')]);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = (await owner.get('/api/v1/analytics/churn', { query: { limit: '4', ...(cursor ? { cursor } : {}) } })).body;
      expect(page.items.length).toBeLessThanOrEqual(4);
      seen.push(...page.items.map((i: { customerId: string }) => i.customerId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.items.map((i: { customerId: string }) => i.customerId));

    const summary = (await owner.get('/api/v1/analytics/churn/summary')).body;
    expect(summary).toMatchObject({
      customers: 6,
      asOf: AS_OF,
      bands: [
        { band: 'low', customers: 2 },
        { band: 'medium', customers: 2 },
        { band: 'high', customers: 2 },
      ],
    });
    expect(summary.computedAt).toEqual(expect.any(String));
  });

  it('refuses bad input and other orgs', async () => {
    expectProblem(await owner.get('/api/v1/analytics/churn', { query: { band: 'kritik' } }), 400, 'validation_failed');
    expectProblem(await owner.get('/api/v1/analytics/churn', { query: { cursor: 'bozuk' } }), 400, 'invalid_cursor');
    expectProblem(await owner.get('/api/v1/analytics/churn', { query: { limit: '0' } }), 400, 'validation_failed');
    expectProblem(await owner.get('/api/v1/analytics/churn/summary', { query: { brand: 'YOK' } }), 422, 'unknown_brand');
    expectProblem(await owner.get('/api/v1/analytics/customers/00000000-0000-4000-8000-000000000000/churn'), 404, 'not_found');
    expectProblem(await owner.get('/api/v1/analytics/customers/bozuk/churn'), 400, 'validation_failed');

    const other = await t.newOrg();
    expectProblem(await other.owner.get(`/api/v1/analytics/customers/${idOf('BOTH')}/churn`), 404, 'not_found');
    expect((await other.owner.post('/api/v1/analytics/churn/run', {})).body).toMatchObject({ customers: 0 });
    expect((await other.owner.get('/api/v1/analytics/churn')).body.items).toEqual([]);
    expect((await other.owner.get('/api/v1/analytics/churn/summary')).body.customers).toBe(0);
    // The other org's run did not touch this org's scores.
    expect((await owner.get('/api/v1/analytics/churn/summary')).body.customers).toBe(6);
  });

  it('shows a store manager the customers of their stores, and only managers run it', async () => {
    const manager = await signedInAs(t, owner, 'store_manager', [storeId]);
    const list = (await manager.get('/api/v1/analytics/churn')).body;
    expect(list.items.map((i: { customerId: string }) => i.customerId)).toEqual([idOf('RHY'), idOf('FALL')]);
    const summary = (await manager.get('/api/v1/analytics/churn/summary')).body;
    expect(summary.bands).toEqual([
      { band: 'low', customers: 0 },
      { band: 'medium', customers: 1 },
      { band: 'high', customers: 1 },
    ]);
    // The customer card shows any customer's risk, as it shows their CLV.
    expect((await manager.get(`/api/v1/analytics/customers/${idOf('BOTH')}/churn`)).body.score).toBe(88);
    expectProblem(await manager.post('/api/v1/analytics/churn/run', {}), 403, 'forbidden');
    const associate = await signedInAs(t, owner, 'associate', [storeId]);
    expect((await associate.get('/api/v1/analytics/churn')).status).toBe(403);
  });

  it('adds P(alive) once an org-wide CLV fit exists (the fit queues a recomputation)', async () => {
    // 24 more customers with repeat purchases, so that the models can be fitted.
    const fillers: Sale[] = Array.from({ length: 24 }, (_, i) =>
      Array.from({ length: 2 + (i % 5) }, (_, k) => ({
        customer: `F${String(i).padStart(2, '0')}`,
        day: before(200 - i * 3 - k * (7 + (i % 4) * 9)),
        amount: 4_000 + ((i * 7 + k * 13) % 10) * 800,
      })),
    ).flat();
    await importSales(fillers, 'B');
    const previous = (await owner.get('/api/v1/analytics/churn/summary')).body.computedAt;
    const fit = await owner.post('/api/v1/analytics/clv/fit', { calibrationEnd: AS_OF, timeUnit: 'day' });
    expect(fit.status, JSON.stringify(fit.body)).toBe(200);
    await expect
      .poll(async () => (await owner.get('/api/v1/analytics/churn/summary')).body.computedAt, { timeout: 20_000 })
      .not.toBe(previous);
    // The job measured on today; measure on AS_OF again for known values.
    const run = (await owner.post('/api/v1/analytics/churn/run', { asOf: AS_OF })).body;
    expect(run).toMatchObject({ fitId: fit.body.id, customers: 30 });

    const scores = (await owner.get(`/api/v1/analytics/customers/${idOf('BOTH')}/scores`)).body.scores;
    const pAlive = scores.find((s: { brandId: string | null }) => s.brandId === null).pAlive as number;
    const both = (await owner.get(`/api/v1/analytics/customers/${idOf('BOTH')}/churn`, en)).body;
    expect(both.unmeasured).toEqual([]);
    const expected = Math.round(100 * (1 - (1 - 0.9 * (1 - pAlive)) * (1 - 0.8) * (1 - 0.5 * (5 / 6))));
    expect(both.score).toBe(expected);
    const alive = both.reasons.find((r: { key: string }) => r.key === 'p_alive_low');
    expect(alive.values).toEqual({ pAlive: Math.round(100 * pAlive) });
    expect(alive.text).toBe(`The model gives a ${Math.round(100 * pAlive)}% chance that they are still active.`);
    // Reasons are ordered by weight × strength.
    const weighted = both.reasons.map((r: { weight: number; strength: number }) => r.weight * r.strength);
    expect(weighted).toEqual([...weighted].sort((a, b) => b - a));
  });

  it('is part of the KVKK access export and goes with an erasure', async () => {
    expect((await owner.post('/api/v1/analytics/rfm/run', { asOf: AS_OF })).status).toBe(201);
    const customerId = idOf('BOTH');
    const access = await owner.post('/api/v1/privacy/requests', { customerId, type: 'access' });
    expect(access.status, JSON.stringify(access.body)).toBe(201);
    expect((await owner.post(`/api/v1/privacy/requests/${access.body.id}/execute`)).body).toMatchObject({ hasExport: true });
    const analytics = (await owner.get(`/api/v1/privacy/requests/${access.body.id}/export`)).body.data.analytics;
    expect(analytics.churn).toMatchObject({ band: 'high', asOf: AS_OF });
    expect(analytics.churn.signals.map((s: { key: string }) => s.key)).toContain('rhythm_broken');
    expect(analytics.clvScores).toHaveLength(1);
    expect(analytics.clvScores[0]).toMatchObject({ brandId: null, calibrationEnd: AS_OF });
    expect(analytics.rfmSegments).toHaveLength(1);
    expect(analytics.rfmSegments[0]).toMatchObject({ asOf: AS_OF, segment: expect.any(String) });

    const erasure = await owner.post('/api/v1/privacy/requests', { customerId, type: 'erasure' });
    expect((await owner.post(`/api/v1/privacy/requests/${erasure.body.id}/execute`)).status).toBe(200);
    for (const table of ['analytics_clv_scores', 'analytics_rfm_scores', 'analytics_churn_scores']) {
      const { rows } = await t.db.pool.query(`select count(*)::int as n from ${table} where org_id = $1 and customer_id = $2`, [
        orgId,
        customerId,
      ]);
      expect(rows[0].n, table).toBe(0);
    }
    // Everyone else keeps their scores.
    const { rows } = await t.db.pool.query('select count(*)::int as n from analytics_churn_scores where org_id = $1', [orgId]);
    expect(rows[0].n).toBe(29);
    expect((await owner.get(`/api/v1/analytics/customers/${customerId}/churn`)).body).toMatchObject({ score: null, reasons: [] });
  });
});
