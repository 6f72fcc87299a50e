import type { AppContext } from '../../../platform/context';
import type { Tx } from '../../../platform/db/database';
import { outboxProvider } from './outbox';
import type { DeliveryReport, InboundReply, MessageChannel, MessageProvider, ProviderDefinition, WebhookRequest } from './types';

/** The provider a message goes through, with the org's settings for it. */
export interface ResolvedProvider {
  /** The org's provider configuration row; null for the built-in outbox. */
  configId: string | null;
  kind: ProviderDefinition['kind'];
  provider: MessageProvider;
  ratePerSecond: number;
  /** Cost of one message (one SMS part) in kuruş, as the org set it; 0 when unset. */
  costPerPart: number;
}

/**
 * The org's (or the brand's) provider for a channel; the outbox when none is configured.
 * CONTRACT (messaging-providers fills this in; messaging-delivery calls it).
 */
export async function resolveProvider(
  _tx: Tx,
  _ctx: AppContext,
  _channel: MessageChannel,
  _brandId: string | null,
): Promise<ResolvedProvider> {
  return {
    configId: null,
    kind: 'outbox',
    provider: outboxProvider.create({}, {}),
    ratePerSecond: outboxProvider.defaultRatePerSecond,
    costPerPart: 0,
  };
}

/**
 * Reads a webhook addressed to one of the org's provider configurations (delivery reports, inbound
 * SMS). Throws a 401 Problem on a bad signature, 404 for an unknown configuration.
 * CONTRACT (messaging-providers fills this in; messaging-delivery's webhook route calls it).
 */
export async function parseProviderWebhook(
  _tx: Tx,
  _ctx: AppContext,
  _configId: string,
  _request: WebhookRequest,
): Promise<{ reports: DeliveryReport[]; replies: InboundReply[] }> {
  return { reports: [], replies: [] };
}
