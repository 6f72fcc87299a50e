// The loyalty side of the POS benches, on top of the sales history: a program with tiers, 20
// active promotions, every customer's account with opening points, a `pos` key of store M001, and
// the baskets tills send.
import { createApp } from '../server/src/app';
import { createApiKey } from '../server/src/modules/access/api-keys';
import { loadConfig } from '../server/src/platform/config';
import type { Database } from '../server/src/platform/db/database';
import { BRANDS, CATEGORIES, DAY, type Meta, PRODUCTS, readMeta, saveMeta, sku, storeCode, uuidAt } from './lib-sales-history';

const PROGRAM = {
  name: 'Bench Kulüp',
  definition: {
    earn: { rate: { points: 1, per: 100 } },
    burn: { points: 100, value: 100, minPoints: 100, maxSharePercent: 50 },
    expiry: { months: 12, monthEnd: false },
  },
  tiers: {
    metric: 'spend',
    windowMonths: 12,
    tiers: [
      { code: 'STANDART', name: 'Standart', threshold: 0 },
      { code: 'GUMUS', name: 'Gümüş', threshold: 300_000, benefits: { multiplier: 2 } },
      { code: 'ALTIN', name: 'Altın', threshold: 1_000_000, benefits: { multiplier: 3 } },
    ],
  },
};

/** 20 promotions of every kind over the bench catalog; none depends on the customer or the clock, so a basket's total is fixed. */
function promotions() {
  const common = (id: string, label: string, priority: number) => ({ id, label, priority, stackable: true, exclusive: false });
  const list: object[] = [];
  for (const [i, c] of CATEGORIES.entries())
    list.push({ ...common(`kat-${i}`, `${c} %${5 + i}`, 10 + i), kind: 'percent_off', target: { categories: [[c]] }, percent: 5 + i });
  for (const [i, b] of BRANDS.slice(0, 6).entries())
    list.push({ ...common(`marka-${i}`, `${b} %10`, 30 + i), kind: 'percent_off', target: { brands: [b] }, percent: 10 });
  for (const [i, c] of ['Giyim', 'Çocuk'].entries())
    list.push({
      ...common(`corap-${i}`, `${c} çorap 3 al 2 öde`, 50 + i),
      kind: 'n_for_m',
      target: { categories: [[c, 'Çorap']] },
      n: 3,
      m: 2,
    });
  for (const [i, c] of ['Banyo', 'Ev Tekstili'].entries())
    list.push({
      ...common(`havlu-${i}`, `${c} havlu 2 alana 1 yarı fiyat`, 60 + i),
      kind: 'buy_get',
      buy: { target: { categories: [[c, 'Havlu']] }, quantity: 2 },
      get: { quantity: 1, percent: 50 },
    });
  list.push({
    ...common('sepet', '1.000 TL üzeri 50 TL, 2.000 TL üzeri 150 TL indirim', 0),
    kind: 'basket_threshold',
    steps: [
      { threshold: 100_000, reward: { type: 'amount_off', amount: 5_000 } },
      { threshold: 200_000, reward: { type: 'amount_off', amount: 15_000 } },
    ],
  });
  list.push({
    ...common('set', 'Nevresim + havlu seti 500 TL', 70),
    kind: 'bundle_price',
    items: [
      { target: { categories: [['Ev Tekstili', 'Nevresim']] }, quantity: 1 },
      { target: { categories: [['Banyo', 'Havlu']] }, quantity: 1 },
    ],
    price: 50_000,
  });
  return list;
}

export interface Loyalty {
  programId: string;
  posKey: string;
}

/**
 * The program and promotions go through the API (validated like a user's), the POS key through
 * the access service; every customer's account and opening points (one earn entry each, so the
 * ledger balances) are written with set-based SQL, as the history is.
 */
export async function loyaltySetup(db: Database, url: string, m: Meta): Promise<Loyalty> {
  const meta = (await readMeta(db)) as Partial<Meta> & { loyalty?: Loyalty };
  if (meta.loyalty) return meta.loyalty;
  const app = await createApp(loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: url }), { db, role: 'api', logger: false });
  try {
    const headers = { authorization: `Bearer ${m.apiKey}` };
    const post = async (path: string, payload: object) => {
      const res = await app.http!.inject({ method: 'POST', url: path, headers, payload });
      if (res.statusCode !== 201) throw new Error(`${path}: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    const program = await post('/api/v1/loyalty/programs', PROGRAM);
    for (const definition of promotions()) await post('/api/v1/loyalty/promotions', { definition });
    const key = await db.tenant(m.orgId, (tx) =>
      createApiKey(tx, { auth: null }, { name: 'bench pos', scopes: ['pos'], storeCode: storeCode(1) }),
    );
    process.stdout.write('setup: loyalty accounts and opening points…');
    const client = await db.pool.connect();
    try {
      await client.query('begin');
      await client.query(
        `insert into loyalty_accounts (org_id, program_id, customer_id, balance, tier_code, tier_since)
         select c.org_id, $2, c.id, 100 + (row_number() over (order by c.id) * 7919) % 5000, 'STANDART', now() - interval '200 days'
           from customers c where c.org_id = $1`,
        [m.orgId, program.id],
      );
      await client.query(
        `insert into points_ledger (org_id, id, program_id, customer_id, kind, points, qualifying_amount, occurred_at, expires_at, reason)
         select a.org_id, bench_uuid($3::bigint - ${90 * DAY} + n, 20000000000 + n), a.program_id, a.customer_id, 'earn', a.balance,
                a.balance * 100, now() - interval '90 days', now() + interval '275 days', 'bench opening balance'
           from (select a.*, row_number() over (order by customer_id) n from loyalty_accounts a where org_id = $1 and program_id = $2) a`,
        [m.orgId, program.id, m.setupAt],
      );
      await client.query('commit');
    } catch (err) {
      await client.query('rollback');
      throw err;
    } finally {
      client.release();
    }
    await db.pool.query('vacuum analyze loyalty_accounts, points_ledger');
    console.log(' done');
    const loyalty = { programId: program.id as string, posKey: key.key };
    await saveMeta(db.pool, 'loyalty', loyalty);
    return loyalty;
  } finally {
    await app.close();
  }
}

/** Deletes the ledger entries commits added and puts every balance back to its ledger sum. */
export async function loyaltyCleanUp(db: Database, m: Meta) {
  await db.pool.query('delete from points_ledger where org_id = $1 and id >= $2', [m.orgId, uuidAt(m.setupAt)]);
  // A separate statement: a data-modifying CTE's siblings would still see the deleted entries.
  await db.pool.query(
    `update loyalty_accounts a set balance = s.points
       from (select program_id, customer_id, sum(points)::int points from points_ledger where org_id = $1 group by 1, 2) s
      where a.org_id = $1 and a.program_id = s.program_id and a.customer_id = s.customer_id and a.balance <> s.points`,
    [m.orgId],
  );
  await db.pool.query(`delete from idempotency_keys where org_id = $1 and created_at >= to_timestamp($2 / 1000.0)`, [m.orgId, m.setupAt]);
}

export const basketLines = (b: number) =>
  Array.from({ length: 10 }, (_, l) => {
    const p = 1 + (((b * 10 + l) * 7919) % PRODUCTS);
    return { sku: sku(p), quantity: l % 4 === 0 ? 3 : 1 };
  });
