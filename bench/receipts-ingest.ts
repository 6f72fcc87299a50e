// `npm run bench -- receipts-ingest`: how fast sales come in, on PostgreSQL, in an org holding
// 1,000,000 customers and 10,000,000 receipt lines (BENCH_CUSTOMERS / BENCH_LINES scale it down
// for a quick run; each scale gets its own database, kept and reused by later runs).
//
// 1. Receipts through the API: POST /api/v1/sales/receipts and, BENCH_BATCH (200) at a time, POST
//    /api/v1/sales/receipts/batch over BENCH_BATCH_CONNECTIONS (8) connections (4 lines each, about half with a known
//    customer's phone, the rest anonymous) from this process against a server started as a separate
//    process (`muhtar serve --role api`), BENCH_CONNECTIONS connections for BENCH_SECONDS seconds.
//    Target ≥ 3,000 receipts/s. Baselines in the same run, same server, same load: POST
//    /api/v1/sales/activity with an anonymous product view (API-key auth, a tenant transaction, a
//    catalog lookup and a one-row insert, committed), GET /api/v1/sales/settings (auth, a
//    transaction, a one-row read) and GET /api/health (the HTTP stack, no database).
// 2. The historical import: a BENCH_IMPORT_ROWS-row sales CSV (one row per line, ~4 lines per receipt,
//    a third of its customers new) through POST /api/v1/imports and the import job, against
//    PostgreSQL COPY FROM STDIN of the same final rows (the receipts and receipt_lines rows the import
//    wrote, read back as text) into scratch copies of both tables that hold the same history, with
//    the same indexes and foreign keys, in one committed transaction. Target ≥ 50 % of COPY's speed.
//    The machine is shared, so the import and its baseline run BENCH_REPEAT times (best of each).
//    The event dispatcher is stopped while the import runs: delivering its events is not part of it.
//
// The database is DATABASE_URL when set, else `muhtar_bench_ingest_<scale>` on 127.0.0.1:5432 (user
// postgres), created when missing. Everything a run adds is deleted at its end (and at the start of
// the next run, should one die half-way), then the touched tables are vacuumed.
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import type pg from 'pg';
import { createApp } from '../server/src/app';
import { loadConfig } from '../server/src/platform/config';
import { type Database, openDatabase } from '../server/src/platform/db/database';
import { multipartBody } from '../server/src/platform/imports/test-helpers';
import { printTable } from './lib';
import {
  BRANDS,
  benchDatabase,
  CATEGORIES,
  CUSTOMERS,
  cleanUp,
  ensureCopies,
  knownPhone,
  type Load,
  load,
  type Meta,
  PRODUCTS,
  priceOf,
  SERVER,
  STORES,
  SUBCATEGORIES,
  setup,
  sku,
  startServer,
  storeCode,
  uuidAt,
} from './lib-sales-history';

const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 200_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
/** The import and its COPY baseline run this many times (the machine is shared: best of each). */
const REPEAT = Number(process.env.BENCH_REPEAT ?? 2);
/** `api` or `import`: run one part only. */
const ONLY = process.env.BENCH_ONLY;
const TARGET_RPS = 3000;
/** The batch endpoint: BATCH_SIZE receipts a request over fewer connections (a till or ERP sends one batch at a time). */
const BATCH_SIZE = Number(process.env.BENCH_BATCH ?? 200);
const BATCH_CONNECTIONS = Number(process.env.BENCH_BATCH_CONNECTIONS ?? 8);
const TARGET_COPY_SHARE = 0.5;

