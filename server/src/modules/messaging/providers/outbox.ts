import { z } from 'zod';
import type { ProviderDefinition } from './types';

/**
 * The default provider: sends nothing. The message stays in our messages table, where the outbox
 * screen shows it — so a demo or a misconfigured org can never text a real customer.
 */
export const outboxProvider: ProviderDefinition<Record<string, never>, Record<string, never>> = {
  kind: 'outbox',
  channels: ['sms', 'email', 'whatsapp'],
  config: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
  secrets: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
  defaultRatePerSecond: 10_000,
  create: () => ({ send: async () => ({ providerMessageId: null, status: 'delivered' }) }),
};
