import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database';
import { afterCursor, toPage } from '../../../platform/http/pagination';
import { notFound } from '../../../platform/http/problem';
import { maskPhone } from '../../../platform/phone';
import { maskEmail } from '../../../platform/text';
import type { MessageChannel } from '../providers/types';
import { type MessageStatus, messages, type Purpose } from './schema';

export interface OutboxFilter {
  status?: MessageStatus;
  channel?: MessageChannel;
  purpose?: Purpose;
  campaignId?: string;
  customerId?: string;
  from?: Date;
  to?: Date;
  limit: number;
  cursor?: string;
}

const maskAddress = (channel: string, to: string | null) => (to === null ? null : channel === 'email' ? maskEmail(to) : maskPhone(to));

const listColumns = {
  id: messages.id,
  customerId: messages.customerId,
  channel: messages.channel,
  to: messages.to,
  purpose: messages.purpose,
  campaignId: messages.campaignId,
  variant: messages.variant,
  templateId: messages.templateId,
  subject: messages.subject,
  preview: sql<string>`left(${messages.text}, 160)`,
  status: messages.status,
  skipReason: messages.skipReason,
  error: messages.error,
  attempts: messages.attempts,
  providerKind: messages.providerKind,
  parts: messages.parts,
  cost: messages.cost,
  notBefore: messages.notBefore,
  queuedAt: messages.queuedAt,
  sentAt: messages.sentAt,
  deliveredAt: messages.deliveredAt,
  failedAt: messages.failedAt,
  openedAt: messages.openedAt,
  clickedAt: messages.clickedAt,
  unsubscribedAt: messages.unsubscribedAt,
};

/** Messages newest first (UUIDv7 ids are time-ordered), filtered; `to` masked when asked. */
export async function listOutbox(tx: Tx, f: OutboxFilter, masked: boolean) {
  const rows = await tx
    .select(listColumns)
    .from(messages)
    .where(
      and(
        eq(messages.orgId, tx.orgId!),
        f.status ? eq(messages.status, f.status) : undefined,
        f.channel ? eq(messages.channel, f.channel) : undefined,
        f.purpose ? eq(messages.purpose, f.purpose) : undefined,
        f.campaignId ? eq(messages.campaignId, f.campaignId) : undefined,
        f.customerId ? eq(messages.customerId, f.customerId) : undefined,
        f.from ? gte(messages.queuedAt, f.from) : undefined,
        f.to ? lt(messages.queuedAt, f.to) : undefined,
        afterCursor([messages.id], f.cursor, 'desc'),
      ),
    )
    .orderBy(desc(messages.id))
    .limit(f.limit + 1);
  const page = toPage(rows, f.limit, (r) => [r.id]);
  return { ...page, items: page.items.map((r) => ({ ...r, to: masked ? maskAddress(r.channel, r.to) : r.to })) };
}

/** One message with its content and timeline; 404 for another org's. */
export async function getMessage(tx: Tx, id: string, masked: boolean) {
  const [row] = await tx
    .select({
      ...listColumns,
      text: messages.text,
      html: messages.html,
      whatsappTemplate: messages.whatsappTemplate,
      brandId: messages.brandId,
    })
    .from(messages)
    .where(and(eq(messages.orgId, tx.orgId!), eq(messages.id, id)));
  if (!row) throw notFound();
  const steps = [
    ['queued', row.queuedAt],
    ['sent', row.sentAt],
    ['delivered', row.deliveredAt],
    ['failed', row.failedAt],
    ['opened', row.openedAt],
    ['clicked', row.clickedAt],
    ['unsubscribed', row.unsubscribedAt],
  ] as const;
  const timeline = steps
    .filter((s): s is readonly [(typeof steps)[number][0], Date] => s[1] !== null)
    .map(([event, at]) => ({ event, at }))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  return { ...row, to: masked ? maskAddress(row.channel, row.to) : row.to, timeline };
}

export type MessageView = Awaited<ReturnType<typeof getMessage>>;
