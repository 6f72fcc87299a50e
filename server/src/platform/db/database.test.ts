import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../testing/database';
import { newId } from '../ids';
import type { Database } from './database';

let db: Database;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(() => db.close());

const tenantTables = async () =>
  (
    await db.pool.query<{ table_name: string }>(
      // Tables only: the read views modules publish (security_invoker) inherit their tables' policies.
      `select c.table_name from information_schema.columns c
         join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
       where c.table_schema = 'public' and c.column_name = 'org_id' and t.table_type = 'BASE TABLE' order by c.table_name`,
    )
  ).rows.map((r) => r.table_name);

describe('schema rules for a distributed PostgreSQL', () => {
  it('leads every primary key with org_id', async () => {
    const { rows } = await db.pool.query<{ table: string; first: string }>(`
      select c.conrelid::regclass::text as table, a.attname as first
      from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      where c.contype = 'p' and c.connamespace = 'public'::regnamespace`);
    const tables = await tenantTables();
    expect(tables.length).toBeGreaterThan(5);
    for (const t of tables) expect(rows.find((r) => r.table === t)?.first, `primary key of ${t}`).toBe('org_id');
  });

  it('leads every foreign key between tenant tables with org_id on both sides', async () => {
    const { rows } = await db.pool.query<{ name: string; child: string; parent: string }>(`
      select c.conname as name, ca.attname as child, pa.attname as parent
      from pg_constraint c
      join pg_attribute ca on ca.attrelid = c.conrelid and ca.attnum = c.conkey[1]
      join pg_attribute pa on pa.attrelid = c.confrelid and pa.attnum = c.confkey[1]
      where c.contype = 'f' and c.connamespace = 'public'::regnamespace`);
    expect(rows.length).toBeGreaterThan(5);
    for (const fk of rows) expect([fk.name, fk.child, fk.parent]).toEqual([fk.name, 'org_id', 'org_id']);
  });

  it('enables row-level security on every tenant table', async () => {
    const { rows } = await db.pool.query<{ relname: string; relrowsecurity: boolean }>(
      `select relname, relrowsecurity from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r'`,
    );
    for (const t of await tenantTables()) expect(rows.find((r) => r.relname === t)?.relrowsecurity, t).toBe(true);
  });
});

describe('tenant transactions', () => {
  const a = newId();
  const b = newId();
  beforeAll(async () => {
    await db.system((tx) => tx.execute(sql`insert into orgs (org_id, name) values (${a}, 'A'), (${b}, 'B')`));
    await db.system((tx) =>
      tx.execute(
        sql`insert into brands (org_id, id, code, name) values (${a}, ${newId()}, 'X', 'A brand'), (${b}, ${newId()}, 'X', 'B brand')`,
      ),
    );
  });

  it('sees only its own org even with a query that forgets the filter', async () => {
    const rows = await db.tenant(a, async (tx) => (await tx.execute(sql`select name from brands`)).rows);
    expect(rows).toEqual([{ name: 'A brand' }]);
  });

  it("cannot write another org's rows", async () => {
    await expect(
      db.tenant(a, (tx) => tx.execute(sql`insert into brands (org_id, id, code, name) values (${b}, ${newId()}, 'Y', 'sneaky')`)),
    ).rejects.toThrow();
    const changed = await db.tenant(
      a,
      async (tx) => (await tx.execute(sql`update brands set name = 'hacked' where org_id = ${b}`)).rowCount,
    );
    expect(changed).toBe(0);
    const rows = await db.tenant(b, async (tx) => (await tx.execute(sql`select name from brands`)).rows);
    expect(rows).toEqual([{ name: 'B brand' }]);
  });

  it('rolls back everything when the callback throws', async () => {
    await expect(
      db.tenant(a, async (tx) => {
        await tx.execute(sql`insert into brands (org_id, id, code, name) values (${a}, ${newId()}, 'Z', 'rolled back')`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const rows = await db.tenant(a, async (tx) => (await tx.execute(sql`select 1 from brands where code = 'Z'`)).rows);
    expect(rows).toHaveLength(0);
  });

  it('keeps concurrent extended-protocol queries from many connections apart', async () => {
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        db.tenant(i % 2 ? a : b, async (tx) => (await tx.execute(sql`select ${i}::int as n, name from brands`)).rows[0]),
      ),
    );
    expect(results).toEqual(results.map((_, i) => ({ n: i, name: i % 2 ? 'A brand' : 'B brand' })));
  });
});
