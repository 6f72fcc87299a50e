import { z } from 'zod';
import type { AppContext } from '../../../platform/context';
import { pageOf, pageQuery } from '../../../platform/http/pagination';
import { idParams } from '../../../platform/http/schemas';
import type { HttpServer } from '../../../platform/http/server';
import { attachment } from '../../../platform/imports/spreadsheet';
import { sourceOf } from '../../access/routes/common';
import {
  codesCsv,
  createCampaign,
  getCampaign,
  getCampaignRow,
  getCode,
  issuePersonal,
  listCampaigns,
  listCodes,
  MAX_GENERATE,
  queueGeneration,
  updateCampaign,
} from '../campaigns';
import { campaignDetailSchema, campaignInput, campaignPatch, campaignSchema, codeDetailSchema, codeParams, codeSchema } from './schemas';

const tags = ['loyalty'];

export function campaignRoutes(app: HttpServer, ctx: AppContext) {
  app.get(
    '/api/v1/loyalty/coupon-campaigns',
    {
      config: { permission: 'loyalty.read' },
      schema: {
        tags,
        summary: 'Coupon campaigns, newest first',
        querystring: z.object({ ...pageQuery, active: z.enum(['true', 'false']).optional() }).strict(),
        response: { 200: pageOf(campaignSchema) },
      },
    },
    (req) =>
      req.tenant((tx) =>
        listCampaigns(tx, {
          limit: req.query.limit,
          cursor: req.query.cursor,
          active: req.query.active === undefined ? undefined : req.query.active === 'true',
        }),
      ),
  );
  app.post(
    '/api/v1/loyalty/coupon-campaigns',
    {
      config: { permission: 'loyalty.manage', idempotent: true },
      schema: {
        tags,
        summary: 'Create a coupon campaign: unique codes (then generate), one shared code with a usage limit, or personal coupons',
        description:
          'The terms are the engine coupon schema (effect = any promotion, validity window in the org’s local time, minimum basket, usage limit, one per customer); a 400 names each bad field. A shared code already in use is a 409 `code_exists`.',
        body: campaignInput,
        response: { 201: campaignSchema },
      },
    },
    (req, reply) =>
      req.tenant(async (tx) => {
        const { terms, ...rest } = req.body;
        const campaign = await createCampaign(tx, sourceOf(req), { ...rest, terms });
        reply.code(201);
        return campaign;
      }),
  );
  app.get(
    '/api/v1/loyalty/coupon-campaigns/:id',
    {
      config: { permission: 'loyalty.read' },
      schema: {
        tags,
        summary: 'One campaign with its usage (codes, codes used, redemptions, customers, discount given)',
        params: idParams,
        response: { 200: campaignDetailSchema },
      },
    },
    (req) => req.tenant((tx) => getCampaign(tx, req.params.id)),
  );
  app.patch(
    '/api/v1/loyalty/coupon-campaigns/:id',
    {
      config: { permission: 'loyalty.manage' },
      schema: {
        tags,
        summary: 'Change a campaign (name, terms, active, refund rule, code format)',
        params: idParams,
        body: campaignPatch,
        response: { 200: campaignSchema },
      },
    },
    (req) => req.tenant((tx) => updateCampaign(tx, sourceOf(req), req.params.id, req.body)),
  );
  app.post(
    '/api/v1/loyalty/coupon-campaigns/:id/generate',
    {
      config: { permission: 'loyalty.manage', idempotent: true },
      schema: {
        tags,
        summary: 'Generate more unique codes in the background: answers the job to follow at GET /api/v1/jobs/{id} (status, done/total)',
        description:
          'Unique campaigns only (409 `not_a_unique_campaign`). Codes that would be too short for the count: 422 `code_space_too_small`.',
        params: idParams,
        body: z.object({ count: z.int().min(1).max(MAX_GENERATE) }).strict(),
        response: { 202: z.object({ jobId: z.uuid() }) },
      },
    },
    (req, reply) =>
      req.tenant(async (tx) => {
        const jobId = await queueGeneration(ctx, tx, sourceOf(req), req.params.id, req.body.count);
        reply.code(202);
        return { jobId };
      }),
  );
  app.get(
    '/api/v1/loyalty/coupon-campaigns/:id/codes',
    {
      config: { permission: 'loyalty.read' },
      schema: {
        tags,
        summary: 'The campaign’s codes, by code, with uses and status',
        params: idParams,
        querystring: z.object(pageQuery).strict(),
        response: { 200: pageOf(codeSchema) },
      },
    },
    (req) => req.tenant((tx) => listCodes(tx, req.params.id, req.query)),
  );
  app.get(
    '/api/v1/loyalty/coupon-campaigns/:id/codes.csv',
    {
      config: { permission: 'loyalty.manage' },
      schema: {
        tags,
        summary: 'Every code of the campaign as CSV (code, status, uses, max_uses, customer_id, valid_from, valid_until, issued_at)',
        params: idParams,
      },
    },
    (req, reply) =>
      req.tenant(async (tx) => {
        await getCampaignRow(tx, req.params.id);
        const file = await codesCsv(tx, req.params.id);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', attachment(file.fileName))
          .header('x-export-rows', String(file.count))
          .send(file.content);
      }),
  );
  app.post(
    '/api/v1/loyalty/coupon-campaigns/:id/issue',
    {
      config: { permission: 'loyalty.manage', idempotent: true },
      schema: {
        tags,
        summary: 'Issue a personal coupon of the campaign to each customer (at most 100)',
        description:
          'Personal campaigns only (409 `not_a_personal_campaign`); an unknown customer is a 422 `unknown_customer` and nothing is issued.',
        params: idParams,
        body: z.object({ customerIds: z.array(z.uuid()).min(1).max(100) }).strict(),
        response: { 201: z.object({ items: z.array(z.object({ customerId: z.uuid(), code: z.string() })) }) },
      },
    },
    (req, reply) =>
      req.tenant(async (tx) => {
        const items = await issuePersonal(tx, sourceOf(req), req.params.id, req.body.customerIds);
        reply.code(201);
        return { items };
      }),
  );
  app.get(
    '/api/v1/loyalty/coupons/:code',
    {
      config: { permission: 'loyalty.read' },
      schema: {
        tags,
        summary: 'One coupon code (typed in any form: case, dashes, Turkish letters do not matter) with its terms and last redemptions',
        params: codeParams,
        response: { 200: codeDetailSchema },
      },
    },
    (req) => req.tenant((tx) => getCode(tx, req.params.code)),
  );
}
