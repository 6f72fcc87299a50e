import type { Translation } from '../../../app/i18n/types';
import type { tr } from './tr';

/** English texts of the segments module. */
export const en: Translation<typeof tr> = {
  nav: {
    segments: { title: 'Segments', description: 'Customer groups by rules: live count, sample members, dynamic or static lists.' },
  },
};
