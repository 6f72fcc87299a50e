import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { type EmbeddedDatabase, startEmbedded } from './embedded';
import type { Statement } from './pipeline';
import { nameStatements } from './prepared';
import { TransactionWire } from './transaction-wire';

/** The role every tenant transaction runs as, so row-level security applies even to superusers. */
export const TENANT_ROLE = 'muhtar_tenant';
const MIGRATIONS = new URL('../../../migrations', import.meta.url).pathname;
/** Runs as the tenant role, scoped to one org, until the transaction ends. */
const SET_TENANT = "select set_config('role', $1, true), set_config('muhtar.org_id', $2, true)";
const MIGRATION_LOCK = 7_143_201; // any constant; serialises migrations of concurrent starts

export interface TransactionOptions {
  /**
   * A hot OLTP path: its statements are prepared once per connection (prepared.ts), and its
   * trailing writes (events, the idempotent answer) go to the server with the commit (atCommit).
   */
  prepared?: boolean;
}

/** A statement as drizzle renders it (`.toSQL()`, `PgDialect.sqlToQuery`). */
export interface RenderedQuery {
  sql: string;
  params: unknown[];
}

/** A drizzle handle bound to one transaction, plus what a service may need beside it. */
export type Tx = NodePgDatabase & {
  client: pg.PoolClient;
  /** The org the transaction is scoped to; undefined in system transactions. */
  orgId?: string;
  /** Runs after a successful commit (e.g. to wake the event dispatcher). */
  afterCommit(fn: () => void): void;
  /**
   * Runs independent reads or writes side by side; the statements they send at the same step go
   * to the server in one round trip (transaction-wire.ts). All of them settle before it answers.
   */
  together<T extends readonly unknown[]>(...fns: { [K in keyof T]: () => Promise<T[K]> }): Promise<T>;
  /** A hot OLTP path (TransactionOptions.prepared): atCommit may be used. */
  readonly hot: boolean;
  /** On a hot path, a write nothing in the transaction reads back, sent in the commit's own round trip. */
  atCommit(query: RenderedQuery): void;
  /** The writes atCommit holds (savepoint drops those of a rolled-back part). */
  readonly held: Statement[];
};

export class Database {
  readonly pool: pg.Pool;
  private readonly embedded?: EmbeddedDatabase;
  private readonly onClose?: () => Promise<void>;

  constructor(connectionString: string, options: { embedded?: EmbeddedDatabase; max?: number; onClose?: () => Promise<void> } = {}) {
    this.pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
    // An idle client that loses its server must not crash the process; the pool replaces it.
    this.pool.on('error', () => {});
    this.embedded = options.embedded;
    this.onClose = options.onClose;
  }

  get connectionString(): string {
    return this.pool.options.connectionString as string;
  }

  get isEmbedded(): boolean {
    return this.embedded !== undefined;
  }

  /** Runs fn in a transaction scoped to one org: RLS sees only that org's rows. */
  tenant<T>(orgId: string, fn: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T> {
    return this.transaction(orgId, fn, options);
  }

  /** Runs fn in a transaction that is not scoped to an org (login, jobs, maintenance). */
  system<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.transaction(undefined, fn);
  }

  async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await migrate(drizzle(this.pool), { migrationsFolder: MIGRATIONS });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
      client.release();
    }
  }

  /** A tarball of an embedded database's files (test templates). */
  dump(): Promise<Uint8Array> {
    if (!this.embedded) throw new Error('only an embedded database can be dumped');
    return this.embedded.dump();
  }

  async close(): Promise<void> {
    await this.pool.end();
    await this.embedded?.close();
    await this.onClose?.();
  }

  private async transaction<T>(orgId: string | undefined, fn: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T> {
    const client = await this.pool.connect();
    const hot = options?.prepared === true;
    // The embedded database serves every connection from one session, where names would collide.
    const prepared = hot && !this.embedded;
    if (prepared) nameStatements(client, true);
    const wire = new TransactionWire(
      client,
      orgId ? [{ text: 'begin' }, { text: SET_TENANT, values: [TENANT_ROLE, orgId] }] : [{ text: 'begin' }],
    );
    const after: Array<() => void> = [];
    const held: Statement[] = [];
    const tx = Object.assign(drizzle(wire.client), {
      client: wire.client,
      orgId,
      afterCommit: (cb: () => void) => after.push(cb),
      together: <T extends readonly unknown[]>(...fns: { [K in keyof T]: () => Promise<T[K]> }) =>
        wire.together(fns as unknown as (() => Promise<unknown>)[]) as unknown as Promise<T>,
      hot,
      atCommit: (query: RenderedQuery) => {
        if (!hot) throw new Error('atCommit is for hot transactions only');
        held.push({ text: query.sql, values: query.params });
      },
      held,
    });
    let broken = false;
    try {
      const result = await fn(tx);
      // If a held write fails, the server skips the rest and COMMIT; the transaction rolls back below.
      await wire.commit(held);
      for (const cb of after) cb();
      return result;
    } catch (err) {
      await wire.rollback().catch(() => {
        broken = true;
      });
      throw err;
    } finally {
      if (prepared) nameStatements(client, false);
      client.release(broken);
    }
  }
}

/** Opens the configured database: PostgreSQL when a URL is given, else embedded PGlite. */
export async function openDatabase(opts: {
  databaseUrl?: string;
  dataDir?: string;
  templateTar?: string;
  poolSize?: number;
}): Promise<Database> {
  if (opts.databaseUrl) return new Database(opts.databaseUrl, { max: opts.poolSize });
  const embedded = await startEmbedded({ dataDir: opts.dataDir, templateTar: opts.templateTar });
  return new Database(embedded.connectionString, { embedded, max: opts.poolSize });
}

let savepoints = 0;

/**
 * Runs fn under a savepoint: if it throws, only its own writes roll back and the transaction
 * stays usable (e.g. to catch a unique violation from a concurrent insert and look again).
 */
export async function savepoint<T>(tx: Tx, fn: () => Promise<T>): Promise<T> {
  const name = `sp_${++savepoints}`;
  const held = tx.held.length;
  await tx.client.query(`savepoint ${name}`);
  try {
    const result = await fn();
    await tx.client.query(`release savepoint ${name}`);
    return result;
  } catch (err) {
    await tx.client.query(`rollback to savepoint ${name}`);
    tx.held.length = held;
    throw err;
  }
}
