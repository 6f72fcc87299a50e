// `npm run bench -- basket`: association rules by FP-Growth.
//
// 1. Groceries (../shared/data/groceries, 9,835 baskets) at support 0.001, confidence 0.5, the
//    engine alone in process: median of BENCH_REPEAT (10) minings; target ≤ 1 s (5,668 rules).
//    Baseline in the same run: counting each item's baskets — the first pass any miner makes.
// 2. 1,000,000 receipts of the sales history (lib-sales-history.ts) on PostgreSQL at support 0.01,
//    through the service the API calls (analytics/basket.ts mineRules: the baskets read from the
//    `sales_basket_lines` view, then mined), at item and at category level. Baseline in the same
//    run: the view's receipts grouped into baskets by SQL alone. BENCH_ONLY=groceries|pg.
import { sql } from 'drizzle-orm';
import { mineRules } from '../server/src/modules/analytics/basket';
import { associationRules, frequentItemsets } from '../server/src/modules/analytics/engine';
import { groceryBaskets, hasData } from '../server/src/modules/analytics/engine/test-support';
import { printTable, stats } from './lib';
import { cleanUp, openHistory } from './lib-sales-history';

const REPEAT = Number(process.env.BENCH_REPEAT ?? 10);
const RECEIPTS = 1_000_000;
const only = process.env.BENCH_ONLY;

if (only !== 'pg') {
  if (!hasData) throw new Error('../shared/data is missing: the Groceries part needs it');
  const baskets = groceryBaskets();
  const mineMs: number[] = [];
  const baseMs: number[] = [];
  let rules = 0;
  for (let i = 0; i < REPEAT; i++) {
    let started = performance.now();
    const counts = new Map<string, number>();
    for (const b of baskets) for (const item of new Set(b)) counts.set(item, (counts.get(item) ?? 0) + 1);
    baseMs.push(performance.now() - started);
    started = performance.now();
    const frequent = frequentItemsets(baskets, { minSupport: 0.001 });
    rules = associationRules(frequent, { minConfidence: 0.5 }).length;
    mineMs.push(performance.now() - started);
  }
  const mine = stats(mineMs);
  const base = stats(baseMs);
  printTable(`basket on Groceries (${baskets.length.toLocaleString('en')} baskets, median of ${REPEAT})`, [
    {
      what: 'support 0.001, confidence 0.5',
      rules,
      'p50 ms': mine.p50.toFixed(1),
      'baseline p50 ms': base.p50.toFixed(2),
      'mining ÷ baseline': (mine.p50 / base.p50).toFixed(0),
      target: `≤ 1 s: ${mine.p50 <= 1000 ? 'met' : 'MISSED'}`,
    },
  ]);
}

if (only !== 'groceries') {
  const { db, m, where } = await openHistory();
  try {
    // The period holding the latest RECEIPTS receipts (the view holds store receipts only).
    const { rows } = await db.pool.query<{ from: string }>(
      `select business_date::text as from from receipts where org_id = $1 order by business_date desc offset $2 limit 1`,
      [m.orgId, RECEIPTS - 1],
    );
    const from = rows[0]?.from;
    if (!from) throw new Error(`the history holds fewer than ${RECEIPTS} receipts`);
    const out = [];
    let started = performance.now();
    const [{ n }] = (
      await db.tenant(m.orgId, (tx) =>
        tx.execute(sql`
        select count(*)::int as n from (
          select receipt_id, array_agg(distinct product_id) from sales_basket_lines
          where org_id = ${m.orgId} and business_date >= ${from}::date group by receipt_id) b`),
      )
    ).rows as { n: number }[];
    const base = performance.now() - started;
    for (const level of ['item', 'category'] as const) {
      started = performance.now();
      const mined = await db.tenant(m.orgId, (tx) =>
        mineRules(tx, { minSupport: 0.01, minConfidence: 0.1, level, maxLength: 4, from }, null),
      );
      const ms = performance.now() - started;
      out.push({
        level,
        baskets: mined.baskets,
        'distinct items': mined.items.length,
        rules: mined.rules.length,
        ms: Math.round(ms),
        'baseline ms': Math.round(base),
        'mining ÷ baseline': (ms / base).toFixed(2),
      });
    }
    printTable(
      `basket on ${where}: ${n.toLocaleString('en')} receipts from ${from}, support 0.01, confidence 0.1 (baseline: grouping them into baskets in SQL)`,
      out,
    );
    await cleanUp(db, m);
  } finally {
    await db.close();
  }
}
