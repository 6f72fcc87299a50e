import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/app';
import { ANALYZE_JOB } from './maintenance';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ worker: true });
});
afterAll(() => t.close());

describe('embedded database maintenance', () => {
  it('schedules a nightly ANALYZE on the embedded database only, and the job refreshes statistics', async () => {
    const schedules = await t.app.ctx.jobs.boss.getSchedules();
    const analyze = schedules.filter((s) => s.name === ANALYZE_JOB);
    expect(analyze).toHaveLength(t.db.isEmbedded ? 1 : 0);
    if (!t.db.isEmbedded) return;
    const lastAnalyze = async () =>
      (await t.db.pool.query(`select last_analyze from pg_stat_user_tables where relname = 'customers'`)).rows[0]
        .last_analyze as Date | null;
    const before = await lastAnalyze();
    await t.app.ctx.jobs.send(ANALYZE_JOB, {});
    await expect.poll(lastAnalyze, { timeout: 20_000, interval: 200 }).not.toEqual(before);
  });
});
