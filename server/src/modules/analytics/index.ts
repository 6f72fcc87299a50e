import type { Module } from '../../platform/module';
import { CLV_FIT_JOB, type FitInput, runFitJob } from './clv';
import { nightlyRfm, RFM_JOB } from './rfm';
import { basketRoutes } from './routes/basket.routes';
import { clvRoutes } from './routes/clv.routes';
import { rfmRoutes } from './routes/rfm.routes';

/** Analytics: CLV (BG/NBD + Gamma-Gamma), basket rules, RFM over the sales module's read views. */
export const analyticsModule: Module = {
  name: 'analytics',
  setup(ctx) {
    // A failed fit records its reason on the run; a retry would fail the same way.
    ctx.jobs.define<{ orgId: string; runId: string; input: FitInput; createdBy?: string }>(CLV_FIT_JOB, (data) => runFitJob(ctx, data), {
      retryLimit: 0,
    });
    ctx.jobs.define<{ orgId: string; at?: string }>(RFM_JOB, (data) => nightlyRfm(ctx, data));
    // Nightly, after the day's receipts (and the loyalty jobs after midnight), in each org's zone.
    ctx.jobs.defineOrgSchedule(RFM_JOB, '30 2 * * *');
  },
  routes(app, ctx) {
    clvRoutes(app, ctx);
    basketRoutes(app);
    rfmRoutes(app);
  },
};
