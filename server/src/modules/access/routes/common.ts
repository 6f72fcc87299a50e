import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isoDate } from '../../../platform/http/schemas';
import type { AuditSource } from '../audit';
import { API_KEY_SCOPES, PERMISSIONS, ROLES } from '../permissions';

export const sourceOf = (req: FastifyRequest): AuditSource => ({
  auth: req.auth,
  ip: req.ip,
  userAgent: req.headers['user-agent'],
});

export const roleSchema = z.enum(ROLES);
export const scopeSchema = z.enum(API_KEY_SCOPES);
export const localeSchema = z.enum(['tr', 'en']);
export const permissionSchema = z.enum(PERMISSIONS);

export const userSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: roleSchema,
    locale: localeSchema.nullable(),
    active: z.boolean(),
    activated: z.boolean(),
    storeIds: z.array(z.uuid()),
    createdAt: isoDate,
    lastLoginAt: isoDate.nullable(),
  })
  .meta({ id: 'User' });

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
export const orgSchema = z
  .object({
    orgId: z.uuid(),
    name: z.string(),
    timezone: z.string(),
    currency: z.string(),
    defaultLocale: localeSchema,
    quietHoursStart: hhmm,
    quietHoursEnd: hhmm,
  })
  .meta({ id: 'Org' });
export const orgPatchSchema = orgSchema
  .omit({ orgId: true })
  .extend({ name: z.string().trim().min(1).max(200), currency: z.string().regex(/^[A-Z]{3}$/) })
  .partial()
  .strict();
