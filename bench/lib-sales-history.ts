// The sales history both sales benches run against: an org with BENCH_CUSTOMERS customers (1,000,000)
// and BENCH_LINES receipt lines (10,000,000) on PostgreSQL, its own database per scale, created
// when missing and reused by later runs; plus a server started as a separate process and a load
// generator. Each run deletes what it added (cleanUp).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { createApiKey } from '../server/src/modules/access/api-keys';
import { createOrg } from '../server/src/modules/access/orgs';
import { createStore } from '../server/src/modules/access/stores';
import { type Database, openDatabase } from '../server/src/platform/db/database';
import { foldTurkish } from '../server/src/platform/text';
import { freePort } from './lib';

export const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 1_000_000);
export const LINES = Number(process.env.BENCH_LINES ?? 10_000_000);
export const STORES = 50;
export const PRODUCTS = 20_000;
export const DAY = 86_400_000;

const FIRST = ['Ayşe', 'Fatma', 'Zeynep', 'Elif', 'Emine', 'Mehmet', 'Ahmet', 'Mustafa', 'Ali', 'Hüseyin', 'Işıl', 'Çağrı', 'Oğuz', 'Ömer'];
const LAST = ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Öztürk', 'Aydın', 'Özdemir', 'Arslan', 'Doğan', 'Kılıç', 'Koç'];
export const CATEGORIES = ['Ev Tekstili', 'Giyim', 'Ayakkabı', 'Aksesuar', 'Çocuk', 'Banyo', 'Mutfak', 'Dekorasyon'];
export const SUBCATEGORIES = ['Nevresim', 'Havlu', 'Gömlek', 'Pantolon', 'Çorap'];
export const BRANDS = [
  'Muhtar',
  'Anadolu',
  'Ege',
  'Karadeniz',
  'Marmara',
  'Akdeniz',
  'Toros',
  'Kaçkar',
  'Uludağ',
  'Erciyes',
  'Palandöken',
  'Nemrut',
];

export const storeCode = (s: number) => `M${String(s).padStart(3, '0')}`;
export const sku = (p: number) => `SKU${String(p).padStart(6, '0')}`;
/** The list price of product p in kuruş, the same formula as the SQL that creates it. */
export const priceOf = (p: number) => 500 + ((p * 7919) % 99_500);
/** Customer k's phone (k in 1..CUSTOMERS), as the setup stores it. */
export const knownPhone = (k: number) => `+90532${String(k).padStart(7, '0')}`;

const sqlText = (list: string[]) => `array[${list.map((s) => `'${s.replace(/'/g, "''")}'`).join(',')}]::text[]`;

// ---------------------------------------------------------------------------------------------
// Setup: the org, its stores, products, customers and receipt history, written with set-based SQL
// straight into the tables. Acceptable for setup only: the benchmark measures the ingest paths,
// not how this history got there, and going through the services would take hours. Ids are
// time-ordered like the application's UUIDv7 (so the indexes look like the real ones), generated
// deterministically from the row number so the lines can name their receipt's customer and
// products. No events are written for this history (nothing here reads them).
// ---------------------------------------------------------------------------------------------

export interface Meta {
  orgId: string;
  apiKey: string;
  /** Everything with an id (UUIDv7 time) at or after this instant was written by a run. */
  setupAt: number;
  customers: number;
  receipts: number;
  /** The COPY baseline's scratch copies of receipts and receipt_lines hold the same history. */
  copies?: boolean;
}

