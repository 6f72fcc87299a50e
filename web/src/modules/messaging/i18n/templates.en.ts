import type { Translation } from '../../../app/i18n/types';
import type { templatesTr } from './templates.tr';

/** English texts of the messaging templates pages; the type makes a missing key a compile error. */
export const templatesEn: Translation<typeof templatesTr> = {};
