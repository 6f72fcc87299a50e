/** Why a row of a customer import was rejected (the reason column of the rejected-rows file). */
export const customerImportTr = {
  'customer_import.identity_required': 'Telefon, e-posta, kart no ya da dış kimlikten en az biri gerekli.',
  'customer_import.invalid_phone': 'Geçerli bir cep telefonu değil: {value}',
  'customer_import.invalid_email': 'Geçerli bir e-posta adresi değil: {value}',
  'customer_import.invalid_birthday': 'Doğum tarihi anlaşılamadı: {value}',
  'customer_import.invalid_gender': 'Cinsiyet anlaşılamadı (K/E, Kadın/Erkek beklenir): {value}',
  'customer_import.invalid_card': 'Kart numarası 4–40 harf ya da rakam olmalı: {value}',
  'customer_import.invalid_external': "Dış kimlik 'sistem:kimlik' biçiminde olmalı: {value}",
  'customer_import.invalid_consent': '{field} sütunu anlaşılamadı (evet/hayır, var/yok, 1/0 beklenir): {value}',
  'customer_import.too_long': '{field} çok uzun (en fazla {max} karakter).',
  'customer_import.unknown_store': 'Bu kodla bir mağaza yok: {value}',
  'customer_import.store_not_allowed': 'Bu mağaza için yetkiniz yok: {value}',
  'customer_import.identity_conflict': 'Satırdaki bilgiler iki farklı müşteriye ait; önce bu müşterileri birleştirin.',
  'customer_import.not_active': 'Eşleşen müşteri kaydı artık kullanılmıyor.',
  'customer_import.consent_rejected': 'İzin kaydedilemedi ({code}).',
} as const;

export const customerImportEn: Record<keyof typeof customerImportTr, string> = {
  'customer_import.identity_required': 'A phone, e-mail, card number or external id is needed.',
  'customer_import.invalid_phone': 'Not a valid mobile phone: {value}',
  'customer_import.invalid_email': 'Not a valid e-mail address: {value}',
  'customer_import.invalid_birthday': 'The birthday could not be read: {value}',
  'customer_import.invalid_gender': 'The gender could not be read (K/E, F/M, Kadın/Erkek expected): {value}',
  'customer_import.invalid_card': 'A card number is 4–40 letters or digits: {value}',
  'customer_import.invalid_external': "An external id looks like 'system:id': {value}",
  'customer_import.invalid_consent': 'The {field} column could not be read (yes/no, 1/0 expected): {value}',
  'customer_import.too_long': '{field} is too long (at most {max} characters).',
  'customer_import.unknown_store': 'There is no store with this code: {value}',
  'customer_import.store_not_allowed': 'You may not import for this store: {value}',
  'customer_import.identity_conflict': 'The row names two different customers; merge them first.',
  'customer_import.not_active': 'The matching customer record is no longer in use.',
  'customer_import.consent_rejected': 'The consent could not be recorded ({code}).',
};
