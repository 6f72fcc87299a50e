import { z } from 'zod';
import { pageOf, pageQuery } from '../../../platform/http/pagination';
import { idParams, isoDate, text } from '../../../platform/http/schemas';
import type { HttpServer } from '../../../platform/http/server';
import { normalizePhone } from '../../../platform/phone';
import { createBrand, createStore, deleteBrand, getStore, listBrands, listStores, updateBrand, updateStore } from '../stores';
import { sourceOf } from './common';

const brandSchema = z.object({ id: z.uuid(), code: z.string(), name: z.string(), createdAt: isoDate }).meta({ id: 'Brand' });
const brandInput = z.object({ code: text(40), name: text(200) }).strict();

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/);
const openingHours = z.partialRecord(z.enum(DAYS), z.array(z.tuple([time, time]).refine(([a, b]) => a < b)).max(4));

const phone = z
  .string()
  .max(40)
  .transform((v, ctx) => {
    const e164 = normalizePhone(v);
    if (!e164) ctx.addIssue({ code: 'custom', params: { code: 'invalid_phone', key: 'validation.invalid_phone' } });
    return e164 ?? v;
  });

const storeSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    brandId: z.uuid().nullable(),
    city: z.string().nullable(),
    district: z.string().nullable(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    openingHours: openingHours.nullable(),
    active: z.boolean(),
    createdAt: isoDate,
  })
  .meta({ id: 'Store' });

const storeInput = z
  .object({
    code: text(40).regex(/^[\p{L}\p{N}._-]+$/u),
    name: text(200),
    brandId: z.uuid().nullable().optional(),
    city: text(100).nullable().optional(),
    district: text(100).nullable().optional(),
    address: text(500).nullable().optional(),
    phone: phone.nullable().optional(),
    openingHours: openingHours.nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict();

export function storeRoutes(app: HttpServer) {
  app.get(
    '/api/v1/brands',
    {
      config: { permission: 'stores.read' },
      schema: { tags: ['stores'], summary: 'Brands of the org', response: { 200: z.object({ items: z.array(brandSchema) }) } },
    },
    (req) => req.tenant(async (tx) => ({ items: await listBrands(tx) })),
  );
  app.post(
    '/api/v1/brands',
    {
      config: { permission: 'stores.manage', idempotent: true },
      schema: { tags: ['stores'], summary: 'Create a brand', body: brandInput, response: { 201: brandSchema } },
    },
    (req, reply) => {
      reply.code(201);
      return req.tenant((tx) => createBrand(tx, sourceOf(req), req.body));
    },
  );
  app.patch(
    '/api/v1/brands/:id',
    {
      config: { permission: 'stores.manage' },
      schema: { tags: ['stores'], summary: 'Rename a brand', params: idParams, body: brandInput.partial(), response: { 200: brandSchema } },
    },
    (req) => req.tenant((tx) => updateBrand(tx, sourceOf(req), req.params.id, req.body)),
  );
  app.delete(
    '/api/v1/brands/:id',
    {
      config: { permission: 'stores.manage' },
      schema: { tags: ['stores'], summary: 'Delete a brand without stores', params: idParams, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await req.tenant((tx) => deleteBrand(tx, sourceOf(req), req.params.id));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/stores',
    {
      config: { permission: 'stores.read' },
      schema: {
        tags: ['stores'],
        summary: 'Stores (store roles see only their own)',
        querystring: z
          .object({
            ...pageQuery,
            q: z.string().max(100).optional(),
            active: z
              .enum(['true', 'false'])
              .transform((v) => v === 'true')
              .optional(),
            brandId: z.uuid().optional(),
          })
          .strict(),
        response: { 200: pageOf(storeSchema) },
      },
    },
    (req) => req.tenant((tx) => listStores(tx, req.auth!.storeIds, req.query)),
  );
  app.get(
    '/api/v1/stores/:id',
    {
      config: { permission: 'stores.read' },
      schema: { tags: ['stores'], summary: 'One store', params: idParams, response: { 200: storeSchema } },
    },
    (req) => req.tenant((tx) => getStore(tx, req.auth!.storeIds, req.params.id)),
  );
  app.post(
    '/api/v1/stores',
    {
      config: { permission: 'stores.manage', idempotent: true },
      schema: { tags: ['stores'], summary: 'Create a store', body: storeInput, response: { 201: storeSchema } },
    },
    (req, reply) => {
      reply.code(201);
      return req.tenant((tx) => createStore(tx, sourceOf(req), req.body));
    },
  );
  app.patch(
    '/api/v1/stores/:id',
    {
      config: { permission: 'stores.manage' },
      schema: { tags: ['stores'], summary: 'Edit a store', params: idParams, body: storeInput.partial(), response: { 200: storeSchema } },
    },
    (req) => req.tenant((tx) => updateStore(tx, sourceOf(req), req.params.id, req.body)),
  );
}