async function apiIngest(url: string, m: Meta) {
  const server = await startServer(url);
  const auth = { authorization: `Bearer ${m.apiKey}`, 'content-type': 'application/json' };
  const run = Date.now().toString(36);
  let seq = 0;
  const receiptOf = () => {
    const n = ++seq;
    const lines = [1, 2, 3, 4].map((l) => {
      const p = 1 + (((n * 4 + l) * 7919) % PRODUCTS);
      return { sku: sku(p), quantity: 1 + ((n + l) % 3), unitPrice: priceOf(p) };
    });
    const total = lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0);
    const k = 1 + ((n * 104729) % CUSTOMERS);
    return {
      storeCode: storeCode(1 + (n % STORES)),
      register: String(1 + (n % 4)),
      receiptNumber: `A${run}-${n}`,
      occurredAt: new Date().toISOString(),
      // Half of the receipts name a known customer by phone, typed the way tills send it.
      ...(n % 2 === 0 ? { customerPhone: `0${knownPhone(k).slice(3)}` } : {}),
      lines,
      payments: [{ method: n % 3 === 0 ? 'cash' : 'card', amount: total }],
    };
  };
  const receipt = () => JSON.stringify(receiptOf());
  const batch = () => JSON.stringify({ receipts: Array.from({ length: BATCH_SIZE }, receiptOf) });
  try {
    // Warm up (JIT, connection pools, caches), then measure.
    const warm = await load(`${server.base}/api/v1/sales/receipts`, {
      seconds: 3,
      connections: CONNECTIONS,
      method: 'POST',
      headers: auth,
      body: receipt,
    });
    const health = await load(`${server.base}/api/health`, { seconds: SECONDS, connections: CONNECTIONS });
    const read = await load(`${server.base}/api/v1/sales/settings`, { seconds: SECONDS, connections: CONNECTIONS, headers: auth });
    // The cheapest write through the same stack: an anonymous product view is one event row.
    const view = () => JSON.stringify({ type: 'product_viewed', sku: sku(1 + ((++seq * 7919) % PRODUCTS)) });
    const write = await load(`${server.base}/api/v1/sales/activity`, {
      seconds: SECONDS,
      connections: CONNECTIONS,
      method: 'POST',
      headers: auth,
      body: view,
    });
    const receipts = await load(`${server.base}/api/v1/sales/receipts`, {
      seconds: SECONDS,
      connections: CONNECTIONS,
      method: 'POST',
      headers: auth,
      body: receipt,
    });
    const batches = await load(`${server.base}/api/v1/sales/receipts/batch`, {
      seconds: SECONDS,
      connections: BATCH_CONNECTIONS,
      method: 'POST',
      headers: auth,
      body: batch,
    });
    return { health, read, write, receipts, batches, warm, run };
  } finally {
    await server.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// 2. The historical import against COPY
// ---------------------------------------------------------------------------------------------

const HEADERS = ['Fiş No', 'Tarih', 'Mağaza Kodu', 'Cep Telefonu', 'Ürün Kodu', 'Ürün Adı', 'Kategori', 'Marka', 'Miktar', 'Birim Fiyat'];
const MAPPING = {
  receiptNumber: 'Fiş No',
  occurredAt: 'Tarih',
  storeCode: 'Mağaza Kodu',
  customerPhone: 'Cep Telefonu',
  sku: 'Ürün Kodu',
  productName: 'Ürün Adı',
  category: 'Kategori',
  brand: 'Marka',
  quantity: 'Miktar',
  unitPrice: 'Birim Fiyat',
};

const pad2 = (n: number) => String(n).padStart(2, '0');
const money = (kurus: number) => `${Math.floor(kurus / 100)},${pad2(kurus % 100)}`;

/**
 * One row per receipt line, 1–7 lines per receipt (4 on average), rows of a receipt together as
 * ERP exports give them. 85 % of receipts name a customer: each customer of the file has two
 * receipts, a third of them are new phones. 2 % of lines name an SKU the catalog does not know.
 */
function salesCsv(rows: number, run: string) {
  const out: string[] = [HEADERS.join(';')];
  const forms = [
    (d: string) => `0${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6, 8)} ${d.slice(8)}`,
    (d: string) => d,
    (d: string) => `+90${d}`,
  ];
  let written = 0;
  let receipt = 0;
  const start = Date.UTC(2024, 0, 1);
  while (written < rows) {
    receipt++;
    const lines = Math.min(rows - written, 1 + ((receipt * 5) % 7));
    const at = new Date(start + receipt * 613_000);
    const when = `${pad2(at.getUTCDate())}.${pad2(at.getUTCMonth() + 1)}.${at.getUTCFullYear()} ${pad2(at.getUTCHours())}:${pad2(at.getUTCMinutes())}`;
    let phone = '';
    if (receipt % 20 >= 3) {
      const c = Math.ceil(receipt / 2); // two receipts per customer
      const digits = c % 3 === 0 ? `555${String(c).padStart(7, '0')}` : knownPhone(1 + ((c * 7919) % CUSTOMERS)).slice(3);
      phone = forms[c % forms.length](digits);
    }
    for (let l = 1; l <= lines; l++) {
      const fresh = (receipt * 7 + l) % 50 === 0;
      const p = 1 + ((receipt * 31 + l * 17) % PRODUCTS);
      const code = fresh ? `Y${run}-${(receipt + l) % 500}` : sku(p);
      const q = 1 + ((receipt + l) % 3);
      out.push(
        [
          `F${run}-${receipt}`,
          when,
          storeCode(1 + (receipt % STORES)),
          phone,
          code,
          fresh ? `Yeni ürün ${(receipt + l) % 500}` : `Ürün ${p}`,
          fresh ? 'Ev Tekstili > Yeni' : `${CATEGORIES[p % CATEGORIES.length]} > ${SUBCATEGORIES[p % SUBCATEGORIES.length]}`,
          fresh ? 'Muhtar' : BRANDS[p % BRANDS.length],
          String(q),
          money(fresh ? 1990 : priceOf(p)),
        ].join(';'),
      );
      written++;
    }
  }
  return { csv: `${out.join('\r\n')}\r\n`, receipts: receipt };
}

/** COPY … FROM STDIN through node-postgres's query interface (what pg-copy-streams does, in a few lines). */
function copyIn(client: pg.PoolClient, statement: string, data: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    let failed = false;
    const query = {
      submit(connection: { query(text: string): void }) {
        connection.query(statement);
      },
      handleCopyInResponse(connection: { sendCopyFromChunk(b: Buffer): void; endCopyFrom(): void }) {
        const bytes = Buffer.from(data);
        for (let i = 0; i < bytes.length; i += 1 << 16) connection.sendCopyFromChunk(bytes.subarray(i, i + (1 << 16)));
        connection.endCopyFrom();
      },
      handleCommandComplete(msg: { text: string }) {
        rows = Number(msg.text.split(' ').pop());
      },
      handleReadyForQuery() {
        if (!failed) resolve(rows);
      },
      handleError(err: Error) {
        failed = true;
        reject(err);
      },
      handleRowDescription() {},
      handleDataRow() {},
      handleEmptyQuery() {},
      handlePortalSuspended() {},
      handleCopyData() {},
    };
    client.query(query as unknown as pg.QueryConfig);
  });
}

