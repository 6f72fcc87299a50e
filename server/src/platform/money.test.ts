import { describe, expect, it } from 'vitest';
import { addMoney, allocate, formatMoney, money, parseMoney, subtractMoney } from './money';

describe('money', () => {
  it('builds a value in minor units with TRY by default', () => {
    expect(money(123450)).toEqual({ amount: 123450, currency: 'TRY' });
    expect(money(-5, 'EUR')).toEqual({ amount: -5, currency: 'EUR' });
  });

  it('rejects non-integers, unsafe integers and bad currency codes', () => {
    for (const amount of [1.5, 0.1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(() => money(amount), String(amount)).toThrow(RangeError);
    }
    for (const currency of ['try', 'TL', 'TRYY', '']) {
      expect(() => money(1, currency), currency).toThrow(RangeError);
    }
  });
});

describe('addMoney / subtractMoney', () => {
  it('adds and subtracts amounts of one currency', () => {
    expect(addMoney(money(1050), money(250))).toEqual(money(1300));
    expect(subtractMoney(money(1050), money(2050))).toEqual(money(-1000));
  });

  it('throws on a currency mismatch', () => {
    expect(() => addMoney(money(1), money(1, 'USD'))).toThrow(/currency mismatch/);
    expect(() => subtractMoney(money(1, 'EUR'), money(1))).toThrow(RangeError);
  });

  it('throws when the result leaves the safe integer range', () => {
    expect(() => addMoney(money(Number.MAX_SAFE_INTEGER), money(1))).toThrow(RangeError);
  });
});

describe('parseMoney', () => {
  it.each([
    ['1.234,50', 123450],
    ['1234,5', 123450],
    ['1234.50', 123450],
    ['₺1.234,50', 123450],
    ['12', 1200],
    ['0', 0],
    ['0,05', 5],
    ['1,234.50', 123450],
    ['1.234', 123400],
    ['12,345', 1234500],
    ['1.234.567,89', 123456789],
    ['1,234,567', 123456700],
    ['  ₺ 99,9  ', 9990],
    ['1.234,50 TL', 123450],
    ['250 tl', 25000],
    ['TRY 10', 1000],
    ['-12,50', -1250],
    ['-₺12,50', -1250],
    ['₺-12,50', -1250],
    ['-0', 0],
    ['12,00', 1200],
    ['12,500', 1250000],
    ['1,234', 123400],
    ['0,500', 50],
    ['90.071.992.547.409,91', Number.MAX_SAFE_INTEGER],
  ])('%j → %i kuruş', (text, expected) => {
    expect(parseMoney(text)).toBe(expected);
  });

  it('never goes through floats', () => {
    // 1.15 * 100 === 114.99999999999999 and 0.29 * 100 === 28.999999999999996 in floating point.
    expect(parseMoney('1,15')).toBe(115);
    expect(parseMoney('0.29')).toBe(29);
    expect(parseMoney('4.35')).toBe(435);
  });

  it('uses the currency’s own minor units and symbols', () => {
    expect(parseMoney('$1,234.5', 'USD')).toBe(123450);
    expect(parseMoney('€ 3,20', 'EUR')).toBe(320);
    expect(parseMoney('1.234', 'JPY')).toBe(1234);
    expect(() => parseMoney('1,5', 'JPY')).toThrow(RangeError);
    expect(() => parseMoney('₺12', 'USD')).toThrow(RangeError);
  });

  it.each([
    '',
    '   ',
    'abc',
    '₺',
    '12abc',
    '1,2,3',
    '1.23.4',
    '1.234,5,6',
    '1,2.5',
    ',50',
    '12,',
    '01.234',
    '0.001,5',
    '12,345,6',
    '1234,567',
    '0,001',
    '--5',
    '-₺-5',
    '₺5₺',
    '5 $',
    '1e3',
    'Infinity',
    '9.007.199.254.740.992',
  ])('rejects %j', (text) => {
    expect(() => parseMoney(text)).toThrow(RangeError);
  });
});

describe('formatMoney', () => {
  it('prints what Node’s ICU prints for tr-TR', () => {
    expect(formatMoney(123450)).toBe('₺1.234,50');
    expect(formatMoney(-123450)).toBe('-₺1.234,50');
    expect(formatMoney(0)).toBe('₺0,00');
    expect(formatMoney(5)).toBe('₺0,05');
    expect(formatMoney(-5)).toBe('-₺0,05');
    expect(formatMoney(100_000_000)).toBe('₺1.000.000,00');
  });

  it('uses the narrow symbol in other locales', () => {
    expect(formatMoney(123450, 'TRY', 'en-US')).toBe('₺1,234.50');
    expect(formatMoney(-123450, 'TRY', 'en-US')).toBe('-₺1,234.50');
    expect(formatMoney(123450, 'USD')).toBe('$1.234,50');
    expect(formatMoney(1234, 'JPY')).toBe('¥1.234');
  });

  it('is exact up to the largest safe integer', () => {
    // As a float, 9007199254740991 / 100 cannot hold the last kuruş digit exactly.
    expect(formatMoney(Number.MAX_SAFE_INTEGER)).toBe('₺90.071.992.547.409,91');
  });

  it('round-trips with parseMoney', () => {
    for (const amount of [0, 1, 99, 123450, -987654321, Number.MAX_SAFE_INTEGER]) {
      expect(parseMoney(formatMoney(amount))).toBe(amount);
    }
  });

  it('rejects amounts that are not minor-unit integers', () => {
    expect(() => formatMoney(12.5)).toThrow(RangeError);
  });
});

describe('allocate', () => {
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

  it('splits by largest remainder, ties to the earlier weight', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(101, [1, 1, 1])).toEqual([34, 34, 33]);
    expect(allocate(100, [1, 2, 3])).toEqual([17, 33, 50]);
    expect(allocate(5, [0, 1, 0])).toEqual([0, 5, 0]);
  });

  it('gives the leftover to the largest remainder, not the first line', () => {
    // exact shares 3.3, 3.3, 3.4 → floors 3, 3, 3 → the spare unit goes to the third.
    expect(allocate(10, [33, 33, 34])).toEqual([3, 3, 4]);
  });

  it('splits a discount over receipt lines proportionally to their totals', () => {
    const lines = [4990, 12900, 2500, 110];
    const parts = allocate(1999, lines);
    expect(sum(parts)).toBe(1999);
    // exact 486.59, 1257.90, 243.78, 10.73: the 3 spare kuruş go to .90, .78, .73
    expect(parts).toEqual([486, 1258, 244, 11]);
  });

  it('handles negative amounts symmetrically', () => {
    expect(allocate(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(Object.is(allocate(-1, [1, 1])[1], 0)).toBe(true);
  });

  it('always sums exactly to the amount', () => {
    let seed = 42;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let t = 0; t < 500; t++) {
      const weights = Array.from({ length: 1 + rnd(8) }, () => rnd(100_000));
      if (sum(weights) === 0) weights[0] = 1;
      const amount = rnd(10_000_000) - 5_000_000;
      const parts = allocate(amount, weights);
      expect(sum(parts)).toBe(amount);
      parts.forEach((p, i) => {
        const exact = (amount * (weights[i] as number)) / sum(weights);
        expect(Math.abs(p - exact)).toBeLessThan(1);
      });
    }
  });

  it('is exact when amount × weight exceeds 2^53', () => {
    const parts = allocate(9_000_000_000_000, [3_000_000_001, 6_000_000_000]);
    expect(sum(parts)).toBe(9_000_000_000_000);
    expect(parts).toEqual([3_000_000_000_667, 5_999_999_999_333]);
  });

  it('rejects bad input', () => {
    expect(() => allocate(100, [])).toThrow(RangeError);
    expect(() => allocate(100, [0, 0])).toThrow(RangeError);
    expect(() => allocate(100, [1, -1])).toThrow(RangeError);
    expect(() => allocate(100, [0.5, 1])).toThrow(RangeError);
    expect(() => allocate(1.5, [1])).toThrow(RangeError);
    expect(allocate(0, [0, 0])).toEqual([0, 0]);
  });
});
