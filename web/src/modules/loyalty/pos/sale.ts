import type { Identification } from '../queries';

export type IdentifiedCustomer = Extract<Identification, { found: true }>['customer'];

/** A line of the basket as the till holds it: the catalog SKU and what the cashier saw. */
export interface SaleLine {
  sku: string;
  name: string;
  quantity: number;
  listPrice: number | null;
}

/** Who the sale is for: not asked yet, a known customer, or nobody (an anonymous receipt). */
export type Who = { kind: 'unknown' } | { kind: 'customer'; customer: IdentifiedCustomer } | { kind: 'anonymous' };

/**
 * One sale at the till. The idempotency key and the receipt number are drawn once, when the sale
 * starts, and every commit attempt of this sale reuses them.
 */
export interface Sale {
  key: string;
  receiptNumber: string;
  who: Who;
  lines: SaleLine[];
  couponCodes: string[];
  usePoints: boolean;
  points: number | undefined;
  method: 'card' | 'cash';
}

/**
 * What the cashier typed or scanned at "who is it": a phone number in any form (+90, 0, spaces,
 * dashes, brackets: at most 12 digits), else a loyalty card (letters, or a longer number).
 */
export function identifyBy(text: string): { phone: string } | { cardNumber: string } {
  const value = text.trim();
  return /^\+?[\d\s().-]+$/.test(value) && value.replace(/\D/g, '').length <= 12 ? { phone: value } : { cardNumber: value };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "IST-01-261123-140512-7KQ4": the store, the till's date and time and four random symbols. */
export function receiptNumberFor(storeCode: string, at = new Date()): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const random = Array.from(crypto.getRandomValues(new Uint8Array(4)), (b) => alphabet[b % alphabet.length]).join('');
  const date = `${String(at.getFullYear()).slice(2)}${pad(at.getMonth() + 1)}${pad(at.getDate())}`;
  const time = `${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
  return `${storeCode.slice(0, 40)}-${date}-${time}-${random}`;
}

const STORE_KEY = 'muhtar.pos.store';

/** The till's store, remembered on this device. */
export function rememberedStore(): string | null {
  try {
    return localStorage.getItem(STORE_KEY);
  } catch {
    return null;
  }
}

export function rememberStore(code: string) {
  try {
    localStorage.setItem(STORE_KEY, code);
  } catch {}
}

/**
 * A coupon code as the server compares it (loyalty engine normalizeCode): diacritics dropped, the
 * dotless ı folded, spaces and dashes removed, upper case — "yılbaşı-2025" is "YILBASI2025".
 */
export const tidyCode = (code: string) =>
  code
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ı/g, 'i')
    .replace(/[\s\p{Pd}]/gu, '')
    .toUpperCase();
