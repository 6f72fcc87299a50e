import { z } from 'zod';
import type { AppContext } from '../../../platform/context';
import { pageOf, pageQuery } from '../../../platform/http/pagination';
import { idParams } from '../../../platform/http/schemas';
import type { HttpServer } from '../../../platform/http/server';
import { maskPhone } from '../../../platform/phone';
import { maskEmail } from '../../../platform/text';
import { channelSchema, settingsSchema, suppressionSchema } from './schemas';
import { getSettings, saveSettings } from './settings';
import { addSuppression, listSuppressions, removeSuppression, SUPPRESSION_REASONS } from './suppressions';

const tags = ['messaging'];

const viewSuppression = (masked: boolean) => (r: Awaited<ReturnType<typeof addSuppression>>) => ({
  id: r.id,
  channel: r.channel,
  address: masked ? (r.channel === 'email' ? maskEmail(r.address) : maskPhone(r.address)) : r.address,
  reason: r.reason as (typeof SUPPRESSION_REASONS)[number],
  source: r.source,
  createdAt: r.createdAt,
});

export function settingsRoutes(app: HttpServer, _ctx: AppContext) {
  app.get(
    '/api/v1/messaging/settings',
    {
      config: { permission: 'messaging.read' },
      schema: { tags, summary: 'Quiet hours, frequency cap and retries', response: { 200: settingsSchema } },
    },
    (req) => req.tenant(getSettings),
  );

  app.patch(
    '/api/v1/messaging/settings',
    {
      config: { permission: 'messaging.manage' },
      schema: {
        tags,
        summary: 'Change quiet hours, the frequency cap or retries (applies to messages queued from now on)',
        body: settingsSchema.partial().strict(),
        response: { 200: settingsSchema },
      },
    },
    (req) => req.tenant((tx) => saveSettings(tx, req.body)),
  );

  app.get(
    '/api/v1/messaging/suppressions',
    {
      config: { permission: 'messaging.read' },
      schema: {
        tags,
        summary: 'Addresses that get no marketing: unsubscribed, RET replies, added by hand (newest first)',
        querystring: z.object({ channel: channelSchema.optional(), q: z.string().trim().max(100).optional(), ...pageQuery }).strict(),
        response: { 200: pageOf(suppressionSchema) },
      },
    },
    (req) =>
      req.tenant(async (tx) => {
        const page = await listSuppressions(tx, req.query);
        return { ...page, items: page.items.map(viewSuppression(!req.auth!.permissions.has('pii.read'))) };
      }),
  );

  app.post(
    '/api/v1/messaging/suppressions',
    {
      config: { permission: 'messaging.manage' },
      schema: {
        tags,
        summary: 'Add a phone or e-mail to the suppression list (an address already listed is answered as it is)',
        body: z
          .object({ channel: channelSchema, address: z.string().trim().min(3).max(320), reason: z.enum(SUPPRESSION_REASONS).optional() })
          .strict(),
        response: { 201: suppressionSchema },
      },
    },
    (req, reply) =>
      req.tenant(async (tx) => {
        const row = await addSuppression(tx, req.body, req.auth!.actor);
        reply.code(201);
        return viewSuppression(false)(row);
      }),
  );

  app.delete(
    '/api/v1/messaging/suppressions/:id',
    {
      config: { permission: 'messaging.manage' },
      schema: { tags, summary: 'Remove an address from the suppression list', params: idParams, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await req.tenant((tx) => removeSuppression(tx, req.params.id));
      return reply.code(204).send(null);
    },
  );
}
