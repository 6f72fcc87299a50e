import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { pageOf, pageQuery } from '../../../platform/http/pagination';
import { Problem } from '../../../platform/http/problem';
import { idParams } from '../../../platform/http/schemas';
import type { HttpServer } from '../../../platform/http/server';
import { compileEnv, countPrepared, prepareRule } from '../compile';
import { listMembers, sampleRule } from '../members';
import { segmentFields } from '../registry';
import {
  createSegment,
  deleteSegment,
  freezeSegment,
  getSegmentRow,
  listSegments,
  refreshSegment,
  segmentView,
  updateSegment,
  uploadPhones,
} from '../service';
import { OPERATOR_LABELS } from '../values';
import {
  fieldSchema,
  kindSchema,
  memberSchema,
  previewSchema,
  refreshSchema,
  ruleSchema,
  segmentInput,
  segmentPatch,
  segmentSchema,
  uploadJson,
  uploadSchema,
} from './schemas';

const tags = ['segments'];
const read = { permission: 'segments.read' };
const manage = { permission: 'segments.manage' };
const UPLOAD_MB = 5;

const masked = (req: FastifyRequest) => !req.auth!.permissions.has('pii.read');
const actorId = (req: FastifyRequest) => (req.auth!.actor.type === 'user' ? req.auth!.actor.id : null);

/** The CSV of an upload: a multipart `file`, or the JSON body. */
async function uploadInput(req: FastifyRequest): Promise<z.infer<typeof uploadJson>> {
  if (!req.isMultipart()) return (req.body as z.infer<typeof uploadJson> | undefined) ?? {};
  let csv: string | undefined;
  let replace = false;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.fieldname === 'file') csv ??= bytes.toString('utf8');
      } else if (part.fieldname === 'replace') replace = String(part.value) === 'true';
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw new Problem(413, 'file_too_large', 'segments.file_too_large', { limit: UPLOAD_MB });
    throw err;
  }
  if (csv === undefined) throw new Problem(400, 'file_required', 'segments.file_required');
  return { csv, replace };
}

export function segmentRoutes(app: HttpServer) {
  app.get(
    '/api/v1/segments/fields',
    {
      config: read,
      schema: {
        tags,
        summary: 'Fields a rule can test, by group, with their operators, value types, params and options, in the request language',
        response: { 200: z.object({ items: z.array(fieldSchema) }) },
      },
    },
    (req) =>
      req.tenant(async (tx) => {
        const items = [];
        for (const f of segmentFields()) {
          items.push({
            key: f.key,
            group: f.group,
            label: f.label[req.locale],
            operators: Object.entries(f.operators).map(([key, valueType]) => ({
              key,
              valueType,
              label: OPERATOR_LABELS[key]?.[req.locale] ?? key,
            })),
            params: Object.entries(f.params ?? {}).map(([key, p]) => ({
              key,
              type: p.type,
              required: p.required,
              label: p.label[req.locale],
            })),
            options: f.options ? await f.options(tx, req.locale) : null,
          });
        }
        return { items };
      }),
  );

  app.post(
    '/api/v1/segments/preview',
    {
      config: read,
      schema: {
        tags,
        summary: 'Live count of a rule (live customers) and a sample of up to 20 members; phones masked without pii.read',
        body: z.object({ rule: ruleSchema }).strict(),
        response: { 200: previewSchema },
      },
    },
    (req) =>
      req.tenant(async (tx) => {
        const rule = await prepareRule(tx, req.body.rule);
        const env = await compileEnv(tx);
        return { count: await countPrepared(tx, rule, env), sample: await sampleRule(tx, rule, env, 20, masked(req)) };
      }),
  );

  app.get(
    '/api/v1/segments',
    {
      config: read,
      schema: {
        tags,
        summary: 'Segments, newest first',
        querystring: z.object({ kind: kindSchema.optional(), ...pageQuery }).strict(),
        response: { 200: pageOf(segmentSchema) },
      },
    },
    (req) => req.tenant((tx) => listSegments(tx, req.query)),
  );

  app.post(
    '/api/v1/segments',
    {
      config: manage,
      schema: {
        tags,
        summary:
          'Create a segment: dynamic (evaluated now and kept up to date) or static (a snapshot of the rule, or an empty list to upload into)',
        body: segmentInput,
        response: { 201: segmentSchema },
      },
    },
    async (req, reply) => {
      const segment = await req.tenant((tx) => createSegment(tx, req.body, actorId(req)));
      reply.code(201);
      return segment;
    },
  );

  app.get(
    '/api/v1/segments/:id',
    { config: read, schema: { tags, summary: 'A segment', params: idParams, response: { 200: segmentSchema } } },
    (req) => req.tenant(async (tx) => segmentView(await getSegmentRow(tx, req.params.id))),
  );

  app.patch(
    '/api/v1/segments/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Rename, describe or change the rule of a segment',
        params: idParams,
        body: segmentPatch,
        response: { 200: segmentSchema },
      },
    },
    (req) => req.tenant((tx) => updateSegment(tx, req.params.id, req.body)),
  );

  app.delete(
    '/api/v1/segments/:id',
    { config: manage, schema: { tags, summary: 'Delete a segment and its memberships', params: idParams } },
    async (req, reply) => {
      await req.tenant((tx) => deleteSegment(tx, req.params.id));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/segments/:id/members',
    {
      config: read,
      schema: {
        tags,
        summary: 'The members of a segment (as of its last refresh), live customers only; phones masked without pii.read',
        params: idParams,
        querystring: z.object(pageQuery).strict(),
        response: { 200: pageOf(memberSchema) },
      },
    },
    (req) =>
      req.tenant(async (tx) => {
        await getSegmentRow(tx, req.params.id);
        return listMembers(tx, req.params.id, req.query, masked(req));
      }),
  );

  app.post(
    '/api/v1/segments/:id/refresh',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Re-evaluate a dynamic segment now: members who entered and left get segment.entered / segment.exited events',
        params: idParams,
        response: { 200: refreshSchema },
      },
    },
    (req) => req.tenant((tx) => refreshSegment(tx, req.params.id)),
  );

  app.post(
    '/api/v1/segments/:id/freeze',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Freeze a dynamic segment: a new static segment with its members as of now',
        params: idParams,
        body: z
          .object({ name: z.string().trim().min(1).max(120).optional() })
          .strict()
          .optional(),
        response: { 201: segmentSchema },
      },
    },
    async (req, reply) => {
      const segment = await req.tenant((tx) => freezeSegment(tx, req.params.id, req.body?.name, actorId(req)));
      reply.code(201);
      return segment;
    },
  );

  // Multipart only here, so other routes keep refusing it.
  app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: UPLOAD_MB * 1024 * 1024, files: 1, fields: 5, fieldSize: 1024 } });
    scope.post(
      '/api/v1/segments/:id/upload',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Add phones to a static list: multipart `file` (CSV, first cell of each row, ≤ 5 MB, optional `replace`) or JSON',
          params: idParams,
          body: uploadJson.nullish(),
          response: { 200: uploadSchema },
        },
      },
      async (req) => {
        const input = await uploadInput(req);
        return req.tenant((tx) => uploadPhones(tx, (req.params as { id: string }).id, input));
      },
    );
  });
}
