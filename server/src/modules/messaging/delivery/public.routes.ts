import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context';
import { notFound, Problem } from '../../../platform/http/problem';
import type { HttpServer } from '../../../platform/http/server';
import { type Locale, t } from '../../../platform/i18n';
import { parseProviderWebhook, webhookOrgId } from '../providers/registry';
import { applyReplies, applyReports, recordEngagement, unsubscribe } from './feedback';
import { type TokenKind, verifyToken } from './tracking';

/** A transparent 1×1 GIF. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
// Tokens are longer than a router parameter may be (100 characters): the rest of the path is the token.
const tokenOf = (req: FastifyRequest) => (req.params as { '*': string })['*'];
const invalidLink = () => new Problem(404, 'invalid_link', 'delivery.invalid_link');

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(reply: FastifyReply, locale: Locale, status: number, body: string) {
  const title = escapeHtml(t(locale, 'delivery.unsubscribe_title'));
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
    .send(
      `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
        `<meta name="robots" content="noindex"><title>${title}</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#222}` +
        `button{font-size:1rem;padding:.7rem 1.2rem;border:0;border-radius:.4rem;background:#c92a2a;color:#fff;cursor:pointer}</style></head>` +
        `<body><h1>${title}</h1>${body}</body></html>`,
    );
}

/** Body parsers of the public routes: the raw text is kept (providers sign it), JSON and forms are read. */
function parseBody(req: FastifyRequest, raw: string): unknown {
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]
    .trim();
  if (raw === '') return {};
  if (type === 'application/json') return JSON.parse(raw);
  if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(raw));
  return raw;
}

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: string;
  }
}

/**
 * Routes without a session: tracking links of sent messages, the unsubscribe page and its
 * one-click POST (RFC 8058), and providers' delivery-report webhooks. Each trusts only what is
 * signed: our HMAC tokens, or the provider's signature checked by its definition.
 */
export function publicRoutes(app: HttpServer, ctx: AppContext) {
  const token = (kind: TokenKind, value: string) => verifyToken(ctx.config.dataDir, value, kind);

  app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string' }, (req, body, done) => {
      req.rawBody = body as string;
      try {
        done(null, parseBody(req, body as string));
      } catch {
        done(new Problem(400, 'invalid_webhook_body', 'delivery.invalid_webhook_body'), undefined);
      }
    });

    scope.get('/t/o/*', { config: { public: true }, schema: { hide: true } }, async (req, reply) => {
      const p = token('o', tokenOf(req));
      if (!p || !(await ctx.db.tenant(p.orgId, (tx) => recordEngagement(tx, p.messageId, 'open')))) throw invalidLink();
      return reply.type('image/gif').header('cache-control', 'no-store').send(PIXEL);
    });

    scope.get('/t/c/*', { config: { public: true }, schema: { hide: true } }, async (req, reply) => {
      const p = token('c', tokenOf(req));
      // Only a URL we signed, and only http(s): never an open redirect.
      if (!p?.url || !/^https?:\/\//i.test(p.url)) throw invalidLink();
      await ctx.db.tenant(p.orgId, (tx) => recordEngagement(tx, p.messageId, 'click', p.url));
      return reply.redirect(p.url, 302);
    });

    scope.get('/u/*', { config: { public: true }, schema: { hide: true } }, async (req, reply) => {
      if (!token('u', tokenOf(req)))
        return page(reply, req.locale, 404, `<p>${escapeHtml(t(req.locale, 'delivery.unsubscribe_invalid'))}</p>`);
      // A page that asks first: mail scanners follow GET links, only a person presses the button.
      return page(
        reply,
        req.locale,
        200,
        `<p>${escapeHtml(t(req.locale, 'delivery.unsubscribe_question'))}</p><form method="post"><input type="hidden" name="confirm" value="1">` +
          `<button type="submit">${escapeHtml(t(req.locale, 'delivery.unsubscribe_button'))}</button></form>`,
      );
    });

    scope.post('/u/*', { config: { public: true }, schema: { hide: true } }, async (req, reply) => {
      const p = token('u', tokenOf(req));
      const done = p && (await ctx.db.tenant(p.orgId, (tx) => unsubscribe(tx, p.messageId)));
      if (!done) return page(reply, req.locale, 404, `<p>${escapeHtml(t(req.locale, 'delivery.unsubscribe_invalid'))}</p>`);
      return page(reply, req.locale, 200, `<p>${escapeHtml(t(req.locale, 'delivery.unsubscribe_done'))}</p>`);
    });

    scope.post(
      '/api/v1/messaging/webhooks/:configId',
      {
        config: { public: true },
        schema: {
          tags: ['messaging'],
          summary:
            "A provider's delivery reports and inbound SMS (paste this URL into the provider's panel). The provider's signature is checked: 401 when it is wrong. An SMS reply \"RET\" withdraws SMS consent.",
          security: [],
          params: z.object({ configId: z.string().max(100) }),
          response: { 200: z.object({ reports: z.number().int(), revoked: z.number().int() }) },
        },
      },
      async (req) => {
        const { configId } = req.params;
        const orgId = await webhookOrgId(ctx, configId);
        if (!orgId) throw notFound();
        return ctx.db.tenant(orgId, async (tx) => {
          const parsed = await parseProviderWebhook(tx, ctx, configId, {
            headers: req.headers,
            query: req.query as Record<string, unknown>,
            body: req.body,
            rawBody: req.rawBody ?? '',
            url: `${ctx.config.publicUrl}${req.url}`,
          });
          return { reports: await applyReports(tx, configId, parsed.reports), revoked: await applyReplies(tx, parsed.replies) };
        });
      },
    );
  });
}
