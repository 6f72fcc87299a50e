import type { MessageKey } from '../i18n';

export interface FieldError {
  /** JSON pointer style path of the field, e.g. `/stores/0/code`. */
  field: string;
  code: string;
  detail: string;
}

/**
 * An RFC 9457 problem. Thrown anywhere in a request; the error handler renders it as
 * application/problem+json with the detail translated to the request's language.
 */
export class Problem extends Error {
  constructor(
    readonly status: number,
    /** Stable, machine-readable code clients may rely on. */
    readonly code: string,
    readonly messageKey: MessageKey,
    readonly params: Record<string, string | number> = {},
    readonly extra: Record<string, unknown> = {},
  ) {
    super(code);
  }
}

export const notFound = () => new Problem(404, 'not_found', 'error.not_found');
export const forbidden = () => new Problem(403, 'forbidden', 'error.forbidden');
export const unauthenticated = (key: MessageKey = 'error.unauthenticated') => new Problem(401, 'unauthenticated', key);
export const conflict = (code: string, key: MessageKey, params?: Record<string, string | number>) => new Problem(409, code, key, params);
export const unprocessable = (code: string, key: MessageKey, params?: Record<string, string | number>) =>
  new Problem(422, code, key, params);

/** A 400 about one field, for rules a schema cannot express. */
export const invalidField = (field: string, code: string, key: MessageKey, params = {}) =>
  new Problem(
    400,
    'validation_failed',
    'error.validation',
    {},
    {
      fieldErrors: [{ field, code, key, params }],
    },
  );
