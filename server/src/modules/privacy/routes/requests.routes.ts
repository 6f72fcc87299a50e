import { z } from 'zod';
import { pageOf, pageQuery } from '../../../platform/http/pagination';
import { idParams } from '../../../platform/http/schemas';
import type { HttpServer } from '../../../platform/http/server';
import { sourceOf } from '../../access/routes/common';
import { REQUEST_STATUSES, REQUEST_TYPES } from '../request-kinds';
import { createRequest, executeRequest, getRequest, listRequests, type PrivacyRequestRow, requestExport, updateRequest } from '../requests';
import { requestSchema } from './schemas';

const tags = ['privacy'];
const config = { permission: 'privacy.manage' };

const view = ({ exportData, orgId: _org, ...row }: PrivacyRequestRow) => ({ ...row, hasExport: exportData !== null });

const note = z.string().trim().max(5000).nullable().optional();

export function requestRoutes(app: HttpServer) {
  app.get(
    '/api/v1/privacy/requests',
    {
      config,
      schema: {
        tags,
        summary: 'Data-subject requests (KVKK Art. 11), earliest due first',
        querystring: z
          .object({
            ...pageQuery,
            status: z.enum(REQUEST_STATUSES).optional(),
            overdue: z.enum(['true', 'false']).optional().describe('Only open requests past their due date'),
            customerId: z.uuid().optional(),
          })
          .strict(),
        response: { 200: pageOf(requestSchema) },
      },
    },
    (req) =>
      req.tenant(async (tx) => {
        const page = await listRequests(tx, { ...req.query, overdue: req.query.overdue === 'true' });
        return { ...page, items: page.items.map(view) };
      }),
  );

  app.post(
    '/api/v1/privacy/requests',
    {
      config: { ...config, idempotent: true },
      schema: {
        tags,
        summary: 'Register a request; it is due 30 days after receipt',
        body: z
          .object({
            customerId: z.uuid(),
            type: z.enum(REQUEST_TYPES),
            receivedAt: z.coerce.date().optional(),
            ownerId: z.uuid().nullable().optional(),
            notes: note,
          })
          .strict(),
        response: { 201: requestSchema },
      },
    },
    (req, reply) =>
      req.tenant(async (tx) => {
        reply.code(201);
        return view(await createRequest(tx, sourceOf(req), req.body));
      }),
  );

  app.get(
    '/api/v1/privacy/requests/:id',
    { config, schema: { tags, summary: 'One request with its history', params: idParams, response: { 200: requestSchema } } },
    (req) => req.tenant(async (tx) => view(await getRequest(tx, req.params.id))),
  );

  app.patch(
    '/api/v1/privacy/requests/:id',
    {
      config,
      schema: {
        tags,
        summary: 'Change status, owner, notes or resolution (every status change is audited)',
        params: idParams,
        body: z
          .object({ status: z.enum(REQUEST_STATUSES).optional(), ownerId: z.uuid().nullable().optional(), notes: note, resolution: note })
          .strict(),
        response: { 200: requestSchema },
      },
    },
    (req) => req.tenant(async (tx) => view(await updateRequest(tx, sourceOf(req), req.params.id, req.body))),
  );

  app.post(
    '/api/v1/privacy/requests/:id/execute',
    {
      config: { ...config, idempotent: true },
      schema: {
        tags,
        summary: 'Carry out an access (export), erasure (anonymise) or objection (revoke marketing consents) request',
        params: idParams,
        response: { 200: requestSchema },
      },
    },
    (req) => req.tenant(async (tx) => view(await executeRequest(tx, sourceOf(req), req.params.id))),
  );

  app.get(
    '/api/v1/privacy/requests/:id/export',
    {
      config,
      schema: {
        tags,
        summary: 'Download the machine-readable export of an executed access request',
        params: idParams,
        response: { 200: z.object({ request: z.record(z.string(), z.unknown()), data: z.unknown() }) },
      },
    },
    (req, reply) =>
      req.tenant(async (tx) => {
        const out = await requestExport(tx, sourceOf(req), req.params.id);
        reply.header('content-disposition', `attachment; filename="kvkk-export-${req.params.id}.json"`);
        return out;
      }),
  );
}
