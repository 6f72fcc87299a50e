import { z } from 'zod';
import { pageOf, pageQuery } from '../../../platform/http/pagination';
import { isoDate } from '../../../platform/http/schemas';
import type { HttpServer } from '../../../platform/http/server';
import { listAudit } from '../audit';

const entrySchema = z
  .object({
    id: z.uuid(),
    at: isoDate,
    actorType: z.string(),
    actorId: z.uuid().nullable(),
    actorName: z.string().nullable(),
    action: z.string(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    details: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'AuditEntry' });

export function auditRoutes(app: HttpServer) {
  app.get(
    '/api/v1/audit-log',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'Who did what, when and from where; newest first',
        querystring: z
          .object({
            ...pageQuery,
            userId: z.uuid().optional(),
            action: z.string().max(100).optional(),
            from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
            to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
          })
          .strict(),
        response: { 200: pageOf(entrySchema) },
      },
    },
    (req) => {
      const { userId, from, to, ...rest } = req.query;
      return req.tenant((tx) =>
        listAudit(tx, { ...rest, actorId: userId, from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined }),
      );
    },
  );
}
