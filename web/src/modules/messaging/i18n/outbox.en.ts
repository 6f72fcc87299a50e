import type { Translation } from '../../../app/i18n/types';
import type { outboxTr } from './outbox.tr';

/** English texts of the messaging outbox pages; the type makes a missing key a compile error. */
export const outboxEn: Translation<typeof outboxTr> = {};
