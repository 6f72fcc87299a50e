/** API messages of messaging's providers (merged into the platform catalogs through ../messages). */
export const providersTr = {
  'messaging.provider_unsupported_channel': 'Bu servis türü bu kanalı taşımaz (desteklenen: {channels}).',
  'messaging.provider_unknown_brand': 'Marka bulunamadı.',
  'messaging.provider_default_conflict': 'Bu kanal için aynı anda başka bir varsayılan servis seçildi; yeniden deneyin.',
  'messaging.provider_default_disabled': 'Kapalı bir servis varsayılan olamaz.',
  'messaging.provider_bad_recipient': 'Alıcı geçersiz: SMS ve WhatsApp için telefon numarası, e-posta için e-posta adresi yazın.',
  'messaging.webhook_signature': 'Webhook imzası ya da anahtarı geçersiz.',
  'messaging.webhook_no_verification': 'Bu servis doğrulama isteği kullanmaz.',
} as const;

export const providersEn: Record<keyof typeof providersTr, string> = {
  'messaging.provider_unsupported_channel': 'This kind of provider does not carry this channel (supported: {channels}).',
  'messaging.provider_unknown_brand': 'Brand not found.',
  'messaging.provider_default_conflict': 'Another default provider was chosen for this channel at the same time; try again.',
  'messaging.provider_default_disabled': 'A disabled provider cannot be the default.',
  'messaging.provider_bad_recipient': 'Invalid recipient: a phone number for SMS and WhatsApp, an e-mail address for e-mail.',
  'messaging.webhook_signature': 'The webhook signature or token is invalid.',
  'messaging.webhook_no_verification': 'This provider makes no verification request.',
} as const;
