import type { AppContext } from '../../platform/context';
import type { Module } from '../../platform/module';
import { registerPersonalData } from '../../platform/personal-data';
import { GENERATE_JOB, generateCampaignCodes } from './campaigns';
import { awardReceipt, loyaltyPersonalData, mergeLoyalty } from './customer';
import { seedLoyaltyDemo } from './demo';
import { EXPIRY_JOB, runExpiry, runTierReview, TIER_REVIEW_JOB } from './jobs';
import { undoReturn } from './pos';
import { campaignRoutes } from './routes/campaigns.routes';
import { customerRoutes } from './routes/customers.routes';
import { definitionRoutes } from './routes/definitions.routes';
import { posRoutes } from './routes/pos.routes';
import { registerLoyaltySegmentFields } from './segment-fields';

registerPersonalData(loyaltyPersonalData);

function subscribe(ctx: AppContext) {
  // "Claim later": the claimed receipt earns its points now.
  ctx.events.subscribe('loyalty.claims', ['sale.receipt_claimed'], async (event) => {
    const receiptId = (event.payload as { receiptId?: string }).receiptId ?? event.subjectId;
    if (!receiptId) return;
    await ctx.db.tenant(event.orgId, (tx) => awardReceipt(tx, receiptId));
  });
  // Receipts integrations send through the sales API earn points; POS commits earned in the commit,
  // and historical imports earn nothing.
  ctx.events.subscribe('loyalty.api-receipts', ['sale.receipt_recorded'], async (event) => {
    const { source, receiptId } = event.payload as { source?: string; receiptId?: string };
    if (source !== 'api' || !event.customerId || !receiptId) return;
    await ctx.db.tenant(event.orgId, (tx) => awardReceipt(tx, receiptId));
  });
  // A receipt returned outside the POS refund (sales API, returns screen) gives its points back too.
  ctx.events.subscribe('loyalty.returns', ['sale.returned'], async (event) => {
    const { returnId, receiptId } = event.payload as { returnId?: string; receiptId?: string | null };
    if (!returnId || !receiptId) return;
    await ctx.db.tenant(event.orgId, (tx) => undoReturn(tx, returnId));
  });
  // A merge moves the merged customer's points, stamps and coupons to the survivor.
  ctx.events.subscribe('loyalty.merge', ['customer.merged'], async (event) => {
    const { survivorId, mergedId } = event.payload as { survivorId?: string; mergedId?: string };
    if (!survivorId || !mergedId) return;
    await ctx.db.tenant(event.orgId, (tx) => mergeLoyalty(tx, mergedId, survivorId));
  });
}

function defineJobs(ctx: AppContext) {
  ctx.jobs.define<{ orgId: string; runId?: string; campaignId: string; count: number }>(
    GENERATE_JOB,
    (data) => generateCampaignCodes(ctx, data),
    {
      retryLimit: 1,
    },
  );
  ctx.jobs.define<{ orgId: string; at?: string }>(EXPIRY_JOB, async ({ orgId, at }) => {
    await runExpiry(ctx, orgId, at ? new Date(at) : new Date());
  });
  ctx.jobs.define<{ orgId: string; at?: string }>(TIER_REVIEW_JOB, async ({ orgId, at }) => {
    await runTierReview(ctx, orgId, at ? new Date(at) : new Date());
  });
  // Points expire at local midnight: the run starts just after it, in each org's own time zone.
  ctx.jobs.defineOrgSchedule(EXPIRY_JOB, '5 0 * * *');
  // Daily; a program's review runs on its own review day (tier_review_month/day) only.
  ctx.jobs.defineOrgSchedule(TIER_REVIEW_JOB, '20 0 * * *');
}

export const loyaltyModule: Module = {
  name: 'loyalty',
  setup(ctx) {
    registerLoyaltySegmentFields();
    subscribe(ctx);
    defineJobs(ctx);
  },
  routes(app, ctx) {
    posRoutes(app);
    definitionRoutes(app);
    campaignRoutes(app, ctx);
    customerRoutes(app);
  },
  async seedDemo(tx, _ctx, { customers }) {
    await seedLoyaltyDemo(tx, customers);
  },
};
