import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, expectProblem, startTestApp, type TestApp } from '../../testing/app';
import { DEFAULT_RFM_GRID, type RfmInput, scoreRfm } from './engine';
import { importSales as importSalesAs, type Sale } from './test-helpers';

let t: TestApp;
let owner: Caller;
let orgId: string;

beforeAll(async () => {
  t = await startTestApp({ worker: true });
  ({ owner, orgId } = await t.newOrg());
});
afterAll(() => t.close());

const importSales = (sales: Sale[], prefix: string, caller = owner) => importSalesAs(caller, sales, prefix);

const day = (d: number) => new Date(Date.UTC(2026, 0, d)).toISOString().slice(0, 10);

/**
 * 37 customers (not a multiple of five) drawn from a few values, so recency, frequency and
 * spend tie a lot; one buys twice on a day (two receipts, one purchase day).
 */
const first: Sale[] = Array.from({ length: 37 }, (_, i) => {
  const customer = `C${String(i).padStart(2, '0')}`;
  return Array.from({ length: (i % 4) + 1 }, (_, k) => ({ customer, day: day(1 + (i % 3) + k * 10), amount: 10_000 * ((i % 2) + 1) }));
}).flat();
first.push({ customer: 'C05', day: day(11), amount: 5_000 });

/** The engine's input computed from the sales themselves (window: the 12 months up to asOf). */
function expected(sales: Sale[], asOf: string, frequency: 'days' | 'receipts'): Map<string, Omit<RfmInput, 'customerId'>> {
  const out = new Map<string, { days: Set<string>; receipts: number; monetary: number; last: string }>();
  for (const s of sales.filter((x) => x.day <= asOf)) {
    const c = out.get(s.customer) ?? { days: new Set(), receipts: 0, monetary: 0, last: s.day };
    c.days.add(s.day);
    c.receipts++;
    c.monetary += s.amount;
    if (s.day > c.last) c.last = s.day;
    out.set(s.customer, c);
  }
  return new Map(
    [...out].map(([k, c]) => [
      k,
      {
        recencyDays: (Date.parse(asOf) - Date.parse(c.last)) / 86_400_000,
        frequency: frequency === 'days' ? c.days.size : c.receipts,
        monetary: c.monetary,
      },
    ]),
  );
}

async function idsByExternal(externals: string[]) {
  const map = new Map<string, string>();
  for (const e of externals) {
    map.set((await owner.get('/api/v1/customers/lookup', { query: { kind: 'external', value: `import:${e}` } })).body.id, e);
  }
  return map;
}

const scoresOf = async (runId: string) =>
  (
    await t.db.pool.query(
      'select customer_id as "customerId", recency_days as "recencyDays", frequency, monetary::int as monetary, r, f, m, segment from analytics_rfm_scores where org_id = $1 and run_id = $2',
      [orgId, runId],
    )
  ).rows;

