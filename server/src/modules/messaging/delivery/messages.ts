/** API messages of messaging's delivery (merged into the platform catalogs through ../messages). */
export const deliveryTr = {
  'delivery.invalid_address': 'Geçerli bir telefon numarası ya da e-posta adresi değil.',
  'delivery.unknown_customer': 'Müşteri bulunamadı.',
  'delivery.invalid_link': 'Bağlantı geçersiz ya da değiştirilmiş.',
  'delivery.invalid_webhook_body': 'Bildirimin içeriği okunamadı.',
  'delivery.whatsapp_template_required': 'WhatsApp pazarlama mesajı onaylı bir şablonla gönderilir.',
  'delivery.unsubscribe_title': 'Abonelikten çık',
  'delivery.unsubscribe_question': 'Bu adrese bundan sonra kampanya ve duyuru mesajı gönderilmesin mi?',
  'delivery.unsubscribe_button': 'Evet, abonelikten çık',
  'delivery.unsubscribe_done': 'Aboneliğiniz iptal edildi. Bu adrese artık kampanya mesajı gönderilmeyecek.',
  'delivery.unsubscribe_invalid': 'Bu bağlantı geçersiz. Lütfen e-postadaki bağlantıyı olduğu gibi açın.',
} as const;

export const deliveryEn: Record<keyof typeof deliveryTr, string> = {
  'delivery.invalid_address': 'Not a valid phone number or e-mail address.',
  'delivery.unknown_customer': 'Customer not found.',
  'delivery.invalid_link': 'The link is invalid or has been changed.',
  'delivery.invalid_webhook_body': 'The notification body could not be read.',
  'delivery.whatsapp_template_required': 'A WhatsApp marketing message is sent with an approved template.',
  'delivery.unsubscribe_title': 'Unsubscribe',
  'delivery.unsubscribe_question': 'Stop sending campaign and newsletter messages to this address?',
  'delivery.unsubscribe_button': 'Yes, unsubscribe',
  'delivery.unsubscribe_done': 'You have been unsubscribed. No more campaign messages will be sent to this address.',
  'delivery.unsubscribe_invalid': 'This link is not valid. Please open the link in the e-mail exactly as it is.',
};
