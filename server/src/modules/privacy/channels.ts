/** Channels a customer can consent to be contacted on. */
export const CHANNELS = ['sms', 'call', 'email', 'whatsapp'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CONSENT_STATUSES = ['granted', 'revoked'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

export const RECIPIENT_TYPES = ['BIREYSEL', 'TACIR'] as const;
export type RecipientType = (typeof RECIPIENT_TYPES)[number];

/**
 * İYS consent sources a service provider may send ("İzin Kaynakları" of the İYS consent API,
 * as listed by İYS integrators' documentation, e.g. github.com/OrganikHaberlesme/Veyosis_API_DOCS
 * and netgsm/netiys). HS_KARAR: the provider's own decision, RET only and never the first record;
 * HS_2015: consents registered before 1 May 2015. Sources İYS reports for changes made by the
 * citizen (IYS_WEB, IYS_MOBIL, IYS_CM, IYS_KISAMESAJ, …) are stored as received.
 */
export const IYS_SOURCES = [
  'HS_FIZIKSEL_ORTAM',
  'HS_ISLAK_IMZA',
  'HS_WEB',
  'HS_MOBIL',
  'HS_MESAJ',
  'HS_EPOSTA',
  'HS_CAGRI_MERKEZI',
  'HS_SOSYAL_MEDYA',
  'HS_ETKINLIK',
  'HS_ATM',
  'HS_EORTAM',
  'HS_2015',
  'HS_KARAR',
] as const;
export type IysSource = (typeof IYS_SOURCES)[number];

/** İYS records before this date only with HS_2015 (the start of the ticari ileti regulation). */
export const IYS_EPOCH = new Date('2015-05-01T00:00:00+03:00');

/** İYS consent type per channel. WhatsApp consents are kept here but not sent to İYS: whether
 * İYS's MESAJ covers instant messaging could not be verified. */
export const IYS_TYPE: Partial<Record<Channel, 'MESAJ' | 'ARAMA' | 'EPOSTA'>> = { sms: 'MESAJ', call: 'ARAMA', email: 'EPOSTA' };
