import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { assertLoyaltyInvariant, LoyaltyInvariantError } from '../modules/loyalty/invariant';
import { assertPurchaseFacts, PurchaseFactsError } from '../modules/sales/facts-invariant';
import { Database, openDatabase } from '../platform/db/database';

/**
 * A fresh migrated database for one test file: a clone of the run's template, on PGlite or, with
 * TEST_DATABASE_URL, on the PostgreSQL server. Close it at the end of the file.
 */
export async function openTestDatabase(): Promise<Database> {
  return checkedOnClose(await openClone());
}

/**
 * Every suite is checked when it closes its database: the loyalty ledger invariants (balance = sum
 * of the ledger, never negative, no negative prefix) and the customers' purchase facts (equal to the
 * sales views) must hold whatever the suite did. A broken invariant fails the file (its afterAll)
 * after the database is closed.
 */
function checkedOnClose(db: Database): Database {
  const close = db.close.bind(db);
  db.close = async () => {
    let broken: unknown;
    // A suite that already ended the pool (or broke the server on purpose) has nothing left to check.
    if (!(db.pool as { ended?: boolean }).ended) {
      try {
        await assertLoyaltyInvariant(db.pool);
        await assertPurchaseFacts(db.pool);
      } catch (err) {
        if (err instanceof LoyaltyInvariantError || err instanceof PurchaseFactsError) broken = err;
      }
    }
    await close();
    if (broken) throw broken;
  };
  return db;
}

async function openClone(): Promise<Database> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const template = inject('templateDatabase');
  if (serverUrl && template) {
    const name = `muhtar_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name} template ${template}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return new Database(url.toString(), {
      onClose: async () => {
        const dropper = new pg.Client({ connectionString: serverUrl });
        await dropper.connect();
        await dropper.query(`drop database if exists ${name} with (force)`);
        await dropper.end();
      },
    });
  }
  return openDatabase({ templateTar: inject('templateTar') });
}
