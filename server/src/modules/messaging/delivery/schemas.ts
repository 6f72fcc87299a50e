import { z } from 'zod';
import { isoDate } from '../../../platform/http/schemas';
import { MESSAGE_STATUSES, PURPOSES, SKIP_REASONS } from './schema';
import { SUPPRESSION_REASONS } from './suppressions';

export const channelSchema = z.enum(['sms', 'email', 'whatsapp']);
export const statusSchema = z.enum(MESSAGE_STATUSES);
export const purposeSchema = z.enum(PURPOSES);
export const skipReasonSchema = z.enum(SKIP_REASONS);

const messageFields = {
  id: z.uuid(),
  customerId: z.uuid(),
  channel: channelSchema,
  to: z.string().nullable().describe('E.164 or e-mail; masked without pii.read'),
  purpose: purposeSchema,
  campaignId: z.uuid().nullable(),
  variant: z.string().nullable(),
  templateId: z.uuid().nullable(),
  subject: z.string().nullable(),
  status: statusSchema,
  skipReason: skipReasonSchema.nullable(),
  error: z.string().nullable().describe("the provider's message of the last failed attempt"),
  attempts: z.number().int(),
  providerKind: z.string().nullable(),
  parts: z.number().int().nullable().describe('SMS parts'),
  cost: z.number().int().nullable().describe('kuruş'),
  notBefore: isoDate.nullable().describe('held until then (quiet hours, a scheduled send)'),
  queuedAt: isoDate,
  sentAt: isoDate.nullable(),
  deliveredAt: isoDate.nullable(),
  failedAt: isoDate.nullable(),
  openedAt: isoDate.nullable(),
  clickedAt: isoDate.nullable(),
  unsubscribedAt: isoDate.nullable(),
};

export const outboxItemSchema = z
  .object({ ...messageFields, preview: z.string().describe('the first 160 characters of the text') })
  .meta({ id: 'OutboxMessage' });

const whatsappTemplateSchema = z
  .object({ name: z.string().min(1).max(512), language: z.string().min(2).max(15), parameters: z.array(z.string().max(1024)).max(20) })
  .strict();

export const messageSchema = z
  .object({
    ...messageFields,
    brandId: z.uuid().nullable(),
    text: z.string(),
    html: z.string().nullable(),
    whatsappTemplate: whatsappTemplateSchema.nullable(),
    timeline: z.array(
      z.object({ event: z.enum(['queued', 'sent', 'delivered', 'failed', 'opened', 'clicked', 'unsubscribed']), at: isoDate }),
    ),
  })
  .meta({ id: 'Message' });

export const sendInput = z
  .object({
    customerId: z.uuid(),
    channel: channelSchema,
    purpose: purposeSchema.describe('transactional: a receipt, order ready, a reminder (no marketing consent needed); marketing: checked'),
    subject: z.string().trim().min(1).max(300).optional(),
    text: z.string().trim().min(1).max(5000),
    html: z.string().max(200_000).optional(),
    whatsappTemplate: whatsappTemplateSchema.optional(),
    brandId: z.uuid().optional(),
    templateId: z.uuid().optional(),
  })
  .strict()
  .meta({ id: 'SendMessage' });

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

export const settingsSchema = z
  .object({
    quietHours: z
      .object({ start: hhmm, end: hhmm })
      .strict()
      .describe("local time in the org's zone; marketing queued inside waits for the end; equal times: no quiet hours"),
    frequencyCap: z
      .object({ messages: z.number().int().min(0).max(100).describe('0: no cap'), days: z.number().int().min(1).max(90) })
      .strict()
      .describe('at most `messages` marketing messages per customer in `days` days, across campaigns'),
    maxAttempts: z.number().int().min(1).max(20).describe('attempts before a retryable provider error is final'),
  })
  .meta({ id: 'MessagingSettings' });

export const suppressionSchema = z
  .object({
    id: z.uuid(),
    channel: channelSchema,
    address: z.string().describe('masked without pii.read'),
    reason: z.enum(SUPPRESSION_REASONS),
    source: z.string(),
    createdAt: isoDate,
  })
  .meta({ id: 'Suppression' });
