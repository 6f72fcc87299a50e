import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishedJob, startImport } from '../../platform/imports/test-helpers';
import { type Caller, expectProblem, signedInAs, startTestApp, type TestApp } from '../../testing/app';
import { RFM_SEGMENTS } from './engine';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ worker: true });
});
afterAll(() => t.close());

async function importCsv(caller: Caller, name: string, csv: string, mapping: Record<string, string>) {
  const jobId = await startImport(caller, { name, data: csv }, mapping, { kind: 'sales' });
  const job = await finishedJob(caller, jobId, 120_000);
  expect(job.status, JSON.stringify(job)).toBe('succeeded');
}

const day = (d: number) => new Date(Date.UTC(2026, 0, d)).toISOString().slice(0, 10);

describe('RFM runs and segment members', () => {
  let owner: Caller;
  let orgId: string;
  let other: Caller;
  let s1: string;
  const ids: string[] = [];
  let firstRun: string;
  let secondRun: string;

  beforeAll(async () => {
    ({ owner, orgId } = await t.newOrg());
    ({ owner: other } = await t.newOrg());
    s1 = (await owner.post('/api/v1/stores', { code: 'S1', name: 'Birinci' })).body.id;
    expect((await owner.post('/api/v1/stores', { code: 'S2', name: 'İkinci' })).status).toBe(201);
    const rows: string[] = [];
    for (let i = 0; i < 10; i++) {
      const phone = `+9053241000${String(i).padStart(2, '0')}`;
      const res = await owner.post('/api/v1/customers', { firstName: `Müşteri${i}`, lastName: 'Deneme', phone });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids.push(res.body.id);
      // Customers 0–4 buy in S1, 5–9 in S2; more and bigger purchases for higher numbers.
      for (let k = 0; k <= i % 4; k++)
        rows.push(`R${i}-${k},${phone},${day(2 + i + k * 3)} 12:00,${(100 + i * 37).toFixed(2)},${i < 5 ? 'S1' : 'S2'}`);
    }
    await importCsv(owner, 'rfm.csv', `receiptNumber,customerPhone,occurredAt,lineTotal,storeCode\n${rows.join('\n')}\n`, {
      receiptNumber: 'receiptNumber',
      customerPhone: 'customerPhone',
      occurredAt: 'occurredAt',
      lineTotal: 'lineTotal',
      storeCode: 'storeCode',
    });
  });

  it('answers a scope without runs with no run and no error', async () => {
    expect((await owner.get('/api/v1/analytics/rfm/runs')).body).toEqual({ items: [], nextCursor: null });
    expect((await owner.get('/api/v1/analytics/rfm/customers', { query: { segment: 'champions' } })).body).toEqual({
      run: null,
      items: [],
      nextCursor: null,
    });
  });

  it('lists the runs latest first', async () => {
    firstRun = (await owner.post('/api/v1/analytics/rfm/run', { asOf: '2026-01-31' })).body.run.id;
    secondRun = (await owner.post('/api/v1/analytics/rfm/run', { asOf: '2026-02-15' })).body.run.id;
    const res = await owner.get('/api/v1/analytics/rfm/runs', { query: { limit: '1' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({ id: secondRun, asOf: '2026-02-15', customers: 10, scoresKept: true });
    const next = await owner.get('/api/v1/analytics/rfm/runs', { query: { limit: '1', cursor: res.body.nextCursor } });
    expect(next.body.items.map((r: { id: string }) => r.id)).toEqual([firstRun]);
    expect(next.body.nextCursor).toBeNull();
    const counts = Object.values(res.body.items[0].segments as Record<string, number>);
    expect(counts.reduce((s, n) => s + n, 0)).toBe(10);
    expect((await other.get('/api/v1/analytics/rfm/runs')).body.items).toEqual([]);
  });

  it('lists a segment’s members, most valuable first, page by page, with names', async () => {
    const { rows } = await t.db.pool.query(
      'select customer_id::text as id, segment, monetary::int as monetary from analytics_rfm_scores where org_id = $1 and run_id = $2 order by monetary desc, customer_id desc',
      [orgId, secondRun],
    );
    const bySegment = new Map<string, typeof rows>();
    for (const r of rows) bySegment.set(r.segment, [...(bySegment.get(r.segment) ?? []), r]);
    const [segment, expected] = [...bySegment].sort((a, b) => b[1].length - a[1].length)[0];
    expect(expected.length).toBeGreaterThan(1);
    const seen: { customerId: string; monetary: number; firstName: string; phone: string }[] = [];
    let cursor: string | undefined;
    do {
      const res = await owner.get('/api/v1/analytics/rfm/customers', { query: { segment, limit: '1', ...(cursor ? { cursor } : {}) } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.run.id).toBe(secondRun);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.map((m) => m.customerId)).toEqual(expected.map((r) => r.id));
    expect(seen.map((m) => m.monetary)).toEqual(expected.map((r) => r.monetary));
    const i = ids.indexOf(seen[0].customerId);
    expect(seen[0]).toMatchObject({ firstName: `Müşteri${i}`, phone: `+9053241000${String(i).padStart(2, '0')}` });
    // Every customer is in exactly one segment; an older run is listed by its id.
    let total = 0;
    for (const s of bySegment.keys())
      total += (await owner.get('/api/v1/analytics/rfm/customers', { query: { segment: s } })).body.items.length;
    expect(total).toBe(10);
    const old = await owner.get('/api/v1/analytics/rfm/customers', { query: { segment, run: firstRun, limit: '50' } });
    expect(old.body.run.id).toBe(firstRun);
  });

  it('masks contact details without pii.read and limits store roles to their stores', async () => {
    const segments = RFM_SEGMENTS;
    const all = async (caller: Caller) => {
      const out: { customerId: string; phone: string; firstName: string }[] = [];
      for (const segment of segments)
        out.push(...(await caller.get('/api/v1/analytics/rfm/customers', { query: { segment, limit: '50' } })).body.items);
      return out;
    };
    const analyst = await signedInAs(t, owner, 'analyst');
    const masked = await all(analyst);
    expect(masked).toHaveLength(10);
    expect(masked.every((m) => !m.phone.includes('3241000') && m.firstName.startsWith('Müşteri'))).toBe(true);
    const manager = await signedInAs(t, owner, 'store_manager', [s1]);
    const mine = await all(manager);
    expect(mine.map((m) => m.customerId).sort()).toEqual(ids.slice(0, 5).sort());
    const associate = await signedInAs(t, owner, 'associate', [s1]);
    expectProblem(await associate.get('/api/v1/analytics/rfm/customers', { query: { segment: 'lost' } }), 403, 'forbidden');
  });

  it('refuses bad input and another org’s run', async () => {
    expectProblem(await owner.get('/api/v1/analytics/rfm/customers', { query: { segment: 'vip' } }), 400, 'validation_failed');
    expectProblem(await owner.get('/api/v1/analytics/rfm/customers'), 400, 'validation_failed');
    expectProblem(await owner.get('/api/v1/analytics/rfm/customers', { query: { segment: 'lost', limit: '0' } }), 400, 'validation_failed');
    expectProblem(
      await owner.get('/api/v1/analytics/rfm/customers', { query: { segment: 'lost', cursor: 'bozuk' } }),
      400,
      'invalid_cursor',
    );
    expectProblem(await owner.get('/api/v1/analytics/rfm/customers', { query: { segment: 'lost', brand: 'YOK' } }), 422, 'unknown_brand');
    expectProblem(await owner.get('/api/v1/analytics/rfm/runs', { query: { brand: 'YOK' } }), 422, 'unknown_brand');
    expectProblem(await other.get('/api/v1/analytics/rfm/customers', { query: { segment: 'lost', run: secondRun } }), 404, 'not_found');
    expect((await other.get('/api/v1/analytics/rfm/customers', { query: { segment: 'lost' } })).body.run).toBeNull();
  });
});

describe('CLV distribution', () => {
  let owner: Caller;
  let orgId: string;

  beforeAll(async () => {
    ({ owner, orgId } = await t.newOrg());
    // 40 customers, 1–6 purchase days each over 2025, spend varying around each one's own level.
    const rows: string[] = [];
    for (let i = 0; i < 40; i++) {
      const n = 1 + ((i * 7) % 6);
      const base = 5_000 + ((i * 1_337) % 20_000);
      for (let k = 0; k < n; k++) {
        const d = new Date(Date.UTC(2025, 0, 1 + ((i * 13) % 60) + k * (20 + (i % 5) * 7)));
        const amount = Math.round(base * (0.8 + (((i + k) * 17) % 10) / 25));
        rows.push(`C${i}-${k},K${i},${d.toISOString().slice(0, 10)} 12:00,${(amount / 100).toFixed(2)}`);
      }
    }
    await importCsv(owner, 'clv.csv', `receiptNumber,customerExternalId,occurredAt,lineTotal\n${rows.join('\n')}\n`, {
      receiptNumber: 'receiptNumber',
      customerExternalId: 'customerExternalId',
      occurredAt: 'occurredAt',
      lineTotal: 'lineTotal',
    });
  });

  it('has no distribution before the first fit', async () => {
    const res = await owner.get('/api/v1/analytics/clv/distribution');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ fit: null, customers: 0, clv: { buckets: [] }, pAlive: { buckets: [] } });
  });

  it('counts the latest fit’s customers in round CLV buckets and tenths of P(alive)', async () => {
    const fit = await owner.post('/api/v1/analytics/clv/fit', { calibrationEnd: '2025-12-31', timeUnit: 'week' });
    expect(fit.status, JSON.stringify(fit.body)).toBe(200);
    const res = await owner.get('/api/v1/analytics/clv/distribution');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const body = res.body;
    expect(body.fit.id).toBe(fit.body.id);
    expect(body.customers).toBe(fit.body.customers);
    const { rows } = await t.db.pool.query('select clv::float8 as clv, p_alive from analytics_clv_scores where org_id = $1', [orgId]);
    expect(body.totalClv).toBe(rows.reduce((s, r) => s + r.clv, 0));
    // The step is a round amount in lira (1, 2, 2.5 or 5 × 10ⁿ) and ten steps reach the 95th percentile.
    const step = body.clv.step;
    expect(step % 100).toBe(0);
    expect(String(step / 100)).toMatch(/^(1|2|25|5)0*$|^2\.5$/);
    const sorted = rows.map((r) => r.clv).sort((a, b) => a - b);
    expect(step * 10).toBeGreaterThanOrEqual(sorted[Math.floor(0.95 * (sorted.length - 1))]);
    for (const b of body.clv.buckets) {
      const inside = rows.filter((r) => r.clv >= b.from && (b.to === null || r.clv < b.to)).length;
      expect(b.customers, `${b.from}–${b.to}`).toBe(inside);
    }
    expect(body.clv.buckets.reduce((s: number, b: { customers: number }) => s + b.customers, 0)).toBe(rows.length);
    expect(body.pAlive.buckets).toHaveLength(10);
    body.pAlive.buckets.forEach((b: { from: number; to: number; customers: number }, i: number) => {
      const inside = rows.filter((r) => Math.min(Math.floor(r.p_alive * 10), 9) === i).length;
      expect(b.customers).toBe(inside);
    });
    expect(JSON.stringify(body)).not.toMatch(/NaN|Infinity/);
  });

  it('refuses an unknown brand, a stray parameter, and shows another org nothing', async () => {
    expectProblem(await owner.get('/api/v1/analytics/clv/distribution', { query: { brand: 'YOK' } }), 422, 'unknown_brand');
    expectProblem(await owner.get('/api/v1/analytics/clv/distribution', { query: { bucket: '5' } }), 400, 'validation_failed');
    const other = await t.newOrg();
    expect((await other.owner.get('/api/v1/analytics/clv/distribution')).body.fit).toBeNull();
  });
});

describe('planogram pairs', () => {
  let owner: Caller;
  // 20 receipts: C and D always together (lift 4), E and F (lift 2.22), A and B (lift 2); A and E
  // meet in 4 receipts only, below a support of 25 % (5 receipts).
  const baskets = [
    ...Array.from({ length: 6 }, () => ['A', 'B']),
    ...Array.from({ length: 5 }, () => ['C', 'D']),
    ...Array.from({ length: 4 }, () => ['A', 'E']),
    ...Array.from({ length: 5 }, () => ['E', 'F']),
  ];

  beforeAll(async () => {
    ({ owner } = await t.newOrg());
    const rows = baskets.flatMap((items, i) =>
      items.map((sku) => `P${i},${day(1 + (i % 20))} 10:00,${sku},Ürün ${sku},${sku === 'C' ? 'Kahvaltı' : 'Diğer'}`),
    );
    await importCsv(owner, 'pairs.csv', `receiptNumber,occurredAt,sku,productName,category\n${rows.join('\n')}\n`, {
      receiptNumber: 'receiptNumber',
      occurredAt: 'occurredAt',
      sku: 'sku',
      productName: 'productName',
      category: 'category',
    });
  });

  type Pair = { a: { sku: string }; b: { sku: string }; count: number; lift: number; confidenceAB: number; confidenceBA: number };
  const named = (p: Pair) => [p.a.sku, p.b.sku].sort().join('+');

  it('finds each pair once, by lift, with both confidences', async () => {
    const res = await owner.get('/api/v1/analytics/basket/pairs', { query: { minSupport: '0.25', minLift: '1.5' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ baskets: 20, minCount: 5, total: 3 });
    expect(res.body.pairs.map(named)).toEqual(['C+D', 'E+F', 'A+B']);
    expect(res.body.pairs.map((p: Pair) => p.lift.toFixed(3))).toEqual(['4.000', '2.222', '2.000']);
    expect(res.body.pairs.map((p: Pair) => p.count)).toEqual([5, 5, 6]);
    const ab = res.body.pairs[2] as Pair;
    const [fromA, fromB] = ab.a.sku === 'A' ? [ab.confidenceAB, ab.confidenceBA] : [ab.confidenceBA, ab.confidenceAB];
    expect([fromA, fromB]).toEqual([0.6, 1]);
    const strong = await owner.get('/api/v1/analytics/basket/pairs', { query: { minSupport: '0.25', minLift: '2.1', limit: '1' } });
    expect(strong.body.total).toBe(2);
    expect(strong.body.pairs.map(named)).toEqual(['C+D']);
    const all = await owner.get('/api/v1/analytics/basket/pairs', { query: { minSupport: '0.25', minLift: '0' } });
    expect(all.body.pairs.map(named)).not.toContain('A+E');
    const categories = await owner.get('/api/v1/analytics/basket/pairs', {
      query: { minSupport: '0.25', minLift: '1', level: 'category' },
    });
    expect(categories.body).toMatchObject({ total: 1, pairs: [{ lift: expect.any(Number) }] });
  });

  it('refuses bad thresholds, and shows another org and a store without receipts nothing', async () => {
    const bad: Record<string, string>[] = [{ minSupport: '0' }, { minSupport: '2' }, { minLift: '-1' }, { level: 'aisle' }, { limit: '0' }];
    for (const query of bad) {
      expectProblem(await owner.get('/api/v1/analytics/basket/pairs', { query }), 400, 'validation_failed');
    }
    expectProblem(await owner.get('/api/v1/analytics/basket/pairs', { query: { minSupport: '0.01' } }), 422, 'support_too_low');
    expectProblem(await owner.get('/api/v1/analytics/basket/pairs', { query: { storeCode: 'YOK' } }), 422, 'unknown_store');
    const other = await t.newOrg();
    expect((await other.owner.get('/api/v1/analytics/basket/pairs', { query: { minSupport: '0.25' } })).body).toEqual({
      baskets: 0,
      minCount: 0,
      total: 0,
      pairs: [],
    });
    const store = (await owner.post('/api/v1/stores', { code: 'BOS', name: 'Boş' })).body.id;
    const manager = await signedInAs(t, owner, 'store_manager', [store]);
    expect((await manager.get('/api/v1/analytics/basket/pairs', { query: { minSupport: '0.25' } })).body).toMatchObject({
      baskets: 0,
      total: 0,
    });
  });
});
