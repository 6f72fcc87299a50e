import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Tx } from '../../../platform/db/database';
import { pageOf, pageQuery } from '../../../platform/http/pagination';
import { notFound, Problem } from '../../../platform/http/problem';
import { idParams, isoDate } from '../../../platform/http/schemas';
import type { HttpServer } from '../../../platform/http/server';
import { orgClock } from '../../access/hot-settings';
import { sourceOf } from '../../access/routes/common';
import { storeIdsByCode } from '../../access/stores';
import { wishlistOf } from '../activity';
import { claimReceipt } from '../claims';
import { listReceipts, recordReceiptAtKnownStore, visibleReceipt } from '../receipts';
import { returnsOf } from '../returns';
import { customerPurchaseSummary } from '../service';
import { getSettings, saveSettings } from '../settings';
import { booleanQuery, instantOf, pageDates, receiptInput, receiptSchema, receiptSummarySchema, recordedReceiptSchema } from './schemas';

const tags = ['sales'];

export const actorOf = (req: FastifyRequest) => {
  const a = req.auth?.actor;
  return a ? { type: a.type, id: a.id } : undefined;
};

/** A store code of this org → its id; 422 `unknown_store`. */
export async function storeIdOf(tx: Tx, code: string): Promise<string> {
  const id = (await storeIdsByCode(tx, [code])).get(code);
  if (!id) throw new Problem(422, 'unknown_store', 'sales.unknown_store', { code: code.slice(0, 60) });
  return id;
}

const listQuery = z
  .object({
    ...pageQuery,
    storeId: z.uuid().optional(),
    storeCode: z.string().max(50).optional(),
    customerId: z.uuid().optional(),
    ...pageDates,
    source: z.enum(['pos', 'api', 'import']).optional(),
    hasCustomer: booleanQuery.optional().describe('true: recognised customers only; false: anonymous only'),
    receiptNumber: z.string().max(64).optional(),
  })
  .strict();

const settingsSchema = z
  .object({
    unknownSku: z.enum(['reject', 'adhoc']).describe('a receipt naming an SKU the catalog does not know: 422, or an ad-hoc line'),
    claimAnonymous: z.boolean().describe('anonymous POS receipts get a claim code'),
  })
  .meta({ id: 'SalesSettings' });

export const viewReceipt = async (tx: Tx, receipt: Awaited<ReturnType<typeof visibleReceipt>>) =>
  receipt ? { ...receipt, returns: await returnsOf(tx, { receiptId: receipt.id }) } : null;