describe('RFM', () => {
  let firstRun: { id: string };
  let external: Map<string, string>;

  beforeAll(async () => {
    await importSales(first, 'A');
    external = await idsByExternal([...new Set(first.map((s) => s.customer))]);
  });

  it('answers an empty window with no run and no error', async () => {
    const res = await owner.post('/api/v1/analytics/rfm/run', { asOf: '2020-01-01' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ run: null });
    expect((await owner.get('/api/v1/analytics/rfm')).body).toEqual({ run: null, segments: [], grid: [] });
  });

  it('scores in SQL exactly as the engine does, ties included', async () => {
    const res = await owner.post('/api/v1/analytics/rfm/run', { asOf: '2026-01-31' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    firstRun = res.body.run;
    expect(firstRun).toMatchObject({ customers: 37, changed: 0, frequency: 'days', windowMonths: 12 });
    const rows = await scoresOf(firstRun.id);
    const inputs = expected(first, '2026-01-31', 'days');
    const engine = scoreRfm(rows.map((r) => ({ customerId: r.customerId, ...inputs.get(external.get(r.customerId)!)! })));
    const byId = new Map(engine.map((e) => [e.customerId, e]));
    for (const row of rows) {
      const e = byId.get(row.customerId)!;
      expect(row, external.get(row.customerId)).toEqual({
        customerId: row.customerId,
        ...inputs.get(external.get(row.customerId)!),
        r: e.r,
        f: e.f,
        m: e.m,
        segment: e.segment,
      });
    }
  });

  it('shows the distribution with the recommended actions and the heatmap', async () => {
    const res = await owner.get('/api/v1/analytics/rfm', { headers: { 'accept-language': 'en' } });
    expect(res.body.run.id).toBe(firstRun.id);
    expect(res.body.segments.reduce((s: number, x: { customers: number }) => s + x.customers, 0)).toBe(37);
    expect(res.body.grid).toHaveLength(25);
    expect(res.body.grid.reduce((s: number, x: { customers: number }) => s + x.customers, 0)).toBe(37);
    const champions = res.body.segments.find((s: { segment: string }) => s.segment === 'champions');
    expect(champions.action).toContain('discounts');
  });

  it('edits the grid, counts receipts when asked, and records who moved', async () => {
    expectProblem(await owner.patch('/api/v1/analytics/rfm/settings', { grid: [['lost']] }), 400, 'validation_failed');
    const grid = DEFAULT_RFM_GRID.map((row) => row.map((s) => (s === 'hibernating' ? 'lost' : s)));
    const saved = await owner.patch('/api/v1/analytics/rfm/settings', { grid, frequency: 'receipts' });
    expect(saved.body).toMatchObject({ grid, frequency: 'receipts', windowMonths: 12 });
    const res = await owner.post('/api/v1/analytics/rfm/run', { asOf: '2026-01-31' });
    const second = res.body.run;
    const rows = await scoresOf(second.id);
    const inputs = expected(first, '2026-01-31', 'receipts');
    const engine = new Map(
      scoreRfm(
        rows.map((r) => ({ customerId: r.customerId, ...inputs.get(external.get(r.customerId)!)! })),
        grid,
      ).map((e) => [e.customerId, e.segment]),
    );
    expect(rows.every((r) => r.segment === engine.get(r.customerId))).toBe(true);
    const before = new Map((await scoresOf(firstRun.id)).map((r) => [r.customerId, r.segment]));
    const moved = rows.filter((r) => before.get(r.customerId) !== r.segment);
    expect(moved.length).toBeGreaterThan(0);
    expect(second.changed).toBe(moved.length);
    const { rows: events } = await t.db.pool.query(
      "select customer_id, payload from events where org_id = $1 and type = 'rfm.segment_changed' order by customer_id",
      [orgId],
    );
    expect(events.map((e) => e.customer_id).sort()).toEqual(moved.map((r) => r.customerId).sort());
    expect(events[0].payload).toMatchObject({ runId: second.id, from: expect.any(String), to: expect.any(String) });

    const migration = (await owner.get('/api/v1/analytics/rfm/migration')).body;
    expect(migration.from.id).toBe(firstRun.id);
    expect(migration.to.id).toBe(second.id);
    expect(migration.matrix.reduce((s: number, c: { customers: number }) => s + c.customers, 0)).toBe(37);
    expect(
      migration.matrix
        .filter((c: { from: string; to: string }) => c.from !== c.to)
        .reduce((s: number, c: { customers: number }) => s + c.customers, 0),
    ).toBe(moved.length);
    expect(migration).toMatchObject({ entered: 0, left: 0 });
    const explicit = await owner.get('/api/v1/analytics/rfm/migration', { query: { from: firstRun.id, to: second.id } });
    expect(explicit.body.matrix).toEqual(migration.matrix);
    expectProblem(await owner.get('/api/v1/analytics/rfm/migration', { query: { from: firstRun.id } }), 400, 'validation_failed');
  });

  it('runs nightly for every org on its schedule', async () => {
    const sent = await t.app.ctx.jobs.tick(new Date('2026-02-01T23:30:00Z')); // 02:30 in Istanbul
    expect(sent).toBeGreaterThan(0);
    await expect
      .poll(async () => (await t.db.pool.query('select count(*)::int as n from analytics_rfm_runs where org_id = $1', [orgId])).rows[0].n, {
        timeout: 20_000,
      })
      .toBe(3);
  });
});

describe('per brand, net of returns', () => {
  it('scores only the brand’s stores and deducts refunds on the purchase day', async () => {
    const org = await t.newOrg();
    const brand = (await org.owner.post('/api/v1/brands', { code: 'MRK', name: 'Marka' })).body;
    expect((await org.owner.post('/api/v1/stores', { code: 'M01', name: 'Markalı', brandId: brand.id })).status).toBe(201);
    expect((await org.owner.post('/api/v1/stores', { code: 'D01', name: 'Diğer' })).status).toBe(201);
    await importSales(
      [
        { customer: 'X1', day: day(2), amount: 10_000, store: 'M01' },
        { customer: 'X1', day: day(9), amount: 4_000, store: 'M01' },
        { customer: 'X2', day: day(3), amount: 7_000, store: 'M01' },
        { customer: 'X1', day: day(4), amount: 99_000, store: 'D01' },
        { customer: 'Y1', day: day(5), amount: 8_000, store: 'D01' },
      ],
      'B',
      org.owner,
    );
    const refund = await org.owner.post('/api/v1/sales/returns', {
      receiptNumber: 'B-0',
      storeCode: 'M01',
      lines: [{ lineNo: 1, quantity: 1 }],
    });
    expect(refund.status, JSON.stringify(refund.body)).toBe(201);
    const run = (await org.owner.post('/api/v1/analytics/rfm/run', { brand: 'MRK', asOf: '2026-01-31' })).body.run;
    expect(run).toMatchObject({ brandId: brand.id, customers: 2 });
    const { rows } = await t.db.pool.query(
      'select frequency, monetary::int as monetary from analytics_rfm_scores where org_id = $1 and run_id = $2 order by monetary',
      [org.orgId, run.id],
    );
    // X1: two purchase days in the brand's store, the first refunded in full; X2: one day.
    expect(rows).toEqual([
      { frequency: 2, monetary: 4_000 },
      { frequency: 1, monetary: 7_000 },
    ]);
    expect((await org.owner.get('/api/v1/analytics/rfm', { query: { brand: brand.id } })).body.run.id).toBe(run.id);
    expect((await org.owner.get('/api/v1/analytics/rfm')).body.run).toBeNull();
    const clv = await org.owner.post(
      '/api/v1/analytics/clv/fit',
      { brand: 'MRK', calibrationEnd: '2026-01-31' },
      { headers: { 'accept-language': 'en' } },
    );
    expect(expectProblem(clv, 422, 'not_enough_customers').detail).toContain(': 2,');
  });
});
