import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { savepoint, type Tx } from '../../../platform/db/database';
import { renderIssues, renderProblem } from '../../../platform/http/bulk';
import { pageOf, pageQuery } from '../../../platform/http/pagination';
import { Problem } from '../../../platform/http/problem';
import { idParams } from '../../../platform/http/schemas';
import type { HttpServer } from '../../../platform/http/server';
import type { Locale } from '../../../platform/i18n';
import {
  getProductRow,
  listBrands,
  listCategories,
  listProducts,
  patchProduct,
  productByCode,
  viewProduct,
  viewProducts,
  viewProductsByIds,
} from '../products';
import { normalizeProductInput, type ProductInput, upsertProducts, type WriteOptions } from '../service';
import { BULK_MAX, bulkInput, bulkResult, productInput, productPatch, productSchema } from './schemas';

const tags = ['catalog'];

export const actorOf = (req: FastifyRequest): WriteOptions => {
  const a = req.auth?.actor;
  return a ? { actor: { type: a.type, id: a.id } } : {};
};

const listQuery = z
  .object({
    ...pageQuery,
    q: z.string().max(200).optional().describe('a SKU or barcode, or part of a SKU or name (Turkish-insensitive)'),
    category: z.string().max(800).optional().describe('a category path with `>` or `/` between the levels: products in it or below'),
    brand: z.string().max(100).optional(),
    supplierId: z.uuid().optional(),
    active: z.enum(['true', 'false']).optional(),
  })
  .strict();

/** A one-product call reports its fields as `/name`, not as the batch's `/0/name`. */
async function single<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const fieldErrors = err instanceof Problem ? (err.extra as { fieldErrors?: { field: string }[] }).fieldErrors : undefined;
    for (const f of fieldErrors ?? []) f.field = f.field.replace(/^\/0(?=\/)/, '');
    throw err;
  }
}

type Item = z.infer<typeof bulkResult>['items'][number];

/**
 * Upserts a batch: every item is validated on its own; the valid ones go through upsertProducts in
 * one call, and only if that fails (a barcode taken, a supplier unknown…) item by item, each under
 * its own savepoint, so one bad item never blocks the others and nothing of it is half written.
 */
async function bulkUpsert(tx: Tx, locale: Locale, raw: unknown[], options: WriteOptions) {
  const items: Item[] = raw.map((_, index) => ({ index, sku: null, status: 'failed', id: null, error: null }));
  const valid: { index: number; input: ProductInput }[] = [];
  const skus = new Set<string>();
  raw.forEach((value, index) => {
    const parsed = productInput.safeParse(value, { reportInput: true });
    if (!parsed.success) {
      items[index].error = renderIssues(locale, parsed.error.issues);
      if (value && typeof value === 'object' && typeof (value as { sku?: unknown }).sku === 'string')
        items[index].sku = (value as { sku: string }).sku;
      return;
    }
    items[index].sku = parsed.data.sku;
    try {
      const n = normalizeProductInput(parsed.data);
      if (skus.has(n.sku)) throw new Problem(400, 'duplicate_sku', 'catalog.duplicate_sku', { sku: n.sku });
      skus.add(n.sku);
      items[index].sku = n.sku;
      valid.push({ index, input: parsed.data });
    } catch (err) {
      if (!(err instanceof Problem)) throw err;
      items[index].error = renderProblem(locale, err);
    }
  });
  const record = (index: number, id: string, status: Item['status']) => {
    items[index].id = id;
    items[index].status = status;
  };
  if (valid.length > 0) {
    try {
      const result = await savepoint(tx, () =>
        upsertProducts(
          tx,
          valid.map((v) => v.input),
          options,
        ),
      );
      valid.forEach((v, k) => {
        record(v.index, result.products[k].id, result.outcomes[k]);
      });
    } catch (err) {
      if (!(err instanceof Problem)) throw err;
      for (const v of valid) {
        try {
          const result = await savepoint(tx, () => upsertProducts(tx, [v.input], options));
          record(v.index, result.products[0].id, result.outcomes[0]);
        } catch (e) {
          if (!(e instanceof Problem)) throw e;
          items[v.index].error = renderProblem(locale, e);
        }
      }
    }
  }
  const count = (s: Item['status']) => items.filter((i) => i.status === s).length;
  return { created: count('created'), updated: count('updated'), unchanged: count('unchanged'), failed: count('failed'), items };
}