export function receiptRoutes(app: HttpServer) {
  app.post(
    '/api/v1/sales/receipts',
    {
      config: { permission: 'sales.write', idempotent: true, prepared: true },
      schema: {
        tags,
        summary: 'Record a store receipt (idempotent on store + receipt number, and on Idempotency-Key)',
        description:
          '201 when recorded, 200 with `created: false` for a repeat with the same content; the same number with other content is a 409 `receipt_number_conflict`. Payments must add up to the total (422 `payments_mismatch`); unknown SKUs are a 422 `unknown_sku` unless the org accepts ad-hoc lines.',
        body: receiptInput,
        response: { 200: recordedReceiptSchema, 201: recordedReceiptSchema },
      },
    },
    (req, reply) =>
      req.tenant(async (tx) => {
        const { storeCode, occurredAt, ...rest } = req.body;
        const storeId = await storeIdOf(tx, storeCode);
        const org = await orgClock(tx);
        const { receipt, created } = await recordReceiptAtKnownStore(
          tx,
          { ...rest, storeId, occurredAt: instantOf(occurredAt, org.timezone) },
          { scope: req.auth!.storeIds, actor: actorOf(req), source: sourceOf(req) },
        );
        reply.code(created ? 201 : 200);
        // A receipt recorded just now has no returns yet.
        return { created, receipt: created ? { ...receipt, returns: [] } : (await viewReceipt(tx, receipt))! };
      }),
  );

  app.get(
    '/api/v1/sales/receipts',
    {
      config: { permission: 'sales.read' },
      schema: {
        tags,
        summary: 'Receipts, newest first; filters by store, customer, business days, source and recognised customer',
        querystring: listQuery,
        response: { 200: pageOf(receiptSummarySchema) },
      },
    },
    (req) =>
      req.tenant(async (tx) => {
        const { storeCode, ...filter } = req.query;
        let storeId = filter.storeId;
        if (storeCode) {
          storeId = (await storeIdsByCode(tx, [storeCode])).get(storeCode);
          if (!storeId) return { items: [], nextCursor: null };
        }
        return listReceipts(tx, req.auth!.storeIds, { ...filter, storeId });
      }),
  );

  app.get(
    '/api/v1/sales/receipts/:id',
    {
      config: { permission: 'sales.read' },
      schema: {
        tags,
        summary: 'One receipt with its lines, discounts, payments, returns and claim status',
        params: idParams,
        response: { 200: receiptSchema },
      },
    },
    (req) =>
      req.tenant(async (tx) => {
        const receipt = await viewReceipt(tx, await visibleReceipt(tx, req.auth!.storeIds, req.params.id));
        if (!receipt) throw notFound();
        return receipt;
      }),
  );

  app.post(
    '/api/v1/sales/claims',
    {
      config: { permission: 'sales.write', idempotent: true },
      schema: {
        tags,
        summary: 'Claim an anonymous receipt by its code for the customer with this phone (found or registered)',
        description:
          'Claim once: a second claim is a 409 `receipt_already_claimed`; an unknown code a 404 `claim_not_found`; codes expire after 30 days (410 `claim_expired`).',
        body: z.object({ code: z.string().trim().min(4).max(20), phone: z.string().trim().min(1).max(40) }).strict(),
        response: {
          200: z
            .object({
              receiptId: z.uuid(),
              customerId: z.uuid(),
              customerCreated: z.boolean(),
              total: z.number().int(),
              currency: z.string(),
            })
            .meta({ id: 'ClaimResult' }),
        },
      },
    },
    (req) =>
      req.tenant(async (tx) => {
        const result = await claimReceipt(tx, sourceOf(req), req.body.code, req.body.phone);
        return {
          receiptId: result.receipt.id,
          customerId: result.customerId,
          customerCreated: result.customerCreated,
          total: result.receipt.total,
          currency: result.receipt.currency,
        };
      }),
  );

  app.get(
    '/api/v1/sales/summary',
    {
      config: { permission: 'sales.read' },
      schema: {
        tags,
        summary: "A customer's purchases in numbers, and their wishlist (customer 360)",
        querystring: z.object({ customerId: z.uuid() }).strict(),
        response: {
          200: z
            .object({
              receipts: z.number().int().describe('store receipts plus online orders not cancelled'),
              spend: z.number().int().describe('paid minus refunded, minor units'),
              lastAt: isoDate.nullable(),
              wishlist: z.array(
                z.object({
                  sku: z.string(),
                  productId: z.uuid().nullable(),
                  productName: z.string().nullable(),
                  channel: z.string().nullable(),
                  addedAt: isoDate,
                }),
              ),
            })
            .meta({ id: 'PurchaseSummary' }),
        },
      },
    },
    (req) =>
      req.tenant(async (tx) => ({
        ...(await customerPurchaseSummary(tx, req.query.customerId)),
        wishlist: await wishlistOf(tx, req.query.customerId),
      })),
  );

  app.get(
    '/api/v1/sales/settings',
    {
      config: { permission: 'sales.read' },
      schema: { tags, summary: "The org's sales settings", response: { 200: settingsSchema } },
    },
    (req) => req.tenant((tx) => getSettings(tx)),
  );

  app.patch(
    '/api/v1/sales/settings',
    {
      config: { permission: 'org.manage' },
      schema: {
        tags,
        summary: 'Change the sales settings (unknown SKUs, claim codes for anonymous receipts)',
        body: settingsSchema.partial().strict(),
        response: { 200: settingsSchema },
      },
    },
    (req) => req.tenant((tx) => saveSettings(tx, sourceOf(req), req.body)),
  );
}
