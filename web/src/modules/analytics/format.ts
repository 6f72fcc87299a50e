import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Model figures in the UI's language: 0,243 and %12,5 in Turkish, 0.243 and 12.5% in English. */
export function useNumbers() {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const locale = i18n.language === 'en' ? 'en-US' : 'tr-TR';
    const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    return {
      /** At most `digits` decimals: counts and rough figures. */
      num: (x: number, digits = 1) => x.toLocaleString(locale, { maximumFractionDigits: digits }),
      /** Exactly `digits` decimals: model parameters, so fits compare column by column. */
      fixed: (x: number, digits = 3) => x.toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }),
      pct: (x: number) => percent.format(x),
    };
  }, [i18n.language]);
}