/** Rows in COPY's text format, read as text from PostgreSQL (its output format is COPY's input format). */
async function copyText(db: Database, select: string, params: unknown[]) {
  const { rows } = await db.pool.query({ text: select, values: params, rowMode: 'array' });
  const esc = (v: unknown) =>
    v === null ? '\\N' : String(v).replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);
  return { text: rows.map((r: unknown[]) => r.map(esc).join('\t')).join('\n') + (rows.length ? '\n' : ''), count: rows.length };
}

async function columnsOf(db: Database, table: string) {
  const { rows } = await db.pool.query<{ name: string }>(
    `select attname as name from pg_attribute where attrelid = $1::regclass and attnum > 0 and not attisdropped order by attnum`,
    [table],
  );
  return rows.map((r) => r.name);
}

/**
 * The baseline: COPY FROM STDIN of exactly the receipts and receipt_lines rows the import wrote
 * (read back as text), into the scratch copies, in one transaction, committed.
 */
async function copyBaseline(db: Database, m: Meta, since: string) {
  const receiptColumns = await columnsOf(db, 'receipts');
  const lineColumns = await columnsOf(db, 'receipt_lines');
  const receiptsText = await copyText(
    db,
    `select ${receiptColumns.map((c) => `${c}::text`).join(', ')} from receipts where org_id = $1 and id >= $2 and source = 'import' order by id`,
    [m.orgId, since],
  );
  const linesText = await copyText(
    db,
    `select ${lineColumns.map((c) => `${c}::text`).join(', ')} from receipt_lines where org_id = $1 and receipt_id >= $2 order by receipt_id, line_no`,
    [m.orgId, since],
  );
  const client = await db.pool.connect();
  try {
    const started = performance.now();
    await client.query('begin');
    await copyIn(client, `copy bench_copy_receipts (${receiptColumns.join(', ')}) from stdin`, receiptsText.text);
    await copyIn(client, `copy bench_copy_lines (${lineColumns.join(', ')}) from stdin`, linesText.text);
    await client.query('commit');
    const seconds = (performance.now() - started) / 1000;
    return { seconds, receipts: receiptsText.count, lines: linesText.count };
  } finally {
    client.release();
  }
}

