import { randomBytes } from 'node:crypto';
import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Tx } from '../../../platform/db/database';
import { isUniqueViolation } from '../../../platform/db/errors';
import { conflict, invalidField, notFound } from '../../../platform/http/problem';
import type { ValidationIssue } from '../../../platform/http/validation';
import { newId } from '../../../platform/ids';
import { open, seal } from '../../../platform/secret-box';
import { type AuditSource, recordAudit } from '../../access/audit';
import { listBrands } from '../../access/stores';
import { definitionOf } from './kinds';
import { providerConfigs } from './schema';
import type { MessageChannel, ProviderDefinition } from './types';

export type ProviderConfigRow = typeof providerConfigs.$inferSelect;

export interface ConfigInput {
  kind: ProviderDefinition['kind'];
  channel: MessageChannel;
  name: string;
  brandId?: string | null;
  settings?: Record<string, unknown>;
  /** Write-only. A string sets a secret, null forgets it, an absent key keeps the stored one. */
  secrets?: Record<string, string | null>;
  ratePerSecond?: number | null;
  costPerPart?: number;
  enabled?: boolean;
  isDefault?: boolean;
}
export type ConfigPatch = Partial<Omit<ConfigInput, 'kind' | 'channel'>>;

export const WEBHOOK_PATH = '/api/v1/messaging/webhooks';

/** The configuration as the API shows it: never the secrets, only which are stored. */
export function viewConfig(row: ProviderConfigRow, publicUrl: string) {
  const def = definitionOf(row.kind)!;
  return {
    id: row.id,
    kind: row.kind,
    channel: row.channel,
    name: row.name,
    brandId: row.brandId,
    settings: row.settings,
    secretsSet: row.secretsSet,
    ratePerSecond: row.ratePerSecond,
    defaultRatePerSecond: def.defaultRatePerSecond,
    costPerPart: row.costPerPart,
    enabled: row.enabled,
    isDefault: row.isDefault,
    webhookUrl: def.parseWebhook ? `${publicUrl}${WEBHOOK_PATH}/${row.id}?token=${row.webhookToken}` : null,
    webhookToken: def.parseWebhook ? row.webhookToken : null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** A 400 with one field error per zod issue, under `prefix` (e.g. /settings/port). */
function invalidAt(prefix: string, error: z.ZodError): Error {
  const validation: ValidationIssue[] = error.issues.map((issue) => ({
    keyword: issue.code,
    instancePath: `${prefix}${issue.path.length ? `/${issue.path.join('/')}` : ''}`,
    schemaPath: '',
    message: issue.message,
    params: issue as unknown as Record<string, unknown>,
  }));
  return Object.assign(new Error('validation failed'), { validation, statusCode: 400 });
}

export function openSecrets(dataDir: string, row: Pick<ProviderConfigRow, 'secretsSealed'>): Record<string, string> {
  return row.secretsSealed ? JSON.parse(open(dataDir, row.secretsSealed)) : {};
}

function checkedSettings(kind: string, settings: Record<string, unknown>): Record<string, unknown> {
  const parsed = definitionOf(kind)!.config.safeParse(settings, { reportInput: true });
  if (!parsed.success) throw invalidAt('/settings', parsed.error);
  return parsed.data as Record<string, unknown>;
}

/** Validates the secrets against the kind; returns them sealed, with their names. */
function sealedSecrets(dataDir: string, kind: string, secrets: Record<string, string>) {
  const parsed = definitionOf(kind)!.secrets.safeParse(secrets, { reportInput: true });
  if (!parsed.success) throw invalidAt('/secrets', parsed.error);
  const names = Object.keys(parsed.data as object).sort();
  return { secretsSealed: names.length ? seal(dataDir, JSON.stringify(parsed.data)) : null, secretsSet: names };
}

const withoutNulls = <T>(o: Record<string, T | null>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null)) as Record<string, T>;

async function checkBrand(tx: Tx, brandId: string | null | undefined) {
  if (brandId && !(await listBrands(tx)).some((b) => b.id === brandId)) {
    throw invalidField('/brandId', 'unknown_brand', 'messaging.provider_unknown_brand');
  }
}

/** Makes room for a new default: the other default of the same org/brand and channel steps down. */
async function clearDefault(tx: Tx, row: Pick<ProviderConfigRow, 'id' | 'brandId' | 'channel'>) {
  await tx
    .update(providerConfigs)
    .set({ isDefault: false, updatedAt: new Date() })
    .where(
      and(
        eq(providerConfigs.orgId, tx.orgId!),
        eq(providerConfigs.channel, row.channel),
        row.brandId ? eq(providerConfigs.brandId, row.brandId) : isNull(providerConfigs.brandId),
        eq(providerConfigs.isDefault, true),
        ne(providerConfigs.id, row.id),
      ),
    );
}

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isUniqueViolation(err, 'message_provider_configs_default_key')) {
      throw conflict('provider_default_conflict', 'messaging.provider_default_conflict');
    }
    throw err;
  }
}

