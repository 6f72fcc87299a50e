import { z } from 'zod';

/**
 * A timestamp in a response: handlers return the Date the database gave, it leaves as an
 * ISO 8601 string and is documented as `format: date-time`.
 */
export const isoDate = z.date();

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
