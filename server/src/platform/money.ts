/// <reference lib="es2023.intl" />
// es2023.intl types Intl.NumberFormat#format(string): formatting a decimal string is exact, a float is not.

/** An amount of money: an integer count of minor units (kuruş for TRY) and an ISO 4217 code. */
export type Money = { amount: number; currency: string };

type CurrencyInfo = { digits: number; markers: string[] };
const currencies = new Map<string, CurrencyInfo>();

/** Minor-unit digits and the symbols a user may type, from the runtime's ICU data (TRY: 2, JPY: 0). */
function currencyInfo(currency: string): CurrencyInfo {
  let info = currencies.get(currency);
  if (info) return info;
  if (!/^[A-Z]{3}$/.test(currency)) throw new RangeError(`invalid ISO 4217 currency code: ${currency}`);
  const symbol = (display: 'symbol' | 'narrowSymbol') =>
    new Intl.NumberFormat('tr-TR', { style: 'currency', currency, currencyDisplay: display })
      .formatToParts(1)
      .find((p) => p.type === 'currency')?.value ?? currency;
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  // "TL" is how Turks write the lira by hand.
  const markers = [currency, symbol('symbol'), symbol('narrowSymbol'), ...(currency === 'TRY' ? ['TL'] : [])];
  info = { digits, markers };
  currencies.set(currency, info);
  return info;
}

export function money(amount: number, currency = 'TRY'): Money {
  if (!Number.isSafeInteger(amount)) {
    throw new RangeError(`money amount must be a safe integer of minor units, got ${amount}`);
  }
  currencyInfo(currency);
  return { amount, currency };
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new RangeError(`currency mismatch: ${a.currency} and ${b.currency}`);
}

export function addMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amount + b.amount, a.currency);
}

export function subtractMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amount - b.amount, a.currency);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Parses what a user types ("1.234,50", "1234,5", "1234.50", "₺1.234,50", "-12 TL") into minor units.
 * With both "." and "," the last one is the decimal separator. A lone separator followed by exactly three
 * digits ("1.234") is a thousands separator when the currency has fewer than three minor digits, since the
 * decimal reading would be invalid. Digits are handled as strings so no float rounding can creep in.
 */
export function parseMoney(text: string, currency = 'TRY'): number {
  const { digits, markers } = currencyInfo(currency);
  const marker = `(?:${markers.map(escapeRegExp).join('|')})`;
  const m = new RegExp(`^(-?)\\s*(${marker}?)\\s*(-?)\\s*([\\d.,]+)\\s*(${marker}?)$`, 'i').exec(text.trim());
  if (!m || (m[1] && m[3]) || (m[2] && m[5])) throw new RangeError(`not an amount of money: ${JSON.stringify(text)}`);
  const negative = Boolean(m[1] || m[3]);
  const body = m[4] as string;

  const last = Math.max(body.lastIndexOf('.'), body.lastIndexOf(','));
  const separators = body.replace(/\d/g, '');
  let decimalSep = '';
  if (body.includes('.') && body.includes(',')) decimalSep = body[last] as string;
  else if (separators.length === 1 && !(digits < 3 && /^[1-9]\d{0,2}[.,]\d{3}$/.test(body))) decimalSep = separators;

  const intPart = decimalSep ? body.slice(0, last) : body;
  let frac = decimalSep ? body.slice(last + 1) : '';
  const groupSep = escapeRegExp(decimalSep === '.' ? ',' : decimalSep === ',' ? '.' : (separators[0] ?? '.'));
  const intOk = /^\d+$/.test(intPart) || new RegExp(`^[1-9]\\d{0,2}(?:${groupSep}\\d{3})+$`).test(intPart);
  if (!intOk || (decimalSep && !/^\d+$/.test(frac))) throw new RangeError(`not an amount of money: ${JSON.stringify(text)}`);
  if (/^0*$/.test(frac.slice(digits))) frac = frac.slice(0, digits);
  else throw new RangeError(`${JSON.stringify(text)} has more than ${digits} decimal digits for ${currency}`);

  const minor = Number(intPart.replace(/\D/g, '') + frac.padEnd(digits, '0'));
  if (!Number.isSafeInteger(minor)) throw new RangeError(`amount too large: ${JSON.stringify(text)}`);
  return negative && minor !== 0 ? -minor : minor;
}

/** Formats minor units for display: formatMoney(123450) === "₺1.234,50". */
export function formatMoney(amountMinor: number, currency = 'TRY', locale = 'tr-TR'): string {
  if (!Number.isSafeInteger(amountMinor)) throw new RangeError(`amount must be a safe integer, got ${amountMinor}`);
  const { digits } = currencyInfo(currency);
  const abs = Math.abs(amountMinor)
    .toString()
    .padStart(digits + 1, '0');
  const decimal = digits ? `${abs.slice(0, -digits)}.${abs.slice(-digits)}` : abs;
  // narrowSymbol: en-US would otherwise print "TRY 1,234.50" instead of "₺1,234.50".
  return new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol' }).format(
    `${amountMinor < 0 ? '-' : ''}${decimal}` as Intl.StringNumericLiteral,
  );
}

/**
 * Splits an amount over non-negative integer weights (e.g. line totals) by largest remainder, so the parts
 * sum exactly to the amount: allocate(100, [1, 1, 1]) → [34, 33, 33]. Ties go to the earlier weight.
 */
export function allocate(amountMinor: number, weights: number[]): number[] {
  if (!Number.isSafeInteger(amountMinor)) throw new RangeError(`amount must be a safe integer, got ${amountMinor}`);
  if (weights.length === 0 || weights.some((w) => !Number.isSafeInteger(w) || w < 0)) {
    throw new RangeError('weights must be a non-empty list of non-negative safe integers');
  }
  const total = weights.reduce((sum, w) => sum + BigInt(w), 0n);
  if (total === 0n) {
    if (amountMinor === 0) return weights.map(() => 0);
    throw new RangeError('cannot allocate a non-zero amount over weights that sum to zero');
  }
  // BigInt: amount × weight can exceed 2^53 for large receipts.
  const amount = BigInt(Math.abs(amountMinor));
  const shares = weights.map((w) => (amount * BigInt(w)) / total);
  const left = amount - shares.reduce((sum, s) => sum + s, 0n);
  const byRemainder = weights
    .map((w, i) => ({ i, r: (amount * BigInt(w)) % total }))
    .sort((a, b) => (a.r === b.r ? a.i - b.i : a.r < b.r ? 1 : -1));
  for (let k = 0; k < Number(left); k++) {
    const { i } = byRemainder[k] as { i: number };
    shares[i] = (shares[i] as bigint) + 1n;
  }
  return shares.map((s) => (amountMinor < 0 && s !== 0n ? -Number(s) : Number(s)));
}
