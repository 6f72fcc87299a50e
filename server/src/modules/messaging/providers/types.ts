import type { z } from 'zod';
import type { Channel } from '../../privacy/channels';

/** The channels a provider can carry (consent channel `call` is never a message). */
export type MessageChannel = Exclude<Channel, 'call'>;

/** One rendered message, ready for a provider. Compliance has already been checked. */
export interface OutgoingMessage {
  /** Our message id (UUIDv7): the provider's reference where it takes one, and the key of delivery reports. */
  id: string;
  orgId: string;
  channel: MessageChannel;
  /** E.164 for sms and whatsapp, an address for email. */
  to: string;
  subject?: string;
  /** SMS text, the e-mail's plain-text part, or the WhatsApp body of a session message. */
  text: string;
  html?: string;
  /** E-mail headers the sender adds (List-Unsubscribe, List-Unsubscribe-Post). */
  headers?: Record<string, string>;
  /** WhatsApp Cloud API template message (marketing outside the 24 h window must be one). */
  whatsappTemplate?: { name: string; language: string; parameters: string[] };
  /** Marketing messages go through İYS filters where the provider offers them; transactional ones do not. */
  transactional: boolean;
}

export interface SendResult {
  /** The provider's id for the message (null when it gives none); delivery reports name it. */
  providerMessageId: string | null;
  /** `delivered`: the provider is final at once (the outbox, SMTP accepted by the relay). */
  status: 'sent' | 'delivered';
}

/** A provider refused or failed. `retryable`: time-outs, 5xx, throttling; not bad numbers or credentials. */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface DeliveryReport {
  providerMessageId: string;
  status: 'delivered' | 'failed';
  error?: string;
  at?: Date;
}

/** An inbound SMS (e.g. "RET" to revoke consent). */
export interface InboundReply {
  from: string;
  text: string;
  at?: Date;
}

export interface WebhookRequest {
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, unknown>;
  body: unknown;
  rawBody: string;
  /** The full URL the provider called (Twilio signs it). */
  url: string;
}

export interface MessageProvider {
  send(message: OutgoingMessage): Promise<SendResult>;
  close?(): Promise<void>;
}

/** What a provider learns about where it runs (Twilio sends the webhook URL with every message). */
export interface ProviderContext {
  /** The public URL of this configuration's webhook, token included. */
  webhookUrl?: string;
}

/** A kind of provider: its settings (plain and secret), how to build a sender, how to read its webhooks. */
export interface ProviderDefinition<Config = unknown, Secrets = unknown> {
  kind: 'outbox' | 'smtp' | 'netgsm' | 'iletimerkezi' | 'twilio' | 'whatsapp';
  channels: readonly MessageChannel[];
  config: z.ZodType<Config>;
  secrets: z.ZodType<Secrets>;
  /** Messages per second when the org sets none: the provider's documented limit, or a safe guess. */
  defaultRatePerSecond: number;
  create(config: Config, secrets: Secrets, context?: ProviderContext): MessageProvider;
  /** Reads a delivery-report or inbound webhook; throws ProviderError(…, false, 401) on a bad signature. */
  parseWebhook?(request: WebhookRequest, config: Config, secrets: Secrets): { reports: DeliveryReport[]; replies: InboundReply[] };
  /**
   * For providers that report only when asked (Netgsm): the reports of these provider message ids
   * (final ones only) and the replies received since the last poll.
   */
  poll?(config: Config, secrets: Secrets, providerMessageIds: string[]): Promise<{ reports: DeliveryReport[]; replies: InboundReply[] }>;
}
