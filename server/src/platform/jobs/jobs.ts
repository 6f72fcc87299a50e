import parser from 'cron-parser';
import { and, eq, sql } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import { type Database, TENANT_ROLE, type Tx } from '../db/database';
import { newId } from '../ids';
import { jobRuns } from './schema';

export type JobHandler<T> = (data: T, job: { id: string }) => Promise<void>;

export interface SendOptions {
  /** Queue inside this transaction: the job vanishes if it rolls back. */
  tx?: Tx;
  startAfter?: Date | number;
  singletonKey?: string;
  singletonSeconds?: number;
}

export interface OrgClock {
  orgId: string;
  timezone: string;
}

const TICK_QUEUE = 'platform.schedule-tick';

/** pg-boss's tables are not tenant tables: write them as the connection's own user. */
async function asOwner<T>(tx: Tx, fn: () => Promise<T>): Promise<T> {
  if (!tx.orgId) return fn();
  await tx.client.query('set local role none');
  try {
    return await fn();
  } finally {
    await tx.client.query(`set local role ${TENANT_ROLE}`);
  }
}

/**
 * Durable background work on pg-boss, on either database. Org schedules are cron expressions
 * read in each org's own time zone: a one-minute tick enqueues what is due, with a singleton key
 * per org and minute so that several workers still run it once.
 */
export class Jobs {
  readonly boss: PgBoss;
  private readonly handlers = new Map<string, { handler: JobHandler<never>; retryLimit: number }>();
  private readonly orgSchedules = new Map<string, string>();
  private readonly schedules = new Map<string, string>();
  private orgClocks: () => Promise<OrgClock[]> = async () => [];

  constructor(
    private readonly db: Database,
    private readonly opts: { work: boolean; pollSeconds?: number },
  ) {
    this.boss = new PgBoss({
      connectionString: db.connectionString,
      schema: 'pgboss',
      max: 4,
      // The tick is our own cron; pg-boss's scheduler stays on for it only.
      schedule: opts.work,
      supervise: opts.work,
    });
    this.boss.on('error', () => {});
  }

  define<T>(name: string, handler: JobHandler<T>, options: { retryLimit?: number } = {}): void {
    if (this.handlers.has(name)) throw new Error(`duplicate job ${name}`);
    this.handlers.set(name, { handler: handler as JobHandler<never>, retryLimit: options.retryLimit ?? 3 });
  }

  /** Runs `job` for every org whenever `cron` matches the org's local time. */
  defineOrgSchedule(job: string, cron: string): void {
    parser.parseExpression(cron); // fail at definition, not at the first tick
    this.orgSchedules.set(job, cron);
  }

  /** Runs `job` once (not per org) whenever `cron` matches, in UTC: platform housekeeping. */
  defineSchedule(job: string, cron: string): void {
    parser.parseExpression(cron);
    this.schedules.set(job, cron);
  }

  setOrgClocks(source: () => Promise<OrgClock[]>): void {
    this.orgClocks = source;
  }

  async start(): Promise<void> {
    await this.boss.start();
    for (const [name, { retryLimit }] of this.handlers) {
      await this.boss.createQueue(name, { name, retryLimit, retryBackoff: true });
    }
    await this.boss.createQueue(TICK_QUEUE, { name: TICK_QUEUE, policy: 'singleton' });
    if (!this.opts.work) return;
    const pollingIntervalSeconds = this.opts.pollSeconds ?? 2;
    for (const [name, { handler }] of this.handlers) {
      await this.boss.work(name, { pollingIntervalSeconds }, async (jobs) => {
        for (const job of jobs) await handler(job.data as never, { id: job.id });
      });
    }
    await this.boss.work(TICK_QUEUE, { pollingIntervalSeconds }, async (jobs) => {
      for (const job of jobs) await this.tick(new Date((job.data as { at?: string }).at ?? Date.now()));
    });
    if (this.orgSchedules.size > 0) await this.boss.schedule(TICK_QUEUE, '* * * * *', {});
    for (const [job, cron] of this.schedules) await this.boss.schedule(job, cron, {});
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }

  async send(name: string, data: object, options: SendOptions = {}): Promise<string | null> {
    if (!this.handlers.has(name)) throw new Error(`unknown job ${name}`);
    const { tx, ...rest } = options;
    return this.boss.send(name, data, {
      ...rest,
      ...(tx ? { db: { executeSql: (text: string, values: unknown[]) => asOwner(tx, () => tx.client.query(text, values)) } } : {}),
    });
  }

  /** Enqueues every org schedule whose cron matches the minute of `at` in the org's zone. */
  async tick(at: Date): Promise<number> {
    const minute = new Date(Math.floor(at.getTime() / 60_000) * 60_000);
    let sent = 0;
    for (const { orgId, timezone } of await this.orgClocks()) {
      for (const [job, cron] of this.orgSchedules) {
        const next = parser
          .parseExpression(cron, { currentDate: new Date(minute.getTime() - 1000), tz: timezone })
          .next()
          .toDate();
        if (next.getTime() !== minute.getTime()) continue;
        const id = await this.send(
          job,
          { orgId, at: minute.toISOString() },
          {
            singletonKey: `${job}:${orgId}:${minute.toISOString()}`,
            singletonSeconds: 60,
          },
        );
        if (id) sent++;
      }
    }
    return sent;
  }

  // --- job runs: what a person waiting for a long job sees ---

  async createRun(tx: Tx, kind: string, createdBy?: string): Promise<string> {
    const id = newId();
    await tx.insert(jobRuns).values({ orgId: tx.orgId!, id, kind, createdBy });
    return id;
  }

  async updateRun(
    orgId: string,
    id: string,
    patch: Partial<{
      status: 'running' | 'succeeded' | 'failed';
      done: number;
      total: number;
      result: Record<string, unknown>;
      error: string;
    }>,
  ): Promise<void> {
    await this.db.tenant(orgId, (tx) =>
      tx
        .update(jobRuns)
        .set({
          ...patch,
          ...(patch.status === 'running' ? { startedAt: sql`coalesce(started_at, now())` } : {}),
          ...(patch.status === 'succeeded' || patch.status === 'failed' ? { finishedAt: sql`now()` } : {}),
        })
        .where(and(eq(jobRuns.orgId, orgId), eq(jobRuns.id, id))),
    );
  }
}
