import { z } from 'zod';
import { invalidField } from '../../../platform/http/problem';
import { dayOrInstant } from '../../../platform/http/schemas';
import type { HttpServer } from '../../../platform/http/server';
import { boundOf } from '../../../platform/time';
import { getOrg } from '../../access/orgs';
import { QUALITY_CHECKS } from '../quality';
import { qualityReport } from '../quality-report';

const issueSchema = z.object({
  issue: z.enum(Object.keys(QUALITY_CHECKS) as [keyof typeof QUALITY_CHECKS]),
  count: z.number().int(),
  percent: z.number(),
});

const groupSchema = z
  .object({
    key: z.string().nullable().describe('Store id or staff (user / API key) id; null for records without one'),
    name: z.string().nullable(),
    total: z.number().int(),
    averageScore: z.number(),
    issues: z.array(issueSchema).describe('Most frequent first'),
  })
  .meta({ id: 'QualityGroup' });

export function qualityRoutes(app: HttpServer) {
  app.get(
    '/api/v1/quality/report',
    {
      config: { permission: 'quality.read' },
      schema: {
        tags: ['customers'],
        summary:
          'Data quality of the records each store or staff member created, worst first, with org totals (the records behind an issue: GET /api/v1/customers?issue=)',
        querystring: z
          .object({
            groupBy: z.enum(['store', 'staff']).default('store'),
            from: dayOrInstant.optional().describe('inclusive; a day is read in the org time zone'),
            to: dayOrInstant.optional().describe('exclusive; a day is read in the org time zone'),
          })
          .strict(),
        response: {
          200: z
            .object({ groupBy: z.enum(['store', 'staff']), totals: groupSchema, groups: z.array(groupSchema) })
            .meta({ id: 'QualityReport' }),
        },
      },
    },
    (req) =>
      req.tenant(async (tx) => {
        const timeZone = (await getOrg(tx)).timezone;
        const from = req.query.from ? boundOf(req.query.from, timeZone) : undefined;
        const to = req.query.to ? boundOf(req.query.to, timeZone) : undefined;
        if (from && to && from >= to) throw invalidField('/to', 'before_from', 'dedup.range');
        return qualityReport(tx, req.auth!.storeIds, { groupBy: req.query.groupBy, from, to });
      }),
  );
}
