import { invalidField } from '../../../platform/http/problem';
import type { HttpServer } from '../../../platform/http/server';
import { basketRules, boughtTogether, MAX_BASKETS, MIN_RULE_COUNT } from '../basket';
import { basketRulesSchema, rulesQuery, togetherBody, togetherQuery, togetherSchema } from './schemas';

const tags = ['analytics'];
const limits = `At most ${MAX_BASKETS.toLocaleString('en')} receipts are mined (422 \`too_many_baskets\`); a support allowing rules of fewer than ${MIN_RULE_COUNT} baskets is a 422 \`support_too_low\`. Store roles see their stores only.`;

export function basketRoutes(app: HttpServer) {
  app.get(
    '/api/v1/analytics/basket/rules',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags,
        summary:
          'Association rules X → {y} over receipts (FP-Growth) at the item, category or brand level; `total` counts every rule passing the thresholds',
        description: limits,
        querystring: rulesQuery,
        response: { 200: basketRulesSchema },
      },
    },
    (req) => req.tenant((tx) => basketRules(tx, req.query, req.auth!.storeIds)),
  );
  app.get(
    '/api/v1/analytics/basket/together',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags,
        summary: 'Frequently bought together with one product (by `productId` or `sku`): top products with the reason',
        description: limits,
        querystring: togetherQuery,
        response: { 200: togetherSchema },
      },
    },
    (req) =>
      req.tenant((tx) => {
        const { productId, sku, ...q } = req.query;
        if (!productId && !sku) throw invalidField('/productId', 'required', 'analytics.product_required');
        return boughtTogether(
          tx,
          { ...q, level: 'item' },
          { productIds: productId ? [productId] : [], skus: sku ? [sku] : [] },
          req.auth!.storeIds,
          req.locale,
        );
      }),
  );
  app.post(
    '/api/v1/analytics/basket/together',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags,
        summary: 'Frequently bought together with a basket (SKUs and / or product ids): the best rule per product not in it',
        description: limits,
        body: togetherBody,
        response: { 200: togetherSchema },
      },
    },
    (req) =>
      req.tenant((tx) => {
        const { skus, productIds, ...q } = req.body;
        return boughtTogether(tx, { ...q, level: 'item' }, { skus, productIds }, req.auth!.storeIds, req.locale);
      }),
  );
}
