// `npm run bench -- customers-search`: p50/p95 of GET /api/v1/customers?q= by phone (typed in
// several forms) and by Turkish-folded name, through the whole HTTP stack, with 1,000,000
// customers on PostgreSQL (DATABASE_URL, else the local server at 127.0.0.1) and 100,000 on
// embedded PGlite. Target: p95 ≤ 50 ms on PostgreSQL. Baseline: a primary-key lookup via `pg`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createApp } from '../server/src/app';
import { createApiKey } from '../server/src/modules/access/api-keys';
import { createOrg } from '../server/src/modules/access/orgs';
import { loadConfig } from '../server/src/platform/config';
import { type Database, openDatabase } from '../server/src/platform/db/database';
import { foldTurkish } from '../server/src/platform/text';
import { ms, printTable, stats } from './lib';

const QUERIES = Number(process.env.BENCH_QUERIES ?? 400);
const FIRST = [
  'Ayşe',
  'Fatma',
  'Zeynep',
  'Elif',
  'Emine',
  'Mehmet',
  'Ahmet',
  'Mustafa',
  'Ali',
  'Hüseyin',
  'Işıl',
  'Çağrı',
  'Oğuz',
  'Ömer',
  'İbrahim',
  'Gül',
  'Derya',
  'Burak',
  'Emre',
  'Şeyma',
];
const LAST = [
  'Yılmaz',
  'Kaya',
  'Demir',
  'Şahin',
  'Çelik',
  'Yıldız',
  'Yıldırım',
  'Öztürk',
  'Aydın',
  'Özdemir',
  'Arslan',
  'Doğan',
  'Kılıç',
  'Aslan',
  'Çetin',
  'Kara',
  'Koç',
  'Kurt',
  'Özkan',
  'Şimşek',
  'Işık',
  'Güneş',
  'Erdoğan',
  'Bulut',
  'Ünal',
];
// A realistic spread: many common names plus a long tail of rarer surnames.
const TAIL = Array.from(
  { length: 400 },
  (_, i) => `${LAST[i % LAST.length]}${['oğlu', 'gil', 'er', 'can', 'soy'][i % 5]}${Math.floor(i / 25)}`,
);
const LASTS = [...LAST, ...TAIL];
const phoneOf = (i: number) => `+90532${String(i).padStart(7, '0')}`;

/** Bulk-loads `n` customers with phone identities in set-based SQL (the import is measured elsewhere). */
async function load(db: Database, orgId: string, n: number) {
  const sqlArray = (list: string[]) => `array[${list.map((s) => `'${s.replace(/'/g, "''")}'`).join(',')}]`;
  const batch = 100_000;
  for (let from = 1; from <= n; from += batch) {
    const to = Math.min(n, from + batch - 1);
    await db.pool.query(
      `insert into customers (org_id, id, first_name, last_name, name_key, phone, created_via, created_at, updated_at, last_activity_at)
       select $1, gen_random_uuid(), f.n, l.n, f.k || ' ' || l.k, '+90532' || lpad(i::text, 7, '0'), 'import',
              now() - (i || ' seconds')::interval, now(), now()
         from generate_series($2::int, $3::int) i
         cross join lateral (select (${sqlArray(FIRST)})[1 + (i * 7) % ${FIRST.length}] n, (${sqlArray(FIRST.map(foldTurkish))})[1 + (i * 7) % ${FIRST.length}] k) f
         cross join lateral (select (${sqlArray(LASTS)})[1 + (i * 13) % ${LASTS.length}] n, (${sqlArray(LASTS.map(foldTurkish))})[1 + (i * 13) % ${LASTS.length}] k) l`,
      [orgId, from, to],
    );
    await db.pool.query(
      `insert into customer_identities (org_id, kind, value, customer_id)
       select org_id, 'phone', phone, id from customers where org_id = $1 and phone between $2 and $3`,
      [orgId, phoneOf(from), phoneOf(to)],
    );
  }
  await db.pool.query('analyze customers; analyze customer_identities');
}

const PHONE_FORMS = [
  (d: string) => `0${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6, 8)} ${d.slice(8)}`,
  (d: string) => d,
  (d: string) => `+90 (${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8)}`,
  (d: string) => `90${d}`,
];

