import { z } from 'zod';
import { type Locale, type MessageKey, t } from '../i18n';
import { Problem } from './problem';

/** Why one item of a bulk request failed, in the request's language; its field paths relative to the item. */
export const bulkItemError = z.object({
  code: z.string(),
  detail: z.string(),
  errors: z.array(z.object({ field: z.string(), code: z.string(), detail: z.string() })).optional(),
});

export type BulkItemError = z.infer<typeof bulkItemError>;

/** A Problem as a bulk item's error. */
export function renderProblem(locale: Locale, p: Problem): BulkItemError {
  const fieldErrors = (p.extra as { fieldErrors?: { field: string; code: string; key: MessageKey; params: Record<string, string> }[] })
    .fieldErrors;
  return {
    code: p.code,
    detail: t(locale, p.messageKey, p.params),
    ...(fieldErrors
      ? { errors: fieldErrors.map((f) => ({ field: f.field.replace(/^\/\d+/, ''), code: f.code, detail: t(locale, f.key, f.params) })) }
      : {}),
  };
}

/** A schema failure of one bulk item, with per-field codes like the request validator's. */
export function renderIssues(locale: Locale, issues: z.core.$ZodIssue[]): BulkItemError {
  return {
    code: 'validation_failed',
    detail: t(locale, 'error.validation'),
    errors: issues.map((i) => {
      const field = `/${i.path.join('/')}`;
      if (i.code === 'invalid_type' && i.input === undefined) return { field, code: 'required', detail: t(locale, 'validation.required') };
      if (i.code === 'unrecognized_keys')
        return { field, code: 'unknown_field', detail: t(locale, 'validation.unknown_field', { keys: i.keys.join(', ') }) };
      if (i.code === 'too_big') return { field, code: 'too_big', detail: t(locale, 'validation.too_big', { maximum: String(i.maximum) }) };
      return { field, code: i.code, detail: t(locale, 'validation.invalid') };
    }),
  };
}

/** Runs one item's work; a Problem becomes the item's error, anything else fails the whole request. */
export async function bulkItem<T>(locale: Locale, fn: () => Promise<T>): Promise<{ ok: T } | { error: BulkItemError }> {
  try {
    return { ok: await fn() };
  } catch (err) {
    if (!(err instanceof Problem)) throw err;
    return { error: renderProblem(locale, err) };
  }
}
