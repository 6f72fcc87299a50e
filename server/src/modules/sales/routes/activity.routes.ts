import { z } from 'zod';
import type { HttpServer } from '../../../platform/http/server';
import { getOrg } from '../../access/orgs';
import { recordActivity } from '../activity';
import { activityInput, instantOf } from './schemas';

const tags = ['sales'];

export function activityRoutes(app: HttpServer) {
  app.post(
    '/api/v1/sales/activity',
    {
      config: { permission: 'sales.write', idempotent: true },
      schema: {
        tags,
        summary: 'Record a cart, checkout, product view or wishlist change of a (possibly anonymous) shopper',
        description:
          'The customer is given by id, or by phone / e-mail / external id (resolved by the customers module). Unknown shoppers are recorded anonymously; wishlist changes need a known customer (422 `customer_required`). Becomes the events cart.updated, checkout.started, product.viewed, wishlist.added or wishlist.removed.',
        body: activityInput,
        response: {
          200: z
            .object({ customerId: z.uuid().nullable().describe('null: an anonymous shopper'), eventId: z.uuid() })
            .meta({ id: 'RecordedActivity' }),
        },
      },
    },
    (req) =>
      req.tenant(async (tx) => {
        const { sku, skus, at, ...rest } = req.body;
        const org = await getOrg(tx);
        const actor = req.auth!.actor;
        return recordActivity(
          tx,
          { ...rest, skus: [...(sku ? [sku] : []), ...(skus ?? [])], at: at ? instantOf(at, org.timezone) : undefined },
          { type: actor.type, id: actor.id },
        );
      }),
  );
}
