import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { AppContext } from '../../../platform/context';
import type { Tx } from '../../../platform/db/database';
import { notFound, Problem } from '../../../platform/http/problem';
import { openSecrets, type ProviderConfigRow, WEBHOOK_PATH } from './configs';
import { definitionOf } from './kinds';
import { sameSignature } from './kinds/signatures';
import { whatsappChallenge } from './kinds/whatsapp';
import { outboxProvider } from './outbox';
import { providerConfigs } from './schema';
import {
  type DeliveryReport,
  type InboundReply,
  type MessageChannel,
  type MessageProvider,
  type ProviderDefinition,
  ProviderError,
  type WebhookRequest,
} from './types';

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
 * Built providers by configuration id, rebuilt when the row's `updatedAt` moves (a pooled SMTP
 * transport is worth keeping between batches). The old one is closed.
 */
const built = new Map<string, { updatedAt: number; provider: MessageProvider }>();

export function providerFor(ctx: AppContext, row: ProviderConfigRow): MessageProvider {
  const cached = built.get(row.id);
  if (cached && cached.updatedAt === row.updatedAt.getTime()) return cached.provider;
  if (cached) void cached.provider.close?.();
  const def = definitionOf(row.kind)!;
  const provider = def.create(def.config.parse(row.settings), def.secrets.parse(openSecrets(ctx.config.dataDir, row)), {
    webhookUrl: def.parseWebhook ? `${ctx.config.publicUrl}${WEBHOOK_PATH}/${row.id}?token=${row.webhookToken}` : undefined,
  });
  built.set(row.id, { updatedAt: row.updatedAt.getTime(), provider });
  return provider;
}

/** Closes the built provider of a configuration that is gone. */
export async function dropProvider(configId: string): Promise<void> {
  const cached = built.get(configId);
  built.delete(configId);
  await cached?.provider.close?.();
}

/** Closes every built provider (tests, shutdown). */
export async function closeProviders(): Promise<void> {
  const all = [...built.values()];
  built.clear();
  await Promise.all(all.map((b) => b.provider.close?.()));
}

const outbox = outboxProvider.create({}, {});

/**
 * The org's (or the brand's) provider for a channel: the brand's enabled default, else the org's,
 * else the built-in outbox. CONTRACT (messaging-delivery calls it).
 */
