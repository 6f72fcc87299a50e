import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../testing/database';
import type { Database } from '../db/database';
import { newId } from '../ids';
import { Jobs } from './jobs';

let db: Database;
const runs: { job: string; data: Record<string, unknown> }[] = [];
const istanbul = newId();
const utc = newId();

function newJobs(work = true) {
  const jobs = new Jobs(db, { work, pollSeconds: 0.5 });
  jobs.define<Record<string, unknown>>('test.echo', async (data) => {
    runs.push({ job: 'test.echo', data });
  });
  jobs.define<Record<string, unknown>>('test.daily', async (data) => {
    runs.push({ job: 'test.daily', data });
  });
  jobs.defineOrgSchedule('test.daily', '0 9 * * *');
  jobs.setOrgClocks(async () => [
    { orgId: istanbul, timezone: 'Europe/Istanbul' },
    { orgId: utc, timezone: 'UTC' },
  ]);
  return jobs;
}

beforeAll(async () => {
  db = await openTestDatabase();
  await db.system((tx) =>
    tx.execute(sql`insert into orgs (org_id, name, timezone) values (${istanbul}, 'İst', 'Europe/Istanbul'), (${utc}, 'Utc', 'UTC')`),
  );
});
afterAll(() => db.close());

const ran = (marker: string) => runs.filter((r) => r.data.marker === marker).length;

describe('jobs', () => {
  it('runs a job queued in a committed transaction and drops one whose transaction rolled back', async () => {
    const jobs = newJobs();
    await jobs.start();
    try {
      await db.tenant(istanbul, (tx) => jobs.send('test.echo', { marker: 'committed' }, { tx }));
      await expect(
        db.tenant(istanbul, async (tx) => {
          await jobs.send('test.echo', { marker: 'rolled-back' }, { tx });
          throw new Error('rollback');
        }),
      ).rejects.toThrow('rollback');
      await expect.poll(() => ran('committed'), { timeout: 10_000 }).toBe(1);
      const { rows } = await db.pool.query(`select count(*)::int as n from pgboss.job where data->>'marker' = 'rolled-back'`);
      expect(rows[0].n).toBe(0);
    } finally {
      await jobs.stop();
    }
  });

  it('runs a job scheduled before a restart after it, once', async () => {
    const before = newJobs(false); // an API-only process: queues but does not work
    await before.start();
    await before.send('test.echo', { marker: 'survives-restart' }, { startAfter: new Date(Date.now() + 1500) });
    await before.stop();
    expect(ran('survives-restart')).toBe(0);

    const after = newJobs();
    await after.start();
    try {
      await expect.poll(() => ran('survives-restart'), { timeout: 15_000 }).toBe(1);
      await new Promise((r) => setTimeout(r, 1500));
      expect(ran('survives-restart')).toBe(1);
    } finally {
      await after.stop();
    }
  });

  it("fires org schedules at the org's local time, once per minute however often it ticks", async () => {
    const jobs = newJobs(false);
    await jobs.start();
    try {
      // 06:00 UTC is 09:00 in Istanbul (UTC+3): only the Istanbul org is due.
      expect(await jobs.tick(new Date('2026-11-23T06:00:10Z'))).toBe(1);
      expect(await jobs.tick(new Date('2026-11-23T06:00:40Z'))).toBe(0);
      expect(await jobs.tick(new Date('2026-11-23T09:00:05Z'))).toBe(1);
      expect(await jobs.tick(new Date('2026-11-23T07:00:00Z'))).toBe(0);
      const { rows } = await db.pool.query(`select data->>'orgId' as org from pgboss.job where name = 'test.daily' order by created_on`);
      expect(rows.map((r) => r.org)).toEqual([istanbul, utc]);
    } finally {
      await jobs.stop();
    }
  });
});
