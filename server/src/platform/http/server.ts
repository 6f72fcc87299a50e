import { existsSync } from 'node:fs';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config';
import type { Database, Tx } from '../db/database';
import { type Locale, localeFromHeader, t } from '../i18n';
import { newId } from '../ids';
import type { Auth, Authenticator } from './auth-context';
import { errorHandler, sendProblem } from './errors';
import { idempotencyKeyOf, runIdempotent } from './idempotency';
import { forbidden, Problem, unauthenticated } from './problem';
import { assertPlainInput, validatorCompiler } from './validation';

export type HttpServer = FastifyInstance<
  import('node:http').Server,
  import('node:http').IncomingMessage,
  import('node:http').ServerResponse,
  import('fastify').FastifyBaseLogger,
  ZodTypeProvider
>;

export interface RouteEntry {
  method: string;
  url: string;
  config: { public?: boolean; permission?: string; idempotent?: boolean };
}

declare module 'fastify' {
  interface FastifyInstance {
    routeList: RouteEntry[];
  }
  interface FastifyRequest {
    auth: Auth | null;
    locale: Locale;
    /** Runs fn in a transaction scoped to the caller's org; honours Idempotency-Key. */
    tenant<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
    /** The reply of this request, so the idempotency store can record its status. */
    reply: FastifyReply;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const REQUEST_ID = /^[\w.:-]{1,128}$/;
export const SESSION_COOKIE = 'muhtar_session';
const WEB_DIST = new URL('../../../../web/dist', import.meta.url).pathname;

export interface HttpOptions {
  config: Config;
  db: Database;
  authenticate: Authenticator;
  logger: FastifyBaseLogger;
}

export async function createHttpServer({ config, db, authenticate, logger }: HttpOptions): Promise<HttpServer> {
  const app = Fastify({
    loggerInstance: logger,
    // A caller's x-request-id is kept for tracing across systems when it is short and plain.
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : newId();
    },
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  // Every route with its access rules, for the tenant-isolation and permission sweeps.
  const routeList: RouteEntry[] = [];
  app.addHook('onRoute', (r) => {
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    for (const method of methods)
      if (method !== 'HEAD') routeList.push({ method, url: r.url, config: (r.config ?? {}) as RouteEntry['config'] });
  });
  app.decorate('routeList', routeList);

  app.decorateRequest('auth', null);
  app.decorateRequest('locale', 'tr');
  app.decorateRequest('reply', null as unknown as FastifyReply);
  app.decorateRequest('tenant', function tenant<T>(this: FastifyRequest, fn: (tx: Tx) => Promise<T>) {
    const auth = this.auth;
    if (!auth) throw unauthenticated();
    const { idempotent, prepared } = this.routeOptions.config;
    const key = idempotent ? idempotencyKeyOf(this) : undefined;
    return db.tenant(
      auth.orgId,
      (tx) =>
        key
          ? runIdempotent(
              tx,
              this,
              key,
              () => this.reply.statusCode,
              () => fn(tx),
            )
          : fn(tx),
      { prepared },
    );
  });

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Muhtar API',
        version: '1',
        description: 'Retail CRM. Errors are RFC 9457 application/problem+json with a stable `code`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key: `Authorization: Bearer mk_…`' },
        },
      },
      security: [{ session: [] }, { apiKey: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { public: true } }, async () => app.swagger());

  // Identify the caller, then refuse early: before the body is parsed or validated. Only the
  // versioned API needs a caller; health, docs and the web app are open.
  app.addHook('onRequest', async (req, reply) => {
    req.reply = reply;
    reply.header('x-request-id', req.id);
    const config = req.routeOptions.config;
    const guarded = req.routeOptions.url?.startsWith('/api/v1/') && !config.public;
    // A bad API key is refused where a caller is needed, and ignored on open routes (probes).
    req.auth = await authenticate({ headers: req.headers, cookies: req.cookies, ip: req.ip }).catch((err) => {
      if (guarded) throw err;
      return null;
    });
    req.locale = req.auth?.userLocale ?? localeFromHeader(req.headers['accept-language']) ?? req.auth?.orgLocale ?? 'tr';
    if (!guarded) return;
    if (!req.auth) throw unauthenticated();
    if (config.permission && !req.auth.permissions.has(config.permission)) throw forbidden();
    if (req.auth.csrfToken && !SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== req.auth.csrfToken) {
      throw new Problem(403, 'csrf_failed', 'error.csrf');
    }
  });
  // How long Muhtar itself took (authentication included): a till or a load test can tell it from
  // the time its request waited on the network or for a busy machine.
  app.addHook('onSend', (req, reply, payload, done) => {
    if (req.url.startsWith('/api/')) reply.header('server-timing', `app;dur=${reply.elapsedTime.toFixed(2)}`);
    done(null, payload);
  });
  app.addHook('preValidation', async (req) => {
    assertPlainInput(req.body);
    assertPlainInput(req.query);
    assertPlainInput(req.params);
  });

  // API keys are limited per key; sessions are people and are limited at login instead.
  await app.register(rateLimit, {
    global: true,
    max: config.apiKeyRateLimit,
    timeWindow: 60_000,
    allowList: (req) => req.auth?.actor.type !== 'api_key',
    keyGenerator: (req) => `key:${req.auth?.actor.id}`,
    errorResponseBuilder: (_req, ctx) =>
      new Problem(
        429,
        'rate_limited',
        'error.rate_limited',
        { seconds: Math.ceil(ctx.ttl / 1000) },
        { retryAfter: Math.ceil(ctx.ttl / 1000) },
      ),
  });

  const hasWeb = existsSync(`${WEB_DIST}/index.html`);
  if (hasWeb) await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: false });

  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0];
    if (hasWeb && req.method === 'GET' && !path.startsWith('/api/')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return sendProblem(reply, req, 404, 'route_not_found', t(req.locale, 'error.route_not_found', { method: req.method, url: path }));
  });
  return app;
}