async function measure(db: Database, n: number) {
  const app = await createApp(loadConfig({ LOG_LEVEL: 'silent', API_KEY_RATE_LIMIT: '1000000' }), { db, role: 'api', logger: false });
  try {
    const { orgId } = await createOrg(db, {
      name: 'Bench',
      owner: { email: `bench${Date.now()}@bench.local`, name: 'Bench', password: 'bench-password-1' },
    });
    let t = performance.now();
    await load(db, orgId, n);
    const loadSeconds = (performance.now() - t) / 1000;
    const key = await db.tenant(orgId, (tx) => createApiKey(tx, { auth: null }, { name: 'bench', scopes: ['read'] }));
    const get = async (q: string) => {
      const started = performance.now();
      const res = await app.http!.inject({
        method: 'GET',
        url: `/api/v1/customers?limit=20&q=${encodeURIComponent(q)}`,
        headers: { authorization: `Bearer ${key.key}` },
      });
      const took = performance.now() - started;
      if (res.statusCode !== 200) throw new Error(`${q}: ${res.statusCode} ${res.body}`);
      return { took, found: (JSON.parse(res.body) as { items: unknown[] }).items.length };
    };
    const run = async (make: (i: number) => string) => {
      for (let i = 0; i < 30; i++) await get(make(i)); // warm up
      const samples: number[] = [];
      let empty = 0;
      for (let i = 0; i < QUERIES; i++) {
        const r = await get(make(i * 7919));
        samples.push(r.took);
        if (r.found === 0) empty++;
      }
      return { ...stats(samples), empty };
    };
    const phone = await run((i) => PHONE_FORMS[i % 4](phoneOf(1 + (i % n)).slice(3)));
    const surname = await run((i) => foldTurkish(LASTS[i % LASTS.length]).toUpperCase());
    // First and last name of an existing customer, as a person types it.
    const fullName = await run((i) => {
      const j = 1 + (i % n);
      return `${FIRST[(j * 7) % FIRST.length]} ${LASTS[(j * 13) % LASTS.length]}`.toLocaleLowerCase('tr-TR');
    });
    const pk: number[] = [];
    for (let i = 0; i < QUERIES; i++) {
      t = performance.now();
      await db.pool.query('select * from orgs where org_id = $1', [orgId]);
      pk.push(performance.now() - t);
    }
    return { loadSeconds, phone, surname, fullName, pk: stats(pk) };
  } finally {
    await app.close();
  }
}

function report(label: string, n: number, r: Awaited<ReturnType<typeof measure>>) {
  const row = (what: string, s: { p50: number; p95: number; p99: number; empty?: number }) => ({
    what,
    p50: ms(s.p50),
    p95: ms(s.p95),
    p99: ms(s.p99),
    'p95 / pk p95': `${(s.p95 / r.pk.p95).toFixed(0)}×`,
    'no hits': s.empty ?? '',
  });
  printTable(`${label}: ${n.toLocaleString('en')} customers (loaded in ${r.loadSeconds.toFixed(0)} s), ${QUERIES} searches each`, [
    row('phone, 4 typed forms', r.phone),
    row('surname, upper case ASCII', r.surname),
    row('first + last name, lower case', r.fullName),
    row('baseline: pk lookup via pg', r.pk),
  ]);
}

const embeddedN = Number(process.env.BENCH_EMBEDDED_CUSTOMERS ?? 100_000);
const serverN = Number(process.env.BENCH_SERVER_CUSTOMERS ?? 1_000_000);
const dataDir = mkdtempSync(join(tmpdir(), 'muhtar-bench-search-'));
try {
  const embedded = await openDatabase({ dataDir });
  await embedded.migrate();
  report('embedded PGlite', embeddedN, await measure(embedded, embeddedN));
  await embedded.close();

  const base = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const name = `muhtar_bench_search_${process.pid}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  try {
    const url = new URL(base);
    url.pathname = `/${name}`;
    const server = await openDatabase({ databaseUrl: url.toString() });
    await server.migrate();
    report('PostgreSQL server', serverN, await measure(server, serverN));
    await server.close();
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