export function productRoutes(app: HttpServer) {
  app.get(
    '/api/v1/catalog/products',
    {
      config: { permission: 'catalog.read' },
      schema: {
        tags,
        summary: 'Search products by SKU, barcode or name (Turkish-insensitive), with category, brand and supplier filters',
        querystring: listQuery,
        response: { 200: pageOf(productSchema) },
      },
    },
    (req) =>
      req.tenant(async (tx) => {
        const { active, ...rest } = req.query;
        const page = await listProducts(tx, { ...rest, active: active === undefined ? undefined : active === 'true' });
        return { ...page, items: await viewProducts(tx, page.items) };
      }),
  );

  app.post(
    '/api/v1/catalog/products',
    {
      config: { permission: 'catalog.write', idempotent: true },
      schema: {
        tags,
        summary: 'Create or update a product by SKU (201 created, 200 updated or unchanged)',
        body: productInput,
        response: { 200: productSchema, 201: productSchema },
      },
    },
    (req, reply) =>
      req.tenant(async (tx) => {
        const result = await single(() => upsertProducts(tx, [req.body], actorOf(req)));
        reply.code(result.created ? 201 : 200);
        return viewProduct(tx, await getProductRow(tx, result.products[0].id));
      }),
  );

  app.post(
    '/api/v1/catalog/products/bulk',
    {
      bodyLimit: 8 * 1024 * 1024,
      config: { permission: 'catalog.write', idempotent: true },
      schema: {
        tags,
        summary: `Create or update up to ${BULK_MAX} products by SKU; each item succeeds or fails on its own`,
        body: bulkInput,
        response: { 200: bulkResult },
      },
    },
    (req) => req.tenant((tx) => bulkUpsert(tx, req.locale, req.body.products, actorOf(req))),
  );

  app.get(
    '/api/v1/catalog/products/by-code/:code',
    {
      config: { permission: 'catalog.read' },
      schema: {
        tags,
        summary: 'The product with this SKU or barcode (what a scanner sends)',
        params: z.object({ code: z.string().min(1).max(100) }),
        response: { 200: productSchema },
      },
    },
    (req) => req.tenant(async (tx) => viewProduct(tx, await productByCode(tx, req.params.code))),
  );

  app.get(
    '/api/v1/catalog/products/:id',
    {
      config: { permission: 'catalog.read' },
      schema: { tags, summary: 'One product', params: idParams, response: { 200: productSchema } },
    },
    (req) => req.tenant(async (tx) => viewProduct(tx, await getProductRow(tx, req.params.id))),
  );

  app.patch(
    '/api/v1/catalog/products/:id',
    {
      config: { permission: 'catalog.write' },
      schema: {
        tags,
        summary: 'Edit a product (null clears a field; barcodes and attributes, when given, replace the lists)',
        params: idParams,
        body: productPatch,
        response: { 200: productSchema },
      },
    },
    (req) =>
      req.tenant(async (tx) => {
        await single(() => patchProduct(tx, req.params.id, req.body, actorOf(req)));
        const [view] = await viewProductsByIds(tx, [req.params.id]);
        return view;
      }),
  );

  app.get(
    '/api/v1/catalog/categories',
    {
      config: { permission: 'catalog.read' },
      schema: {
        tags,
        summary: 'Every category path and its ancestors, with the number of products in or below each',
        response: { 200: z.object({ items: z.array(z.object({ path: z.array(z.string()), productCount: z.number().int() })) }) },
      },
    },
    (req) => req.tenant(async (tx) => ({ items: await listCategories(tx) })),
  );

  app.get(
    '/api/v1/catalog/brands',
    {
      config: { permission: 'catalog.read' },
      schema: {
        tags,
        summary: 'Every brand of the catalog with its number of products',
        response: { 200: z.object({ items: z.array(z.object({ brand: z.string(), productCount: z.number().int() })) }) },
      },
    },
    (req) => req.tenant(async (tx) => ({ items: await listBrands(tx) })),
  );
}
