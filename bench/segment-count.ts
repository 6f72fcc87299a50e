// `npm run bench -- segment-count`: the live count of a 5-condition segment (segments/compile.ts
// countRule, what POST /api/v1/segments/preview runs) over the sales history of
// lib-sales-history.ts: 1,000,000 customers / 10,000,000 receipt lines on PostgreSQL. Target:
// ≤ 500 ms. Baseline in the same run: counting the org's live customers alone
// (`select count(*) from customers where org_id = … and status = 'active'`), the least any count must read.
import { sql } from 'drizzle-orm';
import { customersModule } from '../server/src/modules/customers';
import { salesModule } from '../server/src/modules/sales';
import { segmentsModule } from '../server/src/modules/segments';
import { countRule } from '../server/src/modules/segments/compile';
import type { AppContext } from '../server/src/platform/context';
import { ms, printTable, stats } from './lib';
import { cleanUp, DAY, openHistory, storeCode } from './lib-sales-history';

const TARGET_MS = 500;
const RUNS = Number(process.env.BENCH_RUNS ?? 9);

const { db, m, where } = await openHistory();
try {
  // The fields come from the modules' setup; nothing here needs the job worker or the event bus.
  const ctx = {
    jobs: { define() {}, defineOrgSchedule() {}, send: async () => null },
    events: { subscribe() {} },
  } as unknown as AppContext;
  for (const mod of [customersModule, salesModule, segmentsModule]) mod.setup?.(ctx);
  // The history ends at setupAt; windows are counted back from now, so they are widened by the days since.
  const since = Math.ceil((Date.now() - m.setupAt) / DAY);
  const rule = {
    op: 'and',
    rules: [
      { field: 'bought_category', operator: 'any_of', value: ['Ev Tekstili'], withinDays: since + 365 },
      { field: 'purchase_count', operator: 'gte', value: 2 },
      { field: 'last_purchase', operator: 'within_last', value: since + 180 },
      { op: 'not', rule: { field: 'bought_brand', operator: 'any_of', value: ['Ege'], withinDays: since + 180 } },
      { field: 'created', operator: 'before', value: new Date(m.setupAt - 90 * DAY).toISOString().slice(0, 10) },
    ],
  };
  console.log(`\n${where}: ${m.customers.toLocaleString('en')} customers, ${(m.receipts * 4).toLocaleString('en')} receipt lines`);
  const time = async (fn: () => Promise<unknown>) => {
    const started = performance.now();
    const result = await fn();
    return { ms: performance.now() - started, result };
  };
  const baseline: number[] = [];
  const counts: number[] = [];
  let members = 0;
  // The first count after a start reads the tables into PostgreSQL's buffers: shown, not counted.
  const first = await time(() => db.tenant(m.orgId, (tx) => countRule(tx, rule)));
  for (let i = 0; i < RUNS; i++) {
    baseline.push(
      (
        await time(() =>
          db.tenant(m.orgId, (tx) => tx.execute(sql`select count(*) from customers where org_id = ${m.orgId} and status = 'active'`)),
        )
      ).ms,
    );
    const run = await time(() => db.tenant(m.orgId, (tx) => countRule(tx, rule)));
    counts.push(run.ms);
    members = run.result as number;
  }
  const s = stats(counts);
  const b = stats(baseline);
  printTable(
    `segment-count on ${where}: a 5-condition segment (${RUNS} runs after a first one; baseline: count the org's live customers)`,
    [
      {
        members,
        'count p50': ms(s.p50),
        'count p95': ms(s.p95),
        'first count': ms(first.ms),
        'baseline p50': ms(b.p50),
        'count ÷ baseline (p50)': (s.p50 / b.p50).toFixed(2),
        target: `p95 ≤ ${TARGET_MS} ms: ${s.p95 <= TARGET_MS ? 'met' : 'MISSED'}`,
      },
    ],
  );
  // Single conditions, each on its own (3 runs, p50): what a builder's live count costs per field.
  const { rows: shop } = await db.pool.query<{ id: string }>(`select id from stores where org_id = $1 and code = $2`, [
    m.orgId,
    storeCode(1),
  ]);
  const singles: [string, object][] = [
    ['bought category within a year', rule.rules[0]],
    ['≥ 2 purchases', rule.rules[1]],
    ['a purchase within 180 days', { field: 'purchase_count', operator: 'gte', value: 1, withinDays: since + 180 }],
    ['spend ≤ 1,000 TL within 90 days', { field: 'purchase_amount', operator: 'lte', value: 100_000, withinDays: since + 90 }],
    [
      'weekday 09:00–11:00 share ≥ 50 % within a year',
      { field: 'weekday_hours_share', operator: 'gte', value: 50, from: '09:00', to: '11:00', withinDays: since + 365 },
    ],
    ['bought SKU within 90 days', { field: 'bought_sku', operator: 'any_of', value: ['SKU000123'], withinDays: since + 90 }],
    [
      'bought only a category within 90 days',
      { field: 'bought_category', operator: 'only', value: ['Ev Tekstili'], withinDays: since + 90 },
    ],
    ['favourite store is M001', { field: 'favourite_store', operator: 'in', value: [shop[0].id] }],
    [
      'NOT shopped at M001 within 90 days',
      { op: 'not', rule: { field: 'shopped_at_store', operator: 'any_of', value: [shop[0].id], withinDays: since + 90 } },
    ],
    ['city is İstanbul', { field: 'city', operator: 'in', value: ['İstanbul'] }],
  ];
  const single = [];
  for (const [what, condition] of singles) {
    const times: number[] = [];
    let n = 0;
    for (let i = 0; i < 3; i++) {
      const run = await time(() => db.tenant(m.orgId, (tx) => countRule(tx, condition)));
      times.push(run.ms);
      n = run.result as number;
    }
    single.push({ condition: what, members: n, 'count p50': ms(stats(times).p50), '÷ baseline': (stats(times).p50 / b.p50).toFixed(2) });
  }
  printTable('single conditions (3 runs each)', single);
  await cleanUp(db, m);
} finally {
  await db.close();
}
