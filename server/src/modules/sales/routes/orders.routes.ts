import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Tx } from '../../../platform/db/database';
import { pageOf, pageQuery } from '../../../platform/http/pagination';
import { notFound } from '../../../platform/http/problem';
import { idParams } from '../../../platform/http/schemas';
import type { HttpServer } from '../../../platform/http/server';
import { getOrg } from '../../access/orgs';
import { changeOrderStatus, getOrder, listOrders, type Order, upsertOrder } from '../orders';
import { returnsOf } from '../returns';
import { ORDER_STATUSES } from '../values';
import { storeIdOf } from './receipts.routes';
import { booleanQuery, channelInput, instantOf, orderInput, orderSchema, orderSummarySchema, pageDates, tillTime } from './schemas';

const tags = ['sales'];

const actorOf = (req: FastifyRequest) => {
  const a = req.auth?.actor;
  return a ? { type: a.type, id: a.id } : undefined;
};

const viewOrder = async (tx: Tx, order: Order) => ({ ...order, returns: await returnsOf(tx, { orderId: order.id }) });

const recordedOrder = z.object({ created: z.boolean(), order: orderSchema }).meta({ id: 'RecordedOrder' });

const listQuery = z
  .object({
    ...pageQuery,
    channel: channelInput.optional(),
    status: z.enum(ORDER_STATUSES).optional(),
    customerId: z.uuid().optional(),
    clickCollectStoreId: z.uuid().optional(),
    ...pageDates,
    hasCustomer: booleanQuery.optional(),
    orderNumber: z.string().max(64).optional(),
  })
  .strict();

export function orderRoutes(app: HttpServer) {
  app.post(
    '/api/v1/sales/orders',
    {
      config: { permission: 'sales.write', idempotent: true },
      schema: {
        tags,
        summary: 'Create or update an online order by channel + order number',
        description:
          '201 when created, 200 when it was known (changed lines replace the old ones until the order has returns: 409 `order_locked`). A different `status` is a lifecycle transition (409 `invalid_status_transition`).',
        body: orderInput,
        response: { 200: recordedOrder, 201: recordedOrder },
      },
    },
    (req, reply) =>
      req.tenant(async (tx) => {
        const { clickCollectStoreCode, placedAt, ...rest } = req.body;
        const org = await getOrg(tx);
        const clickCollectStoreId = clickCollectStoreCode ? await storeIdOf(tx, clickCollectStoreCode) : null;
        const { order, created } = await upsertOrder(
          tx,
          { ...rest, clickCollectStoreId, placedAt: instantOf(placedAt, org.timezone) },
          { actor: actorOf(req) },
        );
        reply.code(created ? 201 : 200);
        return { created, order: await viewOrder(tx, order) };
      }),
  );

  app.post(
    '/api/v1/sales/orders/:id/status',
    {
      config: { permission: 'sales.write', idempotent: true },
      schema: {
        tags,
        summary: 'Move an order along created → paid → shipped → delivered (or cancelled)',
        description: 'The same status again changes nothing; a move the lifecycle does not allow is a 409 `invalid_status_transition`.',
        params: idParams,
        body: z.object({ status: z.enum(ORDER_STATUSES), at: tillTime.optional() }).strict(),
        response: { 200: orderSchema },
      },
    },
    (req) =>
      req.tenant(async (tx) => {
        const org = await getOrg(tx);
        const at = req.body.at ? instantOf(req.body.at, org.timezone) : undefined;
        const result = await changeOrderStatus(tx, req.params.id, req.body.status, { at, actor: actorOf(req) });
        if (!result) throw notFound();
        return viewOrder(tx, result.order);
      }),
  );

  app.get(
    '/api/v1/sales/orders',
    {
      config: { permission: 'sales.read' },
      schema: {
        tags,
        summary: 'Online orders, newest first; filters by channel, status, customer, click & collect store and business days',
        querystring: listQuery,
        response: { 200: pageOf(orderSummarySchema) },
      },
    },
    (req) => req.tenant((tx) => listOrders(tx, req.query)),
  );

  app.get(
    '/api/v1/sales/orders/:id',
    {
      config: { permission: 'sales.read' },
      schema: { tags, summary: 'One order with its lines, status history and returns', params: idParams, response: { 200: orderSchema } },
    },
    (req) =>
      req.tenant(async (tx) => {
        const order = await getOrder(tx, req.params.id);
        if (!order) throw notFound();
        return viewOrder(tx, order);
      }),
  );
}
