import { z } from 'zod';
import type { HttpServer } from '../../../platform/http/server';
import { rfmDistribution, rfmMigration, rfmSettingsView, runRfm, saveRfmSettings } from '../rfm';
import { rfmDistributionSchema, rfmMigrationSchema, rfmRunBody, rfmRunResponse, rfmSettingsPatch, rfmSettingsSchema } from './schemas';

const tags = ['analytics'];
const brandQuery = { brand: z.string().max(60).optional().describe('brand id or code (default: the whole org)') };

export function rfmRoutes(app: HttpServer) {
  app.post(
    '/api/v1/analytics/rfm/run',
    {
      config: { permission: 'analytics.manage' },
      schema: {
        tags,
        summary: 'Run RFM now for the org or a brand: a new snapshot, `rfm.segment_changed` events for customers who moved',
        body: rfmRunBody,
        response: { 200: rfmRunResponse, 201: rfmRunResponse },
      },
    },
    (req, reply) =>
      req.tenant(async (tx) => {
        const actor = req.auth!.actor.type === 'user' ? req.auth!.actor.id : undefined;
        const run = await runRfm(tx, req.body, actor);
        reply.code(run ? 201 : 200);
        return { run };
      }),
  );
  app.get(
    '/api/v1/analytics/rfm',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags,
        summary: 'The latest RFM snapshot: customers, share and net spend per segment with the recommended action, and the R × FM heatmap',
        querystring: z.object(brandQuery).strict(),
        response: { 200: rfmDistributionSchema },
      },
    },
    (req) => req.tenant((tx) => rfmDistribution(tx, req.query, req.locale)),
  );
  app.get(
    '/api/v1/analytics/rfm/migration',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags,
        summary: 'Customers moving between segments from one RFM run to another (default: the two latest of the scope)',
        querystring: z.object({ from: z.uuid().optional(), to: z.uuid().optional(), ...brandQuery }).strict(),
        response: { 200: rfmMigrationSchema },
      },
    },
    (req) => req.tenant((tx) => rfmMigration(tx, req.query)),
  );
  app.get(
    '/api/v1/analytics/rfm/settings',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags,
        summary: 'The org’s R × FM grid, window and frequency measure, with each segment’s action',
        response: { 200: rfmSettingsSchema },
      },
    },
    (req) => req.tenant((tx) => rfmSettingsView(tx, req.locale)),
  );
  app.patch(
    '/api/v1/analytics/rfm/settings',
    {
      config: { permission: 'analytics.manage' },
      schema: {
        tags,
        summary: 'Edit the grid, the window (months) or the frequency measure',
        body: rfmSettingsPatch,
        response: { 200: rfmSettingsSchema },
      },
    },
    (req) =>
      req.tenant(async (tx) => {
        await saveRfmSettings(tx, req.body);
        return rfmSettingsView(tx, req.locale);
      }),
  );
}
