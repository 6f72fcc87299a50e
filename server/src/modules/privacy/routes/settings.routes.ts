import { z } from 'zod';
import type { AppContext } from '../../../platform/context';
import { Problem } from '../../../platform/http/problem';
import type { HttpServer } from '../../../platform/http/server';
import { sourceOf } from '../../access/routes/common';
import { listSettings, saveSettings, viewSettings } from '../iys/settings';
import { applyRetention, getPolicy, RETENTION_JOB, savePolicy } from '../retention';
import { iysSettingsInput, iysSettingsSchema, retentionInput, retentionReportSchema, retentionSchema } from './schemas';

const tags = ['privacy'];
const config = { permission: 'privacy.manage' };

const viewPolicy = ({ updatedAt: _u, ...p }: Awaited<ReturnType<typeof getPolicy>>) => p;

export function settingsRoutes(app: HttpServer, ctx: AppContext) {
  app.get(
    '/api/v1/privacy/iys/settings',
    {
      config,
      schema: {
        tags,
        summary: "İYS connection of the org ('org') and of each brand; passwords are never returned",
        response: { 200: z.object({ items: z.array(iysSettingsSchema) }) },
      },
    },
    (req) => req.tenant(async (tx) => ({ items: (await listSettings(tx)).map(viewSettings) })),
  );

  app.put(
    '/api/v1/privacy/iys/settings',
    {
      config,
      schema: {
        tags,
        summary: "Save the İYS connection of 'org' or of a brand (by id); the password is stored encrypted",
        body: iysSettingsInput.extend({ scope: z.union([z.literal('org'), z.uuid()]) }),
        response: { 200: iysSettingsSchema },
      },
    },
    (req) =>
      req.tenant(async (tx) => {
        const { scope, ...input } = req.body;
        return viewSettings(await saveSettings(tx, sourceOf(req), ctx.config.dataDir, scope, input));
      }),
  );

  app.get(
    '/api/v1/privacy/retention',
    { config, schema: { tags, summary: 'The retention policy (off by default)', response: { 200: retentionSchema } } },
    (req) => req.tenant(async (tx) => viewPolicy(await getPolicy(tx))),
  );

  app.patch(
    '/api/v1/privacy/retention',
    {
      config,
      schema: { tags, summary: 'Change the retention policy', body: retentionInput, response: { 200: retentionSchema } },
    },
    (req) => req.tenant(async (tx) => viewPolicy(await savePolicy(tx, sourceOf(req), req.body))),
  );

  app.post(
    '/api/v1/privacy/retention/dry-run',
    {
      config,
      schema: {
        tags,
        summary: 'What the policy (or the settings sent) would anonymise and purge now, with a sample',
        body: retentionInput.optional(),
        response: { 200: retentionReportSchema },
      },
    },
    async (req) => {
      const policy = await req.tenant(getPolicy);
      return applyRetention(ctx, req.auth!.orgId, true, { ...policy, ...req.body });
    },
  );

  app.post(
    '/api/v1/privacy/retention/run',
    {
      config,
      schema: {
        tags,
        summary: 'Apply the policy now as a background job (409 retention_disabled when off)',
        response: { 202: z.object({ jobId: z.uuid() }) },
      },
    },
    (req, reply) =>
      req.tenant(async (tx) => {
        const policy = await getPolicy(tx);
        if (!policy.enabled) throw new Problem(409, 'retention_disabled', 'privacy.retention_disabled');
        const jobId = await ctx.jobs.createRun(tx, RETENTION_JOB, req.auth!.actor.id);
        await ctx.jobs.send(RETENTION_JOB, { orgId: req.auth!.orgId, runId: jobId }, { tx });
        reply.code(202);
        return { jobId };
      }),
  );
}