export async function resolveProvider(tx: Tx, ctx: AppContext, channel: MessageChannel, brandId: string | null): Promise<ResolvedProvider> {
  const [row] = await tx
    .select()
    .from(providerConfigs)
    .where(
      and(
        eq(providerConfigs.orgId, tx.orgId!),
        eq(providerConfigs.channel, channel),
        eq(providerConfigs.enabled, true),
        eq(providerConfigs.isDefault, true),
        brandId ? or(eq(providerConfigs.brandId, brandId), isNull(providerConfigs.brandId)) : isNull(providerConfigs.brandId),
      ),
    )
    .orderBy(sql`${providerConfigs.brandId} is null`)
    .limit(1);
  if (!row) {
    return { configId: null, kind: 'outbox', provider: outbox, ratePerSecond: outboxProvider.defaultRatePerSecond, costPerPart: 0 };
  }
  return {
    configId: row.id,
    kind: row.kind,
    provider: providerFor(ctx, row),
    ratePerSecond: row.ratePerSecond ?? definitionOf(row.kind)!.defaultRatePerSecond,
    costPerPart: row.costPerPart,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The org a public webhook is addressed to, from the configuration id in its URL (null when none):
 * the webhook route opens that org's tenant transaction with it before calling parseProviderWebhook.
 */
export async function webhookOrgId(ctx: AppContext, configId: string): Promise<string | null> {
  if (!UUID.test(configId)) return null;
  const [row] = await ctx.db.system((tx) =>
    tx.select({ orgId: providerConfigs.orgId }).from(providerConfigs).where(eq(providerConfigs.id, configId)).limit(1),
  );
  return row?.orgId ?? null;
}

/** The org's enabled configurations whose kind reports only when polled (Netgsm). */
export async function pollableConfigs(tx: Tx): Promise<{ id: string; kind: ProviderDefinition['kind'] }[]> {
  const rows = await tx
    .select({ id: providerConfigs.id, kind: providerConfigs.kind })
    .from(providerConfigs)
    .where(and(eq(providerConfigs.orgId, tx.orgId!), eq(providerConfigs.enabled, true)));
  return rows.filter((r) => definitionOf(r.kind)?.poll);
}

/**
 * Asks a polled provider for the reports of these provider message ids (ask only for messages
 * still `sent`) and for replies received since the last poll. It reads the configuration in its
 * own short transaction and calls out after it. A ProviderError means "try later". The sending
 * queue applies the answer as it applies a webhook's.
 */
export async function pollProvider(
  ctx: AppContext,
  orgId: string,
  configId: string,
  providerMessageIds: string[],
): Promise<{ reports: DeliveryReport[]; replies: InboundReply[] }> {
  const row = await ctx.db.tenant(orgId, (tx) => webhookConfig(tx, configId));
  const def = definitionOf(row.kind)!;
  if (!def.poll) return { reports: [], replies: [] };
  return def.poll(def.config.parse(row.settings), def.secrets.parse(openSecrets(ctx.config.dataDir, row)), providerMessageIds);
}

const badWebhook = () => new Problem(401, 'webhook_signature', 'messaging.webhook_signature');

/** An enabled configuration addressed by a webhook; 404 for an unknown or disabled one (or a malformed id). */
async function webhookConfig(tx: Tx, configId: string): Promise<ProviderConfigRow> {
  if (!UUID.test(configId)) throw notFound();
  const [row] = await tx
    .select()
    .from(providerConfigs)
    .where(and(eq(providerConfigs.orgId, tx.orgId!), eq(providerConfigs.id, configId), eq(providerConfigs.enabled, true)));
  if (!row) throw notFound();
  return row;
}

/**
 * Reads a webhook addressed to one of the org's provider configurations (delivery reports, inbound
 * SMS). The URL's `token` must match (providers that sign, Twilio and WhatsApp, are checked by
 * signature as well). Throws a 401 Problem on a bad token or signature, 404 for an unknown or
 * disabled configuration. CONTRACT (messaging-delivery's webhook route calls it).
 */
export async function parseProviderWebhook(
  tx: Tx,
  ctx: AppContext,
  configId: string,
  request: WebhookRequest,
): Promise<{ reports: DeliveryReport[]; replies: InboundReply[] }> {
  const row = await webhookConfig(tx, configId);
  const def = definitionOf(row.kind)!;
  if (!def.parseWebhook) throw notFound();
  const token = request.query.token;
  if (!sameSignature(row.webhookToken, typeof token === 'string' ? token : undefined)) throw badWebhook();
  try {
    return def.parseWebhook(request, def.config.parse(row.settings), def.secrets.parse(openSecrets(ctx.config.dataDir, row)));
  } catch (err) {
    if (err instanceof ProviderError && err.status === 401) throw badWebhook();
    throw err;
  }
}

/**
 * The GET verification a provider makes when its webhook URL is saved (WhatsApp: `hub.mode`,
 * `hub.verify_token` = the configuration's webhook token, `hub.challenge`): the text to answer.
 * 401 on a wrong token, 404 for an unknown configuration or a kind without a handshake.
 */
export async function verifyProviderWebhook(tx: Tx, configId: string, query: Record<string, unknown>): Promise<string> {
  const row = await webhookConfig(tx, configId);
  if (row.kind !== 'whatsapp') throw notFound();
  const challenge = whatsappChallenge(query, row.webhookToken);
  if (challenge === null) throw badWebhook();
  return challenge;
}
