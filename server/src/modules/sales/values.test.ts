import { describe, expect, it } from 'vitest';
import { amountOf, occurredAtOf, quantityOf } from './import/row';
import {
  CLAIM_ALPHABET,
  grossOf,
  milliOf,
  milliText,
  newClaimCode,
  normalizeClaimCode,
  refundShares,
  toMilli,
  unitPriceForTotal,
} from './values';

describe('quantities and line amounts', () => {
  it('keeps quantities as exact thousandths', () => {
    expect(toMilli(1.5)).toBe(1500);
    expect(toMilli(0.333)).toBe(333);
    expect(toMilli(1.2345)).toBeNull();
    expect(milliText(1500)).toBe('1.500');
    expect(milliText(7)).toBe('0.007');
    expect(milliOf('12.250')).toBe(12250);
    expect(milliOf('3')).toBe(3000);
  });

  it('rounds quantity × unit price half up in integers', () => {
    expect(grossOf(1000, 1999)).toBe(1999);
    expect(grossOf(333, 1000)).toBe(333);
    expect(grossOf(1500, 3)).toBe(5); // 4.5 → 5
    expect(grossOf(2000, 4_503_599_627_370_496)).toBe(9_007_199_254_740_992);
  });

  it('derives a whole-kuruş unit price from an imported line total, the difference as discount', () => {
    for (const [q, total] of [
      [2000, 2933],
      [2000, 2973],
      [3000, 6334],
      [1000, 1496],
      [250, 1001],
    ]) {
      const { unitPrice, lineDiscount } = unitPriceForTotal(q, total);
      expect(lineDiscount).toBeGreaterThanOrEqual(0);
      expect(grossOf(q, unitPrice) - lineDiscount).toBe(total);
      expect(grossOf(q, unitPrice - 1)).toBeLessThan(total);
    }
  });
});

describe('refund shares', () => {
  const line = (lineTotal: number, bought: number, returned: number, returning: number, refundedBefore = 0) => ({
    lineTotal,
    boughtMilli: bought * 1000,
    returnedMilli: returned * 1000,
    returningMilli: returning * 1000,
    refundedBefore,
  });

  it('refunds a whole line exactly', () => {
    expect(refundShares([line(9999, 3, 0, 3)])).toEqual([9999]);
  });

  it('adds up to the line total when a line comes back in parts', () => {
    let refunded = 0;
    const parts: number[] = [];
    for (let k = 0; k < 3; k++) {
      const [share] = refundShares([line(1000, 3, k, 1, refunded)]);
      parts.push(share);
      refunded += share;
    }
    expect(parts).toEqual([333, 334, 333]);
    expect(refunded).toBe(1000);
  });

  it('rounds the lines of one return together by largest remainder', () => {
    // Exact shares 33.33…, 33.33…, 33.33… → 100 in total, not 99.
    const shares = refundShares([line(100, 3, 0, 1), line(100, 3, 0, 1), line(100, 3, 0, 1)]);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(100);
    expect(shares).toEqual([34, 33, 33]);
  });

  it('never refunds more than is left of a line', () => {
    const shares = refundShares([line(1, 3, 1, 1, 1)]);
    expect(shares).toEqual([0]);
    expect(refundShares([line(1, 3, 2, 1, 1)])).toEqual([0]);
  });

  it('handles weighed goods', () => {
    // 1.250 kg for 3125 kuruş; 0.5 kg back is 1250.
    expect(refundShares([{ lineTotal: 3125, boughtMilli: 1250, returnedMilli: 0, returningMilli: 500, refundedBefore: 0 }])).toEqual([
      1250,
    ]);
  });
});

describe('claim codes', () => {
  it('are ten symbols without 0, O, 1 or I', () => {
    const codes = new Set(Array.from({ length: 2000 }, newClaimCode));
    expect(codes.size).toBe(2000);
    for (const c of codes) {
      expect(c).toMatch(/^[2-9A-HJ-NP-Z]{10}$/);
      for (const ch of c) expect(CLAIM_ALPHABET).toContain(ch);
    }
  });

  it('forgive case, spaces and dashes', () => {
    expect(normalizeClaimCode(' abcde-fghjk ')).toBe('ABCDEFGHJK');
  });
});

describe('import values', () => {
  const tz = 'Europe/Istanbul';
  it('reads dates in the org time zone in every accepted form', () => {
    expect(occurredAtOf('2026-03-02', tz)?.toISOString()).toBe('2026-03-01T21:00:00.000Z');
    expect(occurredAtOf('20260302', tz)?.toISOString()).toBe('2026-03-01T21:00:00.000Z');
    expect(occurredAtOf(19970101, tz)?.toISOString()).toBe('1996-12-31T22:00:00.000Z');
    expect(occurredAtOf('02.03.2026', tz)?.toISOString()).toBe('2026-03-01T21:00:00.000Z');
    expect(occurredAtOf('02.03.2026 14:30', tz)?.toISOString()).toBe('2026-03-02T11:30:00.000Z');
    expect(occurredAtOf('2/3/2026 09:05:07', tz)?.toISOString()).toBe('2026-03-02T06:05:07.000Z');
    expect(occurredAtOf('2026-03-02T14:30:00', tz)?.toISOString()).toBe('2026-03-02T11:30:00.000Z');
    expect(occurredAtOf('2026-03-02 14:30', tz)?.toISOString()).toBe('2026-03-02T11:30:00.000Z');
    expect(occurredAtOf('2026-03-01T22:30:00Z', tz)?.toISOString()).toBe('2026-03-01T22:30:00.000Z');
    expect(occurredAtOf('2026-03-02T01:30:00+0300', tz)?.toISOString()).toBe('2026-03-01T22:30:00.000Z');
    // A spreadsheet date cell holds the wall clock in its UTC fields.
    expect(occurredAtOf(new Date(Date.UTC(2026, 2, 2, 14, 30)), tz)?.toISOString()).toBe('2026-03-02T11:30:00.000Z');
    expect(occurredAtOf(46083.5, tz)?.toISOString()).toBe('2026-03-02T09:00:00.000Z');
    for (const bad of ['2026-02-30', '31.02.2026', '2026-03-02 25:00', 'yesterday', '2026/03/02', ''])
      expect(occurredAtOf(bad, tz)).toBeNull();
  });

  it('reads quantities and amounts with . or Turkish , decimals', () => {
    expect(quantityOf('2')).toBe(2000);
    expect(quantityOf('1,5')).toBe(1500);
    expect(quantityOf('0.250')).toBe(250);
    expect(quantityOf(3)).toBe(3000);
    for (const bad of ['0', '-1', '1,2345', 'iki', '1.000,5']) expect(quantityOf(bad)).toBeNull();
    expect(amountOf('29.33', 'TRY')).toBe(2933);
    expect(amountOf('29,33', 'TRY')).toBe(2933);
    expect(amountOf('1.234,50', 'TRY')).toBe(123450);
    expect(amountOf('₺12,5', 'TRY')).toBe(1250);
    expect(amountOf(14.96, 'TRY')).toBe(1496);
    for (const bad of ['-5', 'abc', '1,2,3']) expect(amountOf(bad, 'TRY'), bad).toBeNull();
  });
});
