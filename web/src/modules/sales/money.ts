/// <reference lib="es2023.intl" />
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

const digitsOf = (currency: string) =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

/**
 * Minor units (kuruş) as money in the UI's language: 123450 → "₺1.234,50". The amount is
 * formatted from its decimal text, never divided into a float.
 */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const digits = digitsOf(currency);
  const abs = Math.abs(minor)
    .toString()
    .padStart(digits + 1, '0');
  const decimal = digits ? `${abs.slice(0, -digits)}.${abs.slice(-digits)}` : abs;
  return new Intl.NumberFormat(locale === 'en' ? 'en-US' : 'tr-TR', {
    style: 'currency',
    currency,
    currencyDisplay: 'narrowSymbol',
  }).format(`${minor < 0 ? '-' : ''}${decimal}` as Intl.StringNumericLiteral);
}

/** Quantities as people read them: 2, 1,5 (kg) in Turkish. */
export function formatQuantity(q: number, locale: string): string {
  return new Intl.NumberFormat(locale === 'en' ? 'en-US' : 'tr-TR', { maximumFractionDigits: 3 }).format(q);
}

export function useMoney() {
  const { i18n } = useTranslation();
  return useMemo(
    () => ({
      money: (minor: number, currency = 'TRY') => formatMoney(minor, currency, i18n.language),
      quantity: (q: number) => formatQuantity(q, i18n.language),
    }),
    [i18n.language],
  );
}
