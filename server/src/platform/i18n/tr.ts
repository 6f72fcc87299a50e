import { analyticsTr } from '../../modules/analytics/messages';
import { campaignsTr } from '../../modules/campaigns/messages';
import { catalogTr } from '../../modules/catalog/messages';
import { dedupTr } from '../../modules/customers/dedup-messages';
import { customerImportTr } from '../../modules/customers/import/messages';
import { customersTr } from '../../modules/customers/messages';
import { loyaltyTr } from '../../modules/loyalty/messages';
import { messagingTr } from '../../modules/messaging/messages';
import { privacyTr } from '../../modules/privacy/messages';
import { salesImportTr, salesTr } from '../../modules/sales/messages';
import { segmentsTr } from '../../modules/segments/messages';
import { importsTr } from '../imports/messages';

/** Turkish API messages: the default catalog and the source of the message keys. Modules add theirs. */
export const tr = {
  ...analyticsTr,
  ...catalogTr,
  ...customersTr,
  ...privacyTr,
  ...salesTr,
  ...salesImportTr,
  ...importsTr,
  ...customerImportTr,
  ...dedupTr,
  ...loyaltyTr,
  ...segmentsTr,
  ...messagingTr,
  ...campaignsTr,
  'error.validation': 'Gönderilen veriler geçersiz.',
  'error.not_found': 'Aradığınız kayıt bulunamadı.',
  'error.route_not_found': 'Böyle bir adres yok: {method} {url}',
  'error.unauthenticated': 'Bu işlem için oturum açmanız gerekiyor.',
  'error.forbidden': 'Bu işlem için yetkiniz yok.',
  'error.csrf': 'Güvenlik doğrulaması başarısız. Sayfayı yenileyip tekrar deneyin.',
  'error.rate_limited': 'Çok fazla istek gönderildi. {seconds} saniye sonra tekrar deneyin.',
  'error.payload_too_large': 'Gönderilen veri çok büyük (en fazla {limit} bayt).',
  'error.unsupported_media_type': 'Bu içerik türü desteklenmiyor: {type}',
  'error.malformed_json': 'Gönderilen JSON okunamadı.',
  'error.internal': 'Beklenmeyen bir hata oluştu. Kayıt numarası: {requestId}',
  'error.conflict': 'Bu kayıt başka bir kayıtla çakışıyor.',
  'error.idempotency_mismatch': 'Bu Idempotency-Key daha önce farklı bir istekle kullanıldı. Yeni istek için yeni bir anahtar kullanın.',
  'error.idempotency_in_progress': 'Aynı Idempotency-Key ile gönderilen istek hâlâ işleniyor.',
  'error.invalid_cursor': 'Sayfalama imleci geçersiz.',
  'auth.invalid_credentials': 'E-posta veya şifre hatalı.',
  'auth.too_many_attempts': 'Çok fazla hatalı giriş denemesi. {seconds} saniye sonra tekrar deneyin.',
  'auth.invalid_api_key': 'API anahtarı geçersiz ya da iptal edilmiş.',
  'auth.token_invalid': 'Bu bağlantı geçersiz, kullanılmış ya da süresi dolmuş.',
  'auth.weak_password': 'Şifre en az 10 karakter olmalı.',
  'auth.wrong_password': 'Mevcut şifre hatalı.',
  'access.email_taken': 'Bu e-posta adresiyle bir kullanıcı zaten var.',
  'access.store_code_taken': 'Bu mağaza kodu zaten kullanılıyor.',
  'access.brand_code_taken': 'Bu marka kodu zaten kullanılıyor.',
  'access.unknown_store': 'Mağaza bulunamadı: {code}',
  'access.unknown_brand': 'Marka bulunamadı.',
  'access.store_scope_required': 'Mağaza rolleri için en az bir mağaza seçilmeli.',
  'access.last_owner': 'Kuruluşun son sahibi pasif yapılamaz ya da rolü değiştirilemez.',
  'access.self_deactivate': 'Kendi hesabınızı pasif yapamazsınız.',
  'access.owner_only': 'Sahip rolünü yalnızca bir sahip verebilir.',
  'access.invalid_timezone': 'Geçersiz saat dilimi: {value}',
  'access.brand_in_use': 'Bu markaya bağlı mağazalar var; önce mağazaları başka markaya taşıyın.',
  'access.api_key_store_scope': 'pos kapsamlı bir API anahtarı için mağaza kodu gerekli.',
  'validation.required': 'Zorunlu alan.',
  'validation.invalid': 'Geçersiz değer.',
  'validation.invalid_type': '{expected} bekleniyordu.',
  'validation.too_small': 'En az {minimum} olmalı.',
  'validation.too_big': 'En fazla {maximum} olmalı.',
  'validation.unknown_field': 'Bilinmeyen alan: {keys}',
  'validation.invalid_email': 'Geçerli bir e-posta adresi girin.',
  'validation.invalid_phone': 'Geçerli bir telefon numarası girin.',
  'validation.invalid_option': 'Şunlardan biri olmalı: {options}',
  'validation.invalid_format': 'Biçim hatalı.',
  'validation.invalid_uuid': 'Geçerli bir kimlik (UUID) bekleniyordu.',
  'validation.invalid_characters': 'Geçersiz karakter içeriyor.',
  'validation.too_deep': 'Veri en fazla {max} seviye iç içe olabilir.',
} as const;
