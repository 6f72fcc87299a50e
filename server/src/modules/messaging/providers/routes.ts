import { z } from 'zod';
import type { AppContext } from '../../../platform/context';
import { notFound } from '../../../platform/http/problem';
import { idParams, isoDate } from '../../../platform/http/schemas';
import type { HttpServer } from '../../../platform/http/server';
import { sourceOf } from '../../access/routes/common';
import { createConfig, deleteConfig, getConfig, listConfigs, updateConfig, viewConfig, WEBHOOK_PATH } from './configs';
import { providerKinds } from './kind-fields';
import { PROVIDER_KINDS } from './kinds';
import { dropProvider, verifyProviderWebhook, webhookOrgId } from './registry';
import { sendTest } from './test-send';

const tags = ['messaging'];
const config = { permission: 'messaging.manage' };
const channel = z.enum(['sms', 'email', 'whatsapp']);
const kind = z.enum(PROVIDER_KINDS);

const configSchema = z
  .object({
    id: z.uuid(),
    kind,
    channel,
    name: z.string(),
    brandId: z.uuid().nullable().describe('null: the whole org'),
    settings: z.record(z.string(), z.unknown()).describe('the kind’s plain settings (see /kinds)'),
    secretsSet: z.array(z.string()).describe('names of the secrets stored; their values are never returned'),
    ratePerSecond: z.number().int().nullable().describe('null: the kind’s default'),
    defaultRatePerSecond: z.number().int(),
    costPerPart: z.number().int().describe('kuruş per message (per SMS part)'),
    enabled: z.boolean(),
    isDefault: z.boolean().describe('the provider of its channel for the org (or brand)'),
    webhookUrl: z
      .string()
      .nullable()
      .describe('to paste into the provider’s panel (delivery reports, replies); null when the kind calls none'),
    webhookToken: z.string().nullable().describe('the token in webhookUrl; WhatsApp’s “verify token”'),
    createdAt: isoDate,
    updatedAt: isoDate,
  })
  .meta({ id: 'MessageProviderConfig' });

const fieldSchema = z.object({
  name: z.string(),
  type: z.enum(['string', 'integer', 'boolean']),
  required: z.boolean(),
  secret: z.boolean(),
  advanced: z.boolean().describe('a technical setting with a good default'),
  options: z.array(z.string()).nullable(),
  default: z.union([z.string(), z.number(), z.boolean()]).nullable(),
  description: z.string().nullable(),
  maxLength: z.number().nullable(),
  minimum: z.number().nullable(),
  maximum: z.number().nullable(),
});
const kindSchema = z
  .object({
    kind,
    channels: z.array(channel),
    defaultRatePerSecond: z.number().int(),
    webhooks: z.boolean().describe('whether the provider calls our webhook (delivery reports, replies)'),
    fields: z.array(fieldSchema),
  })
  .meta({ id: 'MessageProviderKind' });

const settings = z.record(z.string().max(60), z.unknown()).describe('checked against the kind’s fields');
const secrets = z
  .record(z.string().max(60), z.string().max(2000).nullable())
  .describe('write-only: a value sets a secret, null forgets it, an absent key keeps the stored one');
const common = {
  name: z.string().trim().min(1).max(100),
  brandId: z.uuid().nullable().optional(),
  settings: settings.optional(),
  secrets: secrets.optional(),
  ratePerSecond: z.number().int().min(1).max(100_000).nullable().optional(),
  costPerPart: z.number().int().min(0).max(1_000_000).optional().describe('kuruş'),
  enabled: z.boolean().optional(),
  isDefault: z.boolean().optional(),
};
const createBody = z.object({ kind, channel, ...common }).strict();
const patchBody = z.object(common).partial().strict();

const testBody = z
  .object({
    to: z.string().trim().min(3).max(254).describe('a phone number (SMS, WhatsApp) or an e-mail address'),
    text: z.string().trim().min(1).max(1000).optional(),
  })
  .strict();
