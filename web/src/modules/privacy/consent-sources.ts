import type { RequestBody } from '../../app/api/types';

/** İYS consent sources (server: privacy/channels.ts); HS_KARAR is a legal ruling, never an import default. */
export const CONSENT_SOURCES: RequestBody<'/api/v1/customers/{id}/consents', 'post'>['source'][] = [
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
];
