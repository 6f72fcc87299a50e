import { and, desc, eq, like, sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database';
import { isUniqueViolation } from '../../../platform/db/errors';
import { likeEscaped } from '../../../platform/db/like';
import { afterCursor, toPage } from '../../../platform/http/pagination';
import { conflict, invalidField, notFound } from '../../../platform/http/problem';
import { newId } from '../../../platform/ids';
import { foldTurkish } from '../../../platform/text';
import { type AuditSource, recordAudit } from '../../access/audit';
import { listBrands } from '../../access/stores';
import { expressionsOf, type TemplateChannel, type TemplateInput, type TemplatePurpose } from './content';
import { checkExpression } from './expressions';
import { messageTemplates } from './schema';

// The module's door for campaigns and the sending queue: getTemplate below, rendering from ./render.
export { type RenderedMessage, type RenderOptions, renderForCustomers } from './render';

export type TemplateRow = typeof messageTemplates.$inferSelect;

export interface TemplateFilter {
  channel?: TemplateChannel;
  purpose?: TemplatePurpose;
  status?: 'active' | 'archived';
  q?: string;
  limit: number;
  cursor?: string;
}

const byId = (tx: Tx, id: string) => and(eq(messageTemplates.orgId, tx.orgId!), eq(messageTemplates.id, id));

/** Every expression must parse and name only registered variables; the first problem is a 400 naming its field. */
export function checkContent(input: Pick<TemplateInput, 'content'>) {
  for (const e of expressionsOf(input.content)) checkExpression(e.source, e.field, { html: e.html });
}

async function checkInput(tx: Tx, input: TemplateInput) {
  checkContent(input);
  if (input.brandId && !(await listBrands(tx)).some((b) => b.id === input.brandId)) {
    throw invalidField('/brandId', 'unknown_brand', 'messaging.template_unknown_brand');
  }
}

const nameTaken = (e: unknown) => {
  if (isUniqueViolation(e, 'message_templates_name_key')) return conflict('template_name_taken', 'messaging.template_name_taken');
  return e;
};

export async function getTemplate(tx: Tx, id: string): Promise<TemplateRow> {
  const [row] = await tx.select().from(messageTemplates).where(byId(tx, id));
  if (!row) throw notFound();
  return row;
}

export async function listTemplates(tx: Tx, f: TemplateFilter) {
  const rows = await tx
    .select()
    .from(messageTemplates)
    .where(
      and(
        eq(messageTemplates.orgId, tx.orgId!),
        eq(messageTemplates.status, f.status ?? 'active'),
        f.channel ? eq(messageTemplates.channel, f.channel) : undefined,
        f.purpose ? eq(messageTemplates.purpose, f.purpose) : undefined,
        // Folded like the key, so "KIŞ" finds "kış kampanyası" and "kis" does too.
        f.q ? like(messageTemplates.nameKey, likeEscaped(foldTurkish(f.q), 'contains')) : undefined,
        afterCursor([messageTemplates.updatedAt, messageTemplates.id], f.cursor, 'desc'),
      ),
    )
    .orderBy(desc(messageTemplates.updatedAt), desc(messageTemplates.id))
    .limit(f.limit + 1);
  return toPage(rows, f.limit, (r) => [r.updatedAt, r.id]);
}

export async function createTemplate(tx: Tx, source: AuditSource, input: TemplateInput): Promise<TemplateRow> {
  await checkInput(tx, input);
  const row = await tx
    .insert(messageTemplates)
    .values({ orgId: tx.orgId!, id: newId(), ...input, nameKey: foldTurkish(input.name), brandId: input.brandId ?? null })
    .returning()
    .then((r) => r[0])
    .catch((e) => {
      throw nameTaken(e);
    });
  await recordAudit(tx, source, 'message_template.create', { type: 'message_template', id: row.id }, { name: row.name });
  return row;
}

/** Replaces the template's content (an archived template cannot be edited: 409). */
export async function updateTemplate(tx: Tx, source: AuditSource, id: string, input: TemplateInput): Promise<TemplateRow> {
  const before = await getTemplate(tx, id);
  if (before.status === 'archived') throw conflict('template_archived', 'messaging.template_archived');
  await checkInput(tx, input);
  const row = await tx
    .update(messageTemplates)
    .set({
      ...input,
      nameKey: foldTurkish(input.name),
      brandId: input.brandId ?? null,
      version: sql`${messageTemplates.version} + 1`,
      updatedAt: new Date(),
    })
    .where(byId(tx, id))
    .returning()
    .then((r) => r[0])
    .catch((e) => {
      throw nameTaken(e);
    });
  await recordAudit(tx, source, 'message_template.update', { type: 'message_template', id }, { version: row.version });
  return row;
}

/** Deletes a template never sent; archives one that was, so its messages keep their source. */
export async function deleteTemplate(tx: Tx, source: AuditSource, id: string): Promise<{ result: 'deleted' | 'archived' }> {
  const row = await getTemplate(tx, id);
  if (row.usedAt) {
    await tx.update(messageTemplates).set({ status: 'archived', updatedAt: new Date() }).where(byId(tx, id));
  } else {
    await tx.delete(messageTemplates).where(byId(tx, id));
  }
  const result = row.usedAt ? 'archived' : 'deleted';
  await recordAudit(tx, source, `message_template.${result === 'archived' ? 'archive' : 'delete'}`, { type: 'message_template', id });
  return { result };
}
