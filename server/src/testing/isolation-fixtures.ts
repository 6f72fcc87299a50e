import { sql } from 'drizzle-orm';
import { createApiKey } from '../modules/access/api-keys';
import { createCampaign } from '../modules/campaigns/service';
import { enqueueMessages } from '../modules/messaging/delivery/enqueue';
import { addSuppression } from '../modules/messaging/delivery/suppressions';
import { createConfig as createProviderConfig } from '../modules/messaging/providers/configs';
import { createTemplate } from '../modules/messaging/templates/service';
import { createRequest } from '../modules/privacy/requests';
import { createSegment } from '../modules/segments/service';
import type { AppContext } from '../platform/context';
import type { Tx } from '../platform/db/database';
import { saveImportFile } from '../platform/imports/files';

/** Path parameters (and a valid body, where `{}` is not one) naming one of org A's records. */
export interface Fixture {
  params: Record<string, string>;
  body?: unknown;
}

const firstId = async (tx: Tx, table: string) => {
  const { rows } = await tx.execute(sql`select id::text from ${sql.identifier(table)} where org_id = ${tx.orgId} order by id limit 1`);
  return (rows[0] as { id: string }).id;
};

/**
 * One fixture for every route with path parameters, keyed `METHOD /url/:param`. A module that
 * adds such a route adds its entry here; the sweep fails until it does.
 */
