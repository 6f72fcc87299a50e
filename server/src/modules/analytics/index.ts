import type { Module } from '../../platform/module';
import { registerPersonalData } from '../../platform/personal-data';
import { CHURN_JOB, churnJob } from './churn/compute';
import { registerChurnSignal } from './churn/registry';
import { BUILT_IN_SIGNALS } from './churn/signals';
import { CLV_FIT_JOB, type FitInput, runFitJob } from './clv';
import { analyticsPersonalData } from './personal-data';
import { nightlyRfm, RFM_JOB, runRfm } from './rfm';
import { assortmentRoutes } from './routes/assortment.routes';
import { basketRoutes } from './routes/basket.routes';
import { churnRoutes } from './routes/churn.routes';
import { clvRoutes } from './routes/clv.routes';
import { coopRoutes } from './routes/coop.routes';
import { kpiRoutes } from './routes/kpi.routes';
import { recommendationRoutes } from './routes/recommendations.routes';
import { reportRoutes } from './routes/reports.routes';
import { rfmRoutes } from './routes/rfm.routes';
import { registerAnalyticsSegmentFields } from './segment-fields';

// KVKK: CLV scores, RFM segment history and churn risk are exported and erased with the customer.
registerPersonalData(analyticsPersonalData);

/** Analytics: CLV (BG/NBD + Gamma-Gamma), basket rules, RFM over the sales module's read views. */
export const analyticsModule: Module = {
  name: 'analytics',
  setup(ctx) {
    registerAnalyticsSegmentFields();
    // A failed fit records its reason on the run; a retry would fail the same way.
    ctx.jobs.define<{ orgId: string; runId: string; input: FitInput; createdBy?: string }>(CLV_FIT_JOB, (data) => runFitJob(ctx, data), {
      retryLimit: 0,
    });
    ctx.jobs.define<{ orgId: string; at?: string }>(RFM_JOB, (data) => nightlyRfm(ctx, data));
    // Nightly, after the day's receipts (and the loyalty jobs after midnight), in each org's zone.
    ctx.jobs.defineOrgSchedule(RFM_JOB, '30 2 * * *');
    // Churn risk: built-in signals; other modules add theirs with registerChurnSignal(ctx, …) in their setup.
    for (const signal of BUILT_IN_SIGNALS) registerChurnSignal(ctx, signal);
    ctx.jobs.define<{ orgId: string; at?: string }>(CHURN_JOB, (data) => churnJob(ctx, data), { retryLimit: 1 });
    ctx.jobs.defineOrgSchedule(CHURN_JOB, '45 2 * * *');
  },
  // The demo's RFM segments exist from the first start, so segments and campaigns built on them have members.
  async seedDemo(tx, _ctx, { customers }) {
    if (customers > 0) await runRfm(tx, {});
  },
  routes(app, ctx) {
    clvRoutes(app, ctx);
    basketRoutes(app);
    rfmRoutes(app);
    churnRoutes(app, ctx);
    recommendationRoutes(app);
    kpiRoutes(app);
    assortmentRoutes(app);
    coopRoutes(app);
    reportRoutes(app);
  },
};
