import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../context';
import { jobRuns } from '../jobs/schema';
import { notFound } from './problem';
import { idParams, isoDate } from './schemas';
import type { HttpServer } from './server';

const jobRunSchema = z
  .object({
    id: z.uuid(),
    kind: z.string(),
    status: z.enum(['queued', 'running', 'succeeded', 'failed']),
    done: z.number().int(),
    total: z.number().int().nullable(),
    /** 0..100 when the total is known. */
    progress: z.number().nullable(),
    result: z.record(z.string(), z.unknown()).nullable(),
    error: z.string().nullable(),
    createdAt: isoDate,
    startedAt: isoDate.nullable(),
    finishedAt: isoDate.nullable(),
  })
  .meta({ id: 'JobRun' });

/** Liveness, readiness and the status of background jobs people wait for. */
export function platformRoutes(app: HttpServer, ctx: AppContext) {
  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: { tags: ['platform'], summary: 'Liveness', response: { 200: z.object({ status: z.literal('ok') }) } },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/api/ready',
    {
      config: { public: true },
      schema: {
        tags: ['platform'],
        summary: 'Readiness: database and job queue reachable',
        response: {
          200: z.object({ status: z.literal('ready'), database: z.string() }),
          503: z.object({ status: z.literal('unavailable'), reason: z.string() }),
        },
      },
    },
    async (_req, reply) => {
      try {
        await ctx.db.pool.query('select 1');
        await ctx.jobs.boss.getQueue('platform.schedule-tick');
        return { status: 'ready' as const, database: ctx.db.isEmbedded ? 'embedded' : 'postgresql' };
      } catch (err) {
        return reply.code(503).send({ status: 'unavailable' as const, reason: String((err as Error).message) });
      }
    },
  );

  app.get(
    '/api/v1/jobs/:id',
    {
      config: { permission: 'jobs.read' },
      schema: { tags: ['platform'], summary: 'Status and progress of a background job', params: idParams, response: { 200: jobRunSchema } },
    },
    (req) =>
      req.tenant(async (tx) => {
        const [run] = await tx
          .select()
          .from(jobRuns)
          .where(and(eq(jobRuns.orgId, tx.orgId!), eq(jobRuns.id, req.params.id)));
        if (!run) throw notFound();
        const progress = run.total
          ? Math.min(100, Math.round((run.done / run.total) * 1000) / 10)
          : run.status === 'succeeded'
            ? 100
            : null;
        return { ...run, status: run.status as 'queued', progress };
      }),
  );
}
