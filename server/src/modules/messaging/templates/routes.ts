import { z } from 'zod';
import type { AppContext } from '../../../platform/context';
import { pageOf, pageQuery } from '../../../platform/http/pagination';
import { forbidden } from '../../../platform/http/problem';
import { idParams, isoDate } from '../../../platform/http/schemas';
import type { HttpServer } from '../../../platform/http/server';
import { sourceOf } from '../../access/routes/common';
import { CHANNELS, emailContent, PURPOSES, smsContent, templateInput, whatsappContent } from './content';
import { previewTemplate, smsTurkishShift } from './preview';
import { createTemplate, deleteTemplate, getTemplate, listTemplates, type TemplateRow, updateTemplate } from './service';
import { VARIABLES } from './variables';

const tags = ['messaging'];
const read = { permission: 'messaging.read' };
const manage = { permission: 'messaging.manage' };

const anyContent = z.union([smsContent, emailContent, whatsappContent]);
const templateSchema = z
  .object({
    id: z.uuid(),
    channel: z.enum(CHANNELS),
    purpose: z.enum(PURPOSES),
    name: z.string(),
    brandId: z.uuid().nullable(),
    content: z.object({ tr: anyContent, en: anyContent.nullable().optional() }),
    status: z.enum(['active', 'archived']),
    usedAt: isoDate.nullable().describe('first rendered for sending; a used template is archived instead of deleted'),
    version: z.number().int(),
    createdAt: isoDate,
    updatedAt: isoDate,
  })
  .meta({ id: 'MessageTemplate' });

const view = ({ orgId: _o, nameKey: _k, ...t }: TemplateRow) => t;

const smsLengthSchema = z
  .object({
    encoding: z.enum(['gsm7', 'gsm7_tr', 'ucs2']).describe('gsm7_tr: GSM 7-bit with the Turkish single shift table'),
    characters: z.number().int().describe('septets (escaped characters count 2) or UTF-16 units'),
    parts: z.number().int(),
    perPart: z.number().int(),
    remaining: z.number().int(),
  })
  .meta({ id: 'SmsLength' });

const previewSchema = z
  .object({
    locale: z.enum(['tr', 'en']).describe('the language rendered: Turkish when the template has no English'),
    subject: z.string().optional(),
    text: z.string(),
    html: z.string().optional(),
    whatsappTemplate: z.object({ name: z.string(), language: z.string(), parameters: z.array(z.string()) }).optional(),
    customer: z.object({ id: z.uuid(), name: z.string().nullable() }).nullable(),
    sms: smsLengthSchema.nullable(),
  })
  .meta({ id: 'MessageTemplatePreview' });

const variablesSchema = z
  .object({
    items: z.array(z.object({ name: z.string(), label: z.string(), sample: z.string() })),
    sms: z.object({ turkishShift: z.boolean().describe('the org’s SMS provider sends Turkish with the single shift table') }),
  })
  .meta({ id: 'MessageTemplateVariables' });

export function templateRoutes(app: HttpServer, ctx: AppContext) {
  app.get(
    '/api/v1/messaging/templates',
    {
      config: read,
      schema: {
        tags,
        summary: 'Message templates, most recently changed first',
        querystring: z
          .object({
            channel: z.enum(CHANNELS).optional(),
            purpose: z.enum(PURPOSES).optional(),
            status: z.enum(['active', 'archived']).default('active'),
            q: z.string().trim().min(1).max(100).optional().describe('part of the name'),
            ...pageQuery,
          })
          .strict(),
        response: { 200: pageOf(templateSchema) },
      },
    },
    (req) =>
      req.tenant(async (tx) => {
        const page = await listTemplates(tx, req.query);
        return { ...page, items: page.items.map(view) };
      }),
  );

  app.get(
    '/api/v1/messaging/templates/variables',
    {
      config: read,
      schema: {
        tags,
        summary: 'The variables a template may use, with labels and sample values in the request language',
        response: { 200: variablesSchema },
      },
    },
    (req) =>
      req.tenant(async (tx) => ({
        items: VARIABLES.map((v) => ({ name: v.name, label: v.label[req.locale], sample: v.sample[req.locale] })),
        sms: { turkishShift: await smsTurkishShift(tx, ctx, null) },
      })),
  );

  app.post(
    '/api/v1/messaging/templates/preview',
    {
      config: read,
      schema: {
        tags,
        summary:
          'Render a saved or unsaved template for a customer (needs messaging.manage; audited) or with sample values, with the SMS length',
        body: z
          .object({
            template: z
              .object({ channel: z.enum(CHANNELS), brandId: z.uuid().nullable().optional(), content: templateSchema.shape.content })
              .strict()
              .optional()
              .describe('unsaved content, as the editor holds it'),
            templateId: z.uuid().optional(),
            customerId: z.uuid().optional(),
            locale: z.enum(['tr', 'en']).default('tr'),
          })
          .strict(),
        response: { 200: previewSchema },
      },
    },
    (req) => {
      if (req.body.customerId && !req.auth!.permissions.has('messaging.manage')) throw forbidden();
      return req.tenant((tx) => previewTemplate(tx, ctx, sourceOf(req), req.body));
    },
  );

  app.post(
    '/api/v1/messaging/templates',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Create a template; an unknown variable or helper is a 400 naming the field (template_unknown_variable)',
        body: templateInput,
        response: { 201: templateSchema },
      },
    },
    (req, reply) =>
      req.tenant(async (tx) => {
        const row = await createTemplate(tx, sourceOf(req), req.body);
        reply.code(201);
        return view(row);
      }),
  );

  app.get(
    '/api/v1/messaging/templates/:id',
    { config: read, schema: { tags, summary: 'One template', params: idParams, response: { 200: templateSchema } } },
    (req) => req.tenant(async (tx) => view(await getTemplate(tx, req.params.id))),
  );

  app.put(
    '/api/v1/messaging/templates/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Replace a template’s name, purpose, brand and content (409 when archived)',
        params: idParams,
        body: templateInput,
        response: { 200: templateSchema },
      },
    },
    (req) => req.tenant(async (tx) => view(await updateTemplate(tx, sourceOf(req), req.params.id, req.body))),
  );

  app.delete(
    '/api/v1/messaging/templates/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Delete a template never sent; one already used is archived instead',
        params: idParams,
        response: { 200: z.object({ result: z.enum(['deleted', 'archived']) }) },
      },
    },
    (req) => req.tenant((tx) => deleteTemplate(tx, sourceOf(req), req.params.id)),
  );
}
