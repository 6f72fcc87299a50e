import { z } from 'zod';
import { pageOf, pageQuery } from '../../../platform/http/pagination';
import { idParams } from '../../../platform/http/schemas';
import type { HttpServer } from '../../../platform/http/server';
import { sourceOf } from '../../access/routes/common';
import { getCustomerRow } from '../../customers/service';
import { consentHistory, currentConsents, recordConsents } from '../consents';
import { consentSchema, recordConsentInput } from './schemas';

const tags = ['privacy'];

const consentsView = z.object({ current: z.array(consentSchema), history: pageOf(consentSchema) }).meta({ id: 'CustomerConsents' });

export function consentRoutes(app: HttpServer) {
  app.get(
    '/api/v1/customers/:id/consents',
    {
      config: { permission: 'customers.read' },
      schema: {
        tags,
        summary: "The customer's current consent per channel and the history, newest first",
        params: idParams,
        querystring: z.object(pageQuery).strict(),
        response: { 200: consentsView },
      },
    },
    (req) =>
      req.tenant(async (tx) => {
        const { id } = await getCustomerRow(tx, req.params.id);
        return { current: await currentConsents(tx, id), history: await consentHistory(tx, id, req.query) };
      }),
  );

  app.post(
    '/api/v1/customers/:id/consents',
    {
      config: { permission: 'consents.write', idempotent: true },
      schema: {
        tags,
        summary: 'Record consent given or withdrawn for one or several channels (422 first_consent_revoked)',
        params: idParams,
        body: recordConsentInput,
        response: { 201: consentsView },
      },
    },
    (req, reply) =>
      req.tenant(async (tx) => {
        const { customerId } = await recordConsents(tx, sourceOf(req), req.params.id, req.body, req.auth!.storeIds);
        reply.code(201);
        return { current: await currentConsents(tx, customerId), history: await consentHistory(tx, customerId, { limit: 50 }) };
      }),
  );
}