export async function isolationFixtures(tx: Tx, ctx: AppContext): Promise<Record<string, Fixture>> {
  const store = await firstId(tx, 'stores');
  const brand = await firstId(tx, 'brands');
  const user = await firstId(tx, 'users');
  const job = await ctx.jobs.createRun(tx, 'isolation.fixture');
  const importJob = await ctx.jobs.createRun(tx, 'import.customers');
  await saveImportFile(tx, importJob, 'rejected', 'rejected.csv', Buffer.from('Telefon,Ret nedeni\r\n123,x\r\n'));
  const customer = await firstId(tx, 'customers');
  const { rows: others } = await tx.execute(sql`select id::text from customers where org_id = ${tx.orgId} and id <> ${customer} limit 1`);
  const otherCustomer = (others[0] as { id: string }).id;
  const key = await createApiKey(tx, { auth: null }, { name: 'isolation', scopes: ['read'] });
  const privacyRequest = (await createRequest(tx, { auth: null }, { customerId: customer, type: 'access' })).id;
  const product = await firstId(tx, 'products');
  const { rows: skus } = await tx.execute(sql`select sku from products where org_id = ${tx.orgId} and id = ${product}`);
  const sku = (skus[0] as { sku: string }).sku;
  const supplier = await firstId(tx, 'suppliers');
  const receipt = await firstId(tx, 'receipts');
  const order = await firstId(tx, 'orders');
  const saleReturn = await firstId(tx, 'returns');
  const loyaltyProgram = await firstId(tx, 'loyalty_programs');
  const promotion = await firstId(tx, 'promotions');
  const stampCard = await firstId(tx, 'stamp_cards');
  const couponRule = await firstId(tx, 'receipt_coupon_rules');
  const campaign = await firstId(tx, 'coupon_campaigns');
  const { rows: couponCodes } = await tx.execute(sql`select code from coupon_codes where org_id = ${tx.orgId} order by code limit 1`);
  const couponCode = (couponCodes[0] as { code: string }).code;
  const dynamicSegment = (await createSegment(tx, { name: 'İzolasyon', kind: 'dynamic', rule: { op: 'and', rules: [] } }, null)).id;
  const staticSegment = (await createSegment(tx, { name: 'İzolasyon listesi', kind: 'static' }, null)).id;
  const templateBody = {
    channel: 'sms',
    purpose: 'marketing',
    name: 'Isolation',
    content: { tr: { text: 'Merhaba {{firstName}}' } },
  } as const;
  const messageTemplate = (await createTemplate(tx, { auth: null }, templateBody)).id;
  const provider = (
    await createProviderConfig(tx, { auth: null }, ctx.config.dataDir, { kind: 'outbox', channel: 'sms', name: 'Isolation outbox' })
  ).id;
  const {
    ids: [message],
  } = await enqueueMessages(tx, ctx, [{ customerId: customer, channel: 'sms', purpose: 'transactional', content: { text: 'Isolation' } }]);
  const campaignBody = {
    name: 'İzolasyon',
    channel: 'sms',
    includeSegments: [dynamicSegment],
    variants: [{ key: 'A', templateId: messageTemplate, percent: 100 }],
  } as const;
  const marketingCampaign = (
    await createCampaign(tx, { auth: null }, { ...campaignBody, variants: [...campaignBody.variants], includeSegments: [dynamicSegment] })
  ).id;
  const suppression = (await addSuppression(tx, { channel: 'sms', address: '+905321234560' }, { id: user, name: 'Isolation' })).id;
  return {
    'GET /api/v1/messaging/providers/:id': { params: { id: provider } },
    'PATCH /api/v1/messaging/providers/:id': { params: { id: provider }, body: { name: 'Başka org' } },
    'DELETE /api/v1/messaging/providers/:id': { params: { id: provider } },
    'POST /api/v1/messaging/providers/:id/test': { params: { id: provider }, body: { to: '+905321234567' } },
    'GET /api/v1/messaging/messages/:id': { params: { id: message! } },
    'DELETE /api/v1/messaging/suppressions/:id': { params: { id: suppression } },
    'GET /api/v1/stores/:id': { params: { id: store } },
    'PATCH /api/v1/stores/:id': { params: { id: store }, body: { name: 'changed by another org' } },
    'PATCH /api/v1/brands/:id': { params: { id: brand }, body: { name: 'changed by another org' } },
    'DELETE /api/v1/brands/:id': { params: { id: brand } },
    'GET /api/v1/users/:id': { params: { id: user } },
    'PATCH /api/v1/users/:id': { params: { id: user }, body: { active: false } },
    'POST /api/v1/users/:id/reset-password': { params: { id: user } },
    'DELETE /api/v1/api-keys/:id': { params: { id: key.id } },
    'GET /api/v1/jobs/:id': { params: { id: job } },
    'GET /api/v1/imports/:id/rejected': { params: { id: importJob } },
    'GET /api/v1/customers/:id': { params: { id: customer } },
    'PATCH /api/v1/customers/:id': { params: { id: customer }, body: { firstName: 'Başka org' } },
    'POST /api/v1/customers/:id/identities': { params: { id: customer }, body: { kind: 'card', value: 'CROSS-ORG-1' } },
    'DELETE /api/v1/customers/:id/identities/:kind/:value': { params: { id: customer, kind: 'card', value: 'MHT100000' } },
    'GET /api/v1/customers/:id/notes': { params: { id: customer } },
    'POST /api/v1/customers/:id/notes': { params: { id: customer }, body: { body: 'Başka org' } },
    'GET /api/v1/customers/:id/timeline': { params: { id: customer } },
    'POST /api/v1/customers/:id/merge': { params: { id: customer }, body: { mergedId: otherCustomer } },
    'GET /api/v1/customers/:id/consents': { params: { id: customer } },
    'POST /api/v1/customers/:id/consents': { params: { id: customer }, body: { channels: ['sms'], status: 'granted', source: 'HS_WEB' } },
    'GET /api/v1/privacy/requests/:id': { params: { id: privacyRequest } },
    'PATCH /api/v1/privacy/requests/:id': { params: { id: privacyRequest }, body: { status: 'rejected' } },
    'POST /api/v1/privacy/requests/:id/execute': { params: { id: privacyRequest } },
    'GET /api/v1/privacy/requests/:id/export': { params: { id: privacyRequest } },
    'PATCH /api/v1/custom-fields/:key': { params: { key: 'meslek' }, body: { label: 'Başka org' } },
    'DELETE /api/v1/custom-fields/:key': { params: { key: 'meslek' } },
    'GET /api/v1/catalog/products/:id': { params: { id: product } },
    'PATCH /api/v1/catalog/products/:id': { params: { id: product }, body: { name: 'Başka org' } },
    'GET /api/v1/catalog/products/by-code/:code': { params: { code: sku } },
    'GET /api/v1/catalog/suppliers/:id': { params: { id: supplier } },
    'PATCH /api/v1/catalog/suppliers/:id': { params: { id: supplier }, body: { name: 'Başka org' } },
    'GET /api/v1/sales/receipts/:id': { params: { id: receipt } },
    'GET /api/v1/sales/orders/:id': { params: { id: order } },
    'POST /api/v1/sales/orders/:id/status': { params: { id: order }, body: { status: 'cancelled' } },
    'GET /api/v1/sales/returns/:id': { params: { id: saleReturn } },
    'POST /api/v1/pos/receipts/:id/refund': { params: { id: receipt }, body: {} },
    'GET /api/v1/loyalty/programs/:id': { params: { id: loyaltyProgram } },
    'PATCH /api/v1/loyalty/programs/:id': { params: { id: loyaltyProgram }, body: { name: 'Başka org' } },
    'GET /api/v1/loyalty/promotions/:id': { params: { id: promotion } },
    'PATCH /api/v1/loyalty/promotions/:id': { params: { id: promotion }, body: { active: false } },
    'DELETE /api/v1/loyalty/promotions/:id': { params: { id: promotion } },
    'GET /api/v1/loyalty/stamp-cards/:id': { params: { id: stampCard } },
    'PATCH /api/v1/loyalty/stamp-cards/:id': { params: { id: stampCard }, body: { active: false } },
    'GET /api/v1/loyalty/receipt-coupon-rules/:id': { params: { id: couponRule } },
    'PATCH /api/v1/loyalty/receipt-coupon-rules/:id': { params: { id: couponRule }, body: { active: false } },
    'DELETE /api/v1/loyalty/receipt-coupon-rules/:id': { params: { id: couponRule } },
    'GET /api/v1/loyalty/coupon-campaigns/:id': { params: { id: campaign } },
    'PATCH /api/v1/loyalty/coupon-campaigns/:id': { params: { id: campaign }, body: { active: false } },
    'POST /api/v1/loyalty/coupon-campaigns/:id/generate': { params: { id: campaign }, body: { count: 10 } },
    'GET /api/v1/loyalty/coupon-campaigns/:id/codes': { params: { id: campaign } },
    'GET /api/v1/loyalty/coupon-campaigns/:id/codes.csv': { params: { id: campaign } },
    'POST /api/v1/loyalty/coupon-campaigns/:id/issue': { params: { id: campaign }, body: { customerIds: [customer] } },
    'GET /api/v1/loyalty/coupons/:code': { params: { code: couponCode } },
    'GET /api/v1/loyalty/customers/:id': { params: { id: customer } },
    'GET /api/v1/loyalty/customers/:id/ledger': { params: { id: customer } },
    'POST /api/v1/loyalty/customers/:id/adjust': { params: { id: customer }, body: { points: 10, reason: 'Başka org' } },
    'POST /api/v1/loyalty/customers/:id/stamps': { params: { id: customer }, body: { cardId: stampCard } },
    'GET /api/v1/analytics/customers/:id/scores': { params: { id: customer } },
    'GET /api/v1/analytics/customers/:id/churn': { params: { id: customer } },
    'GET /api/v1/analytics/customers/:id/recommendations': { params: { id: customer } },
    'GET /api/v1/messaging/templates/:id': { params: { id: messageTemplate } },
    'PUT /api/v1/messaging/templates/:id': { params: { id: messageTemplate }, body: { ...templateBody, name: 'Başka org' } },
    'DELETE /api/v1/messaging/templates/:id': { params: { id: messageTemplate } },
    'GET /api/v1/segments/:id': { params: { id: dynamicSegment } },
    'PATCH /api/v1/segments/:id': { params: { id: dynamicSegment }, body: { name: 'Başka org' } },
    'DELETE /api/v1/segments/:id': { params: { id: dynamicSegment } },
    'GET /api/v1/segments/:id/members': { params: { id: dynamicSegment } },
    'POST /api/v1/segments/:id/refresh': { params: { id: dynamicSegment } },
    'POST /api/v1/segments/:id/freeze': { params: { id: dynamicSegment } },
    'GET /api/v1/campaigns/:id': { params: { id: marketingCampaign } },
    'PUT /api/v1/campaigns/:id': { params: { id: marketingCampaign }, body: { ...campaignBody, name: 'Başka org' } },
    'DELETE /api/v1/campaigns/:id': { params: { id: marketingCampaign } },
    'POST /api/v1/campaigns/:id/send': { params: { id: marketingCampaign } },
    'POST /api/v1/campaigns/:id/cancel': { params: { id: marketingCampaign } },
    'GET /api/v1/campaigns/:id/report': { params: { id: marketingCampaign } },
    'POST /api/v1/segments/:id/upload': { params: { id: staticSegment }, body: { phones: ['0532 123 45 67'] } },
  };
}
