// `npm run bench -- rfm`: RFM (analytics/rfm.ts runRfm, the service the API and the nightly job
// call) over the sales history of lib-sales-history.ts: 1,000,000 customers / 10,000,000 receipt
// lines on PostgreSQL (target ≤ 15 s), then 100,000 customers / 1,000,000 lines on embedded
// PGlite (a child process: the scale is read when the history module loads). BENCH_ONLY=pg|pglite
// runs one of them.
//
// Two runs per database, as in production: a first snapshot the day before the history ends, then
// the nightly run a day later that compares with it and emits `rfm.segment_changed` per customer
// who moved. Baseline in the same run: the aggregate every RFM must read at least — recency,
// purchase days and spend per customer over the same 12-month window of `sales_customer_days`.
import { spawnSync } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { runRfm } from '../server/src/modules/analytics/rfm';
import { printTable } from './lib';
import { cleanUp, DAY, openHistory } from './lib-sales-history';

const TARGET_MS = 15_000;
const only = process.env.BENCH_ONLY;
const embedded = process.env.BENCH_EMBEDDED === '1';

async function measure() {
  const { db, m, where } = await openHistory();
  try {
    console.log(`\n${where}: ${m.customers.toLocaleString('en')} customers, ${(m.receipts * 4).toLocaleString('en')} receipt lines`);
    const clearRuns = async () => {
      await db.pool.query('delete from analytics_rfm_scores where org_id = $1', [m.orgId]);
      await db.pool.query('delete from analytics_rfm_runs where org_id = $1', [m.orgId]);
    };
    const day = (offset: number) => new Date(m.setupAt + offset * DAY).toISOString().slice(0, 10);
    await clearRuns();
    const baseline = async (asOf: string) => {
      const started = performance.now();
      await db.tenant(m.orgId, (tx) =>
        tx.execute(sql`
          select count(*), sum(f) from (
            select customer_id, max(business_date), count(distinct business_date) as f, sum(net_amount)
            from sales_customer_days
            where org_id = ${m.orgId} and business_date <= ${asOf}::date
              and business_date > (${asOf}::date - interval '12 months')::date
            group by customer_id) c`),
      );
      return performance.now() - started;
    };
    const rows = [];
    for (const [what, asOf] of [
      ['first snapshot', day(-1)],
      ['nightly (vs previous)', day(0)],
    ] as const) {
      const base = await baseline(asOf);
      const started = performance.now();
      const run = await db.tenant(m.orgId, (tx) => runRfm(tx, { asOf }));
      const ms = performance.now() - started;
      rows.push({
        what,
        asOf,
        customers: run?.customers ?? 0,
        moved: run?.changed ?? 0,
        'RFM ms': Math.round(ms),
        'baseline ms': Math.round(base),
        'RFM ÷ baseline': (ms / base).toFixed(2),
        target: `≤ ${TARGET_MS / 1000} s: ${ms <= TARGET_MS ? 'met' : 'MISSED'}`,
      });
    }
    printTable(`rfm on ${where} (baseline: the window's per-customer aggregate alone)`, rows);
    await clearRuns();
    await cleanUp(db, m);
  } finally {
    await db.close();
  }
}

if (embedded) await measure();
else {
  if (only !== 'pglite') await measure();
  // The PGlite scale in its own process: lib-sales-history reads BENCH_CUSTOMERS/LINES on load.
  if (only !== 'pg') {
    const child = spawnSync(process.execPath, [new URL('./run.mjs', import.meta.url).pathname, 'rfm'], {
      stdio: 'inherit',
      env: { ...process.env, BENCH_EMBEDDED: '1', BENCH_CUSTOMERS: '100000', BENCH_LINES: '1000000' },
    });
    if (child.status !== 0) process.exit(child.status ?? 1);
  }
}
