import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/;

/**
 * A local date or minute of the org ('2026-12-23', '2026-12-23T10:00', as the engine stores
 * validity windows) in the UI's language: "23 Ara 2026". The wall clock is shown as written,
 * never shifted by the browser's time zone.
 */
export function useLocalDate() {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const day = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' });
    const minute = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
    return (value: string) => {
      const m = LOCAL.exec(value);
      if (!m) return value;
      const at = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0)));
      return (m[4] === undefined ? day : minute).format(at);
    };
  }, [i18n.language]);
}
