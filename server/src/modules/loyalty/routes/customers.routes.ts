import { z } from 'zod';
import { pageOf, pageQuery } from '../../../platform/http/pagination';
import { idParams } from '../../../platform/http/schemas';
import type { HttpServer } from '../../../platform/http/server';
import { sourceOf } from '../../access/routes/common';
import { getCustomerRow } from '../../customers/service';
import { adjustPoints, customerLedger, customerLoyalty, stampManually } from '../customer';
import {
  adjustBody,
  adjustResponse,
  customerLoyaltySchema,
  idempotencyHeader,
  ledgerEntrySchema,
  requireIdempotencyKey,
  stampBody,
  stampResponse,
} from './schemas';

const tags = ['loyalty'];

export function customerRoutes(app: HttpServer) {
  app.get(
    '/api/v1/loyalty/customers/:id',
    {
      config: { permission: 'loyalty.read' },
      schema: {
        tags,
        summary:
          'A customer’s loyalty: balance and its value per program, tier and the way to the next one, points expiring soon, stamp cards, usable coupons',
        params: idParams,
        response: { 200: customerLoyaltySchema },
      },
    },
    (req) => req.tenant((tx) => customerLoyalty(tx, req.params.id)),
  );
  app.get(
    '/api/v1/loyalty/customers/:id/ledger',
    {
      config: { permission: 'loyalty.read' },
      schema: {
        tags,
        summary: 'The customer’s points ledger, newest first (earn, bonus, burn, expire, adjust, reversal)',
        params: idParams,
        querystring: z.object({ ...pageQuery, programId: z.uuid().optional() }).strict(),
        response: { 200: pageOf(ledgerEntrySchema) },
      },
    },
    (req) => req.tenant((tx) => customerLedger(tx, req.params.id, req.query)),
  );
  app.post(
    '/api/v1/loyalty/customers/:id/adjust',
    {
      config: { permission: 'loyalty.adjust', idempotent: true },
      schema: {
        tags,
        summary: 'A manual points adjustment with a reason (positive or negative; never below a zero balance: 422 `insufficient_points`)',
        description: '`Idempotency-Key` is required (400 `idempotency_key_required`).',
        params: idParams,
        headers: idempotencyHeader.partial(),
        body: adjustBody,
        response: { 201: adjustResponse },
      },
    },
    async (req, reply) => {
      await keyOr404(req);
      return req.tenant(async (tx) => {
        const result = await adjustPoints(tx, sourceOf(req), req.params.id, req.body);
        reply.code(201);
        return result;
      });
    },
  );
  app.post(
    '/api/v1/loyalty/customers/:id/stamps',
    {
      config: { permission: 'pos.use', idempotent: true },
      schema: {
        tags,
        summary: 'The counter’s one-tap stamp button: stamps on a card; a completed card issues its reward coupon',
        description: '`Idempotency-Key` is required (400 `idempotency_key_required`), so a double tap stamps once.',
        params: idParams,
        headers: idempotencyHeader.partial(),
        body: stampBody,
        response: { 201: stampResponse },
      },
    },
    async (req, reply) => {
      await keyOr404(req);
      return req.tenant(async (tx) => {
        const result = await stampManually(tx, sourceOf(req), req.params.id, req.body, req.locale);
        reply.code(201);
        return result;
      });
    },
  );
}

/** Without an Idempotency-Key: 404 for a customer that is not the org's, else 400. */
async function keyOr404(req: Parameters<typeof requireIdempotencyKey>[0] & { params: { id: string } }) {
  if (req.headers['idempotency-key'] !== undefined) return;
  await req.tenant((tx) => getCustomerRow(tx, req.params.id));
  requireIdempotencyKey(req);
}
