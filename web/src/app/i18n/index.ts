import 'dayjs/locale/tr';
import dayjs from 'dayjs';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en as accessEn } from '../../modules/access/i18n/en';
import { tr as accessTr } from '../../modules/access/i18n/tr';
import { en as analyticsEn } from '../../modules/analytics/i18n/en';
import { tr as analyticsTr } from '../../modules/analytics/i18n/tr';
import { en as campaignsEn } from '../../modules/campaigns/i18n/en';
import { tr as campaignsTr } from '../../modules/campaigns/i18n/tr';
import { en as catalogEn } from '../../modules/catalog/i18n/en';
import { tr as catalogTr } from '../../modules/catalog/i18n/tr';
import { en as dedupEn } from '../../modules/customers/duplicates/i18n/en';
import { tr as dedupTr } from '../../modules/customers/duplicates/i18n/tr';
import { en as customersEn } from '../../modules/customers/i18n/en';
import { tr as customersTr } from '../../modules/customers/i18n/tr';
import { en as customerImportEn } from '../../modules/customers/import/i18n/en';
import { tr as customerImportTr } from '../../modules/customers/import/i18n/tr';
import { en as loyaltyEn } from '../../modules/loyalty/i18n/en';
import { tr as loyaltyTr } from '../../modules/loyalty/i18n/tr';
import { en as messagingEn } from '../../modules/messaging/i18n/en';
import { tr as messagingTr } from '../../modules/messaging/i18n/tr';
import { en as privacyEn } from '../../modules/privacy/i18n/en';
import { tr as privacyTr } from '../../modules/privacy/i18n/tr';
import { en as salesEn } from '../../modules/sales/i18n/en';
import { tr as salesTr } from '../../modules/sales/i18n/tr';
import { en as segmentsEn } from '../../modules/segments/i18n/en';
import { tr as segmentsTr } from '../../modules/segments/i18n/tr';
import { en } from './en';
import { tr } from './tr';

export const LANGUAGES = ['tr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const isLanguage = (v: unknown): v is Language => LANGUAGES.includes(v as Language);

// Remembers the last language so the login page of a returning user speaks it; once signed in,
// the user's (or the org's) setting from /me wins.
const STORAGE_KEY = 'muhtar.language';

function storedLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : 'tr';
  } catch {
    return 'tr';
  }
}

function applyLanguage(lng: string) {
  document.documentElement.lang = lng;
  dayjs.locale(lng);
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {}
}

i18n.on('languageChanged', applyLanguage);

i18n.use(initReactI18next).init({
  resources: {
    tr: {
      app: tr,
      access: accessTr,
      customers: customersTr,
      dedup: dedupTr,
      customerImport: customerImportTr,
      privacy: privacyTr,
      catalog: catalogTr,
      sales: salesTr,
      loyalty: loyaltyTr,
      analytics: analyticsTr,
      segments: segmentsTr,
      messaging: messagingTr,
      campaigns: campaignsTr,
    },
    en: {
      app: en,
      access: accessEn,
      customers: customersEn,
      dedup: dedupEn,
      customerImport: customerImportEn,
      privacy: privacyEn,
      catalog: catalogEn,
      sales: salesEn,
      loyalty: loyaltyEn,
      analytics: analyticsEn,
      segments: segmentsEn,
      messaging: messagingEn,
      campaigns: campaignsEn,
    },
  },
  lng: storedLanguage(),
  fallbackLng: 'tr',
  supportedLngs: LANGUAGES,
  ns: [
    'app',
    'access',
    'customers',
    'dedup',
    'customerImport',
    'privacy',
    'catalog',
    'sales',
    'loyalty',
    'analytics',
    'segments',
    'messaging',
    'campaigns',
  ],
  defaultNS: 'app',
  interpolation: { escapeValue: false },
  initAsync: false,
});

export default i18n;
