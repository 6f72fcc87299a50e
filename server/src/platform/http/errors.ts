import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { type Locale, type MessageKey, t } from '../i18n';
import { Replay } from './idempotency';
import { type FieldError, Problem } from './problem';
import type { ValidationIssue } from './validation';

const PROBLEM_TYPE = 'application/problem+json';

/** Maps a zod issue to a stable code and a translated message. */
function fieldError(
  locale: Locale,
  issue: {
    keyword: string;
    instancePath: string;
    params: Record<string, unknown>;
  },
): FieldError {
  const p = issue.params;
  const field = issue.instancePath.replace(/^\/(body|querystring|params|headers)/, '') || '/';
  switch (issue.keyword) {
    case 'invalid_type':
      return 'input' in p && p.input === undefined
        ? { field, code: 'required', detail: t(locale, 'validation.required') }
        : { field, code: 'invalid_type', detail: t(locale, 'validation.invalid_type', { expected: String(p.expected) }) };
    case 'too_small':
      return { field, code: 'too_small', detail: t(locale, 'validation.too_small', { minimum: String(p.minimum) }) };
    case 'too_big':
      return { field, code: 'too_big', detail: t(locale, 'validation.too_big', { maximum: String(p.maximum) }) };
    case 'unrecognized_keys':
      return { field, code: 'unknown_field', detail: t(locale, 'validation.unknown_field', { keys: (p.keys as string[]).join(', ') }) };
    case 'invalid_value':
      return {
        field,
        code: 'invalid_option',
        detail: t(locale, 'validation.invalid_option', { options: (p.values as unknown[]).join(', ') }),
      };
    case 'invalid_format': {
      const key: MessageKey =
        p.format === 'email' ? 'validation.invalid_email' : p.format === 'uuid' ? 'validation.invalid_uuid' : 'validation.invalid_format';
      return { field, code: `invalid_${p.format ?? 'format'}`, detail: t(locale, key) };
    }
    case 'custom': {
      const custom = (p.params ?? {}) as { code?: string; key?: MessageKey };
      return { field, code: custom.code ?? 'invalid', detail: t(locale, custom.key ?? 'validation.invalid') };
    }
    default:
      return { field, code: issue.keyword, detail: t(locale, 'validation.invalid') };
  }
}

export function sendProblem(
  reply: FastifyReply,
  req: FastifyRequest,
  status: number,
  code: string,
  detail: string,
  extra: Record<string, unknown> = {},
) {
  return reply
    .code(status)
    .type(PROBLEM_TYPE)
    .send({ type: `about:blank`, title: code, status, code, detail, instance: req.url.split('?')[0], requestId: req.id, ...extra });
}

/** Turns every error into RFC 9457 problem+json in the request's language. */
export function errorHandler(error: FastifyError | Problem | Replay, req: FastifyRequest, reply: FastifyReply) {
  const locale = req.locale;
  if (error instanceof Replay) {
    // Already serialised when first sent: it bypasses the response schema.
    return reply.code(error.statusCode).header('idempotent-replayed', 'true').type('application/json').send(JSON.stringify(error.body));
  }
  if (error instanceof Problem) {
    const { fieldErrors, ...extra } = error.extra as {
      fieldErrors?: { field: string; code: string; key: MessageKey; params: Record<string, string> }[];
      retryAfter?: number;
    };
    const errors = fieldErrors?.map((f) => ({ field: f.field, code: f.code, detail: t(locale, f.key, f.params) }));
    if (error.status === 429 && extra.retryAfter) reply.header('retry-after', String(extra.retryAfter));
    return sendProblem(reply, req, error.status, error.code, t(locale, error.messageKey, error.params), {
      ...extra,
      ...(errors ? { errors } : {}),
    });
  }
  if ('validation' in error && Array.isArray(error.validation)) {
    const errors = (error.validation as unknown as ValidationIssue[]).map((v) => fieldError(locale, v));
    return sendProblem(reply, req, 400, 'validation_failed', t(locale, 'error.validation'), { errors });
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return sendProblem(
        reply,
        req,
        413,
        'payload_too_large',
        t(locale, 'error.payload_too_large', { limit: req.routeOptions.bodyLimit ?? 0 }),
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return sendProblem(
        reply,
        req,
        415,
        'unsupported_media_type',
        t(locale, 'error.unsupported_media_type', { type: String(req.headers['content-type'] ?? '') }),
      );
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return sendProblem(reply, req, 400, 'malformed_json', t(locale, 'error.malformed_json'));
  }
  if (error.statusCode === 429) {
    return sendProblem(
      reply,
      req,
      429,
      'rate_limited',
      t(locale, 'error.rate_limited', { seconds: Number(reply.getHeader('retry-after') ?? 60) }),
    );
  }
  if (error instanceof SyntaxError || (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)) {
    return sendProblem(
      reply,
      req,
      error.statusCode ?? 400,
      'bad_request',
      t(locale, error instanceof SyntaxError ? 'error.malformed_json' : 'error.validation'),
    );
  }
  req.log.error({ err: error }, 'unhandled error');
  return sendProblem(reply, req, 500, 'internal_error', t(locale, 'error.internal', { requestId: req.id }));
}
