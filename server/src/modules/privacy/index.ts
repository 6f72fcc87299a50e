import type { AppContext } from '../../platform/context';
import type { Module } from '../../platform/module';
import { registerPersonalData } from '../../platform/personal-data';
import { markConsentRecorded } from '../customers/service';
import { moveConsents } from './consents';
import { IYS_PUSH_JOB, setJobs } from './iys/queue';
import { checkSent, pullChanges, pushPending } from './iys/sync';
import { privacyPersonalData } from './personal-data';
import { RETENTION_JOB, runRetention } from './retention';
import { consentRoutes } from './routes/consents.routes';
import { requestRoutes } from './routes/requests.routes';
import { settingsRoutes } from './routes/settings.routes';
import { registerConsentSegmentField } from './segment-fields';

registerPersonalData(privacyPersonalData);

const IYS_SYNC_JOB = 'privacy.iys-sync';

function defineJobs(ctx: AppContext) {
  setJobs(ctx.jobs);
  ctx.jobs.define<{ orgId: string }>(IYS_PUSH_JOB, async ({ orgId }) => {
    await pushPending(ctx, orgId);
    await checkSent(ctx, orgId);
  });
  // The safety net and the pull: pending rows a skipped push left, batch results, citizens' RET.
  ctx.jobs.define<{ orgId: string }>(IYS_SYNC_JOB, async ({ orgId }) => {
    await pushPending(ctx, orgId);
    await checkSent(ctx, orgId);
    await pullChanges(ctx, orgId);
  });
  ctx.jobs.defineOrgSchedule(IYS_SYNC_JOB, '*/15 * * * *');
  ctx.jobs.define<{ orgId: string; runId?: string }>(RETENTION_JOB, async ({ orgId, runId }) => {
    if (runId) await ctx.jobs.updateRun(orgId, runId, { status: 'running' });
    try {
      const report = await runRetention(ctx, orgId);
      if (runId) await ctx.jobs.updateRun(orgId, runId, { status: 'succeeded', result: { ...report } });
    } catch (err) {
      if (runId) await ctx.jobs.updateRun(orgId, runId, { status: 'failed', error: String((err as Error).message) });
      throw err;
    }
  });
  ctx.jobs.defineOrgSchedule(RETENTION_JOB, '30 3 * * *');
}

export const privacyModule: Module = {
  name: 'privacy',
  setup(ctx) {
    registerConsentSegmentField();
    defineJobs(ctx);
    // A merge (customers module) moves the merged customer's consent history to the survivor.
    ctx.events.subscribe('privacy.merge', ['customer.merged'], async (event) => {
      const { survivorId, mergedId } = event.payload as { survivorId?: string; mergedId?: string };
      if (!survivorId || !mergedId) return;
      await ctx.db.tenant(event.orgId, async (tx) => {
        if ((await moveConsents(tx, mergedId, survivorId)) > 0) await markConsentRecorded(tx, survivorId);
      });
    });
  },
  routes(app, ctx) {
    consentRoutes(app);
    requestRoutes(app);
    settingsRoutes(app, ctx);
  },
};