export async function readMeta(db: Database): Promise<Partial<Meta>> {
  await db.pool.query('create table if not exists bench_meta (key text primary key, value jsonb not null)');
  const { rows } = await db.pool.query<{ key: string; value: unknown }>('select key, value from bench_meta');
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

export const saveMeta = (c: pg.ClientBase | pg.Pool, key: string, value: unknown) =>
  c.query('insert into bench_meta values ($1, $2) on conflict (key) do update set value = excluded.value', [key, JSON.stringify(value)]);

/** A UUIDv7-shaped id at `ms` whose random bits come from `seed`: deterministic, time-ordered. */
const UUID_FN = `
  create or replace function bench_uuid(ms bigint, seed bigint) returns uuid language sql immutable as $$
    select (lpad(to_hex(ms), 12, '0') || '7' || substr(md5(seed::text), 1, 3) || '8' || substr(md5(seed::text), 4, 15))::uuid
  $$`;

/** The smallest UUIDv7 of an instant: rows a run wrote have ids at or above it. */
export const uuidAt = (ms: number) => {
  const h = ms.toString(16).padStart(12, '0');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-7000-8000-000000000000`;
};

export async function setup(db: Database): Promise<Meta> {
  let meta = await readMeta(db);
  await db.pool.query(UUID_FN);
  if (!meta.orgId) {
    const setupAt = Date.now();
    const { orgId } = await createOrg(db, {
      name: 'Bench ingest',
      owner: { email: `bench-ingest-${setupAt}@bench.local`, name: 'Bench', password: 'bench-password-1' },
    });
    const key = await db.tenant(orgId, async (tx) => {
      for (let s = 1; s <= STORES; s++) await createStore(tx, { auth: null }, { code: storeCode(s), name: `Mağaza ${s}` });
      return createApiKey(tx, { auth: null }, { name: 'bench', scopes: ['admin'] });
    });
    await db.pool.query(
      `insert into products (org_id, id, sku, name, name_key, category_path, brand, list_price, created_at, updated_at)
       select $1, bench_uuid($2::bigint - 1000000000 + p, 5000000000 + p), 'SKU' || lpad(p::text, 6, '0'), 'Ürün ' || p, 'urun ' || p,
              array[(${sqlText(CATEGORIES)})[1 + p % ${CATEGORIES.length}], (${sqlText(SUBCATEGORIES)})[1 + p % ${SUBCATEGORIES.length}]],
              (${sqlText(BRANDS)})[1 + p % ${BRANDS.length}], 500 + (p * 7919) % 99500, now(), now()
         from generate_series(1, ${PRODUCTS}) p`,
      [orgId, setupAt],
    );
    await saveMeta(db.pool, 'setupAt', setupAt);
    await saveMeta(db.pool, 'apiKey', key.key);
    await saveMeta(db.pool, 'customers', 0);
    await saveMeta(db.pool, 'receipts', 0);
    await saveMeta(db.pool, 'orgId', orgId);
    meta = await readMeta(db);
  }
  const m = meta as Meta;
  // History spans the three years before the setup; customers were created over the same years.
  const span = 3 * 365 * DAY;
  const from = m.setupAt - span - DAY;
  const storeIds = (await db.pool.query<{ id: string }>('select id from stores where org_id = $1 order by code', [m.orgId])).rows.map(
    (r) => r.id,
  );
  const customerId = (k: string) => `bench_uuid(${from} + (${k})::bigint * ${Math.floor(span / CUSTOMERS)}, ${k})`;
  const productId = (p: string) => `bench_uuid(${m.setupAt}::bigint - 1000000000 + (${p}), 5000000000 + (${p}))`;

  const started = performance.now();
  let loaded = false;
  const client = await db.pool.connect();
  try {
    // Foreign-key triggers off for the bulk load (superuser, this session only): the ids are right by construction.
    await client.query('set session_replication_role = replica');
    const batch = 100_000;
    while (m.customers < CUSTOMERS) {
      const lo = m.customers + 1;
      const hi = Math.min(CUSTOMERS, m.customers + batch);
      await client.query('begin');
      await client.query(
        `insert into customers (org_id, id, first_name, last_name, name_key, phone, created_via, created_at, updated_at, last_activity_at)
         select $1, ${customerId('i')}, f.n, l.n, f.folded || ' ' || l.folded, '+90532' || lpad(i::text, 7, '0'), 'import', t, t, t
           from generate_series($2::int, $3::int) i
           cross join lateral (select to_timestamp((${from} + i::bigint * ${Math.floor(span / CUSTOMERS)}) / 1000.0) t) c
           cross join lateral (select (${sqlText(FIRST)})[1 + (i * 7) % ${FIRST.length}] n, (${sqlText(FIRST.map(foldTurkish))})[1 + (i * 7) % ${FIRST.length}] folded) f
           cross join lateral (select (${sqlText(LAST)})[1 + (i * 13) % ${LAST.length}] n, (${sqlText(LAST.map(foldTurkish))})[1 + (i * 13) % ${LAST.length}] folded) l`,
        [m.orgId, lo, hi],
      );
      await client.query(
        `insert into customer_identities (org_id, kind, value, customer_id, created_at)
         select $1, 'phone', '+90532' || lpad(k::text, 7, '0'), ${customerId('k')}, now() from generate_series($2::int, $3::int) k`,
        [m.orgId, lo, hi],
      );
      m.customers = hi;
      await saveMeta(client, 'customers', hi);
      await client.query('commit');
      loaded = true;
      process.stdout.write(`\rsetup: ${hi.toLocaleString('en')} customers`);
    }
    const receiptsWanted = Math.floor(LINES / 4);
    const step = Math.floor(span / receiptsWanted);
    // Receipt r: store 1 + r % STORES, 60 % with a customer, 4 lines of products spread over the catalog.
    const line = (l: number) => `1 + ((r::bigint * 4 + ${l}) * 104729) % ${PRODUCTS}`;
    const qty = (l: number) => `(1 + (r + ${l}) % 2)`;
    const price = (p: string) => `(500 + ((${p}) * 7919) % 99500)`;
    while (m.receipts < receiptsWanted) {
      const lo = m.receipts + 1;
      const hi = Math.min(receiptsWanted, m.receipts + batch);
      await client.query('begin');
      await client.query(
        `insert into receipts (org_id, id, store_id, receipt_number, occurred_at, business_date, customer_id, currency,
                               subtotal, discount_total, total, source, content_hash, created_at)
         select $1, bench_uuid(${from} + r::bigint * ${step}, 10000000000 + r), ($4::uuid[])[1 + r % ${STORES}], 'H' || r, t,
                (t at time zone 'Europe/Istanbul')::date,
                case when r % 10 < 6 then ${customerId(`1 + (r::bigint * 7919) % ${CUSTOMERS}`)} end, 'TRY', s.total, 0, s.total, 'import', 'import', t
           from generate_series($2::int, $3::int) r
           cross join lateral (select to_timestamp((${from} + r::bigint * ${step}) / 1000.0) t) c
           cross join lateral (select ${[1, 2, 3, 4].map((l) => `${qty(l)} * ${price(line(l))}`).join(' + ')} total) s`,
        [m.orgId, lo, hi, storeIds],
      );
      await client.query(
        `insert into receipt_lines (org_id, receipt_id, line_no, sku, product_id, product_name, category_path, brand,
                                    quantity, unit_price, line_discount, line_total)
         select $1, bench_uuid(${from} + r::bigint * ${step}, 10000000000 + r), l, 'SKU' || lpad(p::text, 6, '0'), ${productId('p')},
                'Ürün ' || p, array[(${sqlText(CATEGORIES)})[1 + p % ${CATEGORIES.length}], (${sqlText(SUBCATEGORIES)})[1 + p % ${SUBCATEGORIES.length}]],
                (${sqlText(BRANDS)})[1 + p % ${BRANDS.length}], q, ${price('p')}, 0, q * ${price('p')}
           from generate_series($2::int, $3::int) r
           cross join generate_series(1, 4) l
           cross join lateral (select 1 + ((r::bigint * 4 + l) * 104729) % ${PRODUCTS} p, 1 + (r + l) % 2 q) x`,
        [m.orgId, lo, hi],
      );
      m.receipts = hi;
      await saveMeta(client, 'receipts', hi);
      await client.query('commit');
      loaded = true;
      process.stdout.write(`\rsetup: ${m.customers.toLocaleString('en')} customers, ${(hi * 4).toLocaleString('en')} receipt lines`);
    }
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    await client.query('set session_replication_role = origin').catch(() => {});
    client.release();
  }
  if (loaded) {
    // What the application keeps with every receipt, built here in one pass as the migration does.
    await db.pool.query(
      `select sales_refresh_customer_facts($1, array(select distinct customer_id from receipts where org_id = $1 and customer_id is not null))`,
      [m.orgId],
    );
    await db.pool.query(
      'vacuum analyze customers, customer_identities, products, receipts, receipt_lines, sales_customer_facts, sales_customer_categories, sales_customer_brands',
    );
  }
  if (loaded && m.copies) {
    m.copies = false;
    await saveMeta(db.pool, 'copies', false);
  }
  if (loaded) console.log(`setup: loaded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return m;
}

/**
 * The COPY baseline (receipts-ingest) writes into copies of receipts and receipt_lines holding the
 * same history, with the same indexes and foreign keys: COPY into an empty table would skip what
 * makes inserts into a big table slow (index pages to find and dirty), and compare unlike with like.
 * Made once per loaded history.
 */
export async function ensureCopies(db: Database, m: Meta) {
  if (m.copies) return;
  process.stdout.write('setup: scratch copies of receipts and receipt_lines for the COPY baseline…');
  await db.pool.query(`
    drop table if exists bench_copy_lines; drop table if exists bench_copy_receipts;
    create table bench_copy_receipts (like receipts including all);
    alter table bench_copy_receipts add foreign key (org_id) references orgs (org_id);
    insert into bench_copy_receipts select * from receipts;
    create table bench_copy_lines (like receipt_lines including all);
    insert into bench_copy_lines select * from receipt_lines;
    alter table bench_copy_lines add foreign key (org_id, receipt_id) references bench_copy_receipts (org_id, id) not valid;`);
  await db.pool.query('vacuum analyze bench_copy_receipts, bench_copy_lines');
  m.copies = true;
  await saveMeta(db.pool, 'copies', true);
  console.log(' done');
}

/** Deletes whatever runs wrote (ids from after the setup), then vacuums what changed. */
export async function cleanUp(db: Database, m: Meta) {
  const since = uuidAt(m.setupAt);
  const org = m.orgId;
  const steps: [string, string][] = [
    ['receipt_payments', `delete from receipt_payments where org_id = $1 and receipt_id >= $2`],
    ['receipt_lines', `delete from receipt_lines where org_id = $1 and receipt_id >= $2`],
    ['receipts', `delete from receipts where org_id = $1 and id >= $2`],
    ['customer_identities', `delete from customer_identities where org_id = $1 and customer_id >= $2`],
    ['customers', `delete from customers where org_id = $1 and id >= $2`],
    ['products', `delete from products where org_id = $1 and id >= $2`],
    ['events', `delete from events where org_id = $1 and id >= $2`],
  ];
  if (m.copies) {
    steps.push(['bench_copy_lines', 'delete from bench_copy_lines where org_id = $1 and receipt_id >= $2']);
    steps.push(['bench_copy_receipts', 'delete from bench_copy_receipts where org_id = $1 and id >= $2']);
  }
  // The purchase facts of the customers whose receipts go are recomputed once they have gone.
  const { rows } = await db.pool.query<{ ids: string[] | null }>(
    'select array_agg(distinct customer_id) as ids from receipts where org_id = $1 and id >= $2',
    [org, since],
  );
  const touched: string[] = [];
  for (const [table, statement] of steps) {
    const { rowCount } = await db.pool.query(statement, [org, since]);
    if (rowCount) touched.push(table);
  }
  if (rows[0]?.ids) {
    await db.pool.query('select sales_refresh_customer_facts($1, $2)', [org, rows[0].ids]);
    touched.push('sales_customer_facts', 'sales_customer_categories', 'sales_customer_brands');
  }
  if (touched.length > 0) await db.pool.query(`vacuum analyze ${touched.join(', ')}`);
}

/** What startServer runs: `muhtar serve --role api` in API_WORKERS processes (1 unless set). */
export const SERVER = `muhtar serve --role api, ${Number(process.env.API_WORKERS ?? 1)} API process(es), separate from this one`;

export async function startServer(url: string) {
  const port = await freePort();
  const bin = new URL('../bin/muhtar.mjs', import.meta.url).pathname;
  // BENCH_PROFILE=DIR writes the server's CPU profile there when it stops (open it in Chrome's DevTools).
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const child = spawn('node', [...profile, bin, 'serve', '--role', 'api'], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      MUHTAR_DEMO: 'false',
      API_KEY_RATE_LIMIT: '100000000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    const ok = await fetch(`${base}/api/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('server not ready');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    /** SIGTERM for a clean stop; SIGKILL to pull the plug (the durability bench). */
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      child.kill(signal);
      await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));
    },
  };
}

