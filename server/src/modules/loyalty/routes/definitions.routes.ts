import { z } from 'zod';
import { idParams } from '../../../platform/http/schemas';
import type { HttpServer } from '../../../platform/http/server';
import { t } from '../../../platform/i18n';
import { sourceOf } from '../../access/routes/common';
import { resolveProducts } from '../../catalog/service';
import { loadConfig, orgClock } from '../config';
import {
  createProgram,
  createPromotion,
  createRule,
  createStampCard,
  deletePromotion,
  deleteRule,
  getProgramRow,
  getPromotion,
  getRule,
  getStampCard,
  listPrograms,
  listPromotions,
  listRules,
  listStampCards,
  programView,
  updateProgram,
  updatePromotion,
  updateRule,
  updateStampCard,
} from '../definitions';
import { type Basket, evaluatePromotions, kindKey, normalizeCode, reasonKey } from '../engine';
import {
  activeQuery,
  instantOf,
  programInput,
  programPatch,
  programSchema,
  promotionInput,
  promotionPatch,
  promotionSchemaView,
  ruleInput,
  rulePatch,
  ruleView,
  stampCardInput,
  stampCardPatch,
  stampCardView,
  testBody,
  testResponse,
} from './schemas';

const tags = ['loyalty'];
const VALIDATED =
  'Definitions are validated with the loyalty engine’s schemas: a 400 `validation_failed` names each bad field (`errors[].field`).';
const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

