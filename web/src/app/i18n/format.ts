import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';

/** Formats dates in the org's time zone and the current language (not the browser's zone). */
export function useFormat() {
  const { i18n } = useTranslation();
  const { org } = useSession();
  return useMemo(() => {
    const dateTime = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short', timeZone: org.timezone });
    const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: org.timezone });
    return {
      dateTime: (iso: string) => dateTime.format(new Date(iso)),
      date: (iso: string) => date.format(new Date(iso)),
    };
  }, [i18n.language, org.timezone]);
}
