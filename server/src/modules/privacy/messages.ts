/** API messages of the privacy module (merged into the platform catalogs). */
export const privacyTr = {
  'privacy.first_consent_revoked': 'Bu kanal ({channel}) için ilk kayıt ret olamaz: İYS önce bir onay kaydı ister.',
  'privacy.invalid_source': 'İzin kaynağı geçersiz (HS_KARAR yalnızca ret için kullanılır).',
  'privacy.invalid_date': 'İzin tarihi geçersiz: gelecekte olamaz; 1 Mayıs 2015 öncesi yalnızca HS_2015 kaynağıyla kaydedilir.',
  'privacy.invalid_recipient_type': 'Alıcı tipi BIREYSEL ya da TACIR olmalı.',
  'privacy.unknown_brand': 'Marka bulunamadı.',
  'privacy.iys_incomplete': 'İYS bağlantısını açmak için İYS kodu, marka kodu, kullanıcı adı ve şifre gerekli.',
  'privacy.request_closed': 'Bu başvuru kapatılmış ({status}); değiştirilemez.',
  'privacy.not_executable': 'Düzeltme başvurusu müşteri kartından yapılır; burada yalnızca takip edilir.',
  'privacy.no_export': 'Bu başvuru için hazırlanmış bir veri dökümü yok.',
  'privacy.unknown_owner': 'Sorumlu kullanıcı bulunamadı.',
  'privacy.retention_disabled': 'Saklama politikası kapalı; önce politikayı açın.',
} as const;

export const privacyEn: Record<keyof typeof privacyTr, string> = {
  'privacy.first_consent_revoked': 'The first record for this channel ({channel}) cannot be a revocation: İYS needs a consent first.',
  'privacy.invalid_source': 'Invalid consent source (HS_KARAR is for revocations only).',
  'privacy.invalid_date': 'Invalid consent date: not in the future; before 1 May 2015 only with source HS_2015.',
  'privacy.invalid_recipient_type': 'The recipient type is BIREYSEL or TACIR.',
  'privacy.unknown_brand': 'Brand not found.',
  'privacy.iys_incomplete': 'Turning İYS on needs the İYS code, brand code, username and password.',
  'privacy.request_closed': 'This request is closed ({status}) and cannot change.',
  'privacy.not_executable': 'A rectification is made on the customer profile; here it is only tracked.',
  'privacy.no_export': 'There is no data export for this request.',
  'privacy.unknown_owner': 'The owner was not found.',
  'privacy.retention_disabled': 'The retention policy is off; turn it on first.',
};
