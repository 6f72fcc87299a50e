import { z } from 'zod';
import type { AppContext } from '../../../platform/context';
import { forbidden, notFound } from '../../../platform/http/problem';
import type { HttpServer } from '../../../platform/http/server';
import { SESSION_COOKIE } from '../../../platform/http/server';
import { recordAudit } from '../audit';
import { getOrg } from '../orgs';
import type { Role } from '../permissions';
import { changeOwnPassword, login, logout } from '../sessions';
import { findLiveToken, getUser, redeemToken, updateUser } from '../users';
import { localeSchema, orgSchema, permissionSchema, sourceOf, userSchema } from './common';

const password = z.string().min(10).max(200);
const meSchema = z
  .object({
    /** Null when the caller is an API key. */
    user: userSchema.nullable(),
    apiKey: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    org: orgSchema,
    permissions: z.array(permissionSchema),
    csrfToken: z.string().nullable(),
  })
  .meta({ id: 'Me' });

export function authRoutes(app: HttpServer, ctx: AppContext) {
  const cookieOptions = (secure: boolean, expires: Date) => ({ httpOnly: true, sameSite: 'lax' as const, secure, path: '/', expires });

  app.post(
    '/api/v1/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the session cookie and returns the CSRF token for writes',
        body: z.object({ email: z.string().trim().max(320), password: z.string().max(200) }).strict(),
        response: { 200: z.object({ csrfToken: z.string(), userId: z.uuid(), orgId: z.uuid() }) },
      },
    },
    async (req, reply) => {
      const result = await login(ctx.db, req.body.email, req.body.password, { ip: req.ip, userAgent: req.headers['user-agent'] });
      reply.setCookie(SESSION_COOKIE, result.token, cookieOptions(req.protocol === 'https', result.expiresAt));
      return { csrfToken: result.csrfToken, userId: result.userId, orgId: result.orgId };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { schema: { tags: ['auth'], summary: 'Sign out this session', response: { 204: z.null() } } },
    async (req, reply) => {
      const sessionId = req.auth?.sessionId;
      if (sessionId) await req.tenant((tx) => logout(tx, sessionId));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/tokens/:token',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Check an invitation or password-reset link',
        params: z.object({ token: z.string().max(100) }),
        response: { 200: z.object({ email: z.string(), name: z.string(), purpose: z.enum(['invite', 'reset']) }) },
      },
    },
    async (req) => {
      const live = await ctx.db.system((tx) => findLiveToken(tx, req.params.token));
      if (!live) throw notFound();
      return { email: live.email, name: live.name, purpose: live.purpose as 'invite' | 'reset' };
    },
  );

  app.post(
    '/api/v1/auth/tokens/:token',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Set the password with an invitation or reset link (then sign in)',
        params: z.object({ token: z.string().max(100) }),
        body: z.object({ password }).strict(),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const used = await ctx.db.system((tx) => redeemToken(tx, req.params.token, req.body.password));
      await ctx.db.tenant(used.orgId, (tx) =>
        recordAudit(
          tx,
          { auth: { actor: { type: 'user', id: used.userId, name: used.name } }, ip: req.ip, userAgent: req.headers['user-agent'] },
          used.purpose === 'invite' ? 'user.accept_invite' : 'user.password_reset_used',
          { type: 'user', id: used.userId },
        ),
      );
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/me',
    { schema: { tags: ['auth'], summary: 'The signed-in user, the org and what the user may do', response: { 200: meSchema } } },
    async (req) => {
      const auth = req.auth!;
      return req.tenant(async (tx) => ({
        user: auth.actor.type === 'user' ? await getUser(tx, auth.actor.id) : null,
        apiKey: auth.actor.type === 'api_key' ? { id: auth.actor.id, name: auth.actor.name } : null,
        org: await getOrg(tx),
        permissions: [...auth.permissions] as z.infer<typeof permissionSchema>[],
        csrfToken: auth.csrfToken ?? null,
      }));
    },
  );

  app.patch(
    '/api/v1/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change own name or language',
        body: z
          .object({ name: z.string().trim().min(1).max(200), locale: localeSchema.nullable() })
          .partial()
          .strict(),
        response: { 200: userSchema },
      },
    },
    async (req) => {
      const auth = req.auth!;
      if (auth.actor.type !== 'user') throw forbidden();
      return req.tenant((tx) => updateUser(tx, sourceOf(req), { id: auth.actor.id, role: auth.role as Role }, auth.actor.id, req.body));
    },
  );

  app.post(
    '/api/v1/me/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change own password',
        body: z.object({ currentPassword: z.string().max(200), newPassword: password }).strict(),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      if (req.auth!.actor.type !== 'user') throw forbidden();
      await req.tenant(async (tx) => {
        await changeOwnPassword(tx, req.auth!, req.body.currentPassword, req.body.newPassword);
        await recordAudit(tx, sourceOf(req), 'user.change_password', { type: 'user', id: req.auth!.actor.id });
      });
      return reply.code(204).send(null);
    },
  );
}
