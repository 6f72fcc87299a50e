// The denominators later benchmarks report ratios to: the round trip of a primary-key lookup
// through `pg` (embedded PGlite, and the PostgreSQL server when DATABASE_URL is set), and
// GET /api/health under load. Baseline of the baseline: a bare Node HTTP server under the same load.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Database, openDatabase } from '../server/src/platform/db/database';
import { newId } from '../server/src/platform/ids';
import { freePort, ms, printTable, stats, timeUntilReady } from './lib';

const LOOKUPS = Number(process.env.BENCH_LOOKUPS ?? 5000);
const LOAD_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 50;

async function pkLookups(db: Database) {
  await db.migrate();
  const orgId = newId();
  await db.pool.query(`insert into orgs (org_id, name) values ($1, 'Bench') on conflict do nothing`, [orgId]);
  for (let i = 0; i < 200; i++) await db.pool.query('select * from orgs where org_id = $1', [orgId]); // warm up
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < LOOKUPS; i++) {
    const t = performance.now();
    await db.pool.query('select * from orgs where org_id = $1', [orgId]);
    samples.push(performance.now() - t);
  }
  const s = stats(samples);
  return { ...s, perSecond: Math.round(LOOKUPS / ((performance.now() - started) / 1000)) };
}

async function load(url: string) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: LOAD_SECONDS });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

async function underLoad(command: string, args: string[], env: Record<string, string>, port: number, path: string) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      const ok = await fetch(`http://127.0.0.1:${port}${path}`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await load(`http://127.0.0.1:${port}${path}`); // warm up
    return await load(`http://127.0.0.1:${port}${path}`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'muhtar-bench-baseline-'));
try {
  const rows: Record<string, string | number>[] = [];
  const embedded = await openDatabase({ dataDir: join(dataDir, 'pk') });
  const e = await pkLookups(embedded);
  await embedded.close();
  rows.push({ what: 'pk lookup via pg, embedded PGlite', p50: ms(e.p50), p99: ms(e.p99), 'per second': e.perSecond });
  if (process.env.DATABASE_URL) {
    const server = new Database(process.env.DATABASE_URL);
    const p = await pkLookups(server);
    await server.close();
    rows.push({ what: 'pk lookup via pg, PostgreSQL server', p50: ms(p.p50), p99: ms(p.p99), 'per second': p.perSecond });
  }
  printTable(`primary-key lookup round trip, ${LOOKUPS} sequential queries`, rows);

  const bin = new URL('../bin/muhtar.mjs', import.meta.url).pathname;
  let port = await freePort();
  // First start creates and seeds the data dir; not measured.
  await timeUntilReady(
    'node',
    [bin, 'serve'],
    { DATA_DIR: join(dataDir, 'app'), PORT: String(port), LOG_LEVEL: 'warn' },
    `http://127.0.0.1:${port}/api/ready`,
    180_000,
  );
  port = await freePort();
  const app = await underLoad(
    'node',
    [bin, 'serve', '--role', 'api'],
    { DATA_DIR: join(dataDir, 'app'), PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    port,
    '/api/health',
  );
  port = await freePort();
  const bare = await underLoad(
    'node',
    [
      '-e',
      `require('node:http').createServer((q, s) => { s.setHeader('content-type', 'application/json'); s.end('{"status":"ok"}'); }).listen(${port}, '127.0.0.1')`,
    ],
    {},
    port,
    '/',
  );
  printTable(`GET /api/health, ${CONNECTIONS} connections for ${LOAD_SECONDS} s`, [
    { what: 'muhtar /api/health', 'req/s': app.rps, 'p50 ms': app.p50, 'p99 ms': app.p99, errors: app.errors },
    { what: 'baseline: bare node http', 'req/s': bare.rps, 'p50 ms': bare.p50, 'p99 ms': bare.p99, errors: bare.errors },
  ]);
  console.log(`ratio to baseline (req/s): ${(app.rps / bare.rps).toFixed(2)}×`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
