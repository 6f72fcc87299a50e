import { z } from 'zod';
import { pageOf, pageQuery } from '../../../platform/http/pagination';
import { idParams } from '../../../platform/http/schemas';
import type { HttpServer } from '../../../platform/http/server';
import { createSupplier, getSupplierRow, listSuppliers, updateSupplier, viewSupplier } from '../suppliers';
import { actorOf } from './products.routes';
import { supplierInput, supplierPatch, supplierSchema } from './schemas';

const tags = ['catalog'];

export function supplierRoutes(app: HttpServer) {
  app.get(
    '/api/v1/catalog/suppliers',
    {
      config: { permission: 'catalog.read' },
      schema: {
        tags,
        summary: 'Suppliers by name (Turkish-insensitive) or exact code',
        querystring: z.object({ ...pageQuery, q: z.string().max(200).optional() }).strict(),
        response: { 200: pageOf(supplierSchema) },
      },
    },
    (req) =>
      req.tenant(async (tx) => {
        const page = await listSuppliers(tx, req.query);
        return { ...page, items: page.items.map(viewSupplier) };
      }),
  );

  app.post(
    '/api/v1/catalog/suppliers',
    {
      config: { permission: 'catalog.write', idempotent: true },
      schema: {
        tags,
        summary: 'Create a supplier (409 supplier_code_taken when the code is in use)',
        body: supplierInput,
        response: { 201: supplierSchema },
      },
    },
    (req, reply) =>
      req.tenant(async (tx) => {
        const row = await createSupplier(tx, req.body, actorOf(req));
        reply.code(201);
        return viewSupplier(row);
      }),
  );

  app.get(
    '/api/v1/catalog/suppliers/:id',
    {
      config: { permission: 'catalog.read' },
      schema: { tags, summary: 'One supplier', params: idParams, response: { 200: supplierSchema } },
    },
    (req) => req.tenant(async (tx) => viewSupplier(await getSupplierRow(tx, req.params.id))),
  );

  app.patch(
    '/api/v1/catalog/suppliers/:id',
    {
      config: { permission: 'catalog.write' },
      schema: {
        tags,
        summary: 'Edit a supplier (null clears a field)',
        params: idParams,
        body: supplierPatch,
        response: { 200: supplierSchema },
      },
    },
    (req) => req.tenant(async (tx) => viewSupplier(await updateSupplier(tx, req.params.id, req.body, actorOf(req)))),
  );
}
