import { z } from 'zod';
import { idParams, isoDate, text } from '../../../platform/http/schemas';
import type { HttpServer } from '../../../platform/http/server';
import { createApiKey, listApiKeys, revokeApiKey } from '../api-keys';
import { scopeSchema, sourceOf } from './common';

const apiKeySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string(),
    scopes: z.array(scopeSchema),
    storeId: z.uuid().nullable(),
    storeCode: z.string().nullable(),
    createdAt: isoDate,
    lastUsedAt: isoDate.nullable(),
    revokedAt: isoDate.nullable(),
  })
  .meta({ id: 'ApiKey' });

export function apiKeyRoutes(app: HttpServer) {
  app.get(
    '/api/v1/api-keys',
    {
      config: { permission: 'api_keys.manage' },
      schema: {
        tags: ['api-keys'],
        summary: 'API keys (never the secrets)',
        response: { 200: z.object({ items: z.array(apiKeySchema) }) },
      },
    },
    (req) => req.tenant(async (tx) => ({ items: await listApiKeys(tx) })),
  );
  app.post(
    '/api/v1/api-keys',
    {
      config: { permission: 'api_keys.manage' },
      schema: {
        tags: ['api-keys'],
        summary: 'Create an API key; `key` is shown only in this answer',
        body: z.object({ name: text(100), scopes: z.array(scopeSchema).min(1).max(3), storeCode: text(40).optional() }).strict(),
        response: { 201: apiKeySchema.extend({ key: z.string() }) },
      },
    },
    (req, reply) => {
      reply.code(201);
      return req.tenant((tx) => createApiKey(tx, sourceOf(req), req.body));
    },
  );
  app.delete(
    '/api/v1/api-keys/:id',
    {
      config: { permission: 'api_keys.manage' },
      schema: { tags: ['api-keys'], summary: 'Revoke an API key', params: idParams, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await req.tenant((tx) => revokeApiKey(tx, sourceOf(req), req.params.id));
      return reply.code(204).send(null);
    },
  );
}
