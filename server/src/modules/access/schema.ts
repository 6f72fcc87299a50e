import { sql } from 'drizzle-orm';
import {
  boolean,
  foreignKey,
  index,
  jsonb,
  pgPolicy,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { orgIdColumn, tenantPolicy, tenantRole } from '../../platform/db/tenant-table';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** An org is one business; its own id is its `org_id`, so it shards with everything else. */
export const orgs = pgTable(
  'orgs',
  {
    orgId: uuid('org_id').primaryKey(),
    name: text('name').notNull(),
    timezone: text('timezone').notNull().default('Europe/Istanbul'),
    currency: text('currency').notNull().default('TRY'),
    defaultLocale: text('default_locale').notNull().default('tr'),
    // Marketing messages wait outside this window (local time of the org, 'HH:MM').
    quietHoursStart: text('quiet_hours_start').notNull().default('21:00'),
    quietHoursEnd: text('quiet_hours_end').notNull().default('09:00'),
    createdAt: createdAt(),
  },
  () => [
    pgPolicy('orgs_tenant_isolation', {
      for: 'all',
      to: tenantRole,
      using: sql`org_id = current_org_id()`,
      withCheck: sql`org_id = current_org_id()`,
    }),
  ],
);

export const brands = pgTable(
  'brands',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    unique('brands_code_key').on(t.orgId, t.code),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.orgId] }),
    tenantPolicy('brands'),
  ],
);

export const stores = pgTable(
  'stores',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    brandId: uuid('brand_id'),
    city: text('city'),
    district: text('district'),
    address: text('address'),
    phone: text('phone'),
    /** { mon: [['09:00','21:00']], … }: several ranges a day for a lunch break. */
    openingHours: jsonb('opening_hours').$type<Record<string, [string, string][]>>(),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    unique('stores_code_key').on(t.orgId, t.code),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.orgId] }),
    foreignKey({ columns: [t.orgId, t.brandId], foreignColumns: [brands.orgId, brands.id] }),
    tenantPolicy('stores'),
  ],
);

export const users = pgTable(
  'users',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull(),
    /** Lower-cased; one login per address across all orgs. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    /** Null until the invitation is accepted. */
    passwordHash: text('password_hash'),
    role: text('role').notNull(),
    locale: text('locale'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('users_email_key').on(t.email),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.orgId] }),
    tenantPolicy('users'),
  ],
);

export const userStores = pgTable(
  'user_stores',
  {
    orgId: orgIdColumn(),
    userId: uuid('user_id').notNull(),
    storeId: uuid('store_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.userId, t.storeId] }),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.storeId], foreignColumns: [stores.orgId, stores.id] }),
    tenantPolicy('user_stores'),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull(),
    userId: uuid('user_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    csrfToken: text('csrf_token').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('sessions_token_key').on(t.tokenHash),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }).onDelete('cascade'),
    tenantPolicy('sessions'),
  ],
);

/** One-time links: invitations and password resets. Only the hash is stored. */
export const userTokens = pgTable(
  'user_tokens',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull(),
    userId: uuid('user_id').notNull(),
    purpose: text('purpose').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('user_tokens_token_key').on(t.tokenHash),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }).onDelete('cascade'),
    tenantPolicy('user_tokens'),
  ],
);

export const apiKeys = pgTable(
  'api_keys',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    /** The first characters of the key, shown in lists so people can tell keys apart. */
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    scopes: text('scopes').array().notNull(),
    storeId: uuid('store_id'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('api_keys_hash_key').on(t.keyHash),
    foreignKey({ columns: [t.orgId, t.storeId], foreignColumns: [stores.orgId, stores.id] }),
    tenantPolicy('api_keys'),
  ],
);

export const auditLog = pgTable(
  'audit_log',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorType: text('actor_type').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('audit_log_actor_idx').on(t.orgId, t.actorId),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.orgId] }),
    tenantPolicy('audit_log'),
  ],
);

/** Failed logins, by e-mail and address, for throttling across processes. Not tenant data. */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: uuid('id').primaryKey(),
    emailKey: text('email_key').notNull(),
    ip: text('ip').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('login_failures_email_idx').on(t.emailKey, t.at), index('login_failures_ip_idx').on(t.ip, t.at)],
).enableRLS();
