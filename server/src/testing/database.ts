import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { Database, openDatabase } from '../platform/db/database';

/**
 * A fresh migrated database for one test file: a clone of the run's template, on PGlite or, with
 * TEST_DATABASE_URL, on the PostgreSQL server. Close it at the end of the file.
 */
export async function openTestDatabase(): Promise<Database> {
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
