import { z } from 'zod';
import { isoDate } from '../../../platform/http/schemas';
import { CHANNELS, CONSENT_STATUSES, IYS_SOURCES, RECIPIENT_TYPES } from '../channels';
import { IYS_SYNC_STATUSES, REQUEST_STATUSES, REQUEST_TYPES } from '../request-kinds';

export const consentSchema = z
  .object({
    id: z.uuid(),
    channel: z.enum(CHANNELS),
    status: z.enum(CONSENT_STATUSES),
    source: z.string(),
    recipientType: z.enum(RECIPIENT_TYPES),
    brandId: z.uuid().nullable(),
    consentAt: isoDate,
    storeId: z.uuid().nullable(),
    actorType: z.string().nullable(),
    actorName: z.string().nullable(),
    textVersion: z.string().nullable(),
    origin: z.enum(['muhtar', 'iys']),
    iysStatus: z.enum(IYS_SYNC_STATUSES).nullable(),
    iysError: z.string().nullable(),
  })
  .meta({ id: 'Consent' });

export const recordConsentInput = z
  .object({
    channels: z.array(z.enum(CHANNELS)).min(1).max(CHANNELS.length),
    status: z.enum(CONSENT_STATUSES),
    source: z.enum(IYS_SOURCES),
    recipientType: z.enum(RECIPIENT_TYPES).optional(),
    recordedAt: z.coerce.date().optional().describe('When the customer gave or withdrew it; now if absent'),
    storeId: z.uuid().nullable().optional(),
    brandId: z.uuid().nullable().optional(),
    textVersion: z.string().trim().min(1).max(100).nullable().optional(),
  })
  .strict();

export const requestSchema = z
  .object({
    id: z.uuid(),
    customerId: z.uuid(),
    type: z.enum(REQUEST_TYPES),
    status: z.enum(REQUEST_STATUSES),
    receivedAt: isoDate,
    dueAt: isoDate,
    ownerId: z.uuid().nullable(),
    notes: z.string().nullable(),
    resolution: z.string().nullable(),
    executedAt: isoDate.nullable(),
    hasExport: z.boolean(),
    history: z.array(
      z.object({
        at: z.string(),
        actor: z.string().nullable(),
        action: z.string(),
        status: z.string().optional(),
        ownerId: z.string().nullable().optional(),
      }),
    ),
    createdAt: isoDate,
    updatedAt: isoDate,
  })
  .meta({ id: 'PrivacyRequest' });

export const iysSettingsSchema = z
  .object({
    scope: z.string(),
    enabled: z.boolean(),
    baseUrl: z.string(),
    iysCode: z.string().nullable(),
    brandCode: z.string().nullable(),
    username: z.string().nullable(),
    hasPassword: z.boolean(),
    lastPullAt: isoDate.nullable(),
    lastPullError: z.string().nullable(),
    updatedAt: isoDate,
  })
  .meta({ id: 'IysSettings' });

const code = z
  .string()
  .trim()
  .regex(/^\d{1,20}$/);
export const iysSettingsInput = z
  .object({
    enabled: z.boolean().optional(),
    baseUrl: z
      .url({ protocol: /^https?$/ })
      .max(300)
      .optional(),
    iysCode: code.nullable().optional(),
    brandCode: code.nullable().optional(),
    username: z.string().trim().min(1).max(200).nullable().optional(),
    password: z.string().min(1).max(500).nullable().optional(),
  })
  .strict();

export const retentionSchema = z
  .object({
    enabled: z.boolean(),
    inactiveYears: z.number().int().nullable(),
    messageDays: z.number().int().nullable(),
    lastRunAt: isoDate.nullable(),
    lastResult: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'RetentionPolicy' });

export const retentionInput = z
  .object({
    enabled: z.boolean().optional(),
    inactiveYears: z.number().int().min(1).max(50).nullable().optional(),
    messageDays: z.number().int().min(1).max(3650).nullable().optional(),
  })
  .strict();

export const retentionReportSchema = z
  .object({
    cutoff: z.object({ customers: isoDate.nullable(), messages: isoDate.nullable() }),
    customers: z.number().int(),
    sample: z.array(z.uuid()),
    messages: z.number().int(),
    messagePurgers: z.array(z.string()),
  })
  .meta({ id: 'RetentionReport' });
