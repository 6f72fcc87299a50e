import { z } from 'zod';
import type { AppContext } from '../../../platform/context';
import { pageOf, pageQuery } from '../../../platform/http/pagination';
import { idParams, isoDate } from '../../../platform/http/schemas';
import type { HttpServer } from '../../../platform/http/server';
import { sourceOf } from '../../access/routes/common';
import { DUPLICATE_REASONS, dismissPair, listCandidates, startDuplicateScan } from '../duplicates';
import { identitiesOf } from '../identities';
import { MERGE_FIELDS, mergeCustomers } from '../merge';
import { toCustomer } from '../profile';
import { viewCustomer } from '../service';
import { customerSchema, isMasked } from './schemas';

const tags = ['customers'];

const reasonSchema = z.enum(Object.keys(DUPLICATE_REASONS) as [keyof typeof DUPLICATE_REASONS]);

const candidateSchema = z
  .object({
    customerA: customerSchema,
    customerB: customerSchema,
    score: z.number().int().min(0).max(100),
    reasons: z.array(reasonSchema),
    detectedAt: isoDate,
  })
  .meta({ id: 'DuplicateCandidate' });

const pairBody = z.object({ customerA: z.uuid(), customerB: z.uuid() }).strict();

const choice = z.enum(['survivor', 'merged']);
const mergeBody = z
  .object({
    mergedId: z.uuid(),
    fields: z
      .record(z.string().max(80), choice)
      .optional()
      .describe(
        `Whose value survives, per field (${Object.keys(MERGE_FIELDS).join(', ')}, or custom.<key>); unchosen fields keep the survivor's value unless it is empty`,
      ),
  })
  .strict();

const mergeSchema = z
  .object({
    mergeId: z.uuid(),
    mergedId: z.uuid(),
    survivor: customerSchema,
    fields: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).describe("The survivor's values the merge changed"),
    mergedAt: isoDate,
  })
  .meta({ id: 'CustomerMerge' });

export function duplicateRoutes(app: HttpServer, ctx: AppContext) {
  app.get(
    '/api/v1/duplicates',
    {
      config: { permission: 'customers.merge' },
      schema: {
        tags,
        summary: 'Open duplicate candidates, highest score first, with both customers',
        querystring: z.object(pageQuery).strict(),
        response: { 200: pageOf(candidateSchema) },
      },
    },
    (req) =>
      req.tenant(async (tx) => {
        const page = await listCandidates(tx, req.query);
        const ids = await identitiesOf(
          tx,
          page.items.flatMap((r) => [r.a.id, r.b.id]),
        );
        const view = (c: (typeof page.items)[number]['a']) => toCustomer(c, ids.get(c.id) ?? [], isMasked(req));
        return {
          nextCursor: page.nextCursor,
          items: page.items.map((r) => ({
            customerA: view(r.a),
            customerB: view(r.b),
            score: r.candidate.score,
            reasons: r.candidate.reasons as z.infer<typeof reasonSchema>[],
            detectedAt: r.candidate.detectedAt,
          })),
        };
      }),
  );

  app.post(
    '/api/v1/duplicates/scan',
    {
      config: { permission: 'customers.merge' },
      schema: {
        tags,
        summary: 'Look for duplicates now (also runs nightly); follow progress at GET /api/v1/jobs/{jobId}',
        response: { 202: z.object({ jobId: z.uuid() }) },
      },
    },
    (req, reply) =>
      req.tenant(async (tx) => {
        reply.code(202);
        return { jobId: await startDuplicateScan(ctx, tx, sourceOf(req)) };
      }),
  );

  app.post(
    '/api/v1/duplicates/dismiss',
    {
      config: { permission: 'customers.merge', idempotent: true },
      schema: {
        tags,
        summary: 'Mark two customers as different people: later scans do not propose the pair again',
        body: pairBody,
        response: { 200: z.object({ customerA: z.uuid(), customerB: z.uuid(), status: z.enum(['dismissed', 'merged']) }) },
      },
    },
    (req) =>
      req.tenant(async (tx) => {
        const row = await dismissPair(tx, sourceOf(req), req.body.customerA, req.body.customerB);
        return { customerA: row.customerA, customerB: row.customerB, status: row.status as 'dismissed' };
      }),
  );

  app.post(
    '/api/v1/customers/:id/merge',
    {
      config: { permission: 'customers.merge', idempotent: true },
      schema: {
        tags,
        summary: 'Merge another customer into this one (the survivor): identities, notes, history and other records move over',
        params: idParams,
        body: mergeBody,
        response: { 200: mergeSchema },
      },
    },
    (req) =>
      req.tenant(async (tx) => {
        const { merge, survivor } = await mergeCustomers(tx, sourceOf(req), req.params.id, req.body.mergedId, req.body.fields);
        return {
          mergeId: merge.id,
          mergedId: merge.mergedId,
          survivor: await viewCustomer(tx, survivor, isMasked(req)),
          fields: merge.fields,
          mergedAt: merge.createdAt,
        };
      }),
  );
}