export async function listConfigs(tx: Tx): Promise<ProviderConfigRow[]> {
  return tx
    .select()
    .from(providerConfigs)
    .where(eq(providerConfigs.orgId, tx.orgId!))
    .orderBy(asc(providerConfigs.channel), asc(providerConfigs.name), asc(providerConfigs.id));
}

export async function getConfig(tx: Tx, id: string): Promise<ProviderConfigRow> {
  const [row] = await tx
    .select()
    .from(providerConfigs)
    .where(and(eq(providerConfigs.orgId, tx.orgId!), eq(providerConfigs.id, id)));
  if (!row) throw notFound();
  return row;
}

export async function createConfig(tx: Tx, source: AuditSource, dataDir: string, input: ConfigInput): Promise<ProviderConfigRow> {
  const def = definitionOf(input.kind)!;
  if (!def.channels.includes(input.channel)) {
    throw invalidField('/channel', 'unsupported_channel', 'messaging.provider_unsupported_channel', { channels: def.channels.join(', ') });
  }
  await checkBrand(tx, input.brandId);
  if (input.isDefault && input.enabled === false)
    throw invalidField('/isDefault', 'default_disabled', 'messaging.provider_default_disabled');
  const stored = {
    settings: checkedSettings(input.kind, input.settings ?? {}),
    ...sealedSecrets(dataDir, input.kind, withoutNulls(input.secrets ?? {})),
  };
  const id = newId();
  const row = await guarded(async () => {
    if (input.isDefault) await clearDefault(tx, { id, brandId: input.brandId ?? null, channel: input.channel });
    const [created] = await tx
      .insert(providerConfigs)
      .values({
        orgId: tx.orgId!,
        id,
        kind: input.kind,
        channel: input.channel,
        name: input.name,
        brandId: input.brandId ?? null,
        ...stored,
        ratePerSecond: input.ratePerSecond ?? null,
        costPerPart: input.costPerPart ?? 0,
        enabled: input.enabled ?? true,
        isDefault: input.isDefault ?? false,
        webhookToken: randomBytes(24).toString('base64url'),
      })
      .returning();
    return created;
  });
  await recordAudit(
    tx,
    source,
    'messaging.provider_create',
    { type: 'message_provider', id },
    { kind: input.kind, channel: input.channel },
  );
  return row;
}

export async function updateConfig(
  tx: Tx,
  source: AuditSource,
  dataDir: string,
  id: string,
  patch: ConfigPatch,
): Promise<ProviderConfigRow> {
  // Locked: two saves of one configuration must not merge secrets from a stale read.
  const [current] = await tx
    .select()
    .from(providerConfigs)
    .where(and(eq(providerConfigs.orgId, tx.orgId!), eq(providerConfigs.id, id)))
    .for('update');
  if (!current) throw notFound();
  if (patch.brandId !== undefined) await checkBrand(tx, patch.brandId);
  const brandId = patch.brandId === undefined ? current.brandId : patch.brandId;
  const enabled = patch.enabled ?? current.enabled;
  // Turning a provider off also gives up its default place: the outbox (or the org's default) takes over.
  const isDefault = enabled ? (patch.isDefault ?? current.isDefault) : false;
  if (patch.isDefault && !enabled) throw invalidField('/isDefault', 'default_disabled', 'messaging.provider_default_disabled');
  const stored = {
    ...(patch.settings !== undefined
      ? { settings: checkedSettings(current.kind, withoutNulls({ ...current.settings, ...patch.settings })) }
      : {}),
    // Sealed again only when secrets change: an untouched secret keeps its ciphertext.
    ...(patch.secrets !== undefined
      ? sealedSecrets(dataDir, current.kind, withoutNulls({ ...openSecrets(dataDir, current), ...patch.secrets }))
      : {}),
  };
  const row = await guarded(async () => {
    if (isDefault) await clearDefault(tx, { id, brandId, channel: current.channel });
    const [updated] = await tx
      .update(providerConfigs)
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.ratePerSecond !== undefined ? { ratePerSecond: patch.ratePerSecond } : {}),
        ...(patch.costPerPart !== undefined ? { costPerPart: patch.costPerPart } : {}),
        ...stored,
        brandId,
        enabled,
        isDefault,
        updatedAt: sql`greatest(now(), ${current.updatedAt}::timestamptz + interval '1 millisecond')`,
      })
      .where(and(eq(providerConfigs.orgId, tx.orgId!), eq(providerConfigs.id, id)))
      .returning();
    return updated;
  });
  // What changed, never the values of secrets.
  await recordAudit(
    tx,
    source,
    'messaging.provider_update',
    { type: 'message_provider', id },
    {
      fields: Object.keys(patch),
      ...(patch.secrets ? { secrets: Object.keys(patch.secrets) } : {}),
    },
  );
  return row;
}

export async function deleteConfig(tx: Tx, source: AuditSource, id: string): Promise<void> {
  const deleted = await tx
    .delete(providerConfigs)
    .where(and(eq(providerConfigs.orgId, tx.orgId!), eq(providerConfigs.id, id)))
    .returning({ id: providerConfigs.id });
  if (deleted.length === 0) throw notFound();
  await recordAudit(tx, source, 'messaging.provider_delete', { type: 'message_provider', id });
}
