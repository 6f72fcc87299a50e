import { z } from 'zod';
import type { AppContext } from '../../../platform/context';
import { pageOf, pageQuery } from '../../../platform/http/pagination';
import { idParams } from '../../../platform/http/schemas';
import type { HttpServer } from '../../../platform/http/server';
import { queueChurnAfterFit } from '../churn/compute';
import { CLV_FIT_JOB, computeFit, customerScores, fitSize, INLINE_ROWS, listFits, prepareFit, storeFit } from '../clv';
import { customerScoresSchema, fitBody, fitSchema } from './schemas';

const tags = ['analytics'];

export function clvRoutes(app: HttpServer, ctx: AppContext) {
  app.post(
    '/api/v1/analytics/clv/fit',
    {
      config: { permission: 'analytics.manage' },
      schema: {
        tags,
        summary: 'Fit BG/NBD and Gamma-Gamma on the purchases up to `calibrationEnd` and score every customer',
        description: `Runs inside the request (200 with the fit) when the scope has at most ${INLINE_ROWS.toLocaleString('en')} customer-days, else as a job (202 with \`jobId\`; its result names the fit), as it does with \`background: true\`. Too little data: 422 \`not_enough_customers\`, \`not_enough_repeaters\`, \`spend_model_undefined\` or \`fit_failed\`.`,
        body: fitBody,
        response: { 200: fitSchema, 202: z.object({ jobId: z.uuid() }) },
      },
    },
    (req, reply) =>
      req.tenant(async (tx) => {
        const { background, ...input } = req.body;
        const actor = req.auth!.actor.type === 'user' ? req.auth!.actor.id : undefined;
        const prepared = await prepareFit(tx, input);
        if (background || (await fitSize(tx, prepared.scope)) > INLINE_ROWS) {
          const runId = await ctx.jobs.createRun(tx, CLV_FIT_JOB, actor);
          // The job fits up to the day asked for (today), even if it starts after midnight.
          const job = { ...input, calibrationEnd: prepared.calibrationEnd };
          await ctx.jobs.send(CLV_FIT_JOB, { orgId: tx.orgId!, runId, input: job, createdBy: actor }, { tx });
          reply.code(202);
          return { jobId: runId };
        }
        const fit = await storeFit(tx, await computeFit(tx, input, prepared), actor);
        await queueChurnAfterFit(ctx, tx, fit);
        return fit;
      }),
  );
  app.get(
    '/api/v1/analytics/clv/fits',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags,
        summary: 'CLV model fits, latest first: parameters, fit statistics, holdout diagnostic, timings',
        querystring: z.object(pageQuery).strict(),
        response: { 200: pageOf(fitSchema) },
      },
    },
    (req) => req.tenant((tx) => listFits(tx, req.query)),
  );
  app.get(
    '/api/v1/analytics/customers/:id/scores',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags,
        summary:
          'A customer’s CLV scores from the latest fit of the org and of each brand: P(alive), expected purchases, average order value, CLV',
        params: idParams,
        response: { 200: customerScoresSchema },
      },
    },
    (req) => req.tenant((tx) => customerScores(tx, req.params.id)),
  );
}
