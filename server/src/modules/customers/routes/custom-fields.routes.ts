import { z } from 'zod';
import type { HttpServer } from '../../../platform/http/server';
import { sourceOf } from '../../access/routes/common';
import { CUSTOM_FIELD_TYPES, createCustomField, deleteCustomField, listCustomFields, updateCustomField } from '../custom-fields';
import { customFieldSchema } from './schemas';

const tags = ['customers'];
const keyParams = z.object({ key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/) });
const options = z.array(z.string().trim().min(1).max(100)).max(100);

export function customFieldRoutes(app: HttpServer) {
  app.get(
    '/api/v1/custom-fields',
    {
      config: { permission: 'customers.read' },
      schema: { tags, summary: 'Custom customer fields of the org', response: { 200: z.object({ items: z.array(customFieldSchema) }) } },
    },
    (req) => req.tenant(async (tx) => ({ items: (await listCustomFields(tx)) as z.infer<typeof customFieldSchema>[] })),
  );
  app.post(
    '/api/v1/custom-fields',
    {
      config: { permission: 'customers.settings', idempotent: true },
      schema: {
        tags,
        summary: 'Define a custom field',
        body: z
          .object({
            key: keyParams.shape.key,
            label: z.string().trim().min(1).max(100),
            type: z.enum(CUSTOM_FIELD_TYPES),
            options: options.optional(),
            position: z.number().int().min(0).max(1000).optional(),
          })
          .strict(),
        response: { 201: customFieldSchema },
      },
    },
    (req, reply) =>
      req.tenant(async (tx) => {
        reply.code(201);
        return (await createCustomField(tx, sourceOf(req), req.body)) as z.infer<typeof customFieldSchema>;
      }),
  );
  app.patch(
    '/api/v1/custom-fields/:key',
    {
      config: { permission: 'customers.settings' },
      schema: {
        tags,
        summary: 'Rename a custom field or change its options (its type is fixed)',
        params: keyParams,
        body: z
          .object({ label: z.string().trim().min(1).max(100), options, position: z.number().int().min(0).max(1000) })
          .partial()
          .strict(),
        response: { 200: customFieldSchema },
      },
    },
    (req) =>
      req.tenant(async (tx) => (await updateCustomField(tx, sourceOf(req), req.params.key, req.body)) as z.infer<typeof customFieldSchema>),
  );
  app.delete(
    '/api/v1/custom-fields/:key',
    {
      config: { permission: 'customers.settings' },
      schema: {
        tags,
        summary: 'Delete a custom field definition (stored values stay until edited)',
        params: keyParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await req.tenant((tx) => deleteCustomField(tx, sourceOf(req), req.params.key));
      return reply.code(204).send(null);
    },
  );
}
