import type { Translation } from '../../../app/i18n/types';
import type { providersTr } from './providers.tr';

/** English texts of the messaging providers pages; the type makes a missing key a compile error. */
export const providersEn: Translation<typeof providersTr> = {};
