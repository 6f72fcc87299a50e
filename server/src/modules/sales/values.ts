/**
 * Pure arithmetic and value rules of the sales module: quantities, line totals, refunds, claim
 * codes and content hashes. No database here, so every rule is tested on its own.
 */
import { createHash, randomBytes } from 'node:crypto';
import { invalidField } from '../../platform/http/problem';

/** numeric(12,3): at most 999,999,999.999 of anything. */
export const MAX_QUANTITY_MILLI = 999_999_999_999;
/** Amounts a column holds safely in JS and in bigint. */
export const MAX_AMOUNT = Number.MAX_SAFE_INTEGER;

/** A quantity as an integer count of thousandths (1.5 kg → 1500); null when it has more than three decimals. */
export function toMilli(quantity: number): number | null {
  if (!Number.isFinite(quantity)) return null;
  const milli = Math.round(quantity * 1000);
  return Math.abs(quantity * 1000 - milli) < 1e-6 ? milli : null;
}

/** Thousandths back to the numeric text PostgreSQL stores: 1500 → "1.500". */
export function milliText(milli: number): string {
  const sign = milli < 0 ? '-' : '';
  const abs = Math.abs(milli);
  return `${sign}${Math.trunc(abs / 1000)}.${String(abs % 1000).padStart(3, '0')}`;
}

/** numeric text from the database ("1.500") → thousandths, exactly (no float parsing). */
export function milliOf(text: string | number): number {
  const s = String(text);
  const m = /^(-?)(\d+)(?:\.(\d{0,3})\d*)?$/.exec(s);
  if (!m) throw new RangeError(`not a quantity: ${s}`);
  const v = Number(m[2]) * 1000 + Number((m[3] ?? '').padEnd(3, '0'));
  return m[1] ? -v : v;
}

/** round(quantity × unit price), half up, in integer arithmetic: 0.333 kg × 1000 kuruş → 333. */
export function grossOf(quantityMilli: number, unitPrice: number): number {
  const product = BigInt(quantityMilli) * BigInt(unitPrice);
  return Number((product + 500n) / 1000n);
}

export interface LineAmounts {
  gross: number;
  lineDiscount: number;
  lineTotal: number;
}

/** The amounts of a line; 400 when the discount is larger than the line or the numbers overflow. */
export function lineAmounts(quantityMilli: number, unitPrice: number, lineDiscount: number, field: string): LineAmounts {
  const gross = grossOf(quantityMilli, unitPrice);
  if (!Number.isSafeInteger(gross)) throw invalidField(`${field}/unitPrice`, 'amount_too_large', 'sales.amount_too_large');
  if (lineDiscount > gross) throw invalidField(`${field}/lineDiscount`, 'discount_exceeds_line', 'sales.discount_exceeds_line');
  return { gross, lineDiscount, lineTotal: gross - lineDiscount };
}

/**
 * The unit price a historical line had when the file gives only its total: the smallest whole
 * kuruş price whose line is not below the total, the difference kept as the line's discount, so
 * line_total = round(quantity × unit_price) − line_discount holds for imported lines too.
 */
export function unitPriceForTotal(quantityMilli: number, lineTotal: number): { unitPrice: number; lineDiscount: number } {
  if (quantityMilli <= 0) return { unitPrice: 0, lineDiscount: 0 };
  let unitPrice = Number((BigInt(lineTotal) * 1000n + BigInt(quantityMilli) - 1n) / BigInt(quantityMilli));
  // Rounding half up can make a cheaper price reach the total already.
  while (unitPrice > 0 && grossOf(quantityMilli, unitPrice - 1) >= lineTotal) unitPrice--;
  return { unitPrice, lineDiscount: grossOf(quantityMilli, unitPrice) - lineTotal };
}

/** One original line being (partly) returned. */
export interface RefundLine {
  /** The original line's net total (after its discounts). */
  lineTotal: number;
  /** Quantity bought, already returned and being returned now, in thousandths. */
  boughtMilli: number;
  returnedMilli: number;
  returningMilli: number;
  /** Refunded for this line by earlier returns. */
  refundedBefore: number;
}

