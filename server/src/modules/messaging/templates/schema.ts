import { sql } from 'drizzle-orm';
import { foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgIdColumn, tenantPolicy } from '../../../platform/db/tenant-table';
import { brands, orgs } from '../../access/schema';
import type { TemplateChannel, TemplateContent, TemplatePurpose } from './content';

/**
 * A message template: one channel, one purpose, Turkish content and optionally English, checked
 * at save. `used_at` is set the first time it is rendered for sending; a used template is
 * archived rather than deleted, so sent messages keep pointing at what they were made from.
 */
export const messageTemplates = pgTable(
  'message_templates',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull(),
    channel: text('channel').$type<TemplateChannel>().notNull(),
    purpose: text('purpose').$type<TemplatePurpose>().notNull(),
    name: text('name').notNull(),
    /** Turkish-folded name (platform/text foldTurkish): SQL lower() turns "I" into "i", not "ı". */
    nameKey: text('name_key').notNull(),
    brandId: uuid('brand_id'),
    content: jsonb('content').$type<TemplateContent>().notNull(),
    /** active | archived */
    status: text('status').$type<'active' | 'archived'>().notNull().default('active'),
    usedAt: timestamp('used_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.orgId] }),
    foreignKey({ columns: [t.orgId, t.brandId], foreignColumns: [brands.orgId, brands.id] }),
    // One live template per name and channel: a double-clicked save cannot create two.
    uniqueIndex('message_templates_name_key').on(t.orgId, t.channel, t.nameKey).where(sql`status = 'active'`),
    index('message_templates_list_idx').on(t.orgId, t.updatedAt.desc(), t.id.desc()),
    tenantPolicy('message_templates'),
  ],
);
