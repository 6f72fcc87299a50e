import type { Translation } from '../../../app/i18n/types';
import { outboxEn } from './outbox.en';
import { providersEn } from './providers.en';
import { templatesEn } from './templates.en';
import type { tr } from './tr';

/** English texts of the messaging module. */
export const en: Translation<typeof tr> = {
  nav: {
    templates: { title: 'Message templates', description: 'SMS, e-mail and WhatsApp texts; variables, preview and the SMS counter.' },
    providers: { title: 'Sending services', description: 'SMTP, Netgsm, İleti Merkezi, Twilio, WhatsApp connections and a test send.' },
    outbox: { title: 'Outbox', description: 'Sent, waiting and skipped messages; delivered, opened and clicked.' },
  },
  templates: templatesEn,
  providers: providersEn,
  outbox: outboxEn,
};
