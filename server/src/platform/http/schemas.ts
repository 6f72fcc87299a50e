import { z } from 'zod';

/**
 * A timestamp in a response: handlers return the Date the database gave, it leaves as an
 * ISO 8601 string and is documented as `format: date-time`.
 */
export const isoDate = z.date();

/** A day (`YYYY-MM-DD`, read in the org's time zone) or an ISO date-time with an offset. */
export const dayOrInstant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const idParams = z.object({ id: z.uuid() });

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    code: z.string(),
    detail: z.string(),
    instance: z.string(),
    requestId: z.string(),
    errors: z.array(z.object({ field: z.string(), code: z.string(), detail: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });

/** Trimmed, non-empty text of bounded length: names, codes, addresses. */
export const text = (max = 200) => z.string().trim().min(1).max(max);