/** With BENCH_PROFILE=DIR, the import's CPU profile (this process: the import runs in it); returns its stop. */
async function profileStart() {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return undefined;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    const file = join(dir, `import-${Date.now()}.cpuprofile`);
    await writeFile(file, JSON.stringify(profile));
    session.disconnect();
    console.log(`CPU profile of the import: ${file}`);
  };
}

async function historicalImport(db: Database, url: string, m: Meta) {
  const run = Date.now().toString(36);
  const { csv, receipts } = salesCsv(IMPORT_ROWS, run);
  const app = await createApp(loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: url }), {
    db,
    role: 'all',
    logger: false,
    jobPollSeconds: 0.5,
  });
  // Events stay in the outbox during the measurement; their delivery is not part of the import.
  await app.ctx.events.stop();
  try {
    const auth = { authorization: `Bearer ${m.apiKey}` };
    const since = uuidAt(Date.now());
    const form = await multipartBody({ kind: 'sales', mapping: JSON.stringify(MAPPING), file: { name: 'satislar.csv', data: csv } });
    const profiling = await profileStart();
    const cpu = process.cpuUsage();
    const started = performance.now();
    const res = await app.http!.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...auth, ...form.headers },
      payload: form.body,
    });
    if (res.statusCode !== 202) throw new Error(`${res.statusCode} ${res.body}`);
    const { jobId } = res.json() as { jobId: string };
    let job: { status: string; result: Record<string, number>; error: string | null; startedAt: string; finishedAt: string };
    for (;;) {
      job = (await app.http!.inject({ method: 'GET', url: `/api/v1/jobs/${jobId}`, headers: auth })).json();
      if (job.status === 'succeeded' || job.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const endToEnd = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    await profiling?.();
    if (job.status !== 'succeeded') throw new Error(`import failed: ${job.error}`);
    const jobSeconds = (new Date(job.finishedAt).getTime() - new Date(job.startedAt).getTime()) / 1000;
    const nodeCpu = (used.user + used.system) / 1e6;
    return { endToEnd, jobSeconds, nodeCpu, result: job.result, receipts, csvBytes: csv.length, since };
  } finally {
    await app.close();
  }
}

// ---------------------------------------------------------------------------------------------

const url = await benchDatabase();
const db = await openDatabase({ databaseUrl: url });
try {
  await db.migrate();
  const m = await setup(db);
  await ensureCopies(db, m);
  await cleanUp(db, m);
  const counts = (
    await db.pool.query<{ customers: number; lines: number }>(
      `select (select count(*) from customers where org_id = $1)::int customers, (select count(*) from receipt_lines where org_id = $1)::int lines`,
      [m.orgId],
    )
  ).rows[0];
  console.log(
    `\nPostgreSQL (${new URL(url).pathname.slice(1)}): an org with ${counts.customers.toLocaleString('en')} customers and ${counts.lines.toLocaleString('en')} receipt lines`,
  );

  if (ONLY !== 'import') await apiPart(url, m);
  if (ONLY !== 'api') await importPart(url, m);
} finally {
  await db.close();
}

