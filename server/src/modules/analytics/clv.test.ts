import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishedJob, startImport } from '../../platform/imports/test-helpers';
import { type Caller, expectProblem, startTestApp, type TestApp, type TestResponse } from '../../testing/app';
import { cdnowCsv, hasReferenceData } from '../sales/import/reference-data';
import { bgNbdConditionalExpectedPurchases, bgNbdExpectedPurchases } from './engine';

let t: TestApp;
let owner: Caller;

beforeAll(async () => {
  t = await startTestApp({ worker: true });
  ({ owner } = await t.newOrg());
});
afterAll(() => t.close());

async function importSales(caller: Caller, name: string, csv: string, mapping: Record<string, string>) {
  const jobId = await startImport(caller, { name, data: csv }, mapping, { kind: 'sales' });
  const job = await finishedJob(caller, jobId, 180_000);
  expect(job.status, JSON.stringify(job)).toBe('succeeded');
  return job;
}

describe('bad input', () => {
  it('refuses a fit on too little data with the reason, never a NaN', async () => {
    const res = await owner.post('/api/v1/analytics/clv/fit', { timeUnit: 'week' });
    const body = expectProblem(res, 422, 'not_enough_customers');
    expect(body.detail).toContain('en az 20');
    const en = await owner.post('/api/v1/analytics/clv/fit', { timeUnit: 'day' }, { headers: { 'accept-language': 'en' } });
    expect(expectProblem(en, 422, 'not_enough_customers').detail).toContain('at least 20');
  });

  it('bounds the search on data the models cannot describe, and flags the fit', async () => {
    // 40 customers, every purchase exactly 100 TL: spend does not differ between customers at all,
    // so Gamma-Gamma's search walks along a ridge to infinity.
    const org = await t.newOrg();
    const rows = Array.from({ length: 40 }, (_, c) =>
      Array.from(
        { length: 2 + (c % 4) },
        (_, k) =>
          `R${c}-${k},C${c},2025-${String(1 + ((c + k * (3 + (c % 5))) % 12)).padStart(2, '0')}-${String(1 + (c % 28)).padStart(2, '0')},100`,
      ),
    ).flat();
    await importSales(org.owner, 'ayni-tutar.csv', `receiptNumber,customerExternalId,occurredAt,lineTotal\n${rows.join('\n')}\n`, {
      receiptNumber: 'receiptNumber',
      customerExternalId: 'customerExternalId',
      occurredAt: 'occurredAt',
      lineTotal: 'lineTotal',
    });
    const res = await org.owner.post('/api/v1/analytics/clv/fit', { timeUnit: 'week', calibrationEnd: '2025-12-31' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // Unbounded, the Gamma-Gamma search alone took 20,000 steps here (minutes on a million customers).
    expect(res.body.gammaGamma.converged).toBe(false);
    for (const v of [...Object.values(res.body.bgnbd), ...Object.values(res.body.gammaGamma)]) expect(Number.isNaN(v)).toBe(false);
  });

  it('checks the body', async () => {
    expectProblem(await owner.post('/api/v1/analytics/clv/fit', { timeUnit: 'month' }), 400, 'validation_failed');
    expectProblem(await owner.post('/api/v1/analytics/clv/fit', { calibrationEnd: '2999-01-01' }), 400, 'validation_failed');
    expectProblem(await owner.post('/api/v1/analytics/clv/fit', { brand: 'YOK' }), 422, 'unknown_brand');
    expectProblem(await owner.post('/api/v1/analytics/clv/fit', { discountRate: -0.1 }), 400, 'validation_failed');
  });

  it('answers 404 for scores of an unknown customer and lists no fits of an empty org', async () => {
    expectProblem(await owner.get('/api/v1/analytics/customers/0190a0c0-0000-7000-8000-000000000000/scores'), 404, 'not_found');
    expect((await owner.get('/api/v1/analytics/clv/fits')).body).toEqual({ items: [], nextCursor: null });
  });
});

describe.skipIf(!hasReferenceData)('CDNOW through the sales import (Fader, Hardie & Lee 2005)', () => {
  let org: Awaited<ReturnType<TestApp['newOrg']>>;
  let fit: TestResponse['body'];
  let fitMs: number;

  beforeAll(async () => {
    org = await t.newOrg();
    await importSales(org.owner, 'cdnow.csv', cdnowCsv(), {
      receiptNumber: 'receiptNumber',
      customerExternalId: 'customerExternalId',
      occurredAt: 'occurredAt',
      quantity: 'quantity',
      lineTotal: 'lineTotal',
    });
    const started = Date.now();
    const res = await org.owner.post('/api/v1/analytics/clv/fit', { calibrationEnd: '1997-09-30', timeUnit: 'week' });
    fitMs = Date.now() - started;
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    fit = res.body;
  }, 240_000);

  it('reproduces the published BG/NBD and Gamma-Gamma parameters', () => {
    console.log(`cdnow fit: ${fitMs} ms end to end, steps ${JSON.stringify(fit.timings)}`);
    expect(fit).toMatchObject({
      customers: 2357,
      repeaters: 946,
      calibrationEnd: '1997-09-30',
      holdoutEnd: '1998-06-30',
      timeUnit: 'week',
    });
    const { r, alpha, a, b, logLikelihood } = fit.bgnbd;
    expect([r, alpha, a, b].map((v: number) => v.toFixed(3))).toEqual(['0.243', '4.414', '0.793', '2.426']);
    expect(logLikelihood.toFixed(1)).toBe('-9582.4');
    const { p, q, gamma } = fit.gammaGamma;
    expect([p, q, gamma].map((v: number) => v.toFixed(2))).toEqual(['6.25', '3.74', '15.44']);
    // The published conditional and unconditional expectations follow from these parameters.
    expect(bgNbdConditionalExpectedPurchases(fit.bgnbd, { x: 2, tx: 30.43, T: 38.86 }, 39).toFixed(3)).toBe('1.226');
    expect([1, 3, 32].map((w) => bgNbdExpectedPurchases(fit.bgnbd, w).toFixed(4))).toEqual(['0.0532', '0.1506', '1.0437']);
    expect(Math.abs(bgNbdExpectedPurchases(fit.bgnbd, 78) - 1.8576)).toBeLessThan(5e-4);
  });

  it('scores customers 1–5 with the published expected average values', async () => {
    // The published customers 1–5 are the first five of the file (sample ids), by master id here.
    const masterIds = [
      ...new Set(
        cdnowCsv()
          .trim()
          .split('\n')
          .slice(1)
          .map((l) => l.split(',')[1]),
      ),
    ].slice(0, 5);
    const values = [];
    for (const id of masterIds) {
      const customer = (await org.owner.get('/api/v1/customers/lookup', { query: { kind: 'external', value: `import:${id}` } })).body;
      const res = await org.owner.get(`/api/v1/analytics/customers/${customer.id}/scores`);
      expect(res.status).toBe(200);
      expect(res.body.scores).toHaveLength(1);
      const s = res.body.scores[0];
      expect(s).toMatchObject({ fitId: fit.id, brandId: null, timeUnit: 'week' });
      expect(s.pAlive).toBeGreaterThan(0);
      expect(s.pAlive).toBeLessThanOrEqual(1);
      expect(s.clv).toBeGreaterThanOrEqual(0);
      values.push(s.expectedAverageValue / 100);
    }
    expect(values).toEqual([24.65, 18.91, 35.17, 35.17, 35.17]);
  });

  it('compares predicted and actual repeat purchases in the 39-week holdout', () => {
    const periods = fit.holdout.periods as { period: number; actual: number; predicted: number }[];
    expect(periods).toHaveLength(39);
    const actual = periods.reduce((s, p) => s + p.actual, 0);
    const predicted = periods.reduce((s, p) => s + p.predicted, 0);
    expect(actual).toBe(1882);
    // Σ E[Y(39) | x, t_x, T] with the published parameters over the published summary file is
    // 1,653.4: the model under-predicts this holdout by 12 %; ours must be that figure.
    expect(Math.abs(predicted - 1653.4)).toBeLessThan(2);
  });

  it('lists the fit latest first and keeps only the latest scores of a scope', async () => {
    const again = await org.owner.post('/api/v1/analytics/clv/fit', { calibrationEnd: '1998-06-30', timeUnit: 'day', horizon: 6 });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ holdout: null, horizonMonths: 6, customers: 2357 });
    const list = (await org.owner.get('/api/v1/analytics/clv/fits')).body;
    expect(list.items.map((f: { id: string }) => f.id)).toEqual([again.body.id, fit.id]);
    const { rows } = await t.db.pool.query('select fit_id, count(*)::int as n from analytics_clv_scores where org_id = $1 group by 1', [
      org.orgId,
    ]);
    expect(rows).toEqual([{ fit_id: again.body.id, n: 2357 }]);
  });

  it('runs a fit as a job on request, with progress on the run', async () => {
    const res = await org.owner.post('/api/v1/analytics/clv/fit', { calibrationEnd: '1997-09-30', timeUnit: 'week', background: true });
    expect(res.status).toBe(202);
    const job = await finishedJob(org.owner, res.body.jobId, 60_000);
    expect(job).toMatchObject({ status: 'succeeded', done: 2, total: 2, result: { fitId: expect.any(String), customers: 2357 } });
  });

  it('shows another org none of it, also through the read view', async () => {
    const other = await t.newOrg();
    expect((await other.owner.get('/api/v1/analytics/clv/fits')).body.items).toEqual([]);
    const seen = await t.db.tenant(other.orgId, async (tx) => {
      const days = await tx.execute(sql`select count(*)::int as n from sales_customer_days`);
      const lines = await tx.execute(sql`select count(*)::int as n from sales_basket_lines`);
      return [days.rows[0], lines.rows[0]];
    });
    expect(seen).toEqual([{ n: 0 }, { n: 0 }]);
    const mine = await t.db.tenant(org.orgId, (tx) => tx.execute(sql`select count(*)::int as n from sales_customer_days`));
    expect(mine.rows[0]).toEqual({ n: 6696 });
  });
});