/**
 * Refund amounts, pro rata of each line's net total. Each line's fair share is cumulative —
 * lineTotal × (returned + returning) / bought − refunded before — so a line returned in several
 * parts refunds exactly its total in the end. The shares of one return are rounded together by
 * largest remainder (their sum is the rounded sum of the exact shares), and never exceed what
 * is left of the line; a return that completes a line refunds exactly what is left.
 */
export function refundShares(lines: RefundLine[]): number[] {
  const left = lines.map((l) => l.lineTotal - l.refundedBefore);
  // Exact share of each line as a fraction num / den (den = bought > 0).
  const exact = lines.map((l) => {
    const den = BigInt(l.boughtMilli);
    const num = BigInt(l.lineTotal) * BigInt(l.returnedMilli + l.returningMilli) - BigInt(l.refundedBefore) * den;
    return { num: num < 0n ? 0n : num, den };
  });
  const out = lines.map(() => 0);
  const open: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.returnedMilli + l.returningMilli >= l.boughtMilli) out[i] = Math.max(0, left[i]);
    else {
      out[i] = Math.min(Math.max(0, left[i]), Number(exact[i].num / exact[i].den));
      open.push(i);
    }
  }
  if (open.length === 0) return out;
  // Sum of the open exact shares, rounded half up, as a common fraction.
  let sumNum = 0n;
  let sumDen = 1n;
  for (const i of open) {
    sumNum = sumNum * exact[i].den + exact[i].num * sumDen;
    sumDen *= exact[i].den;
  }
  const target = Number((2n * sumNum + sumDen) / (2n * sumDen));
  let extra = target - open.reduce((s, i) => s + out[i], 0);
  // Largest remainders first (ties: the earlier line), only where something is left to refund.
  const remainder = (i: number) => ({ num: exact[i].num % exact[i].den, den: exact[i].den });
  const order = [...open].sort((a, b) => {
    const ra = remainder(a);
    const rb = remainder(b);
    const diff = ra.num * rb.den - rb.num * ra.den;
    return diff > 0n ? -1 : diff < 0n ? 1 : a - b;
  });
  for (const i of order) {
    if (extra <= 0) break;
    if (remainder(i).num > 0n && out[i] < left[i]) {
      out[i]++;
      extra--;
    }
  }
  return out;
}

/** Claim codes: no 0/O, 1/I; 32 symbols, so each random byte's low five bits pick one without bias. */
export const CLAIM_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const CLAIM_CODE_LENGTH = 10;
export const CLAIM_DAYS = 30;

export function newClaimCode(): string {
  const bytes = randomBytes(CLAIM_CODE_LENGTH);
  let code = '';
  for (const b of bytes) code += CLAIM_ALPHABET[b & 31];
  return code;
}

/** What a person typed or a scanner read: case, spaces and dashes do not matter. */
export function normalizeClaimCode(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}

export const claimExpiresAt = (createdAt: Date) => new Date(createdAt.getTime() + CLAIM_DAYS * 86_400_000);

/** SHA-256 of a canonical JSON form (keys sorted), for "same content?" checks of natural keys. */
export function contentHash(value: unknown): string {
  const canonical = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canonical);
    if (v && typeof v === 'object' && !(v instanceof Date)) {
      return Object.fromEntries(
        Object.keys(v as object)
          .sort()
          .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
          .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
      );
    }
    return v instanceof Date ? v.toISOString() : v;
  };
  return createHash('sha256')
    .update(JSON.stringify(canonical(value)))
    .digest('hex');
}

/** A sales channel: a lower-case slug (web, shopify, ideasoft, trendyol, hepsiburada…). */
export const CHANNEL = /^[a-z0-9][a-z0-9_-]{0,29}$/;

export const PAYMENT_METHODS = ['cash', 'card', 'points', 'voucher', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const ORDER_STATUSES = ['created', 'paid', 'shipped', 'delivered', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * The order lifecycle. Cash on delivery ships before it is paid; click & collect is delivered
 * from paid when the customer picks it up. Delivered and cancelled are final.
 */
export const ORDER_TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  created: ['paid', 'shipped', 'cancelled'],
  paid: ['shipped', 'delivered', 'cancelled'],
  shipped: ['delivered'],
  delivered: [],
  cancelled: [],
};

/** Orders goods have left with: these can be returned. */
export const RETURNABLE_ORDER_STATUSES: readonly OrderStatus[] = ['shipped', 'delivered'];
