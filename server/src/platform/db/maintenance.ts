import type { AppContext } from '../context';

export const ANALYZE_JOB = 'platform.analyze';

/**
 * PGlite runs no autovacuum, so an embedded database's planner statistics only change when
 * someone runs ANALYZE: a table that grew from a thousand rows to a million keeps being planned
 * as small (sequential scans, bad join orders). Imports analyse what they fill; this nightly run
 * covers everything else. A PostgreSQL server has autovacuum and needs none of it.
 */
export function defineAnalyzeJob(ctx: AppContext): void {
  ctx.jobs.define(ANALYZE_JOB, async () => {
    await ctx.db.pool.query('analyze');
  });
  ctx.jobs.defineSchedule(ANALYZE_JOB, '20 1 * * *');
}
