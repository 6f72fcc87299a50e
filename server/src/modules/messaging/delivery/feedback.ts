import { sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database';
import { normalizePhone } from '../../../platform/phone';
import { trLower } from '../../../platform/text';
import { findByIdentities } from '../../customers/identities';
import { revokeByCustomer } from '../../privacy/send-checks';
import type { DeliveryReport, InboundReply, MessageChannel } from '../providers/types';
import { emitMessageEvents, type MessageRef } from './events';
import { suppress } from './suppressions';

const refColumns = sql`id, customer_id, channel, purpose, campaign_id, variant, template_id, "to"`;

const toRef = (r: Record<string, unknown>): MessageRef & { to: string | null } => ({
  id: r.id as string,
  customerId: r.customer_id as string,
  channel: r.channel as string,
  purpose: r.purpose as string,
  campaignId: r.campaign_id as string | null,
  variant: r.variant as string | null,
  templateId: r.template_id as string | null,
  to: r.to as string | null,
});

/**
 * Records the first open (pixel) or click of a sent message, with its event; later ones change
 * nothing. A click also counts as an open (mail clients that block images still click).
 * Answers false for a message the org does not have.
 */
export async function recordEngagement(tx: Tx, messageId: string, kind: 'open' | 'click', url?: string): Promise<boolean> {
  const { rows } = await tx.execute<Record<string, unknown>>(sql`
    select ${refColumns}, opened_at, clicked_at from messages
    where org_id = ${tx.orgId} and id = ${messageId} and status in ('sent', 'delivered') for update`);
  if (rows.length === 0) return false;
  const ref = toRef(rows[0]);
  const firstOpen = rows[0].opened_at === null;
  const firstClick = kind === 'click' && rows[0].clicked_at === null;
  if (!firstOpen && !firstClick) return true;
  await tx.execute(sql`
    update messages set opened_at = coalesce(opened_at, now()),
      clicked_at = case when ${kind === 'click'} then coalesce(clicked_at, now()) else clicked_at end
    where org_id = ${tx.orgId} and id = ${messageId}`);
  await emitMessageEvents(tx, [
    ...(firstOpen ? [{ type: 'message.opened' as const, message: ref }] : []),
    ...(firstClick ? [{ type: 'message.clicked' as const, message: ref, extra: { url } }] : []),
  ]);
  return true;
}

/**
 * The recipient asked to receive no more (the unsubscribe link, one-click or the page): the
 * consent of the message's channel is revoked in the privacy module, the address suppressed, and
 * `message.unsubscribed` emitted once. Idempotent. False for a message the org does not have.
 */
export async function unsubscribe(tx: Tx, messageId: string): Promise<boolean> {
  const { rows } = await tx.execute<Record<string, unknown>>(sql`
    select ${refColumns}, unsubscribed_at from messages where org_id = ${tx.orgId} and id = ${messageId} for update`);
  if (rows.length === 0) return false;
  const ref = toRef(rows[0]);
  if (rows[0].unsubscribed_at !== null) return true;
  const channel = ref.channel as MessageChannel;
  await revokeByCustomer(tx, ref.customerId, channel);
  if (ref.to) await suppress(tx, [{ channel, address: ref.to, reason: 'unsubscribed', source: 'unsubscribe_link' }]);
  await tx.execute(sql`update messages set unsubscribed_at = now() where org_id = ${tx.orgId} and id = ${messageId}`);
  await emitMessageEvents(tx, [{ type: 'message.unsubscribed', message: ref }]);
  return true;
}

/** Delivery reports of one provider configuration: status by the provider's message id, with events. */
export async function applyReports(tx: Tx, configId: string, reports: DeliveryReport[]): Promise<number> {
  if (reports.length === 0) return 0;
  const list = reports.map((r) => ({
    pmid: r.providerMessageId,
    status: r.status,
    error: r.error?.slice(0, 2000) ?? null,
    at: (r.at ?? new Date()).toISOString(),
  }));
  // Only forward: a late "delivered" does not undo "failed", a repeated report changes nothing.
  const { rows } = await tx.execute<Record<string, unknown>>(sql`
    update messages m set status = r.status,
      delivered_at = case when r.status = 'delivered' then r.at else m.delivered_at end,
      failed_at = case when r.status = 'failed' then r.at else m.failed_at end,
      error = case when r.status = 'failed' then coalesce(r.error, m.error) else m.error end
    from jsonb_to_recordset(${JSON.stringify(list)}::jsonb) as r(pmid text, status text, error text, at timestamptz)
    where m.org_id = ${tx.orgId} and m.provider_config_id = ${configId} and m.provider_message_id = r.pmid
      and m.status = 'sent'
    returning m.id, m.customer_id, m.channel, m.purpose, m.campaign_id, m.variant, m.template_id, m."to", m.status`);
  await emitMessageEvents(
    tx,
    rows.map((r) => ({ type: r.status === 'delivered' ? ('message.delivered' as const) : ('message.failed' as const), message: toRef(r) })),
  );
  return rows.length;
}

/** İYS's keyword for withdrawing consent by SMS: "RET", optionally followed by a brand ("RET MAĞAZAM"). */
export function isRetReply(text: string): boolean {
  const words = trLower(text.trim()).split(/\s+/);
  return words[0] === 'ret';
}

/**
 * Inbound SMS: a RET revokes the SMS consent of every live customer with that phone and
 * suppresses the number (even when no customer has it: the person asked). Other replies are ignored.
 */
export async function applyReplies(tx: Tx, replies: InboundReply[]): Promise<number> {
  let revoked = 0;
  for (const reply of replies) {
    if (!isRetReply(reply.text)) continue;
    const phone = normalizePhone(reply.from);
    if (!phone) continue;
    await suppress(tx, [{ channel: 'sms', address: phone, reason: 'ret_reply', source: 'sms_reply' }]);
    const found = await findByIdentities(tx, [{ kind: 'phone', value: phone }]);
    for (const customerId of new Set(found.values())) {
      if (await revokeByCustomer(tx, customerId, 'sms')) revoked++;
      await emitMessageEvents(tx, [
        {
          type: 'message.unsubscribed',
          message: { id: null, customerId, channel: 'sms', purpose: 'marketing', campaignId: null, variant: null, templateId: null },
          extra: { via: 'ret_reply' },
        },
      ]);
    }
  }
  return revoked;
}
