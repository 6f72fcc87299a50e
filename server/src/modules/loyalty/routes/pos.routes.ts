import { notFound } from '../../../platform/http/problem';
import { idParams } from '../../../platform/http/schemas';
import type { HttpServer } from '../../../platform/http/server';
import { getReceipt } from '../../sales/service';
import { evaluateBasket, evaluationView, prepareBasket } from '../basket';
import { orgClock } from '../config';
import { commitReceipt, identify, refundReceipt } from '../pos';
import {
  callerOf,
  commitBody,
  commitResponse,
  evaluateBody,
  evaluationSchema,
  idempotencyHeader,
  identifyBody,
  identifyResponse,
  instantOf,
  refundBody,
  refundResponse,
  requireIdempotencyKey,
} from './schemas';

const tags = ['pos'];
const POS_AUTH =
  'Authenticated with a `pos` API key bound to one store (`Authorization: Bearer mk_…`), or a signed-in user with `pos.use`. A store-bound caller acting for another store gets 403 `store_not_allowed`.';

export function posRoutes(app: HttpServer) {
  app.post(
    '/api/v1/pos/identify',
    {
      config: { permission: 'pos.use', prepared: true },
      schema: {
        tags,
        summary: 'Who is at the till: a customer summary by phone, card, customer id or claim QR — or "not found" with a quick-enrol hint',
        description: `Not found is an ordinary answer (200, \`found: false\`), not a 404. An invalid phone is a 400 \`INVALID_PHONE\`. ${POS_AUTH}`,
        body: identifyBody,
        response: { 200: identifyResponse },
      },
    },
    (req) => req.tenant((tx) => identify(tx, req.body, callerOf(req))),
  );

  app.post(
    '/api/v1/pos/evaluate',
    {
      config: { permission: 'pos.use', prepared: true },
      schema: {
        tags,
        summary:
          'Evaluate a basket: line discounts with reasons, coupons, points to earn and redeemable, receipt-bottom coupons, stamps (no writes)',
        description: `Unknown SKUs are a 422 \`unknown_sku\` naming them unless the org accepts ad-hoc lines (sales settings); an unknown store a 422 \`unknown_store\`. Coupon problems are answers here (\`coupons[].status\`), not errors. ${POS_AUTH}`,
        body: evaluateBody,
        response: { 200: evaluationSchema },
      },
    },
    (req) =>
      req.tenant(async (tx) => {
        const caller = callerOf(req);
        const { timezone } = await orgClock(tx);
        const input = { ...req.body, occurredAt: req.body.occurredAt ? instantOf(req.body.occurredAt, timezone) : undefined };
        const prepared = await prepareBasket(tx, input, caller, { commit: false });
        return evaluationView(prepared, evaluateBasket(prepared, input, caller.locale), caller.locale);
      }),
  );

  app.post(
    '/api/v1/pos/receipts',
    {
      config: { permission: 'pos.use', idempotent: true, prepared: true },
      schema: {
        tags,
        summary:
          'Commit a receipt: re-evaluated, then receipt, points, coupons, stamps, issued coupons, tier and events in one transaction',
        description: [
          '`Idempotency-Key` is required (400 `idempotency_key_required`): a retry replays the first answer. Client discounts are never trusted: the basket is evaluated again.',
          'A coupon that cannot be used fails the commit: 409 `COUPON_ALREADY_USED` (single-use code used, also under concurrency), 409 `COUPON_USAGE_LIMIT_REACHED`, 409 `COUPON_ALREADY_USED_BY_CUSTOMER`, 422 `coupon_not_found` / `coupon_invalid` (with `couponCode` and `reason`).',
          'Points: 422 `insufficient_points` (concurrent redemptions queue on the account; the balance never goes negative), 422 `points_redemption_invalid` (with `reason`, `maxPoints`), 422 `customer_required`.',
          'Payments (without points) plus the points payment must add up to the total: 422 `payments_mismatch`. Same store and receipt number with other content: 409 `receipt_number_conflict`; with the same content: 200 with `replayed: true`.',
          POS_AUTH,
        ].join('\n\n'),
        headers: idempotencyHeader,
        body: commitBody,
        response: { 200: commitResponse, 201: commitResponse },
      },
      preValidation: async (req) => requireIdempotencyKey(req),
    },
    (req, reply) =>
      req.tenant(async (tx) => {
        const { timezone } = await orgClock(tx);
        const result = await commitReceipt(tx, { ...req.body, occurredAt: instantOf(req.body.occurredAt, timezone) }, callerOf(req));
        reply.code(result.replayed ? 200 : 201);
        return result;
      }),
  );

  app.post(
    '/api/v1/pos/receipts/:id/refund',
    {
      config: { permission: 'pos.use', idempotent: true, prepared: true },
      schema: {
        tags,
        summary:
          'Refund a receipt fully (no lines) or partly: points reversed pro rata, redeemed points given back, coupons reinstated where the campaign says',
        description: [
          '`Idempotency-Key` is required: a retry replays the first answer. More than bought minus already returned is a 422 `return_exceeds_purchase`; nothing left to refund a 422 `nothing_to_refund`.',
          'Points the customer already spent are not taken below zero: the shortfall is written off by an `adjust` entry and reported in `points.shortfall`. `moneyRefund` is what the till pays back (the refunded amount minus the value of the points given back).',
          POS_AUTH,
        ].join('\n\n'),
        params: idParams,
        headers: idempotencyHeader.partial(),
        body: refundBody,
        response: { 201: refundResponse },
      },
    },
    async (req, reply) => {
      if (req.headers['idempotency-key'] === undefined) {
        // An unknown receipt is a 404 whatever the headers say.
        await req.tenant(async (tx) => {
          if (!(await getReceipt(tx, req.params.id))) throw notFound();
        });
        requireIdempotencyKey(req);
      }
      return req.tenant(async (tx) => {
        const result = await refundReceipt(tx, req.params.id, req.body, callerOf(req));
        reply.code(201);
        return result;
      });
    },
  );
}
