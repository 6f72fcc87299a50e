import { outboxTr } from './outbox.tr';
import { providersTr } from './providers.tr';
import { templatesTr } from './templates.tr';

/** Turkish texts of the messaging module (namespace `messaging`); the source of the keys. */
export const tr = {
  nav: {
    templates: { title: 'Mesaj şablonları', description: 'SMS, e-posta ve WhatsApp metinleri; değişkenler, önizleme ve SMS sayacı.' },
    providers: {
      title: 'Gönderim servisleri',
      description: 'SMTP, Netgsm, İleti Merkezi, Twilio, WhatsApp bağlantıları ve deneme gönderimi.',
    },
    outbox: { title: 'Giden kutusu', description: 'Gönderilen, bekleyen ve atlanan mesajlar; teslim, açılma ve tıklanma durumları.' },
  },
  templates: templatesTr,
  providers: providersTr,
  outbox: outboxTr,
};