export interface Load {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  errors: number;
  firstError?: string;
}

export async function load(
  url: string,
  opts: { seconds: number; connections: number; method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: () => string },
) {
  let firstError: string | undefined;
  const result = await autocannon({
    url,
    connections: opts.connections,
    duration: opts.seconds,
    requests: [
      {
        method: opts.method ?? 'GET',
        headers: opts.headers,
        ...(opts.body ? { setupRequest: (req: object) => ({ ...req, body: opts.body!() }) } : {}),
        onResponse: (status: number, body: string) => {
          if (status >= 300 && !firstError) firstError = `${status} ${body.slice(0, 300)}`;
        },
      },
    ],
  } as autocannon.Options);
  const ok = result['2xx'];
  return {
    rps: ok / opts.seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok,
    errors: result.errors + result.non2xx + result.timeouts,
    firstError,
  } satisfies Load;
}

export async function benchDatabase(): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const base = 'postgresql://postgres@127.0.0.1:5432/postgres';
  const name = `muhtar_bench_ingest_${CUSTOMERS}_${LINES}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * The history's database, migrated and loaded: PostgreSQL (benchDatabase), or with
 * BENCH_EMBEDDED=1 an embedded PGlite kept in data/bench/ per scale and reused by later runs.
 */
export async function openHistory(): Promise<{ db: Database; m: Meta; where: string }> {
  const embedded = process.env.BENCH_EMBEDDED === '1';
  const db = embedded
    ? await openDatabase({ dataDir: join(process.cwd(), 'data', 'bench', `pglite_${CUSTOMERS}_${LINES}`) })
    : await openDatabase({ databaseUrl: await benchDatabase() });
  await db.migrate();
  const m = await setup(db);
  await cleanUp(db, m);
  return { db, m, where: embedded ? 'PGlite' : 'PostgreSQL' };
}