export function definitionRoutes(app: HttpServer) {
  // --- programs ---
  app.get(
    '/api/v1/loyalty/programs',
    {
      config: { permission: 'loyalty.read' },
      schema: { tags, summary: 'Points programs (org-wide and per brand), active first', response: { 200: list(programSchema) } },
    },
    (req) => req.tenant(async (tx) => ({ items: await listPrograms(tx) })),
  );
  app.post(
    '/api/v1/loyalty/programs',
    {
      config: { permission: 'loyalty.manage', idempotent: true },
      schema: {
        tags,
        summary: 'Create a points program (earn, burn, expiry, tiers)',
        description: `${VALIDATED} One active program per brand and one org-wide: 409 \`program_exists\`.`,
        body: programInput,
        response: { 201: programSchema },
      },
    },
    (req, reply) =>
      req.tenant(async (tx) => {
        const program = await createProgram(tx, sourceOf(req), req.body);
        reply.code(201);
        return program;
      }),
  );
  app.get(
    '/api/v1/loyalty/programs/:id',
    {
      config: { permission: 'loyalty.read' },
      schema: { tags, summary: 'One points program', params: idParams, response: { 200: programSchema } },
    },
    (req) => req.tenant(async (tx) => programView(await getProgramRow(tx, req.params.id))),
  );
  app.patch(
    '/api/v1/loyalty/programs/:id',
    {
      config: { permission: 'loyalty.manage' },
      schema: {
        tags,
        summary: 'Change a points program (every change bumps its version); deactivate with `active: false`',
        description: VALIDATED,
        params: idParams,
        body: programPatch,
        response: { 200: programSchema },
      },
    },
    (req) => req.tenant((tx) => updateProgram(tx, sourceOf(req), req.params.id, req.body)),
  );

  // --- promotions ---
  app.get(
    '/api/v1/loyalty/promotions',
    {
      config: { permission: 'loyalty.read' },
      schema: {
        tags,
        summary: 'Promotions (at most 1,000), active first, by code',
        querystring: activeQuery,
        response: { 200: list(promotionSchemaView) },
      },
    },
    (req) => req.tenant(async (tx) => ({ items: await listPromotions(tx, { active: req.query.active }) })),
  );
  app.post(
    '/api/v1/loyalty/promotions',
    {
      config: { permission: 'loyalty.manage', idempotent: true },
      schema: {
        tags,
        summary: 'Create a promotion',
        description: `${VALIDATED} The definition's \`id\` is its code, unique in the org (409 \`code_exists\`).`,
        body: promotionInput,
        response: { 201: promotionSchemaView },
      },
    },
    (req, reply) =>
      req.tenant(async (tx) => {
        const p = await createPromotion(tx, sourceOf(req), req.body);
        reply.code(201);
        return p;
      }),
  );
  app.post(
    '/api/v1/loyalty/promotions/test',
    {
      config: { permission: 'loyalty.read' },
      schema: {
        tags,
        summary:
          '"Test this basket": the engine’s full explanation of which promotion gave which discount on which line, and why the others did not apply',
        description:
          'Lines with a known SKU take the catalog’s category, brand and price unless given. Without `promotions`, the org’s active promotions are evaluated. Nothing is written.',
        body: testBody,
        response: { 200: testResponse },
      },
    },
    (req) =>
      req.tenant(async (tx) => {
        const { basket, promotions } = req.body;
        const { timezone } = await orgClock(tx);
        const skus = basket.lines.map((l) => l.sku).filter((s): s is string => !!s);
        const products = skus.length > 0 ? await resolveProducts(tx, skus) : new Map();
        const list = promotions ?? (await loadConfig(tx)).promotions.map((p) => p.definition);
        const engineBasket: Basket = {
          lines: basket.lines.map((l, i) => {
            const p = l.sku ? products.get(l.sku) : undefined;
            return {
              lineId: String(i + 1),
              sku: p?.sku ?? l.sku ?? null,
              categoryPath: l.categoryPath ?? p?.categoryPath ?? [],
              brand: l.brand ?? p?.brand ?? null,
              quantity: l.quantity,
              unitPrice: l.unitPrice ?? p?.listPrice ?? 0,
            };
          }),
          storeCode: basket.storeCode ?? '',
          channel: basket.channel ?? 'store',
          at: basket.at ? instantOf(basket.at, timezone) : new Date(),
          timeZone: timezone,
          customer: basket.customer
            ? {
                id: 'test-customer',
                tierCode: basket.customer.tierCode ?? null,
                tags: basket.customer.tags ?? [],
                birthdayThisMonth: basket.customer.birthdayThisMonth ?? false,
              }
            : null,
        };
        const result = evaluatePromotions(engineBasket, list, { couponCodes: (basket.couponCodes ?? []).map(normalizeCode) });
        const byId = new Map(list.map((p) => [p.id, p]));
        return {
          ...result,
          lines: result.lines.map((l, i) => ({
            ...l,
            sku: engineBasket.lines[i].sku,
            categoryPath: engineBasket.lines[i].categoryPath,
            brand: engineBasket.lines[i].brand,
            quantity: engineBasket.lines[i].quantity,
            unitPrice: engineBasket.lines[i].unitPrice,
          })),
          applied: result.applied.map((id) => {
            const p = byId.get(id)!;
            return { promotionId: id, label: p.label, kind: t(req.locale, kindKey(p.kind)) };
          }),
          rejected: result.rejected.map((r) => ({
            ...r,
            label: byId.get(r.promotionId)?.label ?? r.promotionId,
            message: t(req.locale, reasonKey(r.reason), r.params ?? {}),
          })),
        };
      }),
  );
  app.get(
    '/api/v1/loyalty/promotions/:id',
    {
      config: { permission: 'loyalty.read' },
      schema: { tags, summary: 'One promotion', params: idParams, response: { 200: promotionSchemaView } },
    },
    (req) => req.tenant((tx) => getPromotion(tx, req.params.id)),
  );
  app.patch(
    '/api/v1/loyalty/promotions/:id',
    {
      config: { permission: 'loyalty.manage' },
      schema: {
        tags,
        summary: 'Change a promotion (the definition is replaced whole)',
        description: VALIDATED,
        params: idParams,
        body: promotionPatch,
        response: { 200: promotionSchemaView },
      },
    },
    (req) => req.tenant((tx) => updatePromotion(tx, sourceOf(req), req.params.id, req.body)),
  );
  app.delete(
    '/api/v1/loyalty/promotions/:id',
    {
      config: { permission: 'loyalty.manage' },
      schema: { tags, summary: 'Delete a promotion (receipts keep its label in their line discounts)', params: idParams },
    },
    (req, reply) =>
      req.tenant(async (tx) => {
        await deletePromotion(tx, sourceOf(req), req.params.id);
        return reply.code(204).send();
      }),
  );

  // --- stamp cards ---
  app.get(
    '/api/v1/loyalty/stamp-cards',
    {
      config: { permission: 'loyalty.read' },
      schema: { tags, summary: 'Stamp cards', querystring: activeQuery, response: { 200: list(stampCardView) } },
    },
    (req) => req.tenant(async (tx) => ({ items: await listStampCards(tx, { active: req.query.active }) })),
  );
  app.post(
    '/api/v1/loyalty/stamp-cards',
    {
      config: { permission: 'loyalty.manage', idempotent: true },
      schema: {
        tags,
        summary: 'Create a stamp card ("5 kahve 1 bedava")',
        description: VALIDATED,
        body: stampCardInput,
        response: { 201: stampCardView },
      },
    },
    (req, reply) =>
      req.tenant(async (tx) => {
        const card = await createStampCard(tx, sourceOf(req), req.body);
        reply.code(201);
        return card;
      }),
  );
  app.get(
    '/api/v1/loyalty/stamp-cards/:id',
    {
      config: { permission: 'loyalty.read' },
      schema: { tags, summary: 'One stamp card', params: idParams, response: { 200: stampCardView } },
    },
    (req) => req.tenant((tx) => getStampCard(tx, req.params.id)),
  );
  app.patch(
    '/api/v1/loyalty/stamp-cards/:id',
    {
      config: { permission: 'loyalty.manage' },
      schema: {
        tags,
        summary: 'Change or deactivate a stamp card',
        description: VALIDATED,
        params: idParams,
        body: stampCardPatch,
        response: { 200: stampCardView },
      },
    },
    (req) => req.tenant((tx) => updateStampCard(tx, sourceOf(req), req.params.id, req.body)),
  );

  // --- receipt-bottom coupon rules ---
  app.get(
    '/api/v1/loyalty/receipt-coupon-rules',
    {
      config: { permission: 'loyalty.read' },
      schema: { tags, summary: 'Receipt-bottom ("fiş altı") coupon rules', querystring: activeQuery, response: { 200: list(ruleView) } },
    },
    (req) => req.tenant(async (tx) => ({ items: await listRules(tx, { active: req.query.active }) })),
  );
  app.post(
    '/api/v1/loyalty/receipt-coupon-rules',
    {
      config: { permission: 'loyalty.manage', idempotent: true },
      schema: {
        tags,
        summary: 'Create a receipt-bottom coupon rule ("bez alana mamada %20")',
        description: VALIDATED,
        body: ruleInput,
        response: { 201: ruleView },
      },
    },
    (req, reply) =>
      req.tenant(async (tx) => {
        const rule = await createRule(tx, sourceOf(req), req.body);
        reply.code(201);
        return rule;
      }),
  );
  app.get(
    '/api/v1/loyalty/receipt-coupon-rules/:id',
    {
      config: { permission: 'loyalty.read' },
      schema: { tags, summary: 'One receipt-bottom coupon rule', params: idParams, response: { 200: ruleView } },
    },
    (req) => req.tenant((tx) => getRule(tx, req.params.id)),
  );
  app.patch(
    '/api/v1/loyalty/receipt-coupon-rules/:id',
    {
      config: { permission: 'loyalty.manage' },
      schema: {
        tags,
        summary: 'Change a receipt-bottom coupon rule',
        description: VALIDATED,
        params: idParams,
        body: rulePatch,
        response: { 200: ruleView },
      },
    },
    (req) => req.tenant((tx) => updateRule(tx, sourceOf(req), req.params.id, req.body)),
  );
  app.delete(
    '/api/v1/loyalty/receipt-coupon-rules/:id',
    {
      config: { permission: 'loyalty.manage' },
      schema: { tags, summary: 'Delete a receipt-bottom coupon rule (issued coupons stay valid)', params: idParams },
    },
    (req, reply) =>
      req.tenant(async (tx) => {
        await deleteRule(tx, sourceOf(req), req.params.id);
        return reply.code(204).send();
      }),
  );
}
