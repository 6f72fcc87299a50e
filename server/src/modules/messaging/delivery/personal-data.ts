import { sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database';
import type { MessagePurger, PersonalDataHandler } from '../../../platform/personal-data';

/** KVKK access request: every message to the customer, with its content and history. */
async function exportMessages(tx: Tx, customerId: string) {
  const { rows } = await tx.execute(sql`
    select id, channel, "to", purpose, campaign_id, template_id, subject, text, status, skip_reason, error,
           queued_at, sent_at, delivered_at, failed_at, opened_at, clicked_at, unsubscribed_at
    from messages where org_id = ${tx.orgId} and customer_id = ${customerId} order by id`);
  return rows;
}

const BLANK = sql`"to" = null, subject = null, text = '', html = null, whatsapp_template = null, error = null`;

/**
 * KVKK erasure: the messages stay as counts for campaign reports (status, times, campaign) but lose
 * the address and content. The suppression list keeps an unsubscribed address: it records a refusal.
 */
async function eraseMessages(tx: Tx, customerId: string) {
  // A message still waiting has no one to go to any more.
  await tx.execute(sql`
    update messages set ${BLANK},
      skip_reason = case when status = 'queued' then 'unknown_customer' else skip_reason end,
      next_attempt_at = null,
      status = case when status = 'queued' then 'skipped' else status end
    where org_id = ${tx.orgId} and customer_id = ${customerId}`);
}

export const messagingPersonalData: PersonalDataHandler = { name: 'messaging', export: exportMessages, erase: eraseMessages };

/** Retention: bodies of messages queued before the cutoff are blanked (statuses and counts stay). */
export const messagingPurger: MessagePurger = {
  name: 'messaging',
  async purgeBodies(tx, cutoff, dryRun) {
    const where = sql`org_id = ${tx.orgId} and queued_at < ${cutoff.toISOString()} and text <> ''`;
    if (dryRun) {
      const { rows } = await tx.execute<{ n: string }>(sql`select count(*) as n from messages where ${where}`);
      return Number(rows[0].n);
    }
    const { rowCount } = await tx.execute(sql`update messages set ${BLANK} where ${where}`);
    return rowCount ?? 0;
  },
};
