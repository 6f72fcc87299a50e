import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../testing/database';
import type { Database, Tx } from './database';
import { MAX_NAMED_STATEMENTS, nameStatements } from './prepared';

let db: Database;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(() => db.close());

/** The statements this session has prepared by our naming. */
const ours = async (tx: Tx) =>
  (await tx.execute<{ name: string }>(sql`select name from pg_prepared_statements where name like 'm\_%' order by name`)).rows.map(
    (r) => r.name,
  );

describe('prepared statements on hot paths', () => {
  it('name parameterised statements by their text while on, once each, and leave the rest alone', async () => {
    const client = await db.pool.connect();
    try {
      await client.query('deallocate all');
      nameStatements(client, true);
      for (const n of [1, 2, 3]) expect((await client.query('select $1::int + 1 as v', [n])).rows[0].v).toBe(n + 1);
      await client.query('select 1 as plain');
      await client.query({ text: 'select $1::text as v', values: ['ş'] });
      const { rows } = await client.query<{ name: string; parameter_types: string }>(
        `select name, parameter_types::text from pg_prepared_statements where name like 'm\\_%' order by parameter_types::text`,
      );
      expect(rows.map((r) => r.parameter_types)).toEqual(['{integer}', '{text}']);
      // the same text is the same name (PostgreSQL would refuse a second Parse of it)
      expect((await client.query('select $1::int + 1 as v', [9])).rows[0].v).toBe(10);
      nameStatements(client, false);
      await client.query('select $1::int * 2 as v', [4]);
      expect((await client.query(`select count(*)::int n from pg_prepared_statements where name like 'm\\_%'`)).rows[0].n).toBe(2);
    } finally {
      await client.query('deallocate all');
      client.release(true);
    }
  });

  it(`stop naming new statements past ${MAX_NAMED_STATEMENTS} on a connection, still answering them`, async () => {
    const client = await db.pool.connect();
    try {
      await client.query('deallocate all');
      nameStatements(client, true);
      for (let i = 0; i < MAX_NAMED_STATEMENTS + 5; i++)
        expect((await client.query(`select $1::int + ${i} as v`, [1])).rows[0].v).toBe(1 + i);
      const count = async () =>
        (await client.query(`select count(*)::int n from pg_prepared_statements where name like 'm\\_%'`)).rows[0].n;
      expect(await count()).toBe(MAX_NAMED_STATEMENTS);
      expect((await client.query('select $1::int + 0 as v', [7])).rows[0].v).toBe(7);
      expect(await count()).toBe(MAX_NAMED_STATEMENTS);
    } finally {
      await client.query('deallocate all');
      client.release(true);
    }
  });

  it('prepare in a tenant transaction only when asked, and never on the embedded database (one session for all connections)', async () => {
    const seen = (prepared: boolean) =>
      db.tenant(
        '00000000-0000-7000-8000-000000000001',
        async (tx) => {
          await tx.execute(sql`select ${'x'}::text as probe_${sql.raw(prepared ? 'on' : 'off')}`);
          return ours(tx);
        },
        { prepared },
      );
    const off = await seen(false);
    const on = await seen(true);
    if (db.isEmbedded) expect(on).toEqual(off);
    else expect(on.length).toBeGreaterThan(off.length);
  });
});