async function apiPart(url: string, m: Meta) {
  const api = await apiIngest(url, m);
  const stored = (
    await db.pool.query<{ n: number }>(`select count(*)::int n from receipts where org_id = $1 and receipt_number like $2`, [
      m.orgId,
      `A${api.run}-%`,
    ])
  ).rows[0].n;
  await cleanUp(db, m);
  const row = (what: string, l: Load) => ({
    what,
    'req/s': Math.round(l.rps),
    'p50 ms': l.p50,
    'p99 ms': l.p99,
    'ratio to health': (l.rps / api.health.rps).toFixed(2),
    errors: l.errors,
  });
  const batchReceipts = api.batches.rps * BATCH_SIZE;
  printTable(`HTTP, ${CONNECTIONS} connections for ${SECONDS} s each, server: ${SERVER}`, [
    row('POST /api/v1/sales/receipts (4 lines, ½ known phone)', api.receipts),
    {
      ...row(`POST /api/v1/sales/receipts/batch (${BATCH_SIZE} such receipts, ${BATCH_CONNECTIONS} connections)`, api.batches),
      'receipts/s': Math.round(batchReceipts),
    },
    row('baseline: POST /api/v1/sales/activity (1-row insert)', api.write),
    row('baseline: GET /api/v1/sales/settings (1-row read)', api.read),
    row('baseline: GET /api/health (no database)', api.health),
  ]);
  for (const l of [api.receipts, api.batches, api.write, api.read, api.health])
    if (l.firstError) console.log(`first error: ${l.firstError}`);
  console.log(
    `receipts/s as a share of the 1-row insert's: ${((api.receipts.rps / api.write.rps) * 100).toFixed(0)} %, of the 1-row read's: ${((api.receipts.rps / api.read.rps) * 100).toFixed(0)} %`,
  );
  console.log(
    `receipts stored (warm-up included): ${stored.toLocaleString('en')}; sent with a 2xx answer: ${(api.warm.ok + api.receipts.ok + api.batches.ok * BATCH_SIZE).toLocaleString('en')}`,
  );
  console.log(
    `target ≥ ${TARGET_RPS.toLocaleString('en')} receipts/s: one a request ${api.receipts.rps >= TARGET_RPS ? 'met' : 'MISSED'} (${Math.round(api.receipts.rps).toLocaleString('en')}/s), ` +
      `in batches ${batchReceipts >= TARGET_RPS ? 'met' : 'MISSED'} (${Math.round(batchReceipts).toLocaleString('en')}/s)`,
  );
}

async function importPart(url: string, m: Meta) {
  const runs: { imp: Awaited<ReturnType<typeof historicalImport>>; copy: Awaited<ReturnType<typeof copyBaseline>> }[] = [];
  for (let rep = 0; rep < REPEAT; rep++) {
    const imp = await historicalImport(db, url, m);
    const copy = await copyBaseline(db, m, imp.since);
    runs.push({ imp, copy });
    await cleanUp(db, m);
  }
  const { imp, copy } = runs[0];
  printTable(
    `historical sales import: ${IMPORT_ROWS.toLocaleString('en')} CSV rows (${(imp.csvBytes / 1e6).toFixed(1)} MB, ${imp.receipts.toLocaleString('en')} receipts), ${REPEAT}× each`,
    runs.flatMap(({ imp, copy }, k) => [
      {
        run: k + 1,
        what: 'import job (started → finished)',
        seconds: imp.jobSeconds.toFixed(2),
        'CSV rows/s': Math.round(IMPORT_ROWS / imp.jobSeconds),
      },
      {
        run: k + 1,
        what: 'CPU of the Node process meanwhile',
        seconds: imp.nodeCpu.toFixed(2),
        'CSV rows/s': '',
      },
      {
        run: k + 1,
        what: 'POST /api/v1/imports → job seen succeeded',
        seconds: imp.endToEnd.toFixed(2),
        'CSV rows/s': Math.round(IMPORT_ROWS / imp.endToEnd),
      },
      {
        run: k + 1,
        what: `baseline: COPY of its ${copy.receipts.toLocaleString('en')} receipts + ${copy.lines.toLocaleString('en')} lines`,
        seconds: copy.seconds.toFixed(2),
        'CSV rows/s': Math.round(IMPORT_ROWS / copy.seconds),
      },
    ]),
  );
  console.log('result:', JSON.stringify(imp.result));
  const bestImport = Math.min(...runs.map((r) => r.imp.jobSeconds));
  const bestCopy = Math.min(...runs.map((r) => r.copy.seconds));
  console.log(
    `COPY (best): ${Math.round((copy.receipts + copy.lines) / bestCopy).toLocaleString('en')} table rows/s into copies of receipts / receipt_lines with the same history, indexes and foreign keys`,
  );
  const share = bestCopy / bestImport;
  console.log(
    `import speed as a share of COPY's (best of ${REPEAT} each): ${(share * 100).toFixed(0)} %; target ≥ ${TARGET_COPY_SHARE * 100} %: ${share >= TARGET_COPY_SHARE ? 'met' : 'MISSED'}`,
  );
}
