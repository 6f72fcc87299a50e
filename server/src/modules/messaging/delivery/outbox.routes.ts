import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context';
import { pageOf, pageQuery } from '../../../platform/http/pagination';
import { invalidField, Problem } from '../../../platform/http/problem';
import { dayOrInstant, idParams } from '../../../platform/http/schemas';
import type { HttpServer } from '../../../platform/http/server';
import { boundOf } from '../../../platform/time';
import { orgClock } from '../../access/hot-settings';
import { enqueueMessages } from './enqueue';
import { getMessage, listOutbox } from './outbox';
import { channelSchema, messageSchema, outboxItemSchema, purposeSchema, sendInput, statusSchema } from './schemas';

const tags = ['messaging'];
const isMasked = (req: FastifyRequest) => !req.auth!.permissions.has('pii.read');

export function outboxRoutes(app: HttpServer, ctx: AppContext) {
  app.get(
    '/api/v1/messaging/outbox',
    {
      config: { permission: 'messaging.read' },
      schema: {
        tags,
        summary: 'Messages newest first: queued, sent, delivered, failed and skipped (with the reason)',
        querystring: z
          .object({
            status: statusSchema.optional(),
            channel: channelSchema.optional(),
            purpose: purposeSchema.optional(),
            campaignId: z.uuid().optional(),
            customerId: z.uuid().optional(),
            from: dayOrInstant.optional().describe('queued at or after; a day is read in the org time zone'),
            to: dayOrInstant.optional().describe('queued before (exclusive)'),
            ...pageQuery,
          })
          .strict(),
        response: { 200: pageOf(outboxItemSchema) },
      },
    },
    (req) =>
      req.tenant(async (tx) => {
        const { from, to, ...rest } = req.query;
        const zone = from || to ? (await orgClock(tx)).timezone : 'UTC';
        return listOutbox(
          tx,
          { ...rest, from: from ? boundOf(from, zone) : undefined, to: to ? boundOf(to, zone) : undefined },
          isMasked(req),
        );
      }),
  );

  app.get(
    '/api/v1/messaging/messages/:id',
    {
      config: { permission: 'messaging.read' },
      schema: {
        tags,
        summary: 'One message with its content and timeline (queued, sent, delivered, opened, clicked …)',
        params: idParams,
        response: { 200: messageSchema },
      },
    },
    (req) => req.tenant((tx) => getMessage(tx, req.params.id, isMasked(req))),
  );

  app.post(
    '/api/v1/messaging/messages',
    {
      config: { permission: 'messaging.manage', idempotent: true },
      schema: {
        tags,
        summary:
          'Send one message to one customer now (the one-tap SMS). Marketing goes through the compliance checks and may come back `skipped` with the reason, or held past quiet hours. Accepts Idempotency-Key.',
        body: sendInput,
        response: { 201: messageSchema },
      },
    },
    (req, reply) =>
      req.tenant(async (tx) => {
        const { customerId, channel, purpose, subject, text, html, whatsappTemplate, brandId, templateId } = req.body;
        // Outside the 24-hour service window WhatsApp takes only approved templates for marketing.
        if (channel === 'whatsapp' && purpose === 'marketing' && !whatsappTemplate) {
          throw invalidField('/whatsappTemplate', 'required', 'delivery.whatsapp_template_required');
        }
        const {
          ids: [id],
        } = await enqueueMessages(
          tx,
          ctx,
          [{ customerId, channel, purpose, brandId, templateId, content: { subject, text, html, whatsappTemplate } }],
          { createdBy: req.auth!.actor.type === 'user' ? req.auth!.actor.id : null },
        );
        if (!id) throw new Problem(404, 'unknown_customer', 'delivery.unknown_customer');
        reply.code(201);
        return getMessage(tx, id, isMasked(req));
      }),
  );
}
