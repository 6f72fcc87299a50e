import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../testing/database';
import { newId } from '../ids';
import { Database, savepoint } from './database';

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

  it('applies the tenant scope to the first statement, which travels with BEGIN', async () => {
    // Parameterised, so it is pipelined behind BEGIN and the tenant settings.
    const first = async (org: string) => (await db.tenant(org, (tx) => tx.execute(sql`select name from brands where code = ${'X'}`))).rows;
    expect(await first(a)).toEqual([{ name: 'A brand' }]);
    expect(await first(b)).toEqual([{ name: 'B brand' }]);
  });

  it('rolls back when the first statement fails, and the connection serves the next transaction', async () => {
    await expect(
      db.tenant(a, (tx) => tx.execute(sql`insert into brands (org_id, id, code, name) values (${b}, ${newId()}, 'W', 'other org')`)),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/row-level security/) } });
    await expect(db.tenant(a, (tx) => tx.execute(sql`select ${'x'}::int`))).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/invalid input syntax/) },
    });
    const rows = await Promise.all(
      Array.from({ length: 12 }, () => db.tenant(a, async (tx) => (await tx.execute(sql`select ${1}::int as one`)).rows)),
    );
    expect(rows.flat()).toEqual(Array.from({ length: 12 }, () => ({ one: 1 })));
  });

  it('runs statements side by side, each answered with its own result', async () => {
    const [x, y, z] = await db.tenant(a, (tx) =>
      tx.together(
        async () => (await tx.execute<{ name: string }>(sql`select name from brands where code = ${'X'}`)).rows,
        async () => (await tx.execute<{ n: number }>(sql`select ${41}::int + 1 as n`)).rows[0].n,
        async () => {
          // A second step after the first: sent with whatever the others send then.
          const first = (await tx.execute<{ s: string }>(sql`select ${'ğ'}::text as s`)).rows[0].s;
          return (await tx.execute<{ s: string }>(sql`select ${first}::text || ${'ü'} as s`)).rows[0].s;
        },
      ),
    );
    expect([x, y, z]).toEqual([[{ name: 'A brand' }], 42, 'ğü']);
  });

  it('rolls back all of them when one fails, after every one has settled', async () => {
    await expect(
      db.tenant(a, (tx) =>
        tx.together(
          async () => {
            await tx.execute(sql`insert into brands (org_id, id, code, name) values (${a}, ${newId()}, ${'P1'}, 'side')`);
            throw new Error('one side fails');
          },
          async () => {
            await tx.execute(sql`insert into brands (org_id, id, code, name) values (${a}, ${newId()}, ${'P2'}, 'side')`);
            await new Promise((r) => setTimeout(r, 50));
            await tx.execute(sql`insert into brands (org_id, id, code, name) values (${a}, ${newId()}, ${'P3'}, 'late')`);
          },
        ),
      ),
    ).rejects.toThrow('one side fails');
    const rows = await db.tenant(a, async (tx) => (await tx.execute(sql`select code from brands where code like ${'P%'}`)).rows);
    expect(rows).toEqual([]);
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

describe('writes sent with the commit (hot transactions)', () => {
  const org = newId();
  beforeAll(() => db.system((tx) => tx.execute(sql`insert into orgs (org_id, name) values (${org}, 'Hot')`)));
  const dialect = new PgDialect();
  const brand = (code: string, name: string) =>
    dialect.sqlToQuery(sql`insert into brands (org_id, id, code, name) values (${org}, ${newId()}, ${code}, ${name})`);
  const names = async (prefix: string) =>
    (
      await db.tenant(
        org,
        async (tx) => (await tx.execute<{ name: string }>(sql`select name from brands where code like ${`${prefix}%`} order by code`)).rows,
      )
    ).map((r) => r.name);

  it('writes them, values exactly as given, only when the transaction commits', async () => {
    const nasty = `Şükrü'nün "dükkânı" \\ $1 '); drop table brands; -- ığüşöç İ`;
    await db.tenant(
      org,
      async (tx) => {
        tx.atCommit(brand('H1', nasty));
        tx.atCommit(brand('H2', 'ikinci'));
        // Not yet written: they go with the commit.
        expect((await tx.execute(sql`select 1 from brands where code like 'H%'`)).rows).toHaveLength(0);
      },
      { prepared: true },
    );
    expect(await names('H')).toEqual([nasty, 'ikinci']);
  });

  it('drops what a rolled-back savepoint deferred, and keeps the rest', async () => {
    await db.tenant(
      org,
      async (tx) => {
        tx.atCommit(brand('S1', 'kept'));
        await expect(
          savepoint(tx, async () => {
            tx.atCommit(brand('S2', 'dropped'));
            throw new Error('undo');
          }),
        ).rejects.toThrow('undo');
      },
      { prepared: true },
    );
    expect(await names('S')).toEqual(['kept']);
  });

  it('leaves nothing half written when a deferred write fails', async () => {
    await expect(
      db.tenant(
        org,
        async (tx) => {
          await tx.execute(sql`insert into brands (org_id, id, code, name) values (${org}, ${newId()}, 'F1', 'before')`);
          tx.atCommit(brand('F2', 'deferred'));
          tx.atCommit(brand('F2', 'same code again')); // unique (org_id, code): fails in the batch
        },
        { prepared: true },
      ),
    ).rejects.toThrow(/duplicate key/);
    expect(await names('F')).toEqual([]);
    // The connection is usable afterwards.
    expect(await db.tenant(org, async (tx) => (await tx.execute(sql`select 1 as one`)).rows)).toEqual([{ one: 1 }]);
  });

  it('parses again, after a failed commit, the held statements the server skipped', async () => {
    // One connection, so the second transaction runs where the first failed (statements are named there).
    const one = new Database(db.connectionString, { max: 1 });
    try {
      const tag = `T${Date.now()}`;
      // Another text than brand(), so another named statement.
      const later = dialect.sqlToQuery(
        sql`insert into brands (org_id, code, id, name) values (${org}, ${`${tag}b`}, ${newId()}, ${'skipped'})`,
      );
      await expect(
        one.tenant(
          org,
          async (tx) => {
            tx.atCommit(brand(`${tag}a`, 'first'));
            tx.atCommit(brand(`${tag}a`, 'duplicate')); // fails: the server skips what follows
            tx.atCommit(later);
          },
          { prepared: true },
        ),
      ).rejects.toThrow(/duplicate key/);
      await one.tenant(org, async (tx) => tx.atCommit(later), { prepared: true });
      expect(await names(tag)).toEqual(['skipped']);
    } finally {
      await one.pool.end();
    }
  });

  it('is refused outside a hot transaction, where the caller must write itself', async () => {
    await expect(db.tenant(org, async (tx) => tx.atCommit(brand('N1', 'x')))).rejects.toThrow(/hot/);
    expect(await names('N')).toEqual([]);
  });
});
