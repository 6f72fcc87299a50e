import { z } from 'zod';
import type { AppContext } from '../../../platform/context';
import { pageOf, pageQuery } from '../../../platform/http/pagination';
import { idParams, text } from '../../../platform/http/schemas';
import type { HttpServer } from '../../../platform/http/server';
import type { Role } from '../permissions';
import { createResetLink, createUser, getUser, listUsers, updateUser } from '../users';
import { localeSchema, roleSchema, sourceOf, userSchema } from './common';

const linkSchema = z.object({ url: z.url(), expiresInHours: z.number() });

export function userRoutes(app: HttpServer, ctx: AppContext) {
  const link = (purpose: 'invite' | 'reset', token: string) => ({
    url: `${ctx.config.publicUrl}/${purpose}/${token}`,
    expiresInHours: purpose === 'invite' ? 168 : 24,
  });
  const actorOf = (req: { auth: { actor: { id: string }; role: string | null } | null }) => ({
    id: req.auth!.actor.id,
    role: req.auth!.role as Role | null,
  });

  app.get(
    '/api/v1/users',
    {
      config: { permission: 'users.manage' },
      schema: {
        tags: ['users'],
        summary: 'Users of the org',
        querystring: z
          .object({
            ...pageQuery,
            active: z
              .enum(['true', 'false'])
              .transform((v) => v === 'true')
              .optional(),
          })
          .strict(),
        response: { 200: pageOf(userSchema) },
      },
    },
    (req) => req.tenant((tx) => listUsers(tx, req.query)),
  );

  app.get(
    '/api/v1/users/:id',
    {
      config: { permission: 'users.manage' },
      schema: { tags: ['users'], summary: 'One user', params: idParams, response: { 200: userSchema } },
    },
    (req) => req.tenant((tx) => getUser(tx, req.params.id)),
  );

  app.post(
    '/api/v1/users',
    {
      config: { permission: 'users.manage' },
      schema: {
        tags: ['users'],
        summary: 'Invite a user: returns a one-time link to set the password',
        body: z
          .object({
            email: z.string().trim().max(320).pipe(z.email()),
            name: text(200),
            role: roleSchema,
            storeIds: z.array(z.uuid()).max(500).optional(),
            locale: localeSchema.optional(),
          })
          .strict(),
        response: { 201: z.object({ user: userSchema, invite: linkSchema }) },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return req.tenant(async (tx) => {
        const { user, inviteToken } = await createUser(tx, sourceOf(req), actorOf(req).role, req.body);
        return { user, invite: link('invite', inviteToken!) };
      });
    },
  );

  app.patch(
    '/api/v1/users/:id',
    {
      config: { permission: 'users.manage' },
      schema: {
        tags: ['users'],
        summary: 'Change role, stores, name or deactivate',
        params: idParams,
        body: z
          .object({
            name: text(200),
            role: roleSchema,
            storeIds: z.array(z.uuid()).max(500),
            active: z.boolean(),
            locale: localeSchema.nullable(),
          })
          .partial()
          .strict(),
        response: { 200: userSchema },
      },
    },
    (req) => req.tenant((tx) => updateUser(tx, sourceOf(req), actorOf(req), req.params.id, req.body)),
  );

  app.post(
    '/api/v1/users/:id/reset-password',
    {
      config: { permission: 'users.manage' },
      schema: { tags: ['users'], summary: 'Create a one-time password reset link', params: idParams, response: { 200: linkSchema } },
    },
    (req) =>
      req.tenant(async (tx) => {
        const { token, purpose } = await createResetLink(tx, sourceOf(req), actorOf(req), req.params.id);
        return link(purpose, token);
      }),
  );
}
