import { z } from 'zod';
import { idParams } from '../../../platform/http/schemas';
import type { HttpServer } from '../../../platform/http/server';
import { customerRecommendations, RECO } from '../recommendations';

const tags = ['analytics'];

export const recommendationsQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(50).default(10),
    excludeDays: z.coerce
      .number()
      .int()
      .min(0)
      .max(3650)
      .default(30)
      .describe('products the customer bought in this many days up to today are not recommended (0: none excluded)'),
    storeCode: z.string().max(50).optional().describe('purchases and baskets of this store only'),
  })
  .strict();

const reasonKind = z.enum(['together', 'category', 'brand', 'colour', 'fit', 'size', 'popular']);

export const recommendationsSchema = z
  .object({
    items: z.array(
      z.object({
        productId: z.uuid(),
        sku: z.string(),
        name: z.string(),
        category: z.string().nullable().describe('the category path joined with " > "'),
        brand: z.string().nullable(),
        listPrice: z.number().int().nullable().describe('minor units (kuruş)'),
        score: z
          .number()
          .describe(
            `${RECO.weights.together} × confidence + ${RECO.weights.content} × similarity; best sellers filling the list: ${RECO.popular} × their share of the baskets`,
          ),
        reasons: z.array(z.object({ kind: reasonKind, text: z.string().describe('in the request’s language') })),
      }),
    ),
    basis: z.object({
      coldStart: z.boolean().describe('the customer bought nothing (in the scope): best sellers only'),
      purchasedProducts: z.number().int().describe('distinct products the customer bought (in the scope)'),
      excludedRecent: z.number().int().describe('of those, bought in the last `excludeDays` days'),
      excludeDays: z.number().int(),
      baskets: z.number().int().describe('receipts the co-occurrence and best sellers come from'),
      basketsFrom: z.iso.date().describe('first business day of those receipts'),
    }),
  })
  .meta({ id: 'CustomerRecommendations' });

export function recommendationRoutes(app: HttpServer) {
  app.get(
    '/api/v1/analytics/customers/:id/recommendations',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags,
        summary:
          'Products to recommend to a customer: bought together with what they bought, or like it (category, brand, colour, fit, their size), with the reasons',
        description: `Products bought in the last \`excludeDays\` days, inactive products and other sizes than the customer's (in a department where they bought sizes) are left out. A customer with no purchases gets the best sellers (\`basis.coldStart\`). Baskets: the last ${RECO.basketDays} days, at most ${RECO.maxBaskets.toLocaleString('en')} receipts. Store roles see their stores only.`,
        params: idParams,
        querystring: recommendationsQuery,
        response: { 200: recommendationsSchema },
      },
    },
    (req) => req.tenant((tx) => customerRecommendations(tx, req.params.id, req.query, req.auth!.storeIds, req.locale)),
  );
}
