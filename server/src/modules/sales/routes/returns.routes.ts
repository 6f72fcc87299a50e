import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Tx } from '../../../platform/db/database';
import { pageOf, pageQuery } from '../../../platform/http/pagination';
import { notFound, Problem } from '../../../platform/http/problem';
import { idParams } from '../../../platform/http/schemas';
import type { HttpServer } from '../../../platform/http/server';
import { getOrg } from '../../access/orgs';
import { storeIdsByCode } from '../../access/stores';
import type { SaleLine } from '../lines';
import { findOrder, getOrder, type Order } from '../orders';
import { findReceipt, getReceipt, type Receipt } from '../receipts';
import { getReturn, listReturns, recordReturn } from '../returns';
import { RETURNABLE_ORDER_STATUSES } from '../values';
import { storeIdOf } from './receipts.routes';
import { channelInput, instantOf, pageDates, recordedReturnSchema, returnableSchema, returnInput, returnSchema } from './schemas';

const tags = ['sales'];

const actorOf = (req: FastifyRequest) => {
  const a = req.auth?.actor;
  return a ? { type: a.type, id: a.id } : undefined;
};

interface OriginQuery {
  receiptId?: string;
  orderId?: string;
  receiptNumber?: string;
  receiptStoreCode?: string;
  storeCode?: string;
  channel?: string;
  orderNumber?: string;
}

/** The original a return names: by id, by store + receipt number, or by channel + order number. 404 when unknown. */
async function originOf(tx: Tx, q: OriginQuery): Promise<{ receipt: Receipt } | { order: Order }> {
  const forms = [q.receiptId, q.orderId, q.receiptNumber, q.orderNumber].filter(Boolean).length;
  if (forms !== 1 || (q.orderNumber && !q.channel)) throw new Problem(400, 'origin_required', 'sales.origin_required');
  if (q.receiptId) {
    const receipt = await getReceipt(tx, q.receiptId);
    if (!receipt) throw notFound();
    return { receipt };
  }
  if (q.orderId) {
    const order = await getOrder(tx, q.orderId);
    if (!order) throw notFound();
    return { order };
  }
  if (q.receiptNumber) {
    const code = q.receiptStoreCode ?? q.storeCode;
    if (!code) throw new Problem(400, 'origin_required', 'sales.origin_required');
    const storeId = (await storeIdsByCode(tx, [code])).get(code);
    const receipt = storeId ? await findReceipt(tx, storeId, q.receiptNumber.trim()) : null;
    if (!receipt) throw notFound();
    return { receipt };
  }
  const order = await findOrder(tx, q.channel!, q.orderNumber!);
  if (!order) throw notFound();
  return { order };
}

const available = (l: SaleLine) => Math.round((l.quantity - l.returnedQuantity) * 1000) / 1000;

const listQuery = z
  .object({
    ...pageQuery,
    storeId: z.uuid().optional(),
    channel: channelInput.optional(),
    customerId: z.uuid().optional(),
    receiptId: z.uuid().optional(),
    orderId: z.uuid().optional(),
    ...pageDates,
  })
  .strict();

const returnableQuery = z
  .object({
    receiptId: z.uuid().optional(),
    orderId: z.uuid().optional(),
    storeCode: z.string().trim().min(1).max(50).optional(),
    receiptNumber: z.string().trim().min(1).max(64).optional(),
    channel: channelInput.optional(),
    orderNumber: z.string().trim().min(1).max(64).optional(),
  })
  .strict();

export function returnRoutes(app: HttpServer) {
  app.get(
    '/api/v1/sales/returnable',
    {
      config: { permission: 'sales.return' },
      schema: {
        tags,
        summary: 'Find a receipt (store code + number) or an order (channel + number) to return, with what is still returnable',
        description: 'Any store may take back a purchase of any store or channel, so this lookup is not limited to the caller’s stores.',
        querystring: returnableQuery,
        response: { 200: returnableSchema },
      },
    },
    (req) =>
      req.tenant(async (tx) => {
        const origin = await originOf(tx, req.query);
        if ('receipt' in origin) {
          const r = origin.receipt;
          return {
            kind: 'receipt' as const,
            id: r.id,
            number: r.receiptNumber,
            storeId: r.storeId,
            channel: null,
            status: null,
            returnable: true,
            occurredAt: r.occurredAt,
            customerId: r.customerId,
            currency: r.currency,
            total: r.total,
            lines: r.lines.map((l) => ({ ...l, available: available(l) })),
          };
        }
        const o = origin.order;
        return {
          kind: 'order' as const,
          id: o.id,
          number: o.orderNumber,
          storeId: o.clickCollectStoreId,
          channel: o.channel,
          status: o.status,
          returnable: RETURNABLE_ORDER_STATUSES.includes(o.status),
          occurredAt: o.placedAt,
          customerId: o.customerId,
          currency: o.currency,
          total: o.total,
          lines: o.lines.map((l) => ({ ...l, available: available(l) })),
        };
      }),
  );

  app.post(
    '/api/v1/sales/returns',
    {
      config: { permission: 'sales.return', idempotent: true },
      schema: {
        tags,
        summary: 'Return lines of a receipt or an online order, in a store or through a channel',
        description:
          'Refunds are pro rata of each line’s net total. More than bought minus already returned is a 422 `return_exceeds_purchase`; an order that has not shipped a 409 `order_not_returnable`. Idempotent on Idempotency-Key and on (store, returnNumber).',
        body: returnInput,
        response: { 200: recordedReturnSchema, 201: recordedReturnSchema },
      },
    },
    (req, reply) =>
      req.tenant(async (tx) => {
        const b = req.body;
        const origin = await originOf(tx, b);
        const storeId = b.storeCode ? await storeIdOf(tx, b.storeCode) : null;
        const org = await getOrg(tx);
        const { ret, created } = await recordReturn(
          tx,
          {
            receiptId: 'receipt' in origin ? origin.receipt.id : null,
            orderId: 'order' in origin ? origin.order.id : null,
            storeId,
            channel: b.returnChannel ?? null,
            returnNumber: b.returnNumber ?? null,
            lines: b.lines,
            reason: b.reason ?? null,
            exchangeReceiptId: b.exchangeReceiptId ?? null,
            occurredAt: b.occurredAt ? instantOf(b.occurredAt, org.timezone) : undefined,
          },
          { scope: req.auth!.storeIds, actor: actorOf(req) },
        );
        reply.code(created ? 201 : 200);
        return { created, return: ret };
      }),
  );

  app.get(
    '/api/v1/sales/returns',
    {
      config: { permission: 'sales.read' },
      schema: {
        tags,
        summary: 'Returns, newest first; store-scoped callers see the returns taken in their stores',
        querystring: listQuery,
        response: { 200: pageOf(returnSchema) },
      },
    },
    (req) => req.tenant((tx) => listReturns(tx, req.auth!.storeIds, req.query)),
  );

  app.get(
    '/api/v1/sales/returns/:id',
    {
      config: { permission: 'sales.read' },
      schema: { tags, summary: 'One return with its lines and refunds', params: idParams, response: { 200: returnSchema } },
    },
    (req) =>
      req.tenant(async (tx) => {
        const ret = await getReturn(tx, req.params.id);
        const scope = req.auth!.storeIds;
        if (!ret || (scope && (!ret.storeId || !scope.includes(ret.storeId)))) throw notFound();
        return ret;
      }),
  );
}