const testResult = z
  .object({
    ok: z.boolean(),
    providerMessageId: z.string().nullable(),
    error: z.string().nullable().describe('the provider’s message, as it gave it'),
    retryable: z.boolean().nullable(),
  })
  .meta({ id: 'MessageProviderTest' });

export function providerRoutes(app: HttpServer, ctx: AppContext) {
  const view = (row: Parameters<typeof viewConfig>[0]) => viewConfig(row, ctx.config.publicUrl);

  app.get(
    '/api/v1/messaging/providers/kinds',
    {
      config,
      schema: {
        tags,
        summary: 'Kinds of message provider: channels, and the fields of their settings (secret ones marked) the form is built from',
        response: { 200: z.object({ items: z.array(kindSchema) }) },
      },
    },
    async () => ({ items: providerKinds() }),
  );

  app.get(
    '/api/v1/messaging/providers',
    {
      config,
      schema: {
        tags,
        summary: 'The org’s message providers; without a default for a channel its messages stay in the outbox',
        response: { 200: z.object({ items: z.array(configSchema) }) },
      },
    },
    (req) => req.tenant(async (tx) => ({ items: (await listConfigs(tx)).map(view) })),
  );

  app.post(
    '/api/v1/messaging/providers',
    {
      config,
      schema: {
        tags,
        summary:
          'Add a provider; secrets are stored encrypted; isDefault makes it the channel’s provider (the previous default steps down)',
        body: createBody,
        response: { 201: configSchema },
      },
    },
    async (req, reply) => {
      const row = await req.tenant((tx) => createConfig(tx, sourceOf(req), ctx.config.dataDir, req.body));
      reply.code(201);
      return view(row);
    },
  );

  app.get(
    '/api/v1/messaging/providers/:id',
    { config, schema: { tags, summary: 'One provider', params: idParams, response: { 200: configSchema } } },
    (req) => req.tenant(async (tx) => view(await getConfig(tx, req.params.id))),
  );

  app.patch(
    '/api/v1/messaging/providers/:id',
    {
      config,
      schema: {
        tags,
        summary: 'Change a provider; secrets not sent are kept; disabling it also drops its default place',
        params: idParams,
        body: patchBody,
        response: { 200: configSchema },
      },
    },
    (req) => req.tenant(async (tx) => view(await updateConfig(tx, sourceOf(req), ctx.config.dataDir, req.params.id, req.body))),
  );

  app.delete(
    '/api/v1/messaging/providers/:id',
    { config, schema: { tags, summary: 'Remove a provider', params: idParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await req.tenant((tx) => deleteConfig(tx, sourceOf(req), req.params.id));
      await dropProvider(req.params.id);
      reply.code(204);
      return null;
    },
  );

  app.post(
    '/api/v1/messaging/providers/:id/test',
    {
      config,
      schema: {
        tags,
        summary:
          'Send one test message now through this provider (not queued, no customer). A refusal is 200 with ok: false and the provider’s message',
        params: idParams,
        body: testBody,
        response: { 200: testResult },
      },
    },
    async (req) => {
      // Read in the transaction, send after it: a slow provider must not hold a database connection.
      const row = await req.tenant((tx) => getConfig(tx, req.params.id));
      return sendTest(ctx, row, req.body, req.locale);
    },
  );

  app.get(
    `${WEBHOOK_PATH}/:configId`,
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Webhook verification handshake (WhatsApp: hub.mode, hub.verify_token, hub.challenge → the challenge as text)',
        params: z.object({ configId: z.string().max(100) }),
        querystring: z.object({
          'hub.mode': z.string().max(50).optional(),
          'hub.verify_token': z.string().max(500).optional(),
          'hub.challenge': z.string().max(500).optional(),
        }),
        response: { 200: z.string() },
      },
    },
    async (req, reply) => {
      const orgId = await webhookOrgId(ctx, req.params.configId);
      if (!orgId) throw notFound();
      const challenge = await ctx.db.tenant(orgId, (tx) => verifyProviderWebhook(tx, req.params.configId, req.query));
      reply.type('text/plain');
      return challenge;
    },
  );
}
