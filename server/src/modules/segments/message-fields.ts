import { sql } from 'drizzle-orm';
import { WITHIN_DAYS, windowOf } from './field-sql';
import { registerSegmentField } from './registry';

const KINDS = [
  { key: 'message_delivered', type: 'message.delivered', label: { tr: 'Mesaj aldı', en: 'Received a message' } },
  { key: 'message_opened', type: 'message.opened', label: { tr: 'Mesaj açtı', en: 'Opened a message' } },
  { key: 'message_clicked', type: 'message.clicked', label: { tr: 'Mesajdaki bağlantıya tıkladı', en: 'Clicked a message link' } },
] as const;

/**
 * Message behaviour from the platform events the messaging module writes (`message.delivered`,
 * `.opened`, `.clicked` with `customer_id` and `payload.campaignId`): did / did not, within N
 * days, optionally of one campaign.
 */
export function registerMessageSegmentFields(): void {
  for (const kind of KINDS) {
    registerSegmentField({
      key: kind.key,
      group: 'messages',
      label: kind.label,
      operators: { yes: 'none', no: 'none' },
      params: {
        ...WITHIN_DAYS,
        campaignId: { type: 'uuid', required: false, label: { tr: 'Kampanya', en: 'Campaign' } },
      },
      compile(condition, env) {
        const campaign = condition.campaignId === undefined ? sql`` : sql`and e.payload ->> 'campaignId' = ${condition.campaignId}`;
        const found = sql`exists (select 1 from events e where e.org_id = c.org_id and e.customer_id = c.id and e.type = ${kind.type}
          ${windowOf(condition, sql`(e.occurred_at at time zone ${env.timezone})::date`, env)} ${campaign})`;
        return condition.operator === 'yes' ? found : sql`not ${found}`;
      },
    });
  }
}
