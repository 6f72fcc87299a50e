import { sql } from 'drizzle-orm';
import { boolean, foreignKey, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgIdColumn, tenantPolicy } from '../../../platform/db/tenant-table';
import { orgs } from '../../access/schema';
import type { MessageChannel, ProviderDefinition } from './types';

/**
 * A message provider the org configured (SMTP relay, SMS operator, WhatsApp number), for the whole
 * org (`brand_id` null) or one brand. No foreign key to brands: deleting a brand must not depend on
 * messaging; a configuration of a deleted brand is simply never chosen again.
 */
export const providerConfigs = pgTable(
  'message_provider_configs',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull(),
    brandId: uuid('brand_id'),
    kind: text('kind').$type<ProviderDefinition['kind']>().notNull(),
    channel: text('channel').$type<MessageChannel>().notNull(),
    name: text('name').notNull(),
    /** The kind's plain settings (host, sender name, base URL …), validated by its definition. */
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    /** The kind's secrets as one JSON object sealed with platform/secret-box; never returned. */
    secretsSealed: text('secrets_sealed'),
    /** Names of the secrets stored, so the API can say which are set without opening them. */
    secretsSet: text('secrets_set').array().notNull().default([]),
    /** Messages per second; null: the definition's default. */
    ratePerSecond: integer('rate_per_second'),
    /** Cost of one message (one SMS part) in kuruş. */
    costPerPart: integer('cost_per_part').notNull().default(0),
    enabled: boolean('enabled').notNull().default(true),
    isDefault: boolean('is_default').notNull().default(false),
    /** Random token in the webhook URL (and WhatsApp's verify token): providers without signatures prove who they are with it. */
    webhookToken: text('webhook_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.orgId] }),
    // One default per org (or brand) and channel; the zero uuid stands for "the whole org".
    uniqueIndex('message_provider_configs_default_key')
      .on(t.orgId, sql`coalesce(${t.brandId}, '00000000-0000-0000-0000-000000000000'::uuid)`, t.channel)
      .where(sql`is_default`),
    tenantPolicy('message_provider_configs'),
  ],
);
