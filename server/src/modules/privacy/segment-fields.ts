import { sql } from 'drizzle-orm';
import { registerSegmentField } from '../segments/registry';
import { CHANNELS } from './channels';

const CHANNEL_LABELS = {
  sms: { tr: 'SMS', en: 'SMS' },
  call: { tr: 'Arama', en: 'Call' },
  email: { tr: 'E-posta', en: 'E-mail' },
  whatsapp: { tr: 'WhatsApp', en: 'WhatsApp' },
};

/** Consent per channel: the customer's latest consent row for the channel (consents_current_idx). */
export function registerConsentSegmentField(): void {
  registerSegmentField({
    key: 'consent',
    group: 'consent',
    label: { tr: 'İletişim izni', en: 'Contact consent' },
    operators: { granted: 'enum', not_granted: 'enum' },
    enumValues: CHANNELS,
    async options(_tx, locale) {
      return CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c][locale] }));
    },
    compile({ operator, value }) {
      const latest = sql`(select k.status from consents k where k.org_id = c.org_id and k.customer_id = c.id and k.channel = ${value}
        order by k.consent_at desc, k.id desc limit 1)`;
      return operator === 'granted' ? sql`${latest} = 'granted'` : sql`coalesce(${latest}, 'none') <> 'granted'`;
    },
  });
}
