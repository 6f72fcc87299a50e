import { z } from 'zod';
import type { AppContext } from '../../../platform/context';
import { pageOf, pageQuery } from '../../../platform/http/pagination';
import { idParams } from '../../../platform/http/schemas';
import type { HttpServer } from '../../../platform/http/server';
import { sourceOf } from '../../access/routes/common';
import { estimateAudience } from '../audience';
import { applyPreset, PRESETS, presetView } from '../presets';
import { campaignReport } from '../report';
import {
  campaignView,
  cancelCampaign,
  createCampaign,
  deleteCampaign,
  getCampaignRow,
  listCampaigns,
  sendCampaign,
  updateCampaign,
} from '../service';
import { campaignInput, campaignSchema, estimateInput, estimateSchema, presetSchema, reportSchema, statusQuery } from './schemas';

const tags = ['campaigns'];
const read = { permission: 'campaigns.read' };
const manage = { permission: 'campaigns.manage' };

export function campaignRoutes(app: HttpServer, ctx: AppContext) {
  app.get(
    '/api/v1/campaigns',
    {
      config: read,
      schema: {
        tags,
        summary: 'Campaigns, newest first',
        querystring: z.object({ status: statusQuery.optional(), ...pageQuery }).strict(),
        response: { 200: pageOf(campaignSchema) },
      },
    },
    (req) => req.tenant((tx) => listCampaigns(tx, req.query)),
  );
  app.post(
    '/api/v1/campaigns',
    {
      config: manage,
      schema: { tags, summary: 'Create a draft campaign', body: campaignInput, response: { 201: campaignSchema } },
    },
    async (req, reply) => reply.code(201).send(await req.tenant((tx) => createCampaign(tx, sourceOf(req), req.body))),
  );
  app.get(
    '/api/v1/campaigns/presets',
    {
      config: read,
      schema: {
        tags,
        summary: 'Ready-made campaigns (the seed’s examples)',
        response: { 200: z.object({ items: z.array(presetSchema) }) },
      },
    },
    (req) => ({ items: PRESETS.map((p) => presetView(p, req.locale)) }),
  );
  app.post(
    '/api/v1/campaigns/presets',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Prepare a ready-made campaign: its segment, SMS template (and personal coupon) and a draft with a 10 % control group',
        body: z.object({ key: z.string().max(40) }).strict(),
        response: { 201: campaignSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await req.tenant((tx) => applyPreset(tx, sourceOf(req), req.body.key, req.locale))),
  );
  app.post(
    '/api/v1/campaigns/estimate',
    {
      config: manage,
      schema: {
        tags,
        summary:
          'What sending would do now: audience, control group, messages the compliance checks let through or skip by reason (sampled above 2,000)',
        body: estimateInput,
        response: { 200: estimateSchema },
      },
    },
    (req) => req.tenant((tx) => estimateAudience(tx, ctx, req.body)),
  );
  app.get(
    '/api/v1/campaigns/:id',
    { config: read, schema: { tags, summary: 'One campaign', params: idParams, response: { 200: campaignSchema } } },
    (req) => req.tenant(async (tx) => campaignView(await getCampaignRow(tx, req.params.id))),
  );
  app.put(
    '/api/v1/campaigns/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change a draft or scheduled campaign',
        params: idParams,
        body: campaignInput,
        response: { 200: campaignSchema },
      },
    },
    (req) => req.tenant((tx) => updateCampaign(tx, ctx, sourceOf(req), req.params.id, req.body)),
  );
  app.delete(
    '/api/v1/campaigns/:id',
    { config: manage, schema: { tags, summary: 'Delete a draft', params: idParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await req.tenant((tx) => deleteCampaign(tx, sourceOf(req), req.params.id));
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/api/v1/campaigns/:id/send',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Send now, or at the scheduled time: the audience is split and messaged by a job (progress: runId)',
        params: idParams,
        response: { 202: campaignSchema },
      },
    },
    async (req, reply) => reply.code(202).send(await req.tenant((tx) => sendCampaign(tx, ctx, sourceOf(req), req.params.id))),
  );
  app.post(
    '/api/v1/campaigns/:id/cancel',
    {
      config: manage,
      schema: {
        tags,
        summary: 'A scheduled campaign goes back to draft; a running A/B test stops before the rest is messaged',
        params: idParams,
        response: { 200: campaignSchema },
      },
    },
    (req) => req.tenant((tx) => cancelCampaign(tx, sourceOf(req), req.params.id)),
  );
  app.get(
    '/api/v1/campaigns/:id/report',
    {
      config: read,
      schema: {
        tags,
        summary:
          'Audience, skipped by reason, sent, delivered, opened, clicked, converted, revenue, uplift against control with its interval, cost and ROI',
        params: idParams,
        response: { 200: reportSchema },
      },
    },
    (req) => req.tenant((tx) => campaignReport(tx, req.params.id)),
  );
}
