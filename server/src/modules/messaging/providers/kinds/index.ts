import { outboxProvider } from '../outbox';
import type { ProviderDefinition } from '../types';
import { iletimerkeziProvider } from './iletimerkezi';
import { netgsmProvider } from './netgsm';
import { smtpProvider } from './smtp';
import { twilioProvider } from './twilio';
import { whatsappProvider } from './whatsapp';

// biome-ignore lint/suspicious/noExplicitAny: each definition has its own config and secrets types
type AnyDefinition = ProviderDefinition<any, any>;

/** Every kind an org can configure, in the order the UI lists them. */
export const DEFINITIONS: readonly AnyDefinition[] = [
  outboxProvider,
  smtpProvider,
  netgsmProvider,
  iletimerkeziProvider,
  twilioProvider,
  whatsappProvider,
];

export const PROVIDER_KINDS = DEFINITIONS.map((d) => d.kind) as [AnyDefinition['kind'], ...AnyDefinition['kind'][]];

export function definitionOf(kind: string): AnyDefinition | undefined {
  return DEFINITIONS.find((d) => d.kind === kind);
}
