import type { Module } from '../../platform/module';
import { applyPreset } from './presets';
import { campaignRoutes } from './routes/campaigns.routes';
import { runDecide, runSend } from './send';
import { DECIDE_JOB, SEND_JOB } from './service';
import { chooseWinner } from './winner';

/** Campaigns: audiences from segments, content from messaging templates, A/B tests, control groups, attribution. */
export const campaignsModule: Module = {
  name: 'campaigns',
  setup(ctx) {
    ctx.jobs.define<{ orgId: string; campaignId: string }>(SEND_JOB, (data) => runSend(ctx, data));
    ctx.jobs.define<{ orgId: string; campaignId: string }>(DECIDE_JOB, (data) => runDecide(ctx, data, chooseWinner));
  },
  routes(app, ctx) {
    campaignRoutes(app, ctx);
  },
  // Two of the seed's campaigns as drafts: their segments, SMS templates and coupon campaign come with them.
  async seedDemo(tx) {
    for (const key of ['we_miss_you', 'vip_early_access']) await applyPreset(tx, { auth: null }, key, 'tr');
  },
};
