// `npm run bench -- pos-durability`: kill -9 of the server during a load of POS commits loses no
// acknowledged receipt, and the tills' retries after the restart record each sale exactly once.
//
// On the sales history and loyalty setup of pos-latency (lib-sales-history.ts, lib-pos.ts): a
// server runs as a separate process; BENCH_CONNECTIONS tills (32) commit receipts back to back,
// each with its own Idempotency-Key; after BENCH_KILL_AFTER seconds (5) the server gets SIGKILL.
// Every receipt answered 2xx must then be in the database with the id it was answered with, its
// lines and its points; every request that got no answer (in flight at the kill) is retried
// against a restarted server with the same key and body, as a till would, and must be recorded
// once. The points of every customer touched must still equal their ledger sum.
import { openDatabase } from '../server/src/platform/db/database';
import { printTable } from './lib';
import { basketLines, loyaltyCleanUp, loyaltySetup } from './lib-pos';
import { benchDatabase, cleanUp, setup, startServer, storeCode } from './lib-sales-history';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const KILL_AFTER = Number(process.env.BENCH_KILL_AFTER ?? 5);

interface Sale {
  key: string;
  body: string;
  /** The receipt id the server answered with; undefined while unanswered. */
  receiptId?: string;
}

const url = await benchDatabase();
const db = await openDatabase({ databaseUrl: url });
try {
  await db.migrate();
  const m = await setup(db);
  const loyalty = await loyaltySetup(db, url, m);
  await cleanUp(db, m);
  await loyaltyCleanUp(db, m);
  const { rows: people } = await db.pool.query<{ id: string }>(
    `select customer_id id from loyalty_accounts where org_id = $1 order by md5(customer_id::text) limit 2000`,
    [m.orgId],
  );
  const run = Date.now().toString(36);
  const shop = storeCode(1);
  const auth = { authorization: `Bearer ${loyalty.posKey}`, 'content-type': 'application/json' };
  // No payments: the commit's own evaluation decides the total, so any basket is valid.
  const sale = (i: number): Sale => ({
    key: `${run}-${i}`,
    body: JSON.stringify({
      storeCode: shop,
      receiptNumber: `D${run}-${i}`,
      occurredAt: new Date().toISOString(),
      customer: { id: people[(i * 7919) % people.length].id },
      lines: basketLines(i % 200),
      payments: [],
    }),
  });
  const send = async (base: string, s: Sale) => {
    const res = await fetch(`${base}/api/v1/pos/receipts`, {
      method: 'POST',
      headers: { ...auth, 'idempotency-key': s.key },
      body: s.body,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${res.status} ${text.slice(0, 300)}`);
    return (JSON.parse(text) as { receiptId: string }).receiptId;
  };

  const sales: Sale[] = [];
  let server = await startServer(url);
  let killed = false;
  let refused = 0;
  const till = async () => {
    while (!killed) {
      const s = sale(sales.length);
      sales.push(s);
      try {
        s.receiptId = await send(server.base, s);
      } catch (err) {
        if (!killed) {
          refused++;
          console.log(`refused before the kill: ${(err as Error).message}`);
        }
      }
    }
  };
  const tills = Array.from({ length: CONNECTIONS }, till);
  await new Promise((r) => setTimeout(r, KILL_AFTER * 1000));
  killed = true;
  await server.stop('SIGKILL');
  await Promise.allSettled(tills);
  const acknowledged = sales.filter((s) => s.receiptId);
  const unanswered = sales.filter((s) => !s.receiptId);

  // Before anything else touches the database: every acknowledged receipt is there.
  const stored = await db.pool.query<{ id: string; lines: number; earned: number }>(
    `select r.id, (select count(*) from receipt_lines l where l.org_id = r.org_id and l.receipt_id = r.id)::int lines,
            (select count(*) from points_ledger p where p.org_id = r.org_id and p.receipt_id = r.id and p.kind = 'earn')::int earned
       from receipts r where r.org_id = $1 and r.id = any($2::uuid[])`,
    [m.orgId, acknowledged.map((s) => s.receiptId)],
  );
  const found = new Map(stored.rows.map((r) => [r.id, r]));
  const lost = acknowledged.filter((s) => !found.has(s.receiptId!)).length;
  const incomplete = stored.rows.filter((r) => r.lines !== 10 || r.earned !== 1).length;

  // The tills retry what got no answer, with the same key and body, against a restarted server.
  server = await startServer(url);
  let retryFailures = 0;
  try {
    for (const s of unanswered) {
      try {
        s.receiptId = await send(server.base, s);
      } catch (err) {
        retryFailures++;
        console.log(`retry failed: ${(err as Error).message}`);
      }
    }
  } finally {
    await server.stop();
  }
  const after = await db.pool.query<{ receipts: number; distinct_numbers: number; earns: number }>(
    `select count(*)::int receipts, count(distinct receipt_number)::int distinct_numbers,
            (select count(*) from points_ledger p join receipts r on r.org_id = p.org_id and r.id = p.receipt_id
              where r.org_id = $1 and r.receipt_number like $2 and p.kind = 'earn')::int earns
       from receipts where org_id = $1 and receipt_number like $2`,
    [m.orgId, `D${run}-%`],
  );
  const unbalanced = await db.pool.query<{ n: number }>(
    `select count(*)::int n from loyalty_accounts a
      where a.org_id = $1 and a.program_id = $2
        and a.balance <> (select coalesce(sum(points), 0) from points_ledger l where l.org_id = a.org_id and l.program_id = a.program_id and l.customer_id = a.customer_id)
        and a.customer_id in (select customer_id from receipts where org_id = $1 and receipt_number like $3)`,
    [m.orgId, loyalty.programId, `D${run}-%`],
  );
  const a = after.rows[0];
  printTable(`POS commits, ${CONNECTIONS} tills, SIGKILL of the server after ${KILL_AFTER} s, then a restart and the tills' retries`, [
    { what: 'commits sent before the kill', count: sales.length },
    { what: 'acknowledged (2xx) before the kill', count: acknowledged.length },
    { what: 'acknowledged but missing after the kill (must be 0)', count: lost },
    { what: 'acknowledged without all 10 lines or its earn entry (must be 0)', count: incomplete },
    { what: 'unanswered at the kill, retried with the same key', count: unanswered.length },
    { what: 'retries that failed (must be 0)', count: retryFailures },
    { what: 'receipts stored in the end (must equal commits sent)', count: a.receipts },
    { what: 'distinct receipt numbers (duplicates: must be 0)', count: a.receipts - a.distinct_numbers },
    { what: 'earn entries (one per receipt)', count: a.earns },
    { what: 'touched accounts whose balance ≠ ledger sum (must be 0)', count: unbalanced.rows[0].n },
    { what: 'refused before the kill (must be 0)', count: refused },
  ]);
  const ok =
    lost === 0 &&
    incomplete === 0 &&
    retryFailures === 0 &&
    refused === 0 &&
    a.receipts === sales.length &&
    a.receipts === a.distinct_numbers &&
    a.earns === a.receipts &&
    unbalanced.rows[0].n === 0;
  console.log(ok ? 'no acknowledged receipt lost, every retry recorded once: PASS' : 'FAIL');
  await cleanUp(db, m);
  await loyaltyCleanUp(db, m);
  if (!ok) process.exitCode = 1;
} finally {
  await db.close();
}
